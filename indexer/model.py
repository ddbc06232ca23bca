"""Plain data passed between the pipeline stages: records read from input, cleaned articles, problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # entities import this module
    from indexer.language.entities.model import Entity

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Record:
    """One article as read from an input file, before cleaning.

    ``fields`` holds the raw string values found in the input under normalised names:
    ``title``, ``date``, ``body``, ``url``, ``source``, ``lang`` (any may be missing). For plain
    text and Markdown files there is no title field: ``body`` holds the whole decoded text and the
    cleaner takes the title from its first line (``fmt`` says which case applies).
    """

    path: str
    """Absolute path of the source file."""
    key: str
    """The record's name in its file: "" for one-article files, else its own id or ``sha:`` and a hash of its
    content (:func:`indexer.ingest.fields.content_key`), ``#2``… added to repeats."""
    fmt: Literal["text", "html", "json", "jsonl", "csv"]
    fields: dict[str, str]
    raw: str
    """The record exactly as decoded from the input (the JSON line, the CSV row, the whole file)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the input that could not be used, reported to the user in one line."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to a precision: ``2023-08-15`` (day), ``2022-02`` (month), ``2013`` (year)."""

    iso: str
    precision: Precision

    @classmethod
    def from_iso(cls, iso: str) -> PartialDate:
        """The date an ISO string of any precision stands for (its length says which)."""
        return cls(iso, "day" if len(iso) >= 10 else "month" if len(iso) == 7 else "year")


@dataclass(slots=True)
class CleanText:
    """What the cleaner makes of a record."""

    title: str
    text: str
    """Cleaned body: paragraphs separated by a blank line, boilerplate and repetitions removed."""
    date: PartialDate | None
    source: str | None
    url: str | None


@dataclass(slots=True)
class Article:
    """A cleaned article ready for the index; ``text`` is what entity offsets will point into."""

    id: str
    path: str
    key: str
    title: str
    text: str
    raw: str
    date: PartialDate | None
    source: str | None
    url: str | None
    lang: str
    content_hash: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Annotations:
    """What recognition finds in an article: entities of its text (offsets into ``Article.text``) and title.

    ``extra`` is handed back from the writer processes to the indexing process untouched (the pipeline
    puts the article's event mentions there); it must pickle.
    """

    entities: tuple[Entity, ...] = ()
    title_entities: tuple[Entity, ...] = ()
    extra: object = None
