"""The related-events sidebar.

Beside an open article: its own events (marked "this article"), then the related events of other
articles, as the engine ranks them (``EventTables.related``, what ``warta related ID`` prints). Each
row: date and type, the summary, then dimly the source article and the names it shares with the open
one. Enter opens the event's article at the sentence that reports it. After ``t``: an entity's events
over the whole corpus in time order (``EventTables.timeline``), or, when it has none, the articles
naming it. Text from the articles is laid out as ``rich.text.Text`` (never parsed as markup).
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

from tui.library import EntityTimeline, EventRow, RelatedEvents, Span
from tui.messages import OpenArticle
from tui.text import printable

NO_EXTRACTOR = "No related events."
NO_EVENTS = "No events in this article or related to it."
OLD_INDEX = "This index has no events (built before events existed): re-index it to see them."
LOOKING = "Looking for related events…"
STALE_AFTER = 0.3
"""Seconds after which the entries of the article shown before are dimmed, if new ones have not come."""
LINE_WIDTH = 22
"""Characters of an entry's source and shared-names lines: they must not wrap in the 23-column list."""


@dataclass(frozen=True, slots=True)
class RelatedEvent:
    """One entry of the sidebar: an event, or (in an entity's timeline without events) an article."""

    label: str
    date: str | None = None
    doc_id: str | None = None
    """Article the event was found in, opened when the event is chosen."""
    detail: str = ""
    """A line under it: the source article ("this article" for the open one's events)."""
    shared: tuple[str, ...] = ()
    """Names shared with the open article (a dim last line)."""
    own: bool = False
    """Reported by the open article itself."""
    kind: str = ""
    """The event's type (MEET, VISIT…); empty for an article."""
    sentence: Span | None = None
    """The sentence of ``doc_id`` that reports the event."""
    actors: tuple[str, ...] = ()


def _fit(text: str, width: int = LINE_WIDTH) -> str:
    """``text`` on one line of at most ``width`` characters (cut with an ellipsis)."""
    text = " ".join(printable(text, one_line=True).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def event_entry(row: EventRow, show_shared: bool = True) -> RelatedEvent:
    """How the sidebar shows an event of the engine's."""
    detail = "this article" if row.own else (row.source_title or row.doc_id)
    shared = row.shared if show_shared and not row.own else ()
    return RelatedEvent(
        row.summary,
        row.date,
        row.doc_id,
        detail=detail,
        shared=shared,
        own=row.own,
        kind=row.type,
        sentence=(row.sentence_start, row.sentence_end),
        actors=row.actors,
    )


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
        self._looking = 0
        """Incremented at each :meth:`looking` and each change of what is listed."""
        self._placeholder = NO_EXTRACTOR
        """What the line shown when nothing is listed says."""

    @property
    def timeline(self) -> str | None:
        """Whose timeline the pane shows (None: it shows the related events)."""
        return self._timeline

    @property
    def current(self) -> RelatedEvent | None:
        """The entry under the list's cursor."""
        index = self.query_one(EventList).highlighted
        return self._events[index] if index is not None and 0 <= index < len(self._events) else None

    def show_related(self, related: RelatedEvents) -> None:
        """The open article's events, then related ones (or why there are none)."""
        empty = NO_EVENTS if related.events_indexed else OLD_INDEX
        self.show_events([event_entry(row) for row in related.rows], empty=empty)
        if related.rows:
            own = sum(row.own for row in related.rows)
            self.border_subtitle = f"{own} here · {len(related.rows) - own} related"

    def show_entity_timeline(self, timeline: EntityTimeline) -> None:
        """An entity's events in time order; when it has none, the articles naming it (the header says so)."""
        name = timeline.name
        if timeline.events:
            entries = [event_entry(row, show_shared=False) for row in timeline.events]
            self.show_events(entries)
            title, count, unit = Text(f"Timeline · {printable(name, one_line=True)}"), len(entries), "event"
        else:
            entries = [
                RelatedEvent(row.title or "(untitled)", row.date, row.id, row.source or "") for row in timeline.articles
            ]
            why = "no events" if timeline.events_indexed else "index without events"
            self.show_events(entries, empty=f"No event or article names {name}.")
            title = Text(f"Articles naming {printable(name, one_line=True)} ({why})")
            count, unit = len(entries), "article"
        self._timeline = name
        self.border_title = title
        self.border_subtitle = f"{count} {unit}" + ("" if count == 1 else "s") + " · t/esc: back"

    def show_timeline(self, name: str, entries: Sequence[RelatedEvent]) -> None:
        """List the articles naming ``name``, in date order (``entries`` come sorted)."""
        self.show_events(entries, empty=f"No article names {name}.")
        self._timeline = name
        self.border_title = Text(f"Timeline · {printable(name, one_line=True)}")
        self.border_subtitle = f"{len(entries)} article" + ("" if len(entries) == 1 else "s")

    def looking(self) -> None:
        """Another article is open and its events are on their way.

        Nothing changes while the article is drawn: swapping the list for a line of text would lay
        the whole screen out again, and redrawing this pane costs as much as drawing the article.
        The events usually come within a few tens of milliseconds; if they have not come after
        :data:`STALE_AFTER` seconds, the old entries are dimmed and the border says it is looking
        (or, with nothing listed, the line says so).
        """
        self._looking += 1
        asked = self._looking
        self.set_timer(STALE_AFTER, lambda: self._stale(asked))

    def _stale(self, asked: int) -> None:
        if asked != self._looking or self._timeline is not None:
            return  # they came, or something else is shown
        if self._events:
            self.add_class("-stale")
            self.border_subtitle = "looking…"
        else:
            self.show_events((), empty=LOOKING)

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
        self._looking += 1
        self.remove_class("-stale")
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
        if not self._events and self._placeholder != empty:
            self._placeholder = empty
            placeholder.update(Text(empty))
        placeholder.display = not self._events

    @staticmethod
    def _prompt(event: RelatedEvent) -> Text:
        prompt = Text(end="")
        if event.date or event.kind:
            if event.date:
                prompt.append(printable(event.date, one_line=True), "bold")
            if event.kind:
                prompt.append(("  " if event.date else "") + printable(event.kind, one_line=True), "bold cyan")
            prompt.append("\n")
        prompt.append(printable(event.label, one_line=True), "italic" if event.own else "")
        if event.detail:
            prompt.append("\n")
            if event.own:
                prompt.append("● " + _fit(event.detail, LINE_WIDTH - 2), "bold green")
            else:
                prompt.append(_fit(event.detail), "dim")
        if event.shared:
            prompt.append("\n")
            prompt.append(_fit("shared: " + ", ".join(event.shared)), "dim italic")
        return prompt

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        event = self._events[message.option_index]
        if event.doc_id is not None:
            self.post_message(OpenArticle(event.doc_id, event.sentence))
