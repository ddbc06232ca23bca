"""The browser driven by keys, as a person would: Pilot on indexes built from the samples."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual import events
from textual.widgets import Input
from tui_support import MARKUP, SAMPLES, settle

from indexer.pipeline import index_paths, open_catalog
from indexer.store import Store
from tui.app import INTERRUPTED, WartaApp
from tui.library import Library, Page
from tui.messages import ResultsReady
from tui.screens.help import HelpScreen, declared_bindings
from tui.screens.main import MainScreen
from tui.screens.welcome import WelcomeScreen
from tui.widgets.article import ArticleView
from tui.widgets.events import NO_EXTRACTOR, EventList, EventsPane, RelatedEvent
from tui.widgets.results import ResultsList
from tui.widgets.search import SearchBar
from tui.widgets.status import StatusLine

pytestmark = pytest.mark.asyncio

WIDE = (120, 36)
QUERY = "lukashenko"


def catalogue_ids(index_dir: Path) -> list[str]:
    catalog = open_catalog(str(index_dir))
    try:
        return [row.id for row in catalog.docs()]
    finally:
        catalog.close()


def search_ids(index_dir: Path, query: str) -> list[str]:
    with Store.open(str(index_dir)) as store:
        return [hit.id for hit in store.search(query, limit=100).hits]


def main_screen(app: WartaApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def test_empty_query_lists_every_article_newest_first(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert results.doc_ids == catalogue_ids(samples_index)
        assert results.border_subtitle == "3 articles"
        assert isinstance(app.focused, SearchBar)
        assert "3 articles" in str(app.screen.query_one(StatusLine).render())


async def test_typing_a_query_updates_the_list_and_previews_the_top_hit(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*QUERY)
        await settle(pilot)
        expected = search_ids(samples_index, QUERY)
        assert 0 < len(expected) < 3
        results = app.screen.query_one(ResultsList)
        assert results.doc_ids == expected
        assert str(results.border_subtitle).startswith(f"{len(expected)} hit")
        article = app.screen.query_one(ArticleView)
        assert article.article is not None and article.article.document.id == expected[0]
        assert article.article.query == QUERY
        assert isinstance(app.focused, SearchBar)  # a preview does not take the focus


async def test_a_query_without_hits_empties_the_list_and_the_article(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"zzqxv")
        await settle(pilot)
        assert app.screen.query_one(ResultsList).doc_ids == []
        assert str(app.screen.query_one(ResultsList).border_subtitle).startswith("no hits ·")
        assert app.screen.query_one(ArticleView).article is None


async def test_enter_runs_the_query_then_opens_the_article_at_its_first_match(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*QUERY, "enter")
        await settle(pilot)
        assert isinstance(app.focused, ResultsList)
        await pilot.press("enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert app.focused is article
        assert article.article is not None
        assert article.article.document.id == search_ids(samples_index, QUERY)[0]
        assert article.match_count >= 2 and article.current_match == 0
        first = article.lines.index(next(line for line in article.lines if "Lukashenko" in line))
        height = article.scrollable_content_region.height
        assert article.scroll_y > 0
        assert article.scroll_y <= first < article.scroll_y + height
        assert article.border_subtitle == f"match 1 of {article.match_count}"


async def test_n_and_shift_n_move_between_matches_and_wrap_around(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.press(*QUERY, "enter", "enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        count = article.match_count
        seen = [article.current_match]
        for _ in range(count):
            await pilot.press("n")
            await pilot.pause()
            seen.append(article.current_match)
        assert seen == [*range(count), 0]
        await pilot.press("N")
        await pilot.pause()
        assert article.current_match == count - 1
        assert article.border_subtitle == f"match {count} of {count}"
        last_line = max(i for i, line in enumerate(article.lines) if "Lukashenko" in line)
        assert article.scroll_y <= last_line < article.scroll_y + article.scrollable_content_region.height
        await pilot.press("N")
        await pilot.pause()
        assert article.current_match == count - 2


async def test_j_k_g_shift_g_and_arrows_move_in_the_list(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        results = app.screen.query_one(ResultsList)
        assert app.focused is results
        moves = {"j": 1, "k": 0, "down": 1, "down ": 2, "up": 1, "G": 2, "g": 0, "end": 2, "home": 0}
        for key, row in moves.items():
            await pilot.press(key.strip())
            assert results.cursor_row == row, key
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.article is not None and article.article.document.id == results.doc_ids[0]


async def test_j_k_g_shift_g_scroll_the_article(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert app.focused is article and article.scroll_y == 0
        for key, expected in (("j", 1), ("j", 2), ("k", 1), ("G", article.max_scroll_y), ("g", 0)):
            await pilot.press(key)
            await pilot.pause()
            assert article.scroll_y == expected, key


async def test_tab_and_shift_tab_cycle_through_the_panes(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        order = [type(app.focused)]
        for _ in range(4):
            await pilot.press("tab")
            order.append(type(app.focused))
        # the open article's related events fill the sidebar, which takes its turn
        assert order == [SearchBar, ResultsList, ArticleView, EventList, SearchBar]
        await pilot.press("shift+tab")
        assert isinstance(app.focused, EventList)


async def test_escape_backs_out_to_the_list_then_to_the_search_bar(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*QUERY, "enter", "enter")
        await settle(pilot)
        assert isinstance(app.focused, ArticleView)
        await pilot.press("escape")
        assert isinstance(app.focused, ResultsList)
        await pilot.press("escape")
        assert isinstance(app.focused, SearchBar)
        await pilot.press("j")  # coming back selects the query: typing starts a new one
        assert app.screen.query_one(SearchBar).value == "j"
        await pilot.press("escape", "slash")
        assert isinstance(app.focused, SearchBar)


async def test_slash_focuses_the_search_bar(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, ArticleView)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBar)


async def test_question_mark_lists_every_binding_from_the_bindings(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("tab", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = {title: dict((description, keys) for keys, description in rows) for title, rows in app.screen.sections}
        for node in (app, screen, *screen.query("SearchBar, ResultsList, ArticleView, EventList")):
            bindings = declared_bindings(node)
            assert bindings, node
            section = shown[node.BINDING_GROUP_TITLE or type(node).__name__]
            for binding in bindings:
                assert app.get_key_display(binding) in section[binding.description].split(", "), binding
        assert shown["Article"]["Next match"] == "n"
        assert shown["Document list"]["Next article"] == "j, ↓"
        await pilot.press("question_mark")
        assert app.screen is screen


async def test_q_quits(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("q")  # typed: the search bar has the focus
        assert app.screen.query_one(SearchBar).value == "q"
        await pilot.press("tab", "q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


@pytest.mark.parametrize("where", ["search bar", "list", "help", "palette"])
async def test_ctrl_c_quits_from_anywhere_as_interrupted(samples_index: Path, where: str) -> None:
    """Ctrl-C only showed "Press ctrl+q to quit the app" (and copied, in the search bar)."""
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        keys = {"search bar": ["l"], "list": ["tab"], "help": ["tab", "question_mark"], "palette": ["ctrl+p"]}
        await pilot.press(*keys[where])
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.return_code == INTERRUPTED
        assert not app.is_running


async def test_sigint_quits_as_interrupted(samples_index: Path) -> None:
    """``kill -INT`` ended the browser with status 0, as if the user had quit."""
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: caught.append(number))  # never pytest's
    try:
        app = WartaApp(samples_index)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(50):
                await pilot.pause(0.01)
                if not app.is_running:
                    break
            assert caught == []  # the app's handler had it
            assert app.return_code == INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, previous)


async def test_narrow_terminal_hides_the_sidebar_and_s_or_f2_toggles_it(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        events = app.screen.query_one(EventsPane)
        assert not events.display
        await pilot.press("tab", "s")
        await pilot.pause()
        assert events.display
        await pilot.press("f2")
        await pilot.pause()
        assert not events.display
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert events.display
        await pilot.press("s")
        await pilot.pause()
        assert not events.display


async def test_events_sidebar_explains_why_it_is_empty_and_lists_events_it_is_given(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        # the article open at start has events: its own first
        assert pane.events and pane.events[0].own
        pane.show_events([])
        await pilot.pause()
        assert NO_EXTRACTOR in str(pane.query_one("#events-empty").render())
        doc_id = catalogue_ids(samples_index)[-1]
        pane.show_events([RelatedEvent("Visit to [bold]Minsk[/bold]", "2023-03-01", doc_id)])
        await pilot.pause()
        listing = pane.query_one(EventList)
        assert listing.display and listing.option_count == 1
        assert "Visit to [bold]Minsk[/bold]" in str(listing.get_option_at_index(0).prompt)
        listing.focus()
        await pilot.press("enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert app.focused is article
        assert article.article is not None and article.article.document.id == doc_id


async def test_markup_in_an_article_is_shown_as_written(markup_index: Path) -> None:
    app = WartaApp(markup_index)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.press(*"markup", "enter", "enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.article is not None
        laid_out = " ".join(article.lines)
        assert "Markup [bold]stays[/bold] text" in laid_out
        assert "[i]Source[/i]" in laid_out
        assert "[bold]x[/] [link=http://e]y[/link]" in laid_out
        assert "[red]not red[/red], :smile:, $var" in laid_out
        screen_text = "".join(app.export_screenshot())
        assert "\x1b" not in "\n".join(article.lines)
        first_row = app.screen.query_one(ResultsList).render_line(ResultsList.header_height)
        assert "Markup [bold]stays[/bold] text" in first_row.text
        assert screen_text


async def test_escape_sequences_in_article_text_are_made_visible(samples_index: Path) -> None:
    from indexer.store import StoredDocument
    from tui.library import OpenedArticle

    document = StoredDocument(
        id="x", title=f"T {MARKUP}", date=None, source=None, path="p", key="", lang="en", url=None,
        text=f"before {MARKUP} after\x07\x9b", raw="",
    )  # fmt: skip
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        article.show(OpenedArticle(document, "after", (), ((25, 30),)))
        await pilot.pause()
        laid_out = "".join(article.lines)
        assert "T [bold]x[/] [link=http://e]y[/link] ␛[31m" in laid_out
        assert "before [bold]x[/] [link=http://e]y[/link] ␛[31m after␇\ufffd" in laid_out
        rendered = [article.render_line(y).text for y in range(4)]
        assert all("\x1b" not in line for line in rendered)
        assert article.match_count == 1


async def test_stale_search_results_never_replace_newer_ones(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_page = Library.page

    def slow_page(self: Library, query: str, *args: Any, **kwargs: Any) -> Page | None:
        if query == "rusia":
            release.wait(10)
        return real_page(self, query, *args, **kwargs)

    monkeypatch.setattr(Library, "page", slow_page)
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        search = app.screen.query_one(SearchBar)
        search.value = "rusia"  # its search blocks until released
        await pilot.pause()
        search.value = QUERY
        await pilot.pause()
        for _ in range(50):
            await pilot.pause(0.01)
            if app.screen.query_one(ResultsList).doc_ids == search_ids(samples_index, QUERY):
                break
        release.set()
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert results.doc_ids == search_ids(samples_index, QUERY)
        assert search_ids(samples_index, "rusia") != results.doc_ids
        # an answer to an older query that arrives late is dropped
        screen = main_screen(app)
        screen.post_message(ResultsReady(0, Page("rusia", 0, (), 0)))
        await pilot.pause()
        assert results.doc_ids == search_ids(samples_index, QUERY)


async def test_two_quick_queries_show_the_last(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(*"rusia")
        for _ in range(5):
            await pilot.press("backspace")
        await pilot.press(*QUERY)
        await settle(pilot)
        assert app.screen.query_one(ResultsList).doc_ids == search_ids(samples_index, QUERY)
        assert main_screen(app).query_text == QUERY


async def test_a_change_on_disk_offers_a_refresh(own_samples_index: Path, tmp_path: Path) -> None:
    app = WartaApp(own_samples_index)
    notes: list[str] = []
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        app.notify = lambda message, **_options: notes.append(message)  # type: ignore[method-assign]
        assert screen.check_action("refresh_index", ()) is False
        extra = tmp_path / "new" / "extra.txt"
        extra.parent.mkdir()
        extra.write_text("Lukashenko visits the harbour\n\nA new article about Lukashenko.\n", encoding="utf-8")
        index_paths([str(extra)], str(own_samples_index), workers=1)
        screen.check_index()
        await settle(pilot)
        assert any("press r to refresh" in note.lower() for note in notes)
        assert screen.check_action("refresh_index", ()) is True
        assert "changed on disk" in screen.query_one(StatusLine).message
        await pilot.press("tab", "r")
        await settle(pilot)
        assert len(screen.query_one(ResultsList).doc_ids) == 4
        assert "4 articles" in str(screen.query_one(StatusLine).render())
        assert screen.check_action("refresh_index", ()) is False


async def test_a_missing_index_opens_the_welcome_screen(tmp_path: Path) -> None:
    app = WartaApp(tmp_path / "nothing-here")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.focused is not None and app.focused.id == "index-samples"


async def test_the_welcome_screen_indexes_the_samples_then_opens_the_main_screen(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    app = WartaApp(index_dir)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the focused button: index the samples
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await settle(pilot)
        assert len(app.screen.query_one(ResultsList).doc_ids) == len(list(SAMPLES.glob("*.txt")))
    assert Store.exists(str(index_dir))


async def test_the_welcome_screen_indexes_a_typed_path_and_reports_bad_ones(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.txt").write_text("Harbour news\n\nThe ferry timetable changes next week.\n", encoding="utf-8")
    app = WartaApp(tmp_path / "index")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        path_input = app.screen.query_one("#path", Input)
        path_input.focus()
        path_input.value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "no file or folder" in str(app.screen.query_one("#welcome-message").render())
        path_input.value = str(folder)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await settle(pilot)
        assert len(app.screen.query_one(ResultsList).doc_ids) == 1


async def test_an_empty_index_opens_the_welcome_screen(tmp_path: Path) -> None:
    Store.open(str(tmp_path / "index"), create=True).close()
    app = WartaApp(tmp_path / "index")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_a_misspelt_query_gets_a_correction_once_the_typing_pauses(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"lukashenki")
        await settle(pilot)
        assert app.screen.query_one(ResultsList).doc_ids == []  # the list does not wait for the correction
        status = app.screen.query_one(StatusLine)
        for _ in range(40):  # asked once no other query was typed for a moment
            await pilot.pause(0.05)
            if "did you mean" in status.message:
                break
        assert status.message == "did you mean: lukashenko"
        await pilot.press("o")  # another query: its answer puts the status line back
        await settle(pilot)
        assert "did you mean" not in status.message


def slow_open(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make the engine hold every article back until the returned event is set."""
    gate = threading.Event()
    answer = Library.open

    def held(library: Library, *args: Any, **kwargs: Any) -> Any:
        gate.wait(5)
        return answer(library, *args, **kwargs)

    monkeypatch.setattr(Library, "open", held)
    return gate


async def test_the_focus_goes_to_the_article_with_it_or_with_the_next_key(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        results = app.screen.query_one(ResultsList)
        article = app.screen.query_one(ArticleView)
        assert app.focused is results
        gate = slow_open(monkeypatch)
        await pilot.press("j")  # the second article is previewed: not here yet
        await pilot.press("enter")
        assert app.focused is results  # the focus waits for the article...
        await pilot.press("G")  # ...unless a key comes first: it is the article's
        assert app.focused is article
        assert results.cursor_row == 1
        gate.set()
        await settle(pilot)
        assert article.article is not None and article.article.document.id == results.doc_ids[1]
        assert article.scroll_y == 0  # "G" went to the article shown before; the new one starts at its top


async def test_a_slow_article_gets_the_focus_before_it_comes(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        gate = slow_open(monkeypatch)
        await pilot.press("j", "enter")
        await pilot.pause(0.5)
        article = app.screen.query_one(ArticleView)
        assert app.focused is article and article.article is not None  # the one shown before, for now
        assert article.article.document.id == app.screen.query_one(ResultsList).doc_ids[0]
        gate.set()
        await settle(pilot)
        assert article.article.document.id == app.screen.query_one(ResultsList).doc_ids[1]
        assert app.focused is article


async def test_the_focus_put_elsewhere_meanwhile_stays_there(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        gate = slow_open(monkeypatch)
        await pilot.press("j", "enter")
        search = app.screen.query_one(SearchBar)
        await pilot.click(SearchBar)
        assert app.focused is search
        gate.set()
        await settle(pilot)
        assert app.focused is search


async def test_a_theme_change_restyles_the_article_shown_and_the_next_ones(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # the list has the focus: the article pane's own style stays as it is
        view = app.screen.query_one(ArticleView)

        def colours(style: Style | None) -> object:
            return None if style is None else (style.color, style.bgcolor)

        def title_style() -> object:
            return colours(next(iter(view.render_line(0))).style)

        themed = colours(view.get_component_styles("article--title").rich_style)
        assert title_style() == themed
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await settle(pilot)
        themed = colours(view.get_component_styles("article--title").rich_style)
        assert title_style() == themed  # the article shown
        await pilot.press("j")
        await settle(pilot)
        assert title_style() == themed  # the next one


async def test_a_click_on_another_row_while_waiting_keeps_the_focus_in_the_list(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        results = app.screen.query_one(ResultsList)
        gate = slow_open(monkeypatch)
        await pilot.press("j", "enter")
        third_row = results.content_region.offset - results.region.offset + (5, results.header_height + 2)
        await pilot.click(ResultsList, offset=third_row)
        assert results.cursor_row == 2
        gate.set()
        await pilot.pause(0.3)
        await settle(pilot)
        assert app.focused is results
        article = app.screen.query_one(ArticleView).article
        assert article is not None and article.document.id == results.doc_ids[2]  # previewed


async def test_an_article_that_fails_to_open_can_be_opened_again(
    samples_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        results = app.screen.query_one(ResultsList)
        pane = app.screen.query_one(EventsPane)
        shown = pane.events
        answer = Library.open

        def broken(library: Library, *args: Any, **kwargs: Any) -> Any:
            raise OSError("disk went away")

        monkeypatch.setattr(Library, "open", broken)
        await pilot.press("j", "enter")
        await pilot.pause(0.5)
        await settle(pilot)
        assert "opening the article failed: OSError: disk went away" in app.screen.query_one(StatusLine).message
        assert app.focused is results  # the focus stays where it was
        assert pane.events == shown and not pane.has_class("-stale")
        monkeypatch.setattr(Library, "open", answer)
        await pilot.press("enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.article is not None and article.article.document.id == results.doc_ids[1]
        assert app.focused is article


def burst(app: WartaApp, keys: list[str]) -> None:
    """Queue ``keys`` as a terminal delivers a fast burst (one read of many bytes): all before any is handled."""
    for key in keys:
        character = key if len(key) == 1 else " " if key == "space" else None
        app.post_message(events.Key(key, character))


@pytest.mark.parametrize("erase", [5, 12])
async def test_keys_typed_fast_after_backspaces_arrive_in_order(samples_index: Path, erase: int) -> None:
    """Backspace is a binding of the input, which Textual ran only once the key had bubbled up to the app:
    letters typed right after it were inserted first, so it erased them instead ("kecil pre")."""
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        burst(app, [*"rusia ukraina", *["backspace"] * erase, *"kecil presiden 2", "left", "left", "backspace", "9"])
        await settle(pilot)
        expected = "rusia ukraina"[:-erase] + "kecil preside9 2"
        assert app.screen.query_one(SearchBar).value == expected
        screen = main_screen(app)
        assert screen.query_text == expected  # the query that ran is the one typed
        assert app.screen.query_one(ResultsList).doc_ids == search_ids(samples_index, expected)


@pytest.mark.parametrize("search_first", [False, True])
async def test_the_status_line_counts_what_another_process_indexed(
    own_samples_index: Path, tmp_path: Path, search_first: bool
) -> None:
    """The article count followed the index only after r; and a search run in between (which reads the newest
    index) hid the change from the watch, so the old count stayed until the next r."""
    app = WartaApp(own_samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        status = screen.query_one(StatusLine)
        assert str(status.render()).startswith("3 articles · ")
        extra = tmp_path / "new" / "extra.txt"
        extra.parent.mkdir()
        extra.write_text("Lukashenko visits the harbour\n\nA new article about Lukashenko.\n", encoding="utf-8")
        index_paths([str(extra)], str(own_samples_index), workers=1)
        if search_first:
            await pilot.press(*QUERY)
            await settle(pilot)
        screen.check_index()
        await settle(pilot)
        assert str(status.render()).startswith("4 articles · ")
