"""HTML pages: one record each, the main text as trafilatura extracts it."""

from __future__ import annotations

from typing import Any

from indexer.ingest.fields import _Keys, _to_text
from indexer.model import Problem, Record


def _parse_html(path: str, text: str, keys: _Keys) -> tuple[list[Record], list[Problem]]:
    """One record: the page's main text as trafilatura extracts it, with its title, date, site and URL."""
    import trafilatura

    result = trafilatura.bare_extraction(text, include_comments=False, with_metadata=True)
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
