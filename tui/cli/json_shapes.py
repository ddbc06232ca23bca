"""Every ``--json`` payload of ``warta``, and the writers that print them.

The shapes are a contract pinned by tests (tests/tui/test_cli.py): pure functions from the engine's
dataclasses to plain dicts, one per command, so that a change to an output shows up here and nowhere
else. ``emit_json`` prints one payload as a line of UTF-8 JSON on stdout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from indexer.catalog.articles import DocRow
from indexer.language.events import Event, RelatedEvent
from indexer.store import Hit, NamedEntity, SearchResult, StoredDocument

if TYPE_CHECKING:
    from indexer.language.entities import Entity

SNIPPET_OPEN, SNIPPET_CLOSE = "«", "»"
"""How matches are marked in the ``snippet`` strings of ``--json`` output."""


def emit_json(payload: dict[str, Any]) -> None:
    """One payload on stdout, as a line of JSON, non-ASCII text as it is. ``tui.cli.main`` writes stdout
    through ``tui.cli.console.SafeStream``, which turns the controls ``json.dumps`` leaves raw (DEL, C1,
    bidi, lone surrogates) into ``\\uNNNN`` escapes: the JSON stays valid and holds the same text."""
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def emit_json_line(payload: dict[str, Any]) -> None:
    """One JSON line (``annotate --jsonl``), written as :func:`emit_json` writes."""
    emit_json(payload)


def _snippet_string(hit: Hit) -> str:
    return "".join(f"{SNIPPET_OPEN}{text}{SNIPPET_CLOSE}" if match else text for text, match in hit.snippet)


def hit_json(hit: Hit) -> dict[str, Any]:
    """A hit as in ``warta search --json``."""
    return {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date,
        "source": hit.source,
        "path": hit.path,
        "score": hit.score,
        "snippet": _snippet_string(hit),
    }


def search_json(result: SearchResult) -> dict[str, Any]:
    """``warta search --json``: the query, the number of hits, the hits shown, notice, suggestion, and
    what a prefix, wildcard, range or fuzzy term stood for when it was cut to its most frequent words."""
    return {
        "query": result.query,
        "total": result.total,
        "hits": [hit_json(hit) for hit in result.hits],
        "notice": result.notice,
        "suggestion": result.suggestion,
        "expansion": result.expansion,
    }


def list_row_json(row: DocRow) -> dict[str, Any]:
    """An article of ``warta list --json``."""
    return {"id": row.id, "title": row.title, "date": row.date, "source": row.source, "path": row.path}


def list_json(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """``warta list --json``, from rows made by :func:`list_row_json`."""
    return {"documents": list(documents)}


def document_json(doc: StoredDocument, raw: bool = False, events: Sequence[Event] = ()) -> dict[str, Any]:
    """An article as in ``warta show --json``; ``entities`` point into ``text`` (none for the raw input)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "path": doc.path,
        "lang": doc.lang,
        "text": doc.raw if raw else doc.text,
        "entities": [] if raw else [entity.as_json() for entity in doc.entities],
        "events": [event.as_json() for event in events],
    }


def named_entity_json(entity: NamedEntity) -> dict[str, Any]:
    """A canonical entity as in ``warta entities --json``."""
    return {
        "type": entity.type,
        "canonical": entity.canonical,
        "documents": entity.documents,
        "aliases": [{"text": text, "documents": documents} for text, documents in entity.aliases],
    }


def entities_json(named: Iterable[NamedEntity]) -> dict[str, Any]:
    """``warta entities --json``."""
    return {"entities": [named_entity_json(entity) for entity in named]}


def events_json(events: Sequence[Event], total: int | None = None) -> dict[str, Any]:
    """``warta events --json``: the timeline, and how many events it has without ``--limit`` (``total``)."""
    return {"events": [event.as_json() for event in events], "total": len(events) if total is None else total}


def related_json(doc_id: str, ranked: Sequence[RelatedEvent]) -> dict[str, Any]:
    """``warta related --json``: each event with the names it shares with the article."""
    return {
        "doc_id": doc_id,
        "events": [
            {
                **item.event.as_json(),
                "shared": list(item.shared),
                "own": item.own,
                "score": item.as_json()["score"],
                "same_event": item.same_event,
            }
            for item in ranked
        ],
    }


def annotation_json(entities: Iterable[Entity]) -> dict[str, Any]:
    """``warta annotate``: the entities of the text on stdin."""
    return {"entities": [entity.as_json() for entity in entities]}


def annotation_line_json(record_id: object, entities: Iterable[Entity]) -> dict[str, Any]:
    """A line of ``warta annotate --jsonl``: the input line's ``id`` and the entities of its text."""
    return {"id": record_id, "entities": [entity.as_json() for entity in entities]}
