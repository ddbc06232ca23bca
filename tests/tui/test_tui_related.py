"""The sidebar beside an open article: its own events, then related events of other articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import settle

from tui.app import WartaApp
from tui.widgets.article import ArticleView
from tui.widgets.events import EventList, EventsPane

WIDE = (160, 50)
pytestmark = pytest.mark.asyncio


async def test_an_open_article_lists_its_events_then_related_ones(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"shangfu", "enter", "enter")
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        events = pane.events
        assert events and events[0].own
        own = [e for e in events if e.own]
        others = [e for e in events if not e.own]
        assert events[: len(own)] == tuple(own)  # its own events come first
        assert any("VISIT" in e.label and "Li Shangfu" in e.label for e in own)
        # the meeting of Lukashenko and Xi Jinping, reported by another article, is related
        meeting = next(e for e in others if "Lukashenko meets Xi Jinping" in e.label)
        opened = app.screen.query_one(ArticleView)
        before = opened.article.document.id if opened.article else None
        assert meeting.doc_id != before
        # Enter on it opens that article
        listing = app.screen.query_one(EventList)
        listing.focus()
        listing.highlighted = events.index(meeting)
        await pilot.press("enter")
        await settle(pilot)
        assert opened.article is not None and opened.article.document.id == meeting.doc_id
