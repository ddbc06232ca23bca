"""The export dialog: asks where to write the result list (``x``)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.export import ExportError, resolve_path
from tui.text import printable
from tui.widgets.search import InlineKeysInput


class ExportScreen(ModalScreen[str | None]):
    """A path input; Enter checks it and closes with the absolute path, Esc closes with None."""

    BINDING_GROUP_TITLE = "Export"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, hits: int, query: str, default: str = "") -> None:
        super().__init__()
        self.hits = hits
        self.query_text = query
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export the result list"
            box.border_subtitle = "Enter writes · Esc cancels"
            what = f"all {self.hits:,} hits of {self.query_text!r}" if self.query_text.strip() else "every article"
            yield Static(Text(printable(f"Writes {what}: id, title, date, source, path, url, score.")))
            yield InlineKeysInput(value=self.default, placeholder="path ending in .csv or .json", id="export-path")
            yield Static(id="export-message")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            path = resolve_path(event.value)
        except ExportError as error:
            self.query_one("#export-message", Static).update(Text(printable(str(error), one_line=True)))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
