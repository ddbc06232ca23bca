"""End to end: the real ``warta`` program in a real terminal (tmux), driven by keys, read off the screen.

Builds an index of data/samples with the command line, starts the browser on it in a detached tmux
session, searches, opens the top hit, jumps to the next match, moves to an entity and opens its
events timeline in the sidebar, follows an event of the timeline, goes back to the related events
(Esc), follows a related event of another article (Enter in the sidebar), and quits. Skipped without
tmux.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tui_support import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 8.0

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]


class Terminal:
    """A detached tmux session running one command, on a tmux server of its own (socket ``name``)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def tmux(self, *arguments: str, check: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.name, "-f", os.devnull, *arguments], capture_output=True, text=True, check=check
        )

    def keys(self, *keys: str, literal: bool = False) -> None:
        flags = ["-l"] if literal else []
        self.tmux("send-keys", "-t", self.name, *flags, *keys, check=True)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name).stdout

    def wait_for(self, wanted: Callable[[str], bool], what: str, seconds: float = WAIT_SECONDS) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            screen = self.screen()
            if wanted(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"waited for {what}; the screen shows:\n{self.screen()}")

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.name).returncode == 0


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    index = tmp_path / "index"
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "WARTA_CONFIG": str(tmp_path / "no-keys.toml")}
    subprocess.run(
        [sys.executable, "-m", "tui.entry", "index", str(SAMPLES), "--index", str(index), "--quiet"],
        check=True,
        env=environment,
        cwd=tmp_path,
        timeout=60,
    )
    name = f"warta-e2e-{uuid.uuid4().hex[:8]}"
    command = " ".join(
        [
            "env",
            "-u",
            "COLUMNS",  # set by some test runners; Textual would take them over the terminal's size
            "-u",
            "LINES",
            f"PYTHONPATH={shlex.quote(str(ROOT))}",
            f"WARTA_CONFIG={shlex.quote(str(tmp_path / 'no-keys.toml'))}",
            "TERM=xterm-256color",
            shlex.quote(sys.executable),
            "-m",
            "tui.entry",
            "--index",
            shlex.quote(str(index)),
        ]
    )
    terminal = Terminal(name)
    terminal.tmux("new-session", "-d", "-s", name, "-x", "140", "-y", "40", command, check=True)
    try:
        yield terminal
    finally:
        terminal.tmux("kill-server")
        socket = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}" / name
        socket.unlink(missing_ok=True)


def article_pane(screen: str) -> str:
    """What the article pane (the middle one) shows, border subtitle included."""
    lines = screen.splitlines()
    top = next((i for i, line in enumerate(lines) if "╭─ Article" in line), None)
    if top is None:
        return ""
    start = lines[top].index("╭─ Article")
    end = lines[top].index("╮", start)
    return "\n".join(line[start : end + 1] for line in lines[top + 1 :])


def focus_sidebar(terminal: Terminal) -> None:
    """Tab from the article to the sidebar: the footer leaves the article's keys."""
    terminal.keys("Tab")
    try:
        terminal.wait_for(lambda s: "n Next match" not in s, "the sidebar to have the focus", 3.0)
    except AssertionError:  # the key came while the pane was redrawn: once more
        terminal.keys("Tab")
        terminal.wait_for(lambda s: "n Next match" not in s, "the sidebar to have the focus")


def test_search_read_jump_follow_and_quit_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_for(lambda s: "3 articles" in s and "Related events" in s, "the main screen")
    terminal.keys("lukashenko", literal=True)
    terminal.wait_for(lambda s: "2 hits" in s, "the hits of the query")
    terminal.keys("Enter")
    terminal.wait_for(lambda s: "⏎ Open" in s, "the list to have the focus")
    terminal.keys("Enter")
    screen = terminal.wait_for(lambda s: "n Next match" in s and "match 1 of " in s, "the article at its first match")
    assert "Lukashenko" in screen
    terminal.keys("n")
    terminal.wait_for(lambda s: "match 2 of " in s, "the second match")
    # an entity (the first of the article), then its timeline in the sidebar
    terminal.keys("g")
    terminal.keys("e")
    screen = terminal.wait_for(lambda s: "LOC United States" in s, "the first entity in the status line")
    terminal.keys("t")
    screen = terminal.wait_for(lambda s: "Timeline · United States" in s, "the events timeline in the sidebar")
    assert " events · t/esc: back" in screen or " event · t/esc: back" in screen
    before = article_pane(screen)
    focus_sidebar(terminal)
    terminal.keys("Enter")  # the first event of the entity: its article, at the sentence reporting it…
    try:
        screen = terminal.wait_for(lambda s: article_pane(s) != before, "the timeline's first event", 3.0)
    except AssertionError:  # …was in the open article, at the sentence in view: the next
        focus_sidebar(terminal)  # Enter gave the article the focus
        terminal.keys("j")
        terminal.keys("Enter")
        screen = terminal.wait_for(lambda s: article_pane(s) != before, "the timeline's second event")
    assert "Timeline · United States" in screen  # the timeline stays while its events are read
    # Esc closes the timeline: the related events of the article open
    terminal.keys("Escape")
    screen = terminal.wait_for(lambda s: "Related events" in s and " here · " in s, "the related events again")
    # follow a related event: the last one, reported by another article
    before = article_pane(screen)
    focus_sidebar(terminal)
    terminal.keys("G")
    terminal.keys("Enter")
    screen = terminal.wait_for(lambda s: article_pane(s) != before, "the related event's article")
    terminal.wait_for(lambda s: "n Next match" in s, "the article to have the focus")
    terminal.keys("q")
    deadline = time.monotonic() + WAIT_SECONDS
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive(), "q did not quit"
