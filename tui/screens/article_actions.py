"""What the main screen's keys do with the open article: its entities (``f``/``F`` filter on the one under
the cursor, ``t`` shows its timeline in the sidebar, ``m`` loads the timeline's next page), the sidebar's
filters (``a`` shows the events whose summary says nothing, ``v`` keeps one event type) and the article
outside the browser (``y`` copies it, ``o`` opens its URL or file).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.worker import get_current_worker

from indexer.language.entities.model import Entity
from tui.keys import effective_keys
from tui.messages import EngineFailed, MoreEventsWanted, TimelineReady
from tui.opener import Opener, is_url
from tui.screens.reading import ArticleReading
from tui.widgets.article import ArticleView, EntityHighlighted, entity_label
from tui.widgets.events import LOOKING, EventList, EventsPane
from tui.widgets.filters import Filter
from tui.widgets.status import StatusLine


class ArticleActions(ArticleReading):
    """The entity and outside-the-browser actions of :class:`~tui.screens.main.MainScreen`, which sets
    ``opener`` and ``_timeline_seq`` and gives :meth:`add_filter` and :meth:`action_toggle_sidebar`."""

    opener: Opener
    """Opens URLs and files for ``o``."""
    _timeline_seq: int
    """Number of the latest timeline asked for: only its answer is shown."""
    _timeline_wanted: tuple[str, str | None, str | None] | None = None
    """The latest timeline asked for: its name, entity type and the article open then (for another page or type)."""

    if TYPE_CHECKING:  # given by MainScreen; declared here for the type checker only

        def add_filter(self, item: Filter) -> None:
            """AND ``item`` to the query and search again."""

        def action_toggle_sidebar(self) -> None:
            """Show or hide the events sidebar."""

    def _back_to_related(self) -> None:
        """Close an entity's timeline: the open article's related events again."""
        self._timeline_seq += 1  # a timeline on its way is no longer wanted
        events = self.query_one(EventsPane)
        if self._related is not None:
            events.show_related(self._related)
            return
        if self._article_wanted is None:
            events.show_events(())
        else:
            events.show_events((), empty=LOOKING)
        view = self.query_one(ArticleView)
        if view.article is not None:
            self._find_related(view.article.document.id, self._article_seq)

    # entities --------------------------------------------------------------------------------------

    def on_entity_highlighted(self, message: EntityHighlighted) -> None:
        self.query_one(StatusLine).say(entity_label(message.entity))

    def _chosen_entity(self) -> Entity | None:
        """The entity under the article's entity cursor; says how to choose one when there is none."""
        entity = self.query_one(ArticleView).current_entity
        if entity is None:
            self.query_one(StatusLine).say("No entity chosen: e moves to the next one in the article.", warning=True)
        return entity

    def action_filter_entity(self, exclude: bool) -> None:
        """``f``: only the articles naming the entity under the cursor; ``F``: only those that do not."""
        entity = self._chosen_entity()
        if entity is None:
            return
        item = Filter.for_entity(entity.type, entity.canonical or entity.text, exclude)
        if item is None:
            self.query_one(StatusLine).say(f"Cannot filter on a {entity.type.lower()}.", warning=True)
            return
        self.add_filter(item)
        self.query_one(StatusLine).say(f"Filter: {item.fragment}")

    def action_timeline(self) -> None:
        """``t``: the events of the entity under the article's cursor (or of the first actor of the sidebar's
        event), over the whole corpus, in time order, in the sidebar; ``t`` again: back to the related events."""
        events = self.query_one(EventsPane)
        focused = self.focused
        kind: str | None = None
        if isinstance(focused, EventList):
            if events.timeline is not None:
                self._back_to_related()
                return
            current = events.current
            if current is None or not current.actors:
                self.query_one(StatusLine).say("No event chosen, or it names no one.", warning=True)
                return
            name = current.actors[0]
        else:
            entity = self._chosen_entity()
            if entity is None:
                return
            if entity.type == "DATE":
                self.query_one(StatusLine).say("Cannot show a timeline of a date.", warning=True)
                return
            name, kind = entity.canonical or entity.text, entity.type
            if events.timeline == name:
                self._back_to_related()
                return
        if not events.display:
            self.action_toggle_sidebar()
        self._timeline_seq += 1
        view = self.query_one(ArticleView)
        open_doc = view.article.document.id if view.article is not None else None
        self._timeline_wanted = (name, kind, open_doc)
        self._entity_timeline(self._timeline_wanted, events.event_type, 0, self._timeline_seq)

    @work(thread=True, exclusive=True, group="timeline")
    def _entity_timeline(
        self, wanted: tuple[str, str | None, str | None], event_type: str | None, offset: int, seq: int
    ) -> None:
        """A page of the timeline ``wanted`` (name, entity type, open article), from ``offset`` on."""
        name, kind, open_doc = wanted
        try:
            timeline = self.library.entity_events(name, kind, open_doc, offset=offset, event_type=event_type)
        except Exception as error:  # see _search
            self.post_message(EngineFailed("the timeline", error))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(TimelineReady(seq, timeline))

    def on_timeline_ready(self, message: TimelineReady) -> None:
        if message.seq != self._timeline_seq:
            return
        timeline = message.timeline
        events = self.query_one(EventsPane)
        events.show_entity_timeline(timeline)
        status = self.query_one(StatusLine)
        loaded = len(events.entries)
        whose = f"{timeline.event_type} events" if timeline.event_type else "Events"
        if timeline.events and loaded < timeline.total:
            more = self.pane_keys()["more"]
            status.say(f"{whose} of {timeline.name}: {loaded:,} of {timeline.total:,} in time order; {more} loads more")
        elif timeline.events:
            status.say(f"{whose} of {timeline.name}: {timeline.total:,}, in time order")
        elif timeline.types:
            status.say(f"No {timeline.event_type} events of {timeline.name}.", warning=True)
        elif timeline.articles:
            status.say(f"No events of {timeline.name}: the {len(timeline.articles):,} articles naming it instead")
        else:
            status.say(f"Nothing names {timeline.name}.", warning=True)

    def on_more_events_wanted(self, message: MoreEventsWanted) -> None:
        message.stop()
        events = self.query_one(EventsPane)
        if message.name == events.timeline and message.loaded == len(events.entries):
            self.action_more_events()  # else the timeline changed since the row was chosen

    def action_more_events(self) -> None:
        """``m`` (or Enter on the timeline's last row): the next page of the timeline in the sidebar."""
        events = self.query_one(EventsPane)
        if not events.more or self._timeline_wanted is None or self._timeline_wanted[0] != events.timeline:
            more = self.pane_keys()["more"]
            self.query_one(StatusLine).say(f"No more events to load: {more} pages on an entity's timeline (t).")
            return
        loaded = len(events.entries)
        self._entity_timeline(self._timeline_wanted, events.event_type, loaded, self._timeline_seq)

    # the sidebar's filters -------------------------------------------------------------------------

    def pane_keys(self) -> dict[str, str]:
        """The keys of the sidebar's filters and pages, as ``keys.toml`` sets them (``all``, ``type``, ``more``)."""
        keymap: dict[str, str] = getattr(self.app, "keymap", {})
        wanted = {"all": "main.all-events", "type": "main.event-type", "more": "main.more-events"}
        bindings = {binding.id: binding for binding in Binding.make_bindings(self.BINDINGS)}
        return {name: effective_keys(bindings[id_], keymap).split(",")[0] for name, id_ in wanted.items()}

    def action_all_events(self) -> None:
        """``a``: list the events whose summary says nothing too ("X makes a statement"), or hide them again."""
        events = self.query_one(EventsPane)
        status = self.query_one(StatusLine)
        if events.toggle_hidden():
            status.say("Events: all, those whose summary says nothing too.")
        else:
            hidden = events.hidden()
            status.say(f"Events: those whose summary says nothing are hidden ({hidden:,} here).")

    def action_event_type(self) -> None:
        """``v``: list only the next event type there is something of; after the last, every type again."""
        events = self.query_one(EventsPane)
        if not events.types():
            self.query_one(StatusLine).say("No events to filter by type.", warning=True)
            return
        kind = events.next_type()
        events.set_type(kind)
        if events.view == "timeline" and self._timeline_wanted is not None:
            self._timeline_seq += 1  # its count and pages are those of the type: ask the engine again
            self._entity_timeline(self._timeline_wanted, kind, 0, self._timeline_seq)
        self.query_one(StatusLine).say(f"Events: only {kind}." if kind else "Events: every type.")

    # the open article, outside the browser -----------------------------------------------------------

    def action_copy_article(self) -> None:
        """``y``: the selection in the article when there is one, else the whole article, to the clipboard."""
        view = self.query_one(ArticleView)
        status = self.query_one(StatusLine)
        if view.article is None:
            status.say("No article to copy: open one first.", warning=True)
            return
        selected = view.selected_text
        document = view.article.document
        text = selected if selected else f"{document.title}\n\n{document.text}"
        self.app.copy_to_clipboard(text)
        what = "the selection" if selected else "the article"
        status.say(f"Copied {what} ({len(text):,} characters) to the clipboard.")

    def action_open_article(self) -> None:
        """``o``: the article's web address (http, https) in a browser, or else the file it was indexed from."""
        view = self.query_one(ArticleView)
        status = self.query_one(StatusLine)
        if view.article is None:
            status.say("No article to open: choose one first.", warning=True)
            return
        document = view.article.document
        # the URL comes from the article's data: only a web address goes to the opener, never a path
        # or another scheme ("url": "/etc/passwd"); the file is the one Warta itself indexed
        url = (document.url or "").strip()
        if url and not is_url(url):
            status.say(f"Cannot open: not a web address: {_shortened(url)}", warning=True)
            return
        target = url or document.path
        if not target:
            status.say("Cannot open: no web address for this article, and no file.", warning=True)
            return
        problem = self.opener(target)
        if problem is None:
            status.say(f"Opened {target}")
        else:
            status.say(f"Cannot open {target}: {problem}", warning=True)


SHOWN_URL = 200
"""Characters of a URL quoted at most in the status line."""


def _shortened(value: str) -> str:
    """``value`` cut to :data:`SHOWN_URL` characters (the status line shows it as plain text, controls made visible)."""
    return value if len(value) <= SHOWN_URL else value[: SHOWN_URL - 1] + "…"
