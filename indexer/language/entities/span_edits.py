"""How the span rules of :mod:`.span_rules` change spans: the token tests and edits behind each rule
(titles and divisions, Balinese names, bodies and the persons after them, brackets, companies)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from indexer.language.entities import Analysis
from indexer.language.entities.common import is_common
from indexer.language.entities.gazetteer import Match
from indexer.language.entities.lexicon import (
    BALINESE_ORDER,
    EVENT_HEADS,
    GIVEN_NAMES,
    LEGAL_TAILS,
    LOC_HEADS,
    ORG_HEADS,
    RANKS,
    ROLE_WORDS,
    TITLES,
    is_title_word,
)
from indexer.language.entities.model import Entity
from indexer.language.entities.rules import Found
from indexer.language.entities.tokens import AGE_GROUP, Tokens


def _balinese(tokens: Tokens, spans: list[tuple[int, int, str]], analysis: Analysis) -> list[tuple[int, int, str]]:
    """A Balinese name keeps the "I" or "Ni" before its birth-order name ("I Made Mudharta", "Ni Luh
    Putu …"), also where the tagger gave that word to the name before ("Partai Demokrat Bali I"), but not
    from a name of the tables or an event ("Angkasa Pura I", "Perang Dunia I")."""
    words = tokens.words
    result: list[tuple[int, int, str]] = []
    named: list[bool] = []  # per token, computed when first needed
    for first, last, kind in spans:
        if (
            kind == "PERSON"
            and first > 0
            and words[first - 1] in ("I", "Ni")
            and words[first].lower() in BALINESE_ORDER
            and tokens.joined(first)
            and not (named := named or _named_tokens(analysis))[first - 1]
        ):
            if result and result[-1][1] == first - 1:
                before = result.pop()
                if before[0] < first - 1:
                    result.append((before[0], first - 2, before[2]))
            first -= 1
        result.append((first, last, kind))
    return result


_AGE_GROUP = re.compile(AGE_GROUP + r"\Z")
_KEPT_TITLES = GIVEN_NAMES | {
    "pangeran", "raden", "rm", "sultan", "raja", "ratu", "gus", "sir", "lady", "lord", "dame", "sang",
    "prince", "princess", "king", "queen",
}  # fmt: skip
"""Titles that the annotated news keeps inside a name ("Pangeran Diponegoro", "Gus Dur", "Prince Harry"),
and title words that are given names too ("Imam Nahrawi", "Putri Candrawathi")."""
_AFTER_TITLE = frozenset((".", "pol", "purn", "tni"))
"""What follows a rank before the name: "Dr. Ahmad", "Brigjen Pol Mardiaz", "Jenderal TNI Wiranto"."""


def _named_tokens(analysis: Analysis) -> list[bool]:
    """Per token: whether it is part of a name of the tables or of an event the rules found."""
    tokens = analysis.tokens
    named = [False] * len(tokens)
    for match in analysis.matches:
        named[match.first : match.last + 1] = [True] * (match.last + 1 - match.first)
    starts = tokens.starts
    for entity in analysis.names:
        if entity.type == "MISC":
            k = bisect.bisect_left(starts, entity.start)
            while k < len(starts) and starts[k] < entity.end:
                named[k] = True
                k += 1
    return named


class KnownOrgs:
    """The organisations of the tables named in a text, indexed by every shorter run of their words, for
    :meth:`holds`; built when first asked, so that a text that never asks pays nothing."""

    def __init__(self, words: list[str], matches: Sequence[Match]) -> None:
        self._words = words
        self._matches = matches
        self._runs: dict[tuple[str, ...], list[tuple[int, int]]] | None = None

    def _index(self) -> dict[tuple[str, ...], list[tuple[int, int]]]:
        runs: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        by_name: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for match in self._matches:
            if match.known.type == "ORG":
                by_name.setdefault(tuple(self._words[match.first : match.last + 1]), []).append(
                    (match.first, match.last)
                )
        for name, places in by_name.items():
            shorter = {name[k : k + size] for size in range(1, len(name)) for k in range(len(name) - size + 1)}
            for run in shorter:
                runs.setdefault(run, []).extend(places)
        return runs

    def holds(self, first: int, last: int) -> bool:
        """Whether the words ``first``..``last`` are part, not the whole, of an organisation of the tables
        named in the text, elsewhere than at ``first``: the tagger reads such words as the organisation's,
        which a person the body is named after is not ("Gadjah Mada", "Universitas Gadjah Mada")."""
        if self._runs is None:
            self._runs = self._index()
        places = self._runs.get(tuple(self._words[first : last + 1]), ())
        return any(not (begin <= first <= end) for begin, end in places)


def _untitled_person(words: list[str], first: int, last: int) -> int:
    """Where a tagger's person begins once the titles before the name are left out: "Iptu Nasrun
    Sembiring", "Brigjen Pol Mardiaz Kusin", "Kanit Reskrim Iptu Nasrun Sembiring" (a rank inside the
    span: what comes before it is a role too). Noble titles stay ("Pangeran Diponegoro")."""
    for k in range(last - 1, first, -1):
        if words[k].lower() in RANKS:
            first = k
            break
    while first < last and _is_title(words[first]) and words[first].lower() not in _KEPT_TITLES:
        first += 1
        while first < last and words[first].lower() in _AFTER_TITLE:
            first += 1
    return first


def _is_title(word: str) -> bool:
    """A title or role; "Waka" (a deputy head, "Waka Polda") too, which the tagger's title feature leaves
    out because its training files never have it."""
    lower = word.lower()
    return lower == "waka" or is_title_word(lower)


_DIVISIONS = ROLE_WORDS | {
    "humas", "reskrim", "reskrimum", "reskrimsus", "narkoba", "lantas", "intelkam", "binmas", "propam",
    "sabhara", "samapta", "bidhumas", "penmas", "dokkes", "kum", "ops", "sdm",
}  # fmt: skip
"""Words of a division after a title, before the body it belongs to ("Kabid Humas Polda Banten")."""


def _untitled(
    tokens: Tokens, first: int, last: int, rule_spans: Sequence[tuple[int, int, str]], rule_firsts: list[int]
) -> tuple[int, int, str] | None:
    """An organisation or place of the rules inside a tagger's name whose other words are a title: the
    title before it, with its division ("Waka Polda Sumut", "[Kabid] Humas Polda Banten") or a rank after
    it, before a person ("Polda Banten Kombes Pol
    Edy Sumardi", "Polda Metro Jaya Komisaris Besar Argo Yuwono")."""
    words = tokens.words
    index = bisect.bisect_left(rule_firsts, first)
    while index < len(rule_spans) and rule_spans[index][0] <= last:
        inner_first, inner_last, inner_kind = rule_spans[index]
        index += 1
        if inner_kind not in ("ORG", "LOC") or inner_last > last or (inner_first, inner_last) == (first, last):
            continue
        head = words[first:inner_first]
        tail = words[inner_last + 1 : last + 1]
        titled = _is_title(head[0]) if head else False
        titled = titled or (first > 0 and _is_title(words[first - 1]))  # "Kabid" before "Humas Polda …"
        if head and not (titled and all(_is_title(word) or word.lower() in _DIVISIONS for word in head)):
            continue  # "Waka", "Kabid Humas": a title, maybe with its division
        if tail and not (
            _is_title(tail[0])
            and all(_is_title(word) or word.lower() in ROLE_WORDS for word in tail)
            and last + 1 < len(words)
            and tokens.joined(last + 1)
            and words[last + 1][:1].isupper()
        ):
            continue
        return inner_first, inner_last, inner_kind
    return None


def _person_after(tokens: Tokens, first: int, last: int, inside: dict[int, Match], seen: set[str]) -> int | None:
    """Where a person begins in a tagger's name that opens with a known club and runs on into two or more
    capitalised words that are no ordinary words, heads or known names: "Juventus Paulo Dybala" (a player
    after his club)."""
    match = inside.get(first)
    if match is None or "club" not in match.known.notes or last - match.last < 2:
        return None  # not after a club: "Daihatsu Sigra Terios", "Nvidia Geforce Rtx" are products
    words = tokens.words
    rest = range(match.last + 1, last + 1)
    if any(k in inside or not words[k][:1].isupper() or not words[k].isalpha() for k in rest):
        return None
    lowers = [words[k].lower() for k in rest]
    if any(
        lower in ORG_HEADS or lower in LOC_HEADS or lower in TITLES or lower in LEGAL_TAILS for lower in lowers
    ) or any(is_common(words[k], "id", seen) or is_common(words[k], "en") for k in rest):
        return None
    return match.last + 1


_STOPS = frozenset(".,;:!?")


_BRACKETS = frozenset("()")
_BRACKETED_FORMS = LEGAL_TAILS | {"persero"}
"""Legal forms that follow a company's name in brackets ("PT Pertamina (Persero)"): part of no name."""


def _unbracketed(tokens: Tokens, first: int, last: int, kind: str) -> list[tuple[int, int, str]]:
    """A name opens on no stop (". Lavrov", a window across two sentences) and holds no bracket: a span
    across brackets is the names between them ("Kementerian Perhubungan (Kemenhub)" → "Kementerian
    Perhubungan", "Kemenhub"; "(Jokowi)" → "Jokowi"), less a legal form alone in brackets ("PT Pertamina
    (Persero)" → "PT Pertamina")."""
    words = tokens.words
    while first < last and words[first] in _STOPS:
        first += 1
    parts: list[tuple[int, int, str]] = []
    start = first
    for k in range(first, last + 2):
        if k <= last and words[k] not in _BRACKETS:
            continue
        if start < k:
            enclosed = start > first and words[start - 1] == "("
            if not (enclosed and all(word.lower() in _BRACKETED_FORMS for word in words[start:k])):
                parts.append((start, k - 1, kind))
        start = k + 1
    return parts


def _english(tokens: Tokens, match: Match) -> bool:
    """Whether a known place is written as its (English) canonical name: "Taiwan", not "Amerika Serikat"."""
    return " ".join(tokens.words[match.first : match.last + 1]) == match.known.canonical


def _companies(tokens: Tokens, spans: list[tuple[int, int, str]], places: dict[int, int]) -> list[tuple[int, int, str]]:
    """Names of companies: one ending in a legal form is an organisation, with the organisation right
    before it ("Pertamina Energy Trading Ltd") and a place written in English right before an ordinary
    word ("Taiwan Semiconductor Manufacturing Co"; ``places``: the first token of such places by their
    last); a legal form or "Group" opening a name right after an organisation belongs to it ("Gojek
    Group Andre Soelistyo"); alone, it is no name ("eBay Inc.")."""
    return _company_names(tokens, _after_company(tokens, spans), places)


def _company_names(
    tokens: Tokens, spans: list[tuple[int, int, str]], places: dict[int, int]
) -> list[tuple[int, int, str]]:
    """:func:`_companies` but the names of a company and a person run together (:func:`_after_company`)."""
    words = tokens.words
    result: list[tuple[int, int, str]] = []
    for first, last, kind in spans:
        before = result[-1] if result and result[-1][1] == first - 1 and tokens.joined(first) else None
        if words[last].lower() in LEGAL_TAILS:
            kind = "ORG"
            if before is not None and (before[2] == "ORG" or (before[2] == "LOC" and is_common(words[first], "en"))):
                first = result.pop()[0]
            elif before is None and first - 1 in places and tokens.joined(first) and is_common(words[first], "en"):
                first = places[first - 1]
            elif first == last:
                continue
        elif words[first].lower() in _COMPANY_WORDS and before is not None and before[2] == "ORG":
            result[-1] = (before[0], first, "ORG")
            if first == last:
                continue
            first += 1
        result.append((first, last, kind))
    return result


_COMPANY_WORDS = LEGAL_TAILS | {"group", "grup"}


def _after_company(tokens: Tokens, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name that runs on after a company's legal form or "Group" into words that are no ordinary
    words is two: the company and a person ("MNC Group Hary Tanoesoedibjo")."""
    words = tokens.words
    result: list[tuple[int, int, str]] = []
    for first, last, kind in spans:
        cut = next((k for k in range(last - 1, first, -1) if words[k].lower() in _COMPANY_WORDS), None)
        rest = words[cut + 1 : last + 1] if cut is not None else []
        if cut is not None and all(not is_common(word, "en") and not is_common(word, "id") for word in rest):
            result.append((first, cut, "ORG"))
            result.append((cut + 1, last, "PERSON"))
        else:
            result.append((first, last, kind))
    return result


def _ordinary(word: str, seen: set[str]) -> bool:
    """An ordinary word of the language that is not the head of a name ("Pasukan", not "Kabupaten")."""
    lower = word.lower()
    return (
        lower not in ORG_HEADS and lower not in LOC_HEADS and lower not in EVENT_HEADS and is_common(word, "id", seen)
    )


def spelled_cover(definitions: list[tuple[Found, Found, bool]]) -> Callable[[tuple[int, int, str]], bool]:
    """A test of whether a tagger's span lies inside one of the spelled ``definitions`` and its acronym:
    it gives way to them. Bisects the definitions sorted by where they begin, with the furthest end of
    those before each: a logarithmic test whatever the number of definitions."""
    covers = sorted((name.first, acronym.last + 1) for name, acronym, spelled in definitions if spelled)
    firsts = [first for first, _ in covers]
    furthest: list[int] = []
    for _, end in covers:
        furthest.append(max(end, furthest[-1]) if furthest else end)

    def within(span: tuple[int, int, str]) -> bool:
        index = bisect.bisect_right(firsts, span[0]) - 1
        return index >= 0 and span[1] <= furthest[index]

    return within


def token_span(tokens: Tokens, entity: Entity) -> tuple[int, int]:
    """The first and last token of an entity found by the rules."""
    first = bisect.bisect_left(tokens.starts, entity.start)
    last = bisect.bisect_left(tokens.ends, entity.end, lo=first)
    return first, min(last, len(tokens) - 1)
