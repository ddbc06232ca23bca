"""Rules of event extraction and linking that keep precision up on news prose (``indexer.language.events``).

Each test is one rule, on a short text written for it; ``bench/events_score.py`` has the figures.
"""

from __future__ import annotations

import datetime
import time

import pytest

from indexer.language.entities import annotate
from indexer.language.events import EventMention, Mention, actor_key, extract_events, link
from indexer.model import PartialDate

TUESDAY = PartialDate("2023-08-15", "day")


def events(text: str, lang: str = "id", published: PartialDate | None = None) -> list[EventMention]:
    return extract_events("d", text, annotate(text, lang=lang, published=published), lang, published)


def kinds(found: list[EventMention]) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.type, e.actors) for e in found]


def test_the_speaker_is_no_doer_of_what_others_do() -> None:
    text = "Vladimir Putin said leading ministers ended their talks on Monday."
    assert [e.type for e in events(text, "en")] == ["STATEMENT"]


def test_the_speaker_is_the_doer_when_the_reported_clause_has_no_subject_of_its_own() -> None:
    found = events("Vladimir Putin said he met Alexander Lukashenko in Sochi.", "en")
    assert ("MEET", ("Vladimir Putin", "Alexander Lukashenko")) in kinds(found)


def test_no_named_doer_no_event() -> None:
    assert events("A new board could pursue talks with Alexander Lukashenko.", "en") == []
    assert events("The board will pursue merger talks with Alexander Lukashenko next year.", "en") == []


def test_a_noun_takes_a_doer_after_it_only_right_after_it() -> None:
    assert kinds(events("Pertemuan Vladimir Putin dengan Alexander Lukashenko berlangsung di Sochi.")) == [
        ("MEET", ("Vladimir Putin", "Alexander Lukashenko"))
    ]
    assert (
        events("Mahasiswa menggelar demo di depan kantor pemerintah Provinsi hanya Wakil Gubernur Joko Widodo.") == []
    )


def test_a_relative_clause_takes_the_word_before_yang() -> None:
    found = events("“Silakan,” kata Joko Widodo sambil meninggalkan mahasiswa yang demo.")
    assert [e.type for e in found] == ["STATEMENT"]


def test_a_possessor_is_no_doer_of_a_later_noun() -> None:
    text = (
        "The resignation of Prime Minister Wilfried Martens's coalition government came after last-ditch talks failed."
    )
    assert [e for e in events(text, "en") if e.type == "MEET"] == []


def test_a_passive_agent_of_another_verb_is_no_doer() -> None:
    found = events("Pertemuan Donald Trump dan Hassan Rouhani disaksikan oleh Presiden Prancis Emmanuel Macron.")
    assert [e.actors[0] for e in found if e.type == "MEET"] == ["Donald Trump"]


def test_reference_to_an_agreement_or_a_prison_is_no_event() -> None:
    assert events("Donald Trump menarik diri dari kesepakatan nuklir dengan Iran.") == []
    # the prison is no event; being released from it is one, of whom "dia" stands for
    found = events("Anwar Ibrahim mengunjungi Habibie setelah dia dibebaskan dari penjara.")
    assert [(e.type, e.actors[0]) for e in found] == [("VISIT", "Anwar Ibrahim"), ("RELEASE", "Anwar Ibrahim")]
    assert [e.type for e in events("Belarus menjadi bagian penting dari invasi Rusia.")] == ["MILITARY"]


def test_readiness_is_no_event() -> None:
    assert events("Donald Trump mengaku siap bertemu dengan Hassan Rouhani.") == []


def test_origin_is_an_affiliation_and_an_organisation_after_di_a_place() -> None:
    assert events("Pria asal Belgia itu ditangkap karena pencucian uang.") == []
    found = events("Joko Widodo bertemu Xi Jinping di Istana Merdeka.")
    assert all("Istana Merdeka" not in e.actors for e in found)


def test_reported_by_gives_a_source() -> None:
    assert events("Menurut situasi yang dilaporkan oleh akun Twitter, lokasi demo mulai tidak kondusif.") == []


def test_statement_rules() -> None:
    assert events("Pernyataan itu menanggapi komentar Donald Trump.") == []
    assert events("European Union sources said the office would open.", "en") == []
    found = events("Vladimir Putin and Alexander Lukashenko said the talks in Minsk went well.", "en")
    statements = [e for e in found if e.type == "STATEMENT"]
    assert statements and statements[0].actors[:2] == ("Vladimir Putin", "Alexander Lukashenko")
    # news agencies report what others say: no statement of theirs
    found = events("Reuters and the Belgian news agency Belga said the government resigned.", "en")
    assert not [e for e in found if e.type == "STATEMENT" and "Reuters" in e.actors]


def test_a_statement_is_dated_by_the_speaker_not_by_what_is_said() -> None:
    text = "Kementerian Pertahanan China mengonfirmasi bahwa Li Shangfu memulai perjalanan pada hari Senin."
    found = {e.type: e for e in events(text, published=TUESDAY)}
    assert found["STATEMENT"].date == TUESDAY
    visit = found["VISIT"].date
    assert visit is not None and visit.iso == "2023-08-14"


def _mention(doc: str, kind: str, actors: tuple[str, ...], at: int) -> EventMention:
    return EventMention(
        kind,
        actors,
        None,
        PartialDate("1987-03-13", "day"),
        "",
        Mention(doc, at, at + 10, at, at + 4),  # type: ignore[arg-type]
    )


def test_actor_identity_ignores_case_and_corporate_suffixes() -> None:
    assert actor_key("ChemLawn Corp") == actor_key("Chemlawn") == "chemlawn"
    assert actor_key("PT Pertamina") == actor_key("Pertamina")
    linked = link(
        [
            _mention("a", "STATEMENT", ("ChemLawn",), 0),
            _mention("a", "STATEMENT", ("Chemlawn",), 40),
            _mention("b", "STATEMENT", ("Chemlawn",), 0),
            _mention("c", "STATEMENT", ("Imtec Inc",), 0),
            _mention("c", "STATEMENT", ("Imtec",), 40),
        ]
    )
    # one spelling everywhere; a lone speaker's statements merge within an article, not across
    assert sorted((e.actors, len(e.mentions)) for e in linked) == [
        (("Chemlawn",), 1),
        (("Chemlawn",), 2),
        (("Imtec",), 2),
    ]


def _dated(doc: str, kind: str, actors: tuple[str, ...], iso: str) -> EventMention:
    precision = {10: "day", 7: "month", 4: "year"}[len(iso)]
    return EventMention(kind, actors, None, PartialDate(iso, precision), "", Mention(doc, 0, 10, 0, 4))  # type: ignore[arg-type]


def test_link_across_month_and_year_buckets() -> None:
    pair = ("Vladimir Putin", "Alexander Lukashenko")
    assert len(link([_dated("a", "MEET", pair, "2023-01-31"), _dated("b", "MEET", pair, "2023-02-01")])) == 1
    assert len(link([_dated("a", "MEET", pair, "2022-12-31"), _dated("b", "MEET", pair, "2023-01-01")])) == 1
    # a month or a year is too wide to say two articles report one meeting (these two met often in 2023)
    assert len(link([_dated("a", "MEET", pair, "2023-06-10"), _dated("b", "MEET", pair, "2023")])) == 2
    assert len(link([_dated("a", "MEET", pair, "2023"), _dated("b", "MEET", pair, "2023-06")])) == 2
    assert len(link([_dated("a", "MEET", pair, "2023-06"), _dated("b", "MEET", pair, "2023-06")])) == 1
    assert len(link([_dated("a", "MEET", pair, "2023-01-31"), _dated("b", "MEET", pair, "2023-02-02")])) == 2


def test_a_month_dated_report_does_not_gather_the_month() -> None:
    # "Jokowi said in September" must not swallow every statement Jokowi made that month
    month = [_dated("m", "STATEMENT", ("Joko Widodo",), "2019-09")]
    days = [_dated(f"d{n}", "STATEMENT", ("Joko Widodo",), f"2019-09-{n:02}") for n in range(1, 29, 3)]
    events = link(month + days)
    assert len(events) == 1 + len(days)
    assert max(len(event.doc_ids) for event in events) == 1


def test_one_speaker_on_one_day_is_not_one_event() -> None:
    # the president speaks about many things a day: alone, his statements in two articles stay apart
    alone = [_dated(f"d{n}", "STATEMENT", ("Joko Widodo",), "2019-09-16") for n in range(5)]
    assert len(link(alone)) == 5
    # about the same party on the same day, two outlets report one statement
    pair = [
        _dated(f"p{n}", "STATEMENT", ("Joko Widodo", "Komisi Pemberantasan Korupsi"), "2019-09-16") for n in range(3)
    ]
    assert len(link(pair)) == 1


def test_link_scales_with_one_name_over_many_days() -> None:
    # one speaker every day for years: each mention looks only at the seeds of its own months
    mentions = [
        _dated(
            f"d{n}",
            "STATEMENT",
            ("Joko Widodo",),
            (datetime.date(2000, 1, 1) + datetime.timedelta(days=2 * n)).isoformat(),
        )
        for n in range(20_000)
    ]
    began = time.perf_counter()
    assert len(link(mentions)) == 20_000
    assert time.perf_counter() - began < 10


def test_affiliations_come_from_the_public_table_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.language.entities.tables import KnowledgeError
    from indexer.language.events import affiliation

    assert affiliation.person_countries().get("Xi Jinping") == "China"

    def broken() -> list[object]:
        raise KnowledgeError("people.csv: missing column type")

    affiliation.person_countries.cache_clear()
    monkeypatch.setattr(affiliation, "load_tables", broken)
    try:
        with pytest.warns(RuntimeWarning, match="missing column"):
            assert affiliation.person_countries() == {}
    finally:
        affiliation.person_countries.cache_clear()


def test_a_news_agency_reports_it_does_not_speak() -> None:
    from indexer.language.entities import annotate
    from indexer.language.events import extract_events

    text = "The dollar fell sharply against the yen on Monday, Reuters reported."
    events = extract_events("r1", text, annotate(text, "en"), "en")
    assert not [e for e in events if e.type == "STATEMENT" and "Reuters" in e.actors]


def _said(
    doc: str, actors: tuple[str, ...], iso: str, place: str | None = None, kind: str = "STATEMENT", at: int = 0
) -> EventMention:
    where = Mention(doc, at, at + 10, at, at + 4)
    return EventMention(kind, actors, place, PartialDate(iso, "day"), "", where)  # type: ignore[arg-type]


def test_a_speakers_habitual_companion_is_no_evidence() -> None:
    # a governor names his city every day: that says nothing about two statements being one
    daily = [_said(f"d{n}", ("Anies Baswedan", "Jakarta"), f"2019-09-{n:02}") for n in range(10, 20)]
    same_day = [_said(f"s{n}", ("Anies Baswedan", "Jakarta"), "2019-09-20") for n in range(4)]
    assert len(link(daily + same_day)) == len(daily) + len(same_day)
    # a party named with him on that day only is: two outlets report one statement
    formula = [_said(f"f{n}", ("Anies Baswedan", "Formula E"), "2019-09-20") for n in range(3)]
    linked = link(daily + same_day + formula)
    assert sorted(len(e.doc_ids) for e in linked)[-1] == 3
    assert len(link(formula)) == 1


def test_evidence_comes_from_one_sentence_of_each_article_not_from_what_an_article_gathers() -> None:
    # one article: Putin meets Lukashenko, then (alone) and Xi; another: Xi meets Lukashenko, same day
    first = [
        _said("a", ("Vladimir Putin", "Alexander Lukashenko"), "2023-03-01", kind="MEET", at=0),
        _said("a", ("Vladimir Putin",), "2023-03-01", kind="MEET", at=20),
        _said("a", ("Vladimir Putin", "Xi Jinping"), "2023-03-01", kind="MEET", at=40),
    ]
    other = [_said("b", ("Xi Jinping", "Alexander Lukashenko"), "2023-03-01", kind="MEET")]
    assert len(link(first)) == 1  # within the article, one meeting
    assert len(link(first + other)) == 2
    # the same pair in both articles is one meeting
    assert len(link([*first, _said("c", ("Alexander Lukashenko", "Vladimir Putin"), "2023-03-02", kind="MEET")])) == 1


def test_a_lone_actor_merges_across_articles_only_at_the_same_place() -> None:
    quake = [_said(f"q{n}", ("Kabupaten Tuban",), "2019-09-19", "Kabupaten Tuban", "DISASTER") for n in range(3)]
    assert len(link(quake)) == 1
    talks = [_said(f"t{n}", ("Alex",), "2019-09-18", None, "MEET") for n in range(3)]
    assert len(link(talks)) == 3
    assert len(link([*talks, *(_said(f"g{n}", ("Alex",), "2019-09-18", "Gedung KPK", "MEET") for n in range(2))])) == 4


def test_reports_days_apart_never_chain() -> None:
    pair = ("Vladimir Putin", "Alexander Lukashenko")
    chain = [
        _said(doc, pair, iso, kind="MEET")
        for doc, iso in (
            ("a", "2023-03-01"),
            ("b", "2023-03-02"),
            ("c", "2023-03-03"),
            ("d", "2023-03-04"),
            ("e", "2023-03-06"),
        )
    ]
    events = link(chain)
    for event in events:
        days = [m.date for m in chain if m.mention.doc_id in event.doc_ids]
        spread = max(datetime.date.fromisoformat(d.iso) for d in days if d) - min(
            datetime.date.fromisoformat(d.iso) for d in days if d
        )
        assert spread.days <= 2
    assert len(events) >= 2


def test_events_linked_by_older_rules_are_linked_again() -> None:
    import sqlite3

    from indexer.catalog.events import EventTables
    from indexer.language.events.link import LINK_VERSION

    db = sqlite3.connect(":memory:")
    tables = EventTables(db)
    assert not tables.is_stale()  # nothing extracted, nothing to link
    tables.put_mentions("a", [_said("a", ("Joko Widodo", "Papua"), "2019-09-10", kind="MEET")])
    assert tables.is_stale()
    assert tables.relink() == 1
    assert not tables.is_stale()
    db.execute("UPDATE meta SET value = 'old' WHERE key = 'link_version'")
    assert tables.is_stale()
    tables.relink()
    assert db.execute("SELECT value FROM meta WHERE key = 'link_version'").fetchone() == (LINK_VERSION,)
    assert not tables.is_stale()


def test_a_noun_after_an_appeal_is_what_is_called_for() -> None:
    found = kinds(events("Presiden Xi Jinping mendesak gencatan senjata dan negosiasi dengan Ukraina."))
    assert [kind for kind, _ in found] == ["APPEAL"]
    found = kinds(events("Wilfried Martens called for the resignation of Mark Eyskens.", "en"))
    assert [kind for kind, _ in found] == ["APPEAL"]


def test_a_passive_speech_verb_speaks_only_with_its_agent() -> None:
    found = kinds(events("Kekhawatiran itu disuarakan oleh Rebekah Koffler bahwa China dapat mengirim senjata."))
    assert found == [("STATEMENT", ("Rebekah Koffler", "China"))]
    found = kinds(events("Budi Santoso dinyatakan bersalah dan divonis lima tahun penjara."))
    assert found == [("SENTENCE", ("Budi Santoso",))]


def test_a_straight_quote_closes_a_curly_one() -> None:
    text = '“Pertemuan itu tidak akan terjadi," kata juru bicara Kementerian Luar Negeri Iran, Abbas Mousavi.'
    assert kinds(events(text)) == [("STATEMENT", ("Abbas Mousavi",))]


def test_a_proposed_meeting_is_no_meeting() -> None:
    assert events("Pertemuan Donald Trump dengan Hassan Rouhani digagas oleh Presiden Prancis Emmanuel Macron.") == []
    assert kinds(events("Pertemuan Donald Trump dengan Hassan Rouhani berlangsung di New York.")) == [
        ("MEET", ("Donald Trump", "Hassan Rouhani"))
    ]
