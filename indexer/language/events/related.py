"""Related events of a document: its own events first, then events of other articles that share
actors or places with the document's events and entities, ranked by what they share and how close
in time they are.

:func:`related` ranks a given list of candidate events (whatever the caller fetched from storage by
name); :class:`EventIndex` is the in-memory structure that fetches them: events by name, each name's
events sorted by date, so that a name shared by thousands of events costs only its events nearest in
time, and a weight per name that makes rare shared names count more than "China" or "United States".
"""

from __future__ import annotations

import datetime
import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence

from indexer.language.events.link import date_distance
from indexer.language.events.model import Event, RelatedEvent
from indexer.model import PartialDate

__all__ = ["EventIndex", "common_names", "related", "score_floor"]

ACTOR_BOTH = 1.5
"""A name that is an actor of the candidate and of one of the document's own events."""
ACTOR = 1.0
"""An actor of the candidate that the document names (as an entity or in an event)."""
PLACE = 0.6
"""A place or affiliation of the candidate that the document names."""
SAME_TYPE = 0.25
"""Bonus when the candidate has the type of one of the document's events (another meeting)."""
COMMON_SHARE = 0.01
COMMON_EVENTS = 20
"""A name given by this share of the events, and by at least :data:`COMMON_EVENTS` of them ("United
States", "Jokowi"), is common: a candidate tied to the document by one common name alone is left out."""


RELATED_FLOOR = 0.65
"""A related event (not of the story) is listed only if its score reaches this share of the weight of
a name given by one event only (``log(1 + events)``): on ECB+ topics 1–35 this keeps about one in four
of what one shared name would list, and the share of listed articles in the same sub-topic goes from
0.65 to 0.85 (``bench/stories_score.py``)."""


FLOOR_EVENTS = 100
"""Below this many events in the index, how rare a name is says little: no floor."""


def score_floor(total_events: int) -> float:
    """The least score of a related event listed, in an index of ``total_events`` events."""
    return RELATED_FLOOR * math.log(1.0 + total_events) if total_events >= FLOOR_EVENTS else 0.0


def common_names(counts: Mapping[str, int], total: int) -> frozenset[str]:
    """The names of ``counts`` (events naming each, of ``total`` events) that are common."""
    floor = max(COMMON_EVENTS, COMMON_SHARE * total)
    return frozenset(name for name, events in counts.items() if events >= floor)


HALF_LIFE_DAYS = 30.0
UNDATED_CLOSENESS = 0.3


def _closeness(date: PartialDate | None, references: Sequence[PartialDate]) -> float:
    """1 for the same day (or containing dates), falling with the distance in days; a constant for
    undated events or documents."""
    if date is None or not references:
        return UNDATED_CLOSENESS
    distances = [d for d in (date_distance(date, r) for r in references) if d is not None]
    if not distances:
        return UNDATED_CLOSENESS
    return 1.0 / (1.0 + min(distances) / HALF_LIFE_DAYS)


def related(
    doc_names: Iterable[str],
    doc_events: Sequence[Event],
    candidates: Iterable[Event],
    limit: int = 20,
    *,
    doc_date: PartialDate | None = None,
    weights: Mapping[str, float] | None = None,
    same_story: Sequence[Event] = (),
    common: frozenset[str] = frozenset(),
    min_score: float = 0.0,
) -> list[RelatedEvent]:
    """The document's own events (``doc_events``, as given, ``own=True``); then the events the other
    articles of its story report (``same_story``, as given, ``same_event=True``); then, up to
    ``limit`` entries in all after the own events, the best candidates that share at least one name
    with the document (not by one of the ``common`` names alone) and score at least ``min_score``, best
    first.

    ``doc_names``: canonical names of the document's entities. A candidate's score sums, over the
    names it shares, the name's weight (``weights``, default 1) times :data:`ACTOR_BOTH`,
    :data:`ACTOR` or :data:`PLACE`, plus :data:`SAME_TYPE`, times ``0.4 + 0.6 × closeness`` in time to
    the nearest date of the document's events (or ``doc_date``). Ties: earlier date, then id.
    """
    names = set(doc_names)
    own_ids = {event.id for event in doc_events}
    event_actors: set[str] = set()
    for event in doc_events:
        names |= event.names()
        event_actors.update(event.actors)
    references = [e.date for e in doc_events if e.date is not None] or ([doc_date] if doc_date else [])
    types = {event.type for event in doc_events}
    out = [RelatedEvent(event, tuple(sorted(names & event.names())), math.inf, own=True) for event in doc_events]
    seen: set[str] = set()
    story: list[RelatedEvent] = []
    for event in same_story:
        if event.id not in own_ids and event.id not in seen and len(story) < limit:
            seen.add(event.id)
            story.append(RelatedEvent(event, tuple(sorted(names & event.names())), math.inf, same_event=True))
    scored: list[RelatedEvent] = []
    for event in candidates:
        if event.id in own_ids or event.id in seen:
            continue
        seen.add(event.id)
        shared = event.names() & names
        if not shared or (len(shared) == 1 and shared <= common):
            continue
        base = 0.0
        for name in shared:
            weight = weights.get(name, 1.0) if weights is not None else 1.0
            if name in event.actors:
                base += weight * (ACTOR_BOTH if name in event_actors else ACTOR)
            else:
                base += weight * PLACE
        if event.type in types:
            base += SAME_TYPE
        score = base * (0.4 + 0.6 * _closeness(event.date, references))
        if score < min_score:
            continue
        ordered = sorted(shared, key=lambda n: (-(weights.get(n, 1.0) if weights else 1.0), n))
        scored.append(RelatedEvent(event, tuple(ordered), score))
    scored.sort(key=lambda r: (-r.score, r.event.date is None, r.event.date.iso if r.event.date else "", r.event.id))
    return out + story + scored[: max(0, limit - len(story))]


def _ordinal(date: PartialDate) -> int:
    try:
        if date.precision == "day":
            return datetime.date.fromisoformat(date.iso).toordinal()
        if date.precision == "month":
            return datetime.date(int(date.iso[:4]), int(date.iso[5:7]), 15).toordinal()
        return datetime.date(int(date.iso[:4]), 7, 1).toordinal()
    except ValueError:
        return 0


class EventIndex:
    """Events held in memory for :func:`related`: by id, by article, by name (sorted by date).

    Build it once from all events (``EventIndex(events)``); :meth:`related_to` then answers for one
    document from these lists only. ``per_name`` bounds the events taken for one shared name: the
    ones nearest in time to the document's dates (or the latest, for an undated document).
    """

    def __init__(self, events: Iterable[Event], per_name: int = 400) -> None:
        self.events: list[Event] = list(events)
        self.per_name = per_name
        self.by_id = {event.id: i for i, event in enumerate(self.events)}
        self.by_doc: dict[str, list[int]] = {}
        dated: dict[str, list[tuple[int, int]]] = {}
        undated: dict[str, list[int]] = {}
        for i, event in enumerate(self.events):
            for doc_id in event.doc_ids:
                self.by_doc.setdefault(doc_id, []).append(i)
            for name in event.names():
                if event.date is None:
                    undated.setdefault(name, []).append(i)
                else:
                    dated.setdefault(name, []).append((_ordinal(event.date), i))
        self._dated = {name: sorted(rows) for name, rows in dated.items()}
        self._dated_keys = {name: [row[0] for row in rows] for name, rows in self._dated.items()}
        self._undated = undated
        total = max(1, len(self.events))
        self.weights = {
            name: math.log(1.0 + total / (len(self._dated.get(name, ())) + len(undated.get(name, ()))))
            for name in set(self._dated) | set(undated)
        }

    def events_of(self, doc_id: str) -> list[Event]:
        """The events an article reports, in date order."""
        return [self.events[i] for i in self.by_doc.get(doc_id, ())]

    def candidates(self, names: Iterable[str], around: Sequence[PartialDate]) -> list[Event]:
        """Events that name any of ``names``, at most ``per_name`` a name, nearest ``around`` first."""
        picked: set[int] = set()
        centres: list[int | None] = [_ordinal(d) for d in around] or [None]
        half = max(1, self.per_name // (2 * len(centres)))
        for name in names:
            rows = self._dated.get(name)
            if rows:
                keys = self._dated_keys[name]
                for centre in centres:
                    at = len(rows) if centre is None else bisect_left(keys, centre)
                    low = max(0, at - (2 * half if centre is None else half))
                    picked.update(i for _, i in rows[low : at + half])
            picked.update(self._undated.get(name, ())[: max(1, self.per_name // 8)])
        return [self.events[i] for i in sorted(picked)]

    def related_to(
        self, doc_id: str, doc_names: Iterable[str], limit: int = 20, doc_date: PartialDate | None = None
    ) -> list[RelatedEvent]:
        """:func:`related` for an article of the index, its own events looked up by ``doc_id``."""
        names = set(doc_names)
        own = self.events_of(doc_id)
        for event in own:
            names |= event.names()
        around = [e.date for e in own if e.date is not None] or ([doc_date] if doc_date else [])
        return related(names, own, self.candidates(names, around), limit, doc_date=doc_date, weights=self.weights)
