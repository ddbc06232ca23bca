"""The related-events sidebar.

Beside an open article: its own events, then the related events of other articles (the engine's
``EventTables.related``), each with its date, type, summary and source article; or, after ``t``, the
timeline of an entity. Choosing an entry opens its article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.messages import OpenArticle
from tui.text import printable

NO_EXTRACTOR = "No related events."


@dataclass(frozen=True, slots=True)
class RelatedEvent:
    """One event related to the open article."""

    label: str
    date: str | None = None
    doc_id: str | None = None
    """Article the event was found in, opened when the event is chosen."""
    detail: str = ""
    """A second, dim line: the source article and the names shared with the open one."""
    own: bool = False
    """Reported by the open article itself."""


class EventList(OptionList):
    """The events, one option each."""

    BINDING_GROUP_TITLE = "Related events"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Next event", show=False, id="events.down"),
        Binding("k,up", "cursor_up", "Previous event", show=False, id="events.up"),
        Binding("g,home", "first", "First event", show=False, id="events.first"),
        Binding("G,end", "last", "Last event", show=False, id="events.last"),
        Binding("enter", "select", "Open its article", show=False, id="events.open"),
    ]


class EventsPane(Vertical):
    """A list of :class:`RelatedEvent`, or a line saying why there are none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Related events"
        self._events: tuple[RelatedEvent, ...] = ()
        self._timeline: str | None = None

    @property
    def timeline(self) -> str | None:
        """Whose timeline the pane shows (None: it shows the related events)."""
        return self._timeline

    def show_timeline(self, name: str, entries: Sequence[RelatedEvent]) -> None:
        """List the articles naming ``name``, in date order (``entries`` come sorted)."""
        self.show_events(entries, empty=f"No article names {name}.")
        self._timeline = name
        self.border_title = f"Timeline · {printable(name, one_line=True)}"
        self.border_subtitle = f"{len(entries)} article" + ("" if len(entries) == 1 else "s")

    def compose(self) -> ComposeResult:
        yield Static(NO_EXTRACTOR, id="events-empty")
        yield EventList(id="events-list")

    def on_mount(self) -> None:
        self.show_events(())

    @property
    def events(self) -> tuple[RelatedEvent, ...]:
        return self._events

    def show_events(self, events: Sequence[RelatedEvent], empty: str = NO_EXTRACTOR) -> None:
        """List ``events``; when there are none, say ``empty`` instead."""
        self._timeline = None
        self.border_title = "Related events"
        self.border_subtitle = ""
        self._events = tuple(events)
        listing = self.query_one(EventList)
        listing.clear_options()
        listing.add_options(Option(self._prompt(event)) for event in self._events)
        listing.highlighted = 0 if self._events else None
        listing.display = bool(self._events)
        placeholder = self.query_one("#events-empty", Static)
        placeholder.update(Text(empty))
        placeholder.display = not self._events

    @staticmethod
    def _prompt(event: RelatedEvent) -> Text:
        prompt = Text(end="")
        if event.date:
            prompt.append(printable(event.date, one_line=True) + "  ", "bold")
        prompt.append(printable(event.label, one_line=True), "italic" if event.own else "")
        if event.detail:
            prompt.append("\n" + printable(event.detail, one_line=True), "dim")
        return prompt

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        doc_id = self._events[message.option_index].doc_id
        if doc_id is not None:
            self.post_message(OpenArticle(doc_id))
