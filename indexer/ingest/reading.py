"""Input readers: find the files to index, decode their bytes and map each article to a :class:`Record`.

The readers only decode, parse and map fields; cleaning the text is :mod:`indexer.clean.boilerplate`'s job. Nothing
here raises on bad input: whatever cannot be used becomes a :class:`Problem` with a one-line message.

Inputs are read as streams (:func:`read_records`): JSON Lines a line at a time, large JSON an item at a
time, ``.gz`` files through gzip, and standard input (``-``) like a file named :data:`STDIN`.
"""

from __future__ import annotations

import csv
import errno
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import IO, Any, Literal, Protocol, cast

from indexer.ingest.decoding import (
    SNIFF_BYTES,
    StreamText,
    bom_encoding,
    declared_charset,
    decode,
    looks_binary,
    stream_text,
)
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

STDIN = "<stdin>"
"""The path of standard input (``-`` on the command line) in records, problems and the catalogue."""

JSON_IN_MEMORY = 4 << 20
"""JSON up to this many bytes is parsed whole, as it always was; a larger document is read item by item.

Measured on 10 MB of articles: whole 0.19 s and 43 MB at the peak; item by item 0.17 s for a list, 0.29 s
for an object holding it (read twice), under 1 MB.
"""

MAX_LINE = 64 << 20
"""A JSON line longer than this many bytes is skipped without being held in memory."""

_HEAD = 1 << 20
"""How much of a stream is looked at to choose its encoding."""
_CHUNK = 1 << 16


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
    """The reader chosen by ``path``'s extension (the one before ``.gz``), or None when it is not supported."""
    return FORMATS.get(os.path.splitext(_inner_name(path))[1].lower())


def is_gzip(path: str) -> bool:
    """Whether ``path`` is read through gzip (its name ends with ``.gz``)."""
    return path.lower().endswith(".gz")


def _inner_name(path: str) -> str:
    """``path`` without a ``.gz`` extension: the name of what the file holds."""
    return path[:-3] if is_gzip(path) else path


# ---------------------------------------------------------------------------------------------- discovery


def discover(paths: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """Expand files and folders into the absolute paths of the files to read, in order, without repeats.

    Folders are walked recursively in sorted order, skipping hidden entries and files whose extension is
    not supported (``x.jsonl.gz`` counts as ``x.jsonl``). A file named explicitly is kept whatever its
    extension, unless it is not supported and its first bytes look binary. ``-`` is standard input
    (:data:`STDIN`).
    """
    found: list[str] = []
    seen: set[str] = set()
    problems: list[Problem] = []

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.append(path)

    for given in paths:
        if given == "-":
            add(STDIN)
            continue
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


class InputError(Exception):
    """The input cannot be read on (a broken .gz file, a read error); the message is the one-line reason."""


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
            yield from _jsonl_records(self.path, _lines(stream, decoding), self._keys)
            return
        ijson = _ijson()
        try:
            if start[:1] == "[":
                where: tuple[str, ...] | None = ()
            elif start[:1] == "{":  # first the outline, to learn where the articles are; then the articles
                if not self._reopen:
                    stream = self._spooled(stream)
                stream.read(decoding.bom)
                where = _items_path(_skeleton(ijson.basic_parse(_Utf8(stream, decoding))))
                stream = self._open()
            else:
                raise InputError("JSON holds no article objects")
            if where is None:  # one big article
                yield from _parse_whole(self.path, "json", stream.read(), self._keys)
                return
            stream.read(decoding.bom)
            items = ijson.items(_Utf8(stream, decoding), ".".join((*where, "item")), use_float=True)
            yield from _json_items(self.path, items, self._keys)
        except ijson.JSONError as error:
            message = str(error).strip().split("\n", 1)[0]
            raise InputError(f"invalid JSON: {message}") from None


def _ijson() -> Any:
    """The ijson module (its C backend when installed), imported when a large JSON file is read."""
    import ijson  # type: ignore[import-untyped]

    return ijson


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    return (error.strerror or "cannot read file").lower()


class _Source(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...
    def readline(self, size: int = -1, /) -> bytes: ...


class _Stream:
    """A binary input read in pieces, with bytes put back in front; read errors become :class:`InputError`.

    A read error after some bytes is kept for the next read: what came before it is used, but not a
    line it cut.
    """

    def __init__(self, source: _Source) -> None:
        self._source = source
        # one read of the source's own source at a time: a gzip error then loses nothing read before it
        self._read: Callable[[int], bytes] = getattr(source, "read1", source.read)
        self._head = b""
        self._at = 0
        self._error: InputError | None = None

    def unread(self, data: bytes) -> None:
        """Put ``data`` back in front of what is left to read."""
        self._head = data + self._head[self._at :]
        self._at = 0

    def check(self) -> None:
        """Raise the read error kept for later, if any."""
        if self._error is not None:
            raise self._error

    def read(self, size: int = -1) -> bytes:
        """``size`` bytes (fewer only at the end), or all that is left."""
        parts: list[bytes] = []
        if self._at < len(self._head):
            end = len(self._head) if size < 0 else min(len(self._head), self._at + size)
            parts.append(self._head[self._at : end])
            self._at = end
            size = size if size < 0 else size - len(parts[0])
        if self._at >= len(self._head):
            self._head, self._at = b"", 0
            try:
                while size:
                    self.check()
                    chunk = self._guard(self._read, _CHUNK if size < 0 else min(size, _CHUNK))
                    if not chunk:
                        break
                    parts.append(chunk)
                    size = size if size < 0 else size - len(chunk)
            except InputError as error:
                if size < 0 or not parts:
                    raise
                self._error = error
        return b"".join(parts)

    def readline(self, limit: int) -> bytes:
        """The next line with its ``\\n``, cut at ``limit`` bytes."""
        if self._at < len(self._head):
            end = self._head.find(b"\n", self._at, self._at + limit)
            stop = end + 1 if end >= 0 else min(len(self._head), self._at + limit)
            line = self._head[self._at : stop]
            self._at = stop
            if self._at >= len(self._head):
                self._head, self._at = b"", 0
            if end >= 0 or len(line) == limit:
                return line
            return line + self._line(limit - len(line))
        return self._line(limit)

    def _line(self, limit: int) -> bytes:
        self.check()
        return self._guard(self._source.readline, limit)

    @staticmethod
    def _guard(read: Callable[[int], bytes], size: int) -> bytes:
        try:
            return read(size)
        except EOFError:
            raise InputError("not a valid gzip file (it ends early)") from None
        except (gzip.BadGzipFile, zlib.error):
            raise InputError("not a valid gzip file") from None
        except OSError as error:
            raise InputError(_os_reason(error)) from None


class _Utf8:
    """A stream decoded as :class:`StreamText` says, then encoded as UTF-8 (what ijson reads)."""

    def __init__(self, stream: _Stream, decoding: StreamText) -> None:
        self._stream = stream
        self._decoder = decoding.incremental()

    def read(self, size: int) -> bytes:
        if size == 0:  # ijson asks for nothing first, to learn the type
            return b""
        while True:
            chunk = self._stream.read(size)
            text = self._decoder.decode(chunk, final=not chunk)
            if text or not chunk:
                return text.encode("utf-8")


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
    text, reason = decode(data, hint)
    del data
    if text is None:
        yield Problem(path, reason or "cannot decode file")
        return
    if fmt == "text":
        yield Record(path, keys.key("", "", text), "text", {"body": text}, text)
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
    yield from _jsonl_records(path, _lines(stream, decoding), keys)


def _lines(stream: _Stream, decoding: StreamText) -> Iterator[tuple[int, str | None]]:
    """Numbered lines of a stream, None for one longer than :data:`MAX_LINE` (skipped, never held whole)."""
    if decoding.wide:
        yield from _wide_lines(stream, decoding)
        return
    number = 0
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(_CHUNK)
            yield number, None
            continue
        yield number, decoding.line(line[:-1] if line.endswith(b"\n") else line)


def _wide_lines(stream: _Stream, decoding: StreamText) -> Iterator[tuple[int, str | None]]:
    """Numbered lines of UTF-16/32 text, split after decoding."""
    decoder = decoding.incremental()
    parts: list[str] = []  # of the line being read
    size = 0
    too_long = False
    number = 0
    while True:
        chunk = stream.read(_CHUNK)
        *ended, rest = decoder.decode(chunk, final=not chunk).split("\n")
        for piece in ended:
            number += 1
            too_long = too_long or size + len(piece) > MAX_LINE
            yield number, None if too_long else "".join([*parts, piece])
            parts, size, too_long = [], 0, False
        if not too_long:
            parts.append(rest)
            size += len(rest)
            if size > MAX_LINE:
                parts, too_long = [], True
        if not chunk:
            if too_long or size:
                yield number + 1, None if too_long else "".join(parts)
            return


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

    def __init__(self, by_content: bool = False) -> None:
        self._count: dict[str, int] = {}
        self._by_content = by_content

    def key(self, own: str, position: str, raw: str) -> str:
        """The record's own id, else its ``position`` (``line:3``), or with ``by_content`` a hash of ``raw``."""
        if own:
            return self.unique(own)
        if self._by_content:
            return self.unique("sha:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16])
        return self.unique(position)

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


def _parse_html(path: str, text: str, keys: _Keys) -> tuple[list[Record], list[Problem]]:
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
    return [Record(path, keys.key("", "", text), "html", fields, text)], []


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
    for item in _jsonl_records(path, enumerate(text.split("\n"), start=1), keys):
        if isinstance(item, Record):
            records.append(item)
        else:
            problems.append(item)
    return records, problems


def _jsonl_records(path: str, lines: Iterable[tuple[int, str | None]], keys: _Keys) -> Iterator[Record | Problem]:
    """One JSON object per line; blank lines are ignored and a bad line is a problem with its number.

    A line given as None was too long to read.
    """
    loads = json.loads
    blank = True
    for number, line in lines:
        if line is None:
            blank = False
            yield Problem(path, f"line longer than {_size(MAX_LINE)}, skipped", number)
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
    """A header row naming the columns, then one article per row (``row:N`` counts data rows from 1)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text, tabs))
    records: list[Record] = []
    problems: list[Problem] = []
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
            raw = json.dumps(obj, ensure_ascii=False)
            records.append(Record(path, keys.key(_own_id(obj), f"row:{number}", raw), "csv", fields, raw))
    except csv.Error as error:
        problems.append(Problem(path, f"invalid CSV: {error}", line))
    return records, problems


def _header(row: list[str]) -> list[str]:
    names: list[str] = []
    for index, cell in enumerate(row):
        name = cell.strip() or f"column_{index + 1}"
        names.append(name)
    return names
