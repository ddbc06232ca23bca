"""Entities in the browser: colours by type, the entity cursor (e/E), filters (f/F, chips), timeline (t)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from tui_support import settle

from indexer.language.entities.model import Entity
from indexer.language.events.summary import has_content
from indexer.pipeline import open_catalog
from indexer.store import Store, StoredDocument
from tui.app import WartaApp
from tui.library import OpenedArticle
from tui.screens.main import MainScreen
from tui.widgets.article import ArticleView, article_text, entity_number, match_number
from tui.widgets.events import EventList, EventsPane
from tui.widgets.filters import FilterBar, FilterChip
from tui.widgets.results import ResultsList
from tui.widgets.status import StatusLine

WIDE = (140, 40)
QUERY = "lukashenko"
TEXT = "Xi Jinping met Alexander Lukashenko in Beijing on Wednesday."


@pytest.fixture
def document_with_entities() -> StoredDocument:
    """An article as the engine stores it, entities and all (offsets into ``text``)."""
    entities = (
        Entity(0, 10, "Xi Jinping", "PERSON", "Xi Jinping"),
        Entity(15, 35, "Alexander Lukashenko", "PERSON", "Alexander Lukashenko"),
        Entity(39, 46, "Beijing", "LOC", "Beijing"),
        Entity(50, 59, "Wednesday", "DATE", None),
    )
    for entity in entities:
        assert TEXT[entity.start : entity.end] == entity.text
    return StoredDocument("d1", "Visit", "2023-03-01", "Belta", "/x.txt", "0", "en", None, TEXT, TEXT, entities)


def status(app: WartaApp) -> str:
    return app.screen.query_one(StatusLine).message


def main(app: WartaApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def entities_of(index_dir: Path, query: str) -> tuple[Entity, ...]:
    with Store.open(str(index_dir)) as store:
        document = store.get(store.search(query).hits[0].id)
    assert document is not None
    return document.entities


def test_entities_are_coloured_by_type_under_the_matches(document_with_entities: StoredDocument) -> None:
    styles = {kind: Style(color=colour) for kind, colour in (("PERSON", "blue"), ("LOC", "green"), ("DATE", "red"))}
    article = OpenedArticle(document_with_entities, QUERY, (), ((25, 35),))
    text = article_text(article, Style(bold=True), Style(dim=True), Style(bgcolor="yellow"), styles)
    lines = text.plain.split("\n")
    assert lines[2] == "■ person  ■ place  ■ date"  # the legend names the types present, in a fixed order
    body = text.plain.index(TEXT)
    tagged = {entity_number(span.style): span for span in text.spans if entity_number(span.style) is not None}
    assert sorted(tagged) == [0, 1, 2, 3]
    for number, entity in enumerate(document_with_entities.entities):
        span = tagged[number]
        assert (span.start - body, span.end - body) == (entity.start, entity.end)
        assert isinstance(span.style, Style) and span.style.color == styles[entity.type].color
    match = next(span for span in text.spans if match_number(span.style) == 0)
    assert text.plain[match.start : match.end] == "Lukashenko"
    assert text.spans.index(match) > text.spans.index(tagged[1])  # drawn on top of the person's colour


@pytest.mark.asyncio
async def test_article_colours_come_from_the_stylesheet(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*QUERY, "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        colours = {
            kind: view.get_component_rich_style(f"article--{kind}", partial=True).color
            for kind in ("person", "org", "loc", "date", "misc")
        }
        assert None not in colours.values() and len(set(colours.values())) == 5
        match = view.get_component_rich_style("article--match")
        assert match.bgcolor is not None and all(colour != match.bgcolor for colour in colours.values())
        assert any(line.startswith("■ person") for line in view.lines[:5])


@pytest.mark.asyncio
async def test_e_and_shift_e_move_through_the_entities_and_say_which(samples_index: Path) -> None:
    entities = entities_of(samples_index, QUERY)
    assert len(entities) > 5
    app = WartaApp(samples_index)
    async with app.run_test(size=(140, 20)) as pilot:
        await pilot.press(*QUERY, "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("g", "e")
        assert view.current_entity == entities[0]
        first = entities[0]
        assert status(app) == f"{first.type} {first.canonical or first.text}"
        await pilot.press("e", "e")
        assert view.current_entity == entities[2]
        await pilot.press("E")
        assert view.current_entity == entities[1]
        await pilot.press("E", "E")
        assert view.current_entity == entities[-1]  # wraps around
        await pilot.pause()
        last_line = max(i for i, line in enumerate(view.lines) if entities[-1].text in line)
        assert view.scroll_y <= last_line < view.scroll_y + view.scrollable_content_region.height


@pytest.mark.asyncio
async def test_f_keeps_and_shift_f_drops_the_articles_naming_the_entity(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        await pilot.press("f")
        assert status(app) == "No entity chosen: e moves to the next one in the article."
        view = app.screen.query_one(ArticleView)
        await pilot.press("g", "e")
        while view.current_entity is not None and view.current_entity.type != "PERSON":
            await pilot.press("e")
        person = view.current_entity
        assert person is not None and person.canonical
        await pilot.press("F")
        await settle(pilot)
        screen = main(app)
        fragment = f'person:"{person.canonical}"'
        with Store.open(str(samples_index)) as store:
            naming = [hit.id for hit in store.search(fragment, limit=10).hits]
        assert naming
        results = screen.query_one(ResultsList)
        assert screen.effective_query == f"-{fragment}"
        assert not set(results.doc_ids) & set(naming)
        assert len(results.doc_ids) == 3 - len(naming)
        chips = [str(chip.render()) for chip in screen.query_one(FilterBar).query(FilterChip)]
        assert chips == [f"not person: {person.canonical} ×"]
        await pilot.press("c")
        await settle(pilot)
        assert len(results.doc_ids) == 3 and screen.effective_query == ""
        view.focus()
        await pilot.press("g", "e")
        while view.current_entity is not None and view.current_entity.canonical != person.canonical:
            await pilot.press("e")
        await pilot.press("f")
        await settle(pilot)
        assert screen.effective_query == fragment
        assert sorted(results.doc_ids) == sorted(naming)
        chips = [str(chip.render()) for chip in screen.query_one(FilterBar).query(FilterChip)]
        assert chips == [f"person: {person.canonical} ×"]


@pytest.mark.asyncio
async def test_a_date_cannot_be_a_filter(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*QUERY, "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("g", "e")
        while view.current_entity is not None and view.current_entity.type != "DATE":
            await pilot.press("e")
        await pilot.press("f")
        assert status(app) == "Cannot filter on a date."
        assert main(app).filters == ()


@pytest.mark.asyncio
async def test_t_shows_the_events_of_the_entity_over_the_corpus_in_the_sidebar(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*QUERY, "enter", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        await pilot.press("g", "e")
        while view.current_entity is not None and view.current_entity.canonical != "Russia":
            await pilot.press("e")
        await pilot.press("t")
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        assert pane.timeline == "Russia" and pane.border_title == "Timeline · Russia"
        catalog = open_catalog(str(samples_index))
        try:
            expected = catalog.events.timeline(name="Russia")
        finally:
            catalog.close()
        assert expected and [event.label for event in pane.entries] == [event.summary for event in expected]
        listed = [event.summary for event in expected if has_content(event)]  # the others are hidden
        assert len(listed) >= 2 and [event.label for event in pane.events] == listed
        assert all(event.kind and event.sentence for event in pane.events)
        assert pane.border_subtitle.startswith(f"{len(expected)} events")
        dates = [event.date for event in pane.entries if event.date]
        assert dates == sorted(dates)  # in time order
        assert [event.date for event in pane.entries][: len(dates)] == dates  # undated last
        # reading the timeline's events keeps it
        await pilot.press("tab")
        await pilot.press("j", "enter")
        await settle(pilot)
        assert view.article is not None and view.article.document.id == pane.events[1].doc_id
        assert view.sentence == pane.events[1].sentence
        assert pane.timeline == "Russia"
        # t on the same entity again: back to the related events of the open article
        await pilot.press("g", "e")
        while view.current_entity is not None and view.current_entity.canonical != "Russia":
            await pilot.press("e")
        await pilot.press("t")
        await settle(pilot)
        assert pane.timeline is None and pane.border_title == "Related events"
        assert pane.events and pane.events[0].own and pane.events[0].doc_id == view.article.document.id


@pytest.mark.asyncio
async def test_t_on_an_event_in_the_sidebar_shows_its_first_actor_and_esc_comes_back(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"shangfu", "enter", "enter", "a")  # a: Li Shangfu's events say little; all of them
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        related = pane.events
        listing = pane.query_one(EventList)
        listing.focus()
        listing.highlighted = next(i for i, event in enumerate(related) if event.actors[:1] == ("Li Shangfu",))
        await pilot.press("t")
        await settle(pilot)
        assert pane.timeline == "Li Shangfu" and pane.border_title == "Timeline · Li Shangfu"
        assert pane.events and all(event.actors for event in pane.events)
        await pilot.press("escape")
        await settle(pilot)
        assert pane.timeline is None and pane.events == related
        await pilot.press("t")  # again, then t closes it too
        await settle(pilot)
        assert pane.timeline is not None
        await pilot.press("t")
        assert pane.timeline is None and pane.events == related


@pytest.mark.asyncio
async def test_an_entity_without_events_falls_back_to_the_articles_naming_it(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        library = main(app).library
        catalog = open_catalog(str(samples_index))
        try:
            named = {name for event in catalog.events.timeline() for name in event.names()}
        finally:
            catalog.close()
        entity = next(e for e in library.entity_names() if e.canonical not in named)
        timeline = library.entity_events(entity.canonical, entity.type)
        assert timeline.events == () and timeline.articles
        pane = app.screen.query_one(EventsPane)
        pane.show_entity_timeline(timeline)
        await pilot.pause()
        assert "(no events)" in pane.border_title and pane.timeline == entity.canonical
        assert {event.doc_id for event in pane.events} == {row.id for row in timeline.articles}


@pytest.mark.asyncio
async def test_the_palette_filters_by_any_entity_of_the_index(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "ctrl+p", *"filter by entity")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"tiongkok")  # an alias
        await pilot.pause(0.5)
        option_list = app.screen.query_one("CommandList")
        prompts = [str(option.prompt) for option in option_list.options]  # type: ignore[attr-defined]
        assert prompts and prompts[0].startswith("With loc China"), prompts
        await pilot.press("enter")
        await settle(pilot)
        assert main(app).effective_query == 'loc:"China"'
