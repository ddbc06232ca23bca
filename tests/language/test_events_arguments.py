"""Arguments of events that must not be read wrong (issue 19, item 3): a place is no meeting partner,
a law's number is no date, *se-Indonesia* is no actor, one fact is one event per article, and an
acronym inside a larger name is not the organisation it abbreviates."""

from __future__ import annotations

from indexer.language.entities import annotate
from indexer.language.events import EventMention, extract_events, link
from indexer.model import PartialDate

FRIDAY = PartialDate("2019-09-20", "day")


def events(text: str, published: PartialDate | None = FRIDAY) -> list[EventMention]:
    return extract_events("d", text, annotate(text, lang="id", published=published), "id", published)


def kinds(found: list[EventMention]) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.type, e.actors) for e in found]


def test_a_city_is_no_meeting_partner() -> None:
    found = events("Agus Rahardjo bertemu Presiden Joko Widodo di Istana Merdeka, Jakarta, Senin.")
    assert [(e.type, e.actors, e.place) for e in found] == [
        ("MEET", ("Agus Rahardjo", "Joko Widodo"), "Istana Merdeka")
    ]
    assert kinds(events("Agus Rahardjo bertemu Wiranto di kantornya Jakarta, Senin.")) == [
        ("MEET", ("Agus Rahardjo", "Wiranto"))
    ]
    assert kinds(events("Agus Rahardjo menandatangani kesepakatan dengan Yogyakarta.")) == [
        ("AGREE", ("Agus Rahardjo",))
    ]


def test_countries_stay_actors_of_an_agreement() -> None:
    assert kinds(events("Indonesia dan Malaysia sepakat menurunkan tarif.")) == [("AGREE", ("Indonesia", "Malaysia"))]
    assert kinds(events("Indonesia sepakat dengan Malaysia soal perbatasan.")) == [("AGREE", ("Indonesia", "Malaysia"))]


def test_se_indonesia_is_no_actor() -> None:
    found = events("Mahasiswa se-Indonesia berunjuk rasa menolak revisi UU KPK.")
    assert all("Indonesia" not in e.actors for e in found), kinds(found)
    found = events("Ketua BEM se-Jawa Ahmad Fauzi mengatakan mahasiswa akan datang.")
    assert all("Jawa" not in e.actors for e in found), kinds(found)


def test_a_law_number_is_no_date() -> None:
    text = "Joko Widodo bertemu Agus Rahardjo membahas UU nomor 30 tahun 2002 tentang KPK."
    assert [e.type for e in annotate(text, lang="id", published=FRIDAY)].count("DATE") == 0
    assert [e.date for e in events(text)] == [FRIDAY]
    for law in ("Perpres nomor 12 tahun 2019", "PP No. 71 tahun 2019", "Undang-Undang nomor 19 tahun 2019"):
        assert not [e for e in annotate(f"Ia membahas {law}.", lang="id") if e.type == "DATE"], law
    # a year that is a date stays one
    assert [e.canonical for e in annotate("Ia lahir pada tahun 2002.", lang="id") if e.type == "DATE"] == ["2002"]


def test_one_fact_is_one_event_per_article() -> None:
    text = (
        "Banjir melanda Ambon, Jumat. Banjir di Ambon merendam ratusan rumah. Warga mengungsi karena banjir di Ambon."
    )
    linked = link(events(text))
    assert [(e.type, e.place, len(e.mentions)) for e in linked] == [("FLOOD", "Ambon", 3)]


def test_an_acronym_inside_a_larger_name_is_not_that_organisation() -> None:
    text = (
        "Ratusan mahasiswa yang mengatasnamakan Komite Mahasiswa Peduli KPK (Kompi KPK) menggelar aksi unjuk rasa, "
        "untuk memberikan dukungan terhadap Presiden Joko Widodo. Koordinator Kompi KPK, Ibrahim Budi Mansur, "
        "menggelar demo di depan Istana Negara."
    )
    found = events(text)
    assert all("Komisi Pemberantasan Korupsi" not in e.actors for e in found), kinds(found)
    assert any(e.type == "PROTEST" and e.actors[0] == "Komite Mahasiswa Peduli KPK" for e in found), kinds(found)
