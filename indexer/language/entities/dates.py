"""DATE entities: absolute dates in running text and relative ones resolved against the publication date.

Absolute dates ("1 Maret 2023", "15 Aug 2023", "Feb 26, 1987", "20/09/2019", "Februari 2022",
"tahun 2013") are read by :func:`indexer.clean.dates.parse_date`, so they agree with publication dates.
Dates missing a year ("1 Maret", "Feb 26", "(24/8)") take the year of the publication date (the
latest such date not after it, when the date is known to the day). Relative dates ("Rabu", "pada
hari Senin", "kemarin", "pekan lalu", "tahun ini", "last week") are resolved against the
publication date: a weekday is the latest such day on or before it; "pekan lalu" is an ISO week
("2023-W08"). Without a publication date precise enough, ``canonical`` is None: the text is still a
DATE, its value unknown. Prepositions ("pada", "on") are not part of the span; "hari" and "tahun" are.
The year of a law's number ("UU nomor 30 tahun 2002", "Perpres No. 12 tahun 2019") is no date.
"""

from __future__ import annotations

import datetime
import re

from indexer.clean.dates import MAX_YEAR, MIN_YEAR, MONTHS, parse_date
from indexer.language.entities.model import Entity
from indexer.model import PartialDate

__all__ = ["find_dates"]

_MONTH_NUMBER: dict[str, int] = {**MONTHS["en"], **MONTHS["id"]}
_MONTH = r"(?:[A-Z][a-z]{2,3}\.(?!\w)|[A-Z][a-z]{2,8}|[A-Z]{3,9})"
"""A capitalised word where a month name goes: checked against the month table after matching, which
is much faster than an alternation of every spelling."""
_WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_WEEKDAY = (
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_B, _E = r"(?<![\w])", r"(?![\w])"
_PATTERN = re.compile(
    rf"""{_B}(?=[0-9A-Zkhbplmtyn])(?:
    (?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH}),?\s+\d{{4}})
    |(?P<mdy>(?P<m2>{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,\s*\d{{4}}|(?P<m3>{_MONTH})\s+\d{{1,2}}\s+\d{{4}})
    |(?P<num>\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})
    |(?P<wdnum>(?:hari\s+)?{_WEEKDAY}\s*\((?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})(?:/(?P<ny>\d{{2,4}}))?\))
    |(?P<my>(?P<m4>{_MONTH}),?\s+\d{{4}})
    |(?P<dm>\d{{1,2}}\s+(?P<m5>{_MONTH}))
    |(?P<md>(?P<m6>{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?)
    |(?P<year>(?:[Tt]ahun|[Tt]h\.|[Tt]hn\.?)\s+\d{{4}})
    |(?P<rel>(?i:kemarin\s+lusa|kemarin|hari\s+ini|besok|lusa|(?:pekan|minggu|bulan|tahun)\s+(?:lalu|depan|ini)
        |yesterday|today|tomorrow|(?:last|next|this)\s+(?:week|month|year)))
    |(?P<wd>(?:(?i:hari)\s+)?{_WEEKDAY}|(?i:hari)\s+{_WEEKDAY.lower()})
    |(?P<bare>(?<=pada\s)\d{{4}}|(?<=sejak\s)\d{{4}}|(?<=hingga\s)\d{{4}}|(?<=since\s)\d{{4}}|(?<=in\s)\d{{4}})
    ){_E}""",
    re.VERBOSE,
)
_MONTH_GROUPS = ("m1", "m2", "m3", "m4", "m5", "m6")
_WEEKDAY_COMMA = re.compile(rf"(?:(?i:hari)\s+)?{_WEEKDAY},?\s+")
_RELATIVE_DAYS = {"kemarin lusa": -2, "kemarin": -1, "yesterday": -1, "hari ini": 0, "today": 0, "besok": 1,
                  "tomorrow": 1, "lusa": 2}  # fmt: skip
_RELATIVE_UNITS = {"pekan": "week", "minggu": "week", "week": "week", "bulan": "month", "month": "month",
                   "tahun": "year", "year": "year"}  # fmt: skip
_RELATIVE_SHIFT = {"lalu": -1, "last": -1, "depan": 1, "next": 1, "ini": 0, "this": 0}


def _published(published: PartialDate | None) -> tuple[datetime.date | None, tuple[int, int] | None, int | None]:
    """The publication day, month and year, each when known (none outside the years a date may have)."""
    if published is None:
        return None, None, None
    try:
        year = int(published.iso[:4])
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None, None, None
        month = int(published.iso[5:7]) if published.precision in ("day", "month") else None
        day = datetime.date.fromisoformat(published.iso) if published.precision == "day" else None
    except ValueError:
        return None, None, None
    return day, ((year, month) if month else None), year


def _month(name: str) -> int | None:
    return _MONTH_NUMBER.get(name.rstrip(".").lower())


def _day_without_year(month: int, day: int, today: datetime.date | None, year: int | None) -> str | None:
    """A day and month in the year of publication: the latest one not after the publication day."""
    if year is None:
        return None
    try:
        found = datetime.date(year, month, day)
        if today is not None and found > today + datetime.timedelta(days=7):
            found = datetime.date(year - 1, month, day)
    except ValueError:
        return None
    return found.isoformat()


def _shift(
    unit: str, step: int, today: datetime.date | None, month: tuple[int, int] | None, year: int | None
) -> str | None:
    if unit == "week":
        if today is None:
            return None
        iso = (today + datetime.timedelta(weeks=step)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "month":
        if month is None:
            return None
        index = month[0] * 12 + month[1] - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{year + step:04d}" if year is not None else None


def _canonical(match: re.Match[str], published: PartialDate | None) -> str | None:
    today, month, year = _published(published)
    kind = match.lastgroup
    text = " ".join(match.group().split())
    if kind in ("dmy", "mdy", "num", "my", "year", "bare"):
        found = parse_date(text.replace(" of ", " "))
        return found.iso if found else None
    if kind == "wdnum":
        if match.group("ny"):
            found = parse_date(f"{match.group('nd')}/{match.group('nm')}/{match.group('ny')}")
            return found.iso if found else None
        return _day_without_year(int(match.group("nm")), int(match.group("nd")), today, year)
    if kind == "dm":
        number, name = text.split(" ", 1)
        month_number = _month(name)
        return _day_without_year(month_number, int(number), today, year) if month_number else None
    if kind == "md":
        name, number = text.split(" ", 1)
        month_number = _month(name)
        day = int(re.sub(r"\D", "", number))
        return _day_without_year(month_number, day, today, year) if month_number else None
    lower = text.lower()
    if kind == "rel":
        if lower in _RELATIVE_DAYS:
            return (today + datetime.timedelta(days=_RELATIVE_DAYS[lower])).isoformat() if today else None
        unit, shift = lower.split(" ")
        if unit in _RELATIVE_SHIFT:  # "last week": the shift comes first in English
            unit, shift = shift, unit
        return _shift(_RELATIVE_UNITS[unit], _RELATIVE_SHIFT[shift], today, month, year)
    if kind == "wd" and today is not None:
        weekday = _WEEKDAYS[lower.split()[-1]]
        return (today - datetime.timedelta(days=(today.weekday() - weekday) % 7)).isoformat()
    return None


_COUNTED = re.compile(
    r"\b(?:\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|belas|puluh|ratus|beberapa"
    r"|berapa|sekian|banyak|the|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+$",
    re.IGNORECASE,
)
"""A count before "hari ini", "tahun ini": "perjalanan enam hari ini" is a six-day trip, not today."""


_LAW_NUMBER = re.compile(
    r"(?i:\b(?:no|nomor|nomer|number|nr)\.?\s*\d+[a-z]?"
    r"|\b(?:uu|pp|perpres|perppu|perpu|perda|pergub|perbup|perwal|permen\w*|keppres|kepres|inpres|kepmen\w*|pojk)"
    r"\s+\d+[a-z]?)\s*,?\s*$"
)
"""Before "tahun 2002": the number of a law, a decree or a regulation ("UU nomor 30 tahun 2002", "PP No. 71
tahun 2019"), whose year says when it was made, not when anything in the text happens."""


def _month_ok(match: re.Match[str]) -> bool:
    """The word in a month's place is a month ("1 Maret", not "2 Kota"); "May 5" needs its year."""
    for group in _MONTH_GROUPS:
        name = match.group(group)
        if name is not None:
            if _month(name) is None:
                return False
            return not (match.lastgroup in ("dm", "md") and name.lower().rstrip(".") == "may")
    return True


def find_dates(text: str, published: PartialDate | None = None) -> list[Entity]:
    """DATE entities of ``text`` in order, not overlapping."""
    found: list[Entity] = []
    position = 0
    while True:
        match = _PATTERN.search(text, position)
        if match is None:
            break
        if not _month_ok(match):
            position = match.start() + 1  # another shape may start inside: "Jakarta 12 Maret 2023"
            continue
        position = match.end()
        if match.lastgroup == "rel" and _COUNTED.search(text, max(0, match.start() - 20), match.start()):
            continue
        if match.lastgroup == "year" and _LAW_NUMBER.search(text, max(0, match.start() - 40), match.start()):
            continue
        entity = Entity(match.start(), match.end(), match.group(), "DATE", _canonical(match, published))
        if (
            found
            and match.lastgroup in ("dmy", "mdy", "num")
            and _WEEKDAY_COMMA.fullmatch(text, found[-1].start, entity.start)
        ):
            # "Rabu, 1 Maret 2023": one date
            entity = Entity(found[-1].start, entity.end, text[found[-1].start : entity.end], "DATE", entity.canonical)
            found.pop()
        found.append(entity)
    return found
