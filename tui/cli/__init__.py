"""The scripting commands of ``warta``: index, search, list, show, entities, events, related, annotate.

Human output is coloured on a terminal (``--color``, ``NO_COLOR``, ``FORCE_COLOR``); ``--json`` prints
plain JSON on stdout (a contract pinned by tests); errors go to stderr as one line with a non-zero
exit. Article text is untrusted: it is shown through ``rich.text.Text`` (never parsed as markup), and
everything written to stdout and stderr while a command runs has its control characters made visible
(``tui.cli.console.SafeStream``). A closed pipe ends a command quietly (status 0), Ctrl-C with one line
(status 130).

The package: ``help`` (the help texts), ``parser`` (the argument parser), ``commands`` (the
commands), ``console`` (human output), ``json_shapes`` (every ``--json`` payload); :func:`main` here.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Sequence

from indexer.locations import default_index_dir
from indexer.resources import MissingResource
from indexer.store.results import IndexMissing
from tui.cli.commands import CommandError, resolve_id
from tui.cli.console import COLOR_CHOICES, SafeStream, make_console, progress_bar, safe_text
from tui.cli.help import BROWSER_USAGE
from tui.cli.json_shapes import (
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    document_json,
    hit_json,
    named_entity_json,
    related_json,
)
from tui.cli.parser import build_parser, package_version

__all__ = [
    "BROWSER_USAGE",
    "COLOR_CHOICES",
    "SNIPPET_CLOSE",
    "SNIPPET_OPEN",
    "CommandError",
    "build_parser",
    "document_json",
    "hit_json",
    "main",
    "make_console",
    "named_entity_json",
    "package_version",
    "progress_bar",
    "related_json",
    "resolve_id",
    "safe_text",
]


INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run a scripting command; returns the exit status.

    A reader that stops reading (``warta list | head -1``) is no error: exit 0, nothing on stderr.
    Ctrl-C prints "warta: interrupted" and returns 130. Whatever the command writes to stdout and
    stderr goes through :class:`SafeStream`.
    """
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(stdout), SafeStream(stderr)
    try:
        try:
            try:
                return _main(argv)
            finally:
                sys.stdout.flush()  # a closed pipe shows here, not when Python exits
        except BrokenPipeError:
            # Python's recommended way: the rest of the output (and the flush at exit) goes to devnull
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):  # stdout is no real file (captured)
                pass
            finally:
                os.close(devnull)
            return 0
        except KeyboardInterrupt:  # while parsing the arguments, or flushing
            print("warta: interrupted", file=sys.stderr)
            return INTERRUPTED
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    if args.verbose and args.quiet:
        parser.error("-v/--verbose and -q/--quiet cannot be used together")
    if args.command == "index" and args.check and (args.paths or args.prune):
        parser.error("index --check takes no PATH and no --prune")
    if args.command == "index" and not (args.paths or args.check or args.repair):
        parser.error("index: the following arguments are required: PATH")
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        parser.error("--limit must be at least 1")
    args.index = args.index or default_index_dir()
    try:
        return int(args.run(args))
    except (CommandError, MissingResource, IndexMissing) as error:  # IndexMissing: also IndexDamaged
        print(f"warta: {error}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as error:  # the catalogue is no database any more
        print(
            f"warta: the catalogue of the index cannot be read ({error});"
            f" run 'warta index --repair --index {args.index}' to mend it",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("warta: interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        raise  # handled by main
    except OSError as error:
        print(f"warta: {error.strerror or error}: {getattr(error, 'filename', '') or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception as error:  # a bug: one line for the user, the traceback with WARTA_DEBUG=1
        if os.environ.get("WARTA_DEBUG"):
            raise
        print(f"warta: internal error: {type(error).__name__}: {error} (WARTA_DEBUG=1 shows where)", file=sys.stderr)
        return 70
