"""The document list: search hits (or the whole catalogue), fed one page at a time and drawn line by line.

The list is a :class:`~textual.scroll_view.ScrollView` that draws each visible line itself from the rows
it holds: a line is three padded cells (title, date, source) cut to their columns, a handful of
segments with no Rich rendering on the way. Only the lines on screen are drawn, so 40,000 hits cost
what 40 do, and a change of focus (which restyles the cursor and the background) redraws the screen's
lines in well under a millisecond — the table widget it replaces re-rendered every cell through Rich.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.library import Page, Row
from tui.messages import MoreResultsWanted, OpenArticle, ResultHighlighted
from tui.text import printable

DATE_WIDTH = 10
SOURCE_WIDTH = 14
TITLE_MIN_WIDTH = 20
"""Narrowest title column; the date column goes first when there is not enough room."""
TITLE_WIDTH_WITH_SOURCE = 32
"""The source column is shown only when the title column keeps at least this many cells."""
PAD = 1
"""Blank cells on each side of a cell."""
LOOKAHEAD = 20
"""Rows before the last one held at which the next page is asked for."""
ELLIPSIS = "…"


def describe(page: Page) -> str:
    """What the list holds, for its border: ``3 articles`` or ``12 hits · 4 ms``."""
    if not page.is_search:
        return f"{page.total:,} article" + ("" if page.total == 1 else "s")
    hits = "no hits" if page.total == 0 else f"{page.total:,} hit" + ("" if page.total == 1 else "s")
    return hits if page.seconds is None else f"{hits} · {page.seconds * 1000:.0f} ms"


def fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells, a cut marked with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(set_cell_size(text, width - 1) + ELLIPSIS, width)


class Columns:
    """Widths of the list's columns for a pane ``width`` cells wide (None: the column is not shown)."""

    __slots__ = ("date", "source", "title")

    def __init__(self, width: int) -> None:
        cell = 2 * PAD
        room = width - cell
        self.date: int | None = DATE_WIDTH if room - (DATE_WIDTH + cell) >= TITLE_MIN_WIDTH else None
        if self.date is not None:
            room -= DATE_WIDTH + cell
        self.source: int | None = SOURCE_WIDTH if room - (SOURCE_WIDTH + cell) >= TITLE_WIDTH_WITH_SOURCE else None
        if self.source is not None:
            room -= SOURCE_WIDTH + cell
        self.title = max(room, TITLE_MIN_WIDTH)

    def cells(self, title: str, date: str, source: str) -> tuple[str, str, str]:
        """The title, date and source cells of a line, each fitted to its column and padded ("": not shown)."""
        pad = " " * PAD
        return (
            pad + fit(title, self.title) + pad,
            "" if self.date is None else pad + fit(date, self.date) + pad,
            "" if self.source is None else pad + fit(source, self.source) + pad,
        )


class ResultsList(ScrollView, can_focus=True):
    """Title, date and source of each article under a one-line header; the title takes the width left.

    Rows arrive in pages (:meth:`show`); when the cursor comes near the last row held and the engine
    has more, the list posts :class:`MoreResultsWanted`. Moving the cursor posts
    :class:`ResultHighlighted`; Enter, or a click on the row under the cursor, :class:`OpenArticle`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results--header",
        "results--cursor",
        "results--hover",
        "results--date",
        "results--source",
    }
    BINDING_GROUP_TITLE = "Document list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Next article", show=False, id="results.down"),
        Binding("k,up", "move(-1)", "Previous article", show=False, id="results.up"),
        Binding("g,home", "first", "First article", show=False, id="results.first"),
        Binding("G,end", "last", "Last article", show=False, id="results.last"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="results.page-down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="results.page-up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="results.half-page-down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="results.half-page-up"),
        Binding("enter", "open", "Open", id="results.open"),
    ]

    header_height: ClassVar[int] = 1
    """Lines above the rows (the column titles), which stay when the rows scroll."""
    cursor_row: reactive[int] = reactive(0, layout=False, repaint=False, init=False)
    """Index of the row under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Articles"
        self._rows: list[Row] = []
        self._ids: set[str] = set()
        self._fetched = 0
        """Rows received from the engine (duplicates dropped from ``_rows`` still count)."""
        self._total = 0
        self._waiting_for_more = False
        self._hover: int | None = None
        """Row under the mouse pointer."""
        self._columns = Columns(0)
        self._strips: dict[int, Strip] = {}
        """Drawn rows (without cursor or hover), for the current width and styles."""
        self._drawn_for: tuple[object, ...] | None = None
        self._style_set: tuple[Style, ...] | None = None
        """:meth:`_styles`, until the styles change."""

    # what the screen sees ----------------------------------------------------------------------

    @property
    def doc_ids(self) -> list[str]:
        """Ids of the rows held, top to bottom."""
        return [row.id for row in self._rows]

    @property
    def highlighted_id(self) -> str | None:
        """Id of the article under the cursor."""
        if not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row].id

    def show(self, page: Page) -> None:
        """Replace the rows by a first page (offset 0), or append the page that follows them.

        A first page puts the cursor on its first row, which is then highlighted (previewed).
        """
        if page.offset == 0:
            self._rows.clear()
            self._ids.clear()
            self._fetched = 0
            self._hover = None
        elif page.offset != self._fetched:
            return  # not the continuation of what is shown
        self._fetched += len(page.rows)
        self._total = page.total
        self._waiting_for_more = False
        fresh = [row for row in page.rows if row.id not in self._ids]
        self._ids.update(row.id for row in fresh)
        self._rows.extend(fresh)
        self.border_subtitle = describe(page)
        self._strips.clear()
        self._set_virtual_size()
        if page.offset == 0:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.set_reactive(ResultsList.cursor_row, 0)
            self._highlighted()
        self.refresh()

    # moving ------------------------------------------------------------------------------------

    @property
    def _body_height(self) -> int:
        """Rows that fit under the header."""
        return max(self.scrollable_content_region.height - self.header_height, 1)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped to the rows held) and scroll it into view."""
        if not self._rows:
            return
        self.cursor_row = min(max(row, 0), len(self._rows) - 1)

    def action_move(self, step: int) -> None:
        self.move_cursor(self.cursor_row + step)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_page(self, direction: int) -> None:
        """Move the cursor and the view by the rows on screen (the cursor keeps its line while the view can move)."""
        step = direction * self._body_height
        self.scroll_to(y=round(self.scroll_target_y) + step, animate=False)
        self.move_cursor(self.cursor_row + step)

    def action_half_page(self, direction: int) -> None:
        """Move the cursor (and the view) by half the rows on screen."""
        self.move_cursor(self.cursor_row + direction * max(self._body_height // 2, 1))

    def action_open(self) -> None:
        if (doc_id := self.highlighted_id) is not None:
            self.post_message(OpenArticle(doc_id))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_into_view(new)
        self._highlighted()

    def _scroll_into_view(self, row: int) -> None:
        top = round(self.scroll_target_y)
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + self._body_height:
            self.scroll_to(y=row - self._body_height + 1, animate=False)

    def _highlighted(self) -> None:
        """Tell the screen which article is under the cursor; ask for more rows near the end."""
        if (doc_id := self.highlighted_id) is None:
            return
        self.post_message(ResultHighlighted(doc_id))
        self._want_more_after(self.cursor_row)

    def _want_more_after(self, row: int) -> None:
        near_end = row >= len(self._rows) - LOOKAHEAD
        if near_end and self._fetched < self._total and not self._waiting_for_more:
            self._waiting_for_more = True
            self.post_message(MoreResultsWanted(self._fetched))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._hover is not None:  # the pointer has not moved: the row under it is another one
            row = self._hover + round(new) - round(old)
            self._hover = row if 0 <= row < len(self._rows) else None
        self._want_more_after(round(new) + self._body_height)  # the wheel scrolls without moving the cursor

    # the mouse ---------------------------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.header_height:
            return None
        row = round(self.scroll_y) + offset.y - self.header_height
        return row if 0 <= row < len(self._rows) else None

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to a row; a click on the row under the cursor opens it."""
        row = self._row_at(event)
        if row is None:
            return
        event.stop()
        if row == self.cursor_row:
            self.action_open()
        else:
            self.move_cursor(row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            old, self._hover = self._hover, row
            self._refresh_row(old)
            self._refresh_row(row)

    # drawing -----------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._set_virtual_size()
        self._scroll_into_view(self.cursor_row)

    def _set_virtual_size(self) -> None:
        width = self.scrollable_content_region.width
        self.virtual_size = Size(width, len(self._rows) + self.header_height)

    def _refresh_row(self, row: int | None) -> None:
        if row is not None:
            self.refresh_line(row + self.header_height)  # a line of the virtual space (it takes the scroll off)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_set = None

    def _styles(self) -> tuple[Style, ...]:
        """The pane's own style, then the header's, the cursor's, the hover's, the date's and the source's."""
        if self._style_set is not None:
            return self._style_set
        get = self.get_component_rich_style
        base = self.rich_style
        self._style_set = (
            base,
            base + get("results--header"),
            base + get("results--cursor"),
            base + get("results--hover"),
            Style(color=get("results--date").color),  # only a colour: the cursor's background shows through
            Style(color=get("results--source").color),
        )
        return self._style_set

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        styles = self._styles()
        if (width, styles) != self._drawn_for:
            self._drawn_for = (width, styles)
            self._columns = Columns(width)
            self._strips.clear()
        base, header, cursor, hover, date, source = styles
        if y < self.header_height:
            return self._line(("Title", "Date", "Source"), header, (None, None), width)
        row = round(self.scroll_y) + y - self.header_height
        if row >= len(self._rows):
            return Strip.blank(width, base)
        if row == self.cursor_row or row == self._hover:
            return self._row_line(row, cursor if row == self.cursor_row else hover, (date, source), width)
        strip = self._strips.get(row)
        if strip is None:
            strip = self._strips[row] = self._row_line(row, base, (date, source), width)
        return strip

    def _row_line(self, row: int, style: Style, tints: tuple[Style | None, Style | None], width: int) -> Strip:
        item = self._rows[row]
        texts = (item.title or "(untitled)", item.date or "", item.source or "")
        return self._line(tuple(printable(text, one_line=True) for text in texts), style, tints, width)

    def _line(
        self, texts: tuple[str, ...], style: Style, tints: tuple[Style | None, Style | None], width: int
    ) -> Strip:
        """One line of cells in ``style``, the date and source cells tinted by ``tints``."""
        title, date, source = self._columns.cells(*texts)
        segments = [Segment(title, style)]
        for cell, tint in ((date, tints[0]), (source, tints[1])):
            if cell:
                segments.append(Segment(cell, style if tint is None else style + tint))
        return Strip(segments).crop_extend(0, width, style)
