"""One short English line that says what an event is, for sidebars and timelines.

The line is built from the event's type, actors and place (the *bare template*: "Joko Widodo makes a
statement", "Alexander Lukashenko meets Xi Jinping in Beijing") and, when the sentence tells it, what
the event is about (``what``): what a speaker said (``Joko Widodo: "Kami sepakat menaikkan …"``,
``Joko Widodo says the deal will …``), what an appeal asks, what an agreement agrees on; a disaster is
named by its kind (``Earthquake in Lombok``) when its trigger says it. :func:`says_something` tells an
event whose line is only the bare template.

``what`` is untrusted article text: it is cleaned (:func:`plain`: no control characters or terminal
escape sequences, one space between words) and shortened at a word boundary (:func:`shorten`), and
it stays plain data: never read it as Rich markup (the UI shows it with ``rich.text.Text``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.language.events.model import Event, EventMention, EventType

__all__ = ["MAX_WHAT", "plain", "says_something", "shorten", "summarize"]

MAX_WHAT = 72
"""At most this many characters of what an event is about (then "…")."""

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
_DISASTERS = (
    ("gempa", "Earthquake"),
    ("earthquake", "Earthquake"),
    ("quake", "Earthquake"),
    ("banjir", "Flood"),
    ("flood", "Flood"),
    ("longsor", "Landslide"),
    ("landslide", "Landslide"),
    ("tsunami", "Tsunami"),
    ("erupsi", "Eruption"),
    ("letusan", "Eruption"),
    ("eruption", "Eruption"),
    ("kebakaran", "Fire"),
    ("topan", "Typhoon"),
    ("typhoon", "Typhoon"),
    ("hurricane", "Hurricane"),
    ("badai", "Storm"),
    ("kecelakaan", "Accident"),
)
"""A disaster's trigger word (its start, lowercased) → the kind of disaster it names."""

_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_]?)|\x9b[0-?]*[ -/]*[@-~]?")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]+")
_SPACES = re.compile(r"\s+")
_TRIM = " ,;:-–—(“‘\"'"


def plain(text: str) -> str:
    """``text`` as one plain line: terminal escape sequences and control or invisible characters
    removed, runs of white space made one space, trimmed."""
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = MAX_WHAT) -> str:
    """:func:`plain` ``text`` cut to at most ``limit`` characters at a word boundary, "…" marking the cut."""
    text = plain(text)
    if len(text) <= limit:
        text = text.rstrip(" ,;:-–—")
        return text[:-1] if text.endswith(".") and text[-2:-1].islower() else text
    cut = text.rfind(" ", 0, limit + 1)
    if cut < limit // 2:  # one long word: cut inside it rather than keep nothing
        cut = limit
    return text[:cut].rstrip(_TRIM) + " …"


def summarize(
    kind: EventType,
    actors: Sequence[str],
    place: str | None,
    what: str = "",
    *,
    quoted: bool = False,
    trigger: str = "",
) -> str:
    """One short English line for a sidebar: "Alexander Lukashenko meets Xi Jinping in Beijing".

    ``what`` (article text, cleaned and shortened here) is what the event is about: what a speaker
    said (``quoted``: the speaker's own words, shown in quotation marks), what an appeal asks, what an
    agreement agrees on. ``trigger`` names a disaster's kind ("gempa": Earthquake).
    """
    bare = _bare(kind, actors, place, trigger)
    what = shorten(what) if what else ""
    if not what:
        return bare
    if kind == "STATEMENT" and actors:
        return f'{actors[0]}: "{what}"' if quoted else f"{actors[0]} says {what}"
    return f"{bare}: {what}"


def says_something(event: Event | EventMention) -> bool:
    """Whether the event's summary tells more than its bare template (type, actors and place): what
    was said, asked or agreed, or a disaster's kind. The sidebar may hide the others."""
    return event.summary != summarize(event.type, event.actors, event.place)


def _bare(kind: EventType, actors: Sequence[str], place: str | None, trigger: str) -> str:
    where = f" in {place}" if place and place not in actors[1:] else ""
    if kind in ("ELECTION", "DISASTER"):
        names = ", ".join(a for a in actors[:2] if a != place)
        head = f"{_disaster(trigger) if kind == 'DISASTER' else 'Election'}{where}"
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


def _disaster(trigger: str) -> str:
    lowered = trigger.lower()
    return next((kind for start, kind in _DISASTERS if lowered.startswith(start)), "Disaster")
