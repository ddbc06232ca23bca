"""Input readers: find the files to index, decode their bytes and map each article to a :class:`Record`.

The readers only decode, parse and map fields; cleaning the text is :mod:`indexer.clean.boilerplate`'s job. Nothing
here raises on bad input: whatever cannot be used becomes a :class:`Problem` with a one-line message.

Inputs are read as streams (:func:`read_records`): JSON Lines a line at a time, large JSON an item at a
time, ``.gz`` files through gzip, and standard input (``-``) like a file named :data:`STDIN`.

This module is the entry point (:class:`RecordReader` and the functions around it); the parts live beside it:
:mod:`~indexer.ingest.discovery` (which files, which format), :mod:`~indexer.ingest.streams` (reading in
pieces, lines), :mod:`~indexer.ingest.fields` (field mapping, record keys) and the readers of each format,
:mod:`~indexer.ingest.json_records`, :mod:`~indexer.ingest.csv_records` and :mod:`~indexer.ingest.html_records`.
The limits :data:`JSON_IN_MEMORY`, :data:`MAX_LINE` and ``_HEAD`` are read here, and passed down.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any, cast

from indexer.ingest.csv_records import _parse_csv
from indexer.ingest.decoding import EMPTY, SNIFF_BYTES, bom_encoding, declared_charset, decode, stream_text
from indexer.ingest.discovery import FORMATS, STDIN, Format, _inner_name, discover, format_of, is_gzip
from indexer.ingest.fields import FIELD_ALIASES, _Keys, map_fields
from indexer.ingest.html_records import _parse_html
from indexer.ingest.json_guard import JsonGuard
from indexer.ingest.json_records import (
    CONTAINER_KEYS,
    MAX_LINE,
    _first_line_is_object,
    _items_path,
    _json_items,
    _jsonl_records,
    _parse_json,
    _skeleton,
)
from indexer.ingest.streams import _CHUNK, InputError, _lines, _os_reason, _Stream, _Utf8
from indexer.model import Problem, Record

__all__ = [
    "CONTAINER_KEYS",
    "FIELD_ALIASES",
    "FORMATS",
    "JSON_IN_MEMORY",
    "MAX_LINE",
    "STDIN",
    "Format",
    "InputError",
    "RecordReader",
    "decode",
    "discover",
    "format_of",
    "is_gzip",
    "map_fields",
    "parse_bytes",
    "read_file",
    "read_records",
]

JSON_IN_MEMORY = 4 << 20
"""JSON up to this many bytes is parsed whole, as it always was; a larger document is read item by item.

Measured on 10 MB of articles: whole 0.19 s and 43 MB at the peak; item by item 0.17 s for a list, 0.29 s
for an object holding it (read twice), under 1 MB.
"""

_HEAD = 1 << 20
"""How much of a stream is looked at to choose its encoding."""


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

    Unknown extensions are read as plain text; ``.gz`` data is decompressed first.
    """
    path = os.path.abspath(path)
    records: list[Record] = []
    problems: list[Problem] = []
    for item in RecordReader(path, lambda: io.BytesIO(data)):
        if isinstance(item, Record):
            records.append(item)
        else:
            problems.append(item)
    return records, problems


def read_records(path: str, fmt: Format | None = None) -> RecordReader:
    """The records of the file ``path``, read as a stream; :data:`STDIN` reads standard input.

    ``fmt`` overrides the format the extension selects; standard input without it is sniffed.
    """
    if path == STDIN:
        return RecordReader(STDIN, _stdin, fmt, reopen=False)
    path = os.path.abspath(path)
    return RecordReader(path, lambda: open(path, "rb"), fmt)


def _stdin() -> IO[bytes]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise OSError(errno.EBADF, "no standard input")
    return cast("IO[bytes]", stream)


class RecordReader:
    """The records and problems of one input, in order: iterate over it once.

    Memory holds a JSON line or JSON item at a time; plain text, HTML, CSV and JSON up to
    :data:`JSON_IN_MEMORY` are read whole. Nothing raises: a broken input ends with a problem.
    """

    def __init__(
        self, path: str, opener: Callable[[], IO[bytes]], fmt: Format | None = None, *, reopen: bool = True
    ) -> None:
        self.path = path
        self.complete = False
        """Whether the input was read to its end (a problem with the whole input may still have been reported)."""
        self.empty = False
        """Whether the input held nothing but white space (reported as :data:`EMPTY`): it has no articles."""
        self._opener = opener
        self._fmt = fmt
        self._reopen = reopen
        self._raw: IO[bytes] | None = None
        self._stream: _Stream | None = None
        self._spool: IO[bytes] | None = None
        self._keys = _Keys(by_content=path == STDIN)

    @property
    def bytes_read(self) -> int:
        """Input bytes read so far (compressed bytes for a .gz file); 0 when unknown."""
        try:
            return self._raw.tell() if self._raw is not None else 0
        except (OSError, ValueError):
            return 0

    def __iter__(self) -> Iterator[Record | Problem]:
        for item in self._items():
            if isinstance(item, Problem) and item.message == EMPTY and item.line is None:
                self.empty = True
            yield item

    def _items(self) -> Iterator[Record | Problem]:
        fmt = self._fmt or format_of(self.path) or "text"
        try:
            stream = self._open()
            if self._fmt is None and self.path == STDIN:
                fmt = _sniff_format(stream)
            if fmt == "jsonl":
                yield from _read_jsonl(self.path, stream, self._keys)
            elif fmt == "json":
                yield from self._read_json(stream)
            else:
                data = stream.read()
                yield from _parse_whole(self.path, fmt, data, self._keys)
            while self._stream is not None and self._stream.read(_CHUNK):
                pass  # to the end, where gzip checks what it read
            self.complete = True
        except InputError as error:
            yield Problem(self.path, str(error))
        except OSError as error:  # opening the file
            yield Problem(self.path, _os_reason(error))
        except RecursionError:
            yield Problem(self.path, f"{fmt} nested too deeply, skipped")
        except ImportError as error:
            yield Problem(self.path, f"cannot read {fmt} files: module {error.name or 'trafilatura'} is not installed")
        except MemoryError:
            yield Problem(self.path, "file too large to parse in memory")
        except Exception as error:  # a reader must never stop a run: report and go on
            yield Problem(self.path, f"cannot read {fmt} file ({type(error).__name__})")
        finally:
            self._close()
            if self._spool is not None:
                self._spool.close()

    def _open(self) -> _Stream:
        """The input from its start, decompressed (standard input is decompressed when it starts like gzip)."""
        self._close()
        if self._spool is not None:
            self._spool.seek(0)
            self._stream = _Stream(self._spool)
            return self._stream
        raw = self._opener()
        self._raw = raw
        stream = _Stream(raw)
        if self.path == STDIN:
            magic = stream.read(2)
            stream.unread(magic)
            if magic == b"\x1f\x8b":
                stream = _Stream(gzip.GzipFile(fileobj=stream, mode="rb"))  # type: ignore[call-overload]
        elif is_gzip(self.path):
            stream = _Stream(gzip.GzipFile(fileobj=raw, mode="rb"))
        self._stream = stream
        return stream

    def _close(self) -> None:
        if self._raw is not None and self.path != STDIN:
            self._raw.close()
        self._raw = None

    def _spooled(self, stream: _Stream) -> _Stream:
        """What is left of ``stream`` copied to a temporary file, to be read more than once."""
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed when the reading ends)
        shutil.copyfileobj(stream, self._spool)
        return self._open()

    def _read_json(self, stream: _Stream) -> Iterator[Record | Problem]:
        """Small JSON parsed whole; larger JSON item by item (ijson), or line by line when it is JSON Lines."""
        head = stream.read(JSON_IN_MEMORY + 1)
        stream.check()  # no JSON is read from a part of a broken file
        if len(head) <= JSON_IN_MEMORY:
            yield from _parse_whole(self.path, "json", head, self._keys)
            return
        decoding, reason = stream_text(head[:_HEAD], complete=False)
        if decoding is None:
            yield Problem(self.path, reason or "cannot decode file")
            return
        start = decoding.incremental().decode(head[decoding.bom : _HEAD]).lstrip()
        stream.unread(head)
        del head
        if _first_line_is_object(start):
            stream.read(decoding.bom)
            yield from _jsonl_records(self.path, _lines(stream, decoding, MAX_LINE), self._keys, MAX_LINE)
            return
        ijson = _ijson()
        try:
            if start[:1] == "[":
                where: tuple[str, ...] | None = ()
            elif start[:1] == "{":  # first the outline, to learn where the articles are; then the articles
                if not self._reopen:
                    stream = self._spooled(stream)
                stream.read(decoding.bom)
                where = _items_path(_skeleton(ijson.basic_parse(_Utf8(stream, decoding, JsonGuard()))))
                stream = self._open()
            else:
                raise InputError("JSON holds no article objects")
            if where is None:  # one big article
                yield from _parse_whole(self.path, "json", stream.read(), self._keys)
                return
            stream.read(decoding.bom)
            guard = JsonGuard()
            items = ijson.items(_Utf8(stream, decoding, guard), ".".join((*where, "item")), use_float=True)
            yield from _json_items(self.path, items, self._keys, guard)
        except ijson.JSONError as error:
            message = str(error).strip().split("\n", 1)[0]
            raise InputError(f"invalid JSON: {message}") from None


def _ijson() -> Any:
    """The ijson module (its C backend when installed), imported when a large JSON file is read."""
    import ijson  # type: ignore[import-untyped]

    return ijson


def _sniff_format(stream: _Stream) -> Format:
    """What standard input looks like: JSON (or JSON Lines, which the JSON reader tells apart), HTML or text."""
    head = stream.read(SNIFF_BYTES)
    stream.unread(head)
    bom = bom_encoding(head)
    text = head[bom[1] :].decode(bom[0], "replace") if bom else head.decode("utf-8", "replace")
    start = text.lstrip()
    if start[:1] in ("{", "["):
        return "json"
    if re.match(r"<[!?a-zA-Z]", start):
        return "html"
    return "text"


def _parse_whole(path: str, fmt: Format, data: bytes, keys: _Keys) -> Iterator[Record | Problem]:
    """Decode ``data``, all of the input, and read its articles as ``fmt``."""
    hint = declared_charset(data) if fmt == "html" else None
    text, reason = decode(data, hint, records=fmt in ("json", "csv"))
    del data
    if text is None:
        yield Problem(path, reason or "cannot decode file")
        return
    if fmt == "text":
        fields = {"body": text}
        yield Record(path, keys.key("", fields, whole=True), "text", fields, text)
        return
    if fmt == "html":
        records, problems = _parse_html(path, text, keys)
    elif fmt == "json":
        records, problems = _parse_json(path, text, keys)
    else:
        records, problems = _parse_csv(path, text, tabs=_inner_name(path).lower().endswith(".tsv"), keys=keys)
    yield from records
    yield from problems


def _read_jsonl(path: str, stream: _Stream, keys: _Keys) -> Iterator[Record | Problem]:
    """JSON Lines read a line at a time; the encoding is chosen from the first megabyte."""
    head = stream.read(_HEAD)
    stream.unread(head)
    decoding, reason = stream_text(head, complete=len(head) < _HEAD)
    del head
    if decoding is None:
        yield Problem(path, reason or "cannot decode file")
        return
    stream.read(decoding.bom)
    yield from _jsonl_records(path, _lines(stream, decoding, MAX_LINE), keys, MAX_LINE)
