"""Cleaning a very long body: work linear in its length (counted, not timed), and the faster paragraph-comma
regex finds exactly what the former one found."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import work_of

from indexer.clean.boilerplate import clean_record
from indexer.clean.paragraphs import _COMMA_BREAK, _SPACES_BEFORE_COMMA
from indexer.model import Record

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"

_FORMER_COMMA_BREAK = re.compile(  # the pattern before the comma was taken out of its branches
    r",(?:(?<=[.!?:\"”’],)|(?<=[.!?:\"”’][ \t],)|(?<=[.!?:\"”’][ \t][ \t],))(?:[ \t]*,)*+(?=[“‘A-Z0-9]|\"[\w(])"
    r"|(?<!,),,++(?=[“‘A-Z]|\"[\w(])"
    r"|(?<!,),++(?=loading(?:\.\.\.|…))"
)
_FORMER_SPACES_BEFORE_COMMA = re.compile(r"(?<![ \t])[ \t]{2,}+,")


def _sentences() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt")))
    return [part for part in re.split(r"(?<=[.!?])\s+", text) if len(part) > 20]


def _body(kind: str, size: int) -> str:
    rng = random.Random(size)
    pool = _sentences()
    if kind == "oneline":  # shuffled real sentences, no newline at all
        parts: list[str] = []
        while sum(map(len, parts)) < size:
            parts.append(rng.choice(pool))
        return " ".join(parts)[:size]
    if kind == "paragraphs":
        return "\n\n".join(rng.choice(pool) for _ in range(size // 120))[:size]
    if kind == "comma-joined":  # CLICK-ID's paragraphs joined by commas, on one line
        return ",".join(rng.choice(pool) for _ in range(size // 120))[:size]
    return ("Kata, dia. ,Lagi ,, loading... " * (size // 30))[:size]


@pytest.mark.parametrize("kind", ["oneline", "paragraphs", "comma-joined", "commas"])
@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_cleaning_work_grows_linearly(kind: str, fmt: Any) -> None:
    def clean(size: int) -> Callable[[], Any]:
        body = _body(kind, size)
        record = Record(path="/in/x", key="", fmt=fmt, fields={"body": body, "title": "Judul"}, raw=body)
        return lambda: clean_record(record)

    ratio = work_of(clean(400_000)) / work_of(clean(200_000))
    assert ratio < 2.3


def test_the_comma_regexes_find_what_the_former_ones_found() -> None:
    rng = random.Random(23)
    alphabet = [",", ",", ",", " ", "\t", ".", "!", ":", '"', "”", "’", "A", "a", "0", "(", "“", "‘"]
    alphabet += ["loading...", "loading…"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert _COMMA_BREAK.sub("\n\n", text) == _FORMER_COMMA_BREAK.sub("\n\n", text), repr(text)
        assert _SPACES_BEFORE_COMMA.sub(" ,", text) == _FORMER_SPACES_BEFORE_COMMA.sub(" ,", text), repr(text)
    body = _body("comma-joined", 200_000)
    assert _COMMA_BREAK.sub("\n\n", body) == _FORMER_COMMA_BREAK.sub("\n\n", body)
