"""The news event types (issue 19): triggers in both languages, who did it and to whom, what the
summary says, the senses of ambiguous words, and the type families of ``warta events --type``."""

from __future__ import annotations

import pytest

from indexer.language.entities import annotate
from indexer.language.events import EVENT_TYPES, FAMILY, EventMention, extract_events, family
from indexer.language.events.summary import says_something, summarize


def events(text: str, lang: str = "id") -> list[EventMention]:
    return extract_events("d", text, annotate(text, lang=lang), lang)


def kinds(text: str, lang: str = "id") -> list[str]:
    return [e.type for e in events(text, lang)]


def one(text: str, kind: str, lang: str = "id") -> EventMention:
    found = [e for e in events(text, lang) if e.type == kind]
    assert found, events(text, lang)
    return found[0]


def test_families() -> None:
    assert set(family("LEGAL")) == {"LEGAL", "ARREST", "TRIAL", "SENTENCE", "RELEASE"}
    assert set(family("DISASTER")) == {"DISASTER", "EARTHQUAKE", "FIRE", "FLOOD", "CRASH"}
    assert family("MEET") == ("MEET",)
    assert all(kind in EVENT_TYPES and parent in EVENT_TYPES for kind, parent in FAMILY.items())


@pytest.mark.parametrize(
    ("text", "lang", "kind", "actors", "summary"),
    [
        ("Polisi menangkap Budi Santoso di Bandung.", "id", "ARREST", ["Budi Santoso"], "Budi Santoso is arrested"),
        (
            "Budi Santoso ditangkap oleh Polda Metro Jaya.",
            "id",
            "ARREST",
            ["Polda Metro Jaya", "Budi Santoso"],
            "Polda Metro Jaya arrests Budi Santoso",
        ),
        ("John Smith was arrested in Albany.", "en", "ARREST", ["John Smith"], "John Smith is arrested"),
        (
            "Mantan Presiden BJ Habibie meninggal dunia di Jakarta.",
            "id",
            "DEATH",
            ["B. J. Habibie"],
            "B. J. Habibie dies",
        ),
        ("Mark Felt died on Thursday in Santa Rosa.", "en", "DEATH", ["Mark Felt"], "Mark Felt dies"),
        ("Setya Novanto divonis 15 tahun penjara.", "id", "SENTENCE", ["Setya Novanto"], "Setya Novanto is sentenced"),
        ("Lindsay Lohan was sentenced to 90 days in jail.", "en", "SENTENCE", ["Lindsay Lohan"], "Lindsay Lohan is"),
        (
            "Setya Novanto mengundurkan diri dari jabatan Ketua DPR.",
            "id",
            "RESIGN",
            ["Setya Novanto"],
            "Setya Novanto resigns",
        ),
        (
            "Presiden Joko Widodo melantik Sri Mulyani sebagai Menteri Keuangan.",
            "id",
            "APPOINT",
            ["Joko Widodo", "Sri Mulyani Indrawati"],
            "Joko Widodo appoints Sri Mulyani",
        ),
        ("Samsung meluncurkan Galaxy Fold di Jakarta.", "id", "LAUNCH", ["Samsung"], "Samsung launches"),
        ("Apple unveiled the new MacBook Pro in San Francisco.", "en", "LAUNCH", ["Apple"], "Apple launches"),
        (
            "The Lakers signed Shaquille O'Neal to a contract.",
            "en",
            "CONTRACT",
            ["Lakers", "Shaquille O'Neal"],
            "Lakers signs Shaquille O'Neal",
        ),
        (
            "Gempa bermagnitudo 5,3 mengguncang Kabupaten Tuban.",
            "id",
            "EARTHQUAKE",
            ["Kabupaten Tuban"],
            "Earthquake in",
        ),
        ("Kebakaran melanda Pasar Senen, Jakarta.", "id", "FIRE", ["Pasar Senen", "Jakarta"], "Fire in"),
        ("Banjir merendam ratusan rumah di Bekasi.", "id", "FLOOD", [], "Flood in Bekasi"),
        (
            "Kathina Thomas was killed by a stray bullet in Albany.",
            "en",
            "DEATH",
            ["Kathina Thomas"],
            "Kathina Thomas is killed",
        ),
    ],
)
def test_types_arguments_and_summaries(text: str, lang: str, kind: str, actors: list[str], summary: str) -> None:
    event = one(text, kind, lang)
    assert list(event.actors[: len(actors)]) == actors
    assert event.summary.startswith(summary)
    assert says_something(event)


def test_who_is_arrested_is_the_patient_the_police_the_doer() -> None:
    found = one("Budi Santoso ditangkap oleh Polda Metro Jaya.", "ARREST")
    assert found.actors[0] == "Polda Metro Jaya"
    alone = one("Budi Santoso ditangkap polisi di Bandung.", "ARREST")
    assert alone.actors == ("Budi Santoso",) and alone.summary.startswith("Budi Santoso is arrested")


def test_a_pronoun_before_a_passive_stands_for_the_subject() -> None:
    found = events("Anwar Ibrahim mengunjungi Habibie setelah dia dibebaskan dari penjara.")
    assert [(e.type, e.actors[0]) for e in found] == [("VISIT", "Anwar Ibrahim"), ("RELEASE", "Anwar Ibrahim")]


def test_noun_trigger_happens_to_the_name_after_it() -> None:
    event = one("King Baudouin accepted the resignation of Prime Minister Wilfried Martens.", "RESIGN", "en")
    assert event.actors[0] == "Wilfried Martens"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen fired shots at the police station in Kabul.", "ATTACK"),
        ("The Philadelphia 76ers fired coach Maurice Cheeks.", "RESIGN"),
        ("A fire destroyed the Wasilla Bible Church in Alaska.", "FIRE"),
        ("Tiger Woods shot 66 in the final round at Augusta.", None),
        ("North Korea launched a missile over Japan.", "MILITARY"),
        ("Senator John McCain signed a letter to Barack Obama.", None),
        ("Republicans killed the bill in the Senate.", None),
        ("The stock market crash hit Wall Street.", None),
        ("The Pentagon launched an investigation into Boeing.", None),
        ("Imtec said shareholders of Computer Identics proposed a merger.", None),
        ("Helmut Kohl dismissed the claims of Germany.", "REJECT"),
    ],
)
def test_senses_of_ambiguous_words(text: str, expected: str | None) -> None:
    found = [k for k in kinds(text, "en") if k != "STATEMENT"]
    assert found == ([expected] if expected else []), events(text, "en")


def test_a_country_attacking_is_military() -> None:
    assert "MILITARY" in kinds("Rusia menyerang Ukraina pada Februari 2022.")
    assert "ATTACK" in kinds("Dua pria menyerang Budi Santoso di Bandung.")


def test_bare_lines_of_new_types() -> None:
    assert summarize("ARREST", ("KPK",), None) == "KPK makes an arrest"
    assert summarize("ARREST", ("SPR",), None, patient=True) == "SPR is arrested"
    assert summarize("DEATH", ("A", "B"), "Aceh", patient=True) == "A and B die in Aceh"
    assert summarize("DEATH", (), "Aceh") == "Deaths in Aceh"
    assert summarize("EARTHQUAKE", ("Lombok",), "Lombok") == "Earthquake in Lombok"
    assert summarize("RESIGN", ("X",), None, trigger="dipecat", patient=True) == "X is dismissed"
