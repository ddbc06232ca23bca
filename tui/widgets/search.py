"""The search bar: an input that tells the screen what the user is looking for."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.messages import QueryChanged, QuerySubmitted

PLACEHOLDER = 'Search: words, "a phrase", title:…, source:…, date:2023-03, -word'


class SearchBar(Input):
    """Search as you type; Enter runs the query and moves to the results."""

    BINDING_GROUP_TITLE = "Search bar"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Go to results", id="search.submit"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(QueryChanged(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(QuerySubmitted(event.value))
