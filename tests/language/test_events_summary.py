"""Event summaries that say what the event is about (``indexer.language.events.summary`` and
``.content``): what a speaker said, what an appeal asks, what an agreement agrees on, a disaster's kind;
untrusted article text stays plain text."""

from __future__ import annotations

from rich.text import Text

from indexer.language.entities import annotate
from indexer.language.events import EventMention, extract_events, link
from indexer.language.events.summary import MAX_WHAT, has_content, says_something, shorten, summarize


def events(text: str, lang: str = "id") -> list[EventMention]:
    return extract_events("d", text, annotate(text, lang=lang), lang)


def one(text: str, kind: str, lang: str = "id") -> EventMention:
    found = [e for e in events(text, lang) if e.type == kind]
    assert found, events(text, lang)
    return found[0]


def test_statement_with_a_quote_carries_the_quote() -> None:
    event = one("“Kami sepakat menaikkan gaji guru tahun depan,” kata Presiden Joko Widodo di Jakarta.", "STATEMENT")
    assert event.summary == 'Joko Widodo: "Kami sepakat menaikkan gaji guru tahun depan"'
    assert says_something(event)


def test_statement_with_a_reported_clause_indonesian() -> None:
    event = one("Menteri Keuangan Sri Mulyani mengatakan bahwa pemerintah akan menaikkan pajak rokok.", "STATEMENT")
    assert event.summary == "Sri Mulyani Indrawati says pemerintah akan menaikkan pajak rokok"


def test_statement_with_a_reported_clause_english() -> None:
    event = one("Chancellor Helmut Kohl said on Tuesday that the deal will be signed in Bonn.", "STATEMENT", "en")
    assert event.summary == "Helmut Kohl says the deal will be signed in Bonn"


def test_appeal_says_what_was_asked() -> None:
    event = one("Presiden Joko Widodo meminta agar masyarakat tidak mudah percaya kabar bohong.", "APPEAL")
    assert event.summary.endswith(": masyarakat tidak mudah percaya kabar bohong")
    english = one("James Baker urged Japan to open its markets to American rice.", "APPEAL", "en")
    assert english.summary == "James Baker appeals to Japan: open its markets to American rice"


def test_disaster_says_its_kind() -> None:
    event = one("Gempa mengguncang Lombok pada hari Minggu.", "EARTHQUAKE")
    assert event.summary.startswith("Earthquake in Lombok")


def test_long_words_are_cut_at_a_word_boundary() -> None:
    said = (
        "Kami sepakat menaikkan gaji guru honorer di seluruh Indonesia mulai tahun depan secara bertahap sesuai"
        " anggaran"
    )
    event = one(f"“{said},” kata Presiden Joko Widodo.", "STATEMENT")
    quoted = event.summary.removeprefix('Joko Widodo: "').removesuffix('"')
    assert quoted.endswith(" …")
    kept = quoted.removesuffix(" …")
    assert len(kept) <= MAX_WHAT and said.startswith(kept) and said[len(kept)] == " "
    assert shorten("satu dua tiga empat", 12) == "satu dua …"


def test_hostile_text_stays_plain_text() -> None:
    text = "Presiden Joko Widodo mengatakan bahwa [bold red]semua\x1b[31m aman[/bold red] \x07dan terkendali."
    event = one(text, "STATEMENT")
    assert event.summary == "Joko Widodo says [bold red]semua aman[/bold red] dan terkendali"
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in event.summary)
    assert Text(event.summary).plain == event.summary


def test_linked_event_keeps_what_was_said_and_bare_events_say_nothing() -> None:
    found = events("Presiden Joko Widodo mengatakan bahwa pemerintah akan menaikkan pajak rokok.")
    (event,) = [e for e in link(found) if e.type == "STATEMENT"]
    assert event.summary == "Joko Widodo says pemerintah akan menaikkan pajak rokok"
    assert says_something(event)
    bare = event.__class__(
        event.id, event.type, event.actors, event.place, event.date, summarize("STATEMENT", event.actors, None), ()
    )
    assert not says_something(bare)


def test_rejection_says_what_was_rejected_and_never_a_function_word() -> None:
    event = one("Presiden Joko Widodo menolak revisi undang-undang pemilu di Jakarta.", "REJECT")
    assert event.summary.endswith(": revisi undang-undang pemilu di Jakarta")
    bare = one("Presiden Joko Widodo menolak dengan tegas.", "REJECT")
    assert not says_something(bare)


def test_a_meeting_with_its_partner_says_something_a_lone_one_does_not() -> None:
    found = events("Presiden Joko Widodo bertemu Perdana Menteri Malaysia Mahathir Mohamad di Bogor.")
    (meeting,) = [e for e in link(found) if e.type == "MEET"]
    assert len(meeting.actors) >= 2 and has_content(meeting)
    lone = meeting.actors[:1]
    alone = meeting.__class__(meeting.id, "MEET", lone, None, meeting.date, summarize("MEET", lone, None), ())
    assert not has_content(alone)
