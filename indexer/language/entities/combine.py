"""The tagger's names and the rules' put together: one reading of a text's persons, organisations and places.

The tagger (:mod:`.tagger`) bounds and types names in the windows it reads; the rules and tables keep
what they know better:

- a name of the knowledge tables keeps the table's type, and is kept where the tagger leaves it out
  when it is a place or an organisation ("pejabat China": the project tags a country also when it
  modifies a noun);
- ordinary words that open a sentence before a known name are not part of it ("Pasukan Rusia");
- after a title, a known place followed by a person stay two names ("Gubernur Sumatera Barat Mahyeldi
  Ansharullah");
- named events (MISC) and names outside the tagger's windows (lines in capitals, "afederasi.com") are
  the rules';
- an organisation defining an acronym that spells its initials keeps its words ("Ikatan Mahasiswa
  Papua Barat (IMPB)");
- a place that is also a club's name is the club in a sentence about a match ("menjamu Valencia");
- ranks and titles are in no name ("Iptu Nasrun Sembiring", "Polda Banten Kombes Pol Edy Sumardi"), a
  player after his club is a person ("Juventus Paulo Dybala"), an age group is its team's ("Timnas
  U-23"), a Balinese name keeps its "I" ("I Made Mudharta");
- the span rules that settle where the tagger and the tables or rules disagree are named, ordered
  components of :mod:`.span_rules` (:data:`.span_rules.RULES`), each one switchable by name;
- canonical names come from the tables, from the rules where they found the same span, and from
  :func:`.resolve` otherwise (short forms, acronyms defined in brackets).
"""

from __future__ import annotations

from typing import cast

from indexer.language.entities import Analysis
from indexer.language.entities.gazetteer import gazetteer
from indexer.language.entities.lexicon import (
    LOCATIVES,
    SPORTS_WORDS,
)
from indexer.language.entities.model import Entity, EntityType
from indexer.language.entities.resolve import resolve
from indexer.language.entities.rules import Found
from indexer.language.entities.span_edits import token_span
from indexer.language.entities.span_rules import RuleContext, apply_rules
from indexer.language.entities.tagger import TaggerModel, tag
from indexer.language.entities.tokens import Tokens

__all__ = ["combine"]


def combine(
    analysis: Analysis, model: TaggerModel, margin: float | None = None, disabled: frozenset[str] = frozenset()
) -> list[Entity]:
    """Persons, organisations and places as the tagger bounds and types them, with canonical names from
    the tables and the rules where they agree on the span, and from :func:`.resolve` otherwise.

    The rules keep what the tagger does not look at: named events (MISC), which come first, and names
    outside its windows (lines in capitals, "afederasi.com"). The tagger's spans go through the span
    rules of :mod:`.span_rules` but the ``disabled`` ones (names of :data:`.span_rules.RULES`)."""
    tokens = analysis.tokens
    starts, ends = tokens.starts, tokens.ends
    by_tokens = {(m.first, m.last): m for m in analysis.matches}
    by_span = {(e.start, e.end): e for e in analysis.names}
    events = [e for e in analysis.names if e.type == "MISC"]
    rule_tokens = [(token_span(tokens, e), e) for e in analysis.names]
    size = len(tokens)
    in_event = [False] * size  # per token: inside an event, a name of the tagger, a window
    for (first, last), entity in rule_tokens:
        if entity.type == "MISC":
            in_event[first : last + 1] = [True] * (last + 1 - first)
    context = analysis.context()
    spans, looked = tag(model, tokens, analysis.blocked, context, margin)
    definitions = _definitions(tokens, rule_tokens)
    spans = apply_rules(RuleContext.of(analysis, context.lower_seen, definitions), spans, disabled)
    found: list[Found] = []
    taken = [False] * size
    for first, last, kind in spans:
        match = by_tokens.get((first, last))
        if match is not None and match.known.type in ("PERSON", "ORG", "LOC"):
            # a name of the tables keeps its type ("Presiden China Xi Jinping": China is a place)
            kind = match.known.type
        if any(in_event[first : last + 1]):
            continue
        start, end = starts[first], ends[last]
        canonical: str | None = None
        if match is not None and match.known.type == kind:
            end = match.end
            canonical = match.known.canonical
        else:
            rule = by_span.get((start, end))
            if rule is not None and rule.type == kind:
                canonical = rule.canonical
        found.append(Found(first, last, start, end, cast(EntityType, kind), canonical, True, match is not None))
        taken[first : last + 1] = [True] * (last + 1 - first)
    for (first, last), entity in rule_tokens:
        # a name of the tables the tagger leaves out ("pejabat China": a place, also as a modifier)
        match = by_tokens.get((first, last))
        if (
            match is not None
            and match.known.type == entity.type
            and entity.type in ("LOC", "ORG")
            and not any(taken[first : last + 1])
            and not any(in_event[first : last + 1])
        ):
            found.append(
                Found(match.first, match.last, entity.start, entity.end, entity.type, entity.canonical, True, True)
            )
    for name, acronym, _ in definitions:
        if not any(taken[name.first : acronym.last + 1]) and not any(in_event[name.first : acronym.last + 1]):
            found.extend((name, acronym))
    found.sort(key=lambda item: item.start)
    _clubs(tokens, found)
    names = resolve(tokens, found) + events
    in_window = [False] * size
    for first, end in looked:
        in_window[first:end] = [True] * (end - first)
    for (first, last), entity in rule_tokens:
        if entity.type != "MISC" and not any(in_window[first : last + 1]):
            names.append(entity)
    return names


def _definitions(tokens: Tokens, rule_tokens: list[tuple[tuple[int, int], Entity]]) -> list[tuple[Found, Found, bool]]:
    """Organisations the rules read as defining an acronym in brackets, each with the acronym, and
    whether the acronym spells the name's initials: "Komisi Pengawas Persaingan Usaha (KPPU)",
    "Ikatan Mahasiswa Papua Barat (IMPB)". Both are kept where the tagger leaves them out; a spelled
    one also outweighs the tagger's reading of its words (:func:`.span_edits.spelled_cover`)."""
    words = tokens.words
    by_first = {span[0]: (span, entity) for span, entity in rule_tokens}
    found: list[tuple[Found, Found, bool]] = []
    for (first, last), entity in rule_tokens:
        after = by_first.get(last + 2)
        if entity.type != "ORG" or after is None or last + 3 >= len(words):
            continue
        (short, _), acronym = after
        if not (words[last + 1] == "(" and words[short + 1] == ")" and acronym.canonical == entity.canonical):
            continue
        name = Found(first, last, entity.start, entity.end, "ORG", entity.canonical, True, False)
        short_form = Found(short, short, acronym.start, acronym.end, "ORG", acronym.canonical, True, False)
        found.append((name, short_form, _spells(acronym.text, words[first : last + 1])))
    return found


def _clubs(tokens: Tokens, found: list[Found]) -> None:
    """A place whose name is also a club's is the club in a sentence about a match, unless a word such
    as "di" puts it as a place: "menjamu Valencia", not "di Valencia"."""
    clubs = gazetteer().clubs
    if not clubs:
        return
    words, text = tokens.words, tokens.text
    for item in found:
        club = clubs.get(text[item.start : item.end]) if item.type == "LOC" else None
        if club is None or (item.first > 0 and words[item.first - 1].lower() in LOCATIVES):
            continue
        first = item.first
        while first > 0 and not tokens.sentence_start[first]:
            first -= 1
        last = item.last + 1
        while last < len(words) and not tokens.sentence_start[last]:
            last += 1
        if any(word.lower() in SPORTS_WORDS for word in words[first:last]):
            item.type, item.canonical = "ORG", club.canonical


def _spells(acronym: str, words: list[str]) -> bool:
    """Whether the capitalised words' initials spell ``acronym`` ("IMPB": Ikatan Mahasiswa Papua Barat)."""
    initials = "".join(word[0] for word in words if word[:1].isupper())
    return len(acronym) >= 2 and initials == acronym.upper()
