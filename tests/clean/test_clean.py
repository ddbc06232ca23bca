"""Tests of cleaning: the scraped samples, page furniture, repetitions, corpus layouts, hostile input, speed."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.clean.boilerplate import clean_record, clean_title, normalise_text
from indexer.model import CleanText, PartialDate, Record

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "samples"
CORPUS = REPO.parent / "shared" / "corpus"

Fmt = Literal["text", "html", "json", "jsonl", "csv"]


def text_file(body: str) -> CleanText:
    return clean_record(Record(path="/in/a.txt", key="", fmt="text", fields={"body": body}, raw=body))


def json_record(fmt: Fmt = "jsonl", **fields: str) -> CleanText:
    return clean_record(Record(path="/in/a.jsonl", key="line:1", fmt=fmt, fields=fields, raw=json.dumps(fields)))


def seed(name: str) -> CleanText:
    return text_file((DATA / name).read_text(encoding="utf-8"))


def paragraphs(cleaned: CleanText) -> list[str]:
    return cleaned.text.split("\n\n")


# ---------------------------------------------------------------------------------------------- the samples


def test_seed_000_title_furniture_and_captions() -> None:
    cleaned = seed("000_082d6fc98803b495.txt")
    assert cleaned.title == (
        "China dapat menyalurkan senjata ke Rusia melalui Belarus saat hubungan pertahanan dengan Beijing "
        "semakin dalam: ahli"
    )
    assert "Leave a Comment" not in cleaned.text
    assert "KLIK DI SINI" not in cleaned.text
    assert "Getty Images" not in cleaned.text
    for caption in (
        "Presiden Belarus Alexander Lukashenko, kiri, bertemu dengan Presiden China Xi Jinping di Beijing pada "
        "1 Maret 2023.",
        "Penjaga kehormatan China berdiri tegak saat upacara penyambutan Presiden Belarusia Alexander "
        "Lukashenko di bandara di Beijing pada 28 Februari 2023.",
        "Presiden Tiongkok Xi Jinping menghadiri pertemuan dengan Presiden Belarusia Alexander Lukashenko "
        "(tidak ada dalam foto) di Beijing pada 1 Maret 2023.",
    ):
        assert cleaned.text.count(caption) == 1
        assert caption in paragraphs(cleaned)
    assert cleaned.date is None  # "pada 1 Maret 2023" is said in a caption, not a dateline
    assert paragraphs(cleaned)[0].startswith("Sekutu utama Presiden Rusia Vladimir Putin")
    assert paragraphs(cleaned)[-1] == (
        "Lukashenko mendukung rencana perdamaian yang ambigu dan mendesak Ukraina dan Rusia untuk menyetujui "
        "gencatan senjata."
    )


def test_seed_002_date_source_reactions_and_repeats() -> None:
    cleaned = seed("002_5aca17387d92f694.txt")
    title = "Tunjukkan Dukungan, Menteri Pertahanan China Kunjungi Rusia dan Belarus"
    lead = (
        "Menteri Pertahanan China, Li Shangfu, telah memulai kunjungan pentingnya ke Rusia dan Belarus sebagai "
        "bentuk dukungan terhadap negara-negara yang menghadapi isolasi dari Barat akibat invasi Rusia ke Ukraina."
    )
    assert cleaned.title == title
    assert cleaned.date == PartialDate("2023-08-15", "day")
    assert cleaned.source == "afederasi.com"
    assert title not in cleaned.text
    assert "09:35" not in cleaned.text
    assert "Reaction" not in cleaned.text
    for word in ("like", "dislike", "love", "funny", "angry", "sad", "wow"):
        assert word not in paragraphs(cleaned)
    assert cleaned.text.count(lead) == 1
    assert paragraphs(cleaned)[0] == lead
    assert "Menteri Pertahanan China, Li Shangfu (foto: dok)." in paragraphs(cleaned)
    assert any(
        p.startswith("Beijing, China, (afederasi.com) - Kementerian Pertahanan China mengonfirmasi")
        for p in paragraphs(cleaned)
    )
    assert paragraphs(cleaned)[-1].endswith("(mg-1/jae)")


def test_seed_003_loading_font_buttons_and_pasted_twice() -> None:
    cleaned = seed("003_c00b38141db1421f.txt")
    assert cleaned.title == "Belarusia Ingin Gabung Langkah Rusia Pererat Hubungan dengan Korea Utara"
    assert "loading" not in cleaned.text
    assert all(p != "A" for p in paragraphs(cleaned))
    assert cleaned.text.startswith("AS dan sekutunya")
    assert len(paragraphs(cleaned)) == len(set(paragraphs(cleaned))) == 10
    assert cleaned.text.count("Menurut Barat, kesepakatan itu melanggar sanksi PBB") == 1


def test_seed_text_is_clean() -> None:
    for path in sorted(DATA.glob("*.txt")):
        cleaned = text_file(path.read_text(encoding="utf-8"))
        assert "\n\n\n" not in cleaned.text
        assert all(p and p == p.strip() and "\n" not in p for p in paragraphs(cleaned))


# ------------------------------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("raw", "names", "expected"),
    [
        ("Judul berita | 31left", (), "Judul berita"),
        ("Jokowi Resmikan Tol - Kompas.com", (), "Jokowi Resmikan Tol"),
        ("Jokowi Resmikan Tol - KOMPAS", ("kompas",), "Jokowi Resmikan Tol"),
        ("Harga Cabai Naik — Tempo", (), "Harga Cabai Naik"),
        ("detik.com | Judul Berita Panjang", (), "Judul Berita Panjang"),
        (
            "Cerita Admin Lambe Turah - Penghasilan 500 Juta Sebulan",
            (),
            "Cerita Admin Lambe Turah - Penghasilan 500 Juta Sebulan",
        ),
        ("Analisis | Apa Kata Para Ekonom Soal Rupiah", (), "Analisis | Apa Kata Para Ekonom Soal Rupiah"),
        ("# Judul Markdown", (), "Judul Markdown"),
        ("  Judul\n dengan   spasi ", (), "Judul dengan spasi"),
    ],
)
def test_clean_title(raw: str, names: tuple[str, ...], expected: str) -> None:
    assert clean_title(raw, frozenset(names)) == expected


def test_title_suffix_named_by_the_source_field() -> None:
    cleaned = json_record(title="Gempa Guncang Bali - Warta Kita", source="Warta Kita", body="Isi.")
    assert cleaned.title == "Gempa Guncang Bali"


def test_title_suffix_named_by_the_url_host() -> None:
    cleaned = json_record(title="Gempa Guncang Bali - Beritaku", url="https://www.beritaku.net/a/1", body="Isi.")
    assert cleaned.title == "Gempa Guncang Bali"


def test_missing_title_comes_from_the_first_sentence() -> None:
    cleaned = json_record(body="Banjir melanda Jakarta. Ribuan warga mengungsi.")
    assert cleaned.title == "Banjir melanda Jakarta."
    assert cleaned.text == "Banjir melanda Jakarta. Ribuan warga mengungsi."
    long = json_record(body="Presiden " + "meresmikan jalan tol baru di Jawa Tengah " * 10 + "hari ini.")
    assert len(long.title) <= 100 and long.title.endswith("…") and " " not in long.title[-2:]


def test_body_that_only_repeats_its_title_keeps_it() -> None:
    title = "Four armed robbers made off with $137-million of jewels from a Paris store."
    cleaned = json_record(title=title, body=title)
    assert cleaned.title == title
    assert cleaned.text == title
    longer = json_record(title="Gempa guncang Bali", body="Gempa guncang Bali\n\nWarga mengungsi ke lapangan.")
    assert longer.text == "Warga mengungsi ke lapangan."


def test_text_file_title_is_the_first_line() -> None:
    cleaned = text_file("\n\n  Judul Pertama  \nParagraf satu.\n\nParagraf dua.\n")
    assert cleaned.title == "Judul Pertama"
    assert paragraphs(cleaned) == ["Paragraf satu.", "Paragraf dua."]


def test_text_file_without_title_line() -> None:
    line = "Kalimat pembuka yang panjang. " * 20
    cleaned = text_file(line)
    assert cleaned.title == "Kalimat pembuka yang panjang."
    assert cleaned.text == line.strip()


# ------------------------------------------------------------------------------------------- date, source


def test_date_from_the_field_wins_and_the_text_keeps_its_lines() -> None:
    cleaned = json_record(title="T", date="16 Agustus 2019", body="15 Aug 2023 - 09:35\nIsi berita.")
    assert cleaned.date == PartialDate("2019-08-16", "day")


def test_dateline_used_and_removed_when_the_field_has_none() -> None:
    cleaned = json_record(title="T", date="bukan tanggal", body="Selasa, 15 Agustus 2023 09:35 WIB\nIsi berita.")
    assert cleaned.date == PartialDate("2023-08-15", "day")
    assert cleaned.text == "Isi berita."


def test_no_date_is_invented() -> None:
    cleaned = json_record(title="T", body="Presiden berkunjung pada 1 Maret 2023 ke Beijing.")
    assert cleaned.date is None


def test_day_and_month_swapped_by_the_site_are_put_right_by_the_url() -> None:
    url = "https://regional.kompas.com/read/2019/09/10/21485171/diduga-pasok-sabu"
    assert json_record(title="T", date="2019-10-09", url=url, body="x").date == PartialDate("2019-09-10", "day")
    other = "https://news.okezone.com/read/2019/09/14/1/2104644/x"
    assert json_record(title="T", date="2019-09-13", url=other, body="x").date == PartialDate("2019-09-13", "day")


@pytest.mark.parametrize(
    ("body", "source"),
    [
        ("JAKARTA, KOMPAS.com - Isi berita.", "KOMPAS.com"),
        ("Beijing, China, (afederasi.com) - Isi berita.", "afederasi.com"),
        ("Liputan6.com, Jakarta - Isi berita.", "Liputan6.com"),
        ("JAKARTA (Reuters) - Isi berita.", "Reuters"),
        ("JAKARTA (ANTARA) - Isi berita.", "ANTARA"),
        ("Menteri Li Shangfu (foto: dok) - bukan sumber.", None),
        ("Presiden Joko Widodo (Jokowi) - bukan sumber.", None),
        ("Isi berita tanpa sumber.", None),
    ],
)
def test_source_named_in_the_text(body: str, source: str | None) -> None:
    assert json_record(title="T", body=body).source == source


def test_source_and_url_fields() -> None:
    cleaned = json_record(title="T", body="JAKARTA, KOMPAS.com - Isi.", source=" Kompas.com ", url=" https://k.id/a ")
    assert (cleaned.source, cleaned.url) == ("Kompas.com", "https://k.id/a")
    assert json_record(title="T", body="x", source="", url="").source is None
    assert json_record(title="T", body="x", url="").url is None


# --------------------------------------------------------------------------------------------- furniture


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Comment",
        "loading...",
        "Loading…",
        "A",
        "A A A",
        "A- A A+",
        "KLIK DI SINI UNTUK MENDAPATKAN APLIKASI FOX NEWS",
        "Click here to subscribe",
        "Baca juga:",
        "Baca Juga : Judul Berita Lain",
        "Baca juga: Layanan Sempat Error, Bos Bank Mandiri Minta Maaf",
        "BACA JUGA Prabowo Bertemu Jokowi",
        "Download aplikasi Warta di Play Store",
        "Share this",
        "Share this article",
        "Bagikan artikel ini",
        "Ikuti kami di Google News",
        "Artikel ini telah tayang di Kompas.com dengan judul",
        "Scroll to continue with content",
        "ADVERTISEMENT",
    ],
)
def test_furniture_line_is_removed(line: str) -> None:
    cleaned = text_file(f"Judul\nParagraf pertama.\n{line}\nParagraf kedua.")
    assert paragraphs(cleaned) == ["Paragraf pertama.", "Paragraf kedua."]


@pytest.mark.parametrize(
    "line",
    [
        "AS dan sekutunya percaya Kim akan memasok amunisi.",
        "Baca juga buku panduannya sebelum mencoba.",
        "Untuk mendaftar, klik di sini lalu isi formulirnya.",
        "Warga diminta download aplikasi PeduliLindungi, kata dia.",
        "Sebagian warga memilih share makanan dengan tetangga.",
        "Komentar warganet pun beragam.",
    ],
)
def test_sentences_are_not_furniture(line: str) -> None:
    cleaned = text_file(f"Judul\nParagraf pertama.\n{line}\nParagraf kedua.")
    assert paragraphs(cleaned) == ["Paragraf pertama.", line, "Paragraf kedua."]


def test_reaction_list_goes_with_its_heading_only() -> None:
    cleaned = text_file(
        "Judul\nAku love kamu.\nlike\nIsi terakhir.\nWhat's Your Reaction?\nlike\n\ndislike\nlove\n"
        "funny\nangry\nsad\nwow"
    )
    assert paragraphs(cleaned) == ["Aku love kamu.", "like", "Isi terakhir."]


def test_reuters_signature_only_at_the_end() -> None:
    body = "Profits rose.\n    Reuters reported the rise.\n REUTER\n\x03"
    assert paragraphs(json_record(title="T", body=body)) == ["Profits rose.", "Reuters reported the rise."]


# --------------------------------------------------------------------------------------------- repetitions


def test_photo_caption_printed_again_with_credit() -> None:
    caption = "Presiden bertemu dengan Perdana Menteri di Istana Merdeka pada Senin pagi."
    cleaned = text_file(f"Judul\n\n{caption}\n\n{caption} (Foto: Antara / Budi)\n\nIsi berita.")
    assert paragraphs(cleaned) == [caption, "Isi berita."]


def test_lead_repeated_inside_a_later_paragraph() -> None:
    lead = "Menteri Pertahanan memulai kunjungan penting ke Rusia dan Belarus pekan ini."
    cleaned = text_file(
        f"Judul\n\n{lead}\n\nJAKARTA, (warta.id) - {lead} Kementerian mengonfirmasi perjalanan enam hari."
    )
    assert paragraphs(cleaned) == [lead, "JAKARTA, (warta.id) - Kementerian mengonfirmasi perjalanan enam hari."]
    assert cleaned.source == "warta.id"


def test_whole_body_pasted_twice() -> None:
    body = [f"Kalimat nomor {n} dari berita yang ditempel dua kali oleh situsnya." for n in range(5)]
    cleaned = text_file("Judul\n" + "\n".join(body + body))
    assert paragraphs(cleaned) == body


def test_short_lines_and_table_rows_may_repeat() -> None:
    body = "Qtr\n    Shr 10 cts vs 9 cts\n    Avg shrs 2,332,397 vs 1,428,000\n    Year\n    Shr 10 cts vs 9 cts\n"
    body += "    Avg shrs 2,332,397 vs 1,428,000\n"
    assert paragraphs(json_record(title="T", body=body)).count("Avg shrs 2,332,397 vs 1,428,000") == 2


def test_a_sentence_quoted_in_a_longer_paragraph_is_not_cut_mid_sentence() -> None:
    first = "Harga minyak naik tajam di pasar Asia pada perdagangan Senin pagi."
    later = f"Analis mengatakan bahwa {first.lower()} Ini di luar perkiraan."
    assert paragraphs(text_file(f"Judul\n{first}\n{later}")) == [first, later]


# ------------------------------------------------------------------------------------------ corpus layouts


CLICKID_BODY = (
    " - Satresnarkoba Polres Anambas mengamankan Suria di Tanjungpinang, Kepulauan Riau.,Penangkapan keduanya "
    'merupakan hasil pengembangan kasus.,"Keduanya diduga sebagai pemasok sabu," kata Zulmi, Selasa '
    "(10/9/2019).,Zulmi menjelaskan, awalnya personel mengamankan Indra.,,,Baca juga:,,,Selanjutnya "
    "berdasarkan hasil pemeriksaan Indra, muncul satu nama yakni Suria.¬†,‚ÄúSaat ini masih pemeriksaan,‚Äù "
    "ujar dia di Kecamatan¬† Tanjungpinang Timur.,,,loading..."
)


def test_clickid_comma_paragraphs_mojibake_and_dash() -> None:
    cleaned = json_record(title="Diduga Pasok Sabu", source="Kompas.com", date="2019-10-09", body=CLICKID_BODY)
    assert paragraphs(cleaned) == [
        "Satresnarkoba Polres Anambas mengamankan Suria di Tanjungpinang, Kepulauan Riau.",
        "Penangkapan keduanya merupakan hasil pengembangan kasus.",
        '"Keduanya diduga sebagai pemasok sabu," kata Zulmi, Selasa (10/9/2019).',
        "Zulmi menjelaskan, awalnya personel mengamankan Indra.",
        "Selanjutnya berdasarkan hasil pemeriksaan Indra, muncul satu nama yakni Suria.",
        "“Saat ini masih pemeriksaan,” ujar dia di Kecamatan Tanjungpinang Timur.",
    ]


def test_clickid_spaced_commas_in_one_line_bodies() -> None:
    body = "Ini kata Dedi lagi. , Menurut dia, BNPB menangani kendala tersebut., Sementara itu, satgas bertugas."
    body += (
        " Kalimat pengisi agar badan berita cukup panjang untuk dibaca sebagai satu baris CLICK-ID, tanpa baris baru."
    )
    assert paragraphs(json_record(title="T", body=body)) == [
        "Ini kata Dedi lagi.",
        "Menurut dia, BNPB menangani kendala tersebut.",
        "Sementara itu, satgas bertugas. Kalimat pengisi agar badan berita cukup panjang untuk dibaca sebagai "
        "satu baris CLICK-ID, tanpa baris baru.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        '"We are ready," Smith said.',
        'He said, "it is over", Smith added.',
        "Destinations were the U.S., Covertible currency areas, Uruguay and open ports.",
        "Based in Elkhart, Ind., Schult is the country's oldest maker.",
        '"Where else are you going to go?," an industry source said.',
    ],
)
def test_ordinary_commas_do_not_break_paragraphs(sentence: str) -> None:
    assert json_record(title="T", body=f"Baris satu.\n{sentence}").text == f"Baris satu.\n\n{sentence}"


REUTERS_BODY = (
    "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\n"
    "January and improving prospects for the coming temporao,\nalthough normal humidity levels have not been "
    "restored,\nComissaria Smith said in its weekly review.\n    The dry period means the temporao will be "
    "late this year.\n    Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos making a "
    "cumulative total for the season of 5.93\nmln against 5.81 at the same stage last year. Again it seems\n"
    "that cocoa delivered earlier on consignment was included in the\narrivals figures.\n    Talks on a "
    "long-\nterm deal went on, traders said.\n REUTER\n\x03"
)


def test_reuters_hard_wrapped_paragraphs_are_unwrapped() -> None:
    cleaned = json_record(
        title="BAHIA COCOA REVIEW", source="Reuters", date="26-FEB-1987 15:01:01.79", body=REUTERS_BODY
    )
    assert paragraphs(cleaned) == [
        "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early "
        "January and improving prospects for the coming temporao, although normal humidity levels have not been "
        "restored, Comissaria Smith said in its weekly review.",
        "The dry period means the temporao will be late this year.",
        "Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for the "
        "season of 5.93 mln against 5.81 at the same stage last year. Again it seems that cocoa delivered "
        "earlier on consignment was included in the arrivals figures.",
        "Talks on a long-term deal went on, traders said.",
    ]
    assert cleaned.date == PartialDate("1987-02-26", "day")


def test_one_paragraph_reuters_body_is_unwrapped() -> None:
    body = (
        "Arvin Industries Inc said L.K.\nEvans has been elected president, succeeding James Baker who\n"
        "remains chairman.  Evans had been executive vice president.\n REUTER\n"
    )
    assert json_record(title="T", body=body).text == (
        "Arvin Industries Inc said L.K. Evans has been elected president, succeeding James Baker who remains "
        "chairman. Evans had been executive vice president."
    )


def test_one_paragraph_per_line_is_not_unwrapped() -> None:
    lines = ["Baris pendek pertama.", "Kalimat kedua yang lebih panjang dari yang pertama tadi.", "Penutup."]
    assert paragraphs(text_file("Judul\n" + "\n".join(lines))) == lines


# ------------------------------------------------------------------------------------------ hostile input


def test_terminal_escapes_and_controls_are_stripped() -> None:
    cleaned = json_record(
        title="\x1b[31mMerah\x1b[0m\x07 Judul\x00",
        body="Teks \x1b]0;judul jendela\x07biasa\x1b[2J \u202eterbalik\u202c \x9b31mmerah\x02\x03 akhir.\r\nBaris.",
        url="https://a.id/\x1b[31m",
    )
    assert cleaned.title == "Merah Judul"
    assert cleaned.text == "Teks biasa terbalik merah akhir.\n\nBaris."
    assert cleaned.url == "https://a.id/"
    for text in (cleaned.title, cleaned.text):
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def test_rich_markup_is_kept_literally() -> None:
    cleaned = json_record(title="[bold]Penting[/bold] hari ini", body="Kata [red]merah[/red] dan [link=x]tautan[/].")
    assert cleaned.title == "[bold]Penting[/bold] hari ini"
    assert cleaned.text == "Kata [red]merah[/red] dan [link=x]tautan[/]."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kecamatan¬† Tanjungpinang", "Kecamatan  Tanjungpinang"),
        ("‚ÄúKami tidak pernah,‚Äù tegas dia ‚Äì Nestl√©", "“Kami tidak pernah,” tegas dia – Nestlé"),
        ("7¬∞13‚Äô59", "7°13’59"),
        ("ŸÖŸêŸÜŸí", "مِنْ"),
        ("â€œHelloâ€\x9d Itâ€™s cafÃ©", "“Hello” It’s café"),
        ("“Élan” café…” — à la carte, naïve résumé", "“Élan” café…” — à la carte, naïve résumé"),
        ("SÃO PAULO", "SÃO PAULO"),
        ("a\xa0b\u200bc\ufeffd\u00ade", "a bcde"),
        ("e\u0301", "é"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"body": ""},
        {"title": "", "body": "   \n\n  "},
        {"body": "\x00\x01\x02" * 100},
        {"body": "".join(chr(c) for c in range(0, 0x3000, 7))},
        {"body": "\udc80\udcff abc", "title": "\ud800"},
        {"body": ",,,,,,,,,,,,,,,loading..."},
        {"body": "- - -", "title": " | - | "},
        {"date": "\x1b[0m", "url": "\x00", "source": "\x1b"},
    ],
)
def test_odd_records_never_crash(fields: dict[str, str]) -> None:
    for fmt in ("text", "jsonl"):
        cleaned = clean_record(Record(path="/in/x", key="", fmt=fmt, fields=fields, raw=""))
        assert isinstance(cleaned.text, str) and isinstance(cleaned.title, str)
        assert "\n" not in cleaned.title


def test_non_string_field_values_never_crash() -> None:
    fields = {"title": None, "body": 12, "date": 2019, "url": ["x"]}
    cleaned = clean_record(Record(path="/in/x", key="", fmt="json", fields=fields, raw=""))  # type: ignore[arg-type]
    assert cleaned.text == "12"


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list("\n\n ,.-A\x1b[")), max_size=400),
    st.text(max_size=80),
    st.sampled_from(["text", "jsonl"]),
)
def test_cleaning_never_raises_and_keeps_its_promises(body: str, title: str, fmt: Fmt) -> None:
    cleaned = clean_record(Record(path="/in/x", key="", fmt=fmt, fields={"body": body, "title": title}, raw=body))
    assert "\n" not in cleaned.title and len(cleaned.title) <= 300
    if cleaned.text:
        assert all(p and p == p.strip() and "\n" not in p for p in paragraphs(cleaned))
    for text in (cleaned.title, cleaned.text):
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]", text)


@pytest.mark.parametrize(
    "body",
    [
        "Kata dia sesuatu yang penting. " * 32_000,
        "a" * 1_000_000,
        ".,A" * 333_000,
        ",," * 500_000,
        "A\n" * 500_000,
        "- " * 500_000,
        "‚Äú" * 333_000,
        "\x1b[" * 500_000,
        ("kata " * 14 + "\n") * 14_000,
    ],
    ids=["paragraph", "one-word", "comma-breaks", "commas", "lone-letters", "dashes", "mojibake", "escapes", "wrapped"],
)
def test_one_megabyte_is_linear(body: str) -> None:
    start = time.perf_counter()
    for fmt in ("text", "jsonl"):
        clean_record(Record(path="/in/x", key="", fmt=fmt, fields={"body": body, "title": body[:500]}, raw=body))
    assert time.perf_counter() - start < 10


def test_one_megabyte_paragraph_is_fast() -> None:
    body = "Presiden mengatakan bahwa pembangunan akan dilanjutkan tahun depan. " * 15_000
    start = time.perf_counter()
    cleaned = json_record(title="T", body=body)
    assert time.perf_counter() - start < 2
    assert cleaned.text == body.strip()


# ------------------------------------------------------------------------------------------- real corpus


def corpus_records(name: str, limit: int) -> Iterator[Record]:
    with (CORPUS / name).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                return
            item = json.loads(line)
            fields = {k: v for k, v in item.items() if k in ("title", "date", "body", "url", "source")}
            yield Record(path=str(CORPUS / name), key=item["id"], fmt="jsonl", fields=fields, raw=line)


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("name", ["clickid-id-2019.jsonl", "reuters21578-en-1987.jsonl"])
def test_corpus_cleans_fast_and_clean(name: str) -> None:
    records = list(corpus_records(name, 3000))
    start = time.perf_counter()
    cleaned = [clean_record(record) for record in records]
    mean = (time.perf_counter() - start) / len(records)
    assert mean < 2e-3, f"{mean * 1e3:.2f} ms per article"  # about 0.25 ms here; slack for slow CI machines
    for record, result in zip(records, cleaned, strict=True):
        assert result.title and result.date is not None and result.source, record.key
        assert "¬†" not in result.text and "‚Äú" not in result.text and "\xa0" not in result.text, record.key
        assert not result.text.startswith(("-", ",")), record.key
        assert not re.search(r"[.!?],(?=[A-Z“]|\"\w)", result.text), record.key
        assert "\nREUTER" not in result.text and not result.text.endswith("REUTER"), record.key
    if name.startswith("reuters"):
        wrapped = sum(1 for r in cleaned if r.text and max(map(len, paragraphs(r))) > 100)
        assert wrapped > len(cleaned) * 0.8  # paragraphs re-joined, not left at 70 columns
