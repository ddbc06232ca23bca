"""Tests of the input readers: discovery, decoding, each format and the field mapping."""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from indexer.ingest import reading as ingest
from indexer.ingest.fields import content_key
from indexer.ingest.reading import FIELD_ALIASES, decode, discover, map_fields, parse_bytes, read_file
from indexer.model import Problem, Record

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

CLICKID_LINE = {
    "id": "clickid-00001",
    "title": "Diduga Pasok Sabu di Anambas, Adik Wali Kota Tanjungpinang Ditangkap",
    "source": "Kompas.com",
    "date": "2019-10-09",
    "time": "21:48 WIB",
    "category": "News",
    "url": "https://regional.kompas.com/read/2019/09/10/21485171/diduga-pasok-sabu",
    "body": " - Satresnarkoba Polres Anambas bersama Polres Tanjungpinang mengamankan Suria.,Penangkapan keduanya",
}
REUTERS_LINE = {
    "id": "reuters-00001",
    "title": "BAHIA COCOA REVIEW",
    "source": "Reuters",
    "date": "26-FEB-1987 15:01:01.79",
    "dateline": "SALVADOR, Feb 26 -",
    "places": ["el-salvador", "usa", "uruguay"],
    "body": "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\n",
}

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Flood hits Jakarta suburbs | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2023-08-15T10:00:00Z">
<link rel="canonical" href="https://planet.example/news/flood">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World desk</a></li>
<li><a href="/sport">Sport pages</a></li></ul></nav>
<header><div class="menu">Subscribe now for unlimited access</div></header>
<article>
<h1>Flood hits Jakarta suburbs</h1>
<p>Heavy rain flooded several suburbs of Jakarta on Tuesday, forcing thousands of residents
to leave their homes, officials said.</p>
<p>The disaster agency said water levels reached two metres in some districts and that rescue
teams were using rubber boats to reach people trapped on rooftops.</p>
</article>
<footer><p>Copyright 2023 Daily Planet. All rights reserved. Privacy policy. Contact us.</p></footer>
</body>
</html>
"""


def jsonl(*objects: dict[str, Any]) -> bytes:
    return "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in objects).encode("utf-8")


def only(records: list[Record], problems: list[Problem]) -> Record:
    assert problems == []
    assert len(records) == 1
    return records[0]


def messages(problems: list[Problem]) -> list[str]:
    return [problem.message for problem in problems]


def body_key(body: str) -> str:
    """The key of a record without an id whose only field is its text."""
    return content_key({"body": body})


# ---------------------------------------------------------------------------------------------- text


@pytest.mark.parametrize("name", ["a.txt", "a.text", "a.md", "a.markdown", "A.TXT"])
def test_text_file_is_one_record_with_the_whole_text(tmp_path: Path, name: str) -> None:
    text = "Judul berita\n\nParagraf pertama.\r\nParagraf kedua.\n"
    path = tmp_path / name
    record = only(*parse_bytes(str(path), text.encode()))
    assert record == Record(str(path), "", "text", {"body": text}, text)


def test_relative_path_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    record = only(*parse_bytes("note.txt", b"hello"))
    assert record.path == str(tmp_path / "note.txt")


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    record = only(*parse_bytes(str(tmp_path / "README"), b"Plain words"))
    assert record.fmt == "text"
    assert record.fields == {"body": "Plain words"}


# ---------------------------------------------------------------------------------------------- html


def test_html_news_page_gives_main_text_without_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "flood.html"
    record = only(*parse_bytes(str(path), NEWS_PAGE.encode()))
    assert record.fmt == "html"
    assert record.key == ""
    assert record.raw == NEWS_PAGE
    body = record.fields["body"]
    assert "Heavy rain flooded several suburbs of Jakarta" in body
    assert "rubber boats" in body
    for boilerplate in ("World desk", "Sport pages", "Subscribe now", "Copyright 2023", "Privacy policy"):
        assert boilerplate not in body
    assert record.fields["title"].startswith("Flood hits Jakarta suburbs")
    assert record.fields["source"] == "Daily Planet"
    assert record.fields["date"] == "2023-08-15"
    assert record.fields["url"] == "https://planet.example/news/flood"


@pytest.mark.parametrize("name", ["page.htm", "page.xhtml"])
def test_html_extensions(tmp_path: Path, name: str) -> None:
    record = only(*parse_bytes(str(tmp_path / name), NEWS_PAGE.encode()))
    assert record.fmt == "html"


def test_html_without_article_text_is_a_problem(tmp_path: Path) -> None:
    page = b"<html><head><title>Only a title</title></head><body><script>var a = 1;</script></body></html>"
    records, problems = parse_bytes(str(tmp_path / "empty.html"), page)
    assert records == []
    assert messages(problems) == ["no article text found"]


def test_html_declared_windows_1252_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Caf\xe9</title></head><body><article><p>Le caf\xe9 \u201cnoir\u201d est tr\xe8s bon \xe0 Paris, "
        "dit le patron du caf\xe9 pr\xe8s de la gare.</p></article></body></html>"
    ).encode("cp1252")
    record = only(*parse_bytes(str(tmp_path / "cafe.html"), page))
    assert "Le café “noir” est très bon à Paris" in record.fields["body"]
    assert record.fields["title"] == "Café"


def test_html_declared_charset_beats_the_guess(tmp_path: Path) -> None:
    text = "Příliš žluťoučký kůň úpěl ďábelské ódy."
    page = f'<html><head><meta charset="iso-8859-2"></head><body><article><p>{text}</p></article></body></html>'
    record = only(*parse_bytes(str(tmp_path / "cz.html"), page.encode("iso8859_2")))
    assert record.fields["body"] == text


# ---------------------------------------------------------------------------------------------- json


def test_json_list_of_objects(tmp_path: Path) -> None:
    items = [{"title": "One", "body": "First."}, {"title": "Two", "text": "Second."}]
    path = tmp_path / "list.json"
    records, problems = parse_bytes(str(path), json.dumps(items).encode())
    assert problems == []
    assert [r.fields for r in records] == [{"title": "One", "body": "First."}, {"title": "Two", "body": "Second."}]
    assert [r.key for r in records] == [content_key(r.fields) for r in records]
    assert all(r.fmt == "json" and r.path == str(path) for r in records)
    assert json.loads(records[1].raw) == items[1]


@pytest.mark.parametrize("container", ["articles", "data", "items", "documents", "Articles"])
def test_json_object_holding_a_list(tmp_path: Path, container: str) -> None:
    document = {"status": "ok", "total": 2, container: [{"content": "A"}, {"content": "B", "id": 7}]}
    records, problems = parse_bytes(str(tmp_path / "feed.json"), json.dumps(document).encode())
    assert problems == []
    assert [(r.key, r.fields["body"]) for r in records] == [(body_key("A"), "A"), ("7", "B")]


def test_json_newsapi_shape(tmp_path: Path) -> None:
    document = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "BBC News"},
                "author": "Someone",
                "title": "Headline",
                "description": "Short summary.",
                "url": "https://bbc.example/a",
                "publishedAt": "2024-05-01T10:00:00Z",
                "content": "Full text of the story.",
            }
        ],
    }
    record = only(*parse_bytes(str(tmp_path / "newsapi.json"), json.dumps(document).encode()))
    assert record.fields == {
        "source": "BBC News",
        "title": "Headline",
        "body": "Full text of the story.",
        "url": "https://bbc.example/a",
        "date": "2024-05-01T10:00:00Z",
    }


def test_json_single_object(tmp_path: Path) -> None:
    article = {"headline": "Solo", "article": "Only one.", "data": [1, 2]}
    record = only(*parse_bytes(str(tmp_path / "one.json"), json.dumps(article).encode()))
    assert record.key == ""
    assert record.fields == {"title": "Solo", "body": "Only one."}
    assert json.loads(record.raw) == article


def test_json_single_object_uses_its_id(tmp_path: Path) -> None:
    record = only(*parse_bytes(str(tmp_path / "one.json"), b'{"id": "abc", "body": "x"}'))
    assert record.key == "abc"


def test_json_bad_items_are_problems_and_others_are_read(tmp_path: Path) -> None:
    items: list[Any] = [{"body": "ok"}, "just a string", {"title": "no text"}, {"body": "   "}, {"body": "fine"}]
    records, problems = parse_bytes(str(tmp_path / "mixed.json"), json.dumps(items).encode())
    assert [r.key for r in records] == [body_key("ok"), body_key("fine")]
    assert messages(problems) == [
        "item 2: not a JSON object",
        "item 3: record has no text",
        "item 4: record has no text",
    ]


def test_invalid_json_is_a_problem_with_its_line(tmp_path: Path) -> None:
    records, problems = parse_bytes(str(tmp_path / "bad.json"), b'[\n{"body": "a"},\n{"body": "b" "x"}\n]')
    assert records == []
    assert len(problems) == 1
    assert problems[0].line == 3
    assert problems[0].message.startswith("invalid JSON: ")


def test_json_lines_saved_as_json_are_read_line_by_line(tmp_path: Path) -> None:
    records, problems = parse_bytes(str(tmp_path / "lines.json"), jsonl({"body": "a"}, {"body": "b"}))
    assert problems == []
    assert [(r.key, r.fmt) for r in records] == [(body_key("a"), "jsonl"), (body_key("b"), "jsonl")]


def test_deeply_nested_json_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    records, problems = parse_bytes(str(tmp_path / "deep.json"), b"[" * 200_000)
    assert records == []
    assert len(problems) == 1


# ---------------------------------------------------------------------------------------------- jsonl


@pytest.mark.parametrize("extension", [".jsonl", ".ndjson"])
def test_jsonl_clickid_like_record(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"clickid{extension}"
    data = jsonl(CLICKID_LINE)
    record = only(*parse_bytes(str(path), data))
    assert record.fmt == "jsonl"
    assert record.key == "clickid-00001"
    assert record.fields == {
        "title": CLICKID_LINE["title"],
        "source": "Kompas.com",
        "date": "2019-10-09",
        "url": CLICKID_LINE["url"],
        "body": CLICKID_LINE["body"],
    }
    assert record.raw == data.decode().rstrip("\n")


def test_jsonl_reuters_like_record(tmp_path: Path) -> None:
    record = only(*parse_bytes(str(tmp_path / "reuters.jsonl"), jsonl(REUTERS_LINE)))
    assert record.key == "reuters-00001"
    assert record.fields == {
        "title": "BAHIA COCOA REVIEW",
        "source": "Reuters",
        "date": "26-FEB-1987 15:01:01.79",
        "body": REUTERS_LINE["body"],
    }


def test_jsonl_malformed_line_is_a_problem_with_its_number(tmp_path: Path) -> None:
    data = b'{"body": "one"}\n\n{"body": "two",\n   \n{"body": "four"}\n[1, 2]\n{"title": "no body"}\n'
    records, problems = parse_bytes(str(tmp_path / "broken.jsonl"), data)
    assert [(r.key, r.fields["body"]) for r in records] == [(body_key("one"), "one"), (body_key("four"), "four")]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (3, "invalid JSON"),
        (6, "not a JSON object"),
        (7, "record has no text"),
    ]
    assert str(problems[0]).startswith(f"{tmp_path / 'broken.jsonl'}:3: invalid JSON")


def test_jsonl_crlf_and_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b'{"body": "a"}\r\n{"body": "b"}\r\n'
    records, problems = parse_bytes(str(tmp_path / "win.jsonl"), data)
    assert problems == []
    assert [r.raw for r in records] == ['{"body": "a"}', '{"body": "b"}']


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break(tmp_path: Path) -> None:
    data = '{"body": "one\u2028two\u0085three"}\n'.encode()
    record = only(*parse_bytes(str(tmp_path / "sep.jsonl"), data))
    assert record.fields["body"] == "one\u2028two\u0085three"


def test_duplicate_keys_are_made_unique(tmp_path: Path) -> None:
    data = jsonl(
        {"id": "a", "body": "1"}, {"id": "a", "body": "2"}, {"id": "a#2", "body": "3"}, {"id": "a", "body": "4"}
    )
    records, problems = parse_bytes(str(tmp_path / "dupes.jsonl"), data)
    assert problems == []
    keys = [r.key for r in records]
    assert keys[0] == "a"
    assert keys[1] == "a#2"
    assert len(set(keys)) == 4
    assert all(key.startswith("a") for key in keys)


def test_numeric_and_empty_ids(tmp_path: Path) -> None:
    data = jsonl({"id": 42, "body": "x"}, {"id": "", "body": "y"}, {"ID": None, "body": "z"})
    records, _ = parse_bytes(str(tmp_path / "ids.jsonl"), data)
    assert [r.key for r in records] == ["42", body_key("y"), body_key("z")]


# ---------------------------------------------------------------------------------------------- field mapping


ALIAS_CASES = [(name, alias) for name, aliases in FIELD_ALIASES.items() for alias in aliases]


@pytest.mark.parametrize(("name", "alias"), ALIAS_CASES)
def test_each_field_alias_is_mapped(tmp_path: Path, name: str, alias: str) -> None:
    obj = {"body": "Body text."} if name != "body" else {}
    obj[alias.upper()] = f"value of {alias}"
    record = only(*parse_bytes(str(tmp_path / "alias.jsonl"), jsonl(obj)))
    assert record.fields[name] == f"value of {alias}"


@pytest.mark.parametrize(
    ("alias", "name"),
    [("publishedAt", "date"), ("Published-At", "date"), ("pubDate", "date"), ("Publish Date", "date")],
)
def test_alias_spelling_variants(alias: str, name: str) -> None:
    assert map_fields({alias: "v", "body": "b"})[name] == "v"


def test_spec_aliases_are_all_known() -> None:
    expected = {
        "body": ["body", "text", "content", "article", "isi", "konten", "description"],
        "title": ["title", "headline", "judul"],
        "date": ["date", "published", "published_at", "publish_date", "pubdate", "datetime", "tanggal", "time"],
        "url": ["url", "link"],
        "source": ["source", "outlet", "site", "publisher", "sumber", "media"],
        "lang": ["lang", "language"],
    }
    for name, aliases in expected.items():
        known = FIELD_ALIASES[name]
        assert [alias for alias in known if alias in aliases] == aliases


def test_first_non_empty_alias_wins() -> None:
    fields = map_fields({"description": "summary", "content": "", "text": "full text", "Judul": "J", "title": "T"})
    assert fields["body"] == "full text"
    assert fields["title"] == "T"
    assert map_fields({"description": "summary", "body": "  "})["body"] == "summary"


def test_date_is_preferred_over_time() -> None:
    assert map_fields({"time": "21:48 WIB", "date": "2019-10-09", "body": "b"})["date"] == "2019-10-09"
    assert map_fields({"date": "", "time": "21:48 WIB", "body": "b"})["date"] == "21:48 WIB"


def test_non_string_values_are_converted() -> None:
    fields = map_fields(
        {
            "body": ["First paragraph.", "", "Second paragraph.", 3],
            "title": 2024,
            "date": 1700000000.5,
            "source": {"id": "bbc", "name": "BBC"},
            "url": None,
            "lang": ["id"],
        }
    )
    assert fields == {
        "body": "First paragraph.\n\nSecond paragraph.\n\n3",
        "title": "2024",
        "date": "1700000000.5",
        "source": "BBC",
        "lang": "id",
    }
    assert map_fields({"body": True, "publisher": ["A", "B"]}) == {"body": "true", "source": "A, B"}


def test_unknown_keys_are_ignored() -> None:
    assert map_fields({"category": "News", "places": ["usa"], "isi": "Teks"}) == {"body": "Teks"}


# ---------------------------------------------------------------------------------------------- csv


def test_csv_rows_with_header(tmp_path: Path) -> None:
    data = 'id,title,body,date\nr1,First,"Body, with comma",2020-01-01\n,Second,"Line one\nline two",\n'
    path = tmp_path / "news.csv"
    records, problems = parse_bytes(str(path), data.encode())
    assert problems == []
    assert [r.key for r in records] == ["r1", content_key(records[1].fields)]
    assert records[0].fields == {"title": "First", "body": "Body, with comma", "date": "2020-01-01"}
    assert records[1].fields == {"title": "Second", "body": "Line one\nline two"}
    assert all(r.fmt == "csv" for r in records)
    assert json.loads(records[0].raw) == {
        "id": "r1",
        "title": "First",
        "body": "Body, with comma",
        "date": "2020-01-01",
    }


def test_csv_raw_keeps_non_ascii(tmp_path: Path) -> None:
    record = only(*parse_bytes(str(tmp_path / "a.csv"), "judul,isi\nBerita,Kafé ramai\n".encode()))
    assert record.raw == '{"judul": "Berita", "isi": "Kafé ramai"}'


def test_csv_semicolon_delimiter_is_sniffed(tmp_path: Path) -> None:
    data = "Judul;Isi;Sumber\nSatu;Teks, dengan koma, banyak;Kompas\nDua;Teks lain;Tempo\n"
    records, problems = parse_bytes(str(tmp_path / "semi.csv"), data.encode())
    assert problems == []
    assert [r.fields for r in records] == [
        {"title": "Satu", "body": "Teks, dengan koma, banyak", "source": "Kompas"},
        {"title": "Dua", "body": "Teks lain", "source": "Tempo"},
    ]


def test_csv_delimiter_is_sniffed_from_the_rows(tmp_path: Path) -> None:
    data = '"Title, short";Body\nA, b;Hello there, friend\nC, d;Other text, more\n'
    records, problems = parse_bytes(str(tmp_path / "quoted.csv"), data.encode())
    assert problems == []
    assert [r.fields for r in records] == [
        {"body": "Hello there, friend"},
        {"body": "Other text, more"},
    ]
    assert json.loads(records[0].raw) == {"Title, short": "A, b", "Body": "Hello there, friend"}


def test_tsv(tmp_path: Path) -> None:
    data = "headline\ttext\tlink\nH, with comma\tBody; here\thttps://x.example\n"
    record = only(*parse_bytes(str(tmp_path / "news.tsv"), data.encode()))
    assert record.fields == {"title": "H, with comma", "body": "Body; here", "url": "https://x.example"}


def test_csv_without_text_column_is_one_problem(tmp_path: Path) -> None:
    data = b"name,age\nAda,36\nBob,40\n"
    records, problems = parse_bytes(str(tmp_path / "people.csv"), data)
    assert records == []
    assert messages(problems) == ["no text column (expected one of body, text, content…)"]


def test_csv_row_without_text_is_a_problem_with_its_line(tmp_path: Path) -> None:
    data = b'title,body\nA,"multi\nline"\nB,\n\nC,text\n'
    records, problems = parse_bytes(str(tmp_path / "gaps.csv"), data)
    assert [r.fields["body"] for r in records] == ["multi\nline", "text"]
    assert [r.key for r in records] == [content_key(r.fields) for r in records]
    assert [(p.line, p.message) for p in problems] == [(4, "record has no text")]


def test_csv_huge_field(tmp_path: Path) -> None:
    body = "kata " * 200_000
    record = only(*parse_bytes(str(tmp_path / "big.csv"), f'title,body\nBig,"{body}"\n'.encode()))
    assert record.fields["body"] == body


# ---------------------------------------------------------------------------------------------- decoding


def test_latin1_text_comes_out_right(tmp_path: Path) -> None:
    text = "Le café est très bon à Paris.\n"
    record = only(*parse_bytes(str(tmp_path / "latin1.txt"), text.encode("latin-1")))
    assert record.fields["body"] == text
    assert only(*parse_bytes(str(tmp_path / "c.txt"), "café".encode("latin-1"))).fields["body"] == "café"


def test_cp1252_jsonl_and_csv(tmp_path: Path) -> None:
    line = '{"title": "Déjà vu", "body": "“Quoted” café — 5€"}\n'.encode("cp1252")
    record = only(*parse_bytes(str(tmp_path / "w.jsonl"), line))
    assert record.fields == {"title": "Déjà vu", "body": "“Quoted” café — 5€"}
    rows = "title,body\nCafé,Il était une fois à Genève\n".encode("cp1252")
    record = only(*parse_bytes(str(tmp_path / "w.csv"), rows))
    assert record.fields == {"title": "Café", "body": "Il était une fois à Genève"}


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_unicode_with_bom(tmp_path: Path, bom: bytes, encoding: str) -> None:
    text = "Café – 日本語 – Привет"
    record = only(*parse_bytes(str(tmp_path / "u.txt"), bom + text.encode(encoding)))
    assert record.fields["body"] == text


def test_utf16_jsonl_with_bom(tmp_path: Path) -> None:
    data = jsonl({"judul": "Kafé", "isi": "Teks"}).decode().encode("utf-16")
    record = only(*parse_bytes(str(tmp_path / "u16.jsonl"), data))
    assert record.fields == {"title": "Kafé", "body": "Teks"}


def test_invalid_utf8_does_not_crash_and_keeps_the_good_text(tmp_path: Path) -> None:
    data = "Résumé of the café, naïve story".encode() + b" \xff\xfe broken " + "über".encode()
    record = only(*parse_bytes(str(tmp_path / "bad.txt"), data))
    body = record.fields["body"]
    assert body.startswith("Résumé of the café, naïve story")
    assert body.endswith("über")


def test_other_single_byte_encodings_are_guessed() -> None:
    for text, encoding in [
        ("Pójdźmie, zażółć gęślą jaźń — w Łodzi.", "cp1250"),
        ("Привет, как дела? Это тест на кодировку.", "cp1251"),
    ]:
        assert decode(text.encode(encoding)) == (text, None)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        b"Some words\x00 with\x00 NULs",
        bytes(range(1, 32)) * 20,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    ],
    ids=["png", "elf", "nuls", "controls", "pdf"],
)
@pytest.mark.parametrize("name", ["x.txt", "x.jsonl", "x.csv", "x.html", "x.json"])
def test_binary_content_is_skipped(tmp_path: Path, data: bytes, name: str) -> None:
    records, problems = parse_bytes(str(tmp_path / name), data)
    assert records == []
    assert messages(problems) == ["binary file, skipped"]


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
@pytest.mark.parametrize("name", ["x.txt", "x.jsonl", "x.csv", "x.html", "x.json"])
def test_empty_file_is_a_problem(tmp_path: Path, data: bytes, name: str) -> None:
    records, problems = parse_bytes(str(tmp_path / name), data)
    assert records == []
    assert messages(problems) == ["empty file"]


def test_random_bytes_never_raise(tmp_path: Path) -> None:
    rng = random.Random(1234)
    seeds = [NEWS_PAGE.encode(), jsonl(CLICKID_LINE, REUTERS_LINE), b'title,body\n"a","b"\n', b'[{"body": "x"}]']
    for extension in [".txt", ".html", ".json", ".jsonl", ".csv", ".tsv", ".bin"]:
        for _ in range(40):
            base = bytearray(rng.choice(seeds))
            for _ in range(rng.randrange(1, 12)):
                base[rng.randrange(len(base))] = rng.randrange(256)
            records, problems = parse_bytes(str(tmp_path / f"fuzz{extension}"), bytes(base))
            for problem in problems:
                assert "\n" not in str(problem)
                assert "Traceback" not in problem.message
            assert all(isinstance(record, Record) for record in records)


# ---------------------------------------------------------------------------------------------- reading files


def test_read_file_returns_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl(CLICKID_LINE))
    data, records, problems = read_file(str(path))
    assert data == path.read_bytes()
    assert problems == []
    assert [r.key for r in records] == ["clickid-00001"]


def test_read_file_missing_and_directory(tmp_path: Path) -> None:
    assert read_file(str(tmp_path / "nope.txt")) == (
        None,
        [],
        [Problem(str(tmp_path / "nope.txt"), "no such file or directory")],
    )
    data, records, problems = read_file(str(tmp_path))
    assert (data, records) == (None, [])
    assert len(problems) == 1
    assert problems[0].path == str(tmp_path)


def test_read_file_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("hidden")

    def refuse(file: str, mode: str = "r", *args: Any, **kwargs: Any) -> io.BufferedReader:
        raise PermissionError(13, "Permission denied", file)

    monkeypatch.setattr(ingest, "open", refuse, raising=False)
    assert read_file(str(path)) == (None, [], [Problem(str(path), "permission denied")])


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_read_file_chmod_000(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("locked")
    path.chmod(0)
    try:
        assert read_file(str(path)) == (None, [], [Problem(str(path), "permission denied")])
    finally:
        path.chmod(0o644)


# ---------------------------------------------------------------------------------------------- discovery


def test_discover_walks_folders_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in [
        "b.jsonl",
        "a.txt",
        "sub/z.csv",
        "sub/deeper/y.html",
        "image.png",
        "notes",
        ".hidden.txt",
        ".git/config.txt",
        "sub/.cache/x.json",
    ]:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("text")
    files, problems = discover([str(tmp_path)])
    assert problems == []
    assert files == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.jsonl"),
        str(tmp_path / "sub" / "deeper" / "y.html"),
        str(tmp_path / "sub" / "z.csv"),
    ]


def test_discover_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing.jsonl"
    files, problems = discover([str(missing)])
    assert files == []
    assert problems == [Problem(str(missing), "no such file or directory")]


def test_discover_explicit_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes").write_text("plain words")
    (tmp_path / "photo.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "a.csv").write_text("body\nx\n")
    (tmp_path / ".hidden.md").write_text("named on purpose")
    monkeypatch.chdir(tmp_path)
    files, problems = discover(["notes", "photo.dat", "a.csv", str(tmp_path / "a.csv"), ".hidden.md", "."])
    assert files == [str(tmp_path / "notes"), str(tmp_path / "a.csv"), str(tmp_path / ".hidden.md")]
    assert [(p.path, "binary" in p.message) for p in problems] == [(str(tmp_path / "photo.dat"), True)]
    record = only(*parse_bytes(files[0], (tmp_path / "notes").read_bytes()))
    assert record.fmt == "text"


# ---------------------------------------------------------------------------------------------- scale


def test_fifty_megabyte_jsonl(tmp_path: Path) -> None:
    paragraph = "Pemerintah mengumumkan kebijakan baru tentang harga beras di pasar tradisional. " * 24
    lines = []
    for number in range(1, 26_001):
        lines.append(
            json.dumps({"id": f"n{number}", "title": f"Berita {number}", "body": paragraph, "date": "2019-10-09"})
        )
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 50_000_000
    started = time.perf_counter()
    data, records, problems = read_file(str(path))
    elapsed = time.perf_counter() - started
    assert data is not None
    assert problems == []
    assert len(records) == 26_000
    assert records[-1].key == "n26000"
    assert records[-1].fields["body"] == paragraph
    assert elapsed < 30, f"parsing 50 MB took {elapsed:.1f}s"


# ---------------------------------------------------------------------------------------------- real corpus


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("clickid-id-2019.jsonl", {"body", "title", "date", "source", "url"}),
        ("reuters21578-en-1987.jsonl", {"body", "title", "date", "source"}),
    ],
)
def test_real_corpus_first_lines(name: str, expected: set[str]) -> None:
    path = CORPUS / name
    with open(path, "rb") as handle:
        data = b"".join(itertools.islice(handle, 200))
    records, problems = parse_bytes(str(path), data)
    assert problems == []
    assert len(records) == 200
    assert len({record.key for record in records}) == 200
    for record in records:
        assert expected <= set(record.fields)
        assert record.fmt == "jsonl"
        assert json.loads(record.raw)["body"] == record.fields["body"]


def test_csv_field_size_limit_is_raised() -> None:
    parse_bytes("/nonexistent/x.csv", b"body\nx\n")
    assert csv.field_size_limit() > 131_072


# ---------------------------------------------------------------------------------------------- streaming


class Endless(io.RawIOBase):
    """An endless JSON Lines (or JSON array) stream that fails when read past ``budget`` bytes."""

    def __init__(self, budget: int, opening: bytes = b"", separator: bytes = b"\n") -> None:
        self.budget = budget
        self.served = 0
        self._pending = opening
        self._number = 0
        self._separator = separator

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while len(self._pending) < len(buffer):
            self._number += 1
            item = {"id": f"n{self._number}", "title": f"Berita {self._number}", "body": "Harga beras naik. " * 20}
            self._pending += json.dumps(item).encode() + self._separator
        size = len(buffer)
        if self.served + size > self.budget:
            raise AssertionError(f"read past {self.budget} bytes")
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.served += size
        return size


def streamed(path: str, source: io.RawIOBase, count: int) -> list[Record | Problem]:
    reader = ingest.RecordReader(path, lambda: io.BufferedReader(source))
    return list(itertools.islice(reader, count))


def test_jsonl_is_read_a_line_at_a_time() -> None:
    source = Endless(budget=4 << 20)
    items = streamed("/x/endless.jsonl", source, 3000)
    assert all(isinstance(item, Record) for item in items)
    assert [item.key for item in items[:2] if isinstance(item, Record)] == ["n1", "n2"]
    assert source.served < 4 << 20  # the stream never ends: it was not read to its end


def test_large_json_array_is_read_an_item_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "JSON_IN_MEMORY", 1 << 20)
    source = Endless(budget=4 << 20, opening=b"[", separator=b",\n")
    items = streamed("/x/endless.json", source, 3000)
    assert all(isinstance(item, Record) and item.fmt == "json" for item in items)
    assert items[0] == Record(
        "/x/endless.json",
        "n1",
        "json",
        {"title": "Berita 1", "body": "Harga beras naik. " * 20},
        json.dumps({"id": "n1", "title": "Berita 1", "body": "Harga beras naik. " * 20}),
    )


def test_a_jsonl_file_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """However large the file, memory holds about the first megabyte (to choose the encoding) and a line."""
    import tracemalloc

    path = tmp_path / "big.jsonl.gz"
    line = json.dumps({"title": "Berita", "body": "Harga beras naik lagi minggu ini. " * 60}) + "\n"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for _ in range(6000):
            out.write(line)
    reader = ingest.read_records(str(path))
    tracemalloc.start()
    try:
        count = sum(1 for item in reader if isinstance(item, Record))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 6000
    assert reader.complete
    assert 6000 * len(line) > 12_000_000
    assert peak < 4 << 20, peak


def test_an_enormous_line_is_skipped_without_being_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    monkeypatch.setattr(ingest, "MAX_LINE", 1 << 20)
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as out:
        out.write(jsonl({"body": "before"}))
        out.write(b'{"body": "' + b"x" * (24 << 20) + b'"}\n')
        out.write(jsonl({"body": "after"}))
    reader = ingest.read_records(str(path))
    tracemalloc.start()
    try:
        items = list(reader)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(item.key, item.fields["body"]) for item in items if isinstance(item, Record)] == [
        (body_key("before"), "before"),
        (body_key("after"), "after"),
    ]
    assert [str(item) for item in items if isinstance(item, Problem)] == [f"{path}:2: line longer than 1 MiB, skipped"]
    assert peak < 6 << 20, peak


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_too_long_lines_are_problems_with_their_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    monkeypatch.setattr(ingest, "MAX_LINE", 100)
    text = '{"body": "one"}\n{"body": "' + "x" * 300 + '"}\n{"body": "three"}\n{"body": "' + "y" * 150 + '"}'
    records, problems = parse_bytes(str(tmp_path / "long.jsonl"), text.encode(encoding))
    assert [r.fields["body"] for r in records] == ["one", "three"]
    assert [(p.line, p.message) for p in problems] == [
        (2, "line longer than 100 bytes, skipped"),
        (4, "line longer than 100 bytes, skipped"),
    ]


def test_jsonl_encoding_is_chosen_from_the_start_and_a_later_odd_line_is_guessed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "_HEAD", 64)
    data = jsonl({"body": "plain ascii at the start"}, {"body": "more plain text"})
    data += '{"title": "Déjà vu", "body": "Le café est très bon"}\n'.encode("cp1252")
    data += jsonl({"body": "Kafé in UTF-8 again"})
    records, problems = parse_bytes(str(tmp_path / "mixed.jsonl"), data)
    assert problems == []
    assert [r.fields["body"] for r in records][2:] == ["Le café est très bon", "Kafé in UTF-8 again"]
    assert records[2].fields["title"] == "Déjà vu"


# ---------------------------------------------------------------------------------------------- large json

JSON_DOCUMENTS: dict[str, Any] = {
    "list": [{"title": "One", "body": "First."}, {"id": 7, "text": "Second.", "n": 1.5, "ok": None}],
    "container": {"status": "ok", "total": 2, "articles": [{"content": "A"}, {"content": "B", "id": "b"}]},
    "nested": {"meta": {"x": [1, 2]}, "data": {"page": 1, "items": [{"body": "deep", "tags": [{"a": 1}]}]}},
    "priority": {"data": [{"body": "from data"}], "articles": [{"body": "from articles"}]},
    "only-list": {"status": "ok", "stuff": [{"body": "the one list"}], "other": [1, 2]},
    "article-with-list": {"title": "T", "body": "Main text.", "data": [1, 2], "articles": [{"x": 1}]},
    "single": {"headline": "Solo", "article": "Only one.", "data": [1, 2]},
    "no-articles": {"status": "ok", "count": 3},
    "mixed-items": [{"body": "ok"}, "just a string", {"title": "no text"}, [1], {"body": "fine"}],
    "duplicate-ids": [{"id": "a", "body": "1"}, {"id": "a", "body": "2"}],
    "unicode": [{"title": "Kafé 日本", "body": "Привет \u2028 line", "source": {"name": "X"}}],
}


def both_ways(monkeypatch: pytest.MonkeyPatch, path: str, data: bytes) -> tuple[Any, Any]:
    """What parse_bytes gives parsing ``data`` whole, and item by item (the streaming reader)."""
    whole = parse_bytes(path, data)
    monkeypatch.setattr(ingest, "JSON_IN_MEMORY", 16)
    streamed = parse_bytes(path, data)
    monkeypatch.undo()
    return whole, streamed


@pytest.mark.parametrize("case", list(JSON_DOCUMENTS))
@pytest.mark.parametrize("indent", [None, 2])
def test_large_json_gives_the_records_of_small_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, indent: int | None
) -> None:
    data = json.dumps(JSON_DOCUMENTS[case], ensure_ascii=False, indent=indent).encode()
    whole, streamed = both_ways(monkeypatch, str(tmp_path / "doc.json"), data)
    assert streamed == whole
    assert whole[0] or whole[1]


def test_large_json_picks_the_container_the_small_one_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps(JSON_DOCUMENTS["priority"]).encode()
    _, (records, problems) = both_ways(monkeypatch, str(tmp_path / "p.json"), data)
    assert ([r.fields["body"] for r in records], problems) == (["from articles"], [])


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16.json", json.dumps(JSON_DOCUMENTS["unicode"], ensure_ascii=False).encode("utf-16")),
        ("bom.json", codecs.BOM_UTF8 + json.dumps(JSON_DOCUMENTS["container"]).encode()),
        ("w.json", json.dumps([{"title": "Déjà vu", "body": "“Quoted” café"}], ensure_ascii=False).encode("cp1252")),
        ("lines.json", jsonl({"body": "a"}, {"id": "x", "body": "b"})),
    ],
)
def test_large_json_encodings_and_json_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    whole, streamed = both_ways(monkeypatch, str(tmp_path / name), data)
    assert streamed == whole
    assert whole[0] and whole[1] == []


def test_large_json_from_a_stream_that_cannot_be_read_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """An object holding the articles is read twice (its outline, then the articles): standard input is
    copied to a temporary file for that."""
    monkeypatch.setattr(ingest, "JSON_IN_MEMORY", 16)
    data = json.dumps(JSON_DOCUMENTS["container"]).encode()
    stdin = io.BytesIO(data)
    reader = ingest.RecordReader(ingest.STDIN, lambda: stdin, reopen=False)
    records = [item for item in reader if isinstance(item, Record)]
    assert [r.fields["body"] for r in records] == ["A", "B"]
    assert reader.complete


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[{"body": "a"}, {"body": "b" "x"}, {"body": "c"}]', "invalid JSON: parse error: "),
        (b'[{"body": "a"}, {"body": "b"', "invalid JSON: parse error: premature EOF"),
        (b'{"articles": [{"body": "a"}], "x": }', "invalid JSON: "),
        (b'"just one long string ........"', "JSON holds no article objects"),
    ],
)
def test_broken_large_json_is_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, message: str
) -> None:
    monkeypatch.setattr(ingest, "JSON_IN_MEMORY", 16)
    path = tmp_path / "broken.json"
    path.write_bytes(data)
    reader = ingest.read_records(str(path))
    items = list(reader)
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(problems) == 1
    assert problems[0].message.startswith(message), problems[0].message
    assert "\n" not in str(problems[0])
    assert not reader.complete or message == "JSON holds no article objects"
    if data.startswith(b"[{"):
        assert [item.fields["body"] for item in items if isinstance(item, Record)] == ["a"]  # read before the break


def test_a_json_array_of_numbers_is_a_problem_per_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "JSON_IN_MEMORY", 4)
    records, problems = parse_bytes(str(tmp_path / "n.json"), b"[1, 2, 3]")
    assert records == []
    assert messages(problems) == ["item 1: not a JSON object", "item 2: not a JSON object", "item 3: not a JSON object"]


# ---------------------------------------------------------------------------------------------- gzip


GZ_CASES = {
    "articles.jsonl": jsonl(CLICKID_LINE, REUTERS_LINE, {"body": "no id"}),
    "x.json": json.dumps({"articles": [CLICKID_LINE, {"body": "second"}]}).encode(),
    "page.html": NEWS_PAGE.encode(),
    "a.txt": b"Judul\n\nIsi berita yang panjang.\n",
    "t.tsv": b"headline\ttext\nH, with comma\tBody; here\n",
    "latin.txt": "Le café est très bon à Paris.\n".encode("latin-1"),
}


@pytest.mark.parametrize("name", list(GZ_CASES))
def test_gz_files_give_the_records_of_the_plain_file(tmp_path: Path, name: str) -> None:
    plain = tmp_path / name
    plain.write_bytes(GZ_CASES[name])
    packed = tmp_path / f"{name}.gz"
    packed.write_bytes(gzip.compress(GZ_CASES[name]))
    files, problems = discover([str(tmp_path)])
    assert problems == []
    assert str(packed) in files
    assert ingest.format_of(str(packed)) == ingest.format_of(str(plain))

    def read(path: Path) -> list[tuple[str, str, dict[str, str], str]]:
        reader = ingest.read_records(str(path))
        items = list(reader)
        assert reader.complete
        assert not [item for item in items if isinstance(item, Problem)]
        return [(r.key, r.fmt, r.fields, r.raw) for r in items if isinstance(r, Record)]

    assert read(packed) == read(plain)
    assert read(plain)
    assert [(r.key, r.fields) for r in parse_bytes(str(packed), packed.read_bytes())[0]] == [
        (key, fields) for key, _fmt, fields, _raw in read(plain)
    ]


def test_discover_finds_gz_files_by_the_extension_under_gz(tmp_path: Path) -> None:
    for name in ["articles.jsonl.gz", "x.json.gz", "page.html.gz", "a.txt.gz", "B.NDJSON.GZ", "notes.gz", "x.tar.gz"]:
        (tmp_path / name).write_bytes(gzip.compress(b"{}"))
    files, problems = discover([str(tmp_path)])
    assert problems == []
    assert [Path(file).name for file in files] == [
        "B.NDJSON.GZ",
        "a.txt.gz",
        "articles.jsonl.gz",
        "page.html.gz",
        "x.json.gz",
    ]


VALID_GZ = gzip.compress(jsonl(*({"id": f"n{n}", "body": f"Isi berita nomor {n}."} for n in range(1, 2001))))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"body": "not compressed at all"}\n', "not a valid gzip file"),
        (b"\x1f\x8b\x08\x00garbage that is not deflate" * 3, "not a valid gzip file"),
        (VALID_GZ[: len(VALID_GZ) // 2], "not a valid gzip file (it ends early)"),
        (VALID_GZ[:-8] + b"\x00" * 8, "not a valid gzip file"),  # wrong checksum
        (b"", "empty file"),
    ],
    ids=["plain", "garbage", "truncated", "checksum", "empty"],
)
@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.json.gz", "a.txt.gz", "a.csv.gz"])
def test_a_broken_gz_file_is_one_problem(tmp_path: Path, data: bytes, message: str, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    reader = ingest.read_records(str(path))
    items = list(reader)
    problems = [item for item in items if isinstance(item, Problem)]
    assert [str(problem) for problem in problems] == [f"{path}: {message}"]
    assert reader.complete == (message == "empty file")
    records = [item for item in items if isinstance(item, Record)]
    if data.startswith(VALID_GZ[:100]) and name.endswith(".jsonl.gz"):
        assert 0 < len(records) <= 2000  # what came before the break is read
    else:
        assert records == []
    assert parse_bytes(str(path), data)[1] == problems


# ---------------------------------------------------------------------------------------------- standard input


def stdin_reader(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: Any = None) -> ingest.RecordReader:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return ingest.read_records(ingest.STDIN, fmt)


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (json.dumps([{"body": "a"}, {"body": "b"}]).encode(), "json"),
        (json.dumps({"articles": [{"body": "a"}, {"body": "b"}]}, indent=2).encode(), "json"),
        (jsonl({"body": "a"}, {"body": "b"}), "jsonl"),
        (b"  \n" + NEWS_PAGE.encode(), "html"),
        (b"Judul berita\n\nIsi berita.\n", "text"),
        (gzip.compress(jsonl({"body": "a"}, {"body": "b"})), "jsonl"),
        (codecs.BOM_UTF16_LE + json.dumps([{"body": "a"}]).encode("utf-16-le"), "json"),
    ],
    ids=["json", "json-object", "jsonl", "html", "text", "gzip", "utf-16"],
)
def test_standard_input_format_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str) -> None:
    reader = stdin_reader(monkeypatch, data)
    items = list(reader)
    assert reader.complete
    assert items and all(isinstance(item, Record) and item.fmt == fmt for item in items), items
    assert all(item.path == ingest.STDIN for item in items)


def test_standard_input_format_can_be_given(monkeypatch: pytest.MonkeyPatch) -> None:
    items = list(stdin_reader(monkeypatch, b"title,body\nA,Isi satu\nB,Isi dua\n", "csv"))
    assert [(r.fmt, r.fields["body"]) for r in items if isinstance(r, Record)] == [
        ("csv", "Isi satu"),
        ("csv", "Isi dua"),
    ]
    (text,) = stdin_reader(monkeypatch, b'{"body": "read as text"}', "text")
    assert isinstance(text, Record) and text.fields == {"body": '{"body": "read as text"}'}


def test_standard_input_keys_are_ids_or_content_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    first = [{"id": "own-1", "body": "Has its own id."}, {"body": "No id, first."}, {"body": "No id, second."}]
    keys = {r.fields["body"]: r.key for r in stdin_reader(monkeypatch, jsonl(*first)) if isinstance(r, Record)}
    assert keys["Has its own id."] == "own-1"
    assert keys["No id, first."].startswith("sha:") and keys["No id, first."] != keys["No id, second."]
    # another order, another format, one more article: the same keys (not positions)
    again = [first[2], {"body": "New one."}, first[1], first[0]]
    data = json.dumps(again).encode()
    later = {r.fields["body"]: r.key for r in stdin_reader(monkeypatch, data) if isinstance(r, Record)}
    assert len(later) == 4
    assert all(later[body] == key for body, key in keys.items())
    (text,) = stdin_reader(monkeypatch, b"Judul\n\nIsi.\n")
    (same,) = stdin_reader(monkeypatch, b"Judul\n\nIsi.\n")
    assert isinstance(text, Record) and isinstance(same, Record)
    assert text.key == same.key and text.key.startswith("sha:")


def test_discover_takes_a_dash_for_standard_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    files, problems = discover(["-", str(tmp_path / "a.txt"), "-"])
    assert (files, problems) == ([ingest.STDIN, str(tmp_path / "a.txt")], [])


def test_no_standard_input_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    reader = ingest.read_records(ingest.STDIN)
    assert [str(item) for item in reader] == ["<stdin>: no standard input"]
    assert not reader.complete
