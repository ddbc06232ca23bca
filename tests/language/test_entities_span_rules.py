"""The combiner's span rules as named, ordered components (:mod:`indexer.language.entities.span_rules`):
the registry, and each rule's effect on a sentence where it fires, with it and without it."""

from __future__ import annotations

import re

import pytest

from indexer.language.entities import annotate
from indexer.language.entities.span_rules import RULE_NAMES, RULES, ListRule, SpanRule

Names = list[tuple[str, str]]

CASES: dict[str, tuple[str, Names, Names]] = {
    # rule: (sentence, its names with the rule, without it)
    "faith-words": (
        "Umat Kristiani merayakan Natal di Jakarta.",
        [("Jakarta", "LOC")],
        [("Kristiani", "PERSON"), ("Jakarta", "LOC")],
    ),
    "sentence-opening-words": (
        "Pasukan Rusia bergerak ke perbatasan.",
        [("Rusia", "LOC")],
        [("Pasukan Rusia", "ORG")],
    ),
    "title-place-person": (
        "Presiden AS Donald , menyatakan negaranya siap.",  # a CLICK-ID sentence, its surname stripped
        [("AS", "LOC"), ("Donald", "PERSON")],
        [("AS Donald", "LOC")],
    ),
    "known-org-person": (
        "Rektor Universitas Gadjah Mada hadir di acara itu. Patung Gadjah Mada berdiri di halaman kampus.",
        [("Universitas Gadjah Mada", "ORG"), ("Gadjah Mada", "PERSON")],
        [("Universitas Gadjah Mada", "ORG"), ("Gadjah Mada", "ORG")],
    ),
    "untitled-person": (
        "Kapolsek Iptu Nasrun Sembiring mengatakan pelaku sudah ditangkap.",
        [("Nasrun Sembiring", "PERSON")],
        [("Iptu Nasrun Sembiring", "PERSON")],
    ),
    "title-division": (
        "Kabid Humas Polda Banten Kombes Pol Edy Sumardi membenarkan kejadian itu.",
        [("Polda Banten", "ORG"), ("Edy Sumardi", "PERSON")],
        [("Humas Polda Banten Kombes Pol", "ORG"), ("Edy Sumardi", "PERSON")],
    ),
    "person-after-body": (
        "Martinez digantikan penyerang Juventus Paulo Dybala di babak pertama.",
        [("Martinez", "PERSON"), ("Juventus", "ORG"), ("Paulo Dybala", "PERSON")],
        [("Martinez", "PERSON"), ("Juventus Paulo Dybala", "ORG")],
    ),
    "age-group": (
        "Timnas Indonesia U-23 menang atas Vietnam U-23 di Manila.",
        [("Timnas Indonesia U-23", "ORG"), ("Vietnam U-23", "ORG"), ("Manila", "LOC")],
        [("Timnas Indonesia U-23", "ORG"), ("Vietnam", "LOC"), ("Manila", "LOC")],
    ),
    "balinese-i": (
        "Ketua Partai Demokrat Bali I Made Mudharta hadir.",
        [("Partai Demokrat Bali", "ORG"), ("I Made Mudharta", "PERSON")],
        [("Partai Demokrat Bali I", "ORG"), ("Made Mudharta", "PERSON")],
    ),
    "brackets": (
        "Kementerian Perhubungan (Kemenhub) menyiapkan armada tambahan.",
        [("Kementerian Perhubungan", "ORG"), ("Kemenhub", "ORG")],
        [("Kementerian Perhubungan (Kemenhub)", "ORG")],
    ),
    "company-person": (
        "Prinsip serupa dimiliki BMW Group Indonesia dalam mengenalkan kendaraan listrik.",
        [("BMW Group", "ORG"), ("Indonesia", "LOC")],
        [("BMW Group Indonesia", "ORG")],
    ),
    "companies": (
        "Pihak penjual kapal adalah Convivial Navigation Co Pte Ltd dari Singapura.",
        [("Convivial Navigation Co Pte Ltd", "ORG"), ("Singapura", "LOC")],
        [("Convivial Navigation Co", "ORG"), ("Pte Ltd", "PERSON"), ("Singapura", "LOC")],
    ),
    "spelled-acronym": (
        "Ikatan Mahasiswa Papua Barat (IMPB) menggelar aksi di Jakarta.",
        [("Ikatan Mahasiswa Papua Barat", "ORG"), ("IMPB", "ORG"), ("Jakarta", "LOC")],
        [("Papua Barat", "LOC"), ("Jakarta", "LOC")],
    ),
}


def names(text: str, disabled: frozenset[str] = frozenset()) -> Names:
    """(text, type) of the persons, organisations and places Warta writes for ``text`` read as Indonesian."""
    return [(e.text, e.type) for e in annotate(text, lang="id", disabled=disabled) if e.type != "DATE"]


def test_the_registry_names_are_unique_stable_and_in_order() -> None:
    assert RULE_NAMES == (
        "faith-words",
        "sentence-opening-words",
        "title-place-person",
        "known-org-person",
        "untitled-person",
        "title-division",
        "person-after-body",
        "age-group",
        "balinese-i",
        "brackets",
        "company-person",
        "companies",
        "spelled-acronym",
    )
    assert len(set(RULE_NAMES)) == len(RULE_NAMES)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in RULE_NAMES)


def test_the_span_rules_come_before_the_list_rules() -> None:
    kinds = [isinstance(rule, ListRule) for rule in RULES]
    assert kinds == sorted(kinds)
    assert isinstance(RULES[0], SpanRule)


def test_every_rule_says_what_it_does_with_an_example() -> None:
    for rule in RULES:
        assert '"' in rule.doc, rule.name


def test_every_rule_has_a_sentence_where_it_fires() -> None:
    assert set(CASES) == set(RULE_NAMES)


@pytest.mark.parametrize("rule", list(CASES))
def test_switching_a_rule_off_changes_the_sentence_it_fires_on(rule: str) -> None:
    text, with_rule, without_rule = CASES[rule]
    assert names(text) == with_rule
    assert names(text, frozenset({rule})) == without_rule


@pytest.mark.parametrize("rule", list(CASES))
def test_all_rules_on_is_the_default(rule: str) -> None:
    text = CASES[rule][0]
    assert annotate(text, lang="id", disabled=frozenset()) == annotate(text, lang="id")


def test_an_unknown_rule_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="no-such-rule"):
        annotate("Pasukan Rusia bergerak.", lang="id", disabled=frozenset({"no-such-rule"}))
