"""JSON text made safe to parse, so that one bad value costs its record and not the whole document.

A value nested more than :data:`MAX_DEPTH` deep, a number of more than :data:`MAX_DIGITS` characters and a
raw NUL byte inside a string each stop a JSON parser (or, for ijson, make it build paths without end).
:class:`JsonGuard` rewrites such values, a piece of text at a time, into marker strings that :func:`flaw`
finds in the parsed record, which is then reported and skipped alone.

Numbers that Python reads but ijson's C parser does not (integers beyond 64 bits, doubles beyond the
largest) are carried through as marker strings too, and :func:`flaw` puts the numbers back: JSON read item
by item gives the records that JSON parsed whole gives.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

MAX_DEPTH = 500
"""Deepest nesting read in a JSON document (its items included); a value deeper makes its item a problem."""

MAX_DIGITS = sys.get_int_max_str_digits() or 4300
"""Longest number read; Python refuses to convert longer integers (a guard against quadratic work)."""

DEEP = "\x00warta:deep\x00"
NUMBER = "\x00warta:number\x00"
_KEPT = "\x00warta:n:"
"""Starts a marker that carries a number to put back (``_KEPT`` and the number as written)."""
_DEEP_JSON = json.dumps(DEEP)
_NUMBER_JSON = json.dumps(NUMBER)
_WIDE_INT = 19
"""Digits from which an integer may not fit in 64 bits (ijson's C parser stops at such an integer)."""

_STRING_BODY = r'[^"\\\x00]*(?:\\[^\x00][^"\\\x00]*)*'
"""The inside of a string without a NUL, escapes and all (one pass: no nested repetition to backtrack into)."""
_PLAIN = re.compile(
    r'[^"\[\]{}0-9\-]*(?:(?:"' + _STRING_BODY + r'"|-?[0-9][0-9.]{0,16}(?=[^0-9.eE+\-]))[^"\[\]{}0-9\-]*)*'
)
"""What needs no look outside strings: anything but brackets, whole strings without a NUL, short plain numbers."""
_INSIDE = re.compile(_STRING_BODY)
"""The rest of a string up to its end, a NUL, or an escape cut by the end of the piece."""
_NUMBER = re.compile(r"-?[0-9][0-9.eE+\-]*")


class JsonGuard:
    """Rewrites JSON text given in pieces (:meth:`feed`); the output parses wherever the input would, and
    also where a value was too deep, a number too long or a string held a NUL byte."""

    def __init__(self, max_depth: int = MAX_DEPTH) -> None:
        self.changed = False
        """Whether a value was replaced by a marker."""
        self.nul = False
        """Whether a string held a raw NUL byte (written as ``\\u0000``: its record is a problem)."""
        self._max_depth = max_depth
        self._depth = 0
        self._skip = 0  # depth inside a value being dropped
        self._in_string = False
        self._in_long_number = False  # dropping the rest of a number already replaced
        self._carry = ""
        # the piece being rewritten: its text, what is written out, where the text not yet written starts
        self._text = ""
        self._out: list[str] = []
        self._start = 0

    def feed(self, text: str, final: bool = False) -> str:
        """The next piece of the rewritten text (with ``final``, the last)."""
        text = self._carry + text if self._carry else text
        self._carry = ""
        self._text, self._out, self._start = text, [], 0
        pos = 0
        end = len(text)
        if self._in_long_number:
            found = _NUMBER_REST.match(text)
            pos = self._start = found.end() if found else 0
            self._in_long_number = pos == end and not final
        while pos < end:
            step = self._in_string_step if self._in_string else self._outside_step
            stop = step(pos, final)
            if stop < 0:  # the rest may go on in the next piece
                self._carry = text[pos:]
                end = pos
                break
            pos = stop
        if not self._skip and self._start < end:
            self._out.append(text[self._start : end])
        out = "".join(self._out)
        self._text, self._out = "", []
        return out

    def _replace(self, pos: int, stop: int, marker: str) -> None:
        """Write ``marker`` instead of the text from ``pos`` to ``stop``."""
        self._out.append(self._text[self._start : pos])
        self._out.append(marker)
        self._start = stop
        self.changed = True

    def _in_string_step(self, pos: int, final: bool) -> int:
        """Read on in a string from ``pos``: where to go on, or -1 to wait for the next piece."""
        text = self._text
        found = _INSIDE.match(text, pos)
        if found:
            pos = found.end()
            if pos == len(text):
                return pos
        char = text[pos]
        if char == '"':
            self._in_string = False
            return pos + 1
        stop = pos + 1
        if char == "\\":
            if stop == len(text):
                return -1 if not final else stop
            stop += 1  # an escaped NUL: as bad as a raw one
        self.nul = True  # a raw NUL: written as an escape, and its record reported
        if not self._skip:
            self._out.append(text[self._start : pos])
            self._out.append("\\u0000")
        self._start = stop
        return stop

    def _outside_step(self, pos: int, final: bool) -> int:
        """Read on outside strings from ``pos``: where to go on, or -1 to wait for the next piece."""
        text = self._text
        found = _PLAIN.match(text, pos)
        if found:
            pos = found.end()
            if pos == len(text):
                return pos
        char = text[pos]
        if char == '"':
            self._in_string = True
        elif char in "[{":
            if self._skip:
                self._skip += 1
            elif self._depth >= self._max_depth:
                self._replace(pos, pos, _DEEP_JSON)
                self._skip = 1
            else:
                self._depth += 1
        elif char in "]}":
            if self._skip:
                self._skip -= 1
                if not self._skip:
                    self._start = pos + 1
            elif self._depth:
                self._depth -= 1
        else:
            return self._number(pos, final)
        return pos + 1

    def _number(self, pos: int, final: bool) -> int:
        """Read the number at ``pos``: where to go on, or -1 to wait for the next piece."""
        text = self._text
        last = pos + 1 == len(text) and not final
        number = _NUMBER.match(text, pos)
        if number is None:  # a "-" alone (the parser will say what is wrong), or at the end of the piece
            return -1 if last else pos + 1
        stop = number.end()
        token = number.group()
        at_end = stop == len(text) and not final
        if at_end and len(token) <= MAX_DIGITS:
            return -1  # it may go on in the next piece
        if not self._skip:
            marker = _NUMBER_JSON if len(token) > MAX_DIGITS else _kept(token)
            if marker:
                self._replace(pos, stop, marker)
                self._in_long_number = at_end
        return stop


_NUMBER_REST = re.compile(r"[0-9.eE+\-]*")


def _kept(token: str) -> str | None:
    """A marker carrying a number that ijson cannot read but Python can, else None (the number is left)."""
    if "." in token or "e" in token or "E" in token:
        try:
            wide = math.isinf(float(token))
        except ValueError:  # not a number: the parser will say so
            return None
    else:
        wide = len(token.lstrip("-")) >= _WIDE_INT
    return json.dumps(_KEPT + token) if wide else None


def flaw(value: Any, nul: bool) -> str | None:
    """Why a record read from guarded text cannot be used (it holds a marker of a value left out, or a NUL
    when ``nul``), or None; markers carrying numbers are put back as the numbers, in place."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                if isinstance(key, str) and nul and "\x00" in key:
                    return "a NUL byte in a string"
                if isinstance(inner, str) and inner.startswith(_KEPT):
                    item[key] = _number(inner)
                else:
                    stack.append(inner)
        elif isinstance(item, list):
            for index, inner in enumerate(item):
                if isinstance(inner, str) and inner.startswith(_KEPT):
                    item[index] = _number(inner)
                else:
                    stack.append(inner)
        elif isinstance(item, str):
            if item == DEEP:
                return f"nested more than {MAX_DEPTH} deep"
            if item == NUMBER:
                return f"a number of more than {MAX_DIGITS} digits"
            if nul and "\x00" in item:
                return "a NUL byte in a string"
    return None


def _number(marker: str) -> int | float:
    token = marker[len(_KEPT) :]
    return float(token) if "." in token or "e" in token or "E" in token else int(token)
