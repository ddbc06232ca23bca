"""Events: who did what to whom, where and when, as news sentences report it; linked across articles.

``extract_events(doc_id, text, entities, lang, published)`` reads :class:`EventMention` records from
one article's cleaned text and its entities (:mod:`.extract`); ``link(mentions)`` groups the mentions
of one real-world event into an :class:`Event` with a deterministic id (:mod:`.link`);
``related(...)`` ranks events for a document (:mod:`.related`). Plain data, no index, no UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from indexer.language.events.link import actor_key, date_distance, dates_compatible, link, link_keys, probe_keys
from indexer.language.events.model import (
    EVENT_TYPES,
    FAMILY,
    Event,
    EventMention,
    EventType,
    Mention,
    RelatedEvent,
    family,
)
from indexer.language.events.related import EventIndex, related
from indexer.language.events.summary import says_something, summarize

if TYPE_CHECKING:
    from indexer.language.events.extract import extract_events, to_partial_date

_EXTRACTION = ("extract_events", "to_partial_date")
"""Loaded on first use: extraction's word tables take a tenth of a second to import, and reading an
index (the browser, ``warta search``) needs the events' model, linking and ranking, not extraction."""


def __getattr__(name: str) -> Any:
    if name in _EXTRACTION:
        from indexer.language.events import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "EVENT_TYPES",
    "FAMILY",
    "Event",
    "EventIndex",
    "EventMention",
    "EventType",
    "Mention",
    "RelatedEvent",
    "actor_key",
    "date_distance",
    "dates_compatible",
    "extract_events",
    "family",
    "link",
    "link_keys",
    "probe_keys",
    "related",
    "says_something",
    "summarize",
    "to_partial_date",
]
