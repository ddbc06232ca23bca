"""Binary inputs read in pieces: put-back bytes, read errors as :class:`InputError`, lines cut at a limit."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from typing import Protocol

from indexer.ingest.decoding import StreamText
from indexer.ingest.json_guard import JsonGuard

_CHUNK = 1 << 16


class InputError(Exception):
    """The input cannot be read on (a broken .gz file, a read error); the message is the one-line reason."""


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
    """A stream decoded as :class:`StreamText` says, rewritten by ``guard`` (a :class:`JsonGuard`), then
    encoded as UTF-8 (what ijson reads)."""

    def __init__(self, stream: _Stream, decoding: StreamText, guard: JsonGuard) -> None:
        self._stream = stream
        self._decoder = decoding.incremental()
        self._guard = guard

    def read(self, size: int) -> bytes:
        if size == 0:  # ijson asks for nothing first, to learn the type
            return b""
        while True:
            chunk = self._stream.read(size)
            text = self._guard.feed(self._decoder.decode(chunk, final=not chunk), final=not chunk)
            if text or not chunk:
                return text.encode("utf-8", "surrogatepass")


def _lines(stream: _Stream, decoding: StreamText, max_line: int) -> Iterator[tuple[int, str | None]]:
    """Numbered lines of a stream, None for one longer than ``max_line`` bytes (skipped, never held whole).

    ``max_line`` is :data:`indexer.ingest.reading.MAX_LINE`, passed in by the reader.
    """
    if decoding.wide:
        yield from _wide_lines(stream, decoding, max_line)
        return
    number = 0
    while True:
        line = stream.readline(max_line + 1)
        if not line:
            return
        number += 1
        if len(line) > max_line and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(_CHUNK)
            yield number, None
            continue
        yield number, decoding.line(line[:-1] if line.endswith(b"\n") else line)


def _wide_lines(stream: _Stream, decoding: StreamText, max_line: int) -> Iterator[tuple[int, str | None]]:
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
            too_long = too_long or size + len(piece) > max_line
            yield number, None if too_long else "".join([*parts, piece])
            parts, size, too_long = [], 0, False
        if not too_long:
            parts.append(rest)
            size += len(rest)
            if size > max_line:
                parts, too_long = [], True
        if not chunk:
            if too_long or size:
                yield number + 1, None if too_long else "".join(parts)
            return
