"""One short English line that says what an event is, for sidebars and timelines."""

from __future__ import annotations

from collections.abc import Sequence

from indexer.language.events.model import EventType

__all__ = ["summarize"]

_VERBS: dict[EventType, str] = {
    "MEET": "meets",
    "VISIT": "visits",
    "AGREE": "agrees with",
    "STATEMENT": "speaks about",
    "APPEAL": "appeals to",
    "REJECT": "rejects",
    "SUPPLY": "supplies",
    "MILITARY": "takes military action against",
    "PROTEST": "protests against",
    "LEGAL": "takes legal action against",
    "ELECTION": "election:",
    "DISASTER": "disaster:",
    "OTHER": "event with",
}
_ALONE: dict[EventType, str] = {
    "MEET": "holds a meeting",
    "VISIT": "makes a visit",
    "AGREE": "signs an agreement",
    "STATEMENT": "makes a statement",
    "APPEAL": "makes an appeal",
    "REJECT": "rejects a proposal",
    "SUPPLY": "supplies goods",
    "MILITARY": "military action",
    "PROTEST": "protest",
    "LEGAL": "legal action",
    "ELECTION": "election",
    "DISASTER": "disaster",
    "OTHER": "event",
}


def summarize(kind: EventType, actors: Sequence[str], place: str | None) -> str:
    """One short English line for a sidebar: "Alexander Lukashenko meets Xi Jinping in Beijing"."""
    where = f" in {place}" if place and place not in actors[1:] else ""
    if kind in ("ELECTION", "DISASTER"):
        names = ", ".join(a for a in actors[:2] if a != place)
        head = f"{kind.capitalize()}{where}"
        return f"{head} ({names})" if names else head
    if not actors:
        return f"{_ALONE[kind].capitalize()}{where}"
    others = list(actors[1:3])
    if not others:
        if kind == "VISIT" and place:
            return f"{actors[0]} visits {place}"
        return f"{actors[0]} {_ALONE[kind]}{where}"
    tail = " and ".join(others) + (" and others" if len(actors) > 3 else "")
    return f"{actors[0]} {_VERBS[kind]} {tail}{where}"
