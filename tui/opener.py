"""Opening an article outside the browser: its URL in a web browser, or its file with the desktop's program.

The app holds an :data:`Opener` (injected in tests, so nothing is launched there): it is given a URL
or a file path and answers None when it started something, else a one-line reason for the status line.
Only web addresses (:func:`is_url`) and absolute paths are ever handed to the desktop: the URL of an
article is data, and ``"url": "/etc/passwd"`` or ``file:``, ``javascript:`` must not be opened.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import webbrowser
from collections.abc import Callable
from urllib.parse import urlsplit

Opener = Callable[[str], str | None]
"""Opens a URL or a path; None on success, else why it could not."""


_NOT_IN_URLS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Whitespace, control characters and bidi marks: never part of a web address (a URL escapes them)."""


def is_url(target: str) -> bool:
    """Whether ``target`` is a web address (http or https, with a host): the only URLs of article data opened."""
    if _NOT_IN_URLS.search(target):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:  # a malformed IPv6 host
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


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
    if not is_url(target):
        if not os.path.isabs(target):  # only the absolute path of a file Warta indexed: never a scheme, an option
            return "not a web address, nor the path of a file"
        if not os.path.exists(target):
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
