"""The engine as the browser uses it: one open index shared by worker threads, and the catalogue.

Nothing here searches or marks matches itself: pages of results come from ``Store.search`` (or the
catalogue, newest first, when the query is empty), articles from ``Store.get`` and their match spans
from ``Store.matches``. What this module adds is what a multi-threaded UI needs around them: a lock
(a Whoosh searcher is not meant to be shared by threads at once), catalogue connections opened in the
calling thread (SQLite connections belong to the thread that made them), and plain frozen dataclasses
to hand from a worker thread to the UI.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from indexer.pipeline import open_catalog
from indexer.store import Store, StoredDocument

PAGE_SIZE = 50
"""Rows fetched at a time for the document list; more are fetched when the cursor nears the end.

A screenful or two: every hit fetched costs a snippet in ``Store.search``, and the next page repeats
the search with a larger limit.
"""

Span = tuple[int, int]
Wanted = Callable[[], bool]
"""Asked once the engine is free: is the answer still wanted? (A thread cannot be stopped, but it can give up.)"""


def _always() -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the document list."""

    id: str
    title: str
    date: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Page:
    """A slice of the document list: a search's hits, or the catalogue when the query is empty."""

    query: str
    offset: int
    rows: tuple[Row, ...]
    total: int
    seconds: float | None = None
    """How long the search took (None for the catalogue)."""
    notice: str | None = None
    """Set when the query could not be parsed as written and ran as plain words."""
    suggestion: str | None = None
    """A corrected query when nothing matched."""

    @property
    def is_search(self) -> bool:
        return bool(self.query.strip())


@dataclass(frozen=True, slots=True)
class OpenedArticle:
    """A stored article with the spans the query matches in its title and text."""

    document: StoredDocument
    query: str
    title_spans: tuple[Span, ...]
    text_spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class IndexStats:
    """Size of the index, for the status line."""

    articles: int
    size_bytes: int


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
            result = self._store.search(query, limit=offset + size)
        rows = tuple(Row(hit.id, hit.title, hit.date, hit.source) for hit in result.hits[offset:])
        return Page(query, offset, rows, result.total, result.seconds, result.notice, result.suggestion)

    def _catalogue_page(self, query: str, offset: int, size: int) -> Page:
        catalog = open_catalog(self.index_dir)
        try:
            total = catalog.doc_count()
            docs = itertools.islice(catalog.docs(), offset, offset + size)
            rows = tuple(Row(doc.id, doc.title, doc.date, doc.source) for doc in docs)
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

    def is_current(self) -> bool:
        """False when another process changed the index since it was last read."""
        with self._lock:
            return self._store.is_current()
