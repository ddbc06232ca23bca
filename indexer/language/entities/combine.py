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
- canonical names come from the tables, from the rules where they found the same span, and from
  :func:`.resolve` otherwise (short forms, acronyms defined in brackets).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import cast

from indexer.language.entities import Analysis
from indexer.language.entities.common import is_common
from indexer.language.entities.gazetteer import Match, gazetteer
from indexer.language.entities.lexicon import (
    BALINESE_ORDER,
    EVENT_HEADS,
    GIVEN_NAMES,
    LEGAL_TAILS,
    LOC_HEADS,
    LOCATIVES,
    NOT_PERSON_WORDS,
    ORG_HEADS,
    RANKS,
    ROLE_WORDS,
    SPORTS_WORDS,
    TITLES,
    is_title_word,
)
from indexer.language.entities.model import Entity, EntityType
from indexer.language.entities.resolve import resolve
from indexer.language.entities.rules import Found
from indexer.language.entities.tagger import TaggerModel, tag
from indexer.language.entities.tokens import AGE_GROUP, Tokens

__all__ = ["combine"]


def combine(analysis: Analysis, model: TaggerModel, margin: float | None = None) -> list[Entity]:
    """Persons, organisations and places as the tagger bounds and types them, with canonical names from
    the tables and the rules where they agree on the span, and from :func:`.resolve` otherwise.

    The rules keep what the tagger does not look at: named events (MISC), which come first, and names
    outside its windows (lines in capitals, "afederasi.com")."""
    tokens = analysis.tokens
    starts, ends = tokens.starts, tokens.ends
    by_tokens = {(m.first, m.last): m for m in analysis.matches}
    by_span = {(e.start, e.end): e for e in analysis.names}
    events = [e for e in analysis.names if e.type == "MISC"]
    rule_tokens = [(_token_span(tokens, e), e) for e in analysis.names]
    size = len(tokens)
    in_event = [False] * size  # per token: inside an event, a name of the tagger, a window
    for (first, last), entity in rule_tokens:
        if entity.type == "MISC":
            in_event[first : last + 1] = [True] * (last + 1 - first)
    context = analysis.context()
    spans, looked = tag(model, tokens, analysis.blocked, context, margin)
    spans = _arbitrate(analysis, spans, context.lower_seen)
    places = {m.last: m.first for m in analysis.matches if m.known.type == "LOC" and _english(tokens, m)}
    spans = _companies(tokens, [part for span in spans for part in _unbracketed(tokens, *span)], places)
    definitions = _definitions(tokens, rule_tokens)
    spans = [span for span in spans if not _within(span, definitions)]
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
    one also outweighs the tagger's reading of its words (:func:`_within`)."""
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


def _within(span: tuple[int, int, str], definitions: list[tuple[Found, Found, bool]]) -> bool:
    """Whether a tagger's span lies inside a spelled definition and its acronym: it gives way to them."""
    first, last, _ = span
    return any(spelled and name.first <= first and last <= acronym.last + 1 for name, acronym, spelled in definitions)


def _arbitrate(
    analysis: Analysis, spans: list[tuple[int, int, str]], lower_seen: set[str]
) -> list[tuple[int, int, str]]:
    """Where the tagger and the tables or rules disagree in ways the language settles."""
    tokens = analysis.tokens
    seen = lower_seen
    inside = {match.first: match for match in analysis.matches}
    known = {(m.first, m.last) for m in analysis.matches}
    rule_spans = sorted((*_token_span(tokens, e), e.type) for e in analysis.names if e.type != "MISC")
    rule_firsts = [span[0] for span in rule_spans]
    rule_set = set(rule_spans)
    result: list[tuple[int, int, str]] = []
    for first, last, kind in spans:
        if first == last and tokens.words[first].lower() in NOT_PERSON_WORDS:
            continue  # a faith or a feast on its own: "umat Kristiani", "perayaan Natal"
        # ordinary words opening a sentence before a known name: "Pasukan Rusia", "Tentara Belarusia"
        k = first
        while k < last and k not in inside and tokens.sentence_start[first] and _ordinary(tokens.words[k], seen):
            k += 1
        match = inside.get(k)
        if k > first and match is not None and match.last == last:
            result.append((k, last, match.known.type))
            continue
        # after a title, a known place and a person the rules tell apart: "Gubernur Sumatera Barat
        # Mahyeldi Ansharullah"
        titled = first > 0 and tokens.words[first - 1].lower() in TITLES
        parts: list[tuple[int, int, str]] = []
        if titled and last > first:
            index = bisect.bisect_left(rule_firsts, first)
            while index < len(rule_spans) and rule_spans[index][0] <= last:
                if rule_spans[index][1] <= last:
                    parts.append(rule_spans[index])
                index += 1
        tiled = len(parts) > 1 and parts[0][0] == first and parts[-1][1] == last
        persons = any(r[2] == "PERSON" for r in parts)
        if tiled and persons and any((r[0], r[1]) in known for r in parts):
            result.extend(parts)
            continue
        if (
            kind == "ORG"
            and (first, last, "PERSON") in rule_set
            and not (first > 0 and _is_title(tokens.words[first - 1]))  # "Rektor Gadjah Mada": the body
            and _inside_known_org(tokens.words, first, last, analysis)
        ):
            kind = "PERSON"  # "Patung Gadjah Mada" beside "Universitas Gadjah Mada": the rules' person stays
        if kind == "PERSON" and (first, last) not in known:  # "Paus Fransiskus", "Pak Harto": the tables'
            first = _untitled_person(tokens.words, first, last)
        elif kind in ("ORG", "LOC"):
            untitled = _untitled(tokens, first, last, rule_spans, rule_firsts)
            if untitled is not None:
                result.append(untitled)
                continue
            person = _person_after(tokens, first, last, inside, seen)
            if person is not None:
                result.append((first, person - 1, "ORG"))
                result.append((person, last, "PERSON"))
                continue
        if (
            kind in ("ORG", "LOC")
            and last + 1 < len(tokens)
            and tokens.joined(last + 1)
            and _AGE_GROUP.match(tokens.words[last + 1])
        ):
            last += 1  # "Timnas Indonesia U-23": the team's age group
        if kind == "LOC" and _AGE_GROUP.match(tokens.words[last]):
            kind = "ORG"  # "Jepang U-20", "Vietnam U-23": a national team
        result.append((first, last, kind))
    return _balinese(tokens, result, analysis)


def _balinese(tokens: Tokens, spans: list[tuple[int, int, str]], analysis: Analysis) -> list[tuple[int, int, str]]:
    """A Balinese name keeps the "I" or "Ni" before its birth-order name ("I Made Mudharta", "Ni Luh
    Putu …"), also where the tagger gave that word to the name before ("Partai Demokrat Bali I"), but not
    from a name of the tables or an event ("Angkasa Pura I", "Perang Dunia I")."""
    words = tokens.words
    result: list[tuple[int, int, str]] = []
    for first, last, kind in spans:
        if (
            kind == "PERSON"
            and first > 0
            and words[first - 1] in ("I", "Ni")
            and words[first].lower() in BALINESE_ORDER
            and tokens.joined(first)
            and not _named_at(first - 1, analysis)
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


def _named_at(k: int, analysis: Analysis) -> bool:
    """Whether token ``k`` is part of a name of the tables or of an event the rules found."""
    if any(match.first <= k <= match.last for match in analysis.matches):
        return True
    start = analysis.tokens.starts[k]
    return any(e.type == "MISC" and e.start <= start < e.end for e in analysis.names)


def _inside_known_org(words: list[str], first: int, last: int, analysis: Analysis) -> bool:
    """Whether the words ``first``..``last`` are part, not the whole, of an organisation of the tables
    named in the text: the tagger reads such words as the organisation's, which a person the body is
    named after is not ("Gadjah Mada", "Universitas Gadjah Mada")."""
    run = words[first : last + 1]
    size = len(run)
    for match in analysis.matches:
        if match.known.type != "ORG" or match.last - match.first + 1 <= size or (match.first <= first <= match.last):
            continue
        name = words[match.first : match.last + 1]
        if any(name[k : k + size] == run for k in range(len(name) - size + 1)):
            return True
    return False


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
    words = tokens.words
    result: list[tuple[int, int, str]] = []
    for first, last, kind in _after_company(tokens, spans):
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


def _token_span(tokens: Tokens, entity: Entity) -> tuple[int, int]:
    """The first and last token of an entity found by the rules."""
    first = bisect.bisect_left(tokens.starts, entity.start)
    last = bisect.bisect_left(tokens.ends, entity.end, lo=first)
    return first, min(last, len(tokens) - 1)
