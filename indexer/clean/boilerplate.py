"""Cleaning: from a raw record to a title, a body of paragraphs, a date, a source and a URL.

Article text is untrusted and messy: scraped pages carry widgets, repeated captions and pasted-twice
bodies; the benchmark corpora join paragraphs with commas (CLICK-ID) or hard-wrap them (Reuters) and
carry mojibake. Every step here is a linear scan, so a 1 MB paragraph costs what its size says.

This module puts the steps together for one record: :mod:`.paragraphs` finds the paragraphs and drops
repeats, :mod:`.furniture` drops page furniture, :mod:`.metadata` cleans the title, source and date.
"""

from __future__ import annotations

from collections.abc import Mapping

from indexer.clean.dates import dateline_at, parse_date
from indexer.clean.furniture import _FURNITURE_MAX, _drop_furniture, _furniture_key, _is_furniture
from indexer.clean.metadata import (
    TITLE_MAX,
    _derived_title,
    _site_names,
    _source_in_text,
    _with_url_date,
    clean_title,
)
from indexer.clean.paragraphs import (
    _COMMA_BREAK_SPACED,
    _LEAD_DASH,
    _comma_breaks,
    _drop_repeats,
    _paragraphs,
)
from indexer.ingest.textfix import normalise_text
from indexer.model import CleanText, Record

__all__ = ["clean_record", "clean_title", "normalise_text"]


def _field(fields: Mapping[str, object], name: str) -> str:
    value = fields.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _optional(value: str) -> str | None:
    text = " ".join(normalise_text(value).split())
    return text[:2000] or None


def _split_title(lines: list[str]) -> tuple[str, list[str]]:
    """For text files: the first line that reads as a title, and the lines after it."""
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) > TITLE_MAX:
            return "", lines[index:]  # a paragraph, not a title
        if len(stripped) <= _FURNITURE_MAX and _is_furniture(stripped, _furniture_key(stripped)):
            continue
        if dateline_at([stripped]) is not None:
            continue
        return stripped, lines[:index] + lines[index + 1 :]
    return "", []


def _drop_title_lines(lines: list[str], titles: tuple[str, ...]) -> list[str]:
    keys = {" ".join(t.split()).casefold() for t in titles if t}
    if not keys:
        return lines
    longest = max(map(len, keys)) + 10
    return [
        line for line in lines if len(line) > longest * 2 or " ".join(line.split()).casefold().lstrip("# ") not in keys
    ]


def clean_record(record: Record) -> CleanText:
    """Title, cleaned body, date, source and URL of one record."""
    fields = record.fields
    body = normalise_text(_field(fields, "body"))
    names = _site_names(fields)
    url = _optional(_field(fields, "url"))
    if record.fmt == "text":
        raw_title, lines = _split_title(body.split("\n"))
    else:
        raw_title = " ".join(normalise_text(_field(fields, "title")).split())
        lead = _LEAD_DASH.match(body)
        if lead:
            body = body[lead.end() :]
        lines = body.split("\n")
    title = clean_title(raw_title, names)
    if len(lines) == 1 and len(lines[0]) > 200:
        lines[0] = _COMMA_BREAK_SPACED.sub("\n\n", lines[0])
    lines = [_comma_breaks(line) if "," in line else line for line in lines]
    paragraphs = _drop_furniture(_paragraphs("\n".join(lines).split("\n")))

    date = parse_date(_field(fields, "date"))
    if date is None:
        dateline = dateline_at(paragraphs)
        if dateline is not None:
            del paragraphs[dateline[0]]
            date = dateline[1]
    date = _with_url_date(date, url)

    # A body that only repeats its title keeps it: an article of one sentence is still that sentence.
    paragraphs = _drop_repeats(_drop_title_lines(paragraphs, (title, raw_title)) or paragraphs)
    source = _optional(_field(fields, "source")) or _source_in_text(paragraphs)
    return CleanText(
        title=title or _derived_title(paragraphs),
        text="\n\n".join(paragraphs),
        date=date,
        source=source[:200] if source else None,
        url=url,
    )
