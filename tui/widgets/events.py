"""The related-events sidebar.

Beside an open article: its own events (marked "this article"), then the events that other articles of
its story report (the same real-world event, marked "same story"), then the related events of other
articles, as the engine ranks them (``EventTables.related``, what ``warta related ID`` prints). Each
row: date and type, the summary, then dimly the source article and the names it shares with the open
one. Enter opens the event's article at the sentence that reports it. After ``t``: an entity's events
over the whole corpus in time order (``EventTables.timeline``), a page at a time (a last row says
"500 of 861 events" and loads the next page), or, when it has none, the articles naming it.

Two filters apply to whatever is listed, and a line at the top of the pane says what they leave out:
events whose summary says nothing more than its template ("X makes a statement":
``summary.has_content``) are hidden until ``a``, and ``v`` keeps one event type (the screen asks
the engine again for a timeline, so that its count stays right). Text from the articles is laid out
as ``rich.text.Text`` (never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from indexer.language.events.model import EVENT_TYPES
from tui.library import EntityTimeline, EventRow, RelatedEvents, Span
from tui.messages import MoreEventsWanted, OpenArticle
from tui.text import printable

NO_EXTRACTOR = "No related events."
NO_EVENTS = "No events in this article or related to it."
OLD_INDEX = "This index has no events (built before events existed): re-index it to see them."
LOOKING = "Looking for related events…"
STALE_AFTER = 0.3
"""Seconds after which the entries of the article shown before are dimmed, if new ones have not come."""
LINE_WIDTH = 22
"""Characters of an entry's source and shared-names lines: they must not wrap in the 23-column list."""
FILTERED = "Nothing left to list: see above."
"""What the pane says when its filters leave none of its entries."""
MORE = "more"
"""Option id of the last row of a timeline with more pages."""
KEYS = {"all": "a", "type": "v", "more": "m"}
"""The default keys the pane's lines name (the screen gives the ones ``keys.toml`` sets)."""
View = Literal["plain", "related", "timeline", "articles"]


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
    content: bool = True
    """The summary says something (False: "X makes a statement"; such entries are hidden by default)."""
    same_event: bool = False
    """Another article of the open one's story reports this same event."""


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
        content=row.content,
        same_event=row.same_event and not row.own,
    )


def _rank(row: EventRow) -> int:
    """Where a related row goes: the open article's own events, then the same events of its story, then the rest."""
    return 0 if row.own else 1 if row.same_event else 2


def _type_order(kind: str) -> tuple[int, str]:
    """Event types in the engine's order (``EVENT_TYPES``), any other after them."""
    order: dict[str, int] = {name: number for number, name in enumerate(EVENT_TYPES)}
    return (order.get(kind, len(order)), kind)


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
    """A list of :class:`RelatedEvent` as the filters leave it, or a line saying why there are none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Related events"
        self._entries: tuple[RelatedEvent, ...] = ()
        """Everything loaded, in order (of a timeline: the pages loaded so far)."""
        self._events: tuple[RelatedEvent, ...] = ()
        """What the filters leave of ``_entries``: what is listed."""
        self._view: View = "plain"
        self._timeline: str | None = None
        self._total = 0
        """How many events the timeline has in all."""
        self._types: dict[str, int] = {}
        """The timeline's events per type (over all of it, not only what is loaded)."""
        self._show_all = False
        """Whether events whose summary says nothing are listed too."""
        self._event_type: str | None = None
        self._looking = 0
        """Incremented at each :meth:`looking` and each change of what is listed."""
        self._empty = NO_EXTRACTOR
        """What to say when nothing is loaded."""
        self._placeholder = NO_EXTRACTOR
        """What the line shown when nothing is listed says."""
        self.keys = dict(KEYS)
        """The keys the pane's lines name (``all``, ``type``, ``more``): the screen sets those of ``keys.toml``."""

    @property
    def timeline(self) -> str | None:
        """Whose timeline the pane shows (None: it shows the related events)."""
        return self._timeline

    @property
    def view(self) -> View:
        """What is listed: an article's related events, an entity's timeline, the articles naming it, or other."""
        return self._view

    @property
    def events(self) -> tuple[RelatedEvent, ...]:
        """The entries listed (what the filters leave)."""
        return self._events

    @property
    def entries(self) -> tuple[RelatedEvent, ...]:
        """Every entry loaded, listed or not."""
        return self._entries

    @property
    def show_all(self) -> bool:
        """Whether events whose summary says nothing are listed."""
        return self._show_all

    @property
    def event_type(self) -> str | None:
        """The only event type listed (None: all)."""
        return self._event_type

    @property
    def more(self) -> bool:
        """Whether the timeline shown has events not loaded yet."""
        return self._view == "timeline" and self._total > len(self._entries)

    @property
    def current(self) -> RelatedEvent | None:
        """The entry under the list's cursor (None on the "more" row)."""
        index = self.query_one(EventList).highlighted
        return self._events[index] if index is not None and 0 <= index < len(self._events) else None

    def show_related(self, related: RelatedEvents) -> None:
        """The open article's events, then the same events of its story, then related ones (or why there are none)."""
        empty = NO_EVENTS if related.events_indexed else OLD_INDEX
        rows = sorted(related.rows, key=_rank)  # stable: the engine's order within each group
        self._show([event_entry(row) for row in rows], "related", empty)

    def show_entity_timeline(self, timeline: EntityTimeline) -> None:
        """A page of an entity's events in time order (the first, or the next after those loaded); when it has
        none, the articles naming it (the header says so)."""
        name = timeline.name
        entries = [event_entry(row, show_shared=False) for row in timeline.events]
        if timeline.offset:
            if timeline.name == self._timeline and timeline.offset == len(self._entries):
                first_new = len(self._events)
                self._entries += tuple(entries)
                self._relist(at=first_new)
            return
        self._total, self._types = timeline.total, dict(timeline.types)
        self._event_type = timeline.event_type
        if timeline.types:
            kind = f"{timeline.event_type} " if timeline.event_type else ""
            self._show(entries, "timeline", f"No {kind}event names {name}.", name)
            self.border_title = Text(f"Timeline · {printable(name, one_line=True)}")
        else:
            entries = [
                RelatedEvent(row.title or "(untitled)", row.date, row.id, row.source or "") for row in timeline.articles
            ]
            why = "no events" if timeline.events_indexed else "index without events"
            self._show(entries, "articles", f"No event or article names {name}.", name)
            self.border_title = Text(f"Articles naming {printable(name, one_line=True)} ({why})")

    def show_events(self, events: Sequence[RelatedEvent], empty: str = NO_EXTRACTOR) -> None:
        """List ``events`` (as the filters leave them); when there are none, say ``empty`` instead."""
        self._show(events, "plain", empty)

    # the filters -----------------------------------------------------------------------------------

    def toggle_hidden(self) -> bool:
        """List the events whose summary says nothing too, or hide them again; returns whether they are listed."""
        self._show_all = not self._show_all
        self._relist(keep=self.current)
        return self._show_all

    def hidden(self) -> int:
        """How many entries of the type listed are hidden because their summary says nothing."""
        return 0 if self._show_all else sum(not event.content for event in self._entries if self._of_type(event))

    def types(self) -> list[str]:
        """The event types there is something of: over the whole timeline, else among the entries."""
        if self._view == "timeline":
            present = set(self._types)
        else:
            present = {event.kind for event in self._entries if event.kind}
        return sorted(present, key=_type_order)

    def next_type(self, step: int = 1) -> str | None:
        """The type after (``step`` -1: before) the one listed, among :meth:`types`, all types counting as one."""
        cycle: list[str | None] = [None, *self.types()]
        position = cycle.index(self._event_type) if self._event_type in cycle else 0
        return cycle[(position + step) % len(cycle)]

    def set_type(self, kind: str | None) -> None:
        """List only the events of type ``kind`` (None: every type)."""
        self._event_type = kind
        self._relist(keep=self.current)

    def _of_type(self, event: RelatedEvent) -> bool:
        """Whether the type filter keeps ``event`` (an article, without a type, is always kept)."""
        return self._event_type is None or not event.kind or event.kind == self._event_type

    # listing ---------------------------------------------------------------------------------------

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
        if self._entries:
            self.add_class("-stale")
            self.border_subtitle = "looking…"
        else:
            self.show_events((), empty=LOOKING)

    def compose(self) -> ComposeResult:
        yield Static("", id="events-note")
        yield Static(NO_EXTRACTOR, id="events-empty")
        yield EventList(id="events-list")

    def on_mount(self) -> None:
        self.show_events(())

    def _show(self, events: Sequence[RelatedEvent], view: View, empty: str, timeline: str | None = None) -> None:
        self._looking += 1
        self.remove_class("-stale")
        self._view, self._timeline, self._empty = view, timeline, empty
        if view != "timeline":
            self._total, self._types = 0, {}
        self.border_title = "Related events"
        self._entries = tuple(events)
        self._relist()

    def _relist(self, keep: RelatedEvent | None = None, at: int = 0) -> None:
        """List what the filters leave of the entries, the cursor on ``keep`` if it is listed, else at ``at``."""
        self._events = tuple(
            event for event in self._entries if self._of_type(event) and (self._show_all or event.content)
        )
        listing = self.query_one(EventList)
        listing.clear_options()
        listing.add_options(Option(self._prompt(event)) for event in self._events)
        if self.more:
            listing.add_option(Option(self._more_prompt(), id=MORE))
        count = listing.option_count
        if keep is not None and keep in self._events:
            at = self._events.index(keep)
        listing.highlighted = min(at, count - 1) if count else None
        listing.display = bool(count)
        empty = self._empty if not self._entries else FILTERED
        placeholder = self.query_one("#events-empty", Static)
        if not count and self._placeholder != empty:
            self._placeholder = empty
            placeholder.update(Text(printable(empty)))  # it may name an entity
        placeholder.display = not count
        note = self._note()
        self.query_one("#events-note", Static).update(note)
        self.query_one("#events-note", Static).display = bool(note)
        self.border_subtitle = self._subtitle()

    def _note(self) -> Text:
        """What the filters leave out, and the keys that change them."""
        lines: list[str] = []
        if self._event_type is not None:
            lines.append(f"only {self._event_type}: {self.keys['type']} for the next type")
        hidden = self.hidden()
        if hidden:
            lines.append(f"{hidden:,} hidden: press {self.keys['all']} to show")
        elif self._show_all and any(not event.content for event in self._events):
            lines.append(f"all shown: {self.keys['all']} hides the empty")
        return Text("\n".join(lines), end="")

    def _subtitle(self) -> str:
        listed = self._events
        if self._view == "related" and listed:
            own = sum(event.own for event in listed)
            same = sum(event.same_event for event in listed)
            parts = [f"{own} here", *([f"{same} same"] if same else []), f"{len(listed) - own - same} related"]
            return " · ".join(parts)
        if self._view == "timeline":
            loaded = len(self._entries)
            count = f"{loaded:,} of {self._total:,}" if loaded < self._total else _plural(self._total, "event")
            return f"{count} · t/esc: back"
        if self._view == "articles":
            return f"{_plural(len(self._entries), 'article')} · t/esc: back"
        return ""

    def _more_prompt(self) -> Text:
        loaded = len(self._entries)
        prompt = Text(f"{loaded:,} of {self._total:,} events\n", style="bold", end="")
        prompt.append(f"Enter or {self.keys['more']}: load more", "dim italic")
        return prompt

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
        if event.same_event:
            prompt.append("\n")
            prompt.append("◆ same story", "bold magenta")
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
        if message.option.id == MORE:
            if self._timeline is not None:
                self.post_message(MoreEventsWanted(self._timeline, len(self._entries)))
            return
        event = self._events[message.option_index]
        if event.doc_id is not None:
            self.post_message(OpenArticle(event.doc_id, event.sentence))


def _plural(count: int, unit: str) -> str:
    return f"{count:,} {unit}" + ("" if count == 1 else "s")
