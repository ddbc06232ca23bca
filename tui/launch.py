"""The ``warta`` console script: a quiet Ctrl-C from the first moment to the last.

Importing the engine takes a few tenths of a second, and a Ctrl-C then would print a traceback of
whatever module was being imported. This module imports nothing heavy: it sets a handler that says
"interrupted" and exits 130 while the rest is imported, lets the command run with Python's own
``KeyboardInterrupt`` (so that what it opened is closed, and ``tui.cli`` says "interrupted"), and sets
the quiet handler again while the interpreter exits.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


def _quietly_interrupted(_signum: int, _frame: FrameType | None) -> None:
    """Ctrl-C while importing or exiting: one line, no traceback, status 130."""
    try:
        os.write(2, b"warta: interrupted\n")  # not through sys.stderr: it may be mid-write
    finally:
        os._exit(INTERRUPTED)


def main() -> int:
    """Entry point of ``warta``; returns the exit status."""
    signal.signal(signal.SIGINT, _quietly_interrupted)
    from tui.entry import main as run

    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        status = run()
    except KeyboardInterrupt:  # tui.cli reports its own; this is the browser's start or end
        print("warta: interrupted", file=sys.stderr)
        status = INTERRUPTED
    signal.signal(signal.SIGINT, _quietly_interrupted)
    return status
