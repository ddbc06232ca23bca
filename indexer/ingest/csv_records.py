"""CSV and TSV: a header row naming the columns, then one article per row."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable

from indexer.ingest.fields import _ALIAS_FIELD, FIELD_ALIASES, _Keys, _norm_key, _own_id, map_fields
from indexer.model import Problem, Record

_TEXT_COLUMNS = ", ".join(FIELD_ALIASES["body"][:3])


def _sniff_delimiter(text: str, tabs: bool) -> str:
    """The CSV delimiter: tab for .tsv, else csv.Sniffer's guess checked against the header line."""
    if tabs:
        return "\t"
    head = text[:65536]
    cut = head.rfind("\n")
    if cut > 0 and len(text) > len(head):
        head = head[:cut]
    header = head.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(head, delimiters=",;\t|").delimiter
        if delimiter in header:
            return delimiter
    except csv.Error:
        pass
    counts = {candidate: header.count(candidate) for candidate in ",;\t|"}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def _rows(reader: Iterable[list[str]], line_of: Callable[[], int]) -> Iterable[tuple[int, list[str]]]:
    """Rows of ``reader`` with the file line each one starts on (``line_of()`` is the reader's line_num)."""
    start = 1
    for row in reader:
        yield start, row
        start = line_of() + 1


def _parse_csv(path: str, text: str, tabs: bool, keys: _Keys) -> tuple[list[Record], list[Problem]]:
    """A header row naming the columns, then one article per row; a bad row is a problem with its line."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text, tabs))
    records: list[Record] = []
    problems: list[Problem] = []
    header: list[str] | None = None
    nuls = "\x00" in text
    line = 1
    try:
        for line, row in _rows(reader, lambda: reader.line_num):
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = _header(row)
                if not any(_ALIAS_FIELD.get(_norm_key(name), ("", 0))[0] == "body" for name in header):
                    expected = f"expected one of {_TEXT_COLUMNS}…"
                    return [], [Problem(path, f"no text column ({expected})")]
                continue
            if nuls and any("\x00" in cell for cell in row):
                problems.append(Problem(path, "a NUL byte in a field, skipped", line))
                continue
            obj: dict[str, str] = {}
            for index, cell in enumerate(row):
                name = header[index] if index < len(header) else f"column_{index + 1}"
                obj.setdefault(name, cell)
            fields = map_fields(obj)
            if "body" not in fields:
                problems.append(Problem(path, "record has no text", line))
                continue
            raw = json.dumps(obj, ensure_ascii=False)
            records.append(Record(path, keys.key(_own_id(obj), fields), "csv", fields, raw))
    except csv.Error as error:
        problems.append(Problem(path, f"invalid CSV: {error}", line))
    return records, problems


def _header(row: list[str]) -> list[str]:
    names: list[str] = []
    for index, cell in enumerate(row):
        name = cell.strip() or f"column_{index + 1}"
        names.append(name)
    return names
