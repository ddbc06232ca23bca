"""The output of ``warta``: Rich consoles, colours, the progress bar, untrusted text made safe.

Article text, paths and arguments are untrusted: text is shown through ``rich.text.Text`` (never
parsed as markup), and every character that could act on a terminal is made visible on its way out,
in one place: :func:`safe_text`, applied by :class:`SafeStream` to everything written to stdout and
stderr (plain prints, JSON, error lines) and by the Rich consoles to the text of what they render
(their own colour codes are not text, and stay).
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress
    from rich.segment import Segment

# Rich is imported when a console is made: ``--json`` output never needs it.

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""C0 controls but newline and tab, DEL and the C1 controls (escape codes: U+009B is a CSI), the bidi
marks, embeddings, overrides and isolates, and lone surrogates (undecodable bytes of an argument or a
file name, which no UTF-8 output can hold)."""


def safe_text(value: str) -> str:
    """Text made inert for a terminal: C0 controls as ``\\xNN``, the rest (DEL on) as ``\\uNNNN``.

    A bidi override (U+202E) would turn the rest of a line around in a terminal ("Trojan source"). The
    ``\\uNNNN`` form is also a JSON escape: JSON output passed through here stays valid, and decodes to
    the text as stored.
    """
    return _CONTROL.sub(_escaped, value)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"  # json.dumps escapes C0 itself


class SafeStream(io.TextIOBase):
    """A text stream that passes what is written to it through :func:`safe_text`.

    ``tui.cli.main`` puts one on stdout and on stderr while a command runs, so that no output of the
    command line, whoever writes it, can reach the terminal with a raw control character.
    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw
        """The stream written to (the Rich consoles write there, having made their text safe)."""

    def write(self, text: str) -> int:
        self.raw.write(safe_text(text))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        if not getattr(self.raw, "closed", False):  # at exit, after the stream under it (a test's capture) closed
            self.raw.flush()

    def fileno(self) -> int:
        return self.raw.fileno()

    def isatty(self) -> bool:
        return self.raw.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.raw, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.raw, "errors", None)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a :class:`SafeStream`, or ``stream`` itself."""
    return stream.raw if isinstance(stream, SafeStream) else stream


def _safe_segments(buffer: Iterable[Segment], segment: type[Segment]) -> Iterable[Segment]:
    for text, style, control in buffer:
        yield segment(text, style, control) if control else segment(safe_text(text), style, control)


COLOR_CHOICES = ("auto", "always", "never")


@functools.cache
def _console_class() -> type[Console]:
    from rich.console import Console
    from rich.segment import Segment

    class _Console(Console):
        """A Console that makes the text it renders safe, and leaves a closed pipe to ``tui.cli.main``
        (Rich's own way exits with status 1)."""

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            # Rich's own control segments (cursor moves of the progress bar) are not text
            return str(super()._render_buffer(_safe_segments(buffer, Segment)))

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
        file=raw_stream(stream or sys.stdout),  # Rich writes its colour codes: it makes its text safe itself
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=soft_wrap,
        **options,
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
