"""Reading in the main screen: opening an article, moving the focus to it, finding its related events.

An article is loaded and laid out in a thread worker; each request gets a number and only the answer to
the latest is shown. Opening moves the focus to the article pane together with the article, so the two
are drawn in one frame (:meth:`ArticleReading.on_open_article`). Once the article is on screen its
related events are looked for, in another worker; the sidebar keeps what it listed until they come.
"""

from __future__ import annotations

import time

from textual import work
from textual.widget import Widget
from textual.worker import get_current_worker

from tui.library import Library, RelatedEvents, Span
from tui.messages import ArticleReady, EngineFailed, OpenArticle, RelatedReady
from tui.screens.jobs import LongJobs
from tui.widgets.article import ArticleView, LayoutRequest, lay_out
from tui.widgets.events import EventsPane
from tui.widgets.status import StatusLine

PREVIEW_STEP = 0.025
"""Seconds between two looks, by a preview waiting for the typing to pause, at whether it was cancelled."""
FOCUS_WAIT = 0.2
"""Seconds the focus may wait for an article being opened before it goes to the article pane anyway."""
OPENING = "opening the article"
"""What failed, when the engine could not open an article."""
FINDING_RELATED = "finding related events"
"""What failed, when the engine could not find an article's related events."""


class ArticleReading(LongJobs):
    """The article pane and the related-events sidebar of :class:`~tui.screens.main.MainScreen`."""

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self._article_seq = 0
        self._article_wanted: tuple[str, str] | None = None
        """(id, query) of the article shown or being loaded."""
        self._article_delayed = False
        """Whether the article being loaded waits for the typing to pause first."""
        self._article_arrived = False
        """Whether the article wanted is the one shown (not still being loaded)."""
        self._focus_waits: Widget | None = None
        """The widget that had the focus when an article was opened, while the focus waits for the article."""
        self._sentence: Span | None = None
        """The sentence to mark in the article being loaded (opened from an event)."""
        self._related: RelatedEvents | None = None
        """The related events of the article shown (kept while a timeline takes the sidebar)."""

    def on_open_article(self, message: OpenArticle) -> None:
        """Open an article and give its pane the focus, together with the article when it is on its way.

        Moving the focus redraws most of the screen, and so does showing the article: done in the same
        frame, an open costs one frame instead of two. A key pressed in the meantime moves the focus
        first (:meth:`focus_article_now`, called by the app), so typing ahead reaches the article.
        """
        view = self.query_one(ArticleView)
        if message.sentence is not None and view.article is not None and view.article.document.id == message.doc_id:
            view.mark_sentence(message.sentence)  # the article is open: only mark the sentence
        else:
            self._sentence = message.sentence
            self._load(message.doc_id)
        if self._article_arrived:
            view.focus()
        else:
            self._focus_waits = self.focused
            self.set_timer(FOCUS_WAIT, self.focus_article_now)

    def focus_article_now(self) -> None:
        """If the focus waits for an article being opened, give it to the article pane now.

        Unless it moved elsewhere meanwhile (a click): then it stays where the user put it.
        """
        waiting, self._focus_waits = self._focus_waits, None
        if waiting is not None and self.focused is waiting:
            self.set_focus(self.query_one(ArticleView))  # at once (``focus()`` waits): a key may follow

    def _load(self, doc_id: str, delay: float = 0.0) -> None:
        wanted = (doc_id, self.effective_query)
        if wanted == self._article_wanted and (delay or not self._article_delayed):
            return  # shown or on its way (a preview waiting for the typing to pause is hurried)
        self._article_wanted = wanted
        self._article_delayed = delay > 0
        self._article_arrived = False
        self._focus_waits = None  # another article is wanted now (a click on another row): not that one's
        self._article_seq += 1
        request = self.query_one(ArticleView).layout_request()
        self._open_article(doc_id, self.effective_query, self._article_seq, delay, request, self._sentence)

    @work(thread=True, exclusive=True, group="article")
    def _open_article(
        self, doc_id: str, query: str, seq: int, delay: float, request: LayoutRequest | None, sentence: Span | None
    ) -> None:
        """Load the article (after ``delay`` seconds unless a newer request cancels it first) and lay it out
        for the pane as ``request``ed (off the UI thread: 1 MB of text takes half a second)."""
        worker = get_current_worker()
        waited = 0.0
        while waited < delay and not worker.is_cancelled:
            time.sleep(PREVIEW_STEP)
            waited += PREVIEW_STEP
        if worker.is_cancelled:
            return
        try:
            article = self.library.open(doc_id, query, wanted=lambda: not worker.is_cancelled)
        except Exception as error:  # a damaged or vanished index: say so (on_engine_failed), keep the app running
            self.post_message(EngineFailed(OPENING, error, seq))
            return
        layout = None
        if article is not None and request is not None and not worker.is_cancelled:
            layout = lay_out(article, sentence, *request, self.app.console)
        if not worker.is_cancelled:
            self.post_message(ArticleReady(seq, doc_id, article, layout))

    def on_article_ready(self, message: ArticleReady) -> None:
        if message.seq != self._article_seq:
            return
        self._article_delayed = False
        self._article_arrived = True
        sentence, self._sentence = self._sentence, None
        self.query_one(ArticleView).show(message.article, sentence, message.layout)
        self.focus_article_now()
        self._related = None
        if message.article is not None:
            events = self.query_one(EventsPane)
            if events.timeline is None:  # a timeline stays while its articles are read
                events.looking()
            # once the article is on screen: the sidebar must not hold it up
            self.call_after_refresh(self._find_related_of, message.doc_id, message.seq)
        else:
            if self.query_one(EventsPane).timeline is None:
                self.query_one(EventsPane).show_events(())
            self.query_one(StatusLine).say("That article is no longer in the index: press r to refresh.", warning=True)

    def _find_related_of(self, doc_id: str, seq: int) -> None:
        if seq == self._article_seq:  # still the article shown
            self._find_related(doc_id, seq)

    @work(thread=True, exclusive=True, group="related")
    def _find_related(self, doc_id: str, seq: int) -> None:
        """The open article's events and related events, from the engine (in a worker)."""
        try:
            related = self.library.related(doc_id)
        except Exception as error:  # a damaged or vanished index: say so (on_engine_failed), keep the app running
            self.post_message(EngineFailed(FINDING_RELATED, error, seq))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(RelatedReady(seq, related))

    def on_related_ready(self, message: RelatedReady) -> None:
        if message.seq != self._article_seq:
            return  # another article was opened since
        self._related = message.related
        events = self.query_one(EventsPane)
        if events.timeline is None:  # else it waits until the timeline is closed
            events.show_related(message.related)

    def _after_failure(self, message: EngineFailed) -> bool:
        """Undo what a failed request about an article left waiting; False if it is no longer wanted
        (then nothing is to be said about it)."""
        if message.article_seq is None:
            return True  # not about an article
        if message.article_seq != self._article_seq:
            return False
        events = self.query_one(EventsPane)
        if message.what == FINDING_RELATED and events.timeline is None:
            events.show_events(())  # not the events of the article shown before
        elif message.what == OPENING:
            self._article_wanted = None  # asking again tries again
            self._focus_waits = None  # the focus stays where it is
            view = self.query_one(ArticleView)
            if view.article is not None and events.timeline is None and self._related is None:
                # the article still shown may have been waiting for its events: ask again
                self._find_related(view.article.document.id, self._article_seq)
        return True
