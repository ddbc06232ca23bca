"""The type of a run of capitalised words that no table knows, from its form and its context.

In order: ordinary words only ("Tokoh Berkepribadian Pembangunan") are no name unless a speech verb
points at them; an acronym or a CamelCase word is an organisation ("KPPU", "StatesWest"); a title
before it makes a person; a closing word an organisation ("… Corp") or a place ("… Utara"); a
descriptor says what it is ("X adalah sebuah desa", "X, seorang penyanyi", "band X"); a speech verb, an
age in brackets or a given name make a person; a place preposition a place ("di Eromoko"); a run with
ordinary words and no cue is dropped; anything else is taken for a person. In English, peoples
("Iraqi", "South Korean"), stock symbols ("<DUK>") and ratings are no names, and a lone unknown word
("Kodak said") is a weak organisation, which :mod:`.resolve` makes a person when it is the surname of
one named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.language.entities.common import is_common
from indexer.language.entities.lexicon import (
    COMPASS,
    DEMONYM_PREFIXES,
    DEMONYMS,
    DESCRIPTOR_SKIP,
    EN_BODIES,
    GIVEN_NAMES,
    LOC_BEFORE,
    LOC_HEADS,
    LOC_NOUNS,
    LOC_TAILS,
    NEVER_NAME,
    NOT_ENTITY_ACRONYMS,
    NOT_ENTITY_BEFORE,
    NOT_PERSON_WORDS,
    NOUN_FOLLOWERS,
    ORG_NOUNS,
    ORG_TAILS,
    PERSON_AFTER,
    PERSON_BEFORE,
    PERSON_NOUNS,
    SPEECH_BEFORE,
    WORK_TAILS,
)
from indexer.language.entities.model import EntityType
from indexer.language.entities.tokens import Tokens

__all__ = ["Verdict", "classify_unknown", "demonym"]

ROMAN = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())
_CAMEL = re.compile(r"[a-z][A-Z]")
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ians", "eans")
_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "Le", "La", "Van", "Von", "O'", "Al", "El")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the words are: a type, whether a clear cue says so, and whether it waits for confirmation
    (a lone unknown word opening a sentence)."""

    first: int
    type: EntityType
    strong: bool
    tentative: bool = False


def demonym(lowers: list[str]) -> bool:
    """Whether lower-case words name a people or a side in English: "iraqi", "saudis", "south korean"."""
    last = lowers[-1]
    people = last in DEMONYMS or (last.endswith("s") and last[:-1] in DEMONYMS)
    return people and all(word in DEMONYM_PREFIXES for word in lowers[:-1])


_RATINGS = frozenset("aaa aa bbb bb ccc cc".split())
_TICKER_AFTER = re.compile(r"(?:\.[A-Z]{1,3})?[>)]")


def ticker(tokens: Tokens, first: int, last: int) -> bool:
    """Whether capitals stand between "<" and ">" ("<DUK>") or are a bracketed exchange code ("(XOM.N)")."""
    text = tokens.text
    start, end = tokens.starts[first], tokens.ends[last]
    opening = text[start - 1 : start]
    if opening not in ("<", "(") or not text[start:end].replace(".", "").isupper():
        return False
    closing = _TICKER_AFTER.match(text, end)
    return (
        closing is not None
        and (opening == "<") == closing.group().endswith(">")
        and (opening == "<" or closing.group() != ")")
    )


def acronym(word: str) -> bool:
    """``KPPU``, ``BPH``: two to six capital letters."""
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()


def descriptor(tokens: Tokens, lower: list[str], last: int) -> EntityType | None:
    """What the words after a name say it is: "X adalah sebuah desa", "X, seorang penyanyi"."""
    n = len(lower)
    k = last + 1
    steps = 0
    while k < n and tokens.joined(k) and steps < 5:
        word = lower[k]
        if word in DESCRIPTOR_SKIP:
            k += 1
            steps += 1
            continue
        if word in PERSON_NOUNS:
            return "PERSON"
        if word in LOC_NOUNS:
            return "LOC"
        if word in ORG_NOUNS:
            return "ORG"
        return None
    return None


def aged(words: list[str], last: int) -> bool:
    """``Budi (45)``: an age in brackets after a name."""
    return (
        last + 3 < len(words)
        and words[last + 1] == "("
        and words[last + 2].isdigit()
        and len(words[last + 2]) <= 3
        and words[last + 3] == ")"
    )


def classify_unknown(
    tokens: Tokens,
    lower: list[str],
    first: int,
    last: int,
    *,
    person_cue: bool,
    before: str,
    after: str,
    lang: str,
    lower_seen: set[str],
) -> Verdict | None:
    """The verdict on tokens ``first``..``last`` (capitalised, unknown), or None: not a name."""
    words = tokens.words
    while first < last and lower[first] in ROMAN:
        first += 1  # "V", "XII": not the start of a name; "M Nazaruddin" is
    names = [k for k in range(first, last + 1) if words[k][0].isalpha()]
    if not names or lower[first] in ROMAN or len(words[last]) == 1:
        return None
    lowers = [lower[k] for k in names]
    if _no_name(tokens, first, last, lowers, before, lang):
        return None
    speech = person_cue or before in SPEECH_BEFORE or after in PERSON_AFTER
    common = [is_common(words[k], lang, lower_seen) for k in names]
    initial = tokens.sentence_start[first]
    if all(common):
        return _ordinary_words(first, names, lowers, lang, speech=speech, initial=initial)
    word = words[first]
    if (len(names) == 1 and len(word) > 1 and word.isupper()) or (acronym(word) and not person_cue):
        return Verdict(first, "ORG", False)  # "KPPU", "BPH Migas"
    if len(names) == 1 and _CAMEL.search(word) and not word.startswith(_NAME_PREFIXES):
        return Verdict(first, "ORG", False)  # "StatesWest", "NightPot"
    if person_cue:
        return Verdict(first, "PERSON", True)
    verdict = _by_context(tokens, lower, first, last, lowers, before, after, lang)
    if verdict is not None:
        return verdict
    if speech or before in PERSON_BEFORE or aged(words, last) or lowers[0] in GIVEN_NAMES:
        return Verdict(first, "PERSON", True)
    if before in LOC_BEFORE:
        return Verdict(first, "LOC", False)
    if any(common):
        return None  # "Tokoh Berkepribadian Pembangunan": ordinary words, no cue
    # a lone unknown word opening a sentence: in Indonesian a name unless a noun's word follows
    # ("Rincian tentang …"); in English only if the text names it elsewhere (resolve decides)
    tentative = initial and len(names) == 1 and (lang == "en" or after in NOUN_FOLLOWERS)
    return Verdict(first, "PERSON", False, tentative)


def _no_name(tokens: Tokens, first: int, last: int, lowers: list[str], before: str, lang: str) -> bool:
    """Whether capitalised words (``lowers``: their lower-cased words that open with a letter) are no name
    by their form or the word before them: a title in quotes, a common acronym, a faith, a work, a
    nationality, a credit rating, a stock symbol."""
    if tokens.quoted[first] and tokens.quoted[last]:
        return True  # a title between quotes: "Slumdog Millionaire"
    if len(lowers) == 1 and (lowers[0] in NOT_ENTITY_ACRONYMS or lowers[0] in COMPASS):
        return True  # "BBM", "SPBU"; "Menurut Barat": the West, a direction
    if any(word in NOT_PERSON_WORDS for word in lowers) or lowers[-1] in WORK_TAILS or before in NOT_ENTITY_BEFORE:
        return True  # "bahasa Punjabi", "album Ayuamarca", "Grammy Awards"
    alone = len(lowers) == 1 and lowers[0] not in GIVEN_NAMES
    if alone and (lowers[0] in ORG_TAILS or (lang == "en" and lowers[0].endswith(_DEMONYM_ENDINGS))):
        return True  # "Co." alone; "Brazilian", "Japanese": nationalities, not names
    if lang != "en":
        return False
    # "Iraqi", "South Korean", "Saudis", "Democrat": a people or a side; "rated CCC by S and P": a credit
    # rating; "Duke Power Co <DUK>", "Exxon Corp (XOM.N)": a stock symbol, not a name
    return demonym(lowers) or (len(lowers) == 1 and lowers[0] in _RATINGS) or ticker(tokens, first, last)


def _ordinary_words(
    first: int, names: list[int], lowers: list[str], lang: str, *, speech: bool, initial: bool
) -> Verdict | None:
    """The verdict on capitalised words that are all ordinary words: an English body ("Parliament said",
    "The Commission said"), a person a speech cue points at, or no name."""
    if lang == "en" and lowers[-1] in EN_BODIES and (lowers[:-1] == ["the"] or (len(names) == 1 and not initial)):
        return Verdict(names[-1], "ORG", False)  # "Parliament said", "The Commission said": a body
    if speech and not initial and lowers[0] not in NEVER_NAME:
        return Verdict(first, "PERSON", False)
    return None


def _by_context(
    tokens: Tokens, lower: list[str], first: int, last: int, lowers: list[str], before: str, after: str, lang: str
) -> Verdict | None:
    """The verdict an unknown name's last word or the words around it give: an organisation or place by
    its tail or head, a described one ("band Nidji"), an English company alone ("Kodak said")."""
    names = len(lowers)
    if names > 1 and lowers[-1] in ORG_TAILS:
        return Verdict(first, "ORG", True)
    if (names > 1 and lowers[-1] in LOC_TAILS) or before in LOC_HEADS:
        return Verdict(first, "LOC", True)  # "Jakarta Convention Center", "dukuh Bendosari"
    described = descriptor(tokens, lower, last) if after else None
    if described is None and before in ORG_NOUNS:
        described = "ORG"  # "band Nidji", "harian Kompas"
    if described is not None:
        return Verdict(first, described, True)
    alone = names == 1 and lowers[0] not in GIVEN_NAMES
    if lang == "en" and alone and not (before in PERSON_BEFORE or aged(tokens.words, last)):
        # "Kodak said", "Comdata said": in English news a lone unknown word is a company more often than
        # a person, whose full name comes first (its surname then resolves to it, :mod:`.resolve`)
        return Verdict(first, "ORG", False, tentative=tokens.sentence_start[first])
    return None
