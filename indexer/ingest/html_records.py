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


def _parse_html(path: str, text: str, keys: _Keys) -> tuple[list[Record], list[Problem]]:
    """One record: the page's main text as trafilatura extracts it, with its title, date, site and URL."""
    import trafilatura

    result = trafilatura.bare_extraction(
        text, include_comments=False, with_metadata=True, date_extraction_params=dict(_DATE_EVIDENCE)
    )
    found: dict[str, Any] = {}
    if isinstance(result, dict):
        found = result
    elif result is not None:
        found = result.as_dict()
    body = _to_text(found.get("text"))
    if not body.strip():
        return [], [Problem(path, "no article text found")]
    fields = {"body": body}
    for name, key in (("title", "title"), ("date", "date"), ("source", "sitename"), ("url", "url")):
        value = _to_text(found.get(key))
        if value.strip():
            fields[name] = value
    return [Record(path, keys.key("", fields, whole=True), "html", fields, text)], []
