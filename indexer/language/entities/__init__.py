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
from typing import TYPE_CHECKING

from indexer.language.entities.model import ENTITY_TYPES, Entity, EntityType
from indexer.language.limits import ANALYSED_CHARS, analysed_part
from indexer.model import PartialDate

if TYPE_CHECKING:
    from indexer.language.entities.gazetteer import Match
    from indexer.language.entities.tagger import Context
    from indexer.language.entities.tokens import Tokens

# The recogniser itself (tables, rules, tagger) is imported when first used: the store, the catalogue
# and the command line need only :class:`Entity`, and a command such as ``warta related`` starts faster.

__all__ = ["ENTITY_TYPES", "Analysis", "Entity", "EntityType", "analyse", "annotate"]


def _language(text: str, lang: str | None) -> tuple[str, bool]:
    """The language to read ``text`` in, and whether the Indonesian tagger may read it: given or
    detected Indonesian, or too short to tell with no more English function words than Indonesian
    ("Pasukan Rusia bergerak.", not "Russia and Ukraine met.")."""
    if lang in ("id", "en"):
        return lang, lang == "id"
    from indexer.language.detect import detect_language, function_words

    detected = detect_language(text)
    if detected in ("id", "en"):
        return detected, detected == "id"
    indonesian, english = function_words(text)
    return "id", english <= indonesian


def annotate(
    text: str,
    lang: str | None = None,
    published: PartialDate | None = None,
    disabled: frozenset[str] = frozenset(),
    limit: int | None = ANALYSED_CHARS,
) -> list[Entity]:
    """Entities of ``text``: ``text[e.start:e.end] == e.text``, sorted by offset, never overlapping.

    ``lang`` is ``"id"``, ``"en"`` or None/``"auto"`` (detected with :func:`indexer.language.detect.detect_language`);
    ``published`` resolves relative dates ("kemarin", "pada hari Senin", "pekan lalu"); ``disabled``
    switches combiner rules off by name (:data:`.span_rules.RULES`), to measure one rule's effect: on
    text the tagger reads (Indonesian) only. :class:`ValueError` for a name that is no rule's.
    Only the first ``limit`` characters are read (:func:`indexer.language.limits.analysed_part`; None:
    all of them, in time linear in the text's length).
    """
    if disabled:
        from indexer.language.entities.span_rules import check_names

        check_names(disabled)
    if not isinstance(text, str) or not text:
        return []
    text = analysed_part(text, limit)
    language, indonesian = _language(text, lang)
    analysis = analyse(text, language, published)
    names = analysis.names
    if indonesian:
        from indexer.language.entities.combine import combine
        from indexer.language.entities.tagger import load_model

        names = combine(analysis, load_model(), disabled=disabled)
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
        from indexer.language.entities.tagger import build_context

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
    from indexer.language.entities.dates import find_dates
    from indexer.language.entities.gazetteer import gazetteer
    from indexer.language.entities.resolve import resolve
    from indexer.language.entities.rules import find_names
    from indexer.language.entities.tokens import tokenize

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
    names = resolve(tokens, find_names(tokens, matches, blocked, language), language)
    return Analysis(tokens, dates, blocked, matches, names)


def _merge(names: list[Entity], dates: list[Entity]) -> list[Entity]:
    """Both lists in offset order; on overlap the earlier (then longer) span stays."""
    merged: list[Entity] = []
    last_end = 0
    for entity in sorted(names + dates, key=lambda e: (e.start, -e.end)):
        if entity.start >= last_end and entity.end > entity.start:
            merged.append(entity)
            last_end = entity.end
    return merged
