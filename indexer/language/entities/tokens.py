"""Tokens of a text with their offsets, sentence starts, lines written in capitals and quoted titles.

One regex scan finds words, punctuation marks and line breaks; everything else is computed from those
lists, never by slicing the text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AGE_GROUP = r"U-\d{2}"
"""A team's age group, one token and part of the team's name: "Timnas U-23"."""
TOKEN_PATTERN = (
    r"(?<![\w-])" + AGE_GROUP + r"(?![\w-])"  # an age group: "Timnas U-23"
    r"|(?:[^\W\d_]\.){2,}(?![^\W\d_])"  # U.S., U.N., A.S.
    r"|[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*"  # words, with inner apostrophes (Jum'at, O'Brien) but not 's
    r"|[^\w\s]"  # one punctuation mark
)
_SCAN = re.compile(r"(\n)|" + TOKEN_PATTERN)
SENTENCE_END = frozenset(".!?…:;")
QUOTES_AND_BRACKETS = frozenset("\"'“‘«([”’»)]")
DASHES = frozenset("-–—")
_STRAIGHT_QUOTES = frozenset('"')
_OPENING_QUOTES = frozenset("“«")
_CLOSING_QUOTES = frozenset("”»")


@dataclass(slots=True)
class Tokens:
    """Parallel lists, one item per token."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    line_start: list[bool]
    """A line break comes between token ``i - 1`` and token ``i`` (or ``i`` is the first token)."""
    sentence_start: list[bool]
    upper_line: list[bool]
    """The token's line is written in capitals (a headline, shouting)."""
    quoted: list[bool]
    """Inside a short quotation written like a title ("Slumdog Millionaire", "Tell Me Your Wish")."""

    def __len__(self) -> int:
        return len(self.words)

    def joined(self, i: int) -> bool:
        """Whether token ``i`` follows token ``i - 1`` on the same line (a name never spans lines)."""
        return i > 0 and not self.line_start[i]


def tokenize(text: str) -> Tokens:
    """Tokens of ``text``; each ``text[starts[i]:ends[i]] == words[i]``."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    line_start: list[bool] = []
    newline = True
    add_word, add_start, add_end, add_line_start = words.append, starts.append, ends.append, line_start.append
    for match in _SCAN.finditer(text):
        if match.lastindex == 1:  # the line break group
            newline = True
            continue
        add_word(match.group())
        start, end = match.span()
        add_start(start)
        add_end(end)
        add_line_start(newline)
        newline = False
    return Tokens(
        text,
        words,
        starts,
        ends,
        line_start,
        _sentence_starts(text, words, starts, ends, line_start),
        _upper_lines(words, line_start),
        _quoted(words, line_start),
    )


def _sentence_starts(
    text: str, words: list[str], starts: list[int], ends: list[int], line_start: list[bool]
) -> list[bool]:
    flags = [False] * len(words)
    boundary = True
    length = len(text)
    for i, word in enumerate(words):
        if line_start[i]:
            boundary = True
        if word in QUOTES_AND_BRACKETS:
            continue  # quotes and brackets neither make nor end a sentence start
        if word[0].isalnum():
            flags[i] = boundary
            boundary = False
        elif word in SENTENCE_END:
            boundary = True
        elif word in DASHES:
            # a spaced dash after a dateline: "Beijing, China, (afederasi.com) - Kementerian …"
            spaced = starts[i] > 0 and text[starts[i] - 1].isspace() and ends[i] < length and text[ends[i]].isspace()
            boundary = boundary or spaced
        else:
            boundary = False
    return flags


def _upper_lines(words: list[str], line_start: list[bool]) -> list[bool]:
    """For each token, whether its line is written in capitals: three words or more, twice as many
    in capitals as not."""
    flags = [False] * len(words)
    n = len(words)
    i = 0
    while i < n:
        j = i + 1
        while j < n and not line_start[j]:
            j += 1
        upper = mixed = 0
        for k in range(i, j):
            word = words[k]
            if len(word) > 1 and word[0].isalpha():
                if word.isupper():
                    upper += 1
                else:
                    mixed += 1
        if upper >= 3 and upper >= 2 * mixed:
            flags[i:j] = [True] * (j - i)
        i = j
    return flags


def _quoted(words: list[str], line_start: list[bool]) -> list[bool]:
    """For each token, whether it stands inside a short quotation of its line that reads like a title."""
    flags = [False] * len(words)
    opened = -1
    for i, word in enumerate(words):
        if line_start[i]:
            opened = -1
        if word in _STRAIGHT_QUOTES or word in _OPENING_QUOTES or word in _CLOSING_QUOTES:
            if opened >= 0 and word not in _OPENING_QUOTES:
                if _title_like(words[opened + 1 : i]):
                    flags[opened + 1 : i] = [True] * (i - opened - 1)
                opened = -1
            elif word not in _CLOSING_QUOTES:
                opened = i
    return flags


def _title_like(words: list[str]) -> bool:
    """A short quotation whose words are mostly capitalised: a title, not quoted speech."""
    letters = [word for word in words if word[0].isalpha()]
    if not letters or len(words) > 12:
        return False
    capitalised = sum(1 for word in letters if word[0].isupper())
    return capitalised >= 0.6 * len(letters)
