"""The Warta terminal browser: search and read the articles of an index."""

from __future__ import annotations

import os
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from indexer.pipeline import IndexSummary
from indexer.store import IndexMissing
from tui.library import Library
from tui.screens.help import HelpScreen, help_sections
from tui.screens.main import MainScreen
from tui.screens.welcome import WelcomeScreen


class WartaApp(App[None]):
    """Opens the index in ``index_dir``; when it is empty or missing, offers to fill it first."""

    TITLE = "Warta"
    CSS_PATH = "warta.tcss"
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(self, index_dir: str | os.PathLike[str]) -> None:
        super().__init__()
        self.index_dir = os.fspath(index_dir)
        self.library: Library | None = None

    def on_mount(self) -> None:
        self.library = self._open_library()
        if self.library is None:
            self.push_screen(WelcomeScreen(self.index_dir), self._indexed)
        else:
            self.push_screen(MainScreen(self.library))

    def _open_library(self) -> Library | None:
        """The index, when it holds articles."""
        try:
            library = Library(self.index_dir)
        except IndexMissing:
            return None
        if library.stats().articles:
            return library
        library.close()
        return None

    def _indexed(self, summary: IndexSummary | None) -> None:
        self.library = self._open_library()
        if self.library is None:  # cannot happen after a run that indexed articles; start over
            self.push_screen(WelcomeScreen(self.index_dir), self._indexed)
            return
        self.push_screen(MainScreen(self.library))
        if summary is not None:
            self.notify(summary.line(), title="Indexed", markup=False)

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen(help_sections(self.screen)))
