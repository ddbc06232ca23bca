"""What the index answers, as plain frozen dataclasses (no Whoosh objects leave the store)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from indexer.language.entities.model import Entity

SortOrder = Literal["relevance", "date"]


class IndexBusy(Exception):
    """Another process is writing to the index."""


class WriterFailed(Exception):
    """A writer subprocess died or raised: nothing of the batch was committed, the index is as it was."""


class IndexMissing(Exception):
    """There is no index at the given location yet."""


class IndexDamaged(IndexMissing):
    """There is an index, but it cannot be read (its table of contents or a segment is damaged or lost);
    ``warta index --repair`` mends it. A kind of :class:`IndexMissing`: what reads one cannot read the other."""


class IndexForeign(Exception):
    """The folder given for an index holds other files than an index's: Warta writes nothing there."""


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """An article as kept in the index."""

    id: str
    title: str
    date: str | None
    source: str | None
    path: str
    key: str
    lang: str
    url: str | None
    text: str
    raw: str
    entities: tuple[Entity, ...] = ()
    """People, organisations, places, dates and events in ``text`` (offsets into it), in order."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result; ``snippet`` is a list of (text, is_match) fragments."""

    id: str
    title: str
    date: str | None
    source: str | None
    path: str
    score: float
    snippet: tuple[tuple[str, bool], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits of one query with the total count and what the engine had to say about the query."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    seconds: float
    notice: str | None = None
    """Set when the query could not be parsed as written and was run as plain words."""
    suggestion: str | None = None
    """A corrected query ("did you mean …") when nothing matched."""
    expansion: str | None = None
    """Set when a prefix, wildcard, range or fuzzy term stood for only its most frequent words
    ("s* stands for its most frequent 2 words of 14,021 (said, sebut)")."""


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """A canonical entity of the index with how many articles name it, and how they write it."""

    type: str
    canonical: str
    documents: int
    aliases: tuple[tuple[str, int], ...]
    """``(as written, articles)``, most frequent first."""
