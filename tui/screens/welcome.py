"""First run: the index is empty or missing, so offer to fill it (the bundled samples, or a path)."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, ProgressBar, Static

from indexer.pipeline import IndexSummary, index_paths, input_bytes
from indexer.resources import shipped
from tui.text import printable
from tui.widgets.search import InlineKeysInput

SAMPLES_DIR = shipped("samples")
"""The sample articles shipped with the package (``data/samples`` of the source tree)."""
FORMATS = ".txt, .md, .html, .json, .jsonl, .csv"
PROBLEMS_SHOWN = 5


class WelcomeScreen(Screen[IndexSummary]):
    """Explains that the index is empty and indexes what the user picks; dismissed with the run's summary."""

    BINDING_GROUP_TITLE = "First run"

    def __init__(self, index_dir: str, samples: Path = SAMPLES_DIR) -> None:
        super().__init__()
        self.index_dir = index_dir
        self.samples = samples

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-box") as box:
            box.border_title = "Welcome to Warta"
            yield Static(self._introduction(), id="welcome-intro")
            yield Button("Index the sample articles", id="index-samples", variant="primary")
            with Horizontal(id="welcome-path"):
                yield InlineKeysInput(placeholder="or type the path of a file or folder of articles", id="path")
                yield Button("Index", id="index-path")
            yield ProgressBar(id="progress", show_eta=False)
            yield Static(id="welcome-message")
        yield Footer()

    def _introduction(self) -> Text:
        text = Text(end="")
        text.append("There are no articles in the index yet.\n", "bold")
        text.append("Index: ")
        text.append(printable(self.index_dir, one_line=True), "italic")
        text.append(f"\n\nStart with the sample articles bundled with Warta, or index your own ({FORMATS}).")
        return text

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        samples = self.query_one("#index-samples", Button)
        samples.disabled = not self.samples.is_dir()
        if samples.disabled:
            self.query_one("#path", Input).focus()
        else:
            samples.focus()

    # choosing what to index ------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "index-samples":
            self.start([str(self.samples)])
        elif event.button.id == "index-path":
            self._index_typed_path()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._index_typed_path()

    def _index_typed_path(self) -> None:
        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            self._say("Type the path of a file or folder first.")
            return
        path = os.path.abspath(os.path.expanduser(typed))
        if not os.path.exists(path):
            self._say(f"There is no file or folder at {path}.")
            return
        self.start([path])

    def start(self, paths: list[str]) -> None:
        """Index ``paths`` into the index directory, with a progress bar."""
        self._set_busy(True)
        self._say("Indexing…")
        bar = self.query_one(ProgressBar)
        bar.update(total=max(input_bytes(paths), 1), progress=0)
        bar.display = True
        self._index(paths)

    # indexing --------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index")
    def _index(self, paths: list[str]) -> None:
        try:
            summary = index_paths(paths, self.index_dir, progress=self._progress_from_thread)
        except Exception as error:  # busy index, unwritable folder…: tell the user, let them try again
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._finished, summary)

    def _progress_from_thread(self, done: int) -> None:
        self.app.call_from_thread(self._advance, done)

    def _advance(self, done: int) -> None:
        self.query_one(ProgressBar).advance(done)

    def _finished(self, summary: IndexSummary) -> None:
        if summary.added + summary.updated + summary.unchanged:
            self.dismiss(summary)
            return
        self._set_busy(False)
        self.query_one(ProgressBar).display = False
        lines = ["Nothing could be indexed there.", summary.line()]
        lines += [f"skipped {problem}" for problem in summary.problems[:PROBLEMS_SHOWN]]
        self._say("\n".join(lines))

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.query_one(ProgressBar).display = False
        self._say(f"Indexing failed: {error}")

    def _set_busy(self, busy: bool) -> None:
        for widget in self.query("Button, Input"):
            widget.disabled = busy
        if not busy and not self.samples.is_dir():
            self.query_one("#index-samples", Button).disabled = True

    def _say(self, message: str) -> None:
        self.query_one("#welcome-message", Static).update(Text(printable(message)))
