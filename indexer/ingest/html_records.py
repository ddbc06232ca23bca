"""HTML pages: one record each, the main text as trafilatura extracts it."""

from __future__ import annotations

from typing import Any

from indexer.ingest.fields import _Keys, _to_text
from indexer.model import Problem, Record

_DATE_EVIDENCE = {"extensive_search": False, "original_date": True, "min_date": "1800-01-01", "max_date": "2100-12-31"}
"""How the page's publication date is looked for (htmldate, through trafilatura): only in its markup (meta
tags, JSON-LD, ``<time>``, elements classed as dates, the URL), never by the extensive search of the text,
which makes a number of running text or a table a date ("tercatat 2019 ton" was 2019-01-01, a table of
years 1995-01-01). The bounds are those of :mod:`indexer.clean.dates`, not today's date. A dateline in
the text is still found by the cleaner (:func:`indexer.clean.dates.dateline_at`)."""


EXTRACTION_CHARS = 1_000_000
"""Pages longer than this are not given to trafilatura, whose extraction grows with the square of the page
(1 MB 4.4 s, 2 MB 19.5 s): their text is every paragraph of the page, read by lxml in linear time, and
their title the ``<title>``. News pages are far shorter (their markup and scripts included)."""


def _parse_html(path: str, text: str, keys: _Keys) -> tuple[list[Record], list[Problem]]:
    """One record: the page's main text as trafilatura extracts it, with its title, date, site and URL."""
    found = _plain_page(text) if len(text) > EXTRACTION_CHARS else _extracted(text)
    body = _to_text(found.get("text"))
    if not body.strip():
        return [], [Problem(path, "no article text found")]
    fields = {"body": body}
    for name, key in (("title", "title"), ("date", "date"), ("source", "sitename"), ("url", "url")):
        value = _to_text(found.get(key))
        if value.strip():
            fields[name] = value
    return [Record(path, keys.key("", fields, whole=True), "html", fields, text)], []


def _extracted(text: str) -> dict[str, Any]:
    """What trafilatura finds in a page: its main text and metadata."""
    import trafilatura

    result = trafilatura.bare_extraction(
        text, include_comments=False, with_metadata=True, date_extraction_params=dict(_DATE_EVIDENCE)
    )
    if isinstance(result, dict):
        return result
    return result.as_dict() if result is not None else {}


_BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "article", "section")


def _plain_page(text: str) -> dict[str, Any]:
    """The text of every block of a long page, without scripts and styles, and its ``<title>``."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return {}
    etree.strip_elements(root, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    title = root.findtext(".//title") or ""
    body = root.find("body")
    for element in root.iter(*_BLOCKS):  # a line break after each block, then the text of the whole
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in (body if body is not None else root).text_content().splitlines())
    blocks = [line for line in lines if line]
    return {"title": " ".join(title.split()), "text": "\n".join(blocks)}
