"""An article laid out for the article pane: styled, wrapped, and where each match, entity and marked
sentence falls (:func:`lay_out`, pure: a worker thread may call it).

The text is untrusted: it is laid out as a ``rich.text.Text`` built from plain strings (never parsed
as markup) after control characters were made visible (:func:`tui.text.printable`). Matches come from
the engine (``Store.matches``) as character spans; each marked span carries its number in its style's
meta, so after wrapping the pane knows which line holds which match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.console import Console
from rich.style import Style
from rich.text import Text

from indexer.language.entities.model import ENTITY_TYPES, Entity
from tui.library import OpenedArticle, Span
from tui.text import printable

MATCH_META = "warta.match"
"""Style meta key holding a marked span's match number."""
SENTENCE_META = "warta.sentence"
"""Style meta key marking the sentence an event was opened at."""
ENTITY_META = "warta.entity"
"""Style meta key holding an entity span's number (its index in ``document.entities``)."""
LEGEND = {"PERSON": "person", "ORG": "organisation", "LOC": "place", "DATE": "date", "MISC": "other"}
"""Entity types as the legend names them, in the legend's order."""
PLACEHOLDER = "Choose an article in the list; Enter opens it."


def match_number(style: str | Style) -> int | None:
    """The match number a span's style was tagged with, if any."""
    return _meta_number(style, MATCH_META)


def entity_number(style: str | Style) -> int | None:
    """The entity number a span's style was tagged with, if any."""
    return _meta_number(style, ENTITY_META)


def _meta_number(style: str | Style, key: str) -> int | None:
    if isinstance(style, Style):
        number = style.meta.get(key)
        if isinstance(number, int):
            return number
    return None


def entity_label(entity: Entity) -> str:
    """``PERSON Xi Jinping``: the type and the name the mention stands for (as written when there is none)."""
    return f"{entity.type} {entity.canonical or entity.text}"


def article_text(
    article: OpenedArticle,
    title_style: Style,
    meta_style: Style,
    match_style: Style,
    entity_styles: Mapping[str, Style] | None = None,
    sentence: Span | None = None,
    sentence_style: Style | None = None,
) -> Text:
    """Title, a line of date · source · language, a legend of the entity colours, a blank line, the text.

    Entities are coloured with ``entity_styles`` (by type) and tagged with their number; matches are
    marked with ``match_style`` on top and tagged with theirs. ``sentence`` (a span of the text), under
    both, gets ``sentence_style`` and is tagged too.
    """
    document = article.document
    entity_styles = entity_styles or {}
    text = Text(end="")
    text.append(printable(document.title, one_line=True) or "(untitled)", title_style)
    text.append("\n")
    details = (document.date or "undated", document.source, f"language: {document.lang}")
    text.append(printable(" · ".join(part for part in details if part), one_line=True), meta_style)
    present = {entity.type for entity in document.entities}
    if present:
        text.append("\n")
        for kind in ENTITY_TYPES:
            if kind in present:
                text.append("■ ", entity_styles.get(kind, Style()))
                text.append(LEGEND[kind] + "  ", meta_style)
        text.rstrip()
    text.append("\n\n")
    body = len(text)
    text.append(printable(document.text))
    if sentence is not None:
        start, end = (max(0, min(offset, len(document.text))) for offset in sentence)
        if start < end:
            text.stylize((sentence_style or Style()) + Style(meta={SENTENCE_META: 0}), body + start, body + end)
    for number, entity in enumerate(document.entities):
        style = entity_styles.get(entity.type, Style()) + Style(meta={ENTITY_META: number})
        text.stylize(style, body + entity.start, body + entity.end)
    spans = [*article.title_spans, *((body + start, body + end) for start, end in article.text_spans)]
    for number, (start, end) in enumerate(spans):
        text.stylize(match_style + Style(meta={MATCH_META: number}), start, end)
    return text


LayoutRequest = tuple[int, tuple[Style, ...], Style]
"""Width, styles and placeholder style of the pane: what :func:`lay_out` needs of it."""


@dataclass(frozen=True, slots=True)
class ArticleLayout:
    """An article wrapped to a width with given styles: the lines the pane draws (made in any thread)."""

    article: OpenedArticle | None
    sentence: Span | None
    key: tuple[int, tuple[Style, ...]]
    """The width and the styles it was made for."""
    lines: list[Text]
    match_lines: list[int]
    """Line of each match, by match number."""
    entity_lines: list[int]
    """Line of each entity, by entity number."""
    sentence_line: int | None
    """The line the marked sentence starts on."""


def lay_out(
    article: OpenedArticle | None,
    sentence: Span | None,
    width: int,
    styles: tuple[Style, ...],
    placeholder: Style,
    console: Console,
) -> ArticleLayout:
    """``article`` (None: the placeholder) as the pane shows it ``width`` cells wide (``styles``: see ``_styles``).

    Pure: a worker thread lays an article out before the pane shows it (1 MB of text takes half a second).
    """
    title_style, meta_style, match_style, _current_style, sentence_style, *kind_styles = styles
    if article is None:
        text = Text(PLACEHOLDER, style=placeholder)
    else:
        entity_styles: dict[str, Style] = dict(zip(ENTITY_TYPES, kind_styles, strict=True))
        text = article_text(article, title_style, meta_style, match_style, entity_styles, sentence, sentence_style)
    lines = list(text.wrap(console, width, overflow="fold"))
    first_line: dict[int, int] = {}
    entity_line: dict[int, int] = {}
    sentence_line = None
    for index, line in enumerate(lines):
        for span in line.spans:
            if sentence_line is None and _meta_number(span.style, SENTENCE_META) is not None:
                sentence_line = index
            number = match_number(span.style)
            if number is not None:
                first_line.setdefault(number, index)
            number = entity_number(span.style)
            if number is not None:
                entity_line.setdefault(number, index)
    return ArticleLayout(
        article,
        sentence,
        (width, styles),
        lines,
        [first_line[number] for number in sorted(first_line)],
        [entity_line[number] for number in sorted(entity_line)],
        sentence_line,
    )
