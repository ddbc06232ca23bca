"""The status line: size of the index, and the latest message."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import Static

from tui.library import IndexStats
from tui.text import human_size, printable


class StatusLine(Static):
    """``3 articles · 164 KiB │ message``; messages may quote the user's query, so they are plain text."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"status--stats", "status--message", "status--warning"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stats: IndexStats | None = None
        self._message = ""
        self._warning = False

    @property
    def message(self) -> str:
        return self._message

    def show_stats(self, stats: IndexStats) -> None:
        if stats == self._stats:
            return
        self._stats = stats
        self._redraw()

    def say(self, message: str, *, warning: bool = False) -> None:
        """Show ``message`` (an empty one clears it)."""
        self._message = message
        self._warning = warning
        self._redraw()

    def _redraw(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        if self._stats is not None:
            count = self._stats.articles
            articles = f"{count:,} article" + ("" if count == 1 else "s")
            line.append(
                f"{articles} · {human_size(self._stats.size_bytes)}", self.get_component_rich_style("status--stats")
            )
        if self._message:
            if line:
                line.append(" │ ")
            style = "status--warning" if self._warning else "status--message"
            line.append(printable(self._message, one_line=True), self.get_component_rich_style(style))
        self.update(line)
