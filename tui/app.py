"""The Warta terminal browser: search and read the articles of an index."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.dom import DOMNode

from indexer.pipeline import IndexSummary
from indexer.store import IndexMissing
from tui.collect import CHECK, Collector
from tui.commands import WartaCommands
from tui.keys import load_keys
from tui.library import Library
from tui.opener import Opener, system_opener
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen, class_bindings, help_sections
from tui.screens.main import MainScreen
from tui.screens.welcome import WelcomeScreen
from tui.text import printable
from tui.widgets.article import ArticleView
from tui.widgets.events import EventList
from tui.widgets.filters import FilterChip
from tui.widgets.results import ResultsList
from tui.widgets.search import SearchBar

INTERRUPTED = 128 + signal.SIGINT
"""Exit status after Ctrl-C or SIGINT (130, as the command line's)."""
TERMINATED = 128 + signal.SIGTERM
"""Exit status after SIGTERM (143): the terminal is given back first (the default action left it unusable)."""
STOP_SIGNALS = {signal.SIGINT: INTERRUPTED, signal.SIGTERM: TERMINATED}


class WartaApp(App[None]):
    """Opens the index in ``index_dir``; when it is empty or missing, offers to fill it first."""

    TITLE = "Warta"
    CSS_PATH = "warta.tcss"
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        # Ctrl-C quits from anywhere, the search bar and dialogs too (Textual would only say to press ctrl+q)
        Binding("ctrl+c", "interrupt", "Interrupt (quit)", show=False, priority=True, id="app.interrupt"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="app.commands"),
    ]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {WartaCommands}

    def __init__(
        self,
        index_dir: str | os.PathLike[str],
        *,
        opener: Opener = system_opener,
        keys_file: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__()
        self.index_dir = os.fspath(index_dir)
        self.library: Library | None = None
        self.opener = opener
        config = load_keys(known_binding_ids(), None if keys_file is None else Path(keys_file))
        self.keymap: dict[str, str] = config.keymap
        """Binding id → keys, from ``keys.toml``."""
        self.key_warning = config.warning
        self._collector = Collector()
        """Full garbage collections wait for a pause in the input."""

    def on_mount(self) -> None:
        self._catch_interrupts(True)
        if self.keymap:
            self.set_keymap(self.keymap)
        if self.key_warning:
            self.notify(printable(self.key_warning), title="Keys", severity="warning", markup=False)
        self.library = self._open_library()
        if self.library is None:
            self.push_screen(WelcomeScreen(self.index_dir), self._indexed)
        else:
            self.push_screen(self._main_screen(self.library))

    def on_ready(self) -> None:
        self._collector.start()
        self.set_interval(CHECK, self._collector.tick)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._collector.input()
        if isinstance(event, events.Key) and isinstance(self.screen, MainScreen):
            self.screen.focus_article_now()  # a key typed ahead of an article being opened goes to it
        await super().on_event(event)

    def _main_screen(self, library: Library) -> MainScreen:
        return MainScreen(library, opener=self.opener, notice=self.key_warning)

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
        self.push_screen(self._main_screen(self.library))
        if summary is not None:
            self.notify(printable(summary.line()), title="Indexed", markup=False)

    def on_unmount(self) -> None:
        self._catch_interrupts(False)
        self._collector.stop()
        if self.library is not None:
            self.library.close()

    def _catch_interrupts(self, catch: bool) -> None:
        """SIGINT from outside (``kill -INT``) quits as Ctrl-C does (in a terminal, Ctrl-C itself is a key);
        SIGTERM quits too, the terminal restored, where Python's default would end the process at once."""
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread, Windows
            loop = asyncio.get_running_loop()
            for number, status in STOP_SIGNALS.items():
                if catch:
                    loop.add_signal_handler(number, self.exit, None, status)
                else:
                    loop.remove_signal_handler(number)

    def action_interrupt(self) -> None:
        """Ctrl-C: quit at once, with the exit status of an interrupted command (the caller says so in a line)."""
        self.exit(return_code=INTERRUPTED)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen(help_sections(self.screen, self.keymap)))


BOUND_CLASSES: tuple[type[DOMNode], ...] = (
    WartaApp,
    MainScreen,
    SearchBar,
    FilterChip,
    ResultsList,
    ArticleView,
    EventList,
    HelpScreen,
    ExportScreen,
)
"""Every Warta class that declares keys."""


def known_binding_ids() -> Iterator[str]:
    """The id of every binding Warta declares (what ``keys.toml`` may remap)."""
    for cls in BOUND_CLASSES:
        for binding in class_bindings(cls):
            if binding.id is not None:
                yield binding.id
