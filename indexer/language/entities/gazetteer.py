"""Longest-match lookup of known names over tokens.

Every alias of the knowledge tables is tokenized once; a dict maps an alias's first token to the
aliases starting with it, longest first. Matching walks the tokens once: at each token one dict
lookup, then a comparison of the few candidates. The first token must match exactly (``AS`` is the
United States, ``as`` is not); later tokens may differ in case (``Korea utara``); the last may carry
the Indonesian clitic ``-nya`` (``Putinnya``), which the match leaves out. In a line written in capitals
(``RUSIA DAN CINA …``) aliases are compared in capitals, except short words (``AS`` in an English
headline is "as").
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from indexer.language.entities.lexicon import COMMON_SHORT_EN, COMMON_SHORT_ID
from indexer.language.entities.tables import ENV_VAR, Known, load_tables
from indexer.language.entities.tokens import Tokens, tokenize

__all__ = ["Gazetteer", "Match", "gazetteer"]

_CLITIC = "nya"
_CLUB = "club"


@dataclass(frozen=True, slots=True)
class Match:
    """Known name over tokens ``first`` to ``last`` (inclusive); ``end`` is the character end."""

    first: int
    last: int
    start: int
    end: int
    known: Known


_Candidate = tuple[tuple[str, ...], Known]


class Gazetteer:
    """Known names keyed by their first token."""

    def __init__(self, rows: list[Known]) -> None:
        exact: dict[str, list[_Candidate]] = {}
        upper: dict[str, list[_Candidate]] = {}
        seen: dict[tuple[str, ...], Known] = {}
        self.by_canonical: dict[str, Known] = {}
        self.clubs: dict[str, Known] = {}
        """Sports clubs whose alias a place of an earlier row has taken ("Barcelona", "Valencia"): the
        place is the first reading, the club the reading in a sports context (:mod:`.combine`)."""
        for known in rows:
            self.by_canonical.setdefault(known.canonical, known)
            for alias in known.aliases:
                words = tuple(tokenize(alias).words)
                if not words:
                    continue
                earlier = seen.get(words)
                if earlier is not None:
                    if earlier.type == "LOC" and known.type == "ORG" and _CLUB in known.notes:
                        self.clubs.setdefault(alias, known)
                    continue
                seen[words] = known
                exact.setdefault(words[0], []).append((words, known))
                if len(alias) < 2:
                    continue
                shout = tuple(word.upper() for word in words)
                upper.setdefault(shout[0], []).append((shout, known))
        for table in (exact, upper):
            for candidates in table.values():
                candidates.sort(key=lambda item: -len(item[0]))
        self._exact = exact
        self._upper = upper
        self._exact_by2 = _by_second(exact)
        self._upper_by2 = _by_second(upper)

    def __len__(self) -> int:
        return len(self._exact)

    def word_types(self) -> dict[str, str]:
        """For each capitalised word of the aliases, the types of the names it is part of, as one
        string ("LOC", "ORG+PERSON"): what the tagger knows of a word of an unknown name."""
        kinds: dict[str, set[str]] = {}
        for candidates in self._exact.values():
            for words, known in candidates:
                if known.type in ("PERSON", "ORG", "LOC"):
                    for word in words:
                        if word[:1].isupper():
                            kinds.setdefault(word, set()).add(known.type)
        return {word: "+".join(sorted(types)) for word, types in kinds.items()}

    def knows(self, word: str) -> bool:
        """Whether some alias starts with ``word``."""
        return word in self._exact

    def match_at(self, tokens: Tokens, i: int, lang: str = "id") -> Match | None:
        """The longest known name starting at token ``i``."""
        word = tokens.words[i]
        common = (
            (COMMON_SHORT_ID if lang == "id" else COMMON_SHORT_EN | COMMON_SHORT_ID) if tokens.upper_line[i] else None
        )
        following = self._following(tokens, i)
        candidates = self._candidates(self._exact, self._exact_by2, word, following)
        found = self._best(tokens, i, candidates, common, upper=False) if candidates else None
        if found is None and len(word) > 1 and word.isupper():
            candidates = self._candidates(self._upper, self._upper_by2, word, following)
            if candidates:
                found = self._best(tokens, i, candidates, common, upper=True)
        if found is None and len(word) > len(_CLITIC) + 2 and word.endswith(_CLITIC) and word[0].isupper():
            bare = self._exact.get(word[: -len(_CLITIC)])
            if bare:
                for words, known in bare:
                    if len(words) == 1:
                        return Match(i, i, tokens.starts[i], tokens.ends[i] - len(_CLITIC), known)
        return found

    @staticmethod
    def _following(tokens: Tokens, i: int) -> tuple[str, ...]:
        """Keys for the second word of an alias: the next token in lower case, and without ``-nya``."""
        if i + 1 >= len(tokens) or not tokens.joined(i + 1):
            return ()
        lower = tokens.words[i + 1].lower()
        if lower.endswith(_CLITIC) and len(lower) > len(_CLITIC):
            return (lower, lower[: -len(_CLITIC)])
        return (lower,)

    @staticmethod
    def _candidates(
        table: dict[str, list[_Candidate]],
        by_second: dict[tuple[str, str], list[_Candidate]],
        word: str,
        following: tuple[str, ...],
    ) -> list[_Candidate]:
        """The aliases that can match at a token, longest first: those whose second word is the next
        token (any case), then the one-word ones. The same order as ``table[word]`` less aliases that
        cannot match, so that long tables ("Kabupaten …", "Kota …") cost one lookup."""
        everything = table.get(word)
        if not everything:
            return []
        found: list[_Candidate] = []
        for second in following:
            found.extend(by_second.get((word, second), ()))
        if len(following) > 1:
            found.sort(key=lambda item: -len(item[0]))
        found.extend(item for item in everything[-1:] if len(item[0]) == 1)
        return found

    def _best(
        self, tokens: Tokens, i: int, candidates: list[_Candidate], common: frozenset[str] | None, upper: bool
    ) -> Match | None:
        words = tokens.words
        n = len(words)
        for alias, known in candidates:
            size = len(alias)
            if i + size > n:
                continue
            if common is not None and size == 1 and alias[0].lower() in common:
                continue
            end = tokens.ends[i + size - 1]
            ok = True
            for k in range(1, size):
                word, want = words[i + k], alias[k]
                if not tokens.joined(i + k):
                    ok = False
                elif upper:
                    ok = word.upper() == want
                elif word != want:
                    if k == size - 1 and word == want + _CLITIC:
                        end -= len(_CLITIC)
                    else:  # "Korea utara", "Mahfud Md": case may differ after the first word
                        ok = (
                            word.lower() == want.lower()
                            and want[0].isalpha()
                            and not (want.isupper() and word.islower())
                        )
                if not ok:
                    break
            if ok:
                return Match(i, i + size - 1, tokens.starts[i], end, known)
        return None

    def find_all(self, tokens: Tokens, lang: str = "id") -> list[Match]:
        """Known names from left to right, longest first, not overlapping."""
        found: list[Match] = []
        words = tokens.words
        i, n = 0, len(words)
        exact, upper = self._exact, self._upper
        while i < n:
            word = words[i]
            if word in exact or (word.isupper() and word in upper) or word.endswith(_CLITIC):
                match = self.match_at(tokens, i, lang)
                if match is not None:
                    found.append(match)
                    i = match.last + 1
                    continue
            i += 1
        return found


@lru_cache(maxsize=4)
def _cached(extra: str | None) -> Gazetteer:
    del extra  # part of the cache key: load_tables reads the environment itself
    return Gazetteer(load_tables())


def gazetteer() -> Gazetteer:
    """The gazetteer of the shipped tables and ``$WARTA_KNOWLEDGE`` (built once per folder)."""
    return _cached(os.environ.get(ENV_VAR))


def _by_second(table: dict[str, list[_Candidate]]) -> dict[tuple[str, str], list[_Candidate]]:
    """Aliases of two words or more keyed by their first word and their second in lower case."""
    found: dict[tuple[str, str], list[_Candidate]] = {}
    for first, candidates in table.items():
        for item in candidates:
            if len(item[0]) > 1:
                found.setdefault((first, item[0][1].lower()), []).append(item)
    return found
