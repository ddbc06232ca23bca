"""Entity recognition: persons, organisations, places, dates and named events in news text.

``annotate(text, lang=None, published=None)`` returns :class:`Entity` spans of ``text``, sorted and not
overlapping, each with a canonical name. Rules and tables, no model: names known from the knowledge
tables (``data/knowledge``, ``$WARTA_KNOWLEDGE``) by longest match (:mod:`.gazetteer`), unknown names
by their form and context (:mod:`.rules`), dates by pattern (:mod:`.dates`), short forms and acronyms
by the article itself (:mod:`.resolve`). Indonesian first, English too; the language is detected
when not given. Nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from indexer.entities.dates import find_dates
from indexer.entities.gazetteer import Match, gazetteer
from indexer.entities.model import ENTITY_TYPES, Entity, EntityType
from indexer.entities.resolve import resolve
from indexer.entities.rules import Found, find_names
from indexer.entities.tagger import Context, TaggerModel, build_context, load_model, tag
from indexer.entities.tokens import Tokens, tokenize
from indexer.lang import detect_language
from indexer.model import PartialDate

__all__ = ["ENTITY_TYPES", "Analysis", "Entity", "EntityType", "analyse", "annotate"]


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
    analysis = analyse(text, language, published)
    names = analysis.names
    model = load_model() if language == "id" else None
    if model is not None:
        names = _tagged(analysis, model)
    return _merge(names, analysis.dates)


@dataclass(slots=True)
class Analysis:
    """What the rules make of a text: its tokens, dates, the tokens dates cover, known names, names."""

    tokens: Tokens
    dates: list[Entity]
    blocked: list[bool]
    matches: list[Match]
    names: list[Entity]

    def context(self) -> Context:
        """The gazetteer's and the rules' tags per token, for the tagger."""
        index = {start: k for k, start in enumerate(self.tokens.starts)}
        ends = self.tokens.ends
        named: list[tuple[int, int, str]] = []
        for entity in self.names:
            first = index.get(entity.start)
            if first is None:
                continue
            last = first
            while last + 1 < len(ends) and ends[last] < entity.end:
                last += 1
            named.append((first, last, entity.type))
        known = [(m.first, m.last, m.known.type) for m in self.matches]
        return build_context(self.tokens, known, named)


def analyse(text: str, language: str, published: PartialDate | None = None) -> Analysis:
    """Dates, known names and the rules' names of ``text`` (``language`` ``"id"`` or ``"en"``)."""
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
    return Analysis(tokens, dates, blocked, matches, names)


def _tagged(analysis: Analysis, model: TaggerModel) -> list[Entity]:
    """Persons, organisations and places as the tagger bounds and types them, with canonical names from
    the tables and the rules where they agree on the span, and from :func:`.resolve` otherwise.

    The rules keep what the tagger does not look at: named events (MISC), which come first, and names
    outside its windows (lines in capitals, "afederasi.com")."""
    tokens = analysis.tokens
    starts, ends = tokens.starts, tokens.ends
    by_tokens = {(m.first, m.last): m for m in analysis.matches}
    by_span = {(e.start, e.end): e for e in analysis.names}
    events = [e for e in analysis.names if e.type == "MISC"]
    spans, looked = tag(model, tokens, analysis.blocked, analysis.context())
    found: list[Found] = []
    for first, last, kind in spans:
        match = by_tokens.get((first, last))
        start, end = starts[first], ends[last]
        if any(event.start < end and start < event.end for event in events):
            continue
        canonical: str | None = None
        if match is not None and match.known.type == kind:
            end = match.end
            canonical = match.known.canonical
        else:
            rule = by_span.get((start, end))
            if rule is not None and rule.type == kind:
                canonical = rule.canonical
        found.append(Found(first, last, start, end, cast(EntityType, kind), canonical, True, match is not None))
    names = resolve(tokens, found) + events
    ranges = [(starts[first], ends[end - 1]) for first, end in looked]
    for entity in analysis.names:
        if entity.type != "MISC" and not any(s < entity.end and entity.start < e for s, e in ranges):
            names.append(entity)
    return names


def _merge(names: list[Entity], dates: list[Entity]) -> list[Entity]:
    """Both lists in offset order; on overlap the earlier (then longer) span stays."""
    merged: list[Entity] = []
    last_end = 0
    for entity in sorted(names + dates, key=lambda e: (e.start, -e.end)):
        if entity.start >= last_end and entity.end > entity.start:
            merged.append(entity)
            last_end = entity.end
    return merged
