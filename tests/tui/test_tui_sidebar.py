"""What the sidebar shows first and what it leaves out: same-story events after the article's own,
events whose summary says nothing hidden until ``a``, one event type with ``v``, a timeline a page at a
time ("3 of 7") with ``m`` or its last row."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot
from tui_support import settle

import tui.library
from indexer.language.events.model import EVENT_TYPES
from indexer.pipeline import open_catalog
from tui.app import WartaApp
from tui.library import EventRow, RelatedEvents
from tui.messages import RelatedReady
from tui.screens.main import MainScreen
from tui.widgets.article import ArticleView
from tui.widgets.events import FILTERED, MORE, EventList, EventsPane
from tui.widgets.status import StatusLine

WIDE = (160, 50)
pytestmark = pytest.mark.asyncio


def row(
    event_id: str,
    kind: str,
    summary: str,
    *,
    own: bool = False,
    same: bool = False,
    content: bool = True,
    source: str = "Elsewhere",
) -> EventRow:
    """A hand-made sidebar row (the engine's same_event is False until stories link articles)."""
    doc = "here" if own else f"doc-{event_id}"
    shared = () if own else ("Jakarta",)
    return EventRow(
        event_id, "2024-01-02", kind, summary, ("A",), shared, own, doc, 0, 5, source, content=content, same_event=same
    )


async def show(pilot: Pilot[None], *rows: EventRow) -> EventsPane:
    """Hand ``rows`` to the screen as the related events of the article open now (as the worker does)."""
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    screen.post_message(RelatedReady(screen._article_seq, RelatedEvents("here", rows, True)))
    await settle(pilot)
    return screen.query_one(EventsPane)


def prompts(pane: EventsPane) -> list[str]:
    listing = pane.query_one(EventList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def note(pane: EventsPane) -> str:
    return str(pane.query_one("#events-note").render())


def status(pilot: Pilot[None]) -> str:
    return pilot.app.screen.query_one(StatusLine).message


async def test_same_story_events_come_after_the_articles_own_and_are_marked(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        pane = await show(
            pilot,
            row("own", "VISIT", "A visits Bogor: three days of talks", own=True),
            row("other", "MEET", "B meets C about fishing quotas"),
            row("same", "MEET", "[bold]A[/bold] meets D: the [red]harbour[/red] deal", same=True, source="[i]T[/i]"),
            row("other2", "AGREE", "E agrees with F on rice"),
        )
        assert [event.label for event in pane.events] == [
            "A visits Bogor: three days of talks",
            "[bold]A[/bold] meets D: the [red]harbour[/red] deal",
            "B meets C about fishing quotas",
            "E agrees with F on rice",
        ]
        assert [(event.own, event.same_event) for event in pane.events] == [
            (True, False),
            (False, True),
            (False, False),
            (False, False),
        ]
        listed = prompts(pane)
        assert "◆ same story" in listed[1] and all(
            "same story" not in prompt for i, prompt in enumerate(listed) if i != 1
        )
        # untrusted text stays as written: not read as markup
        assert "[bold]A[/bold] meets D: the [red]harbour[/red] deal" in listed[1] and "[i]T[/i]" in listed[1]
        prompt = pane.query_one(EventList).get_option_at_index(1).prompt
        assert isinstance(prompt, Text) and not any("red" in str(span.style) for span in prompt.spans)
        assert pane.border_subtitle == "1 here · 1 same · 2 related"


async def test_events_that_say_nothing_are_hidden_until_a(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        pane = await show(
            pilot,
            row("own", "STATEMENT", "A makes a statement", own=True, content=False),
            row("own2", "STATEMENT", "A says the port opens in May", own=True),
            row("other", "MEET", "B holds a meeting", content=False),
            row("other2", "APPEAL", "C appeals to D: stop the strike"),
            row("other3", "AGREE", "E signs an agreement", content=False),
        )
        assert [event.label for event in pane.events] == [
            "A says the port opens in May",
            "C appeals to D: stop the strike",
        ]
        assert len(pane.entries) == 5 and pane.hidden() == 3
        assert note(pane) == "3 hidden: press a to show"
        assert pane.border_subtitle == "1 here · 1 related"
        pane.query_one(EventList).focus()
        await pilot.press("a")
        assert pane.show_all and len(pane.events) == 5
        assert [event.own for event in pane.events] == [True, True, False, False, False]
        assert note(pane) == "all shown: a hides the empty"
        assert status(pilot).startswith("Events: all")
        await pilot.press("j", "a")  # hidden again; the cursor stays on the entry it was on when it is listed
        assert len(pane.events) == 2 and note(pane) == "3 hidden: press a to show"
        assert pane.current is not None and pane.current.label == "A says the port opens in May"
        assert "(3 here)" in status(pilot)


async def test_a_keymap_renames_the_keys_the_pane_names(samples_index: Path, tmp_path: Path) -> None:
    keys = tmp_path / "keys.toml"
    keys.write_text('[keys]\n"main.all-events" = "h"\n"main.event-type" = "ctrl+t"\n', encoding="utf-8")
    app = WartaApp(samples_index, keys_file=keys)
    async with app.run_test(size=WIDE) as pilot:
        pane = await show(pilot, row("x", "MEET", "B holds a meeting", content=False), row("y", "VISIT", "C visits D"))
        assert note(pane) == "1 hidden: press h to show"
        pane.query_one(EventList).focus()
        await pilot.press("ctrl+t")
        assert note(pane) == "only MEET: ctrl+t for the next type\n1 hidden: press h to show"
        await pilot.press("h")
        assert pane.show_all and note(pane) == "only MEET: ctrl+t for the next type\nall shown: h hides the empty"


async def test_v_cycles_through_the_event_types_listed(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        rows = (
            row("own", "STATEMENT", "A says the port opens in May", own=True),
            row("m1", "MEET", "B meets C about fishing quotas"),
            row("s1", "STATEMENT", "D says rice is cheaper"),
            row("v1", "VISIT", "E visits Bogor for the summit"),
            row("m2", "MEET", "F holds a meeting", content=False),
        )
        pane = await show(pilot, *rows)
        kinds = sorted({r.type for r in rows}, key=EVENT_TYPES.index)  # the engine's order of types
        assert pane.types() == kinds
        pane.query_one(EventList).focus()
        for kind in kinds:
            await pilot.press("v")
            assert pane.event_type == kind
            assert pane.events and all(event.kind == kind for event in pane.events)
            assert note(pane).startswith(f"only {kind}: v for the next type")
            assert status(pilot) == f"Events: only {kind}."
        assert note(pane) == "only STATEMENT: v for the next type"
        await pilot.press("v")  # after the last type: every type again
        assert pane.event_type is None and len(pane.events) == 4 and status(pilot) == "Events: every type."
        # the filter and the hidden count go together: only MEET, one of them says nothing
        await pilot.press("v")
        assert [event.label for event in pane.events] == ["B meets C about fishing quotas"]
        assert note(pane) == "only MEET: v for the next type\n1 hidden: press a to show"
        # a filter that leaves nothing says so
        pane.show_related(RelatedEvents("here", (rows[2],), True))
        await pilot.pause()
        assert pane.events == () and FILTERED in str(pane.query_one("#events-empty").render())
        assert pane.types() == ["STATEMENT"]


async def open_russia_timeline(pilot: Pilot[None]) -> EventsPane:
    """Open the Lukashenko article, put the entity cursor on Russia, ``t``."""
    await pilot.press(*"lukashenko", "enter", "enter")
    await settle(pilot)
    view = pilot.app.screen.query_one(ArticleView)
    await pilot.press("g", "e")
    while view.current_entity is not None and view.current_entity.canonical != "Russia":
        await pilot.press("e")
    await pilot.press("t")
    await settle(pilot)
    pane = pilot.app.screen.query_one(EventsPane)
    assert pane.timeline == "Russia"
    return pane


async def test_a_timeline_pages_on_and_says_how_many_of_how_many(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = open_catalog(str(samples_index))
    try:
        expected = [event.summary for event in catalog.events.timeline(name="Russia")]
    finally:
        catalog.close()
    total = len(expected)
    page = (total + 2) // 3
    assert total > 2 * page >= 4  # three pages
    monkeypatch.setattr(tui.library, "TIMELINE_LIMIT", page)
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_russia_timeline(pilot)
        assert [event.label for event in pane.entries] == expected[:page]
        assert pane.more and pane.border_subtitle == f"{page} of {total} · t/esc: back"
        assert status(pilot) == f"Events of Russia: {page} of {total} in time order; m loads more"
        listing = pane.query_one(EventList)
        last = listing.get_option_at_index(listing.option_count - 1)
        assert last.id == MORE and str(last.prompt) == f"{page} of {total} events\nEnter or m: load more"
        await pilot.press("m")  # from the article pane
        await settle(pilot)
        assert [event.label for event in pane.entries] == expected[: 2 * page]
        assert pane.border_subtitle == f"{2 * page} of {total} · t/esc: back"
        listing.focus()
        await pilot.press("G")
        assert pane.current is None  # the "more" row
        await pilot.press("enter")
        await settle(pilot)
        assert [event.label for event in pane.entries] == expected
        assert not pane.more and pane.border_subtitle == f"{total} events · t/esc: back"
        assert listing.get_option_at_index(listing.option_count - 1).id != MORE
        assert pane.current is not None and pane.current.label in expected[2 * page :]  # on the first new one
        await pilot.press("m")
        assert status(pilot).startswith("No more events to load")
        assert len(pane.entries) == total


async def test_a_type_in_a_timeline_asks_the_engine_again(samples_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = open_catalog(str(samples_index))
    try:
        types = catalog.events.timeline_types(name="Russia")
        first = sorted(types, key=EVENT_TYPES.index)[0]
        of_type = [event.summary for event in catalog.events.timeline(name="Russia", kind=first)]
    finally:
        catalog.close()
    monkeypatch.setattr(tui.library, "TIMELINE_LIMIT", 1)
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_russia_timeline(pilot)
        assert pane.border_subtitle == f"1 of {sum(types.values())} · t/esc: back"
        assert pane.types() == sorted(types, key=EVENT_TYPES.index)  # over the whole timeline, not the page
        await pilot.press("v")
        await settle(pilot)
        assert pane.timeline == "Russia" and pane.event_type == first
        assert [event.label for event in pane.entries] == of_type[:1]
        count = f"1 of {len(of_type)}" if len(of_type) > 1 else "1 event"
        assert pane.border_subtitle == f"{count} · t/esc: back"
        await pilot.press("escape")  # back to the related events: the type stays
        await settle(pilot)
        assert pane.timeline is None and pane.event_type == first
        assert all(event.kind == first for event in pane.events)


async def test_the_library_gives_a_timeline_a_page_at_a_time(samples_index: Path) -> None:
    library = tui.library.Library(samples_index)
    try:
        whole = library.entity_events("Russia")
        assert whole.offset == 0 and whole.total == len(whole.events) > 3 and whole.event_type is None
        assert sum(count for _, count in whole.types) == whole.total
        second = library.entity_events("Russia", limit=2, offset=2)
        assert second.events == whole.events[2:4] and second.total == whole.total and second.offset == 2
        kind, count = whole.types[0]
        typed = library.entity_events("Russia", event_type=kind)
        assert typed.total == count == len(typed.events) and all(row.type == kind for row in typed.events)
        assert typed.types == whole.types
        assert any(row.content for row in whole.events) and not all(row.content for row in whole.events)
        assert "Russia military action" in {row.summary for row in whole.events if not row.content}
        past = library.entity_events("Russia", offset=whole.total)
        assert past.events == () and past.articles == () and past.total == whole.total
    finally:
        library.close()
