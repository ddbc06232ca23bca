"""Events kept beside the index, in the catalogue's SQLite file: the mentions each article reports, and
the events linking makes of them, with what the timeline and related-event lookups need.

The mentions of an article are written in the same transaction as its catalogue row, so a changed or
pruned article takes its mentions with it. Linking is corpus-wide (one event may gather mentions from
many articles): after a run that changed mentions, :meth:`EventTables.relink` rebuilds the events
from all mentions; a flag in the same database says when that is due, so a run killed before it
leaves the next run to do it.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
import zlib
from collections.abc import Iterable, Sequence

from indexer.catalog.stories import StoryTables
from indexer.language.events import Event, EventMention, RelatedEvent, family, link, related
from indexer.language.events.link import LINK_VERSION
from indexer.language.events.related import common_names, score_floor
from indexer.model import PartialDate
from indexer.store.querylang import day_range

SCHEMA = """
CREATE TABLE IF NOT EXISTS mentions (doc_id TEXT NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS events (id TEXT PRIMARY KEY, type TEXT NOT NULL, day INTEGER, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE TABLE IF NOT EXISTS event_docs (event_id TEXT NOT NULL, doc_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_docs_doc ON event_docs(doc_id);
CREATE TABLE IF NOT EXISTS event_names (name TEXT NOT NULL, day INTEGER, event_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_names_name ON event_names(name, day);
CREATE TABLE IF NOT EXISTS name_counts (name TEXT PRIMARY KEY, events INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _pack(data: dict[str, object]) -> bytes:
    """Compact stored form of an event or mention (compressed JSON: a third of the size)."""
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def _unpack(blob: bytes) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(zlib.decompress(blob).decode("utf-8"))
    return loaded


PER_NAME = 200
"""Events fetched per shared name for ranking related events: the ones nearest in time."""
UNDATED = -1
"""``day`` of undated events in ``event_names`` (sorts before every date)."""


def _ordinal(iso: str, last: bool = False) -> int | None:
    """Day number of the first (or ``last``) day of an ISO date of any precision; None if not a date."""
    span = day_range(iso)
    if span is None:
        return None
    number = span[1] if last else span[0]
    year, month, day = number // 10000, number // 100 % 100, number % 100
    while day > 27:  # day_range ends every month on the 31st
        try:
            return datetime.date(year, month, day).toordinal()
        except ValueError:
            day -= 1
    try:
        return datetime.date(year, month, day).toordinal()
    except ValueError:
        return None


def _day(date: PartialDate | None) -> int | None:
    """Where an event sorts in time: the first day its date covers."""
    return _ordinal(date.iso) if date is not None else None


def _bound(value: str | None, last: bool) -> int | None:
    if not value:
        return None
    number = _ordinal(value, last)
    if number is None:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return number


class EventTables:
    """The event tables of a catalogue (its SQLite connection; the catalogue commits)."""

    def __init__(self, db: sqlite3.Connection, stories: StoryTables | None = None) -> None:
        self._db = db
        self._stories = stories
        db.executescript(SCHEMA)

    # writing -----------------------------------------------------------------

    def put_mentions(self, doc_id: str, mentions: Sequence[EventMention]) -> None:
        """Replace the mentions of an article (none: it reports no event)."""
        self._db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        self._db.executemany(
            "INSERT INTO mentions VALUES (?, ?)",
            ((doc_id, _pack(m.as_json())) for m in mentions),
        )
        self.mark_stale()

    def drop(self, doc_ids: Sequence[str]) -> None:
        """Forget the mentions of removed articles."""
        if doc_ids:
            self._db.executemany("DELETE FROM mentions WHERE doc_id = ?", ((i,) for i in doc_ids))
            self.mark_stale()

    def mark_stale(self) -> None:
        """Have the events linked again (the mentions or the stories changed)."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('stale', '1')")

    def is_stale(self) -> bool:
        """Whether mentions changed since the events were last linked, or the events were linked by
        other rules (:data:`indexer.language.events.link.LINK_VERSION`): relinking needs no re-extraction."""
        rows = dict(self._db.execute("SELECT key, value FROM meta WHERE key IN ('stale', 'link_version')").fetchall())
        if rows.get("stale") == "1":
            return True
        linked = self._db.execute("SELECT 1 FROM events LIMIT 1").fetchone() is not None
        return linked and rows.get("link_version") != LINK_VERSION

    def relink(self) -> int:
        """Rebuild every event from every mention (the caller commits); returns the number of events."""
        mentions = [EventMention.from_json(_unpack(row[0])) for row in self._db.execute("SELECT data FROM mentions")]
        story_of = self._stories.story_of() if self._stories is not None else None
        events = link(mentions, story_of)
        db = self._db
        for table in ("events", "event_docs", "event_names", "name_counts"):
            db.execute(f"DELETE FROM {table}")
        counts: dict[str, int] = {}
        rows: list[tuple[str, str, int | None, bytes]] = []
        docs: list[tuple[str, str]] = []
        names: list[tuple[str, int, str]] = []
        for event in events:
            day = _day(event.date)
            rows.append((event.id, event.type, day, _pack(event.as_json())))
            docs.extend((event.id, doc_id) for doc_id in event.doc_ids)
            for name in event.names():
                names.append((name, UNDATED if day is None else day, event.id))
                counts[name] = counts.get(name, 0) + 1
        db.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", rows)
        db.executemany("INSERT INTO event_docs VALUES (?, ?)", docs)
        db.executemany("INSERT INTO event_names VALUES (?, ?, ?)", names)
        db.executemany("INSERT INTO name_counts VALUES (?, ?)", counts.items())
        db.execute("INSERT OR REPLACE INTO meta VALUES ('stale', '0')")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('link_version', ?)", (LINK_VERSION,))
        return len(events)

    # reading -----------------------------------------------------------------

    def _events(self, sql: str, params: Iterable[object] = ()) -> list[Event]:
        return [Event.from_json(_unpack(row[0])) for row in self._db.execute(sql, tuple(params))]

    def count(self) -> int:
        """Number of linked events."""
        return int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def timeline(
        self,
        name: str | None = None,
        kind: str | None = None,
        start: str | None = None,
        end: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        """Events in time order (undated last): of one entity, of one type (with its subtypes:
        :func:`indexer.language.events.family`), between two dates.

        ``start`` and ``end`` are ISO dates of any precision; an event counts when its date falls
        inside, and dated filters leave undated events out. ``offset`` skips that many first events
        (the next page: ``timeline(..., limit=500, offset=500)``); :meth:`timeline_count` says how
        many there are in all.
        """
        where, params = self._timeline_filters(name, kind, start, end)
        sql = "SELECT data FROM events" + where + " ORDER BY day IS NULL, day, id"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params.extend((-1 if limit is None else limit, max(0, offset)))
        return self._events(sql, params)

    def timeline_count(
        self, name: str | None = None, kind: str | None = None, start: str | None = None, end: str | None = None
    ) -> int:
        """How many events :meth:`timeline` lists with the same filters and no limit."""
        where, params = self._timeline_filters(name, kind, start, end)
        return int(self._db.execute("SELECT COUNT(*) FROM events" + where, params).fetchone()[0])

    def timeline_types(
        self, name: str | None = None, start: str | None = None, end: str | None = None
    ) -> dict[str, int]:
        """The number of events :meth:`timeline` lists per event type (types without events left out)."""
        where, params = self._timeline_filters(name, None, start, end)
        rows = self._db.execute("SELECT type, COUNT(*) FROM events" + where + " GROUP BY type ORDER BY type", params)
        return {str(kind): int(count) for kind, count in rows}

    @staticmethod
    def _timeline_filters(
        name: str | None, kind: str | None, start: str | None, end: str | None
    ) -> tuple[str, list[object]]:
        """The ``WHERE`` clause (or "") of a timeline query and its parameters."""
        where: list[str] = []
        params: list[object] = []
        if name is not None:
            where.append("id IN (SELECT event_id FROM event_names WHERE name = ?)")
            params.append(name)
        if kind is not None:  # a type and its subtypes: DISASTER finds earthquakes too
            kinds = family(kind)
            where.append(f"type IN ({', '.join('?' * len(kinds))})")
            params.extend(kinds)
        first, last = _bound(start, last=False), _bound(end, last=True)
        if first is not None:
            where.append("day >= ?")
            params.append(first)
        if last is not None:
            where.append("day <= ?")
            params.append(last)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def largest(self, limit: int = 10) -> list[tuple[Event, int]]:
        """The events reported by the most articles, with their number of articles."""
        rows = self._db.execute(
            "SELECT event_id, COUNT(DISTINCT doc_id) AS n FROM event_docs GROUP BY event_id ORDER BY n DESC, event_id"
            " LIMIT ?",
            (limit,),
        ).fetchall()
        found = []
        for event_id, articles in rows:
            events = self._events("SELECT data FROM events WHERE id = ?", (event_id,))
            if events:
                found.append((events[0], int(articles)))
        return found

    def of_document(self, doc_id: str) -> list[Event]:
        """The events an article reports, in time order."""
        return self._events(
            "SELECT data FROM events WHERE id IN (SELECT event_id FROM event_docs WHERE doc_id = ?)"
            " ORDER BY day IS NULL, day, id",
            (doc_id,),
        )

    def _candidates(self, names: Iterable[str], around: Sequence[int]) -> list[Event]:
        """Events naming any of ``names``: per name, the :data:`PER_NAME` nearest in time to ``around``."""
        ids: set[str] = set()
        centres: list[int | None] = [*around] or [None]
        half = max(1, PER_NAME // (2 * len(centres)))
        for name in names:
            for centre in centres:
                if centre is None:  # an undated document: the latest events
                    query = "SELECT event_id FROM event_names WHERE name = ? AND day != -1 ORDER BY day DESC LIMIT ?"
                    ids.update(row[0] for row in self._db.execute(query, (name, 2 * half)))
                    continue
                after = "SELECT event_id FROM event_names WHERE name = ? AND day >= ? ORDER BY day LIMIT ?"
                before = (
                    "SELECT event_id FROM event_names WHERE name = ? AND day < ? AND day != ? ORDER BY day DESC LIMIT ?"
                )
                ids.update(row[0] for row in self._db.execute(after, (name, centre, half)))
                ids.update(row[0] for row in self._db.execute(before, (name, centre, UNDATED, half)))
            undated = "SELECT event_id FROM event_names WHERE name = ? AND day = ? LIMIT ?"
            ids.update(row[0] for row in self._db.execute(undated, (name, UNDATED, half)))
        if not ids:
            return []
        found: list[Event] = []
        chunk = sorted(ids)
        for offset in range(0, len(chunk), 500):
            part = chunk[offset : offset + 500]
            marks = ",".join("?" * len(part))
            found.extend(self._events(f"SELECT data FROM events WHERE id IN ({marks})", part))
        return found

    def _weights(self, names: Iterable[str]) -> tuple[dict[str, float], frozenset[str]]:
        """Rarer names count more: ``log(1 + events / events naming it)``; and which are common."""
        total = max(1, self.count())
        wanted = list(names)
        weights: dict[str, float] = {}
        counts: dict[str, int] = {}
        for offset in range(0, len(wanted), 500):
            part = wanted[offset : offset + 500]
            marks = ",".join("?" * len(part))
            for name, events in self._db.execute(f"SELECT name, events FROM name_counts WHERE name IN ({marks})", part):
                weights[name] = math.log(1.0 + total / max(1, events))
                counts[name] = events
        return weights, common_names(counts, total)

    def related(
        self, doc_id: str, doc_names: Iterable[str], doc_date: PartialDate | None, limit: int = 20
    ) -> list[RelatedEvent]:
        """The article's own events, then the ``limit`` events of other articles most related to it."""
        own = self.of_document(doc_id)
        names = set(doc_names)
        for event in own:
            names |= event.names()
        dates = [event.date for event in own if event.date is not None] or ([doc_date] if doc_date else [])
        around = sorted({day for day in map(_day, dates) if day is not None})
        candidates = self._candidates(sorted(names), around)
        mates = self._stories.mates(doc_id) if self._stories is not None else []
        story = self._of_documents(mates)
        weights, common = self._weights(names)
        floor = score_floor(self.count())
        return related(
            names,
            own,
            candidates,
            limit,
            doc_date=doc_date,
            weights=weights,
            same_story=story,
            common=common,
            min_score=floor,
        )

    def _of_documents(self, doc_ids: Sequence[str]) -> list[Event]:
        """The events the articles ``doc_ids`` report, in time order."""
        found: dict[str, Event] = {}
        for offset in range(0, len(doc_ids), 500):
            part = list(doc_ids[offset : offset + 500])
            marks = ",".join("?" * len(part))
            query = f"SELECT data FROM events WHERE id IN (SELECT event_id FROM event_docs WHERE doc_id IN ({marks}))"
            found.update((event.id, event) for event in self._events(query, part))
        return sorted(found.values(), key=lambda e: (e.date is None, e.date.iso if e.date else "", e.id))
