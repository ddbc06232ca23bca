"""Event extraction, linking and related-event ranking (``indexer.language.events``) on small hand-made texts."""

from __future__ import annotations

import json
import time

import pytest
from support import DATA

from indexer.language.entities import annotate
from indexer.language.events import (
    EVENT_TYPES,
    Event,
    EventIndex,
    EventMention,
    Mention,
    dates_compatible,
    extract_events,
    link,
    link_keys,
    probe_keys,
    related,
    to_partial_date,
)
from indexer.language.events.lexicon import trigger_type
from indexer.language.events.sentences import split_sentences
from indexer.model import PartialDate

TUESDAY = PartialDate("2023-08-15", "day")


def events(text: str, published: PartialDate | None = None, doc_id: str = "d") -> list[EventMention]:
    entities = annotate(text, lang="id", published=published)
    return extract_events(doc_id, text, entities, "id", published)


def kinds(found: list[EventMention]) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.type, e.actors) for e in found]


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("bertemu", "MEET"),
        ("pertemuan", "MEET"),
        ("menemui", "MEET"),
        ("met", "MEET"),
        ("talks", "MEET"),
        ("mengunjungi", "VISIT"),
        ("kunjungan", "VISIT"),
        ("kunjungannya", "VISIT"),
        ("visited", "VISIT"),
        ("menandatangani", "AGREE"),
        ("perjanjian", "AGREE"),
        ("kesepakatan", "AGREE"),
        ("signed", "AGREE"),
        ("menolak", "REJECT"),
        ("membantah", "REJECT"),
        ("denied", "REJECT"),
        ("mendesak", "APPEAL"),
        ("menyerukan", "APPEAL"),
        ("urged", "APPEAL"),
        ("memasok", "SUPPLY"),
        ("menyerang", "ATTACK"),
        ("invasi", "MILITARY"),
        ("invaded", "MILITARY"),
        ("ditangkap", "ARREST"),
        ("arrested", "ARREST"),
        ("menggugat", "LEGAL"),
        ("pemilu", "ELECTION"),
        ("gempa", "EARTHQUAKE"),
        ("longsor", "DISASTER"),
        ("unjuk", "PROTEST"),
        ("protesters", "PROTEST"),
    ],
)
def test_trigger_words(word: str, kind: str) -> None:
    assert trigger_type(word) == kind


@pytest.mark.parametrize("word", ["pertahanan", "tujuan", "temuan", "ditemukan", "rumah", "the", "mengirim"])
def test_not_triggers(word: str) -> None:
    assert trigger_type(word) is None


def test_vocabulary() -> None:
    assert EVENT_TYPES == (
        "MEET",
        "VISIT",
        "AGREE",
        "STATEMENT",
        "APPEAL",
        "REJECT",
        "SUPPLY",
        "MILITARY",
        "PROTEST",
        "LEGAL",
        "ELECTION",
        "DISASTER",
        "OTHER",
        "DEATH",
        "INJURY",
        "ATTACK",
        "ARREST",
        "TRIAL",
        "SENTENCE",
        "RELEASE",
        "APPOINT",
        "RESIGN",
        "ACQUIRE",
        "LAUNCH",
        "CONTRACT",
        "EARTHQUAKE",
        "FIRE",
        "FLOOD",
        "CRASH",
    )


def test_meeting_with_titles_place_and_date() -> None:
    text = (
        "Presiden Belarus Alexander Lukashenko bertemu dengan Presiden China Xi Jinping di Beijing pada 1 Maret 2023."
    )
    [event] = events(text)
    assert event.type == "MEET"
    assert event.actors == ("Alexander Lukashenko", "Xi Jinping")
    assert event.place == "Beijing"
    assert event.date == PartialDate("2023-03-01", "day")
    assert set(event.affiliations) == {"Belarus", "China"}
    m = event.mention
    assert (m.sentence_start, m.sentence_end) == (0, len(text))
    assert text[m.trigger_start : m.trigger_end] == "bertemu"
    assert event.summary == "Alexander Lukashenko meets Xi Jinping in Beijing"


def test_coordinated_doers_and_passive_agent() -> None:
    text = "Presiden China Xi Jinping dan Presiden Belarusia Alexander Lukashenko menandatangani perjanjian."
    assert kinds(events(text))[0] == ("AGREE", ("Xi Jinping", "Alexander Lukashenko"))
    passive = "Perjanjian itu ditandatangani oleh Xi Jinping dan Alexander Lukashenko di Minsk."
    assert kinds(events(passive)) == [("AGREE", ("Xi Jinping", "Alexander Lukashenko"))]


def test_noun_trigger_takes_its_doer_after_it() -> None:
    text = "Pertemuan Vladimir Putin dengan Alexander Lukashenko berlangsung di Sochi."
    assert kinds(events(text)) == [("MEET", ("Vladimir Putin", "Alexander Lukashenko"))]


def test_attribution_statement_not_delivery() -> None:
    text = "Rebekah Koffler mengatakan bahwa China dapat menyalurkan senjata ke Rusia."
    found = events(text)
    assert [e.type for e in found] == ["STATEMENT"]
    assert found[0].actors[0] == "Rebekah Koffler"
    mention = found[0].mention
    assert text[mention.trigger_start : mention.trigger_end] == "mengatakan"


def test_opinion_and_quotation_yield_only_statements() -> None:
    text = "Amerika Serikat percaya Rusia menyerang Ukraina."
    assert [e.type for e in events(text)] == ["STATEMENT"]
    quoted = "“Rusia akan menyerang Ukraina,” kata Joe Biden."
    found = events(quoted)
    assert [(e.type, e.actors[0]) for e in found] == [("STATEMENT", "Joe Biden")]


def test_pronoun_speaker_is_the_last_speaker() -> None:
    text = "Vladimir Putin mengatakan Rusia mematuhi sanksi. “Kami tidak melanggar apapun,” tegas dia."
    found = events(text)
    assert [(e.type, e.actors[0]) for e in found] == [("STATEMENT", "Vladimir Putin")] * 2


def test_negation_and_modality() -> None:
    assert events("Hassan Rouhani tidak akan bertemu Donald Trump di New York.") == []
    assert events("China dapat mengirim senjata ke Rusia.") == []
    assert kinds(events("Lukashenko mendesak Ukraina dan Rusia untuk menyetujui gencatan senjata.")) == [
        ("APPEAL", ("Alexander Lukashenko", "Ukraine", "Russia"))
    ]


def test_send_depends_on_what_is_sent() -> None:
    assert kinds(events("Rusia mengirim pasukan ke Ukraina pada Februari 2022.")) == [
        ("MILITARY", ("Russia", "Ukraine"))
    ]
    assert kinds(events("Iran mengirim drone ke Rusia."))[0][0] == "SUPPLY"
    assert events("Rusia mengirim surat ke Ukraina.") == []


def test_dates_sentence_then_relative_then_publication() -> None:
    [dated] = events("Li Shangfu memulai kunjungan ke Rusia pada 1 Maret 2023.", TUESDAY)
    assert dated.date == PartialDate("2023-03-01", "day")
    [monday] = events("Li Shangfu memulai kunjungan ke Rusia pada hari Senin.", TUESDAY)
    assert monday.date == PartialDate("2023-08-14", "day")
    [published] = events("Li Shangfu memulai kunjungan ke Rusia.", TUESDAY)
    assert published.date == TUESDAY
    [month] = events("Rusia mengirim pasukan ke Ukraina pada Februari 2022.", TUESDAY)
    assert month.date == PartialDate("2022-02", "month")


def test_undated_article_gives_undated_events() -> None:
    found = events("Li Shangfu memulai kunjungan ke Rusia pada hari Senin. Putin bertemu Lukashenko.")
    assert found and all(e.date is None for e in found)


def test_week_dates_become_months() -> None:
    assert to_partial_date("2023-W09") == PartialDate("2023-03", "month")
    assert to_partial_date("2023-03-01") == PartialDate("2023-03-01", "day")
    assert to_partial_date("2013") == PartialDate("2013", "year")
    assert to_partial_date(None) is None and to_partial_date("garbage") is None


def test_english() -> None:
    text = "China and the European Community signed an agreement in Peking on March 31, 1987."
    found = events(text, PartialDate("1987-04-01", "day"))
    assert found[0].type == "AGREE" and "China" in found[0].actors
    english = "Reagan met Gorbachev in Reykjavik."
    found = extract_events("e", english, annotate(english, lang="en"))
    assert found and found[0].type == "MEET" and found[0].place == "Reykjavik"


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "bertemu", "“", "....", "Dia bertemu.", "kata dia", "x" * 10_000, "mengirim " * 2000],
)
def test_odd_input_never_raises(text: str) -> None:
    assert isinstance(extract_events("d", text, annotate(text)), list)
    assert extract_events("d", text, []) is not None


def test_entities_out_of_range_are_ignored() -> None:
    from indexer.language.entities import Entity

    bogus = [Entity(50, 60, "nothing", "PERSON", "Nobody"), Entity(-1, 3, "x", "LOC", None)]
    assert extract_events("d", "Putin bertemu Kim.", bogus) == []


def test_one_megabyte() -> None:
    paragraph = "Presiden China Xi Jinping bertemu Presiden Belarusia Alexander Lukashenko di Beijing, 1 Maret 2023.\n"
    text = paragraph * (1_000_000 // len(paragraph))
    entities = annotate(text, lang="id", limit=None)  # all of it, not only the part an article is analysed up to
    began = time.perf_counter()
    found = extract_events("big", text, entities, "id")
    assert time.perf_counter() - began < 30
    assert len(found) == text.count("bertemu")
    assert len(link(found)) == 1


def test_sentences() -> None:
    text = "Dr. Ali tiba di Jakarta. Ia bertemu J. Smith! Lalu?\n\nParagraf baru"
    spans = split_sentences(text)
    expected = ["Dr. Ali tiba di Jakarta.", "Ia bertemu J. Smith!", "Lalu?", "Paragraf baru"]
    assert [text[a:b] for a, b in spans] == expected


# ---- linking


def _mention(
    doc: str, kind: str, actors: tuple[str, ...], date: str | None, at: int = 0, place: str | None = None
) -> EventMention:
    partial = to_partial_date(date)
    return EventMention(kind, actors, place, partial, "", Mention(doc, at, at + 10, at, at + 3))  # type: ignore[arg-type]


def test_dates_compatible() -> None:
    day, next_day, far = (to_partial_date(d) for d in ("2023-03-01", "2023-03-02", "2023-03-05"))
    assert dates_compatible(day, next_day) and not dates_compatible(day, far)
    assert dates_compatible(day, to_partial_date("2023-03")) and dates_compatible(day, to_partial_date("2023"))
    assert not dates_compatible(day, to_partial_date("2023-02")) and dates_compatible(day, None)


def test_link_across_and_within_articles() -> None:
    mentions = [
        _mention("a", "MEET", ("Alexander Lukashenko", "Xi Jinping"), "2023-03-01", 0, "Beijing"),
        _mention("a", "MEET", ("Xi Jinping", "Alexander Lukashenko"), None, 50),
        _mention("b", "MEET", ("Xi Jinping", "Alexander Lukashenko"), "2023-03-02", 0),
        _mention("c", "MEET", ("Xi Jinping", "Alexander Lukashenko"), "2023-05-20", 0),
        _mention("c", "MEET", ("Vladimir Putin", "Alexander Lukashenko"), "2023-05-20", 40),
        _mention("d", "MEET", ("Xi Jinping", "Alexander Lukashenko"), None, 0),
        _mention("b", "VISIT", ("Alexander Lukashenko",), "2023-02-28", 30),
    ]
    linked = link(mentions)
    by_docs = sorted((e.type, e.doc_ids, len(e.mentions)) for e in linked)
    assert by_docs == [
        ("MEET", ("a", "b"), 3),
        ("MEET", ("c",), 1),
        ("MEET", ("c",), 1),
        ("MEET", ("d",), 1),
        ("VISIT", ("b",), 1),
    ]
    meeting = next(e for e in linked if e.doc_ids == ("a", "b"))
    assert meeting.date == PartialDate("2023-03-01", "day") and meeting.place == "Beijing"
    assert set(meeting.actors) == {"Alexander Lukashenko", "Xi Jinping"}
    # deterministic: any order, same events and ids
    assert [e.as_json() for e in link(reversed(mentions))] == [e.as_json() for e in linked]
    assert len({e.id for e in linked}) == len(linked)


def test_statements_link_by_speaker() -> None:
    linked = link(
        [
            _mention("a", "STATEMENT", ("Vladimir Putin", "Russia"), None, 0),
            _mention("a", "STATEMENT", ("Vladimir Putin",), None, 40),
            _mention("a", "STATEMENT", ("Alexander Lukashenko",), None, 80),
        ]
    )
    assert sorted(len(e.mentions) for e in linked) == [1, 2]


def test_keys_find_candidates() -> None:
    stored = _mention("a", "MEET", ("Xi Jinping", "Alexander Lukashenko"), "2023-02-28")
    new = _mention("b", "MEET", ("Alexander Lukashenko", "Xi Jinping"), "2023-03-01")
    assert set(link_keys(stored)) & set(probe_keys(new))
    assert link_keys(_mention("u", "MEET", ("A", "B"), None)) == ("doc:u",)
    other = _mention("c", "MEET", ("Xi Jinping", "Alexander Lukashenko"), "2023-07-01")
    assert not set(link_keys(other)) & set(probe_keys(new))


def test_event_json_round_trip() -> None:
    [event] = link([_mention("a", "VISIT", ("Li Shangfu", "Russia"), "2023-08-14", 0, "Russia")])
    data = json.loads(json.dumps(event.as_json()))
    assert Event.from_json(data) == event
    assert data["date"] == "2023-08-14" and data["mentions"][0]["doc_id"] == "a"


# ---- related


def test_related_ranks_shared_names_and_time() -> None:
    own = link([_mention("a", "MEET", ("Alexander Lukashenko", "Xi Jinping"), "2023-03-01", 0, "Beijing")])
    others = link(
        [
            _mention("b", "MEET", ("Vladimir Putin", "Alexander Lukashenko"), "2023-03-05"),
            _mention("c", "MEET", ("Vladimir Putin", "Alexander Lukashenko"), "2021-03-05"),
            _mention("d", "VISIT", ("Li Shangfu", "Beijing"), "2023-03-02"),
            _mention("e", "PROTEST", ("Jakarta",), "2023-03-01"),
        ]
    )
    ranked = related({"Vladimir Putin", "Beijing"}, own, own + others, limit=10)
    assert ranked[0].own and ranked[0].event == own[0]
    rest = [(r.event.doc_ids[0], r.shared) for r in ranked[1:]]
    assert [doc for doc, _ in rest] == ["b", "c", "d"]
    assert set(rest[0][1]) == {"Alexander Lukashenko", "Vladimir Putin"}
    assert rest[2][1] == ("Beijing",)
    assert related([], [], others, limit=1) == []


def test_event_index() -> None:
    everything = link(
        [
            _mention("a", "MEET", ("Alexander Lukashenko", "Xi Jinping"), "2023-03-01"),
            _mention("b", "MEET", ("Vladimir Putin", "Alexander Lukashenko"), "2023-03-05"),
            _mention("c", "DISASTER", ("Jakarta",), "2023-03-01"),
        ]
    )
    index = EventIndex(everything)
    ranked = index.related_to("a", ["Vladimir Putin"])
    assert [r.own for r in ranked] == [True, False]
    assert ranked[1].event.doc_ids == ("b",)
    assert index.related_to("nowhere", []) == []


def test_roles_handed_back_by_writer_processes_read_the_same() -> None:
    """Writer processes hand their word caches back pickled (:mod:`indexer.language.memo`): a role such as
    ``"~speech"`` then arrives as an equal string, not the same object, and must read the same."""
    import pickle

    from indexer.language.events import words

    text = (DATA / "000_082d6fc98803b495.txt").read_text(encoding="utf-8")
    published = PartialDate("2023-03-02", "day")
    before = events(text, published)
    assert any(mention.type == "STATEMENT" for mention in before)
    handed_back = pickle.loads(pickle.dumps(dict(words.ROLES)))
    assert any(role is not None and role.startswith("~") for role in handed_back.values())
    try:
        words.ROLES.clear()
        words.ROLES.update(handed_back)
        words._QUIET.clear()
        words._CHUNK_CUES.clear()
        assert events(text, published) == before
    finally:  # the next tests start from a cache of this process's own making
        words.ROLES.clear()
        words._QUIET.clear()
        words._CHUNK_CUES.clear()
