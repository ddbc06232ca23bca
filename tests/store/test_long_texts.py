"""Indexing a long text: the same terms as Whoosh makes of :func:`analyze`, in memory that does not grow with
every position (a 50 MB article took 1.2 GB in the writer process, with a string of every form and a list
of every position)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from whoosh import fields

from indexer.store import analysis
from indexer.store.analysis import TextParts, analyze, build_schema

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "000_082d6fc98803b495.txt"
TEXTS = [
    ("", ""),
    ("Judul", ""),
    ("", "isi saja"),
    ("Presiden di dalam Istana", "Yang di dalam kunjungan itu, the meetings of the U.S. di"),
    ("x", "İstanbul ÉCOLE, U.S. don’t 3.5 a,a,a.b.c  Über-müde naïve café, di dalam kota ΟΔΟΣ:Α"),
    ("Judul", SAMPLE.read_text(encoding="utf-8")),
]


def _whoosh(field: fields.FieldType, parts: tuple[str, ...]) -> list[tuple[bytes, int, float, bytes]]:
    """What Whoosh's own field indexing makes of the string :func:`analyze` writes."""
    return list(fields.TEXT.index(field, analyze(*parts)))


@pytest.mark.parametrize("chunk", [5, 1 << 18])
@pytest.mark.parametrize("parts", TEXTS)
def test_a_text_is_indexed_as_whoosh_indexes_its_analysed_form(
    parts: tuple[str, ...], chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analysis, "_CHUNK", chunk)  # words found a few characters at a time, or all at once
    for name in ("title", "text"):
        field = build_schema()[name]
        assert list(field.index(TextParts(parts))) == _whoosh(field, parts)


def test_indexing_a_long_text_takes_memory_for_its_words_not_a_string_of_every_form() -> None:
    paragraph = SAMPLE.read_text(encoding="utf-8")
    text = (paragraph + "\n") * (4_000_000 // len(paragraph))
    field = build_schema()["text"]
    analyze("Judul", paragraph)  # stems known beforehand, as in a long run
    tracemalloc.start()
    try:
        terms = sum(1 for _ in field.index(TextParts(("Judul", text))))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert terms > 100
    assert peak < 5 * len(text)  # 2.6 times the text's length; 19 times through the string of every form
