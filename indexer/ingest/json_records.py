"""JSON and JSON Lines: where a document keeps its articles, and a record for each article object."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from indexer.ingest.fields import _ALIAS_FIELD, _Keys, _norm_key, _own_id, map_fields
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
    """A list of objects, an object holding such a list (under ``articles``, ``data``…) or one object."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _first_line_is_object(text):
            return _parse_jsonl(path, text, keys)  # JSON Lines saved as .json
        return [], [Problem(path, f"invalid JSON: {error.msg} (column {error.colno})", error.lineno)]
    where = _items_path(document)
    if where is None:
        if not isinstance(document, dict):
            return [], [Problem(path, "JSON holds no article objects")]
        fields = map_fields(document)
        if "body" not in fields:
            return [], [Problem(path, "record has no text")]
        raw = json.dumps(document, ensure_ascii=False)
        return [Record(path, keys.key(_own_id(document), "", raw), "json", fields, raw)], []
    items = document
    for key in where:
        items = items[key]
    records: list[Record] = []
    problems: list[Problem] = []
    for item in _json_items(path, items, keys):
        if isinstance(item, Record):
            records.append(item)
        else:
            problems.append(item)
    return records, problems


def _json_items(path: str, items: Iterable[Any], keys: _Keys) -> Iterator[Record | Problem]:
    """A record for each article object of a JSON list (``item:N`` counts its items from 1)."""
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield Problem(path, f"item {number}: not a JSON object")
            continue
        fields = map_fields(item)
        if "body" not in fields:
            yield Problem(path, f"item {number}: record has no text")
            continue
        raw = json.dumps(item, ensure_ascii=False)
        yield Record(path, keys.key(_own_id(item), f"item:{number}", raw), "json", fields, raw)


def _first_line_is_object(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
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
            yield Problem(path, f"invalid JSON: {error.msg} (column {error.colno})", number)
            continue
        except RecursionError:
            yield Problem(path, "invalid JSON: nested too deeply", number)
            continue
        if not isinstance(obj, dict):
            yield Problem(path, "not a JSON object", number)
            continue
        fields = map_fields(obj)
        if "body" not in fields:
            yield Problem(path, "record has no text", number)
            continue
        yield Record(path, keys.key(_own_id(obj), f"line:{number}", line), "jsonl", fields, line)
    if blank:
        yield Problem(path, "empty file")


def _size(count: int) -> str:
    """A byte count for a message: ``64 MiB``, ``900 bytes``."""
    return f"{count >> 20} MiB" if count >= 1 << 20 and not count % (1 << 20) else f"{count} bytes"
