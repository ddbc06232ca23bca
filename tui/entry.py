"""The ``warta`` console script.

``warta`` alone (or with only ``--index DIR``) opens the terminal browser; anything else is a
scripting subcommand, delegated to the engine's command line (``tui.cli``), whose ``--help``
describes both. Textual is imported only when the browser opens, so the scripting commands start as
fast as before. The browser refuses to start without a terminal on stdin and stdout (exit 2).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NamedTuple

from indexer.locations import default_index_dir
from indexer.resources import MissingResource
from tui.cli import BROWSER_USAGE
from tui.cli import main as cli_main

NO_TERMINAL_STATUS = 2
"""Exit status when the browser is asked for without a terminal (a usage error, as for argparse)."""
INTERRUPTED_LINE = "warta: interrupted"
"""What the browser prints once it quit on Ctrl-C or SIGINT (as the command line does), exit status 130."""
TERMINATED_LINE = "warta: terminated"
"""What the browser prints once it quit on SIGTERM, exit status 143."""
NO_TERMINAL = "warta: the browser needs a terminal; see 'warta --help' for the scripting commands"

__all__ = [
    "BROWSER_USAGE",
    "INTERRUPTED_LINE",
    "NO_TERMINAL",
    "NO_TERMINAL_STATUS",
    "TERMINATED_LINE",
    "has_terminal",
    "main",
]


class _Browser(NamedTuple):
    index_dir: str | None


def _browser_arguments(argv: Sequence[str]) -> _Browser | None:
    """The browser's options when ``argv`` holds only those (``[--index DIR]``), else None."""
    match list(argv):
        case []:
            return _Browser(None)
        case ["--index", directory] if not directory.startswith("-"):
            return _Browser(directory)
        case [option] if option.startswith("--index="):
            return _Browser(option.removeprefix("--index="))
        case _:
            return None


def has_terminal() -> bool:
    """Whether stdin and stdout are both terminals, as the full-screen browser needs."""
    try:
        return bool(sys.stdin and sys.stdout and sys.stdin.isatty() and sys.stdout.isatty())
    except ValueError:  # a closed stream
        return False


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``warta``; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    browser = _browser_arguments(arguments)
    if browser is None:
        return cli_main(arguments)
    if not has_terminal():
        # Textual would write its escape codes into the file or pipe and wait for keys that never come
        print(NO_TERMINAL, file=sys.stderr)
        return NO_TERMINAL_STATUS
    try:
        from tui.app import INTERRUPTED, TERMINATED, WartaApp
    except MissingResource as error:
        print(f"warta: {error}", file=sys.stderr)
        return 1
    app = WartaApp(browser.index_dir or default_index_dir())
    app.run()
    said = {INTERRUPTED: INTERRUPTED_LINE, TERMINATED: TERMINATED_LINE}.get(app.return_code or 0)
    if said is not None:
        print(said, file=sys.stderr)  # the terminal is restored by now: one line, no traceback
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
