"""Runs of capitalised words: which tokens can belong to a name, and how a run is collected.

A run is a sequence of atoms on one line: known names (gazetteer matches), capitalised words, and the
glue allowed between them (name particles "bin", "van"; "dan", "of" inside organisations; initials'
dots; inner hyphens and apostrophes). :class:`Scanner` holds the per-text state shared with the rules
(:mod:`.rules`), and emits :class:`Found` names.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.language.entities.classify import acronym
from indexer.language.entities.common import is_common
from indexer.language.entities.gazetteer import Match
from indexer.language.entities.lexicon import (
    CONNECTORS,
    EVENT_CONNECTORS,
    GIVEN_NAMES,
    LOC_HEADS,
    NEVER_NAME,
    ORG_CONNECTORS,
    ORG_HEADS,
    WEEKDAY_MONTH,
)
from indexer.language.entities.model import EntityType
from indexer.language.entities.tokens import Tokens

__all__ = ["Atom", "Found", "Scanner"]

_ALL_CONNECTORS = CONNECTORS | ORG_CONNECTORS | EVENT_CONNECTORS
_NUMBERED = ORG_HEADS | LOC_HEADS | frozenset("sman smpn sdn smkn densus".split())
_TRAILING_JUNK = frozenset("no nomor rp km kg kec kab".split())
_UNITS = frozenset("km m meter kilometer mil cm mm persen ton kg ha hektare".split())
"""Units after a number that make it an amount ("Gunung Muria 9 km"), not part of a name ("Densus 88"); not
words of time, which follow a numbered name too ("SMA Negeri 2 tahun ini")."""
_DOTTED = frozenset("inc corp co ltd jr sr bros".split())
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof ir drs dra jl jln kec kab kel st h hj kh rm sdr gen lt col capt sen rep".split()
)


@dataclass(slots=True)
class Found:
    """A name over tokens ``first``..``last``; ``strong`` when the table or a clear cue says its type."""

    first: int
    last: int
    start: int
    end: int
    type: EntityType
    canonical: str | None
    strong: bool
    known: bool = False
    tentative: bool = False
    """A lone unknown word at a sentence start: kept only if the rest of the text names it too."""


@dataclass(slots=True)
class Atom:
    first: int
    last: int
    match: Match | None = None
    glue: bool = False
    """A connector or mark between names ("bin", "dan", ".", "-"), kept only inside a name."""


class Scanner:
    """One text's tokens, known names and blocked tokens: finds runs of names and emits what is found."""

    def __init__(self, tokens: Tokens, matches: list[Match], blocked: list[bool], lang: str) -> None:
        self.t = tokens
        self.words = tokens.words
        self.lower = [word.lower() for word in tokens.words]
        self.match_at = {m.first: m for m in matches}
        self.blocked = blocked
        self.lang = lang
        self.lower_seen = {w for w in self.lower if w.isalpha()} & {w for w in tokens.words if w.islower()}
        self.found: list[Found] = []

    # -- which tokens can be part of a name -------------------------------------------------------
    def name_token(self, k: int) -> bool:
        word = self.words[k]
        if self.blocked[k] or self.t.upper_line[k] or not word[0].isupper():
            return False
        if not word.isalpha() and any(char.isdigit() for char in word):
            return False  # "Rp290", "PS2": amounts and models, not names
        return self.lower[k] not in WEEKDAY_MONTH

    def atom_at(self, k: int) -> Atom | None:
        match = self.match_at.get(k)
        if match is not None and not self.blocked[k] and not self.blocked[match.last]:
            return Atom(k, match.last, match)
        return Atom(k, k) if self.name_token(k) else None

    def collect(self, i: int) -> tuple[list[Atom], int]:
        """The run of atoms starting at token ``i`` and the index after it."""
        atoms: list[Atom] = []
        k, n = i, len(self.words)
        while k < n:
            if atoms and not self.t.joined(k):
                break
            atom = self.atom_at(k)
            if atom is not None:
                atoms.append(atom)
                k = atom.last + 1
                continue
            word = self.words[k]
            if word.isdigit() and atoms and self.lower[atoms[0].first] in _NUMBERED and self.after(k) not in _UNITS:
                atoms.append(Atom(k, k))  # "SMA Negeri 1 Purwokerto", "Densus 88"
                k += 1
                continue
            if not atoms or k + 1 >= n or not self.t.joined(k + 1):
                break
            nxt = self.atom_at(k + 1)
            glue = False
            if nxt is not None:
                previous = self.words[atoms[-1].last]
                if word == ".":
                    glue = atoms[-1].match is None and (len(previous) == 1 or previous.lower() in _ABBREVIATIONS)
                elif word in "-'’&":
                    glue = self.t.starts[k] == self.t.ends[k - 1] and self.t.ends[k] == self.t.starts[k + 1]
                    glue = glue or word == "&"
                else:
                    glue = self.lower[k] in _ALL_CONNECTORS
            elif self.lower[k] in CONNECTORS and self.words[k + 1] == "-" and k + 2 < n:
                # "Khalid al-Sarayreh": a particle joined to the next name by a hyphen
                joined = self.t.ends[k] == self.t.starts[k + 1] and self.t.ends[k + 1] == self.t.starts[k + 2]
                if joined and self.atom_at(k + 2) is not None:
                    atoms.append(Atom(k, k, glue=True))
                    k += 1
                    glue = True
            if not glue:
                break
            atoms.append(Atom(k, k, glue=True))
            k += 1
        return atoms, k

    # -- helpers ----------------------------------------------------------------------------------
    def is_glue(self, atom: Atom) -> bool:
        return atom.glue

    def emit(
        self, first: int, last: int, kind: EntityType, canonical: str | None, strong: bool, known: bool = False
    ) -> None:
        while last > first and (
            not self.words[last][0].isalnum()
            or (self.lower[last] in NEVER_NAME and not self.words[last][0].isupper())
            or self.lower[last] in _TRAILING_JUNK
        ):
            last -= 1
        end = self.t.ends[last]
        if self.lower[last] in _DOTTED and end < len(self.t.text) and self.t.text[end] == ".":
            end += 1  # "Texaco Inc.", "Ferdinand Marcos Jr."
        if first == last and self.match_at.get(first) is not None:
            end = self.match_at[first].end  # a clitic left out by the gazetteer
        self.found.append(Found(first, last, self.t.starts[first], end, kind, canonical, strong, known))

    def emit_known(self, atom: Atom) -> None:
        assert atom.match is not None
        known = atom.match.known
        self.found.append(
            Found(atom.first, atom.last, atom.match.start, atom.match.end, known.type, known.canonical, True, True)
        )

    def before(self, k: int) -> str:
        """The lower-case word before token ``k`` on its line, or ""."""
        return self.lower[k - 1] if k > 0 and self.t.joined(k) else ""

    def after(self, k: int) -> str:
        return self.lower[k + 1] if k + 1 < len(self.words) and self.t.joined(k + 1) else ""

    def _ordinary(self, k: int) -> bool:
        """An ordinary word of the language, written with a capital inside a title ("Menteri Keadilan")."""
        return self.lower[k] not in GIVEN_NAMES and is_common(self.words[k], self.lang, self.lower_seen)

    def _acronym(self, k: int) -> bool:
        return acronym(self.words[k])
