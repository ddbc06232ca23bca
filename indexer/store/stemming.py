"""Word forms: Indonesian roots from Sastrawi, English stems for words Sastrawi does not know.

A query does not say its language and a corpus mixes Indonesian and English, so one stemmer serves
both: a word that Sastrawi reduces, or finds in its Indonesian dictionary, keeps Sastrawi's root
("kunjungan", "kunjungi" → "kunjung"); any other word goes to the English stemmer given by the caller
("meetings" → "meet"). The same function runs at index and at query time, so forms always agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

TOKEN_PATTERN = r"\w+(?:[.'’]\w+)*"
"""A word: letters and digits, with inner dots and apostrophes (``U.S``, ``don't``, ``3.5``)."""
WORD = re.compile(TOKEN_PATTERN)
EXACT_MARK = "="
"""Prefix of the unstemmed form indexed beside a stem when the two differ (``=kunjungan``)."""


@functools.cache
def _sastrawi() -> tuple[Any, Any]:
    """Sastrawi's stemmer and its dictionary, made when the first word is stemmed (not at import:
    opening an index to read it needs neither)."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer().delegatedStemmer
    return stemmer, stemmer.get_dictionary()


_MIN_LENGTH = 4
"""Shorter words are left alone: stemming them conflates more than it finds."""
_AFFIXED = re.compile(r"^(?:di|ke|se|be|me|pe|te)|(?:lah|kah|tah|pun|ku|mu|nya|i|kan|an)$")
"""Sastrawi only changes words with one of these prefixes or suffixes; others skip its costly rules."""


class Stemmer:
    """A word → stem function with a plain dict as cache; given one of :mod:`indexer.language.memo`'s, writer
    subprocesses hand its new entries back and, forked, inherit it, so each word is worked out once
    per run rather than once per process."""

    def __init__(
        self, english_stem: Callable[[str], str], cache: dict[str, str] | None = None, limit: int = 2_000_000
    ) -> None:
        self._english_stem = english_stem
        self._limit = limit
        self.cache: dict[str, str] = {} if cache is None else cache

    def __call__(self, word: str) -> str:
        root = self.cache.get(word)
        if root is None:
            if len(self.cache) >= self._limit:
                self.cache.clear()
            root = self.cache[word] = self._work_out(word)
        return root

    def _work_out(self, word: str) -> str:
        if len(word) < _MIN_LENGTH or not word.isalpha():
            return word
        stemmer, dictionary = _sastrawi()
        if dictionary.contains(word):
            return word
        if _AFFIXED.search(word):
            root: str = stemmer.stem_word(word)
            if root != word and len(root) >= 3:
                return root
        return self._english_stem(word)
