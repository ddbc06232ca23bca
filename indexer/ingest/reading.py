"""Input readers: find the files to index, decode their bytes and map each article to a :class:`Record`.

The readers only decode, parse and map fields; cleaning the text is :mod:`indexer.clean.boilerplate`'s job. Nothing
here raises on bad input: whatever cannot be used becomes a :class:`Problem` with a one-line message.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal

from indexer.ingest.decoding import SNIFF_BYTES, bom_encoding, declared_charset, decode, looks_binary
from indexer.model import Problem, Record

Format = Literal["text", "html", "json", "jsonl", "csv"]

FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
"""Supported file extensions (lower case) and the reader each one selects."""

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "body": ("body", "text", "content", "article", "maintext", "fulltext", "isi", "konten", "description"),
    "title": ("title", "headline", "judul"),
    "date": (
        "date",
        "published",
        "published_at",
        "publish_date",
        "pubdate",
        "datetime",
        "date_publish",
        "tanggal",
        "time",
    ),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site", "publisher", "sumber", "media", "source_domain"),
    "lang": ("lang", "language"),
}
"""Record field → input keys it is read from, best first. Keys match ignoring case, ``_``, ``-`` and spaces."""

CONTAINER_KEYS = (
    "articles",
    "data",
    "items",
    "documents",
    "docs",
    "records",
    "results",
    "entries",
    "posts",
    "news",
    "rows",
)
"""Keys of a top-level JSON object under which the list of articles may sit."""


def _alias_table() -> dict[str, tuple[str, int]]:
    """Normalised input key → (record field, rank among that field's aliases)."""
    table: dict[str, tuple[str, int]] = {}
    for name, aliases in FIELD_ALIASES.items():
        for rank, alias in enumerate(aliases):
            table.setdefault(re.sub(r"[^0-9a-z]", "", alias), (name, rank))
    return table


_ALIAS_FIELD = _alias_table()
_TEXT_COLUMNS = ", ".join(FIELD_ALIASES["body"][:3])


def format_of(path: str) -> Format | None:
    """The reader chosen by ``path``'s extension, or None when the extension is not supported."""
    return FORMATS.get(os.path.splitext(path)[1].lower())


# ---------------------------------------------------------------------------------------------- discovery


def discover(paths: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """Expand files and folders into the absolute paths of the files to read, in order, without repeats.

    Folders are walked recursively in sorted order, skipping hidden entries and files whose extension is
    not supported. A file named explicitly is kept whatever its extension, unless it is not supported and
    its first bytes look binary.
    """
    found: list[str] = []
    seen: set[str] = set()
    problems: list[Problem] = []

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.append(path)

    for given in paths:
        path = os.path.abspath(given)
        if os.path.isdir(path):
            for file in _walk(path, problems):
                add(file)
        elif os.path.isfile(path):
            if format_of(path) is None and _sniff_binary(path):
                problems.append(Problem(path, "binary file with an unsupported extension, skipped"))
            else:
                add(path)
        elif os.path.lexists(path) and not os.path.exists(path):
            problems.append(Problem(path, "broken symbolic link"))
        elif os.path.exists(path):
            problems.append(Problem(path, "not a regular file or folder"))
        else:
            problems.append(Problem(path, "no such file or directory"))
    return found, problems


def _walk(root: str, problems: list[Problem]) -> list[str]:
    """Supported, non-hidden files below ``root``, sorted by path."""

    def on_error(error: OSError) -> None:
        where = error.filename if isinstance(error.filename, str) else root
        reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or "cannot list folder")
        problems.append(Problem(os.path.abspath(where), reason))

    files: list[str] = []
    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in filenames:
            if name.startswith(".") or format_of(name) is None:
                continue
            full = os.path.join(folder, name)
            if os.path.isfile(full):
                files.append(full)
    files.sort()
    return files


def _sniff_binary(path: str) -> bool:
    """Whether the start of ``path`` looks binary; an unreadable file is left for the reader to report."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return bom_encoding(head) is None and looks_binary(head)


# ---------------------------------------------------------------------------------------------- reading


def read_file(path: str) -> tuple[bytes | None, list[Record], list[Problem]]:
    """Read ``path`` and parse it with :func:`parse_bytes`; the bytes are None when the file could not be read."""
    path = os.path.abspath(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except PermissionError:
        return None, [], [Problem(path, "permission denied")]
    except FileNotFoundError:
        return None, [], [Problem(path, "no such file or directory")]
    except IsADirectoryError:
        return None, [], [Problem(path, "is a directory")]
    except MemoryError:
        return None, [], [Problem(path, "file too large to read into memory")]
    except OSError as error:
        reason = (error.strerror or "cannot read file").lower()
        return None, [], [Problem(path, reason)]
    records, problems = parse_bytes(path, data)
    return data, records, problems


def parse_bytes(path: str, data: bytes) -> tuple[list[Record], list[Problem]]:
    """Decode ``data`` (the content of ``path``) and read its articles with the reader its extension selects.

    Unknown extensions are read as plain text.
    """
    path = os.path.abspath(path)
    fmt = format_of(path) or "text"
    hint = declared_charset(data) if fmt == "html" else None
    text, reason = decode(data, hint)
    if text is None:
        return [], [Problem(path, reason or "cannot decode file")]
    try:
        if fmt == "text":
            return [Record(path, "", "text", {"body": text}, text)], []
        if fmt == "html":
            return _parse_html(path, text)
        if fmt == "json":
            return _parse_json(path, text)
        if fmt == "jsonl":
            return _parse_jsonl(path, text)
        return _parse_csv(path, text, tabs=path.lower().endswith(".tsv"))
    except RecursionError:
        return [], [Problem(path, f"{fmt} nested too deeply, skipped")]
    except ImportError as error:
        return [], [Problem(path, f"cannot read {fmt} files: module {error.name or 'trafilatura'} is not installed")]
    except MemoryError:
        return [], [Problem(path, "file too large to parse in memory")]
    except Exception as error:  # a reader must never stop a run: report and go on
        return [], [Problem(path, f"cannot read {fmt} file ({type(error).__name__})")]


# ---------------------------------------------------------------------------------------------- field mapping


@lru_cache(maxsize=4096)
def _norm_key(key: str) -> str:
    return "".join(ch for ch in key.lower() if ch.isalnum())


@lru_cache(maxsize=4096)
def _field_of(key: str) -> tuple[str, int] | None:
    """The record field an input key maps to and its rank among that field's aliases."""
    return _ALIAS_FIELD.get(_norm_key(key))


def _to_text(value: Any, joiner: str = ", ") -> str:
    """A JSON/CSV value as a string: lists are joined, objects give their name/text/value, null is empty."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        parts = (_to_text(item, joiner) for item in value)
        return joiner.join(part for part in parts if part.strip())
    if isinstance(value, Mapping):
        for name in ("name", "title", "text", "value", "#text", "content", "url", "href"):
            if name in value:
                return _to_text(value[name], joiner)
        return ""
    return str(value)


def map_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Normalised record fields (body, title, date, url, source, lang) read from one JSON object or CSV row."""
    best: dict[str, tuple[int, str]] = {}
    for key, value in obj.items():
        hit = _field_of(key) if isinstance(key, str) else None
        if hit is None:
            continue
        name, rank = hit
        current = best.get(name)
        if current is not None and current[0] <= rank:
            continue
        text = value if isinstance(value, str) else _to_text(value, "\n\n" if name == "body" else ", ")
        if text and not text.isspace():
            best[name] = (rank, text)
    return {name: text for name, (_rank, text) in best.items()}


def _own_id(obj: Mapping[str, Any]) -> str:
    for key, value in obj.items():
        if isinstance(key, str) and _norm_key(key) == "id":
            text = _to_text(value).strip()
            if text:
                return text
    return ""


class _Keys:
    """Makes record keys unique inside one file: the second ``k`` becomes ``k#2``, and so on."""

    def __init__(self) -> None:
        self._count: dict[str, int] = {}

    def unique(self, key: str) -> str:
        if key not in self._count:
            self._count[key] = 1
            return key
        number = self._count[key]
        while True:
            number += 1
            candidate = f"{key}#{number}"
            if candidate not in self._count:
                self._count[key] = number
                self._count[candidate] = 1
                return candidate


# ---------------------------------------------------------------------------------------------- readers


def _parse_html(path: str, text: str) -> tuple[list[Record], list[Problem]]:
    """One record: the page's main text as trafilatura extracts it, with its title, date, site and URL."""
    import trafilatura

    result = trafilatura.bare_extraction(text, include_comments=False, with_metadata=True)
    found: dict[str, Any] = {}
    if isinstance(result, dict):
        found = result
    elif result is not None:
        found = result.as_dict()
    body = _to_text(found.get("text"))
    if not body.strip():
        return [], [Problem(path, "no article text found")]
    fields = {"body": body}
    for name, key in (("title", "title"), ("date", "date"), ("source", "sitename"), ("url", "url")):
        value = _to_text(found.get(key))
        if value.strip():
            fields[name] = value
    return [Record(path, "", "html", fields, text)], []


def _parse_json(path: str, text: str) -> tuple[list[Record], list[Problem]]:
    """A list of objects, an object holding such a list (under ``articles``, ``data``…) or one object."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _first_line_is_object(text):
            return _parse_jsonl(path, text)  # JSON Lines saved as .json
        return [], [Problem(path, f"invalid JSON: {error.msg} (column {error.colno})", error.lineno)]
    items = _items_of(document)
    if items is None:
        if not isinstance(document, dict):
            return [], [Problem(path, "JSON holds no article objects")]
        fields = map_fields(document)
        if "body" not in fields:
            return [], [Problem(path, "record has no text")]
        raw = json.dumps(document, ensure_ascii=False)
        return [Record(path, _own_id(document), "json", fields, raw)], []
    records: list[Record] = []
    problems: list[Problem] = []
    keys = _Keys()
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(path, f"item {number}: not a JSON object"))
            continue
        fields = map_fields(item)
        if "body" not in fields:
            problems.append(Problem(path, f"item {number}: record has no text"))
            continue
        key = keys.unique(_own_id(item) or f"item:{number}")
        records.append(Record(path, key, "json", fields, json.dumps(item, ensure_ascii=False)))
    return records, problems


def _first_line_is_object(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _items_of(document: Any, depth: int = 0) -> list[Any] | None:
    """The list of articles in a parsed JSON document, or None when it is a single object."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict) or depth > 2:
        return None
    by_name = {_norm_key(key): value for key, value in document.items() if isinstance(key, str)}
    is_article = any(_ALIAS_FIELD.get(name, ("", 0))[0] == "body" for name in by_name)
    for name in CONTAINER_KEYS:
        value = by_name.get(name)
        if isinstance(value, list) and (not is_article or _holds_objects(value)):
            return value
        if isinstance(value, dict) and not is_article:
            nested = _items_of(value, depth + 1)
            if nested is not None:
                return nested
    if is_article:
        return None
    lists = [value for value in document.values() if isinstance(value, list) and _holds_objects(value)]
    return lists[0] if len(lists) == 1 else None


def _holds_objects(value: list[Any]) -> bool:
    return any(isinstance(item, dict) for item in value[:20])


def _parse_jsonl(path: str, text: str) -> tuple[list[Record], list[Problem]]:
    """One JSON object per line; blank lines are ignored and a bad line is a problem with its number."""
    records: list[Record] = []
    problems: list[Problem] = []
    keys = _Keys()
    loads = json.loads
    for number, line in enumerate(text.split("\n"), start=1):
        if line.endswith("\r"):
            line = line[:-1]
        if not line or line.isspace():
            continue
        try:
            obj = loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(path, f"invalid JSON: {error.msg} (column {error.colno})", number))
            continue
        except RecursionError:
            problems.append(Problem(path, "invalid JSON: nested too deeply", number))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(path, "not a JSON object", number))
            continue
        fields = map_fields(obj)
        if "body" not in fields:
            problems.append(Problem(path, "record has no text", number))
            continue
        records.append(Record(path, keys.unique(_own_id(obj) or f"line:{number}"), "jsonl", fields, line))
    return records, problems


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


def _parse_csv(path: str, text: str, tabs: bool) -> tuple[list[Record], list[Problem]]:
    """A header row naming the columns, then one article per row (``row:N`` counts data rows from 1)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text, tabs))
    records: list[Record] = []
    problems: list[Problem] = []
    keys = _Keys()
    header: list[str] | None = None
    number = 0
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
            number += 1
            obj: dict[str, str] = {}
            for index, cell in enumerate(row):
                name = header[index] if index < len(header) else f"column_{index + 1}"
                obj.setdefault(name, cell)
            fields = map_fields(obj)
            if "body" not in fields:
                problems.append(Problem(path, "record has no text", line))
                continue
            key = keys.unique(_own_id(obj) or f"row:{number}")
            records.append(Record(path, key, "csv", fields, json.dumps(obj, ensure_ascii=False)))
    except csv.Error as error:
        problems.append(Problem(path, f"invalid CSV: {error}", line))
    return records, problems


def _header(row: list[str]) -> list[str]:
    names: list[str] = []
    for index, cell in enumerate(row):
        name = cell.strip() or f"column_{index + 1}"
        names.append(name)
    return names
