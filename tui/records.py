"""What the library hands the UI: plain frozen dataclasses, made in a worker thread and read in the UI's."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.store import StoredDocument

__all__ = [
    "EXPORT_FIELDS",
    "EntityName",
    "EntityTimeline",
    "EventRow",
    "ExportRow",
    "IndexStats",
    "OpenedArticle",
    "Page",
    "RelatedEvents",
    "Row",
    "Span",
]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class EventRow:
    """An event in the sidebar: the article it opens and the sentence that reports it there."""

    event_id: str
    date: str | None
    type: str
    summary: str
    actors: tuple[str, ...]
    shared: tuple[str, ...]
    """Names the event shares with the open article (none for its own events and in a timeline)."""
    own: bool
    """Reported by the open article."""
    doc_id: str
    sentence_start: int
    sentence_end: int
    source_title: str
    """Title of the article ``doc_id`` ("" when it has none or is gone)."""
    content: bool = True
    """The summary says more than its bare template (``summary.has_content``): not "X makes a statement"."""
    same_event: bool = False
    """Another article of the open one's story reports it: the same real-world event."""

    @property
    def sentence(self) -> Span:
        return (self.sentence_start, self.sentence_end)


@dataclass(frozen=True, slots=True)
class RelatedEvents:
    """What the sidebar lists beside an article."""

    doc_id: str
    rows: tuple[EventRow, ...]
    events_indexed: bool
    """False when the index was built before events existed (its event tables are empty)."""


@dataclass(frozen=True, slots=True)
class EntityTimeline:
    """An entity's events over the whole corpus in time order, or (when it has none) the articles naming it."""

    name: str
    events: tuple[EventRow, ...]
    articles: tuple[Row, ...]
    """Only when there are no events: the articles naming the entity, oldest first."""
    events_indexed: bool
    """False when the index was built before events existed."""
    total: int = 0
    """How many events the timeline has in all (``events`` is one page of them)."""
    offset: int = 0
    """Where in the timeline ``events`` start (0: the first page)."""
    event_type: str | None = None
    """Only events of this type (None: every type)."""
    types: tuple[tuple[str, int], ...] = ()
    """The entity's events per type, whatever ``event_type`` is."""


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
class ExportRow:
    """One hit as ``x`` writes it to CSV or JSON."""

    id: str
    title: str
    date: str | None
    source: str | None
    path: str
    url: str | None
    score: float | None
    """None for the catalogue (an empty query ranks nothing)."""


EXPORT_FIELDS = ("id", "title", "date", "source", "path", "url", "score")


@dataclass(frozen=True, slots=True)
class IndexStats:
    """Size of the index, for the status line."""

    articles: int
    size_bytes: int


@dataclass(frozen=True, slots=True)
class EntityName:
    """A canonical entity of the index, for the palette's "Filter by entity…"."""

    type: str
    canonical: str
    articles: int
    aliases: tuple[str, ...]
