"""Characters of untrusted text: mojibake repaired, escape sequences and control characters removed, NFC.

Fast on clean text (the common case is a few ``str`` scans); ftfy did the same at ten times the cost.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalise_text"]


def _charmap(encoding: str) -> dict[str, int]:
    """Character → byte for the upper half of a single-byte encoding (holes read as Latin-1)."""
    table: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode(encoding)
        except UnicodeDecodeError:
            char = chr(byte)
        table[char] = byte
        if encoding == "cp1252" and byte < 0xA0:
            table.setdefault(chr(byte), byte)  # text decoded as Latin-1 instead of cp1252
    return table


_COMMON_LEADS = frozenset("“”‘’–—…«»\xa0€·éèàáóòñçüöäíúêôîãõïëùûÿ")
"""Lead characters of mojibake that are also common in correct text: not enough to suspect mojibake."""


class _Mojibake:
    """UTF-8 bytes that were decoded with a single-byte code page, found and decoded again."""

    def __init__(self, encoding: str) -> None:
        self.table = _charmap(encoding)

        def chars(low: int, high: int, *, rare: bool = False) -> str:
            found = (c for c, b in self.table.items() if low <= b <= high and not (rare and c in _COMMON_LEADS))
            return "[" + "".join(re.escape(c) for c in found) + "]"

        cont = chars(0x80, 0xBF)
        lead = chars(0xC2, 0xF4)
        self.hint = re.compile(chars(0xC2, 0xF4, rare=True))
        """A lead character rarely seen in correct text: cheap to look for, and then the patterns run."""
        self.run = re.compile(f"{lead}{cont}+(?:{lead}{cont}+)*")
        """Candidate runs; starting with a plain character set keeps the scan quick."""
        self.exact = re.compile(
            f"(?:{chars(0xC2, 0xDF)}{cont}|{chars(0xE0, 0xEF)}{cont}{{2}}|{chars(0xF0, 0xF4)}{cont}{{3}})+"
        )
        """Well-formed UTF-8 sequences only, for a run that does not decode whole."""

    def _decode(self, found: str) -> str | None:
        try:
            fixed = bytes(self.table[c] for c in found).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            return None
        if len(fixed) == 1 and not _plausible_single(fixed):
            return None  # e.g. a real “ before a real É would read as one Cyrillic letter
        return fixed

    def _repair_exact(self, match: re.Match[str]) -> str:
        found = match.group()
        return self._decode(found) or found

    def repair(self, match: re.Match[str]) -> str:
        """The run decoded again, or its well-formed parts decoded again, or the run as it was."""
        found = match.group()
        fixed = self._decode(found)
        return fixed if fixed is not None else self.exact.sub(self._repair_exact, found)


_MOJIBAKE = (_Mojibake("mac_roman"), _Mojibake("cp1252"))
"""UTF-8 read as Mac Roman (CLICK-ID's ``¬†``, ``‚Äú``) and as Windows-1252/Latin-1 (``â€œ``)."""


def _plausible_single(char: str) -> bool:
    """Whether one repaired character is what mojibake usually hides: accents, punctuation, symbols."""
    code = ord(char)
    return 0xA0 <= code <= 0x24F or 0x2000 <= code <= 0x22FF


def _fix_mojibake(text: str) -> str:
    """Re-decode UTF-8 that was read with a single-byte code page; leave anything doubtful alone."""
    if text.isascii():
        return text
    for mojibake in _MOJIBAKE:
        if mojibake.hint.search(text) is None:
            continue
        fixed = mojibake.run.sub(mojibake.repair, text)
        if fixed != text:
            return fixed  # one wrong code page per text; the other is not tried on top
    return text


_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|\x1b\][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\)?"  # OSC: titles, hyperlinks
    r"|\x1b[PX^_][^\x1b\n]{0,512}(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape
)
_SPECIAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\xa0\xad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f"
    "\u2800\u3000\ud800-\udfff\ufeff\ufff9-\ufffb\ufffe\uffff]"
)


def _translation() -> dict[int, str | None]:
    """What :func:`normalise_text` does to each special character: a space, a line break, or nothing."""
    table: dict[int, str | None] = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)])  # controls: dropped
    table.update({0x09: " ", 0x0A: "\n", 0x0B: "\n", 0x0C: "\n", 0x0D: "\n", 0x1C: "\n", 0x1D: "\n", 0x1E: "\n"})
    table.update({0x85: "\n", 0x2028: "\n", 0x2029: "\n"})
    spaces = [0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x2800, 0x3000]  # 0x2800: braille blank
    table.update(dict.fromkeys(spaces, " "))
    # soft hyphen, zero-width space and marks (the Arabic letter mark too), bidi embeddings/overrides/isolates,
    # invisible operators, byte order marks, lone surrogates (undecodable bytes), interlinear annotations,
    # non-characters
    marks = [0xAD, 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2060, 0x2070)]
    table.update(dict.fromkeys(marks))
    table.update(dict.fromkeys([0xFEFF, *range(0xD800, 0xE000), *range(0xFFF9, 0xFFFC), 0xFFFE, 0xFFFF]))
    return table


_TRANSLATION = _translation()


def normalise_text(text: str) -> str:
    """Repair mojibake, drop terminal escapes, control and invisible characters, unify spaces; NFC."""
    text = _fix_mojibake(text)
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    if "\xa0" in text:
        text = text.replace("\xa0", " ")  # by far the commonest: str.replace is much quicker than translate
    if _SPECIAL.search(text):
        text = text.translate(_TRANSLATION)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
