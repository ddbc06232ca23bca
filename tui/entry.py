"""The ``warta`` console script.

``warta`` alone (or with only ``--index DIR``) opens the terminal browser; anything else is a
scripting subcommand, delegated to the engine's command line (``tui.cli``). Textual is imported
only when the browser opens, so the scripting commands start as fast as before.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NamedTuple

from indexer.pipeline import default_index_dir
from indexer.resources import MissingResource
from tui.cli import main as cli_main

BROWSER_USAGE = "warta [--index DIR]   open the terminal browser (index: $WARTA_INDEX or the user data folder)"


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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``warta``; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    browser = _browser_arguments(arguments)
    if browser is None:
        if arguments and arguments[0] in ("-h", "--help"):
            print(f"{BROWSER_USAGE}\n")
        return cli_main(arguments)
    try:
        from tui.app import WartaApp
    except MissingResource as error:
        print(f"warta: {error}", file=sys.stderr)
        return 1
    WartaApp(browser.index_dir or default_index_dir()).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
