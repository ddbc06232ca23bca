"""Publication dates: metadata date strings and datelines in article text, to ISO with a precision.

Common shapes go through compiled regexes and a month table; anything else falls back to
``dateparser`` (imported on first use, it is slow to load). Nothing here guesses: a date without a
year, or relative to today ("kemarin", "2 days ago"), gives ``None``.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from indexer.model import PartialDate, Precision

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["MAX_YEAR", "MIN_YEAR", "MONTHS", "find_dateline", "parse_date"]

MIN_YEAR, MAX_YEAR = 1800, 2100
DATELINE_LINES = 15
"""How many non-empty lines at the top of a text may hold its dateline."""
_MAX_VALUE = 100
"""Longer strings are not a date field."""

MONTHS: dict[str, dict[str, int]] = {
    "id": {
        "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
        "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
        "agustus": 8, "agust": 8, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "september": 9,
        "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nopember": 11, "nov": 11,
        "nop": 11, "desember": 12, "des": 12,
    },
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
        "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    },
}  # fmt: skip
_WEEKDAYS: dict[str, frozenset[str]] = {
    "id": frozenset(
        ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad")
    ),
    "en": frozenset(
        (
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        )
    ),
}  # fmt: skip

_WD = r"(?:(?P<wd>[^\W\d_]+(?:'[^\W\d_]+)?)\.?\s*,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
_DMY_NAME = re.compile(
    rf"{_WD}(?P<d>\d{{1,2}}){_ORD}(?:\s+of)?[\s-]+(?P<m>[^\W\d_]+)\.?[\s,-]+(?P<y>\d{{4}}|\d{{2}})(?P<tail>.*)",
    re.DOTALL,
)
_MDY_NAME = re.compile(rf"{_WD}(?P<m>[^\W\d_]+)\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})(?P<tail>.*)", re.DOTALL)
_MY_NAME = re.compile(r"(?P<m>[^\W\d_]+)\.?,?\s+(?P<y>\d{4})")
_DMY_NUM = re.compile(
    rf"{_WD}(?P<d>\d{{1,2}})(?P<s>[/.-])(?P<m>\d{{1,2}})(?P=s)(?P<y>\d{{4}}|\d{{2}})(?P<tail>.*)",
    re.DOTALL,
)
_YMD_NUM = re.compile(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?P<tail>.*)", re.DOTALL)
_YMD_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_YM_NUM = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})|(?P<m2>\d{1,2})[-/.](?P<y2>\d{4})")
_YEAR = re.compile(r"(?:(?:tahun|thn\.?|th\.?|year)\s+)?(?P<y>\d{4})", re.IGNORECASE)
_TIME_TAIL = re.compile(
    r"""\s*(?:[-–—|,•·@]\s*)?(?:(?:pukul|pkl\.?|jam|at|um)\s*)?[T\s]?
    \d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?
    (?:\s*[AaPp]\.?[Mm]\.?)?
    (?:\s*\(?(?:Z|UTC|GMT|[A-Z]{2,5})?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?
    \s*""",
    re.VERBOSE,
)
_TIMESTAMP_START = re.compile(r"\s*T?\s*\d{1,3}:\d{2}:\d{2}")
"""A full ``H:MM:SS`` right after the date: whatever follows it (Reuters' ``RM``, notes) is ignored."""
_LABEL = re.compile(
    r"""(?:published|posted|updated|last\s+updated|diterbitkan|dipublikasikan|diperbarui|
    diunggah|terbit|dibuat|tanggal|tgl\.?|date|dated)
    (?:\s+(?:on|pada|at))?\s*[:\-–]?\s+""",
    re.IGNORECASE | re.VERBOSE,
)
_SITE_PREFIX = re.compile(
    r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|co\.id|id|net|org|co|news|tv)\s*[-–—|,:]\s*", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")
_PERIODS: dict[str, Precision] = {
    "day": "day", "time": "day", "hour": "day", "minute": "day", "second": "day",
    "week": "month", "month": "month", "quarter": "year", "year": "year",
}  # fmt: skip


@lru_cache(maxsize=16)
def _tables(languages: tuple[str, ...]) -> tuple[dict[str, int], frozenset[str]]:
    """Month names and weekday names of the given languages, lower-cased."""
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    for lang in languages:
        months.update(MONTHS.get(lang, {}))
        weekdays.update(_WEEKDAYS.get(lang, ()))
    return months, frozenset(weekdays)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 68 else 1900
    return year


def _day(year: int, month: int, day: int) -> PartialDate | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return PartialDate(datetime.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _month(year: int, month: int) -> PartialDate | None:
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        return None
    return PartialDate(f"{year:04d}-{month:02d}", "month")


def _tail_ok(tail: str) -> bool:
    """Nothing, or a time of day (with zone) after the date."""
    return not tail.strip() or _TIME_TAIL.fullmatch(tail) is not None or _TIMESTAMP_START.match(tail) is not None


def _weekday_ok(match: re.Match[str], weekdays: frozenset[str]) -> bool:
    weekday = match.group("wd")
    return weekday is None or weekday.lower() in weekdays


def _fast(value: str, languages: tuple[str, ...]) -> tuple[PartialDate | None, bool]:
    """The common shapes without dateparser: the date, and whether the shape was recognised.

    ``value`` is stripped and not empty. A recognised shape holding an impossible date (``2019-02-30``)
    gives ``(None, True)``: it must not be handed to dateparser to be read another way.
    """
    months, weekdays = _tables(languages)
    if value[0].isdigit():
        match = _YMD_NUM.fullmatch(value)
        if match and _tail_ok(match.group("tail")):
            return _day(int(match.group("y")), int(match.group("m")), int(match.group("d"))), True
        match = _DMY_NUM.fullmatch(value)
        if match and _tail_ok(match.group("tail")):
            found = _day(_year(match.group("y")), int(match.group("m")), int(match.group("d")))
            return found, found is not None
        match = _YMD_COMPACT.fullmatch(value)
        if match:
            return _day(int(match.group("y")), int(match.group("m")), int(match.group("d"))), True
        match = _YM_NUM.fullmatch(value)
        if match:
            year, month = match.group("y") or match.group("y2"), match.group("m") or match.group("m2")
            return _month(int(year), int(month)), True
    for pattern, day_first in ((_DMY_NAME, True), (_MDY_NAME, False)):
        match = pattern.fullmatch(value)
        if match and _weekday_ok(match, weekdays) and _tail_ok(match.group("tail")):
            month = months.get(match.group("m").lower())
            if month:
                year = _year(match.group("y")) if day_first else int(match.group("y"))
                return _day(year, month, int(match.group("d"))), True
    match = _MY_NAME.fullmatch(value)
    if match:
        month = months.get(match.group("m").lower())
        if month:
            return _month(int(match.group("y")), month), True
    match = _YEAR.fullmatch(value)
    if match:
        year = int(match.group("y"))
        return (PartialDate(f"{year:04d}", "year") if MIN_YEAR <= year <= MAX_YEAR else None), True
    return None, False


_BASES = (datetime.datetime(2001, 1, 1), datetime.datetime(2002, 12, 31))
"""Two reference dates that differ in year, month and day. dateparser fills a part the text lacks from its
base (``RELATIVE_BASE``, today's date unless set): a part that changes with the base was invented."""


@lru_cache(maxsize=16)
def _parser(languages: tuple[str, ...], base: datetime.datetime) -> DateDataParser:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["year"],
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_TIME_AS_PERIOD": False,
        "RELATIVE_BASE": base,
    }
    return DateDataParser(languages=list(languages) or None, settings=settings)


def _read(value: str, languages: tuple[str, ...], base: datetime.datetime) -> PartialDate | None:
    """What dateparser reads in ``value`` against one base date, at the precision it says it read."""
    try:
        data = _parser(languages, base).get_date_data(value)
    except Exception:  # dateparser raises assorted errors on odd input; a date field is optional
        return None
    found = data.date_obj
    precision = _PERIODS.get(data.period or "")
    if found is None or precision is None or not MIN_YEAR <= found.year <= MAX_YEAR:
        return None
    if precision == "day":
        return PartialDate(found.date().isoformat(), "day")
    if precision == "month":
        return PartialDate(f"{found.year:04d}-{found.month:02d}", "month")
    return PartialDate(f"{found.year:04d}", "year")


def _slow(value: str, languages: tuple[str, ...]) -> PartialDate | None:
    """dateparser, for the shapes :func:`_fast` does not know; None when any part came from the base date.

    ``"31 2019"`` reads as the 31st of the base's month: against two bases the answers differ, so the text
    did not say it. The answer never depends on today's date.
    """
    first, second = (_read(value, languages, base) for base in _BASES)
    return first if first == second else None


def parse_date(value: str, *, languages: tuple[str, ...] = ("id", "en")) -> PartialDate | None:
    """The date in a metadata string (``20/09/2019``, ``16 Agustus 2019``, ``Februari 2022``…), or None."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > _MAX_VALUE or not _DIGIT.search(text):
        return None
    label = _LABEL.match(text)
    if label and label.end() < len(text):
        text = text[label.end() :]
    found, recognised = _fast(text, languages)
    return found if recognised else _slow(text, languages)


def dateline_at(lines: list[str], *, languages: tuple[str, ...] = ("id", "en")) -> tuple[int, PartialDate] | None:
    """Index and date of the first dateline among the first non-empty ``lines``."""
    seen = 0
    for index, line in enumerate(lines):
        if not line or line.isspace():
            continue
        seen += 1
        if seen > DATELINE_LINES:
            return None
        found = _dateline(line, languages)
        if found is not None:
            return index, found
    return None


def _dateline(text: str, languages: tuple[str, ...]) -> PartialDate | None:
    """The day of a line that is only a date (and time), maybe after a label or site name."""
    if len(text) > 120 or not _DIGIT.search(text):
        return None
    text = " ".join(text.split())
    label = _LABEL.match(text)
    if label:
        text = text[label.end() :]
    else:
        site = _SITE_PREFIX.match(text)
        if site:
            text = text[site.end() :]
    if not text:
        return None
    found = _fast(text, languages)[0]
    return found if found is not None and found.precision == "day" else None


def find_dateline(text: str, *, languages: tuple[str, ...] = ("id", "en")) -> PartialDate | None:
    """The publication date of a line near the top of ``text`` that is just a date, e.g. ``15 Aug 2023 - 09:35``."""
    if not isinstance(text, str) or not text:
        return None
    lines = text.split("\n", 20 * DATELINE_LINES)[: 20 * DATELINE_LINES]
    found = dateline_at(lines, languages=languages)
    return found[1] if found else None
