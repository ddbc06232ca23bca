"""Untrusted strings made safe to show: article text never reaches the terminal as markup or escape codes.

Everything the index holds (titles, sources, text) and everything the user types is shown through
``rich.text.Text`` built from plain strings — never parsed as Rich or Textual markup — after
:func:`printable` has replaced control characters by visible stand-ins. The replacement keeps the
length of the string, so character offsets computed by the engine (match spans) still hold.
"""

from __future__ import annotations

import re

from rich.style import StyleType
from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls, and the bidirectional embeddings, overrides and isolates ("Trojan source":
U+202E turns the rest of a title around in a terminal that applies the Unicode bidi algorithm)."""
_SPACE_LIKE = "\t\r"
_CONTROL_PICTURES = 0x2400
"""Unicode block of visible symbols for the C0 controls: ␀ … ␟ (␛ for ESC)."""


def _visible(character: str, one_line: bool) -> str:
    code = ord(character)
    if character == "\n":
        return " " if one_line else "\n"
    if character in _SPACE_LIKE:
        return " "
    if code < 0x20:
        return chr(_CONTROL_PICTURES + code)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 and bidi controls have no picture of their own


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character replaced by one visible character.

    Tabs and carriage returns become spaces; other controls become their Unicode control pictures
    (``\\x1b`` → ``␛``), so an escape sequence shows as text instead of acting on the terminal;
    C1 controls and bidi overrides become ``\\ufffd``.
    Newlines are kept unless ``one_line``. The result has the same length as ``text``.
    """
    return _CONTROL.sub(lambda match: _visible(match.group(), one_line), text)


def plain(text: str | None, style: StyleType = "") -> Text:
    """One line of untrusted text as a ``Text`` (no markup, no wrapping: cut with an ellipsis)."""
    return Text(printable(text or "", one_line=True), style=style, no_wrap=True, overflow="ellipsis", end="")


def human_size(size: int) -> str:
    """Bytes as a short human-readable size: ``512 B``, ``164 KiB``, ``1.2 MiB``."""
    units = ("B", "KiB", "MiB", "GiB", "TiB")
    value = float(size)
    unit = 0
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    return f"{value:.1f} {units[unit]}" if unit and value < 10 else f"{value:.0f} {units[unit]}"
