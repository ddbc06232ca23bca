"""Bytes to text: BOMs, UTF-8, a declared HTML charset, then charset-normalizer's guess; binary is refused."""

from __future__ import annotations

import codecs
import re

__all__ = [
    "BINARY",
    "EMPTY",
    "SNIFF_BYTES",
    "StreamText",
    "bom_encoding",
    "declared_charset",
    "decode",
    "decode_as",
    "looks_binary",
    "stream_text",
]

SNIFF_BYTES = 8192
"""How much of a file is read to tell text from binary."""
_CHARSET_SAMPLE = 1 << 20
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\x7fELF",
    b"%PDF-",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
)
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NOT_WITHOUT_BOM = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]
_WESTERN = {"cp1252", "latin_1", "iso8859_15"}
_CHAOS_TOLERANCE = 0.1
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


EMPTY = "empty file"
"""The reason given for an input with nothing but white space: a file with no articles."""
BINARY = "binary file, skipped"


def decode(data: bytes, hint: str | None = None, *, records: bool = False) -> tuple[str | None, str | None]:
    """``data`` as text, or None and the reason (:data:`EMPTY`, :data:`BINARY`).

    UTF-8 (BOM optional) and BOM-marked UTF-16/32 are read directly. Anything else is given to the
    encoding ``hint`` (e.g. an HTML ``<meta charset>``), then to charset-normalizer's best guess, where
    Windows-1252 wins among guesses about as plausible, since Western text is what such files mostly are.

    A NUL byte anywhere makes a one-article input binary. With ``records`` (JSON, CSV: many articles),
    only a start that looks binary does; a NUL further on is the problem of the record that holds it.
    """
    if not data or data.isspace():
        return None, EMPTY
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        text = data[skip:].decode(encoding, "replace")
        if _binary_text(text[:SNIFF_BYTES]) or (not records and "\x00" in text):
            return None, BINARY
    else:
        if looks_binary(data[:SNIFF_BYTES]) or (not records and b"\x00" in data):
            return None, BINARY
        text = _decode_without_bom(data, hint)
    if not text or text.isspace():
        return None, EMPTY
    return text, None


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def looks_binary(head: bytes) -> bool:
    """Whether a file's first bytes look like anything but text (no BOM check).

    Binary: a known file signature, more than a few stray NUL bytes (over 8, or over one byte in 50), or
    more than one byte in ten a control character. Text with a NUL or two in a record is not binary: the
    record that holds them is reported alone.
    """
    if not head:
        return False
    if head.startswith(_BINARY_SIGNATURES):
        return True
    nuls = head.count(b"\x00")
    if nuls > 8 or nuls * 50 > len(head):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return (controls + nuls) * 10 > len(head)


def _binary_text(head: str) -> bool:
    """Whether decoded text (UTF-16/32 with a BOM) starts like binary data: more than a few stray NULs."""
    nuls = head.count("\x00")
    return nuls > 8 or nuls * 50 > len(head)


def _decode_without_bom(data: bytes, hint: str | None) -> str:
    encoding, text = _choose(data, hint)
    return text if text is not None else decode_as(data, encoding)


def _choose(data: bytes, hint: str | None) -> tuple[str, str | None]:
    """The encoding of ``data`` (no BOM) and, when trying it gave it already, the text."""
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    repaired = data.decode("utf-8", "replace")
    damaged = repaired.count("\ufffd")
    wide = len(repaired) - len(repaired.encode("ascii", "ignore")) - damaged
    if wide > damaged:
        # Mostly valid multi-byte UTF-8 with a few broken bytes: keep it UTF-8.
        return "utf-8", repaired
    if hint:
        try:
            return hint, data.decode(hint)
        except (UnicodeDecodeError, LookupError):
            pass
    return _guess_encoding(data), None


def decode_as(data: bytes, encoding: str) -> str:
    """``data`` in ``encoding``; what does not fit is read as Latin-1 for Windows-1252, else replaced."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        if encoding == "cp1252":
            return data.decode("latin-1")
        return data.decode(encoding, "replace")


class StreamText:
    """How to decode a stream read in pieces, its encoding chosen from its first bytes (see :func:`stream_text`)."""

    def __init__(self, encoding: str, bom: int, fallback: str | None) -> None:
        self.encoding = encoding
        self.bom = bom
        """Length of the byte-order mark to skip."""
        self.wide = encoding.startswith(("utf-16", "utf-32"))
        """UTF-16/32: lines can only be split after decoding (see :meth:`incremental`)."""
        self._fallback = fallback

    def line(self, data: bytes) -> str:
        """One line of an ASCII-compatible encoding.

        When the start was valid UTF-8 and a later line is not, that line's own guess is kept for the
        lines after it that are not valid UTF-8 either.
        """
        try:
            return data.decode(self.encoding)
        except UnicodeDecodeError:
            pass
        if self._fallback is None:
            self._fallback = _choose(data, None)[0]
        return decode_as(data, self._fallback)

    def incremental(self) -> codecs.IncrementalDecoder:
        """A decoder for the stream in chunks (after the BOM); what does not decode is replaced."""
        return codecs.getincrementaldecoder(self.encoding)("replace")


def stream_text(head: bytes, complete: bool) -> tuple[StreamText | None, str | None]:
    """How to decode a stream that starts with ``head`` (all of it when ``complete``), or None and the reason.

    The choice is :func:`decode`'s on ``head`` with ``records`` (streams hold many records: JSON Lines,
    large JSON), so a stream no longer than ``head`` decodes as the whole would; the reasons are the same.
    """
    if complete and (not head or head.isspace()):
        return None, EMPTY
    bom = bom_encoding(head)
    if bom is not None:
        encoding, skip = bom
        if _binary_text(head[skip : skip + 4 * SNIFF_BYTES].decode(encoding, "replace")[:SNIFF_BYTES]):
            return None, BINARY
        return StreamText(encoding, skip, encoding), None
    if looks_binary(head[:SNIFF_BYTES]):
        return None, BINARY
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        return StreamText("utf-8", 0, None), None
    except UnicodeDecodeError:
        pass
    sample = head if complete else head[: head.rfind(b"\n") + 1] or head
    encoding = _choose(sample, None)[0]
    return StreamText(encoding, 0, encoding), None


def _guess_encoding(data: bytes) -> str:
    """charset-normalizer's guess for ``data`` (a sample of it), preferring Windows-1252 when about as good."""
    from charset_normalizer import from_bytes

    sample = data
    if len(sample) > _CHARSET_SAMPLE:
        sample = data[:_CHARSET_SAMPLE]
        cut = sample.rfind(b"\n")
        if cut > 0:
            sample = sample[: cut + 1]
    try:
        matches = list(from_bytes(sample, cp_exclusion=_NOT_WITHOUT_BOM))
    except Exception:  # a failed guess falls back to Windows-1252
        return "cp1252"
    if not matches:
        return "cp1252"
    least = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= least + _CHAOS_TOLERANCE and _WESTERN.intersection(match.could_be_from_charset):
            return "cp1252"
    best = min(matches, key=lambda match: match.chaos)
    return best.encoding


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, if Python knows it."""
    found = _META_CHARSET.search(data[:4096])
    if found is None:
        return None
    name = found.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
