"""Filter chips under the search bar: each one a query fragment (``person:"Xi Jinping"``, ``-loc:"China"``).

The screen ANDs the fragments to the typed query. A chip is removed by clicking it, or by Delete,
Backspace or Enter when it has the focus; ``c`` on the main screen removes the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from tui.library import ENTITY_FIELDS, entity_fragment
from tui.text import printable


@dataclass(frozen=True, slots=True)
class Filter:
    """``field:"value"`` ANDed to the query (``-field:"value"`` when ``exclude``)."""

    field: str
    value: str
    exclude: bool = False

    @classmethod
    def for_entity(cls, kind: str, name: str, exclude: bool = False) -> Filter | None:
        """The filter on an entity of type ``kind`` (None for a type the query language cannot filter on)."""
        field = ENTITY_FIELDS.get(kind)
        return None if field is None else cls(field, name, exclude)

    @property
    def fragment(self) -> str:
        kind = next(kind for kind, field in ENTITY_FIELDS.items() if field == self.field)
        fragment = entity_fragment(kind, self.value, self.exclude)
        assert fragment is not None
        return fragment

    @property
    def label(self) -> str:
        return f"{'not ' if self.exclude else ''}{self.field}: {self.value}"


def with_filters(query: str, filters: Sequence[Filter]) -> str:
    """The typed query with the filters' fragments ANDed to it."""
    return " ".join(part for part in (query.strip(), *(f.fragment for f in filters)) if part)


class FilterRemoved(Message):
    """The chip at ``index`` was removed by the user."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class FilterChip(Static, can_focus=True):
    """One filter; a click, Delete, Backspace or Enter removes it."""

    BINDING_GROUP_TITLE = "Filter chip"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete,backspace,enter", "remove", "Remove filter", id="filters.remove"),
    ]

    def __init__(self, item: Filter, index: int) -> None:
        label = Text(end="")
        label.append(printable(item.label, one_line=True))
        label.append(" ×")
        super().__init__(label, classes="chip -exclude" if item.exclude else "chip")
        self.index = index
        self.tooltip = Text(printable(f"{item.fragment} — click to remove"))

    def action_remove(self) -> None:
        self.post_message(FilterRemoved(self.index))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_remove()


class FilterBar(Horizontal):
    """The chips, one per filter; hidden when there is none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._filters: tuple[Filter, ...] = ()

    @property
    def filters(self) -> tuple[Filter, ...]:
        return self._filters

    def compose(self) -> ComposeResult:
        return iter(())

    def on_mount(self) -> None:
        self.display = False

    def show(self, filters: Sequence[Filter]) -> None:
        self._filters = tuple(filters)
        self.remove_children()
        self.mount_all(FilterChip(item, index) for index, item in enumerate(self._filters))
        self.display = bool(self._filters)
