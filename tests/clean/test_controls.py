"""Cleaning drops every bidi control and C1 control from an article's text, title and source (U+061C, the
Arabic letter mark, survived)."""

from __future__ import annotations

import json
import re

import pytest

from indexer.clean.boilerplate import clean_record
from indexer.model import Record

BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
C1 = list(range(0x80, 0xA0))
FORBIDDEN = re.compile("[" + "".join(map(chr, BIDI + C1)) + "]")


@pytest.mark.parametrize("code", BIDI + C1, ids=lambda code: f"U+{code:04X}")
@pytest.mark.parametrize("fmt", ["jsonl", "html", "text"])
def test_a_bidi_or_c1_control_is_dropped_from_text_title_and_source(code: int, fmt: str) -> None:
    mark = chr(code)
    fields = {
        "title": f"Judul{mark} berita {mark}penting",
        "body": f"Presiden{mark} tiba di Jakarta.{mark}\n\nIa bertemu {mark}menteri.",
        "source": f"Kantor{mark} Berita",
    }
    if fmt == "text":
        fields = {"body": f"{fields['title']}\n\n{fields['body']}"}
    cleaned = clean_record(Record("/in/x", "", fmt, fields, json.dumps(fields)))  # type: ignore[arg-type]
    for value in (cleaned.title, cleaned.text, cleaned.source or ""):
        assert not FORBIDDEN.search(value), (value, f"U+{code:04X}")
    # U+0085 is a line break, and the 8-bit CSI U+009B goes with the escape sequence it opens ("\x9b31m")
    if code not in (0x85, 0x9B):
        assert cleaned.title == "Judul berita penting"
        assert cleaned.text == "Presiden tiba di Jakarta.\n\nIa bertemu menteri."


def test_a_source_found_in_the_text_has_no_control_either() -> None:
    body = "JAKARTA, (afede\u061crasi.com\u202e) - Presiden tiba di Jakarta pada Senin pagi untuk rapat."
    cleaned = clean_record(Record("/in/x", "", "jsonl", {"title": "Judul", "body": body}, body))
    assert cleaned.source == "afederasi.com"
    assert not FORBIDDEN.search(cleaned.text)
