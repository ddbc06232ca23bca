"""The article pane: title, date and source, then the cleaned text with the query's matches marked.

Named entities (people, organisations, places, dates, other names, from the engine's
``StoredDocument.entities``) are coloured by type, a legend under the title says which colour is which;
``e``/``E`` move an entity cursor through them and the screen can filter on, or show the timeline of,
the entity under it. Matches keep their own (background) mark on top of an entity's colour. An article
opened from an event of the sidebar is scrolled to the sentence that reports the event, which is marked
(``article--sentence``) until another article is shown.

The article is laid out (styled and wrapped, :mod:`tui.widgets.article_layout`) with each match's line
known, so ``n``/``N`` can scroll to it. The pane draws only the lines on screen (Textual's line API),
however long the article.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from indexer.language.entities.model import ENTITY_TYPES, Entity
from tui.library import OpenedArticle, Span
from tui.widgets.article_layout import (
    ArticleLayout,
    LayoutRequest,
    article_text,
    entity_label,
    entity_number,
    lay_out,
    match_number,
)

__all__ = [
    "ArticleLayout",
    "ArticleView",
    "EntityHighlighted",
    "LayoutRequest",
    "article_text",
    "entity_label",
    "entity_number",
    "lay_out",
    "match_number",
]

CONTEXT_LINES = 2
"""Lines kept between a match that ``n``/``N`` moves to and the edge of the pane."""


class EntityHighlighted(Message):
    """The entity cursor moved onto ``entity`` (``e``/``E``)."""

    def __init__(self, entity: Entity) -> None:
        super().__init__()
        self.entity = entity


class ArticleView(ScrollView, can_focus=True):
    """Reads one article; ``n``/``N`` go to the next/previous match, an opened article shows its first."""

    ALLOW_SELECT = True
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--title",
        "article--meta",
        "article--match",
        "article--current-match",
        "article--placeholder",
        "article--current-entity",
        "article--sentence",
        *(f"article--{kind.lower()}" for kind in ENTITY_TYPES),
    }
    BINDING_GROUP_TITLE = "Article"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_lines(1)", "Scroll down", show=False, id="article.down"),
        Binding("k,up", "scroll_lines(-1)", "Scroll up", show=False, id="article.up"),
        Binding("space,pagedown", "scroll_pages(1)", "Page down", show=False, id="article.page-down"),
        Binding("b,pageup", "scroll_pages(-1)", "Page up", show=False, id="article.page-up"),
        Binding("ctrl+d", "scroll_half_pages(1)", "Half page down", show=False, id="article.half-page-down"),
        Binding("ctrl+u", "scroll_half_pages(-1)", "Half page up", show=False, id="article.half-page-up"),
        Binding("g,home", "scroll_to_line(0)", "Top", show=False, id="article.top"),
        Binding("G,end", "scroll_to_line(-1)", "Bottom", show=False, id="article.bottom"),
        Binding("n", "match(1)", "Next match", id="article.next-match"),
        Binding("N", "match(-1)", "Previous match", id="article.previous-match"),
        Binding("e", "entity(1)", "Next entity", show=False, id="article.next-entity"),
        Binding("E", "entity(-1)", "Previous entity", show=False, id="article.previous-entity"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Article"
        self._article: OpenedArticle | None = None
        self._lines: list[Text] = []
        self._match_lines: list[int] = []
        """Line of each match, by match number."""
        self._current: int | None = None
        self._entity_lines: list[int] = []
        """Line of each entity, by entity number."""
        self._entity: int | None = None
        """Number of the entity under the entity cursor."""
        self._layout_key: tuple[int, tuple[Style, ...]] | None = None
        """Width and styles the lines were made for."""
        self._strips: dict[int, Strip] = {}
        self._sentence: Span | None = None
        """The sentence of the text marked (an event's), if any."""
        self._sentence_line: int | None = None
        self._style_set: tuple[Style, ...] | None = None

    # what the screen sees ----------------------------------------------------------------------

    @property
    def article(self) -> OpenedArticle | None:
        return self._article

    @property
    def match_count(self) -> int:
        return len(self._match_lines)

    @property
    def current_match(self) -> int | None:
        """Number of the match marked as current (from 0), None when there is none."""
        return self._current

    @property
    def current_entity(self) -> Entity | None:
        """The entity under the entity cursor (``e``/``E``), None before the first ``e``."""
        if self._article is None or self._entity is None:
            return None
        return self._article.document.entities[self._entity]

    @property
    def lines(self) -> list[str]:
        """The article as laid out, one string per screen line."""
        return [line.plain for line in self._lines]

    @property
    def selected_text(self) -> str | None:
        """The text selected with the mouse, when there is a selection."""
        selection = self.text_selection
        if selection is None:
            return None
        extracted = self.get_selection(selection)
        return extracted[0] if extracted and extracted[0] else None

    @property
    def sentence(self) -> Span | None:
        """The sentence marked in the text (offsets in ``document.text``), None when there is none."""
        return self._sentence

    @property
    def sentence_line(self) -> int | None:
        """The line the marked sentence starts on."""
        return self._sentence_line

    def show(
        self, article: OpenedArticle | None, sentence: Span | None = None, prepared: ArticleLayout | None = None
    ) -> None:
        """Show ``article`` (None: the placeholder) from the top, or from its first match.

        With ``sentence`` (a span of its text): that sentence marked, and in view. ``prepared``: the
        article already laid out (by a worker), used if it still fits the pane.
        """
        self._article = article
        self._current = 0 if article and (article.title_spans or article.text_spans) else None
        self._entity = None
        self._sentence = sentence if article is not None else None
        self._layout_key = None
        self._lay_out(prepared)
        self._scroll_to_line(0)
        if self._sentence_line is not None:
            self._reveal_line(self._sentence_line, always=True)
        else:
            self._reveal_current(always=True)
        self._update_subtitle()

    def mark_sentence(self, sentence: Span | None) -> None:
        """Mark ``sentence`` of the article shown (None: unmark) and scroll it into view."""
        if self._article is None:
            return
        self._sentence = sentence
        self._layout_key = None
        self._lay_out()
        if self._sentence_line is not None:
            self._reveal_line(self._sentence_line, always=True)

    # actions -----------------------------------------------------------------------------------

    def action_scroll_lines(self, lines: int) -> None:
        self._scroll_to_line(self.scroll_target_y + lines)

    def action_scroll_pages(self, pages: int) -> None:
        self._scroll_to_line(self.scroll_target_y + pages * max(self.scrollable_content_region.height - 1, 1))

    def action_scroll_half_pages(self, halves: int) -> None:
        self._scroll_to_line(self.scroll_target_y + halves * max(self.scrollable_content_region.height // 2, 1))

    def action_scroll_to_line(self, line: int) -> None:
        """Scroll to ``line`` (from 0; -1 is the end)."""
        self._scroll_to_line(line if line >= 0 else self.max_scroll_y)

    def _scroll_to_line(self, line: float) -> None:
        # forced: right after new lines are laid out, the scrollbar that allows scrolling is not there yet
        self.scroll_to(y=line, animate=False, force=True)

    def action_match(self, step: int) -> None:
        """Make the next (``step`` 1) or previous (-1) match current, wrapping around, and scroll to it."""
        if not self._match_lines:
            self.app.bell()
            return
        current = -step if self._current is None else self._current
        self._current = (current + step) % len(self._match_lines)
        self._strips.clear()
        self.refresh()
        self._reveal_current()
        self._update_subtitle()

    def action_entity(self, step: int) -> None:
        """Move the entity cursor to the next (``step`` 1) or previous (-1) entity, wrapping around.

        The first move starts from what is on screen: the first entity in view (or the last, going back).
        """
        if not self._entity_lines:
            self.app.bell()
            return
        count = len(self._entity_lines)
        if self._entity is None:
            top = round(self.scroll_target_y)
            height = self.scrollable_content_region.height
            if step > 0:
                visible = [n for n, line in enumerate(self._entity_lines) if line >= top]
                self._entity = visible[0] if visible else 0
            else:
                visible = [n for n, line in enumerate(self._entity_lines) if line < top + height]
                self._entity = visible[-1] if visible else count - 1
        else:
            self._entity = (self._entity + step) % count
        self._strips.clear()
        self.refresh()
        self._reveal_line(self._entity_lines[self._entity])
        entity = self.current_entity
        if entity is not None:
            self.post_message(EntityHighlighted(entity))

    # layout ------------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()
        self._reveal_current()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_set = None
        # Textual sets the component styles (a theme's colours) only after this call: lay out with them then
        self.call_later(self._lay_out)

    def _styles(self) -> tuple[Style, ...]:
        """The component styles an article is laid out with (kept until the styles change)."""
        if self._style_set is None:
            names = ("article--title", "article--meta", "article--match", "article--current-match", "article--sentence")
            kinds = tuple(f"article--{kind.lower()}" for kind in ENTITY_TYPES)
            own = tuple(self.get_component_rich_style(name) for name in names)
            # only what the entity styles set (a colour): the pane's background stays, a match's shows through
            self._style_set = own + tuple(self.get_component_rich_style(name, partial=True) for name in kinds)
        return self._style_set

    def layout_request(self) -> LayoutRequest | None:
        """Width, styles and placeholder style to lay an article out with (:func:`lay_out`), None before a size."""
        width = self.scrollable_content_region.width
        if width <= 0 or not self.is_mounted:
            return None
        return width, self._styles(), self.get_component_rich_style("article--placeholder")

    def _lay_out(self, prepared: ArticleLayout | None = None) -> None:
        """Wrap the article to the pane's width (when the width or the styles changed).

        ``prepared`` (laid out in a worker) is used when it was made for what is shown now.
        """
        request = self.layout_request()
        if request is None:
            return
        width, styles, placeholder = request
        if self._layout_key == (width, styles):
            return
        self._layout_key = (width, styles)
        if (
            prepared is None
            or prepared.key != self._layout_key
            or prepared.article is not self._article
            or prepared.sentence != self._sentence
        ):
            prepared = lay_out(self._article, self._sentence, width, styles, placeholder, self.app.console)
        self._lines = prepared.lines
        self._match_lines = prepared.match_lines
        self._entity_lines = prepared.entity_lines
        self._sentence_line = prepared.sentence_line
        self._strips.clear()
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def _reveal_current(self, always: bool = False) -> None:
        """Scroll the current match a third of the way down the pane, unless it is already well in view."""
        if self._current is None or not self._match_lines:
            return
        self._reveal_line(self._match_lines[self._current], always)

    def _reveal_line(self, line: int, always: bool = False) -> None:
        height = self.scrollable_content_region.height
        top = round(self.scroll_target_y)
        margin = min(CONTEXT_LINES, height // 4)
        if always or not top + margin <= line < top + height - margin:
            self._scroll_to_line(max(line - height // 3, 0))

    def _update_subtitle(self) -> None:
        if self._article is None or not self._article.query.strip():
            self.border_subtitle = ""
        elif not self._match_lines:
            self.border_subtitle = "no matches"
        else:
            current = 0 if self._current is None else self._current
            self.border_subtitle = f"match {current + 1} of {len(self._match_lines)}"

    # selecting ---------------------------------------------------------------------------------

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected part of the article as laid out (a wrapped line ends with a newline)."""
        if self._article is None:
            return None
        return selection.extract("\n".join(self.lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    # drawing -----------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        _scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None:
            line = self._with_selection(self._with_current_match(self._lines[index]), index)
            strip = Strip(list(line.render(self.app.console))).discard_meta()
            self._strips[index] = strip
        return strip.crop_extend(0, width, None).apply_style(self.rich_style).apply_offsets(0, index)

    def _with_selection(self, line: Text, index: int) -> Text:
        selection = self.text_selection
        span = None if selection is None or self._article is None else selection.get_span(index)
        if span is None:
            return line
        start, end = span
        marked = line.copy()
        marked.stylize(
            self.screen.get_component_rich_style("screen--selection"), start, len(line) if end == -1 else end
        )
        return marked

    def _with_current_match(self, line: Text) -> Text:
        """``line`` with the current match and the entity under the cursor marked as such."""
        current = [
            span for span in line.spans if self._current is not None and match_number(span.style) == self._current
        ]
        entity = [span for span in line.spans if self._entity is not None and entity_number(span.style) == self._entity]
        if not current and not entity:
            return line
        marked = line.copy()
        for spans, name in ((entity, "article--current-entity"), (current, "article--current-match")):
            style = self.get_component_rich_style(name)
            for span in spans:
                marked.stylize(style, span.start, span.end)
        return marked
