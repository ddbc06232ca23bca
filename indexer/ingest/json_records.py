"""JSON and JSON Lines: where a document keeps its articles, and a record for each article object."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from indexer.ingest.decoding import EMPTY
from indexer.ingest.fields import _ALIAS_FIELD, _Keys, _norm_key, _own_id, map_fields
from indexer.ingest.json_guard import MAX_DIGITS, JsonGuard, flaw
from indexer.model import Problem, Record

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

MAX_LINE = 64 << 20
"""A JSON line longer than this many bytes is skipped without being held in memory.

The streaming reader passes on :data:`indexer.ingest.reading.MAX_LINE` (this value, imported there).
"""


def _parse_json(path: str, text: str, keys: _Keys) -> tuple[list[Record], list[Problem]]:
    """A list of objects, an object holding such a list (under ``articles``, ``data``…) or one object.

    A document that does not load because of one of its values (nested too deeply, a number too long, a
    NUL byte in a string) is loaded again through :class:`JsonGuard`, and only the items holding such a
    value are problems.
    """
    guard: JsonGuard | None = None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _first_line_is_object(text):
            return _parse_jsonl(path, text, keys)  # JSON Lines saved as .json
        if "\x00" not in text:
            return [], [Problem(path, f"invalid JSON: {error.msg} (column {error.colno})", error.lineno)]
        document, guard = _guarded_load(text)
    except (ValueError, RecursionError):  # a number too long, nesting too deep
        document, guard = _guarded_load(text)
    if isinstance(document, json.JSONDecodeError):
        first = JsonGuard().feed(text.lstrip().split("\n", 1)[0], final=True)
        if document.msg == "Extra data" and _first_line_is_object(first):
            return _parse_jsonl(path, text, keys)  # JSON Lines saved as .json, a bad value in its first line
        return [], [Problem(path, f"invalid JSON: {document.msg} (column {document.colno})", document.lineno)]
    if isinstance(document, Problem):
        return [], [Problem(path, document.message, document.line)]
    where = _items_path(document)
    if where is None:
        return _single_object(path, document, keys, guard)
    items = document
    for key in where:
        items = items[key]
    records: list[Record] = []
    problems: list[Problem] = []
    for item in _json_items(path, items, keys, guard):
        if isinstance(item, Record):
            records.append(item)
        else:
            problems.append(item)
    return records, problems


def _single_object(
    path: str, document: Any, keys: _Keys, guard: JsonGuard | None
) -> tuple[list[Record], list[Problem]]:
    """The record of a JSON document that is one article object."""
    if not isinstance(document, dict):
        return [], [Problem(path, "JSON holds no article objects")]
    flawed = flaw(document, guard.nul) if guard is not None else None
    if flawed:
        return [], [Problem(path, f"{flawed}, skipped")]
    try:
        fields = map_fields(document)
        if "body" not in fields:
            return [], [Problem(path, "record has no text")]
        raw = _dumps(document)
        return [Record(path, keys.key(_own_id(document), fields, whole=True), "json", fields, raw)], []
    except (RecursionError, ValueError):
        return [], [Problem(path, "record nested too deeply, skipped")]


def _guarded_load(text: str) -> tuple[Any, JsonGuard]:
    """The document read from ``text`` rewritten by a :class:`JsonGuard`, else the error (still not JSON)."""
    guard = JsonGuard()
    try:
        return json.loads(guard.feed(text, final=True)), guard
    except json.JSONDecodeError as error:
        return error, guard
    except (ValueError, RecursionError) as error:
        return Problem("", f"invalid JSON ({type(error).__name__})"), guard


def _dumps(obj: Any) -> str:
    """A JSON object as raw text: its characters as they are, or escaped when it holds a lone surrogate."""
    raw = json.dumps(obj, ensure_ascii=False)
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raw = json.dumps(obj)
    return raw


def _json_items(
    path: str, items: Iterable[Any], keys: _Keys, guard: JsonGuard | None = None
) -> Iterator[Record | Problem]:
    """A record for each article object of a JSON list, its problems numbered by item from 1.

    With ``guard`` (the text was read through it), an item holding one of its markers is a problem.
    """
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield Problem(path, f"item {number}: not a JSON object")
            continue
        if guard is not None and (guard.changed or guard.nul):
            flawed = flaw(item, guard.nul)
            if flawed:
                yield Problem(path, f"item {number}: {flawed}, skipped")
                continue
        try:
            fields = map_fields(item)
            if "body" not in fields:
                yield Problem(path, f"item {number}: record has no text")
                continue
            raw = _dumps(item)
            key = keys.key(_own_id(item), fields)
        except (RecursionError, ValueError):  # a value too deep to turn into text
            yield Problem(path, f"item {number}: nested too deeply, skipped")
            continue
        yield Record(path, key, "json", fields, raw)


def _first_line_is_object(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):  # a JSONDecodeError, a number too long, nesting too deep
        return False


def _items_path(document: Any, depth: int = 0) -> tuple[str, ...] | None:
    """The keys leading to the list of articles in a JSON document (none for a top-level list), or None
    when it is a single object."""
    if isinstance(document, list):
        return ()
    if not isinstance(document, dict) or depth > 2:
        return None
    by_name = {_norm_key(key): (key, value) for key, value in document.items() if isinstance(key, str)}
    is_article = any(_ALIAS_FIELD.get(name, ("", 0))[0] == "body" for name in by_name)
    for name in CONTAINER_KEYS:
        key, value = by_name.get(name, ("", None))
        if isinstance(value, list) and (not is_article or _holds_objects(value)):
            return (key,)
        if isinstance(value, dict) and not is_article:
            nested = _items_path(value, depth + 1)
            if nested is not None:
                return (key, *nested)
    if is_article:
        return None
    lists = [key for key, value in document.items() if isinstance(value, list) and _holds_objects(value)]
    return (lists[0],) if len(lists) == 1 else None


def _holds_objects(value: list[Any]) -> bool:
    return any(isinstance(item, dict) for item in value[:20])


def _skeleton(events: Iterable[tuple[str, Any]]) -> Any:
    """What :func:`_items_path` looks at in a JSON document, from ijson's ``basic_parse`` events.

    Objects are kept with all their keys where articles are looked for (the top, and under container keys
    two levels down); other objects become ``{}``, lists up to 20 placeholders (``{}`` for an object),
    other values None. Memory holds that outline, not the document.
    """
    root: Any = None
    stack: list[list[Any]] = []  # [container, key of the value being read]
    skip = 0  # depth inside a value that is passed over
    for event, value in events:
        if skip:
            if event == "start_map" or event == "start_array":
                skip += 1
            elif event == "end_map" or event == "end_array":
                skip -= 1
            continue
        if event == "map_key":
            stack[-1][1] = value
            continue
        if event == "end_map" or event == "end_array":
            stack.pop()
            continue
        node: Any = {} if event == "start_map" else [] if event == "start_array" else None
        if not stack:
            root = node
        elif isinstance(stack[-1][0], list):
            if len(stack[-1][0]) < 20:
                stack[-1][0].append({} if event == "start_map" else None)
            if node is not None:
                skip = 1
            continue
        else:
            stack[-1][0][stack[-1][1]] = node
            if isinstance(node, dict) and (len(stack) > 2 or _norm_key(stack[-1][1]) not in CONTAINER_KEYS):
                skip = 1
                continue
        if node is not None:
            stack.append([node, None])
    return root


def _parse_jsonl(path: str, text: str, keys: _Keys) -> tuple[list[Record], list[Problem]]:
    """JSON Lines already decoded (see :func:`_jsonl_records`)."""
    records: list[Record] = []
    problems: list[Problem] = []
    for item in _jsonl_records(path, enumerate(text.split("\n"), start=1), keys, MAX_LINE):
        if isinstance(item, Record):
            records.append(item)
        else:
            problems.append(item)
    return records, problems


def _jsonl_records(
    path: str, lines: Iterable[tuple[int, str | None]], keys: _Keys, max_line: int
) -> Iterator[Record | Problem]:
    """One JSON object per line; blank lines are ignored and a bad line is a problem with its number.

    A line given as None was too long to read (longer than ``max_line`` bytes).
    """
    loads = json.loads
    blank = True
    for number, line in lines:
        if line is None:
            blank = False
            yield Problem(path, f"line longer than {_size(max_line)}, skipped", number)
            continue
        if line.endswith("\r"):
            line = line[:-1]
        if not line or line.isspace():
            continue
        blank = False
        try:
            obj = loads(line)
        except json.JSONDecodeError as error:
            what = "a NUL byte" if line[error.pos : error.pos + 1] == "\x00" else error.msg
            yield Problem(path, f"invalid JSON: {what} (column {error.colno})", number)
            continue
        except RecursionError:
            yield Problem(path, "invalid JSON: nested too deeply", number)
            continue
        except ValueError:  # Python's limit on the digits of an integer
            yield Problem(path, f"a number of more than {MAX_DIGITS} digits, skipped", number)
            continue
        if not isinstance(obj, dict):
            yield Problem(path, "not a JSON object", number)
            continue
        try:
            fields = map_fields(obj)
            if "body" not in fields:
                yield Problem(path, "record has no text", number)
                continue
            key = keys.key(_own_id(obj), fields)
        except (RecursionError, ValueError):  # a value too deep to turn into text
            yield Problem(path, "nested too deeply, skipped", number)
            continue
        yield Record(path, key, "jsonl", fields, line)
    if blank:
        yield Problem(path, EMPTY)


def _size(count: int) -> str:
    """A byte count for a message: ``64 MiB``, ``900 bytes``."""
    return f"{count >> 20} MiB" if count >= 1 << 20 and not count % (1 << 20) else f"{count} bytes"
