"""Entity recognition: persons, organisations, places, dates and named events in news text.

``annotate(text, lang=None, published=None)`` returns :class:`Entity` spans of ``text``, sorted and not
overlapping, each with a canonical name. Rules and tables, no model: names known from the knowledge
tables (``data/knowledge``, ``$WARTA_KNOWLEDGE``) by longest match (:mod:`.gazetteer`), unknown names
by their form and context (:mod:`.rules`), dates by pattern (:mod:`.dates`), short forms and acronyms
by the article itself (:mod:`.resolve`). Indonesian first, English too; the language is detected
when not given. Nothing is downloaded.
"""

from __future__ import annotations

from indexer.entities.dates import find_dates
from indexer.entities.gazetteer import gazetteer
from indexer.entities.model import ENTITY_TYPES, Entity, EntityType
from indexer.entities.resolve import resolve
from indexer.entities.rules import find_names
from indexer.entities.tokens import tokenize
from indexer.lang import detect_language
from indexer.model import PartialDate

__all__ = ["ENTITY_TYPES", "Entity", "EntityType", "annotate"]


def _language(text: str, lang: str | None) -> str:
    if lang in ("id", "en"):
        return lang
    detected = detect_language(text)
    return detected if detected in ("id", "en") else "id"


def annotate(text: str, lang: str | None = None, published: PartialDate | None = None) -> list[Entity]:
    """Entities of ``text``: ``text[e.start:e.end] == e.text``, sorted by offset, never overlapping.

    ``lang`` is ``"id"``, ``"en"`` or None/``"auto"`` (detected with :func:`indexer.lang.detect_language`);
    ``published`` resolves relative dates ("kemarin", "pada hari Senin", "pekan lalu").
    """
    if not isinstance(text, str) or not text:
        return []
    language = _language(text, lang)
    dates = find_dates(text, published)
    tokens = tokenize(text)
    blocked = [False] * len(tokens)
    if dates:
        index = 0
        starts, ends = tokens.starts, tokens.ends
        for date in dates:
            while index < len(tokens) and ends[index] <= date.start:
                index += 1
            k = index
            while k < len(tokens) and starts[k] < date.end:
                blocked[k] = True
                k += 1
    matches = gazetteer().find_all(tokens, language)
    names = resolve(tokens, find_names(tokens, matches, blocked, language))
    return _merge(names, dates)


def _merge(names: list[Entity], dates: list[Entity]) -> list[Entity]:
    """Both lists in offset order; on overlap the earlier (then longer) span stays."""
    merged: list[Entity] = []
    last_end = 0
    for entity in sorted(names + dates, key=lambda e: (e.start, -e.end)):
        if entity.start >= last_end and entity.end > entity.start:
            merged.append(entity)
            last_end = entity.end
    return merged
