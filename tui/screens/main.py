"""The main screen: search bar, document list, article, related events, status line.

The screen owns the engine (a :class:`~tui.library.Library`) and routes the panes' messages: a query
starts a search worker, a highlighted result loads a preview, Enter opens the article. Engine calls
run in thread workers (Whoosh is synchronous); each request gets a sequence number and an answer to
anything but the latest request is dropped, so a slow early search never overwrites a later one.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from tui.library import Library, Page
from tui.messages import (
    ArticleReady,
    EngineFailed,
    IndexChanged,
    MoreResultsWanted,
    OpenArticle,
    QueryChanged,
    QuerySubmitted,
    ResultHighlighted,
    ResultsReady,
    StatsReady,
)
from tui.widgets.article import ArticleView
from tui.widgets.events import EventsPane
from tui.widgets.results import ResultsList
from tui.widgets.search import SearchBar
from tui.widgets.status import StatusLine

NARROW_WIDTH = 100
"""Below this many columns the events sidebar is hidden (F2 or ``s`` shows it)."""


class MainScreen(Screen[None]):
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
    ]
    WATCH_SECONDS = 2.0
    """How often the index on disk is checked for changes made by another process."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._query = ""
        self._search_seq = 0
        self._article_seq = 0
        self._article_wanted: tuple[str, str] | None = None
        """(id, query) of the article shown or being loaded."""
        self._index_changed = False

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        with Horizontal(id="panes"):
            yield ResultsList(id="results")
            yield ArticleView(id="article")
            yield EventsPane(id="events")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SearchBar).focus()
        self._new_search("")
        self._load_stats()
        self.set_interval(self.WATCH_SECONDS, self.check_index)

    @property
    def query_text(self) -> str:
        """The query the document list shows the results of."""
        return self._query

    # searching ---------------------------------------------------------------------------------

    def on_query_changed(self, message: QueryChanged) -> None:
        self._new_search(message.text)

    def on_query_submitted(self, message: QuerySubmitted) -> None:
        if message.text != self._query:
            self._new_search(message.text)
        self.query_one(ResultsList).focus()

    def _new_search(self, query: str) -> None:
        self._query = query
        self._search_seq += 1
        self._search(query, 0, self._search_seq)

    def on_more_results_wanted(self, message: MoreResultsWanted) -> None:
        self._search(self._query, message.loaded, self._search_seq)  # a new query cancels it (same group)

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
        if message.page.offset == 0:
            self._report(message.page)
            if not message.page.rows:
                self._article_wanted = None
                self.query_one(ArticleView).show(None)

    def _report(self, page: Page) -> None:
        status = self.query_one(StatusLine)
        if page.notice:
            status.say(page.notice, warning=True)
        elif page.suggestion:
            status.say(f"did you mean: {page.suggestion}")
        else:
            status.say("")

    # reading -----------------------------------------------------------------------------------

    def on_result_highlighted(self, message: ResultHighlighted) -> None:
        self._load(message.doc_id)

    def on_open_article(self, message: OpenArticle) -> None:
        self._load(message.doc_id)
        self.query_one(ArticleView).focus()

    def _load(self, doc_id: str) -> None:
        wanted = (doc_id, self._query)
        if wanted == self._article_wanted:
            return
        self._article_wanted = wanted
        self._article_seq += 1
        self._open_article(doc_id, self._query, self._article_seq)

    @work(thread=True, exclusive=True, group="article")
    def _open_article(self, doc_id: str, query: str, seq: int) -> None:
        worker = get_current_worker()
        try:
            article = self.library.open(doc_id, query, wanted=lambda: not worker.is_cancelled)
        except Exception as error:  # see _search
            self.post_message(EngineFailed("opening the article", error))
            return
        if not worker.is_cancelled:
            self.post_message(ArticleReady(seq, doc_id, article))

    def on_article_ready(self, message: ArticleReady) -> None:
        if message.seq != self._article_seq:
            return
        self.query_one(ArticleView).show(message.article)
        self.query_one(EventsPane).show_events(())
        if message.article is None:
            self.query_one(StatusLine).say("That article is no longer in the index: press r to refresh.", warning=True)

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
        """Look (in a worker) whether another process changed the index since it was read."""
        if not self._index_changed:
            self._check_index()

    @work(thread=True, exclusive=True, group="watch")
    def _check_index(self) -> None:
        try:
            current = self.library.is_current()
        except Exception:  # an index being rewritten may not open for a moment: look again later
            return
        if not current:
            self.post_message(IndexChanged())

    def on_index_changed(self, message: IndexChanged) -> None:
        if self._index_changed:
            return
        self._index_changed = True
        self.refresh_bindings()
        self.notify("The index changed on disk. Press r to refresh.", title="Index updated", timeout=10, markup=False)
        self.query_one(StatusLine).say("The index changed on disk: r refreshes.", warning=True)

    def on_engine_failed(self, message: EngineFailed) -> None:
        text = f"{message.what} failed: {type(message.error).__name__}: {message.error}"
        self.query_one(StatusLine).say(text, warning=True)
        self.notify(text, severity="error", markup=False)

    # actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "refresh_index":
            return self._index_changed
        return True

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    def action_back(self) -> None:
        """Esc: from the article or the events back to the list, from the list back to the search bar."""
        results = self.query_one(ResultsList)
        if results.has_focus:
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
