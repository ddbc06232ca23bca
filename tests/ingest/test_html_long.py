"""A page too long for trafilatura (whose extraction grows with the square of the page) is read by lxml."""

from __future__ import annotations

import pytest
from support import work_of

from indexer.ingest import html_records
from indexer.ingest.reading import parse_bytes

PAGE = (
    "<html><head><title>Banjir  di Jakarta</title><script>var x = 'skrip';</script></head><body>"
    "<div class='nav'>Beranda</div>"
    + "".join(f"<p>Paragraf {i} tentang <b>banjir</b> di Jakarta.</p>" for i in range(300))
    + "<ul><li>satu</li><li>dua</li></ul><style>p { color: red }</style></body></html>"
)


def test_a_long_page_is_read_without_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("trafilatura was given a long page")

    monkeypatch.setattr(trafilatura, "bare_extraction", refuse)
    monkeypatch.setattr(html_records, "EXTRACTION_CHARS", 1_000)
    records, problems = parse_bytes("page.html", PAGE.encode())
    assert problems == [] and len(records) == 1
    fields = records[0].fields
    assert fields["title"] == "Banjir di Jakarta"
    lines = fields["body"].splitlines()
    assert lines[:3] == ["Beranda", "Paragraf 0 tentang banjir di Jakarta.", "Paragraf 1 tentang banjir di Jakarta."]
    assert lines[-2:] == ["satu", "dua"] and len(lines) == 303
    assert "skrip" not in fields["body"] and "color" not in fields["body"]


def test_a_page_of_usual_length_still_goes_to_trafilatura() -> None:
    records, _ = parse_bytes("page.html", PAGE.encode())
    assert len(PAGE) < html_records.EXTRACTION_CHARS
    assert records and "Beranda" not in records[0].fields["body"].splitlines()[:1]


def _page(paragraphs: int) -> str:
    body = "".join(f"<p>Paragraf {i} tentang <b>banjir</b> di Jakarta.</p>" for i in range(paragraphs))
    return f"<html><head><title>Banjir</title></head><body>{body}</body></html>"


def test_the_work_on_a_long_page_grows_with_its_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted in calls and returns, not seconds: reading twice the page costs at most 2.5 times the work."""
    monkeypatch.setattr(html_records, "EXTRACTION_CHARS", 1_000)
    calls = []
    for paragraphs in (20_000, 40_000):
        page = _page(paragraphs).encode()
        calls.append(work_of(lambda page=page: parse_bytes("page.html", page)))
        records, _ = parse_bytes("page.html", page)
        assert len(records[0].fields["body"].splitlines()) == paragraphs
    assert calls[1] <= 2.5 * calls[0]
