"""What event extraction and linking return: plain, frozen dataclasses with a JSON form.

One sentence of one article yields :class:`EventMention` records (``extract_events``); linking
(``link``) groups the mentions of one real-world event, across sentences and articles, into an
:class:`Event`; ``related`` ranks events for a document as :class:`RelatedEvent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from indexer.model import PartialDate, Precision

EventType = Literal[
    "MEET",
    "VISIT",
    "AGREE",
    "STATEMENT",
    "APPEAL",
    "REJECT",
    "SUPPLY",
    "MILITARY",
    "PROTEST",
    "LEGAL",
    "ELECTION",
    "DISASTER",
    "OTHER",
    "DEATH",
    "INJURY",
    "ATTACK",
    "ARREST",
    "TRIAL",
    "SENTENCE",
    "RELEASE",
    "APPOINT",
    "RESIGN",
    "ACQUIRE",
    "LAUNCH",
    "CONTRACT",
    "EARTHQUAKE",
    "FIRE",
    "FLOOD",
    "CRASH",
]
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)
"""The vocabulary: CAMEO-like root categories (MEET … DISASTER, OTHER) and the usual news types of ACE
2005 (DEATH … CRASH); docs/events.md has one line each."""

FAMILY: dict[EventType, EventType] = {
    "ARREST": "LEGAL",
    "TRIAL": "LEGAL",
    "SENTENCE": "LEGAL",
    "RELEASE": "LEGAL",
    "EARTHQUAKE": "DISASTER",
    "FIRE": "DISASTER",
    "FLOOD": "DISASTER",
    "CRASH": "DISASTER",
}
"""A subtype → the type it belongs to: asking for LEGAL finds arrests, trials, sentences and releases
too; asking for DISASTER finds earthquakes, fires, floods and crashes."""


def family(kind: str) -> tuple[str, ...]:
    """``kind`` and its subtypes (:data:`FAMILY`): what a filter on ``kind`` matches."""
    return (kind, *(sub for sub, parent in FAMILY.items() if parent == kind))


_PRECISIONS: dict[int, Precision] = {10: "day", 7: "month", 4: "year"}


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an event is reported: a sentence of the cleaned text of ``doc_id`` and its trigger word.

    Offsets count code points of the cleaned article text (``Article.text``), like entity offsets.
    """

    doc_id: str
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int

    def as_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        return cls(
            str(data["doc_id"]),
            int(data["sentence_start"]),
            int(data["sentence_end"]),
            int(data["trigger_start"]),
            int(data["trigger_end"]),
        )


@dataclass(frozen=True, slots=True)
class EventMention:
    """What one sentence reports: an event as that sentence tells it.

    ``actors`` are canonical entity names, the doer first. ``affiliations`` are the places that
    qualify an actor in the sentence without being actors themselves ("Presiden *China* Xi Jinping"):
    linking and ranking use them as weaker evidence. ``place`` is where it happened (or the
    destination of a visit); ``date`` comes from the sentence, else the publication date, else None.
    """

    type: EventType
    actors: tuple[str, ...]
    place: str | None
    date: PartialDate | None
    summary: str
    mention: Mention
    trigger: str = ""
    """The trigger word as written (``bertemu``, ``signed``)."""
    affiliations: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "actors": list(self.actors),
            "place": self.place,
            "date": date_json(self.date),
            "summary": self.summary,
            "trigger": self.trigger,
            "affiliations": list(self.affiliations),
            "mention": self.mention.as_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventMention:
        return cls(
            type=_event_type(data["type"]),
            actors=tuple(str(a) for a in data.get("actors", ())),
            place=data.get("place"),
            date=date_from_json(data.get("date")),
            summary=str(data.get("summary", "")),
            mention=Mention.from_json(data["mention"]),
            trigger=str(data.get("trigger", "")),
            affiliations=tuple(str(a) for a in data.get("affiliations", ())),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event with every sentence, in every article, that reports it.

    ``id`` is deterministic: the same mentions always give the same id (see :mod:`.link`).
    """

    id: str
    type: EventType
    actors: tuple[str, ...]
    place: str | None
    date: PartialDate | None
    summary: str
    mentions: tuple[Mention, ...]
    affiliations: tuple[str, ...] = ()

    @property
    def doc_ids(self) -> tuple[str, ...]:
        """The articles that report it, each once, in mention order."""
        return tuple(dict.fromkeys(m.doc_id for m in self.mentions))

    def names(self) -> frozenset[str]:
        """Actors, place and affiliations: what :func:`related` matches on."""
        found = set(self.actors) | set(self.affiliations)
        if self.place:
            found.add(self.place)
        return frozenset(found)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "actors": list(self.actors),
            "place": self.place,
            "date": date_json(self.date),
            "summary": self.summary,
            "affiliations": list(self.affiliations),
            "mentions": [m.as_json() for m in self.mentions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=str(data["id"]),
            type=_event_type(data["type"]),
            actors=tuple(str(a) for a in data.get("actors", ())),
            place=data.get("place"),
            date=date_from_json(data.get("date")),
            summary=str(data.get("summary", "")),
            mentions=tuple(Mention.from_json(m) for m in data.get("mentions", ())),
            affiliations=tuple(str(a) for a in data.get("affiliations", ())),
        )


@dataclass(frozen=True, slots=True)
class RelatedEvent:
    """An event ranked for a document: the names it shares with the document, and its score."""

    event: Event
    shared: tuple[str, ...]
    score: float
    own: bool = False
    """The document itself reports this event."""
    same_event: bool = False
    """Another article of the document's story reports it (:mod:`indexer.language.stories`): the same
    real-world event, not merely one that shares names."""

    def as_json(self) -> dict[str, Any]:
        score = None if self.own or self.same_event else round(self.score, 4)
        return {
            "event": self.event.as_json(),
            "shared": list(self.shared),
            "score": score,
            "own": self.own,
            "same_event": self.same_event,
        }


def date_json(date: PartialDate | None) -> str | None:
    """A date as its ISO string, whose length gives its precision (``2023-03-01``, ``2022-02``, ``2013``)."""
    return date.iso if date is not None else None


def date_from_json(value: object) -> PartialDate | None:
    """Inverse of :func:`date_json`; anything unreadable is None."""
    if not isinstance(value, str) or len(value) not in _PRECISIONS:
        return None
    return PartialDate(value, _PRECISIONS[len(value)])


def _event_type(value: object) -> EventType:
    for kind in EVENT_TYPES:
        if value == kind:
            return kind
    return "OTHER"
