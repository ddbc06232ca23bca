"""Opening an article outside the browser: its URL in a web browser, or its file with the desktop's program.

The app holds an :data:`Opener` (injected in tests, so nothing is launched there): it is given a URL
or a file path and answers None when it started something, else a one-line reason for the status line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import webbrowser
from collections.abc import Callable

Opener = Callable[[str], str | None]
"""Opens a URL or a path; None on success, else why it could not."""


def is_url(target: str) -> bool:
    """Whether ``target`` is a web address (http or https): the only URLs of article data opened."""
    return target[:8].lower().startswith(("http://", "https://"))


def _desktop_command() -> list[str] | None:
    """The program that opens files and URLs on this desktop, when there is a desktop to open them on."""
    if sys.platform == "darwin":
        return ["open"]
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        program = shutil.which("xdg-open")
        return [program] if program else None
    return None


def system_opener(target: str) -> str | None:
    """Hand ``target`` to the desktop (``xdg-open``/``open``), or a URL to a graphical web browser.

    A browser that runs in the terminal (lynx, w3m) is never started: it would fight the app for the screen.
    """
    if not is_url(target) and not os.path.exists(target):
        return f"{target} no longer exists"
    command = _desktop_command()
    if command is not None:
        try:
            subprocess.Popen(
                [*command, target],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as error:
            return f"could not run {command[0]}: {error}"
        return None
    if is_url(target):
        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            browser = None
        if isinstance(browser, webbrowser.BackgroundBrowser) and browser.open(target):
            return None
    return "no graphical session to open it in"
