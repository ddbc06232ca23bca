"""The sidebar beside an open article: its own events, then related events of other articles."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_support import settle

from tui.app import WartaApp
from tui.library import EventRow, Library, RelatedEvents
from tui.messages import RelatedReady
from tui.screens.main import MainScreen
from tui.widgets.article import ArticleView
from tui.widgets.events import NO_EVENTS, OLD_INDEX, EventList, EventsPane
from tui.widgets.results import ResultsList
from tui.widgets.search import SearchBar

WIDE = (160, 50)
pytestmark = pytest.mark.asyncio


async def test_an_open_article_lists_its_events_then_related_ones(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"shangfu", "enter", "enter", "a")  # a: the events whose summary says nothing too
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None
        here = view.article.document.id
        pane = app.screen.query_one(EventsPane)
        assert pane.show_all
        events = pane.events
        assert events and events[0].own
        own = [e for e in events if e.own]
        others = [e for e in events if not e.own]
        assert events[: len(own)] == tuple(own)  # its own events come first
        assert all(e.doc_id == here and e.detail == "this article" for e in own)
        assert any(e.kind == "VISIT" and e.label == "Li Shangfu visits Belarus" for e in own)
        # the meeting of Lukashenko and Xi Jinping in Beijing, reported by another article, is related
        meeting = next(e for e in others if e.kind == "MEET" and "Lukashenko meets Xi Jinping" in e.label)
        assert meeting.date == "2023-03-01" and meeting.doc_id != here
        assert "Belarus" in meeting.detail  # a name it shares with the open article
        # Enter on it opens that article at the sentence that reports it, marked
        listing = app.screen.query_one(EventList)
        listing.focus()
        listing.highlighted = events.index(meeting)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is view
        assert view.article is not None and view.article.document.id == meeting.doc_id
        assert meeting.sentence is not None and view.sentence == meeting.sentence
        start, end = meeting.sentence
        assert "bertemu" in view.article.document.text[start:end]
        line = view.sentence_line
        assert line is not None and view.scroll_offset.y <= line < view.scroll_offset.y + view.size.height
        # the sidebar now lists the events of the article opened
        assert pane.events and all(e.doc_id == meeting.doc_id for e in pane.events if e.own)


async def test_an_event_of_the_open_article_only_marks_its_sentence(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"shangfu", "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        pane = app.screen.query_one(EventsPane)
        related = pane.events
        last_own = max(i for i, e in enumerate(related) if e.own)
        listing = app.screen.query_one(EventList)
        listing.focus()
        listing.highlighted = last_own
        await pilot.press("enter")
        await settle(pilot)
        assert view.sentence == related[last_own].sentence
        assert pane.events == related  # the same article: nothing was reloaded


async def test_a_late_answer_for_another_article_is_dropped(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"shangfu", "enter", "enter")
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        shown = pane.events
        screen = app.screen
        assert isinstance(screen, MainScreen)
        stale = RelatedEvents("elsewhere", (), True)
        screen.post_message(RelatedReady(screen._article_seq - 1, stale))
        await settle(pilot)
        assert pane.events == shown
        # a search with no hits empties the article and the sidebar
        await pilot.press("slash", *" zzzqqqxx")
        await settle(pilot)
        assert pane.events == () and app.screen.query_one(ArticleView).article is None


async def test_text_of_events_is_shown_as_written(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        row = EventRow(
            "x", "2024-01-02", "MEET", "[bold]A[/bold] meets B", ("A",), ("[red]B[/red]",), False, "d", 0, 5, "[i]T[/i]"
        )
        pane.show_related(RelatedEvents("here", (row,), True))
        await pilot.pause()
        prompt = str(pane.query_one(EventList).get_option_at_index(0).prompt)
        assert "[bold]A[/bold] meets B" in prompt and "[i]T[/i]" in prompt and "shared: [red]B[/red]" in prompt
        pane.show_related(RelatedEvents("here", (), True))
        await pilot.pause()
        assert NO_EVENTS in str(pane.query_one("#events-empty").render())


async def test_an_index_built_before_events_says_so(own_samples_index: Path) -> None:
    with sqlite3.connect(own_samples_index / "catalog.sqlite") as db:
        for table in ("events", "event_docs", "event_names", "name_counts", "mentions"):
            db.execute(f"DELETE FROM {table}")
        db.execute("UPDATE files SET pipeline = '2'")  # a version before events
    library = Library(own_samples_index)
    try:
        related = library.related(library.page("").rows[0].id)  # type: ignore[union-attr]
    finally:
        library.close()
    assert related.rows == () and not related.events_indexed
    app = WartaApp(own_samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        assert pane.events == ()
        assert OLD_INDEX in str(pane.query_one("#events-empty").render())


async def search_without_typing(pilot: Pilot[None], query: str) -> None:
    """Search ``query`` at once (typed, its prefixes would be searched too) and go to the results."""
    bar = pilot.app.screen.query_one(SearchBar)
    bar.focus()
    bar.value = query
    await pilot.press("enter")
    await settle(pilot)


async def test_slow_related_events_leave_the_old_ones_dimmed_then_replace_them(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await search_without_typing(pilot, "lukashenko")  # its top hit is previewed, with its events
        pane = app.screen.query_one(EventsPane)
        first = pane.events
        assert first and not pane.has_class("-stale")
        gate = threading.Event()
        answer = Library.related

        def slow_related(library: Library, doc_id: str) -> RelatedEvents:
            gate.wait(5)
            return answer(library, doc_id)

        monkeypatch.setattr(Library, "related", slow_related)
        await pilot.press("G", "enter")
        for _ in range(20):  # the other article is drawn; its events have not come
            await pilot.pause(0.05)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.document.id == app.screen.query_one(ResultsList).doc_ids[-1]
        assert pane.events == first  # still listed, dimmed, while the new ones are looked for
        assert pane.has_class("-stale") and pane.border_subtitle == "looking…"
        gate.set()
        await settle(pilot)
        assert not pane.has_class("-stale") and pane.border_subtitle != "looking…"
        assert pane.events != first
        assert any(e.own and e.doc_id == view.article.document.id for e in pane.events)


async def test_a_failed_lookup_clears_the_events_of_the_article_before(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"shangfu", "enter", "enter")
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        assert pane.events

        def broken(library: Library, doc_id: str) -> RelatedEvents:
            raise sqlite3.DatabaseError("file is not a database")

        monkeypatch.setattr(Library, "related", broken)
        await search_without_typing(pilot, "lukashenko")
        await pilot.press("G", "enter")
        await settle(pilot)
        assert pane.events == ()
