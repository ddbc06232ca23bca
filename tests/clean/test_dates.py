"""Tests of date parsing: metadata date strings of every corpus shape, the dateparser fallback, datelines."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.clean import dates
from indexer.clean.dates import find_dateline, parse_date
from indexer.model import PartialDate

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data" / "samples"
CORPUS = REPO.parent / "shared" / "corpus"


def day(iso: str) -> PartialDate:
    return PartialDate(iso, "day")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # the shapes of the benchmark corpora
        ("2019-10-09", day("2019-10-09")),
        ("20/09/2019", day("2019-09-20")),
        ("Sep 22, 2019", day("2019-09-22")),
        ("Oct 2, 2019", day("2019-10-02")),
        ("16 Agustus 2019", day("2019-08-16")),
        ("06 Mei 2019", day("2019-05-06")),
        ("Oktober 07, 2019", day("2019-10-07")),
        ("10-Sep-19", day("2019-09-10")),
        ("26-FEB-1987 15:01:01.79", day("1987-02-26")),
        ("1-MAR-1987 01:30:29.50", day("1987-03-01")),
        ("3-MAR-1987  09:15:05.40", day("1987-03-03")),
        ("27-MAR-1987 00:02:59.13RM", day("1987-03-27")),
        ("27-MAR-1987 02:17:09.88T C", day("1987-03-27")),
        ("9-APR-1987 00:00:00.00    # date added by S Finch as guesswork", day("1987-04-09")),
        # month and year precision
        ("Februari 2022", PartialDate("2022-02", "month")),
        ("Mei 2019", PartialDate("2019-05", "month")),
        ("2019-09", PartialDate("2019-09", "month")),
        ("2013", PartialDate("2013", "year")),
        ("tahun 2013", PartialDate("2013", "year")),
        # datetimes: the calendar date as written, whatever the zone
        ("2023-08-15T09:35:00+07:00", day("2023-08-15")),
        ("2023-08-15T23:30:00-05:00", day("2023-08-15")),
        ("2023-08-15T02:35:00Z", day("2023-08-15")),
        ("2023-08-15 09:35", day("2023-08-15")),
        ("15 Aug 2023 - 09:35", day("2023-08-15")),
        ("Selasa, 15 Agustus 2023 09.35 WIB", day("2023-08-15")),
        ("Jum'at, 16 Agustus 2019", day("2019-08-16")),
        ("Rabu, 16/08/2023 09:35 WIB", day("2023-08-16")),
        ("August 15th, 2023", day("2023-08-15")),
        ("Published: 15 Aug 2023", day("2023-08-15")),
        ("  16   Agustus\n2019 ", day("2019-08-16")),
    ],
)
def test_parse_date_shapes(value: str, expected: PartialDate) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("the 3rd of March 2021", day("2021-03-03")),
        ("Thursday 7 November 2019 10:00 GMT", day("2019-11-07")),
        ("1 Maret 2023 pukul 10.00", day("2023-03-01")),
        ("12/31/2019", day("2019-12-31")),  # impossible day first: dateparser reads it month first
    ],
)
def test_parse_date_falls_back_to_dateparser(value: str, expected: PartialDate) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "garbage",
        "hello world 42",
        "2019-02-30",  # impossible: never read another way
        "31/02/2019",
        "2019-13-01",
        "1700-01-01",
        "2150",
        "1799",
        "15 Agustus",  # no year: would be invented
        "kemarin",
        "2 days ago",
        "2 hari yang lalu",
        "1568000000",
        "12345678",
        "Room 2019",
        "\x00\x1b[31m2019",
        "9" * 500,
    ],
)
def test_parse_date_rejects(value: str) -> None:
    assert parse_date(value) is None


def test_parse_date_languages_restrict_month_names() -> None:
    assert parse_date("16 Agustus 2019", languages=("en",)) is None
    assert parse_date("16 August 2019", languages=("en",)) == day("2019-08-16")
    assert parse_date("16 Agustus 2019", languages=("id",)) == day("2019-08-16")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_parse_date_never_raises(value: str) -> None:
    found = parse_date(value)
    assert found is None or found.precision in ("day", "month", "year")


def test_parse_date_of_non_strings_is_none() -> None:
    assert parse_date(None) is None  # type: ignore[arg-type]
    assert parse_date(20190910) is None  # type: ignore[arg-type]


FAKED_TODAYS = ["2026-02-28", "2024-02-29", "2026-04-30", "2026-07-31", "2026-12-31", "1999-06-15"]
"""Days on which dateparser, left to itself, fills different months and days into a partial date."""


@pytest.mark.parametrize("today", FAKED_TODAYS)
def test_parse_date_does_not_depend_on_today(today: str) -> None:
    values = ["\x00\x1b[31m2019", "31 2019", "the 3rd of March 2021", "Thursday 7 November 2019 10:00 GMT", "2019"]
    with time_machine.travel(dt.datetime.fromisoformat(f"{today}T12:00:00+00:00"), tick=False):
        dates._parser.cache_clear()
        found = [parse_date(value) for value in values]
    dates._parser.cache_clear()
    assert found == [None, None, day("2021-03-03"), day("2019-11-07"), PartialDate("2019", "year")]


def test_dateparser_is_imported_only_when_needed() -> None:
    code = (
        "import sys\n"
        "from indexer.clean.dates import parse_date\n"
        "assert parse_date('16 Agustus 2019') is not None\n"
        "assert 'dateparser' not in sys.modules\n"
        "assert parse_date('the 3rd of March 2021') is not None\n"
        "assert 'dateparser' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


# ------------------------------------------------------------------------------------------------ datelines


def test_find_dateline_in_seed() -> None:
    text = (DATA / "002_5aca17387d92f694.txt").read_text(encoding="utf-8")
    assert find_dateline(text) == day("2023-08-15")


def test_dates_inside_sentences_are_not_datelines() -> None:
    text = (DATA / "000_082d6fc98803b495.txt").read_text(encoding="utf-8")
    assert "pada 1 Maret 2023" in text
    assert find_dateline(text) is None
    assert find_dateline("Judul\n\nPresiden bertemu Xi di Beijing pada 1 Maret 2023.\n") is None


@pytest.mark.parametrize(
    "line",
    [
        "15 Aug 2023 - 09:35",
        "Selasa, 15 Agustus 2023 09:35 WIB",
        "Selasa, 15 Agustus 2023 | 09:35 WIB",
        "Kompas.com - 15/08/2023, 09:35 WIB",
        "Diterbitkan: 15 Agustus 2023",
        "Published on August 15, 2023",
        "2023-08-15T09:35:00+07:00",
    ],
)
def test_find_dateline_shapes(line: str) -> None:
    assert find_dateline(f"Judul berita\n\n{line}\nIsi berita pertama.") == day("2023-08-15")


def test_dateline_needs_a_day_and_the_top_of_the_text() -> None:
    assert find_dateline("Judul\n2013\nIsi.") is None
    assert find_dateline("Judul\nFebruari 2022\nIsi.") is None
    late = "\n".join(f"Baris {n} berisi teks." for n in range(20)) + "\n15 Aug 2023 - 09:35\n"
    assert find_dateline(late) is None
    assert find_dateline("\n" * 40 + "15 Aug 2023 - 09:35") == day("2023-08-15")  # blank lines do not count


def test_find_dateline_on_odd_input() -> None:
    assert find_dateline("") is None
    assert find_dateline("1" * 1_000_000) is None
    assert find_dateline("\x00\x1b[2J" * 1000) is None


# ------------------------------------------------------------------------------------------------ real corpus


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_every_corpus_date_parses_on_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fallback(value: str, languages: tuple[str, ...]) -> PartialDate | None:
        raise AssertionError(f"dateparser needed for {value!r}")

    monkeypatch.setattr(dates, "_slow", no_fallback)
    values: list[str] = []
    for name in ("clickid-id-2019.jsonl", "reuters21578-en-1987.jsonl"):
        with (CORPUS / name).open(encoding="utf-8") as handle:
            values.extend(json.loads(line)["date"] for line in handle)
    found = [parse_date(value) for value in values]
    missing = [value for value, date in zip(values, found, strict=True) if date is None]
    assert missing == []
    assert {date.precision for date in found if date} == {"day"}
