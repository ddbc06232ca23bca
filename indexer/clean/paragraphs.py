"""Paragraphs: from a body's lines to its paragraphs, each once.

The benchmark corpora join paragraphs with commas (CLICK-ID) or hard-wrap them (Reuters); scraped pages
print a lead or a caption again. Every step is a linear scan.
"""

from __future__ import annotations

import itertools
import re

from indexer.clean.metadata import _SOURCE_PREFIX

_DUP_MIN = 30
"""Paragraphs at least this long and ending a sentence are dropped when repeated; table rows may repeat."""
_PROSE_MIN = 80
"""Paragraphs this long are dropped when repeated even without a full stop at the end."""
_REPEAT_MIN = 40
"""Paragraphs at least this long are looked for inside later ones (a lead or caption printed again)."""
_REPEAT_SOURCES = 32
"""Only the first this many such paragraphs: repeats sit near the top, and this bounds the work."""

# --- corpus layouts ---------------------------------------------------------------------------------

_LEAD_DASH = re.compile(r"(?:[\s,]*+[-–—]++(?=[\s,“\"A-Z]|$))+[\s,]*")
"""CLICK-ID bodies open with the dash that followed a dropped "JAKARTA, KOMPAS.com"."""
_COMMA_BREAK = re.compile(
    r",(?:"  # the first comma outside the branches: the regex engine then skips to each comma
    # "….,Next" / "… ,Next": a paragraph end, then the joining comma
    r"(?:(?<=[.!?:\"”’],)|(?<=[.!?:\"”’][ \t],)|(?<=[.!?:\"”’][ \t][ \t],))(?:[ \t]*,)*+(?=[“‘A-Z0-9]|\"[\w(])"
    r"|(?<!,,),++(?=[“‘A-Z]|\"[\w(])"  # ",,,Next": empty paragraphs in between
    r"|(?<!,,),*+(?=loading(?:\.\.\.|…))"
    r")"
)
"""Commas that join paragraphs (CLICK-ID). The pattern opens with the comma, so the scan jumps from comma
to comma (a 50 MB line in 0.4 s, 3.2 s with the comma inside each branch), and possessive runs that
start only at the first comma keep a long run of commas linear."""
_COMMA_BREAK_SPACED = re.compile(
    r",(?:(?<=[^A-Z.]\.,)|(?<=[^A-Z.]\.[ \t],)|(?<=[^A-Z.]\.[ \t][ \t],)|(?<=[!?],)|(?<=[!?][ \t],))"
    r"(?:[ \t]*,)*+[ \t]*+(?=[“‘A-Z]|\"[\w(])"
)
"""Kompas' "…lagi., Menurut": only in one-line bodies, as "Elkhart, Ind., Schult" is real text elsewhere."""
_SPACES_BEFORE_COMMA = re.compile(r"[ \t](?<![ \t][ \t])[ \t]++,")
"""Two or more spaces before a comma, from the first of them: opening with the space, not with the look
behind, lets the regex engine skip to each space (a 50 MB line in 0.9 s, not 2.3 s)."""
_BLOCK_START = re.compile(r"\s|[#*•>-]\s|\d{1,3}[.)]\s")
"""Lines that open a paragraph of their own even in hard-wrapped text: indented, bullets, headings."""
_WRAP_WIDTH = 100
"""Hard-wrapped text has lines no longer than this."""
_SENTENCE_END = frozenset('.!?:"”’')


def _comma_breaks(line: str) -> str:
    """``line`` with the commas that join paragraphs turned into paragraph breaks."""
    if "  ," in line:
        line = _SPACES_BEFORE_COMMA.sub(" ,", line)  # "WIB.   ,“Tak" as "WIB. ,“Tak"
    return _COMMA_BREAK.sub("\n\n", line)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether the text's lines were broken at a fixed width inside paragraphs (Reuters), not one per paragraph.

    A break is soft when the next line starts in lower case or its first word would not have fitted on the
    line before it; hard-wrapped text has mostly soft breaks between lines of one paragraph.
    """
    widths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(widths) < 2:
        return False
    short = [w for w in widths if w <= _WRAP_WIDTH]
    if len(short) * 10 < len(widths) * 9:
        return False
    width = max(short)
    if width < 30:
        return False
    lowercase = overfull = joints = 0
    for line, following in itertools.pairwise(lines):
        if not line.strip() or not following.strip() or _BLOCK_START.match(following):
            continue
        joints += 1
        first_word = following.split(None, 1)[0]
        if first_word[0].islower():
            lowercase += 1
        elif line.rstrip()[-1] not in _SENTENCE_END and len(line.rstrip()) + 1 + len(first_word) > width:
            overfull += 1  # the next word would not have fitted, and no sentence ended here
    if joints < 3:  # too few lines to judge a width: only lower-case continuations count
        overfull = 0
    return joints > 0 and (lowercase + overfull) * 2 >= joints


_READABLE = re.compile(r"[^\W_]")
_STRAY_COMMAS = re.compile(r"(?: ?,)+")


def _tidy(paragraph: str) -> str:
    """Single spaces, no stray commas at the ends; empty when nothing readable is left."""
    text = " ".join(paragraph.split()).strip(" ,")
    if " ," in text or ",," in text:
        text = _STRAY_COMMAS.sub(",", text)  # "pelatih ,, Gareth": link text lost in scraping
    return text if _READABLE.search(text) else ""


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs from lines: one per line, or re-joined when the text is hard-wrapped."""
    if not _is_hard_wrapped(lines):
        return [p for p in map(_tidy, lines) if p]
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        joined = _tidy("".join(current))
        if joined:
            paragraphs.append(joined)
        current.clear()

    for line in lines:
        text = line.strip()
        if not text or _BLOCK_START.match(line):
            flush()
        if not text:
            continue
        if current and not (len(current[-1]) > 1 and current[-1][-1] == "-" and current[-1][-2].isalpha()):
            current.append(" ")  # a word hyphenated across lines ("mid-" + "year") is joined without one
        current.append(text)
    flush()
    return paragraphs


# --- repetitions ------------------------------------------------------------------------------------

_CREDIT = re.compile(
    r"\([^()]{1,150}\)"
    r"|(?:foto|photo|image|gambar|ilustrasi|sumber|source|credit|kredit|getty|reuters|afp|ap|antara)\b.{0,150}",
    re.IGNORECASE,
)
_DATELINE_REMNANT = re.compile(r"[^.!?\n]{1,80}?\s[-–—]+")
"""What is left of "BELGRADE, March 30 - <repeated paragraph>" once the repeat is cut."""
_SEGMENT_END = frozenset('.!?"”’)…')


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    """Each paragraph once: exact repeats go, and an earlier paragraph repeated inside a later one is cut out
    (a caption printed again with its photo credit goes whole)."""
    kept: list[str] = []
    seen: set[str] = set()
    sources: list[str] = []
    for paragraph in paragraphs:
        if paragraph in seen:
            continue
        if sources and len(paragraph) > _REPEAT_MIN:
            remainder = _cut_repeats(paragraph, sources)
            if remainder is None or remainder in seen:
                continue
            paragraph = remainder
        kept.append(paragraph)
        if len(paragraph) >= _PROSE_MIN or (len(paragraph) >= _DUP_MIN and paragraph[-1] in _SEGMENT_END):
            seen.add(paragraph)  # prose; a table row ("Avg shrs 2,332,397 vs 1,428,000") may repeat
            if len(paragraph) >= _REPEAT_MIN and len(sources) < _REPEAT_SOURCES:
                sources.append(paragraph)
    return kept


def _starts_segment(text: str, index: int) -> bool:
    """Whether ``index`` opens a sentence of ``text``, or follows a dateline dash ("… (afederasi.com) - ")."""
    if index == 0:
        return True
    if not text[index - 1].isspace():
        return False
    before = text[max(index - 4, 0) : index].rstrip()
    if not before:
        return True
    return before[-1] in _SEGMENT_END or (before[-1] in "-–—" and len(before) > 1 and before[-2].isspace())


def _cut_repeats(paragraph: str, sources: list[str]) -> str | None:
    """``paragraph`` without the earlier paragraphs it repeats; None when nothing of its own is left."""
    spans: list[tuple[int, int]] = []
    for earlier in sources:
        if len(earlier) >= len(paragraph):
            continue
        start = paragraph.find(earlier)
        for _ in range(4):  # a few occurrences at most: bounded work on repetitive input
            if start < 0:
                break
            end = start + len(earlier)
            if _starts_segment(paragraph, start) and (end == len(paragraph) or paragraph[end].isspace()):
                spans.append((start, end))
                break
            start = paragraph.find(earlier, start + 1)
    if not spans:
        return paragraph
    spans.sort()
    pieces, position = [], 0
    for start, end in spans:
        if start >= position:
            pieces.append(paragraph[position:start])
            position = end
    pieces.append(paragraph[position:])
    remainder = _tidy(" ".join(pieces))
    if not remainder or (
        len(remainder) <= 200
        and (
            _CREDIT.fullmatch(remainder)
            or _SOURCE_PREFIX.fullmatch(remainder + " ")
            or _DATELINE_REMNANT.fullmatch(remainder)
        )
    ):
        return None
    return remainder
