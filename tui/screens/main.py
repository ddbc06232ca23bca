"""The main screen: search bar, document list, article, related events, status line.

The screen owns the engine (a :class:`~tui.library.Library`) and routes the panes' messages: a query
starts a search worker, a highlighted result loads a preview, Enter opens the article. Engine calls
run in thread workers (Whoosh is synchronous); each request gets a sequence number and an answer to
anything but the latest request is dropped, so a slow early search never overwrites a later one.
The list comes first: the top hit of a query being typed is previewed once the typing pauses. Opening
an article and finding its related events: :mod:`tui.screens.reading`; the entity, timeline, copy and
open keys: :mod:`tui.screens.article_actions`; export and re-index: :mod:`tui.screens.jobs`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.worker import get_current_worker

from indexer.pipeline import IndexSummary
from tui.library import Library, Page
from tui.messages import (
    EngineFailed,
    IndexChanged,
    MoreResultsWanted,
    QueryChanged,
    QuerySubmitted,
    ResultHighlighted,
    ResultsReady,
    StatsReady,
    SuggestionReady,
)
from tui.opener import Opener, system_opener
from tui.screens.article_actions import ArticleActions
from tui.text import printable
from tui.widgets.article import ArticleView
from tui.widgets.events import EventsPane
from tui.widgets.filters import Filter, FilterBar, FilterRemoved, with_filters
from tui.widgets.footer import KeysFooter
from tui.widgets.results import ResultsList
from tui.widgets.search import SearchBar
from tui.widgets.status import StatusLine

NARROW_WIDTH = 100
"""Below this many columns the events sidebar is hidden (F2 or ``s`` shows it)."""
PREVIEW_DELAY = 0.25
"""Seconds the top hit of a query being typed stays on top before it is previewed (the list comes first)."""
SUGGEST_DELAY = 0.3
"""Seconds a search that found nothing stays the latest before a correction is looked for (it holds the engine)."""


class MainScreen(ArticleActions):
    """Search and read."""

    # Textual declares this one without ClassVar (mypy then refuses it here)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_WIDTH, "-wide")]  # noqa: RUF012
    BINDING_GROUP_TITLE = "Main screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="main.search"),
        Binding("escape", "back", "Back", id="main.back"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="main.next-pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="main.previous-pane"),
        Binding("f2,s", "toggle_sidebar", "Events", id="main.toggle-sidebar"),
        Binding("r", "refresh_index", "Refresh", id="main.refresh"),
        Binding("y", "copy_article", "Copy", show=False, id="main.copy"),
        Binding("o", "open_article", "Open outside", show=False, id="main.open"),
        Binding("x", "export", "Export", id="main.export"),
        Binding("c", "remove_filter", "Remove last filter", show=False, id="main.remove-filter"),
        Binding("f", "filter_entity(False)", "Only with entity", show=False, id="main.filter-entity"),
        Binding("F", "filter_entity(True)", "Without entity", show=False, id="main.exclude-entity"),
        Binding("t", "timeline", "Entity timeline", show=False, id="main.timeline"),
        Binding("m", "more_events", "More of the timeline", show=False, id="main.more-events"),
        Binding("a", "all_events", "Show or hide empty events", show=False, id="main.all-events"),
        Binding("v", "event_type", "Next event type", show=False, id="main.event-type"),
    ]
    WATCH_SECONDS = 2.0
    """How often the index on disk is checked for changes made by another process."""

    def __init__(self, library: Library, *, opener: Opener = system_opener, notice: str | None = None) -> None:
        super().__init__(library)
        self.opener = opener
        """Opens URLs and files for ``o`` (injected by tests)."""
        self._notice = notice
        """A warning shown once the screen is up, and whenever the status line has nothing else to say."""
        self._query = ""
        self._filters: list[Filter] = []
        self._search_said = False
        """Whether the status line shows what the engine said about the query (cleared by the next query)."""
        self._search_seq = 0
        self._typed_seq = 0
        """The last search started by typing in the search bar."""
        self._timeline_seq = 0
        self._index_changed = False
        self._watch_epoch = 0
        """Bumped when this screen changed the index itself: older watches' findings are void."""

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        yield FilterBar(id="filters")
        with Horizontal(id="panes"):
            yield ResultsList(id="results")
            yield ArticleView(id="article")
            yield EventsPane(id="events")
        yield StatusLine(id="status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(EventsPane).keys = self.pane_keys()
        self.query_one(SearchBar).focus()
        self._new_search("")
        self._load_stats()
        self.set_interval(self.WATCH_SECONDS, self.check_index)
        if self._notice:
            self.query_one(StatusLine).say(self._notice, warning=True)

    @property
    def query_text(self) -> str:
        """The query typed in the search bar."""
        return self._query

    @property
    def filters(self) -> tuple[Filter, ...]:
        return tuple(self._filters)

    @property
    def effective_query(self) -> str:
        """The query the document list shows the results of: the typed one and the filters, ANDed."""
        return with_filters(self._query, self._filters)

    # searching ---------------------------------------------------------------------------------

    def on_query_changed(self, message: QueryChanged) -> None:
        self._new_search(message.text)
        self._typed_seq = self._search_seq

    def on_query_submitted(self, message: QuerySubmitted) -> None:
        if message.text != self._query:
            self._new_search(message.text)
        elif (top := self.query_one(ResultsList).highlighted_id) is not None:
            self._load(top)  # its preview now
        self.query_one(ResultsList).focus()

    def _new_search(self, query: str) -> None:
        self._query = query
        self._search_seq += 1
        self._search(self.effective_query, 0, self._search_seq)

    def on_more_results_wanted(self, message: MoreResultsWanted) -> None:
        self._search(self.effective_query, message.loaded, self._search_seq)  # a new query cancels it (same group)

    # filters -----------------------------------------------------------------------------------

    def add_filter(self, item: Filter) -> None:
        """AND ``item`` to the query (replacing a filter on the same value) and search again."""
        self._filters = [f for f in self._filters if (f.field, f.value) != (item.field, item.value)]
        self._filters.append(item)
        self._filters_changed()

    def on_filter_removed(self, message: FilterRemoved) -> None:
        message.stop()
        if 0 <= message.index < len(self._filters):
            del self._filters[message.index]
            self._filters_changed()

    def action_remove_filter(self) -> None:
        if not self._filters:
            self.query_one(StatusLine).say("No filter to remove.")
            return
        self._filters.pop()
        self._filters_changed()

    def _filters_changed(self) -> None:
        bar = self.query_one(FilterBar)
        had_focus = self.focused is not None and bar in self.focused.ancestors
        bar.show(self._filters)
        if had_focus:
            self.query_one(ResultsList).focus()
        self._new_search(self._query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, offset: int, seq: int) -> None:
        worker = get_current_worker()
        try:
            page = self.library.page(query, offset, wanted=lambda: not worker.is_cancelled)
        except Exception as error:  # a damaged or vanished index: say so, keep the app running
            self.post_message(EngineFailed("search", error))
            return
        if page is not None and not worker.is_cancelled:
            self.post_message(ResultsReady(seq, page))

    def on_results_ready(self, message: ResultsReady) -> None:
        if message.seq != self._search_seq:
            return  # the answer to a query that was changed since
        self.query_one(ResultsList).show(message.page)
        self._total = message.page.total
        if message.page.offset == 0:
            self._report(message.page)
            if message.page.is_search and not message.page.total and not message.page.notice:
                self.set_timer(SUGGEST_DELAY, lambda: self._suggest_if_latest(message.page.query, message.seq))
            if not message.page.rows:
                self._article_wanted = None
                self._article_seq += 1  # the related events of the article shown last are no longer wanted
                self._related = None
                self.query_one(ArticleView).show(None)
                events = self.query_one(EventsPane)
                if events.timeline is None:
                    events.show_events(())

    def _report(self, page: Page) -> None:
        """What the engine said about the query, in the status line (a message of another kind stays)."""
        if self._busy:
            return  # the long job's progress stays in view
        status = self.query_one(StatusLine)
        if page.notice:
            status.say(page.notice, warning=True)
        elif self._search_said:
            status.say(self._notice or "", warning=self._notice is not None)  # back to the resting message
        self._search_said = bool(page.notice)

    def _suggest_if_latest(self, query: str, seq: int) -> None:
        if seq == self._search_seq:
            self._suggest(query, seq)

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, query: str, seq: int) -> None:
        """Look for a correction of a query that found nothing, unless another was typed since."""
        worker = get_current_worker()
        try:
            suggestion = self.library.suggest(query, wanted=lambda: seq == self._search_seq and not worker.is_cancelled)
        except Exception:  # only a hint: the search itself said what went wrong, if anything
            return
        if suggestion and not worker.is_cancelled:
            self.post_message(SuggestionReady(seq, suggestion))

    def on_suggestion_ready(self, message: SuggestionReady) -> None:
        if message.seq != self._search_seq or self._busy:
            return
        self.query_one(StatusLine).say(f"did you mean: {message.suggestion}")
        self._search_said = True

    # reading -----------------------------------------------------------------------------------

    def on_result_highlighted(self, message: ResultHighlighted) -> None:
        # the top hit of what is being typed: previewed once the typing pauses (the next key cancels it)
        typing = self._typed_seq == self._search_seq and self.query_one(SearchBar).has_focus
        self._load(message.doc_id, PREVIEW_DELAY if typing else 0.0)

    # the index on disk -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="stats")
    def _load_stats(self) -> None:
        try:
            self.post_message(StatsReady(self.library.stats()))
        except Exception as error:  # see _search
            self.post_message(EngineFailed("reading the index size", error))

    def on_stats_ready(self, message: StatsReady) -> None:
        self.query_one(StatusLine).show_stats(message.stats)

    def check_index(self) -> None:
        """Look (in a worker) whether another process changed the index since it was read, and count it again.

        The count is read each time: a search reads the newest index too, so a change another process
        made may never look like one to the watch, and the status line would keep the old count.
        """
        self._check_index(self._watch_epoch, not self._index_changed)

    @work(thread=True, exclusive=True, group="watch")
    def _check_index(self, epoch: int, watch: bool) -> None:
        try:
            current = self.library.is_current()
            stats = self.library.stats()  # cheap: a look at the index folder, and the count of the newest state
        except Exception:  # an index being rewritten may not open for a moment: look again later
            return
        self.post_message(StatsReady(stats))
        if watch and not current:
            self.post_message(IndexChanged(epoch))

    def on_index_changed(self, message: IndexChanged) -> None:
        if self._index_changed or message.epoch != self._watch_epoch or (self._busy or "").startswith("re-indexing"):
            return  # a re-index from here refreshes by itself when it is done
        self._index_changed = True
        self.refresh_bindings()
        self.notify("The index changed on disk. Press r to refresh.", title="Index updated", timeout=10, markup=False)
        self.query_one(StatusLine).say("The index changed on disk: r refreshes.", warning=True)

    def on_engine_failed(self, message: EngineFailed) -> None:
        if not self._after_failure(message):
            return
        text = f"{message.what} failed: {type(message.error).__name__}: {message.error}"
        self.query_one(StatusLine).say(text, warning=True)
        self.notify(printable(text), severity="error", markup=False)  # it may quote a path or the query

    # actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "refresh_index":
            return self._index_changed
        return True

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    def action_back(self) -> None:
        """Esc: from the article or the events back to the list, from the list back to the search bar.

        With an entity's timeline in the sidebar, Esc from the sidebar or the article closes it first.
        """
        results = self.query_one(ResultsList)
        events = self.query_one(EventsPane)
        focused = self.focused
        if events.timeline is not None and (
            focused is self.query_one(ArticleView) or (focused is not None and events in focused.ancestors)
        ):
            self._back_to_related()
        elif results.has_focus:
            self.query_one(SearchBar).focus()
        elif self.focused is not None and not self.query_one(SearchBar).has_focus:
            results.focus()

    def action_toggle_sidebar(self) -> None:
        self.toggle_class("-events-toggled")
        self.call_after_refresh(self._keep_focus_visible)

    def _keep_focus_visible(self) -> None:
        events = self.query_one(EventsPane)
        if not events.display and self.focused is not None and events in self.focused.ancestors_with_self:
            self.query_one(ResultsList).focus()

    def action_refresh_index(self) -> None:
        self._index_changed = False
        self.refresh_bindings()
        self._article_wanted = None
        self._new_search(self._query)
        self._load_stats()

    # re-indexing (the job itself: LongJobs) -------------------------------------------------------------

    def _reindexed(self, summary: IndexSummary) -> None:
        self._watch_epoch += 1  # what a watch started before saw was this change
        super()._reindexed(summary)
        self._index_changed = False
        self.refresh_bindings()
        self._article_wanted = None
        self._new_search(self._query)
        self._load_stats()
