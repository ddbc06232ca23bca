"""The engine as the browser uses it: one open index shared by worker threads, and the catalogue.

Nothing here searches or marks matches itself: pages of results come from ``Store.search`` (or the
catalogue, newest first, when the query is empty), articles from ``Store.get`` and their match spans
from ``Store.matches``. What this module adds is what a multi-threaded UI needs around them: a lock
(a Whoosh searcher is not meant to be shared by threads at once), catalogue connections opened in the
calling thread (SQLite connections belong to the thread that made them), and plain frozen dataclasses
to hand from a worker thread to the UI (:mod:`tui.records`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from indexer.catalog.articles import Catalog
from indexer.language.entities.model import Entity
from indexer.language.entities.names import lookup
from indexer.language.events.model import Event, Mention
from indexer.language.events.summary import has_content
from indexer.model import PartialDate
from indexer.pipeline import IndexSummary, Progress, index_paths, open_catalog, version_number
from indexer.store import Store
from tui.records import (
    EXPORT_FIELDS,
    EntityName,
    EntityTimeline,
    EventRow,
    ExportRow,
    IndexStats,
    OpenedArticle,
    Page,
    RelatedEvents,
    Row,
    Span,
)

__all__ = [
    "ENTITY_FIELDS",
    "EXPORT_FIELDS",
    "PAGE_SIZE",
    "EntityName",
    "EntityTimeline",
    "EventRow",
    "ExportRow",
    "IndexStats",
    "Library",
    "OpenedArticle",
    "Page",
    "RelatedEvents",
    "Row",
    "Span",
    "entity_fragment",
    "reindex",
]

PAGE_SIZE = 50
"""Rows fetched at a time for the document list; more are fetched when the cursor nears the end.

A screenful or two: the list shows no snippets (none is made), but the next page repeats the search
with a larger limit.
"""

Wanted = Callable[[], bool]
"""Asked once the engine is free: is the answer still wanted? (A thread cannot be stopped, but it can give up.)"""


def _always() -> bool:
    return True


TIMELINE_LIMIT = 500
"""Events of an entity's timeline loaded at a time (the sidebar loads the next page on demand), and
articles listed at most when it has no events."""
RELATED_LIMIT = 30
"""Related events of other articles listed beside an article (its own events come first, all of them)."""


class Library:
    """An open index directory; every method may be called from any thread."""

    def __init__(self, index_dir: str | os.PathLike[str]) -> None:
        self.index_dir = os.fspath(index_dir)
        self._store = Store.open(self.index_dir)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._store.close()

    def page(self, query: str, offset: int = 0, size: int = PAGE_SIZE, wanted: Wanted = _always) -> Page | None:
        """Rows ``offset`` to ``offset + size`` of the hits of ``query`` (of the catalogue when it is blank).

        None when ``wanted()`` turned false while waiting for the engine (a newer request came).
        """
        if not query.strip():
            return self._catalogue_page(query, offset, size)
        with self._lock:
            if not wanted():
                return None
            result = self._store.search(query, limit=offset + size, snippets=False, suggest=False)
        rows = tuple(Row(hit.id, hit.title, hit.date, hit.source) for hit in result.hits[offset:])
        return Page(query, offset, rows, result.total, result.seconds, result.notice or result.expansion)

    def suggest(self, query: str, wanted: Wanted = _always) -> str | None:
        """A corrected ``query`` (its unknown words replaced by the closest indexed ones), or None.

        Asked apart from :meth:`page`, once a search found nothing: it takes longer than the search.
        """
        if not query.strip():
            return None
        with self._lock:
            if not wanted():
                return None
            return self._store.suggest(query)

    def _catalogue_page(self, query: str, offset: int, size: int) -> Page:
        catalog = open_catalog(self.index_dir)
        try:
            total = catalog.doc_count()
            rows = tuple(Row(doc.id, doc.title, doc.date, doc.source) for doc in catalog.docs(offset, size))
        finally:
            catalog.close()
        return Page(query, offset, rows, total)

    def open(self, doc_id: str, query: str, wanted: Wanted = _always) -> OpenedArticle | None:
        """The article ``doc_id`` with what ``query`` matches in it.

        None when it is no longer in the index, or when ``wanted()`` turned false while waiting for the engine.
        """
        with self._lock:
            if not wanted():
                return None
            document = self._store.get(doc_id)
            if document is None:
                return None
            if not query.strip():
                return OpenedArticle(document, query, (), ())
            title_spans = self._store.matches(query, document.title)
            text_spans = self._store.matches(query, document.text)
        return OpenedArticle(document, query, tuple(title_spans), tuple(text_spans))

    def stats(self) -> IndexStats:
        with self._lock:
            return IndexStats(self._store.doc_count(), self._store.size_bytes())

    def reread(self) -> None:
        """Read the newest committed state of the index now (after this process changed it)."""
        with self._lock:
            self._store.searcher()

    def is_current(self) -> bool:
        """False when another process changed the index since it was last read."""
        with self._lock:
            return self._store.is_current()

    def export_rows(self, query: str, progress: Callable[[int, int], None] | None = None) -> list[ExportRow]:
        """Every hit of ``query`` (every article, newest first, when it is blank), in list order.

        The hits come from one ``Store.search`` with a limit of the whole index; each hit's URL from
        ``Store.get`` (hits do not carry it). ``progress(done, total)`` is called now and then.
        """
        with self._lock:
            if query.strip():
                result = self._store.search(query, limit=max(self._store.doc_count(), 1), snippets=False, suggest=False)
                listed: list[tuple[str, str, str | None, str | None, str, float | None]] = [
                    (hit.id, hit.title, hit.date, hit.source, hit.path, hit.score) for hit in result.hits
                ]
            else:
                listed = []
        if not query.strip():
            catalog = open_catalog(self.index_dir)
            try:
                listed = [(doc.id, doc.title, doc.date, doc.source, doc.path, None) for doc in catalog.docs()]
            finally:
                catalog.close()
        rows: list[ExportRow] = []
        for start in range(0, len(listed), EXPORT_CHUNK):
            with self._lock:  # let the UI's own requests in between chunks
                for doc_id, title, date, source, path, score in listed[start : start + EXPORT_CHUNK]:
                    document = self._store.get(doc_id)
                    url = document.url if document is not None else None
                    rows.append(ExportRow(doc_id, title, date, source, path, url, score))
            if progress is not None:
                progress(len(rows), len(listed))
        return rows

    def titles(self, words: str, limit: int = 20) -> list[Row]:
        """Articles whose title matches ``words`` (the engine's ``title:`` field), best first."""
        terms = " ".join(f"title:{_quoted(word)}" for word in words.split())
        if not terms:
            return []
        with self._lock:
            result = self._store.search(terms, limit=limit, snippets=False, suggest=False)
        return [Row(hit.id, hit.title, hit.date, hit.source) for hit in result.hits]

    def timeline(self, entity: Entity) -> list[Row]:
        """The articles naming ``entity`` (its canonical name, any alias), oldest first, undated last."""
        return self.articles_naming(entity.type, entity.canonical or entity.text)

    def articles_naming(self, kind: str, name: str) -> list[Row]:
        """The articles naming ``name`` as a ``kind`` (any alias), oldest first, undated last."""
        fragment = entity_fragment(kind, name)
        if fragment is None:
            return []
        with self._lock:
            result = self._store.search(fragment, limit=TIMELINE_LIMIT, sort="date", snippets=False, suggest=False)
        rows = [Row(hit.id, hit.title, hit.date, hit.source) for hit in result.hits]
        dated = [row for row in rows if row.date]
        return [*reversed(dated), *(row for row in rows if not row.date)]

    def related(self, doc_id: str, limit: int = RELATED_LIMIT) -> RelatedEvents:
        """The article's own events, then the related events of other articles (the engine's ranking)."""
        with self._lock:
            document = self._store.get(doc_id)
        if document is None:
            return RelatedEvents(doc_id, (), True)
        names = {e.canonical for e in document.entities if e.type != "DATE" and e.canonical}
        published = PartialDate.from_iso(document.date) if document.date else None
        catalog = open_catalog(self.index_dir)
        try:
            events_indexed = _events_indexed(catalog)
            ranked = catalog.events.related(doc_id, names, published, limit) if events_indexed else []
            rows = _event_rows(catalog, [(item.event, item.shared, item.same_event) for item in ranked], doc_id)
        finally:
            catalog.close()
        return RelatedEvents(doc_id, rows, events_indexed)

    def entity_events(
        self,
        name: str,
        kind: str | None = None,
        open_doc: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        event_type: str | None = None,
    ) -> EntityTimeline:
        """The events naming ``name`` (a canonical name; an alias is looked up), in time order, undated last:
        ``limit`` of them (default :data:`TIMELINE_LIMIT`) from ``offset`` on, of ``event_type`` only when
        given, with how many there are.

        When it has no events at all, the articles naming it (``kind`` is its entity type; looked up when None).
        Events reported by ``open_doc`` point to it and count as its own.
        """
        known = lookup(name)
        canonical = known.canonical if known is not None else name
        catalog = open_catalog(self.index_dir)
        try:
            events_indexed = _events_indexed(catalog)
            types = catalog.events.timeline_types(name=canonical) if events_indexed else {}
            total = types.get(event_type, 0) if event_type is not None else sum(types.values())
            found = total > offset
            page = TIMELINE_LIMIT if limit is None else limit
            events = catalog.events.timeline(canonical, event_type, limit=page, offset=offset) if found else []
            rows = _event_rows(catalog, [(event, (), False) for event in events], open_doc)
        finally:
            catalog.close()
        articles: tuple[Row, ...] = ()
        if not types:
            kind = kind or (known.type if known is not None else None)
            if kind is not None:
                articles = tuple(self.articles_naming(kind, canonical))
        return EntityTimeline(
            canonical, rows, articles, events_indexed, total, offset, event_type, tuple(types.items())
        )

    def entity_names(self) -> list[EntityName]:
        """Every canonical person, organisation, place and other name of the index, most named first."""
        with self._lock:
            named = self._store.entities()
        return [
            EntityName(entity.type, entity.canonical, entity.documents, tuple(alias for alias, _ in entity.aliases))
            for entity in named
            if entity.type in ENTITY_FIELDS
        ]

    def indexed_paths(self) -> list[str]:
        """The input files the catalogue knows, for re-indexing them."""
        catalog = open_catalog(self.index_dir)
        try:
            return [state.path for state in catalog.files()]
        finally:
            catalog.close()


ENTITY_FIELDS = {"PERSON": "person", "ORG": "org", "LOC": "loc", "MISC": "misc"}
"""Entity types the query language filters on, and their field (dates are not filters: ``date:`` is the article's)."""


def entity_fragment(kind: str, name: str, exclude: bool = False) -> str | None:
    """The query fragment that keeps (or drops) the articles naming ``name`` as a ``kind``; None for dates."""
    field = ENTITY_FIELDS.get(kind)
    if field is None:
        return None
    value = " ".join(name.replace('"', " ").split())
    return f'{"-" if exclude else ""}{field}:"{value}"'


EXPORT_CHUNK = 200
"""Hits whose URL is looked up per hold of the engine lock during an export."""


EVENTS_PIPELINE = 3
"""The first pipeline version that extracted events."""


def _events_indexed(catalog: Catalog) -> bool:
    """Whether the index holds events, or was built by a pipeline that extracts them (and found none)."""
    if catalog.events.count() > 0:
        return True
    return all((version_number(state.pipeline) or 0) >= EVENTS_PIPELINE for state in catalog.files())


def _event_rows(
    catalog: Catalog, events: list[tuple[Event, tuple[str, ...], bool]], open_doc: str | None
) -> tuple[EventRow, ...]:
    """Sidebar rows of ``events`` (each with its shared names and whether it is the same event as one of the
    open article's story): each opens the sentence of the open article that reports it, or else of the
    first article that does (``catalog`` gives the titles)."""
    chosen: list[tuple[Event, tuple[str, ...], bool, Mention]] = []
    for event, shared, same in events:
        if not event.mentions:
            continue
        mention = next((m for m in event.mentions if m.doc_id == open_doc), event.mentions[0])
        chosen.append((event, shared, same, mention))
    titles = catalog.titles([mention.doc_id for *_, mention in chosen])
    return tuple(
        EventRow(
            event_id=event.id,
            date=event.date.iso if event.date else None,
            type=event.type,
            summary=event.summary,
            actors=event.actors,
            shared=shared,
            own=mention.doc_id == open_doc,
            doc_id=mention.doc_id,
            sentence_start=mention.sentence_start,
            sentence_end=mention.sentence_end,
            source_title=titles.get(mention.doc_id, ""),
            content=has_content(event),
            same_event=same,
        )
        for event, shared, same, mention in chosen
    )


def _quoted(word: str) -> str:
    """A word of the user's as a query term: quoted when it holds anything but letters and digits."""
    if word.isalnum():
        return word
    return '"' + word.replace('"', " ") + '"'


def reindex(index_dir: str, paths: list[str], progress: Progress | None = None) -> IndexSummary:
    """Index ``paths`` again into ``index_dir`` (only what changed is rewritten): the engine's pipeline."""
    return index_paths(paths, index_dir, progress=progress)
