"""The document list: search hits (or the whole catalogue) as a table fed one page at a time."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from tui.library import Page, Row
from tui.messages import MoreResultsWanted, OpenArticle, ResultHighlighted
from tui.text import plain

DATE_WIDTH = 10
SOURCE_WIDTH = 14
TITLE_MIN_WIDTH = 20
"""Narrowest title column; the date column goes first when there is not enough room."""
TITLE_WIDTH_WITH_SOURCE = 32
"""The source column is shown only when the title column keeps at least this many cells."""
LOOKAHEAD = 20
"""Rows before the last one held at which the next page is asked for."""


def describe(page: Page) -> str:
    """What the list holds, for its border: ``3 articles`` or ``12 hits · 4 ms``."""
    if not page.is_search:
        return f"{page.total:,} article" + ("" if page.total == 1 else "s")
    hits = "no hits" if page.total == 0 else f"{page.total:,} hit" + ("" if page.total == 1 else "s")
    return hits if page.seconds is None else f"{hits} · {page.seconds * 1000:.0f} ms"


class ResultsList(DataTable[Text]):
    """Title, date and source of each article; the title column takes the width that is left.

    Rows arrive in pages (:meth:`show`); when the cursor comes near the last row held and the
    engine has more, the list posts :class:`MoreResultsWanted`. Moving the cursor posts
    :class:`ResultHighlighted`, Enter :class:`OpenArticle`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"results--date", "results--source"}
    BINDING_GROUP_TITLE = "Document list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next article", show=False, id="results.down"),
        Binding("k,up", "cursor_up", "Previous article", show=False, id="results.up"),
        Binding("g,home", "scroll_top", "First article", show=False, id="results.first"),
        Binding("G,end", "scroll_bottom", "Last article", show=False, id="results.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="results.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="results.page-up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="results.half-page-down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="results.half-page-up"),
        Binding("enter", "select_cursor", "Open", id="results.open"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.border_title = "Articles"
        self._rows: list[Row] = []
        self._ids: set[str] = set()
        self._fetched = 0
        """Rows received from the engine (duplicates dropped from ``_rows`` still count)."""
        self._total = 0
        self._waiting_for_more = False
        self._layout: tuple[int, bool, bool] | None = None
        """(title width, with date, with source) of the current columns."""

    @property
    def doc_ids(self) -> list[str]:
        """Ids of the rows held, top to bottom."""
        return [row.id for row in self._rows]

    @property
    def highlighted_id(self) -> str | None:
        """Id of the article under the cursor."""
        if not self._rows or not 0 <= self.cursor_row < len(self._rows):
            return None
        return self._rows[self.cursor_row].id

    def show(self, page: Page) -> None:
        """Replace the rows by a first page (offset 0), or append the page that follows them."""
        if page.offset == 0:
            self._rows.clear()
            self._ids.clear()
            self._fetched = 0
            self.clear()
        elif page.offset != self._fetched:
            return  # not the continuation of what is shown
        self._fetched += len(page.rows)
        self._total = page.total
        self._waiting_for_more = False
        fresh = [row for row in page.rows if row.id not in self._ids]
        self._ids.update(row.id for row in fresh)
        self._rows.extend(fresh)
        for row in fresh:
            self.add_row(*self._cells(row), key=row.id)
        self.border_subtitle = describe(page)

    def action_half_page(self, direction: int) -> None:
        """Move the cursor (and the view) by half the rows on screen."""
        if not self._rows:
            return
        step = max((self.scrollable_content_region.height - self.header_height) // 2, 1)
        row = min(max(self.cursor_row + direction * step, 0), len(self._rows) - 1)
        self.move_cursor(row=row, scroll=True)

    # layout ------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._set_columns()

    def on_resize(self, event: events.Resize) -> None:
        self._set_columns()

    def _wanted_layout(self) -> tuple[int, bool, bool]:
        pad = 2 * self.cell_padding
        width = self.scrollable_content_region.width - pad
        with_date = width - (DATE_WIDTH + pad) >= TITLE_MIN_WIDTH
        if with_date:
            width -= DATE_WIDTH + pad
        with_source = width - (SOURCE_WIDTH + pad) >= TITLE_WIDTH_WITH_SOURCE
        if with_source:
            width -= SOURCE_WIDTH + pad
        return max(width, TITLE_MIN_WIDTH), with_date, with_source

    def _set_columns(self) -> None:
        """(Re)make the columns for the current width, keeping the rows and the cursor."""
        layout = self._wanted_layout()
        if layout == self._layout:
            return
        self._layout = title_width, with_date, with_source = layout
        cursor = self.cursor_row
        with self.prevent(DataTable.RowHighlighted):
            self.clear(columns=True)
            self.add_column("Title", width=title_width, key="title")
            if with_date:
                self.add_column("Date", width=DATE_WIDTH, key="date")
            if with_source:
                self.add_column("Source", width=SOURCE_WIDTH, key="source")
            for row in self._rows:
                self.add_row(*self._cells(row), key=row.id)
            if self._rows:
                self.move_cursor(row=min(cursor, len(self._rows) - 1))

    def _cells(self, row: Row) -> list[Text]:
        assert self._layout is not None
        _width, with_date, with_source = self._layout
        cells = [plain(row.title or "(untitled)")]
        if with_date:
            cells.append(plain(row.date, style=self._colour("results--date")))
        if with_source:
            cells.append(plain(row.source, style=self._colour("results--source")))
        return cells

    def _colour(self, component: str) -> Style:
        """Only the colour of a component style: the cursor row keeps its own background."""
        return Style(color=self.get_component_rich_style(component).color)

    # what the list tells the screen ----------------------------------------------------------------

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(ResultHighlighted(event.row_key.value))
        near_end = event.cursor_row >= len(self._rows) - LOOKAHEAD
        if near_end and self._fetched < self._total and not self._waiting_for_more:
            self._waiting_for_more = True
            self.post_message(MoreResultsWanted(self._fetched))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenArticle(event.row_key.value))
