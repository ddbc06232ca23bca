"""Within one article: canonical names, short forms and acronyms, one type per name.

- A person's surname or first name alone ("Koffler", "Li") resolves to the full name that contains it,
  introduced earlier in the text (else the only later one): canonical "Rebekah Koffler". A table's
  short alias ("Kim") gives way to a fuller name of the article ("Kim Yo Jong").
- An acronym in brackets after a name ("Badan Intelijen Pertahanan (DIA)") takes its type and
  canonical name, and so do its other mentions.
- A name typed by a weak cue takes the type a clear cue or a table gave the same words elsewhere.
- A name that is part of an organisation named before it is that organisation ("Kodak" after "Eastman
  Kodak Co"), unless a person named since holds the same words ("Ford" after "Gerald Ford"); in English
  a weakly read person too, in Indonesian only names read as organisations.
- A lone unknown word at a sentence start is kept only when the text names it elsewhere too.
- A weakly typed name listed beside places ("Klaten, Prambanan, Wedi") is a place.
"""

from __future__ import annotations

import bisect
import re

from indexer.language.entities.lexicon import EN_LEGAL_TAILS
from indexer.language.entities.model import Entity, EntityType
from indexer.language.entities.rules import Found
from indexer.language.entities.tokens import Tokens

__all__ = ["resolve"]

_MAX_PARTS = 10
"""Capitalised parts of the longest name that short forms resolve to."""


def _surface(tokens: Tokens, found: Found) -> str:
    return " ".join(tokens.text[found.start : found.end].split())


def _parts(surface: str) -> list[str]:
    return [part for part in surface.replace("-", " ").split() if part[:1].isupper()]


def resolve(tokens: Tokens, found: list[Found], lang: str = "id") -> list[Entity]:
    """Entities of ``found`` (in text order) with canonical names decided over the whole text, read as
    ``lang``."""
    text = tokens.text
    surfaces = [_surface(tokens, item) for item in found]
    strong_type: dict[str, EntityType] = {}
    for item, surface in zip(found, surfaces, strict=True):
        if item.strong and not item.tentative:
            strong_type.setdefault(surface, item.type)
    acronyms = _acronyms(text, found, surfaces)
    capitalised_elsewhere: set[str] | None = None  # computed when a tentative name needs it
    all_parts = [_parts(surface) for surface in surfaces]
    persons = _Persons()
    for item, surface, parts in zip(found, surfaces, all_parts, strict=True):
        if item.type == "PERSON" and not item.tentative:
            full = item.canonical or persons.short_form(parts, item.start) or surface
            persons.add(item.start, parts, full, joined=_HYPHEN_JOINED.search(surface) is not None)
    companies = _Organisations()
    for item, surface, parts in zip(found, surfaces, all_parts, strict=True):
        if item.type == "ORG" and (item.strong or item.known):
            companies.add(item.start, parts, item.canonical or surface)
    named = [persons.full_name(parts, item.start) is not None for item, parts in zip(found, all_parts, strict=True)]
    _places_in_lists(text, found, named)
    entities: list[Entity] = []
    for item, surface, parts in zip(found, surfaces, all_parts, strict=True):
        kind, canonical = item.type, item.canonical
        definition = acronyms.get(surface)
        if definition is not None and definition is not item:
            kind = definition.type
            canonical = definition.canonical or _surface(tokens, definition)
        elif not item.strong and surface in strong_type:
            kind = strong_type[surface]
        unknown = not item.known and (definition is None or definition is item)  # no acronym defined either
        kind, canonical = _by_other_names(item, parts, kind, canonical, unknown, persons, companies, lang)
        if item.tentative and kind in ("PERSON", "ORG") and canonical is None and surface not in strong_type:
            if capitalised_elsewhere is None:
                capitalised_elsewhere = _capitalised_mid_sentence(tokens)
            if surface not in capitalised_elsewhere:
                continue
        if canonical is None:
            canonical = surface
        entities.append(Entity(item.start, item.end, text[item.start : item.end], kind, canonical))
    return entities


def _acronyms(text: str, found: list[Found], surfaces: list[str]) -> dict[str, Found]:
    """The names (``found``, in text order, with their ``surfaces``) that define an acronym in brackets
    right after them, by the acronym: "Komisi Pemilihan Umum (KPU)"."""
    acronyms: dict[str, Found] = {}
    for index, item in enumerate(found[:-1]):
        nxt = found[index + 1]
        between = text[item.end : nxt.start]
        short = surfaces[index + 1]
        # "(KPU)"; after an organisation, one word no table knows: "Dinas Pendidikan Pemuda dan Olahraga
        # (Disdikpora)", not "Credit Suisse (Switzerland)"
        abbreviation = short.isupper() or (item.type == "ORG" and " " not in short and not nxt.known)
        defined = between.strip() == "(" and text[nxt.end : nxt.end + 1] == ")" and abbreviation
        if defined and (not nxt.known or nxt.type != item.type):
            acronyms.setdefault(surfaces[index + 1], item)
    return acronyms


def _by_other_names(
    item: Found,
    parts: list[str],
    kind: EntityType,
    canonical: str | None,
    unknown: bool,
    persons: _Persons,
    companies: _Organisations,
    lang: str,
) -> tuple[EntityType, str | None]:
    """The type and canonical name of a name (``parts``: its capitalised words) read so far as ``kind``,
    ``canonical``, by the article's other names: part of an organisation named before it ("Kodak" after
    "Eastman Kodak Co"), or of a person's full name ("Koffler": "Rebekah Koffler"). ``unknown``: no table
    knows it and it defines no acronym."""
    # a weakly read person only in English, where a company is often named after one ("Kodak said");
    # Indonesian bodies named after a person ("Universitas Gadjah Mada") do not make him one
    person_or_org = kind == "ORG" or (kind == "PERSON" and not item.strong and lang == "en")
    company = companies.before(parts, item.start) if person_or_org and unknown else None
    if company is not None and company[0] > persons.latest(parts, item.start):
        return "ORG", company[1]  # "Kodak" after "Eastman Kodak Co"
    if kind in ("PERSON", "LOC", "ORG") and parts and (not item.known or _part_of_canonical(parts, canonical)):
        full = persons.full_name(parts, item.start)
        if full is not None and (kind == "PERSON" or not item.strong):
            return "PERSON", full
        if full is None and kind == "PERSON" and not item.known:
            return kind, persons.short_form(parts, item.start) or canonical
    return kind, canonical


def _part_of_canonical(parts: list[str], canonical: str | None) -> bool:
    """Whether a table's name is one word of its canonical name ("Kim": "Kim Jong Un"), which gives way
    to a fuller name of the article; a nickname ("Jokowi": "Joko Widodo") keeps its canonical name."""
    return len(parts) == 1 and canonical is not None and parts[0] in canonical.split()


_HYPHEN_JOINED = re.compile(r"\w-[A-Z]")
"""Two capitalised words joined by a hyphen: a pair of names ("Trump-Rouhani") as often as one name."""


class _Persons:
    """Full names of the article's persons, indexed by every shorter run of their parts. The parts of a
    name of hyphen-joined words ("Trump-Rouhani", "Jean-Claude") are indexed apart: a short form
    ("Trump") resolves to them only when no name of words apart ("Donald Trump") holds it."""

    def __init__(self) -> None:
        self._by_part: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        self._by_joined_part: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        self._canonicals: dict[tuple[str, ...], set[str]] = {}
        self._by_short: dict[tuple[str, tuple[str, ...]], list[tuple[int, str]]] = {}
        self._short_named: dict[tuple[tuple[str, ...], str], int] = {}

    def add(self, start: int, parts: list[str], canonical: str, joined: bool = False) -> None:
        if len(parts) > _MAX_PARTS:
            return  # not a person's name (a run of capitals the tagger took for one): nothing to resolve to
        self._add_short_forms(start, parts, canonical)
        index = self._by_joined_part if joined else self._by_part
        for size in range(1, len(parts)):
            for k in range(len(parts) - size + 1):
                key = tuple(parts[k : k + size])
                index.setdefault(key, []).append((start, canonical))
                self._canonicals.setdefault(key, set()).add(canonical)

    def full_name(self, parts: list[str], start: int) -> str | None:
        """The canonical name of the person whose longer name contains ``parts``: the latest one
        before ``start``, else the only one of the article; a name of hyphen-joined words only when no
        other name holds ``parts``."""
        mentions = self._by_part.get(tuple(parts)) or self._by_joined_part.get(tuple(parts))
        if not mentions:
            return None
        latest = _latest_before(mentions, start)
        if latest is not None:
            return latest[1]
        canonicals = self._canonicals[tuple(parts)]
        return next(iter(canonicals)) if len(canonicals) == 1 else None

    def latest(self, parts: list[str], start: int) -> int:
        """Where the latest longer name containing ``parts`` begins before ``start``, or -1."""
        key = tuple(parts)
        latest = _latest_before(self._by_part.get(key) or self._by_joined_part.get(key, []), start)
        return -1 if latest is None else latest[0]

    def short_form(self, parts: list[str], start: int) -> str | None:
        """The canonical name of the one person named before ``start`` whose first name begins with the
        first of ``parts`` and whose next names are the rest: "Alex" or "Alex Marwata" after "Alexander
        Marwata". A short first name ("Ali", "Li") stays itself."""
        short = parts[0] if parts else ""
        if len(short) < _MIN_SHORT or not short.isalpha():
            return None
        earliest = self._by_short.get((short, tuple(parts[1:])))
        if not earliest or earliest[0][0] >= start:
            return None
        return earliest[0][1] if len(earliest) == 1 or earliest[1][0] >= start else None

    def _add_short_forms(self, start: int, full: list[str], canonical: str) -> None:
        """Index the name ``full`` under every short form :meth:`short_form` resolves to it: each shorter
        beginning of its first name with each run of its next names. Per short form only the two
        canonical names named first are kept (with where each was first named): enough to tell whether
        exactly one was named before a place, in constant time whatever the length of the article."""
        if len(full) < 2 or len(full[0]) > _MAX_FIRST:
            return
        name = (tuple(full), canonical)
        if self._short_named.get(name, start + 1) <= start:
            return  # named before: its short forms are known from there
        self._short_named[name] = start
        first = full[0]
        for size in range(_MIN_SHORT, len(first)):
            short = first[:size]
            for last in range(1, len(full) + 1):
                key = (short, tuple(full[1:last]))
                earliest = self._by_short.setdefault(key, [])
                for k, (begun, known) in enumerate(earliest):
                    if known == canonical:
                        if start < begun:
                            earliest[k] = (start, canonical)
                        break
                else:
                    earliest.append((start, canonical))
                earliest.sort()
                del earliest[2:]


_MIN_SHORT = 4
"""Letters of the shortest first name read as the short form of a longer one ("Alex": Alexander)."""

_MAX_FIRST = 24
"""Letters of the longest first name whose short forms are known: a longer capitalised word is no
first name, and indexing every beginning of it would cost the square of its length."""


def _capitalised_mid_sentence(tokens: Tokens) -> set[str]:
    """Words written with a capital where no sentence starts: names, whatever their position."""
    return {
        word
        for word, initial, shouting in zip(tokens.words, tokens.sentence_start, tokens.upper_line, strict=True)
        if not initial and not shouting and word[:1].isupper()
    }


_LIST_GLUE = frozenset((",", "dan", "atau", "and", "or", ", dan", ", and", "/"))


def _places_in_lists(text: str, found: list[Found], named: list[bool]) -> None:
    """A weakly typed name listed beside places is a place: "Klaten, Prambanan, Wedi, Surakarta";
    not a part of a person's name given earlier ("ke Belarus, Li akan …")."""
    for _ in range(2):
        for index, item in enumerate(found):
            if item.strong or item.type == "LOC" or named[index]:
                continue
            for other in (found[index - 1] if index else None, found[index + 1] if index + 1 < len(found) else None):
                if other is None or other.type != "LOC" or not (other.strong or other.known):
                    continue
                between = text[other.end : item.start] if other.start < item.start else text[item.end : other.start]
                if " ".join(between.split()) in _LIST_GLUE:
                    item.type = "LOC"
                    item.strong = True
                    item.tentative = False
                    break


def _latest_before(mentions: list[tuple[int, str]], start: int) -> tuple[int, str] | None:
    """The last of ``mentions`` (in text order) that begins before ``start``."""
    index = bisect.bisect_left(mentions, start, key=lambda mention: mention[0])
    return mentions[index - 1] if index else None


def _distinctive(parts: list[str]) -> list[str]:
    """The words of an organisation's name without its legal form: "Eastman Kodak" of "Eastman Kodak Co"."""
    while parts and parts[-1].lower().rstrip(".") in EN_LEGAL_TAILS:
        parts = parts[:-1]
    return parts


class _Organisations:
    """The article's organisations, indexed by every run of their distinctive words (their legal form left
    out), the whole name included: "Kodak", "Eastman Kodak", "Kodak Co" after "Eastman Kodak Co"."""

    def __init__(self) -> None:
        self._by_part: dict[tuple[str, ...], list[tuple[int, str]]] = {}

    def add(self, start: int, parts: list[str], canonical: str) -> None:
        parts = _distinctive(parts)
        if len(parts) > _MAX_PARTS:
            return
        for size in range(1, len(parts) + 1):
            for k in range(len(parts) - size + 1):
                key = tuple(parts[k : k + size])
                self._by_part.setdefault(key, []).append((start, canonical))

    def before(self, parts: list[str], start: int) -> tuple[int, str] | None:
        """Where the latest organisation whose name holds ``parts`` begins before ``start``, and its
        canonical name; None if there is none."""
        parts = _distinctive(parts)
        return _latest_before(self._by_part.get(tuple(parts), []), start) if parts else None
