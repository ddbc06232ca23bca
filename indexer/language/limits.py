"""The part of an article that recognition reads: the whole of any real article, a bounded beginning of a
pathological one.

Entities, events and the story profile are worked out on :func:`analysed_part` of an article's text,
at most :data:`ANALYSED_CHARS` characters; the whole text is still indexed, stored and searchable.
The limit was chosen by measurement (docs/architecture.md, "Long articles"): it is five times the
longest of the 41,084 articles of ``../shared/corpus`` (20,028 characters), and that many characters
of text dense with names are recognised in under a second, so that no single article stalls a run.
"""

from __future__ import annotations

__all__ = ["ANALYSED_CHARS", "analysed_part"]

ANALYSED_CHARS = 100_000
"""Characters of an article's text that recognition reads at most (the rest is indexed, not analysed)."""

_BACK = 2_000
"""How far back from the limit a paragraph, sentence or word end is looked for to cut at."""


def analysed_part(text: str, limit: int | None = ANALYSED_CHARS) -> str:
    """The beginning of ``text`` that recognition reads: all of it up to ``limit`` characters (None: no
    limit), else the first ``limit`` characters cut back to the end of a paragraph, a sentence or a
    word within the last :data:`_BACK` of them, so that no name or date is cut in two."""
    if limit is None or len(text) <= limit:
        return text
    low = max(limit - _BACK, 0)
    for mark, keep in (("\n", 0), (". ", 1), (" ", 0)):
        cut = text.rfind(mark, low, limit)
        if cut > 0:
            return text[: cut + keep]
    return text[:limit]
