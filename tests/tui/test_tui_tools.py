"""Keys beyond reading: half pages, copy, open outside, export, command palette, filters, keys.toml."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.selection import Selection
from textual.widgets import Input
from tui_support import MANY, build_index, settle

from indexer.store import Store
from tui.app import WartaApp
from tui.library import EXPORT_FIELDS, PAGE_SIZE
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.article import ArticleView
from tui.widgets.filters import FilterBar, FilterChip
from tui.widgets.results import ResultsList
from tui.widgets.status import StatusLine

pytestmark = pytest.mark.asyncio

WIDE = (120, 36)


class FakeOpener:
    """Records what ``o`` asks to open; answers ``problem``."""

    def __init__(self, problem: str | None = None) -> None:
        self.opened: list[str] = []
        self.problem = problem

    def __call__(self, target: str) -> str | None:
        self.opened.append(target)
        return self.problem


def status(app: WartaApp) -> str:
    return app.screen.query_one(StatusLine).message


def main(app: WartaApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def open_first(pilot: object, query: str) -> None:
    await pilot.press(*query, "enter", "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


# half pages -----------------------------------------------------------------------------------------


async def test_ctrl_d_and_ctrl_u_move_half_a_page_in_the_list(many_index: Path) -> None:
    app = WartaApp(many_index)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        results = app.screen.query_one(ResultsList)
        half = (results.scrollable_content_region.height - results.header_height) // 2
        assert half >= 3
        await pilot.press("ctrl+d")
        assert results.cursor_row == half
        await pilot.press("ctrl+d")
        assert results.cursor_row == 2 * half
        await pilot.press("ctrl+u")
        assert results.cursor_row == half
        await pilot.press("ctrl+u", "ctrl+u")
        assert results.cursor_row == 0


async def test_space_and_b_page_the_list_and_keep_the_cursor_in_view(many_index: Path) -> None:
    app = WartaApp(many_index)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        results = app.screen.query_one(ResultsList)
        page = results.scrollable_content_region.height - results.header_height
        for key, row in (("space", page), ("pagedown", 2 * page), ("b", page), ("pageup", 0)):
            await pilot.press(key)
            assert results.cursor_row == row, key
            top = round(results.scroll_target_y)
            assert top <= results.cursor_row < top + page, key


async def test_keys_remapped_away_from_the_list_never_leave_its_cursor_behind(many_index: Path, tmp_path: Path) -> None:
    """A key keys.toml takes from the list's bindings must not fall back to ScrollView's plain scrolling,
    which would move the view and leave the cursor (and the article shown) behind."""
    keys = tmp_path / "keys.toml"
    bindings = ("down", "up", "page-down", "page-up", "first", "last")
    keys.write_text("[keys]\n" + "".join(f'"results.{name}" = "f{n}"\n' for n, name in enumerate(bindings, 5)))
    app = WartaApp(many_index, keys_file=keys)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        results = app.screen.query_one(ResultsList)
        page = results.scrollable_content_region.height - results.header_height
        for key in ("f5", "pagedown", "pagedown", "end", "down", "f8", "f10", "home", "up", "pageup"):
            await pilot.press(key)
            await pilot.pause()
            top = round(results.scroll_y)
            assert top <= results.cursor_row < top + page, key
        assert results.cursor_row > 0  # f5 and f10 moved it
        await pilot.press("f9")  # "first"
        assert (results.cursor_row, round(results.scroll_y)) == (0, 0)


async def test_a_page_down_shows_the_next_page_of_the_list(many_index: Path) -> None:
    app = WartaApp(many_index)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        results = app.screen.query_one(ResultsList)
        page = results.scrollable_content_region.height - results.header_height
        await pilot.press("space")  # the view moves by a page too: the cursor keeps its line (the top one)
        assert (results.cursor_row, round(results.scroll_y)) == (page, page)
        await pilot.press("j", "b")
        assert (results.cursor_row, round(results.scroll_y)) == (1, 0)


async def test_a_click_moves_the_cursor_and_a_click_on_the_cursor_opens(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        second_row = Offset(5, results.header_height + 1)
        await pilot.click(ResultsList, offset=second_row + results.content_region.offset - results.region.offset)
        await settle(pilot)
        assert results.cursor_row == 1
        article = app.screen.query_one(ArticleView)
        assert article.article is not None and article.article.document.id == results.doc_ids[1]  # previewed
        assert app.focused is not article
        await pilot.click(ResultsList, offset=second_row + results.content_region.offset - results.region.offset)
        await settle(pilot)
        assert app.focused is article
        await pilot.click(ResultsList, offset=results.content_region.offset - results.region.offset)  # the header
        assert results.cursor_row == 1


async def test_scrolling_the_list_with_the_wheel_fetches_the_next_page(many_index: Path) -> None:
    app = WartaApp(many_index)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert len(results.doc_ids) == PAGE_SIZE
        results.scroll_to(y=PAGE_SIZE, animate=False)  # what the wheel does: the view moves, the cursor stays
        await settle(pilot)
        assert results.cursor_row == 0
        assert len(results.doc_ids) == min(2 * PAGE_SIZE, MANY)


async def test_the_row_under_the_pointer_stays_the_hovered_one_when_the_list_scrolls(many_index: Path) -> None:
    app = WartaApp(many_index)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        line = results.header_height + 3  # the fourth row's line

        def line_style(y: int) -> object:
            return next(iter(results.render_line(y))).style

        plain = line_style(line)
        await pilot.hover(ResultsList, offset=Offset(5, line) + results.content_region.offset - results.region.offset)
        hovered = line_style(line)
        assert hovered != plain
        results.scroll_to(y=2, animate=False)  # the wheel: the pointer stays, another row comes under it
        await pilot.pause()
        styles = [line_style(y) for y in range(results.scrollable_content_region.height)]
        assert styles[line] == hovered and styles.count(hovered) == 1


async def test_the_cursor_row_is_drawn_apart_and_follows_the_focus(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        results = app.screen.query_one(ResultsList)

        def row_style(row: int) -> object:
            return next(iter(results.render_line(results.header_height + row))).style

        blurred, other = row_style(0), row_style(1)
        assert blurred != other
        await pilot.press("tab")
        assert app.focused is results
        assert row_style(0) not in (blurred, other) and row_style(1) == other
        await pilot.press("j")
        assert row_style(1) != other and row_style(0) == other


async def test_a_scrolled_list_redraws_the_rows_the_cursor_leaves_and_enters(
    many_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = WartaApp(many_index)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "G")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        top = round(results.scroll_y)
        assert top > 0
        redrawn: list[int] = []
        monkeypatch.setattr(results, "refresh", lambda *regions, **_: redrawn.extend(r.y for r in regions))
        row = results.cursor_row
        await pilot.press("k")
        assert round(results.scroll_y) == top  # the row above is on screen: no scrolling
        # the lines on screen of the row left and of the row entered (under the one-line header)
        assert sorted(redrawn) == [row - 1 - top + results.header_height, row - top + results.header_height]


async def test_ctrl_d_and_ctrl_u_scroll_the_article_half_a_page(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        half = article.scrollable_content_region.height // 2
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert article.scroll_y == half
        await pilot.press("ctrl+d", "ctrl+u")
        await pilot.pause()
        assert article.scroll_y == half
        await pilot.press("ctrl+u", "ctrl+u")
        await pilot.pause()
        assert article.scroll_y == 0


# copy and open --------------------------------------------------------------------------------------


async def test_y_copies_the_article_or_the_selection(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "y")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.article is not None
        document = article.article.document
        assert app.clipboard == f"{document.title}\n\n{document.text}"
        assert status(app).startswith("Copied the article (")
        await pilot.press("tab")
        line = article.lines[0]
        app.screen.selections = {article: Selection(Offset(0, 0), Offset(5, 0))}
        await pilot.pause()
        assert article.selected_text == line[:5]
        await pilot.press("y")
        assert app.clipboard == line[:5]
        assert status(app) == "Copied the selection (5 characters) to the clipboard."


async def test_o_opens_the_url_or_else_the_file_and_says_when_it_cannot(many_index: Path) -> None:
    opener = FakeOpener()
    app = WartaApp(many_index, opener=opener)
    async with app.run_test(size=WIDE) as pilot:
        await open_first(pilot, '"report number 7"')
        article = app.screen.query_one(ArticleView)
        assert article.article is not None and article.article.document.title == "Harbour report number 7"
        await pilot.press("o")
        assert opener.opened == ["https://example.org/harbour/7"]
        assert status(app) == "Opened https://example.org/harbour/7"
        opener.problem = "no graphical session to open it in"
        await pilot.press("slash", "ctrl+a", "ctrl+k", *'"report number 8"', "enter", "enter")
        await settle(pilot)
        await pilot.press("o")
        assert opener.opened[-1] == str(many_index.parent / "many.jsonl")
        assert status(app).endswith(": no graphical session to open it in")


@pytest.mark.parametrize(
    ("url", "opened"),
    [
        ("/etc/passwd", None),
        ("file:///etc/passwd", None),
        ("~/.ssh/id_rsa", None),
        ("javascript:alert(1)", None),
        ("http:///etc/passwd", None),
        ("https://example.org/a b", None),
        ("javascript:[@click=app.quit]x[/] [b]", None),
        ("www.example.org/x", None),
        ("HTTPS://Example.org/x", "HTTPS://Example.org/x"),
        ("http://example.org/berita?id=1#atas", "http://example.org/berita?id=1#atas"),
    ],
)
async def test_o_opens_only_web_addresses_from_the_article(tmp_path: Path, url: str, opened: str | None) -> None:
    """A url of the article's data that is no web address was handed to the system opener ("/etc/passwd")."""
    articles = tmp_path / "urls.jsonl"
    articles.write_text(json.dumps({"id": "u", "title": "Pelabuhan", "body": "Pelabuhan.", "url": url}) + "\n")
    opener = FakeOpener()
    app = WartaApp(build_index(tmp_path / "index", articles), opener=opener)
    async with app.run_test(size=WIDE) as pilot:
        await open_first(pilot, "pelabuhan")
        await pilot.press("o")
        if opened is not None:
            assert opener.opened == [opened]
            assert status(app) == f"Opened {opened}"
        else:
            assert opener.opened == []  # neither the url nor anything else
            assert status(app) == f"Cannot open: not a web address: {url}"
            shown = str(app.screen.query_one(StatusLine).render())
            assert shown.endswith(f"not a web address: {url}")  # shown as it is, never as markup


async def test_o_and_y_without_an_article_say_so(samples_index: Path) -> None:
    opener = FakeOpener()
    app = WartaApp(samples_index, opener=opener)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"zzqxv", "enter")
        await settle(pilot)
        await pilot.press("o")
        assert opener.opened == []
        assert status(app) == "No article to open: choose one first."
        await pilot.press("y")
        assert status(app) == "No article to copy: open one first."


# export ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["hits.csv", "hits.json"])
async def test_x_exports_every_hit_of_the_query_not_only_the_rows_fetched(
    many_index: Path, tmp_path: Path, name: str
) -> None:
    app = WartaApp(many_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"harbour", "enter")
        await settle(pilot)
        assert len(app.screen.query_one(ResultsList).doc_ids) == PAGE_SIZE < MANY
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        target = tmp_path / name
        await pilot.press(*str(target), "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert status(app) == f"Exported {MANY} hits to {target}"
        if name.endswith(".csv"):
            with target.open(encoding="utf-8", newline="") as file:
                reader = csv.DictReader(file)
                assert tuple(reader.fieldnames or ()) == EXPORT_FIELDS
                rows = list(reader)
        else:
            rows = json.loads(target.read_text(encoding="utf-8"))
            assert tuple(rows[0]) == EXPORT_FIELDS
    with Store.open(str(many_index)) as store:
        expected = [hit.id for hit in store.search("harbour", limit=1000).hits]
    assert [row["id"] for row in rows] == expected
    by_title = {row["title"]: row for row in rows}
    seventh = by_title["Harbour report number 7"]
    assert seventh["url"] == "https://example.org/harbour/7"
    assert seventh["source"] == "Harbour Daily" and seventh["date"] == "2023-08-08"
    assert seventh["path"] == str(many_index.parent / "many.jsonl")
    assert by_title["Harbour report number 8"]["url"] in (None, "")
    assert float(seventh["score"]) > 0


async def test_export_refuses_bad_paths_and_reports_write_errors(samples_index: Path, tmp_path: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "x")
        await pilot.pause()
        message = app.screen.query_one("#export-message")
        for typed, expected in (
            ("hits.txt", "must end in .csv or .json"),
            (str(tmp_path / "nowhere" / "hits.csv"), "there is no folder"),
            ("", "type the path"),
        ):
            field = app.screen.query_one("#export-path", Input)
            field.value = typed
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            assert expected in str(message.render()), typed
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            await pilot.press("x")
            await pilot.pause()
            app.screen.query_one("#export-path", Input).value = str(locked / "hits.json")
            await pilot.press("enter")
            await settle(pilot)
        finally:
            locked.chmod(0o700)
        assert isinstance(app.screen, MainScreen)
        if not (locked / "hits.json").exists():  # root may write anyway
            assert status(app).startswith(f"Export failed: cannot write {locked / 'hits.json'}")


# command palette ------------------------------------------------------------------------------------


async def test_ctrl_p_lists_every_action_with_its_key_and_runs_the_one_chosen(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"lukashenko", "enter", "enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.current_match == 0
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"next match")
        await settle(pilot)
        await pilot.pause(0.3)
        option_list = app.screen.query_one("CommandList")
        prompts = [str(option.prompt) for option in option_list.options]  # type: ignore[attr-defined]
        assert any("Next match" in prompt and "n  ·  Article" in prompt for prompt in prompts), prompts
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert article.current_match == 1


async def test_the_palette_offers_the_commands_without_keys(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        option_list = app.screen.query_one("CommandList")
        prompts = "\n".join(str(option.prompt) for option in option_list.options)  # type: ignore[attr-defined]
        for name in ("Open document by title…", "Filter by entity…", "Change theme", "Re-index…", "Export", "Quit"):
            assert name in prompts


async def _search_titles(pilot: Pilot[None], words: str) -> None:
    """Choose "Open document by title…" in the command palette and type ``words``."""
    await pilot.press("ctrl+p", *"open document by title")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.3)
    await pilot.press(*words)
    await pilot.pause(0.5)
    await settle(pilot)


async def test_open_document_by_title_searches_the_titles(many_index: Path) -> None:
    app = WartaApp(many_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await _search_titles(pilot, "report 42")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.article is not None and article.article.document.title == "Harbour report number 42"
        assert app.focused is article


HOSTILE_TITLES = [
    "[/FOTO] Banjir melanda [b]kota[/b]",
    "[FOTO] Banjir di [link=file:///etc/passwd]pantai[/link]",
    "Banjir [@click=app.quit]besar[/]",
]


async def test_open_document_by_title_shows_titles_and_sources_as_they_are(tmp_path: Path) -> None:
    articles = tmp_path / "hostile.jsonl"
    articles.write_text(
        "".join(
            json.dumps({"id": f"h{n}", "title": title, "body": "Banjir.", "source": "[/b][i]Kompas"}) + "\n"
            for n, title in enumerate(HOSTILE_TITLES)
        ),
        encoding="utf-8",
    )
    app = WartaApp(build_index(tmp_path / "index", articles))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await _search_titles(pilot, "banjir")
        assert isinstance(app.screen, CommandPalette)
        option_list = app.screen.query_one("CommandList")
        prompts = [str(option.prompt) for option in option_list.options]  # type: ignore[attr-defined]
        assert sorted(prompt.split("\n")[0] for prompt in prompts) == sorted(HOSTILE_TITLES)
        assert all(prompt.split("\n")[1] == "[/b][i]Kompas" for prompt in prompts)
        for option in option_list.options:  # type: ignore[attr-defined]
            assert not any(span.style and "@click" in str(span.style) for span in option.prompt.spans)
        assert app.is_running


async def test_filter_by_entity_adds_a_chip_anded_to_the_query_and_c_removes_it(samples_index: Path) -> None:
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"belarus")
        await settle(pilot)
        await pilot.press("tab", "ctrl+p", *"filter by entity")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"Xi Jinping")
        await pilot.pause(0.5)
        await pilot.press("down", "enter")  # the second: without
        await settle(pilot)
        screen = main(app)
        assert [item.fragment for item in screen.filters] == ['-person:"Xi Jinping"']
        assert screen.effective_query == 'belarus -person:"Xi Jinping"'
        bar = screen.query_one(FilterBar)
        assert bar.display
        assert [str(chip.render()) for chip in bar.query(FilterChip)] == ["not person: Xi Jinping ×"]
        await pilot.press("c")
        await settle(pilot)
        assert screen.filters == () and not bar.display
        assert screen.effective_query == "belarus"
        screen.add_filter(screen.filters[0] if screen.filters else _filter())
        await settle(pilot)
        await pilot.click(FilterChip)
        await settle(pilot)
        assert screen.filters == ()


def _filter() -> object:
    from tui.widgets.filters import Filter

    return Filter("loc", "Belarus")


async def test_reindex_from_the_palette_updates_the_index_and_says_so(own_samples_index: Path) -> None:
    app = WartaApp(own_samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "ctrl+p", *"re-index")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert status(app).startswith("Re-indexed: "), status(app)
        assert app.screen.query_one(ResultsList).border_subtitle == "3 articles"


# keys.toml ------------------------------------------------------------------------------------------


async def test_keys_toml_remaps_keys_and_the_help_shows_them(samples_index: Path, tmp_path: Path) -> None:
    keys = tmp_path / "keys.toml"
    keys.write_text('[keys]\n"article.next_match" = "m"\n"results.down" = "J,down"\n', encoding="utf-8")
    app = WartaApp(samples_index, keys_file=keys)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"lukashenko", "enter")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        await pilot.press("j")
        assert results.cursor_row == 0
        await pilot.press("J")
        assert results.cursor_row == 1
        await pilot.press("k", "enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        await pilot.press("n")
        assert article.current_match == 0
        await pilot.press("m")
        assert article.current_match == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = {title: dict((description, keys) for keys, description in rows) for title, rows in app.screen.sections}
        assert shown["Article"]["Next match"] == "m"
        assert shown["Document list"]["Next article"] == "J, ↓"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[keys\n"article.next-match" = "m"\n', "default keys kept"),
        ('[keys]\n"article.nowhere" = "m"\n', "unknown binding 'article.nowhere'; default kept for it"),
        ('[keys]\n"article.next-match" = 3\n', "bad keys for 'article.next-match': 3"),
    ],
)
async def test_a_bad_keys_file_warns_in_the_status_line_and_keeps_the_defaults(
    samples_index: Path, tmp_path: Path, content: str, expected: str
) -> None:
    keys = tmp_path / "keys.toml"
    keys.write_text(content, encoding="utf-8")
    app = WartaApp(samples_index, keys_file=keys)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press(*"lukashenko", "enter", "enter")
        await settle(pilot)
        assert status(app).startswith(str(keys)) and expected in status(app), status(app)
        assert "\n" not in status(app)
        article = app.screen.query_one(ArticleView)
        await pilot.press("n")
        assert article.current_match == 1


async def test_warta_config_names_the_keys_file(
    samples_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = tmp_path / "elsewhere.toml"
    keys.write_text('[keys]\n"app.help" = "h"\n', encoding="utf-8")
    monkeypatch.setenv("WARTA_CONFIG", str(keys))
    app = WartaApp(samples_index)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "h")
        assert isinstance(app.screen, HelpScreen)
