"""Entity recognition never fails and keeps its invariants on any text (Hypothesis)."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.language.entities import ENTITY_TYPES, Entity, annotate
from indexer.model import PartialDate

WORDS = (
    "Presiden China Xi Jinping Rusia Tiongkok AS PBB Moskow Putin Lukashenko Koffler Rebekah kata ujar mengatakan "
    "di ke dari dan yang pada Rabu hari Senin pekan lalu kemarin 1 Maret 2023 Februari 2022 tahun 2013 Kementerian "
    "Luar Negeri Badan Intelijen Pertahanan ( DIA ) PT Bank Partai Universitas Kabupaten Desa Jakartanya Putinnya "
    "RUSIA CINA DAN said Mr President Reuters Inc Corp . , : “ ” \" ' - \n \n\n Москва 北京 习近平 Ж é ñ ü"
).split(" ")


def check(text: str, entities: list[Entity]) -> None:
    previous_end = 0
    for entity in entities:
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start : entity.end] == entity.text
        assert entity.start >= previous_end, "sorted and non-overlapping"
        assert entity.type in ENTITY_TYPES
        assert entity.canonical is None or isinstance(entity.canonical, str)
        if entity.type != "DATE":
            assert entity.canonical
        previous_end = entity.end


dates = (
    st.none()
    | st.builds(
        PartialDate,
        st.dates().map(lambda d: d.isoformat()),
        st.just("day"),
    )
    | st.sampled_from([PartialDate("2023-03", "month"), PartialDate("2013", "year")])
)
languages = st.sampled_from([None, "id", "en", "auto"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), languages, dates)
def test_any_text(text: str, lang: str | None, published: PartialDate | None) -> None:
    check(text, annotate(text, lang=lang, published=published))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join), languages, dates)
def test_news_like_word_salad(text: str, lang: str | None, published: PartialDate | None) -> None:
    check(text, annotate(text, lang=lang, published=published))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_all_caps_text(text: str) -> None:
    shouted = text.upper()
    entities = annotate(shouted)
    check(shouted, entities)
    assert all(e.type in ("LOC", "ORG", "PERSON", "MISC", "DATE") for e in entities)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=string.digits + string.punctuation + " \n\t", max_size=200))
def test_text_without_letters(text: str) -> None:
    entities = annotate(text)
    check(text, entities)
    assert all(e.type == "DATE" for e in entities)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS) | st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=40))
def test_lone_surrogates(parts: list[str]) -> None:
    text = " ".join(parts)
    check(text, annotate(text))


def test_mixed_scripts() -> None:
    text = "Presiden Rusia Владимир Путин bertemu 习近平 (Xi Jinping) di Москва dan Beijing."
    entities = annotate(text)
    check(text, entities)
    assert {e.canonical for e in entities} >= {"Russia", "Xi Jinping", "Beijing"}


def test_one_megabyte_paragraph() -> None:
    sentence = "Presiden China Xi Jinping bertemu Vladimir Putin di Moskow pada 1 Maret 2023, kata Koffler. "
    text = sentence * (1_000_000 // len(sentence))
    entities = annotate(text, limit=None)  # all of it, not only the part an article is analysed up to
    check(text, entities)
    assert len(entities) >= 6 * (len(text) // len(sentence))
