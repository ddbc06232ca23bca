"""Helpers of the browser's tests: sample data, and waiting for the app to settle."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from indexer.pipeline import index_paths

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
MARKUP = "[bold]x[/] [link=http://e]y[/link] \x1b[31m"
"""Rich markup and an escape sequence: the article text must show them as they are."""
MARKUP_ARTICLE = {
    "id": "markup",
    "title": "Markup [bold]stays[/bold] text",
    "body": f"Brackets: {MARKUP} and [red]not red[/red], :smile:, $var.\n\nThe markup word again.",
    "date": "2024-01-02",
    "source": "[i]Source[/i]",
}


def build_index(index_dir: Path, *paths: Path) -> Path:
    summary = index_paths([str(path) for path in paths], str(index_dir), workers=1)
    assert summary.problems == [] and summary.added > 0, summary.line()
    return index_dir


def write_markup_article(path: Path) -> Path:
    path.write_text(json.dumps(MARKUP_ARTICLE) + "\n", encoding="utf-8")
    return path


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs and what they posted has been handled (workers start other workers)."""
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            return
    raise AssertionError("the app did not settle")


def steady(before: Callable[[Pilot[None]], Awaitable[None]] | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A snapshot's ``run_before``: settle, do ``before`` and settle again, stop the cursor blinking."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if before is not None:
            await before(pilot)
            await settle(pilot)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


MANY = 120
"""Articles in the ``many_index`` fixture: more than a page of the document list."""


def write_many_articles(path: Path, count: int = MANY) -> Path:
    """``count`` short articles, all about a harbour, numbered, with a URL every other one."""
    with path.open("w", encoding="utf-8") as file:
        for number in range(count):
            record = {
                "id": f"many-{number:03d}",
                "title": f"Harbour report number {number}",
                "body": f"The harbour of Tanjung Priok handled ship {number} today. " * 3,
                "date": f"2023-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
                "source": "Harbour Daily",
            }
            if number % 2:
                record["url"] = f"https://example.org/harbour/{number}"
            file.write(json.dumps(record) + "\n")
    return path
