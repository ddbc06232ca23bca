"""Sentences and quotations of a cleaned text, as character spans.

A sentence ends at a line break or at ``.``, ``!``, ``?`` (with any closing quote or bracket) before
whitespace and a capital letter, digit or opening quote, unless the word before the stop is a known
abbreviation or a single capital (an initial). Quotations are spans between “ and ” or between two
straight double quotes on one paragraph; an opening quote never closed runs to the end of its paragraph.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"\n+|[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_ABBREVIATIONS = frozenset(
    """dr drs ir prof mr mrs ms st jl no nomor tn ny sdr hj h kh gen col lt sgt rep sen gov inc corp co ltd
    jan feb mar apr jun jul aug agu sep sept okt oct nov des dec vs etc u.s a.s u.n p.m a.m""".split()
)
_QUOTES = re.compile(r"“[^”\n]*(?:”|(?=\n)|$)|\"[^\"\n]*(?:\"|(?=\n)|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, whitespace trimmed, empty ones left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group()[0] != "\n":
            before = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if before is not None:
                word = before.group(1).lower().rstrip(".")
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        _add(text, start, match.end() if match.group()[0] != "\n" else match.start(), spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech, in order, not overlapping."""
    return [(m.start(), m.end()) for m in _QUOTES.finditer(text)]
