"""The combiner's span rules: named, ordered components that settle where the tagger and the tables or
rules disagree in ways the language settles, each one switchable by its name.

:func:`.combine` hands each tagger span (first token, last token, type) to :data:`RULES` in order, as
spaCy hands a text to its pipeline's components. Two kinds:

- a :class:`SpanRule` reads one span at a time and returns it, maybe changed ("Iptu Nasrun Sembiring" →
  "Nasrun Sembiring"), for the next rule, or :class:`Settled` spans that no later span rule looks at
  (none: the span is dropped; two: "Juventus Paulo Dybala" → "Juventus", "Paulo Dybala");
- a :class:`ListRule` reads the whole list of spans at once, after the span rules ("I Made Mudharta": a
  span gives a word to the one after it).

``disabled`` (names of :data:`RULES`) switches rules off, to measure one rule's effect
(``bench/ner_score.py --without NAME``); production code passes none.
"""

from __future__ import annotations

import bisect
import inspect
from collections.abc import Callable
from dataclasses import dataclass

from indexer.language.entities import Analysis
from indexer.language.entities.gazetteer import Match
from indexer.language.entities.lexicon import (
    NOT_PERSON_WORDS,
    TITLES,
)
from indexer.language.entities.rules import Found
from indexer.language.entities.span_edits import (
    _AGE_GROUP,
    KnownOrgs,
    _after_company,
    _balinese,
    _company_names,
    _english,
    _is_title,
    _ordinary,
    _person_after,
    _unbracketed,
    _untitled,
    _untitled_person,
    spelled_cover,
    token_span,
)
from indexer.language.entities.tokens import Tokens

__all__ = ["RULES", "RULE_NAMES", "ListRule", "RuleContext", "Settled", "Span", "SpanRule", "apply_rules"]

Span = tuple[int, int, str]
"""A name's first and last token and its type ("PERSON", "ORG", "LOC")."""


@dataclass(frozen=True, slots=True)
class Settled:
    """The spans a :class:`SpanRule` reads a tagger's span as, final: no later span rule looks at them."""

    spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What the rules read a text's spans against: its tokens, the tables' and the rules' names."""

    analysis: Analysis
    seen: set[str]
    """Lower-cased words seen in lower case in the text (:class:`.tagger.Context`)."""
    inside: dict[int, Match]
    """The tables' names by their first token."""
    known: set[tuple[int, int]]
    """The first and last token of each name of the tables."""
    rule_spans: list[Span]
    """The rules' names but events, in token order."""
    rule_firsts: list[int]
    """The first token of each of ``rule_spans``, for bisecting."""
    rule_set: set[Span]
    """``rule_spans`` as a set."""
    places: dict[int, int]
    """The first token of each known place written in English, by its last ("Taiwan")."""
    definitions: list[tuple[Found, Found, bool]]
    """Organisations defining an acronym in brackets, with it, and whether it spells their initials."""
    known_orgs: KnownOrgs
    """The tables' organisations named in the text, by the runs of their words."""

    @property
    def tokens(self) -> Tokens:
        return self.analysis.tokens

    @classmethod
    def of(cls, analysis: Analysis, seen: set[str], definitions: list[tuple[Found, Found, bool]]) -> RuleContext:
        """The context of ``analysis``'s text; ``definitions`` from :func:`.combine._definitions`."""
        tokens = analysis.tokens
        rule_spans: list[Span] = sorted((*token_span(tokens, e), e.type) for e in analysis.names if e.type != "MISC")
        return cls(
            analysis=analysis,
            seen=seen,
            inside={match.first: match for match in analysis.matches},
            known={(m.first, m.last) for m in analysis.matches},
            rule_spans=rule_spans,
            rule_firsts=[span[0] for span in rule_spans],
            rule_set=set(rule_spans),
            places={m.last: m.first for m in analysis.matches if m.known.type == "LOC" and _english(tokens, m)},
            definitions=definitions,
            known_orgs=KnownOrgs(tokens.words, analysis.matches),
        )


@dataclass(frozen=True, slots=True)
class SpanRule:
    """A rule reading one tagger span at a time: the span, maybe changed, or :class:`Settled` spans."""

    name: str
    apply: Callable[[RuleContext, Span], Span | Settled]

    @property
    def doc(self) -> str:
        """What the rule does, with an example: its function's docstring."""
        return inspect.getdoc(self.apply) or ""


@dataclass(frozen=True, slots=True)
class ListRule:
    """A rule reading the whole list of spans, in text order, after the span rules."""

    name: str
    apply: Callable[[RuleContext, list[Span]], list[Span]]

    @property
    def doc(self) -> str:
        """What the rule does, with an example: its function's docstring."""
        return inspect.getdoc(self.apply) or ""


def apply_rules(context: RuleContext, spans: list[Span], disabled: frozenset[str] = frozenset()) -> list[Span]:
    """``spans`` (the tagger's, in text order) as :data:`RULES` but the ``disabled`` ones read them.

    Raises :class:`ValueError` for a name in ``disabled`` that is no rule's."""
    if disabled:
        check_names(disabled)
    readings: list[Span | Settled] = list(spans)
    for rule in RULES:
        if rule.name in disabled:
            continue
        if isinstance(rule, SpanRule):
            readings = [
                reading if isinstance(reading, Settled) else rule.apply(context, reading) for reading in readings
            ]
        else:
            readings = list(rule.apply(context, _spans(readings)))
    return _spans(readings)


def check_names(names: frozenset[str]) -> None:
    """Raises :class:`ValueError` when one of ``names`` is no rule's."""
    unknown = sorted(names - frozenset(RULE_NAMES))
    if unknown:
        raise ValueError(f"no such combiner rule: {', '.join(unknown)} (rules: {', '.join(RULE_NAMES)})")


def _spans(readings: list[Span | Settled]) -> list[Span]:
    """The spans of ``readings``, settled or not, in order."""
    spans: list[Span] = []
    for reading in readings:
        if isinstance(reading, Settled):
            spans.extend(reading.spans)
        else:
            spans.append(reading)
    return spans


# -- the span rules, in their order -----------------------------------------------------------------


def faith_words(context: RuleContext, span: Span) -> Span | Settled:
    """A faith or a feast on its own is no name: "umat Kristiani", "perayaan Natal" (dropped)."""
    first, last, _ = span
    if first == last and context.tokens.words[first].lower() in NOT_PERSON_WORDS:
        return Settled()
    return span


def sentence_opening_words(context: RuleContext, span: Span) -> Span | Settled:
    """Ordinary words opening a sentence before a known name are not part of it: "Pasukan Rusia",
    "Tentara Belarusia" → "Rusia", "Belarusia", with the tables' type."""
    first, last, _ = span
    tokens, inside = context.tokens, context.inside
    k = first
    while k < last and k not in inside and tokens.sentence_start[first] and _ordinary(tokens.words[k], context.seen):
        k += 1
    match = inside.get(k)
    if k > first and match is not None and match.last == last:
        return Settled(((k, last, match.known.type),))
    return span


def title_place_person(context: RuleContext, span: Span) -> Span | Settled:
    """After a title, a span the rules tile with a known name and a person is those names: "Gubernur
    [Sumatera Barat] [Mahyeldi Ansharullah]"."""
    first, last, _ = span
    if not (first > 0 and last > first and context.tokens.words[first - 1].lower() in TITLES):
        return span
    rule_spans = context.rule_spans
    parts: list[Span] = []
    index = bisect.bisect_left(context.rule_firsts, first)
    while index < len(rule_spans) and rule_spans[index][0] <= last:
        if rule_spans[index][1] <= last:
            parts.append(rule_spans[index])
        index += 1
    tiled = len(parts) > 1 and parts[0][0] == first and parts[-1][1] == last
    persons = any(part[2] == "PERSON" for part in parts)
    if tiled and persons and any((part[0], part[1]) in context.known for part in parts):
        return Settled(tuple(parts))
    return span


def known_org_person(context: RuleContext, span: Span) -> Span | Settled:
    """A tagger's organisation that the rules read as a person, and that is part of a known organisation
    named in the text, is the person: "Patung Gadjah Mada" beside "Universitas Gadjah Mada"; not after a
    title ("Rektor Gadjah Mada": the body)."""
    first, last, kind = span
    words = context.tokens.words
    if (
        kind == "ORG"
        and (first, last, "PERSON") in context.rule_set
        and not (first > 0 and _is_title(words[first - 1]))
        and context.known_orgs.holds(first, last)
    ):
        return first, last, "PERSON"
    return span


def untitled_person(context: RuleContext, span: Span) -> Span | Settled:
    """A tagger's person not in the tables begins after its titles and ranks: "Iptu Nasrun Sembiring" →
    "Nasrun Sembiring", "Brigjen Pol Mardiaz Kusin" → "Mardiaz Kusin"; the tables' own stay ("Paus
    Fransiskus"), so do noble titles ("Pangeran Diponegoro")."""
    first, last, kind = span
    if kind == "PERSON" and (first, last) not in context.known:
        return _untitled_person(context.tokens.words, first, last), last, kind
    return span


def title_division(context: RuleContext, span: Span) -> Span | Settled:
    """A tagger's organisation or place whose other words than a body of the rules are a title (with its
    division) is the body: "Waka Polda Sumut" → "Polda Sumut", "[Kabid] Humas Polda Banten" → "Polda
    Banten", "Polda Banten Kombes Pol [Edy Sumardi]" → "Polda Banten"."""
    first, last, kind = span
    if kind in ("ORG", "LOC"):
        untitled = _untitled(context.tokens, first, last, context.rule_spans, context.rule_firsts)
        if untitled is not None:
            return Settled((untitled,))
    return span


def person_after_body(context: RuleContext, span: Span) -> Span | Settled:
    """A tagger's name opening with a known club and running on into unknown capitalised words is the club
    and a person: "Juventus Paulo Dybala" → "Juventus", "Paulo Dybala" (a player after his club)."""
    first, last, kind = span
    if kind in ("ORG", "LOC"):
        person = _person_after(context.tokens, first, last, context.inside, context.seen)
        if person is not None:
            return Settled(((first, person - 1, "ORG"), (person, last, "PERSON")))
    return span


def age_group(context: RuleContext, span: Span) -> Span | Settled:
    """An age group is its team's: "Timnas Indonesia U-23" (the span takes it), and a place with one is a
    national team: "Jepang U-20", "Vietnam U-23" (an organisation)."""
    first, last, kind = span
    tokens = context.tokens
    if (
        kind in ("ORG", "LOC")
        and last + 1 < len(tokens)
        and tokens.joined(last + 1)
        and _AGE_GROUP.match(tokens.words[last + 1])
    ):
        last += 1
    if kind == "LOC" and _AGE_GROUP.match(tokens.words[last]):
        kind = "ORG"
    return first, last, kind


# -- the list rules, in their order -----------------------------------------------------------------


def balinese_i(context: RuleContext, spans: list[Span]) -> list[Span]:
    """A Balinese name keeps the "I" or "Ni" before its birth-order name: "I Made Mudharta", "Ni Luh Putu
    …", also where the tagger gave that word to the name before ("Partai Demokrat Bali I"), but not from
    a name of the tables or an event ("Angkasa Pura I", "Perang Dunia I")."""
    return _balinese(context.tokens, spans, context.analysis)


def brackets(context: RuleContext, spans: list[Span]) -> list[Span]:
    """A name opens on no stop and holds no bracket: ". Lavrov" → "Lavrov", "Kementerian Perhubungan
    (Kemenhub)" → "Kementerian Perhubungan", "Kemenhub"; "PT Pertamina (Persero)" → "PT Pertamina"."""
    return [part for span in spans for part in _unbracketed(context.tokens, *span)]


def company_person(context: RuleContext, spans: list[Span]) -> list[Span]:
    """A name running on after a company's legal form or "Group" into no ordinary words is the company
    and a person: "MNC Group Hary Tanoesoedibjo" → "MNC Group", "Hary Tanoesoedibjo"."""
    return _after_company(context.tokens, spans)


def companies(context: RuleContext, spans: list[Span]) -> list[Span]:
    """A name ending in a legal form is an organisation, with the organisation or English place before it:
    "Pertamina Energy Trading Ltd", "Taiwan Semiconductor Manufacturing Co"; "Group" after an
    organisation is its ("Gojek Group"); a legal form alone is no name ("eBay Inc." → "eBay")."""
    return _company_names(context.tokens, spans, context.places)


def spelled_acronym(context: RuleContext, spans: list[Span]) -> list[Span]:
    """An organisation defining an acronym that spells its initials outweighs the tagger's reading of its
    words: no tagger span inside "Ikatan Mahasiswa Papua Barat (IMPB)" (the rules' names are kept)."""
    within = spelled_cover(context.definitions)
    return [span for span in spans if not within(span)]


RULES: tuple[SpanRule | ListRule, ...] = (
    SpanRule("faith-words", faith_words),
    SpanRule("sentence-opening-words", sentence_opening_words),
    SpanRule("title-place-person", title_place_person),
    SpanRule("known-org-person", known_org_person),
    SpanRule("untitled-person", untitled_person),
    SpanRule("title-division", title_division),
    SpanRule("person-after-body", person_after_body),
    SpanRule("age-group", age_group),
    ListRule("balinese-i", balinese_i),
    ListRule("brackets", brackets),
    ListRule("company-person", company_person),
    ListRule("companies", companies),
    ListRule("spelled-acronym", spelled_acronym),
)
"""The combiner's rules in the order they read the tagger's spans: the span rules first, then the list
rules. Names are stable: ``bench/ner_score.py --without NAME`` switches one off."""

RULE_NAMES: tuple[str, ...] = tuple(rule.name for rule in RULES)
