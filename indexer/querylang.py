"""The parts of the query language Whoosh does not know: dates of any precision and ``-word``.

``date:2023-03``, ``date:>=2023-01-01``, ``date:[2023-01 TO 2023-06]`` become ranges over the
numeric ``day`` field (``YYYYMMDD`` of an article's first possible day; 0 for undated articles,
which no date filter matches).
"""

from __future__ import annotations

import re

FIRST_DAY, LAST_DAY = 1, 29_991_231
"""Bounds of open ranges; undated articles (day 0) stay outside. (Whoosh mis-answers ranges up to 9999.)"""


class QuerySyntaxError(ValueError):
    """The query cannot be understood as written."""


def day_range(value: str) -> tuple[int, int] | None:
    """First and last day (``YYYYMMDD`` integers) covered by an ISO date of any precision."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
    if not match:
        return None
    year = int(match.group(1))
    if match.group(2) is None:
        return year * 10000 + 101, year * 10000 + 1231
    month = int(match.group(2))
    if not 1 <= month <= 12:
        return None
    if match.group(3) is None:
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + 31
    day = int(match.group(3))
    if not 1 <= day <= 31:
        return None
    return (year * 10000 + month * 100 + day,) * 2


_DATE_RANGE = re.compile(r"\bdate:\[\s*(\S*)\s+TO\s+(\S*)\s*\]", re.IGNORECASE)
_DATE_CMP = re.compile(r"\bdate:(>=|<=|>|<)?([0-9][0-9-]*)")
_MINUS = re.compile(r'(?<![\w"])-(?=[\w"(])')


def _span(value: str) -> tuple[int, int]:
    span = day_range(value)
    if span is None:
        raise QuerySyntaxError(f"not a date: {value!r}")
    return span


def rewrite_dates(text: str) -> str:
    """Turn the ``date:`` forms into Whoosh ranges on the ``day`` field."""

    def ranged(match: re.Match[str]) -> str:
        low, high = match.group(1), match.group(2)
        first = FIRST_DAY if low in ("", "*") else _span(low)[0]
        last = LAST_DAY if high in ("", "*") else _span(high)[1]
        return f"day:[{first} TO {last}]"

    def compared(match: re.Match[str]) -> str:
        operator, value = match.group(1) or "", match.group(2)
        first, last = _span(value)
        bounds = {
            ">=": (first, LAST_DAY),
            ">": (last + 1, LAST_DAY),
            "<=": (FIRST_DAY, last),
            "<": (FIRST_DAY, first - 1),
            "": (first, last),
        }[operator]
        return f"day:[{bounds[0]} TO {bounds[1]}]"

    return _DATE_CMP.sub(compared, _DATE_RANGE.sub(ranged, text))


_OPERATOR_AT_EDGE = re.compile(r"^\s*(AND|OR)\b|\b(AND|OR|NOT)\s*$")


def check_syntax(text: str) -> None:
    """Raise :class:`QuerySyntaxError` for what Whoosh would silently guess at."""
    if text.count('"') % 2:
        raise QuerySyntaxError("unclosed quote")
    depth = 0
    for char in re.sub(r'"[^"]*"', "", text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise QuerySyntaxError("unbalanced parentheses")
    if _OPERATOR_AT_EDGE.search(re.sub(r'"[^"]*"', "x", text)):
        raise QuerySyntaxError("operator without a word")


def rewrite(text: str) -> str:
    """The user's query in Whoosh's syntax: dates as ranges, ``-word`` as ``NOT word``."""
    check_syntax(text)
    return _MINUS.sub("NOT ", rewrite_dates(text))


def plain_words(text: str) -> str:
    """The words of a query without any syntax: the fallback for a query that cannot be parsed."""
    return " ".join(re.findall(r"\w+", text))
