"""The parts of the query language Whoosh does not know: dates of any precision, ``-word``, names.

``date:2023-03``, ``date:>=2023-01-01``, ``date:[2023-01 TO 2023-06]`` (an end left out or ``*``: open)
become ranges over the numeric ``day`` field (``YYYYMMDD`` of an article's first possible day; 0 for
undated articles, which no date filter matches: every range starts at day 1). Years run from 0001:
``date:0000`` is no date, and the query falls back to plain words with a notice.

Names: ``loc:Tiongkok`` becomes ``loc:"China"`` (the canonical name the entity fields hold), and a
plain word or phrase that names a known entity also finds the articles that name it otherwise:
``tiongkok`` becomes ``(tiongkok OR loc:"China")``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
    if not year:
        return None  # there is no year 0000: "date:0000" is no date (and would match nothing)
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


_DATE_RANGE = re.compile(r"\bdate:\[\s*(?:([^\s\]]+)\s+)?TO(?:\s+([^\s\]]+))?\s*\]", re.IGNORECASE)
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
        low, high = match.group(1) or "", match.group(2) or ""
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


ENTITY_FIELDS = {"person": "PERSON", "org": "ORG", "loc": "LOC", "misc": "MISC"}
"""Query fields over the canonical names of an article's entities, and the entity type each holds."""

NameLookup = Callable[[str, bool], "tuple[str, str] | None"]
"""``(words, in_field) → (entity type, canonical name)`` of a known name, or None.

``in_field`` is True for the value of ``loc:…``-style fields, where any case is a name; False for
plain query words, which may be ordinary words ("as" is not "AS")."""

_CLAUSE = re.compile(r'(?P<minus>-?)(?:(?P<field>[A-Za-z_]+):)?(?P<value>"[^"]*"|\[[^\]]*\]|[^\s()"\[]+)')
_PLAIN_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_OPERATORS = frozenset(("AND", "OR", "NOT", "TO"))
_LONGEST_NAME = 4
"""Most plain words taken together as one name ("Perserikatan Bangsa Bangsa")."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', " ") + '"'


def expand_names(text: str, lookup: NameLookup) -> str:
    """Entity field values as canonical names, and known names among plain words ORed with their entity."""
    out: list[str] = []
    run: list[str] = []  # plain words in a row, still to be looked up together

    def flush() -> None:
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + _LONGEST_NAME), i, -1):
                found = lookup(" ".join(run[i:j]), False)
                if found is not None:
                    words = " ".join(run[i:j])
                    field = next(f for f, kind in ENTITY_FIELDS.items() if kind == found[0])
                    out.append(f"(({words}) OR {field}:{_quoted(found[1])})")
                    i = j
                    break
            else:
                out.append(run[i])
                i += 1
            if i < len(run):
                out.append(" ")
        run.clear()

    position = 0
    for match in _CLAUSE.finditer(text):
        between = text[position : match.start()]
        position = match.end()
        minus, field, value = match.group("minus"), match.group("field"), match.group("value")
        is_word = (
            not minus and not field and value not in _OPERATORS and re.fullmatch(r"[^\W_]+(?:[-'][^\W_]+)*", value)
        )
        if is_word and (not between or between.isspace()) and run:
            run.append(value)
            continue
        flush()
        out.append(between)
        if is_word:
            run.append(value)
            continue
        bare = value[1:-1] if value.startswith('"') and value.endswith('"') else value
        kind = ENTITY_FIELDS.get((field or "").lower())
        if kind is not None:
            found = lookup(bare, True)
            out.append(f"{minus}{field}:{_quoted(found[1]) if found else value}")
        elif not field and value.startswith('"') and (found := lookup(bare, False)) is not None:
            name_field = next(f for f, k in ENTITY_FIELDS.items() if k == found[0])
            out.append(f"{minus}({value} OR {name_field}:{_quoted(found[1])})")
        else:
            out.append(match.group())
    flush()
    out.append(text[position:])
    return "".join(out)


def rewrite(text: str, names: NameLookup | None = None) -> str:
    """The user's query in Whoosh's syntax: dates as ranges, ``-word`` as ``NOT word``, names expanded."""
    check_syntax(text)
    if names is not None:
        text = expand_names(text, names)
    return _MINUS.sub("NOT ", rewrite_dates(text))


def plain_words(text: str) -> str:
    """The words of a query without any syntax: the fallback for a query that cannot be parsed."""
    return " ".join(re.findall(r"\w+", text))


def plain_terms(words: str) -> str:
    """Plain words as the fallback parser must read them: operator words (``NOT``) lowercased into words."""
    return " ".join(word.lower() if word in _OPERATORS else word for word in words.split())
