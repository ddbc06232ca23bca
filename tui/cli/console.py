"""The human output of ``warta``: Rich consoles, colours, the progress bar, untrusted text made safe.

Article text is untrusted: it is shown through ``rich.text.Text`` (never parsed as markup) after
control characters are made visible.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

# Rich is imported when a console is made: ``--json`` output never needs it.

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls (escape codes), and the bidi marks, embeddings, overrides and isolates."""


def safe_text(value: str) -> str:
    """Untrusted text made printable: controls shown as ``\\xNN``, bidi controls as ``\\uNNNN``.

    A bidi override (U+202E) would turn the rest of a line around in a terminal ("Trojan source").
    """
    return _CONTROL.sub(_escaped, value)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


COLOR_CHOICES = ("auto", "always", "never")


@functools.cache
def _console_class() -> type[Console]:
    from rich.console import Console

    class _Console(Console):
        """A Console that leaves a closed pipe to ``tui.cli.main`` (Rich's own way exits with status 1)."""

        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console


def make_console(color: str = "auto", stream: TextIO | None = None, *, soft_wrap: bool = False) -> Console:
    """A Console on ``stream`` (stdout) that parses no markup and colours as ``--color`` says.

    ``auto`` leaves it to Rich: colours on a terminal, ``FORCE_COLOR`` (not empty) forces styles
    anywhere, ``NO_COLOR`` (not empty) drops colours but keeps bold and dim. ``always`` colours even
    a pipe and despite ``NO_COLOR``; ``never`` writes no escape codes at all.
    """
    options: dict[str, Any] = {}
    if color == "never":
        options["color_system"] = None
    elif color == "always":
        options.update(force_terminal=True, no_color=False)
        if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
            options["color_system"] = "standard"  # Rich would detect no colours at all
    return _console_class()(
        file=stream or sys.stdout, markup=False, highlight=False, emoji=False, soft_wrap=soft_wrap, **options
    )


def command_console(args: argparse.Namespace, stream: TextIO | None = None, *, soft_wrap: bool = False) -> Console:
    """The console of a command, coloured as its ``--color`` says."""
    return make_console(getattr(args, "color", "auto"), stream, soft_wrap=soft_wrap)


def progress_bar(console: Console, show: bool) -> Progress:
    """The bar of ``warta index``: its description is printed as it is, never parsed as markup."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}", style="progress.description", markup=False),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not show,
    )
