"""English newswire: places opened by a direction, a company's short name, English titles, the lines of
earnings tables, the cities of half a million people and more, and bodies named by one noun ("Parliament")."""

from __future__ import annotations

import pytest

from indexer.language.entities import annotate
from indexer.language.entities.gazetteer import gazetteer
from indexer.language.entities.tokens import tokenize


def final(text: str) -> dict[str, tuple[str, str | None]]:
    """Each entity's text → (type, canonical name), read as English; the offsets checked on the way."""
    found = annotate(text, lang="en")
    for entity in found:
        assert text[entity.start : entity.end] == entity.text
    return {e.text: (e.type, e.canonical) for e in found if e.type != "DATE"}


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The City of West Berlin owns 74 pct of Berliner Bank.", "West Berlin"),
        ("It sold its cable systems in West Texas which serve 4,600 subscribers.", "West Texas"),
        ("The last loan was made to South Vietnam in 1974.", "South Vietnam"),
    ],
)
def test_a_direction_before_a_place_is_a_larger_place(text: str, surface: str) -> None:
    assert final(text)[surface] == ("LOC", surface)


def test_a_given_name_before_a_place_is_still_a_person() -> None:
    assert final("The album was produced by Hassan Turki last year.")["Hassan Turki"][0] == "PERSON"


def test_a_company_named_again_by_part_of_its_name_is_the_company() -> None:
    got = final(
        "Eastman Kodak Co said it is introducing four systems. "
        "Kodak said it will begin deliveries in mid-1987, a spokesman said."
    )
    assert got["Kodak"] == ("ORG", "Eastman Kodak Co")


def test_a_person_named_after_the_company_stays_the_person() -> None:
    text = (
        "Ford Motor Co said sales rose. Former President Gerald Ford said he would attend. "
        "Ford said the meeting was useful."
    )
    mentions = [(e.type, e.canonical) for e in annotate(text, lang="en") if e.text == "Ford"]
    assert mentions == [("PERSON", "Gerald Ford")]


def test_the_company_with_its_legal_form_again_is_the_same_company() -> None:
    got = final("Eastman Kodak Co said it would cut jobs. Shares of Kodak Co fell 2 dlrs.")
    assert got["Kodak Co"] == ("ORG", "Eastman Kodak Co")


def test_an_english_title_is_not_part_of_the_name() -> None:
    got = final("The bill was proposed by Congressman Richard Gephardt of Missouri.")
    assert got["Richard Gephardt"][0] == "PERSON"
    assert "Congressman Richard Gephardt" not in got


def test_an_english_title_inside_a_name_is_a_surname() -> None:
    got = final("Prime Minister Maurice Bishop was killed. John Chancellor reported for NBC.")
    assert got["Maurice Bishop"][0] == "PERSON"
    assert got["John Chancellor"][0] == "PERSON"


def test_the_lines_of_an_earnings_table_are_no_names() -> None:
    text = "Qtr ended March 31\nShr 25 cts vs 20 cts\nNet 1,234,000 vs 987,000\nRevs 12.3 mln vs 10.1 mln\nAvg shrs 4.9"
    assert final(text) == {}


@pytest.mark.parametrize("city", ["San Francisco", "Boston", "Frankfurt", "Leipzig", "Seattle", "Lyon"])
def test_cities_of_half_a_million_are_known(city: str) -> None:
    assert final(f"Traders in {city} said prices fell.")[city][0] == "LOC"


@pytest.mark.parametrize("namesake", ["Kennedy", "Austin", "Natal", "Van", "Carrefour"])
def test_a_city_named_like_a_person_a_word_or_a_company_is_not_in_the_tables(namesake: str) -> None:
    match = gazetteer().match_at(tokenize(namesake), 0, "en")
    assert match is None or match.known.type != "LOC"


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Officials said Parliament would vote on the budget next week.", "Parliament"),
        ("The plan needs the approval of the Senate and the Cabinet.", "Senate"),
        ("He left early. The Government said it would act.", "Government"),
    ],
)
def test_a_body_named_by_one_capitalised_noun_is_an_organisation(text: str, body: str) -> None:
    assert final(text)[body][0] == "ORG"


def test_an_ordinary_noun_opening_a_sentence_is_no_body() -> None:
    assert "Government" not in final("Government spending rose by four pct in the quarter.")


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Fishermen in the Celtic Sea protested on Monday.", "Celtic Sea", "LOC"),
        ("It sold the unit to Shearson Lehman Brothers Inc last year.", "Shearson Lehman Brothers Inc", "ORG"),
    ],
)
def test_a_club_or_a_company_does_not_cut_a_longer_name(text: str, surface: str, kind: str) -> None:
    assert final(text)[surface][0] == kind
