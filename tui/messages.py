"""Messages between the parts of the browser.

Widgets never reach into one another: they post one of these, it bubbles up to the screen, and the
screen decides what happens (which worker to start, which pane to update). Workers report back to
the screen the same way, tagged with the sequence number of the request they answer so that late
answers to superseded requests are dropped.
"""

from __future__ import annotations

from textual.message import Message

from tui.library import EntityTimeline, IndexStats, OpenedArticle, Page, RelatedEvents, Span
from tui.widgets.article import ArticleLayout

# what widgets tell the screen ------------------------------------------------------------------


class QueryChanged(Message):
    """The text of the search bar changed: search as you type."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class QuerySubmitted(Message):
    """Enter in the search bar: run the query now and go to the results."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ResultHighlighted(Message):
    """The cursor of the document list moved onto an article: preview it."""

    def __init__(self, doc_id: str) -> None:
        super().__init__()
        self.doc_id = doc_id


class OpenArticle(Message):
    """Open an article for reading (Enter on a result, or on an event: then at the sentence that reports it)."""

    def __init__(self, doc_id: str, sentence: Span | None = None) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.sentence = sentence


class MoreResultsWanted(Message):
    """The document list's cursor is near the end of the rows it holds, and there are more."""

    def __init__(self, loaded: int) -> None:
        super().__init__()
        self.loaded = loaded


class MoreEventsWanted(Message):
    """The sidebar's "more" row was chosen: the next page of the timeline of ``name``, from ``loaded`` on."""

    def __init__(self, name: str, loaded: int) -> None:
        super().__init__()
        self.name = name
        self.loaded = loaded


# what workers tell the screen ------------------------------------------------------------------


class ResultsReady(Message):
    """A page of results for the search numbered ``seq``."""

    def __init__(self, seq: int, page: Page) -> None:
        super().__init__()
        self.seq = seq
        self.page = page


class SuggestionReady(Message):
    """A corrected query for the search numbered ``seq``, which found nothing."""

    def __init__(self, seq: int, suggestion: str) -> None:
        super().__init__()
        self.seq = seq
        self.suggestion = suggestion


class ArticleReady(Message):
    """An article loaded for the request numbered ``seq`` (None when it is no longer in the index)."""

    def __init__(
        self, seq: int, doc_id: str, article: OpenedArticle | None, layout: ArticleLayout | None = None
    ) -> None:
        super().__init__()
        self.seq = seq
        self.doc_id = doc_id
        self.article = article
        self.layout = layout
        """The article laid out for the pane, when the worker could."""


class RelatedReady(Message):
    """The events of the article opened by the request numbered ``seq``, then related events."""

    def __init__(self, seq: int, related: RelatedEvents) -> None:
        super().__init__()
        self.seq = seq
        self.related = related


class TimelineReady(Message):
    """A page of an entity's timeline (the first, or one more when ``timeline.offset`` > 0), for the request
    numbered ``seq``."""

    def __init__(self, seq: int, timeline: EntityTimeline) -> None:
        super().__init__()
        self.seq = seq
        self.timeline = timeline


class StatsReady(Message):
    """Article count and size of the index."""

    def __init__(self, stats: IndexStats) -> None:
        super().__init__()
        self.stats = stats


class IndexChanged(Message):
    """Another process changed the index on disk since it was read (seen by the watch numbered ``epoch``)."""

    def __init__(self, epoch: int = 0) -> None:
        super().__init__()
        self.epoch = epoch


class EngineFailed(Message):
    """The engine raised an error while answering a request."""

    def __init__(self, what: str, error: Exception, article_seq: int | None = None) -> None:
        super().__init__()
        self.what = what
        self.error = error
        self.article_seq = article_seq
        """For a request about an article (opening it, its related events): the number of the request."""
