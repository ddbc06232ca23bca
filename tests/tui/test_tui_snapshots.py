"""What the browser looks like: SVG snapshots (pytest-textual-snapshot).

After a deliberate change of the look, regenerate them with ``pytest tests/tui --snapshot-update``
and look at the new files in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_support import steady

from tui.app import WartaApp

SnapCompare = Callable[..., bool]
"""The ``snap_compare`` fixture."""


async def search_and_open(pilot: Pilot[None], query: str) -> None:
    await pilot.press(*query, "enter", "enter")


@pytest.mark.usefixtures("frozen_search_time")
def test_main_screen_with_an_open_article(snap_compare: SnapCompare, samples_index: Path) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await search_and_open(pilot, "lukashenko")

    assert snap_compare(WartaApp(samples_index), terminal_size=(140, 40), run_before=steady(before))


def test_help_screen(snap_compare: SnapCompare, samples_index: Path) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await pilot.press("tab", "question_mark")

    assert snap_compare(WartaApp(samples_index), terminal_size=(120, 50), run_before=steady(before))


def test_first_run_with_no_index(snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the screen shows the index path: keep it the same on every machine
    assert snap_compare(WartaApp("index"), terminal_size=(100, 30), run_before=steady())


def test_small_terminal(snap_compare: SnapCompare, samples_index: Path) -> None:
    assert snap_compare(WartaApp(samples_index), terminal_size=(80, 24), run_before=steady())


@pytest.mark.usefixtures("frozen_search_time")
def test_article_full_of_markup_characters(snap_compare: SnapCompare, markup_index: Path) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await search_and_open(pilot, "markup")

    assert snap_compare(WartaApp(markup_index), terminal_size=(110, 24), run_before=steady(before))


def test_command_palette(snap_compare: SnapCompare, samples_index: Path) -> None:
    async def before(pilot: Pilot[None]) -> None:
        await pilot.press("tab", "ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"page")
        await pilot.pause(0.5)

    assert snap_compare(WartaApp(samples_index), terminal_size=(120, 30), run_before=steady(before))


@pytest.mark.usefixtures("frozen_search_time")
def test_article_with_entities(snap_compare: SnapCompare, samples_index: Path) -> None:
    """Entities coloured by type with a legend, matches marked on top, the entity cursor on the third."""

    async def before(pilot: Pilot[None]) -> None:
        await search_and_open(pilot, "lukashenko")
        await pilot.press("g", "e", "e", "e")

    assert snap_compare(WartaApp(samples_index), terminal_size=(140, 40), run_before=steady(before))
