"""Entity recognition: canonical names, titles, clitics, rules for unknown names, dates, tables, ``warta annotate``."""

from __future__ import annotations

import io
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import TRACEBACK

from indexer.language.entities import Entity, annotate
from indexer.language.entities.common import is_common
from indexer.language.entities.gazetteer import gazetteer
from indexer.language.entities.lexicon import GIVEN_NAMES
from indexer.language.entities.tables import KnowledgeError, knowledge_files, load_tables, read_table
from indexer.model import PartialDate
from tui.cli import main

WARTA = str(Path(sys.executable).with_name("warta"))


def found(text: str, **kwargs: object) -> list[tuple[str, str, str | None]]:
    """(text, type, canonical) of each entity, checking the offsets on the way."""
    entities = annotate(text, **kwargs)  # type: ignore[arg-type]
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text
    return [(e.text, e.type, e.canonical) for e in entities]


def names(text: str, **kwargs: object) -> dict[str, tuple[str, str | None]]:
    return {surface: (kind, canonical) for surface, kind, canonical in found(text, **kwargs)}


# -- canonical names across spellings and languages --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("Pejabat China datang.", "China", "China"),
        ("Pejabat Tiongkok datang.", "Tiongkok", "China"),
        ("Pejabat Cina datang.", "Cina", "China"),
        ("Pasukan Rusia bergerak.", "Rusia", "Russia"),
        ("Russia and Ukraine met.", "Russia", "Russia"),
        ("Tentara Belarusia berlatih.", "Belarusia", "Belarus"),
        ("Tentara Belarus berlatih.", "Belarus", "Belarus"),
        ("Kebijakan AS berubah.", "AS", "United States"),
        ("Kebijakan Amerika Serikat berubah.", "Amerika Serikat", "United States"),
        ("The United States said no.", "United States", "United States"),
        ("Rudal Korea Utara jatuh.", "Korea Utara", "North Korea"),
        ("North Korea fired a missile.", "North Korea", "North Korea"),
        ("Sanksi PBB berlaku.", "PBB", "United Nations"),
        ("The United Nations said so.", "United Nations", "United Nations"),
        ("Delegasi tiba di Moskow.", "Moskow", "Moscow"),
        ("The delegation arrived in Moscow.", "Moscow", "Moscow"),
        ("Ia terbang ke Peking.", "Peking", "Beijing"),
        ("Uni Eropa menolak.", "Uni Eropa", "European Union"),
        ("Laporan Bank Dunia terbit.", "Bank Dunia", "World Bank"),
    ],
)
def test_canonical_names(text: str, surface: str, canonical: str) -> None:
    assert names(text)[surface][1] == canonical


def test_known_people_and_short_forms() -> None:
    text = "Presiden Joko Widodo bertemu Vladimir Putin. Jokowi dan Putin sepakat."
    got = names(text)
    assert got["Joko Widodo"] == ("PERSON", "Joko Widodo")
    assert got["Jokowi"] == ("PERSON", "Joko Widodo")
    assert got["Putin"] == ("PERSON", "Vladimir Putin")


def test_title_is_not_part_of_the_name() -> None:
    got = found("Presiden China Xi Jinping tiba di Beijing.")
    assert ("China", "LOC", "China") in got
    assert ("Xi Jinping", "PERSON", "Xi Jinping") in got
    assert not any("Presiden" in surface for surface, _, _ in got)


def test_title_with_country_before_unknown_name() -> None:
    got = names("Menteri Luar Negeri Kenya Wamalwa Kijana mengatakan hal itu.")
    assert got["Kenya"] == ("LOC", "Kenya")
    assert got["Wamalwa Kijana"][0] == "PERSON"


def test_surname_resolves_to_full_name_introduced_earlier() -> None:
    text = "Seorang analis, Rebekah Koffler, mengatakan hal itu. “Ini langkah strategis,” kata Koffler."
    got = found(text)
    assert ("Rebekah Koffler", "PERSON", "Rebekah Koffler") in got
    assert ("Koffler", "PERSON", "Rebekah Koffler") in got


def test_surname_prefers_a_full_name_to_a_hyphen_joined_pair() -> None:
    text = (
        "Presiden Amerika Serikat, Donald Trump, ada di New York. Pertemuan Trump-Rouhani digagas Macron. "
        "Namun, Trump membantah laporan itu."
    )
    got = found(text)
    assert ("Trump", "PERSON", "Donald Trump") in got


def test_short_first_name_resolves_to_the_full_name_introduced_earlier() -> None:
    text = (
        "Wakil Ketua KPK Alexander Marwata mengatakan saksi telah diperiksa. Menurut Alex, pemeriksaan "
        "selesai. Alex Marwata menambahkan tersangka akan ditahan. Marwata lalu pergi."
    )
    got = found(text)
    assert ("Alex", "PERSON", "Alexander Marwata") in got
    assert ("Alex Marwata", "PERSON", "Alexander Marwata") in got
    assert ("Marwata", "PERSON", "Alexander Marwata") in got


def test_short_first_name_stays_itself_when_unsure() -> None:
    # named before the full name, or two full names begin with it, or too short to be a short form
    assert ("Alex", "PERSON", "Alex") in found("Alex mengatakan hal itu. Alexander Marwata juga hadir.")
    two = "Alexandro Kamuru dan Alexander Marwata hadir. Alex tersenyum."
    assert ("Alex", "PERSON", "Alex") in found(two)
    assert ("Ali", "PERSON", "Ali") in found("Alimin Sujono hadir. Ali tersenyum.")


def test_short_form_of_a_name_without_capitals() -> None:
    from indexer.language.entities.resolve import _Persons

    persons = _Persons()
    persons.add(0, ["Alexander", "Marwata"], "Alexander Marwata")
    assert persons.short_form(["Alex"], 40) == "Alexander Marwata"
    assert persons.short_form([], 40) is None


def test_short_alias_gives_way_to_a_fuller_name_of_the_article() -> None:
    text = "Kim Yo Jong mengecam latihan itu. Kim mengatakan Pyongyang akan membalas."
    got = found(text)
    assert ("Kim", "PERSON", "Kim Yo Jong") in got


def test_a_nickname_keeps_its_canonical_name_beside_a_fuller_name_holding_it() -> None:
    text = "Presiden Joko Widodo (Jokowi) dan Ibu Negara Iriana Jokowi salat di Bogor. Jokowi lalu pulang."
    got = found(text)
    assert got.count(("Jokowi", "PERSON", "Joko Widodo")) == 2
    assert ("Iriana Jokowi", "PERSON", "Iriana Jokowi") in got


def test_brackets_are_part_of_no_name() -> None:
    text = (
        "Pejabat Kementerian Perhubungan (Kemenhub) dan PT Pertamina (Persero) hadir di Taman Makam "
        "Pahlawan (TMP) Kalibata. Kemenhub menolak."
    )
    got = found(text)
    assert all("(" not in surface and ")" not in surface for surface, _, _ in got)
    assert ("Kementerian Perhubungan", "ORG", "Kementerian Perhubungan") in got
    assert got.count(("Kemenhub", "ORG", "Kementerian Perhubungan")) == 2
    assert ("PT Pertamina", "ORG", "Pertamina") in got
    assert ("TMP", "LOC", "Taman Makam Pahlawan") in got


def test_clitic_nya_is_not_part_of_the_name() -> None:
    text = "Kunjungan ke Jakarta menjadi sorotan. Jakartanya sendiri sepi."
    got = found(text)
    assert ("Jakarta", "LOC", "Jakarta") in [(s, t, c) for s, t, c in got]
    assert all(not surface.endswith("nya") for surface, _, _ in got)


def test_acronym_defined_in_brackets() -> None:
    text = "Badan Intelijen Pertahanan (DIA) menilai ancaman itu. Menurut DIA, ancaman meningkat."
    got = found(text)
    assert ("Badan Intelijen Pertahanan", "ORG", "Defense Intelligence Agency") in got
    assert got.count(("DIA", "ORG", "Defense Intelligence Agency")) == 2


def test_unknown_acronym_defined_in_brackets() -> None:
    text = "Komisi Pengawas Persaingan Usaha (KPPU) memanggil perusahaan itu. KPPU menunda sidang."
    got = found(text)
    assert ("Komisi Pengawas Persaingan Usaha", "ORG", "Komisi Pengawas Persaingan Usaha") in got
    assert ("KPPU", "ORG", "Komisi Pengawas Persaingan Usaha") in got


# -- what is not an entity ------------------------------------------------------------------------------


def test_sentence_initial_words_are_not_entities() -> None:
    text = "Sekutu utama Rusia hadir. Tetapi Moskow diam. Menurut Barat, sanksi berlaku. Meski begitu, Putin datang."
    surfaces = [surface for surface, _, _ in found(text)]
    for word in ("Sekutu", "Tetapi", "Menurut", "Meski"):
        assert word not in surfaces
    assert {"Rusia", "Moskow", "Putin"} <= set(surfaces)


def test_weekday_alone_is_a_date_not_a_person() -> None:
    assert found("Ia tiba pada Rabu.") == [("Rabu", "DATE", None)]


def test_all_caps_headline_gives_only_known_names() -> None:
    got = found("RUSIA DAN CINA DALAM PERLOMBAAN SENJATA TIDAK RESMI SEPERTI AS TERTINGGAL DI BELAKANG: AHLI")
    assert [(s, t) for s, t, _ in got] == [("RUSIA", "LOC"), ("CINA", "LOC"), ("AS", "LOC")]


def test_english_all_caps_as_is_a_word() -> None:
    got = found("OIL PRICES RISE AS OPEC CUTS OUTPUT", lang="en")
    assert ("AS", "LOC", "United States") not in got
    assert ("OPEC", "ORG", "OPEC") in got


def test_quoted_titles_are_not_persons() -> None:
    assert not [e for e in found('Ia menyanyikan lagu " Shake It Off " dan " Blank Space ".') if e[1] == "PERSON"]


# -- rules for unknown names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("“Kami siap,” kata Suharyanto kepada wartawan.", "Suharyanto", "PERSON"),
        ("Budi Santoso mengatakan harga naik.", "Budi Santoso", "PERSON"),
        ("Hal itu disampaikan Gubernur Sumatera Barat Mahyeldi Ansharullah.", "Mahyeldi Ansharullah", "PERSON"),
        ("Kementerian Pertahanan China mengonfirmasi kunjungan itu.", "Kementerian Pertahanan China", "ORG"),
        ("Ia kuliah di Universitas Gadjah Mada sejak 2010.", "Universitas Gadjah Mada", "ORG"),
        ("Saham PT Sumber Alfaria Trijaya naik.", "PT Sumber Alfaria Trijaya", "ORG"),
        ("Texaco Inc said it would cut prices.", "Texaco Inc", "ORG"),
        ("Warga Kabupaten Wonogiri mengungsi.", "Kabupaten Wonogiri", "LOC"),
        ("Banjir melanda Desa Ngunggahan kemarin.", "Desa Ngunggahan", "LOC"),
        ("Ia pindah ke Eromoko tahun lalu.", "Eromoko", "LOC"),
        ("Partai Buruh menolak usulan itu.", "Partai Buruh", "ORG"),
        ("Mr Hendricks said the talks failed.", "Hendricks", "PERSON"),
    ],
)
def test_rules_for_unknown_names(text: str, surface: str, kind: str) -> None:
    assert names(text).get(surface, ("missing", None))[0] == kind


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Hal itu diakui Menteri Hukum dan HAM Yasonna H Laoly kemarin.", "Yasonna H Laoly", "PERSON"),
        ("Kelompok itu dipimpin Hassan Turki sejak lama.", "Hassan Turki", "PERSON"),
        ("Kim Joon adalah personel tertua.", "Kim Joon", "PERSON"),
        ("Ia juga dikenal di Lion Group sejak lama.", "Lion Group", "ORG"),
        ("Eromoko adalah sebuah kecamatan di Wonogiri.", "Eromoko", "LOC"),
        ("Geisha, sebuah band asal Pekanbaru, merilis album.", "Geisha", "ORG"),
    ],
)
def test_more_rules(text: str, surface: str, kind: str) -> None:
    assert names(text).get(surface, ("missing", None))[0] == kind


@pytest.mark.parametrize(
    ("text", "surface", "kind"),
    [
        ("Desa itu terletak di lereng Gunung Muria 9 km ke arah barat.", "Gunung Muria", "LOC"),
        ("Desa itu terletak di lereng Gunung Muria 9 kilometer dari kota.", "Gunung Muria", "LOC"),
        ("Densus 88 menangkap dua orang di Solo.", "Densus 88", "ORG"),
        ("Ia bersekolah di SMA Negeri 1 Purwokerto hingga lulus.", "SMA Negeri 1 Purwokerto", "ORG"),
    ],
)
def test_a_number_is_part_of_a_name_unless_an_amount(text: str, surface: str, kind: str) -> None:
    """A number after a head is part of the name ("Densus 88"), not when a unit follows it ("9 km")."""
    assert names(text).get(surface, ("missing", None))[0] == kind


def test_a_word_of_time_after_a_numbered_name_leaves_it_whole() -> None:
    assert "SMA Negeri 2" in names("Ia lulus dari SMAN 1 Bogor. Adiknya masuk SMA Negeri 2 tahun ini.")


def test_languages_and_nationalities_are_not_entities() -> None:
    assert "Punjabi" not in names("Ia menyanyi dalam bahasa Punjabi.")
    assert "Brazilian" not in names("The Brazilian debt talks resumed on Monday, the minister said.", lang="en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company is the whole run its legal form or closing word ends, known names and an opening
        # ordinary word included; a known organisation keeps its canonical name
        ("Integrated Genetics Inc said the trials began.", [("Integrated Genetics Inc", "ORG")]),
        (
            "BP North America Inc is a unit of British Petroleum Co Plc.",
            [("BP North America Inc", "ORG"), ("British Petroleum Co Plc", "ORG")],
        ),
        ("The bonds will be listed on the London Stock Exchange.", [("London Stock Exchange", "ORG")]),
        (
            "It acquired shares of Kindness N.V. and of Merrill Lynch and Co Inc last week.",
            [("Kindness N.V.", "ORG"), ("Merrill Lynch and Co Inc", "ORG")],
        ),
        ("The loan went to Bank of Boston Corp, officials said.", [("Bank of Boston Corp", "ORG")]),
        # a country before a body of its state stays a place; a person before "of" stays a person
        ("The U.S. Agriculture Department said so.", [("U.S.", "LOC"), ("Agriculture Department", "ORG")]),
        ("Chairman John Reed of Citicorp Inc said so.", [("John Reed", "PERSON"), ("Citicorp Inc", "ORG")]),
        # peoples and sides are no names; a place's alias used as an adjective neither
        ("Iraqi warplanes hit South Korean and West German ships, an Illinois Democrat said.", [("Illinois", "LOC")]),
        ("The Saudis sold Swiss francs to Soviet buyers.", []),
        ("Trade with Switzerland and the Soviet Union grew.", [("Switzerland", "LOC"), ("Soviet Union", "LOC")]),
        # stock symbols are no names; an acronym defined in brackets is one
        ("Duke Power Co <DUK> and Exxon Corp (XOM.N) said so.", [("Duke Power Co", "ORG"), ("Exxon Corp", "ORG")]),
        ("The International Monetary Fund (IMF) said so.", [("International Monetary Fund", "ORG"), ("IMF", "ORG")]),
        # a lone unknown word is a company, unless it is the surname of a person named before (at a
        # sentence start, only when the text names it elsewhere too)
        ("The terms were agreed, Comdata said.", [("Comdata", "ORG")]),
        (
            "Analyst Mario Balletto spoke. Later, Balletto said prices fell.",
            [("Mario Balletto", "PERSON"), ("Balletto", "PERSON")],
        ),
        ("Comdata said the terms were agreed.", []),
        # ratings are no names
        ("It was rated B-3 by Moody's and CCC by S and P.", [("Moody's", "ORG"), ("S and P", "ORG")]),
    ],
)
def test_english_organisations_peoples_and_tickers(text: str, expected: list[tuple[str, str]]) -> None:
    got = [(surface, kind) for surface, kind, _ in found(text, lang="en") if kind != "DATE"]
    assert [pair for pair in got if pair[1] in ("PERSON", "ORG", "LOC")] == expected


def test_a_known_company_with_its_legal_form_keeps_its_canonical_name() -> None:
    assert names("Shares of British Petroleum Co Plc fell.", lang="en")["British Petroleum Co Plc"] == (
        "ORG",
        "British Petroleum",
    )
    assert names("Chrysler said so. Standard and Poor's agreed.", lang="en")["Standard and Poor's"] == (
        "ORG",
        "Standard and Poor's",
    )


def test_organisation_head_stops_before_a_person() -> None:
    got = names("Ketua Dewan Pakar Partai Golkar Siswono Yudo Husodo mengatakan hal itu.")
    assert got["Partai Golkar"][0] == "ORG"
    assert got["Siswono Yudo Husodo"][0] == "PERSON"


def test_named_events_are_misc() -> None:
    got = names("Eropa menghadapi ancaman terbesar sejak Perang Dunia II.")
    assert got["Perang Dunia II"] == ("MISC", "World War II")


# -- dates ----------------------------------------------------------------------------------------------

PUBLISHED = PartialDate("2023-03-02", "day")  # a Thursday


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("Mereka bertemu pada 1 Maret 2023.", "1 Maret 2023", "2023-03-01"),
        ("Dibuka 15 Aug 2023 pukul 09.35.", "15 Aug 2023", "2023-08-15"),
        ("Pasukan dikirim pada Februari 2022.", "Februari 2022", "2022-02"),
        ("Skema itu diluncurkan pada tahun 2013.", "tahun 2013", "2013"),
        ("Talks began on Feb 26, 1987.", "Feb 26, 1987", "1987-02-26"),
        ("Ia tiba pada Rabu.", "Rabu", "2023-03-01"),
        ("Ia tiba pada hari Senin.", "hari Senin", "2023-02-27"),
        ("Ia tiba kemarin.", "kemarin", "2023-03-01"),
        ("China pekan lalu menolak saran itu.", "pekan lalu", "2023-W08"),
        ("Invasi terjadi tahun lalu.", "tahun lalu", "2022"),
        ("Serangan terjadi Minggu (26/2).", "Minggu (26/2)", "2023-02-26"),
        ("Rapat digelar 1 Maret.", "1 Maret", "2023-03-01"),
    ],
)
def test_dates_resolved_against_the_publication_date(text: str, surface: str, canonical: str) -> None:
    assert names(text, published=PUBLISHED)[surface] == ("DATE", canonical)


def test_relative_dates_without_publication_date_have_no_canonical() -> None:
    got = names("Ia tiba pada Rabu, kemarin, pekan lalu.")
    assert got["Rabu"] == ("DATE", None)
    assert got["kemarin"] == ("DATE", None)
    assert got["pekan lalu"] == ("DATE", None)
    assert names("Ia tiba pada 1 Maret 2023.")["1 Maret 2023"] == ("DATE", "2023-03-01")


def test_a_count_of_days_is_not_today() -> None:
    assert "hari ini" not in names("Perjalanan enam hari ini dimulai.", published=PUBLISHED)


# -- the API's contract ---------------------------------------------------------------------------------


def test_entities_sorted_non_overlapping_and_frozen() -> None:
    text = "Presiden Belarusia Alexander Lukashenko bertemu Xi Jinping di Beijing pada 1 Maret 2023."
    entities = annotate(text)
    assert entities == sorted(entities, key=lambda e: e.start)
    for before, after in itertools.pairwise(entities):
        assert before.end <= after.start
    with pytest.raises(AttributeError):
        entities[0].start = 3  # type: ignore[misc]
    assert entities[0].as_json() == {
        "start": entities[0].start,
        "end": entities[0].end,
        "text": entities[0].text,
        "type": entities[0].type,
        "canonical": entities[0].canonical,
    }


def test_language_is_detected_not_assumed() -> None:
    english = "The minister said on Monday that the talks with Reuters were over and that the deal was off."
    assert annotate(english) == annotate(english, lang="en")


def test_empty_and_letterless_text() -> None:
    assert annotate("") == []
    assert annotate("   \n\n 12 345 !!! ...") == []


# -- knowledge tables -----------------------------------------------------------------------------------


def test_shipped_tables_load_and_cover_the_issue() -> None:
    canonical = {row.canonical for row in load_tables(knowledge_files(extra_dir=""))}
    for name in ("China", "Russia", "United Nations", "NATO", "ASEAN", "European Union", "World Health Organization",
                 "International Monetary Fund", "World Bank", "Reuters", "Agence France-Presse", "Belta", "Xinhua",
                 "Antara", "Kompas", "Tempo", "Fox News", "Xi Jinping", "Vladimir Putin", "Alexander Lukashenko",
                 "Joko Widodo", "Li Shangfu", "Sergey Lavrov", "Wang Wenbin", "Kim Jong Un", "Joe Biden",
                 "Donald Trump", "Ronald Reagan", "Mikhail Gorbachev", "Dewan Perwakilan Rakyat",
                 "Komisi Pemberantasan Korupsi", "Tentara Nasional Indonesia", "Moscow", "Beijing", "Washington",
                 "Jakarta"):  # fmt: skip
        assert name in canonical, name


def test_company_and_club_aliases_of_one_word_are_no_ordinary_words_nor_given_names() -> None:
    knowledge = Path(__file__).resolve().parents[2] / "data" / "knowledge"
    rows = read_table(knowledge / "companies.tsv")
    rows += [row for row in read_table(knowledge / "organisations.tsv") if "club" in row.notes]
    assert len(rows) > 400
    bad = [
        alias
        for row in rows
        for alias in row.aliases
        if " " not in alias
        and not alias.isupper()  # an acronym is matched in capitals only ("MU", not "mu")
        and (is_common(alias, "id") or is_common(alias, "en") or alias.lower() in GIVEN_NAMES)
    ]
    assert bad == ["Inter"]  # Inter Milan's own short name, kept on purpose


def test_companies_and_clubs_are_read_as_organisations() -> None:
    got = names("Saham Alibaba dan Newmont turun, sementara Tottenham Hotspur menang atas Getafe di London.")
    assert got["Alibaba"] == ("ORG", "Alibaba")
    assert got["Newmont"] == ("ORG", "Newmont")
    assert got["Tottenham Hotspur"] == ("ORG", "Tottenham Hotspur")
    assert got["Getafe"] == ("ORG", "Getafe")


def test_user_tables_from_warta_knowledge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.tsv").write_text(
        "canonical\ttype\taliases\tlang\tnotes\nSiti Nurbaya\tPERSON\tSiti Nurbaya|Nurbaya\tid\ttest\n"
        "Jakarta Raya\tLOC\tJakarta\tid\toverrides the shipped Jakarta\n",
        encoding="utf-8",
    )
    (tmp_path / "more.csv").write_text('canonical,type,aliases\n"Acme, Inc.",ORG,Acme|ACME\n', encoding="utf-8")
    monkeypatch.setenv("WARTA_KNOWLEDGE", str(tmp_path))
    got = names("nurbaya. Kemarin Nurbaya bertemu ACME di Jakarta.")
    assert got["Nurbaya"] == ("PERSON", "Siti Nurbaya")
    assert got["ACME"] == ("ORG", "Acme, Inc.")
    assert got["Jakarta"] == ("LOC", "Jakarta Raya")
    monkeypatch.delenv("WARTA_KNOWLEDGE")
    assert names("Ia tinggal di Jakarta.")["Jakarta"] == ("LOC", "Jakarta")


def test_bad_table_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("canonical\ttype\taliases\nFoo\tTHING\tFoo\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown type"):
        read_table(path)
    path.write_text("name\ttype\nFoo\tORG\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="missing column"):
        read_table(path)


def test_gazetteer_is_built_once() -> None:
    assert gazetteer() is gazetteer()


# -- warta annotate -------------------------------------------------------------------------------------


def run_annotate(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: bytes, *args: str
) -> tuple[int, str, str]:
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    rc = main(["annotate", *args])
    out, err = capsys.readouterr()
    for marker in TRACEBACK:
        assert marker not in err
    return rc, out, err


def test_annotate_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Presiden China Xi Jinping bertemu Putin di Moskow pada Rabu."
    rc, out, _ = run_annotate(monkeypatch, capsys, text.encode(), "--date", "2023-03-02")
    assert rc == 0
    payload = json.loads(out)
    assert list(payload) == ["entities"]
    for entity in payload["entities"]:
        assert list(entity) == ["start", "end", "text", "type", "canonical"]
        assert text[entity["start"] : entity["end"]] == entity["text"]
    assert {"start": 55, "end": 59, "text": "Rabu", "type": "DATE", "canonical": "2023-03-01"} in payload["entities"]
    rc, out, _ = run_annotate(monkeypatch, capsys, text.encode(), "--lang", "en")
    assert rc == 0 and json.loads(out)["entities"]


def test_annotate_jsonl_with_a_malformed_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = '{"id": 1, "text": "Jokowi ke Bandung."}\nnot json\n\n{"id": "b", "text": "Tidak ada."}\n[1, 2]\n'
    rc, out, err = run_annotate(monkeypatch, capsys, data.encode(), "--jsonl")
    assert rc == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == [1, "b"]
    assert [e["canonical"] for e in lines[0]["entities"]] == ["Joko Widodo", "Bandung"]
    assert lines[1]["entities"] == []
    assert err.splitlines() == [
        "warta: stdin:2: invalid JSON: Expecting value",
        'warta: stdin:5: expected an object with a "text" string',
    ]


def test_annotate_bad_date(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_annotate(monkeypatch, capsys, b"x", "--date", "2023-02-30")
    assert exit_info.value.code == 2


def test_annotate_command_with_broken_input() -> None:
    """The installed command: invalid UTF-8 and lone surrogates give JSON, never a traceback."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [WARTA, "annotate"], input=b"Putin \xff\xfe di Moskow", capture_output=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    entities = json.loads(done.stdout)["entities"]
    assert [e["canonical"] for e in entities] == ["Vladimir Putin", "Moscow"]
    line = json.dumps({"id": 1, "text": "\ud800 Putin di Moskow"})
    done = subprocess.run(
        [WARTA, "annotate", "--jsonl"], input=line.encode(), capture_output=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    text = "\ud800 Putin di Moskow"
    assert [text[e["start"] : e["end"]] for e in result["entities"]] == ["Putin", "Moskow"]


def test_entity_type_is_importable() -> None:
    assert Entity(0, 1, "A", "LOC", "A").type == "LOC"


def test_a_long_line_of_capitalised_words() -> None:
    """A run of thousands of capitalised words is read in pieces: no recursion limit, no name of
    thousands of words, no time quadratic in the run."""
    text = "Budi Santoso Jakarta Bandung " * 1500
    got = annotate(text)
    assert got and all(text[e.start : e.end] == e.text for e in got)
    assert all(len(e.text.split()) <= 24 for e in got)
    assert all(a.end <= b.start for a, b in itertools.pairwise(got))


@pytest.mark.parametrize("published", [PartialDate("0001-01-01", "day"), PartialDate("9999-12-31", "day")])
def test_a_publication_date_out_of_range_anchors_nothing(published: PartialDate) -> None:
    """A weekday or 'kemarin' is read against the publication day only when that day is a real one."""
    found = names("Rabu ia tiba. Kemarin ia pergi.", published=published)
    assert found["Rabu"] == ("DATE", None)
    assert found["Kemarin"] == ("DATE", None)
