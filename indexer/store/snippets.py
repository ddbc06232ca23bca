"""Snippets and match marks: where a query's words occur in an article's text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from indexer.store.stemming import EXACT_MARK, WORD

_SPACES = re.compile(r"\s+")
SNIPPET_CHARS = 240
SNIPPET_SPANS = 8
"""A snippet's window is chosen among the first matches only."""
SCAN_CHARS = 50_000
"""Snippets and match lists look at most this far into an article."""


def match_spans(
    text: str,
    terms: frozenset[str],
    stem: Callable[[str], str],
    limit: int = SCAN_CHARS,
    most: int | None = None,
) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` whose ``stem`` or exact form is among ``terms``.

    ``limit`` bounds the characters looked at, ``most`` the spans returned (enough for a snippet).
    """
    spans: list[tuple[int, int]] = []
    if not terms:
        return spans
    for match in WORD.finditer(text, 0, min(len(text), limit)):
        word = match.group().lower()
        if stem(word) in terms or EXACT_MARK + word in terms:
            spans.append(match.span())
            if most is not None and len(spans) >= most:
                break
    return spans


def make_snippet(
    text: str, spans: Sequence[tuple[int, int]], width: int = SNIPPET_CHARS
) -> tuple[tuple[str, bool], ...]:
    """The window of ``text`` holding the most matches, as (text, is_match) fragments."""
    if not spans:
        lead = text[:width]
        if len(text) > width:
            lead = lead.rsplit(" ", 1)[0] + " …"
        return ((_SPACES.sub(" ", lead), False),) if lead else ()
    best_start, best_count = spans[0][0], 0
    right = 0
    for left, (start, _end) in enumerate(spans):
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] - start <= width:
            right += 1
        if right - left + 1 > best_count:
            best_start, best_count = start, right - left + 1
    begin = max(0, best_start - width // 4)
    space = text.rfind(" ", 0, begin)
    begin = space + 1 if begin and space >= 0 and begin - space < 30 else begin
    end = min(len(text), begin + width)
    space = text.find(" ", end)
    end = space if end < len(text) and 0 <= space - end < 30 else end
    parts: list[tuple[str, bool]] = []
    if begin > 0:
        parts.append(("… ", False))
    position = begin
    for start, stop in spans:
        if start < begin or stop > end:
            continue
        if start > position:
            parts.append((_SPACES.sub(" ", text[position:start]), False))
        parts.append((text[start:stop], True))
        position = stop
    if end > position:
        parts.append((_SPACES.sub(" ", text[position:end]), False))
    if end < len(text):
        parts.append((" …", False))
    return tuple(parts)
