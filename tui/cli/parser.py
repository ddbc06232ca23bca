"""The argument parser of ``warta``'s scripting commands, with ``--version`` and ``--print-completion``."""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections.abc import Sequence
from typing import Any

from indexer.language.events import EVENT_TYPES, family
from indexer.model import PartialDate
from tui.cli.commands import (
    cmd_annotate,
    cmd_entities,
    cmd_events,
    cmd_index,
    cmd_list,
    cmd_related,
    cmd_search,
    cmd_show,
)
from tui.cli.console import COLOR_CHOICES
from tui.cli.help import (
    ANNOTATE_EPILOG,
    DESCRIPTION,
    EPILOG,
    EVENTS_EPILOG,
    INDEX_EPILOG,
    QUIET_HELP,
    RELATED_EPILOG,
    SEARCH_EPILOG,
    SHOW_EPILOG,
    USAGE,
    VERBOSE_HELP,
)

_SUBTYPES = "; ".join(f"{kind}: also {', '.join(subs)}" for kind in EVENT_TYPES if (subs := family(kind)[1:]))
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _published(value: str) -> PartialDate:
    """``--date``: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    if not _ISO_DATE.fullmatch(value):
        raise argparse.ArgumentTypeError(f"invalid date {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    precision = {10: "day", 7: "month", 4: "year"}[len(value)]
    try:
        datetime.date.fromisoformat(value if precision == "day" else (value + "-01-01")[:10])
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}") from None
    return PartialDate(value, precision)  # type: ignore[arg-type]


def package_version() -> str:
    """The installed version of Warta (from the package metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("warta")
    except PackageNotFoundError:
        return "unknown (not installed)"


class _VersionAction(argparse.Action):
    """``--version``: looks the version up only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"warta {package_version()}")
        parser.exit()


SHELLS = ("bash", "zsh")


class _CompletionAction(argparse.Action):
    """``--print-completion SHELL``: a completion script generated from the parser by shtab."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, choices=SHELLS, default=argparse.SUPPRESS, metavar="SHELL", help=help)
        self.paths: list[tuple[argparse.Action, str]] = []
        """Arguments naming a ``"file"`` or a ``"dir"``, completed as such."""

    def __call__(self, parser: argparse.ArgumentParser, _namespace: object, values: object, *_args: object) -> None:
        import shtab

        for action, kind in self.paths:
            setattr(action, "complete", shtab.DIRECTORY if kind == "dir" else shtab.FILE)  # noqa: B010
        sys.stdout.write(shtab.complete(parser, shell=str(values)))
        parser.exit()


def _common_options(
    p: argparse.ArgumentParser,
    completion: _CompletionAction,
    *,
    top: bool,
    index: bool = True,
    verbose: str = VERBOSE_HELP,
    quiet: str = QUIET_HELP,
) -> None:
    """Options taken before or after COMMAND; given after it, they win."""

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    if index:
        completion.paths.append(
            (
                p.add_argument(
                    "--index",
                    metavar="DIR",
                    default=default(None),
                    help="the index folder (default: $WARTA_INDEX, else the user data folder)",
                ),
                "dir",
            )
        )
    chatter = p.add_mutually_exclusive_group()
    chatter.add_argument("-v", "--verbose", action="store_true", default=default(False), help=verbose)
    chatter.add_argument("-q", "--quiet", action="store_true", default=default(False), help=quiet)
    p.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default=default("auto"),
        help="colours: auto (on a terminal; NO_COLOR and FORCE_COLOR are honoured), always, never"
        + (" (default: auto)" if top else ""),
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the scripting commands."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="warta", usage=USAGE, description=DESCRIPTION, epilog=EPILOG, formatter_class=formatter
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version of warta and exit")
    completion = parser.add_argument(
        "--print-completion",
        action=_CompletionAction,
        help="print a completion script for this shell (bash or zsh) and exit",
    )
    assert isinstance(completion, _CompletionAction)
    _common_options(parser, completion, top=True, index=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", prog="warta")

    def command(name: str, help_: str, epilog: str | None = None, **options: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, epilog=epilog, formatter_class=formatter)
        _common_options(p, completion, top=False, **options)
        return p

    p = command(
        "index",
        "add or update the articles of files and folders",
        INDEX_EPILOG,
        verbose="a line per file on stderr: how many of its articles were added, updated, unchanged, removed",
        quiet="no progress bar and no summary; skipped files and errors are still printed",
    )
    completion.paths.append(
        (p.add_argument("paths", nargs="*", metavar="PATH", help="a file or folder to read"), "file")
    )
    p.add_argument("--prune", action="store_true", help="drop the articles of indexed files that no longer exist")
    mending = p.add_mutually_exclusive_group()
    mending.add_argument(
        "--check",
        action="store_true",
        help="compare the index and its catalogue, change nothing; exit 1 when they disagree (no PATH)",
    )
    mending.add_argument(
        "--repair",
        action="store_true",
        help="mend the index and its catalogue from each other, then read again every file they name (and PATHs)",
    )
    p.add_argument(
        "--format",
        choices=("auto", "json", "jsonl", "html", "text", "csv"),
        default="auto",
        help="format of standard input, read when a PATH is '-' (default: auto, told from its start)",
    )
    p.set_defaults(run=cmd_index)

    p = command("search", "search the index (the query language is below)", SEARCH_EPILOG)
    p.add_argument("query", metavar="QUERY", help="what to look for; quote it for the shell")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="print the N best hits (default: 20)")
    p.add_argument(
        "--sort",
        choices=("relevance", "date"),
        default="relevance",
        help="order: best match first, or newest first (default: relevance)",
    )
    p.add_argument("--json", action="store_true", help="print JSON (described below)")
    p.set_defaults(run=cmd_search)

    p = command("list", "list the indexed articles, newest first (undated last)")
    p.add_argument(
        "--json", action="store_true", help='print JSON: {"documents": [{"id", "title", "date", "source", "path"}]}'
    )
    p.set_defaults(run=cmd_list)

    p = command("show", "print one article", SHOW_EPILOG)
    p.add_argument("id", metavar="ID", help="the article's id or a unique prefix of it")
    p.add_argument("--json", action="store_true", help="print JSON (described below)")
    p.add_argument("--raw", action="store_true", help="the input exactly as read, before cleaning")
    p.set_defaults(run=cmd_show)

    p = command("entities", "list the people, organisations, places and events the articles name, most named first")
    p.add_argument("--type", type=str.upper, choices=("PERSON", "ORG", "LOC", "MISC"), help="only this type")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the N most named (default: all)")
    p.add_argument(
        "--json",
        action="store_true",
        help='print JSON: {"entities": [{"type", "canonical", "documents", "aliases": [{"text", "documents"}]}]}',
    )
    p.set_defaults(run=cmd_entities)

    p = command("events", "the corpus timeline: events in time order", EVENTS_EPILOG)
    p.add_argument("--entity", metavar="NAME", help="only events naming this entity (any alias)")
    p.add_argument(
        "--type",
        type=str.upper,
        choices=EVENT_TYPES,
        metavar="TYPE",
        help=f"only this event type and its subtypes ({_SUBTYPES}); one of {', '.join(EVENT_TYPES)}",
    )
    p.add_argument("--from", dest="start", metavar="DATE", help="from this date on (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", help="up to this date, included")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N events (default: all)")
    p.add_argument(
        "--json", action="store_true", help='print JSON: {"events": [...], "total": N} (N: how many without --limit)'
    )
    p.set_defaults(run=cmd_events)

    p = command("related", "an article's events, then the most related events of other articles", RELATED_EPILOG)
    p.add_argument("id", metavar="ID", help="the article's id or a unique prefix of it")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="related events besides its own (default: 20)")
    p.add_argument(
        "--json",
        action="store_true",
        help='print JSON: {"doc_id", "events": [{...event, "shared", "own", "score"}]}, its own events first',
    )
    p.set_defaults(run=cmd_related)

    p = command(
        "annotate",
        "print the persons, organisations, places and dates of text read on stdin, as JSON",
        ANNOTATE_EPILOG,
        index=False,
    )
    p.add_argument(
        "--lang", choices=("id", "en", "auto"), default="auto", help="language of the text (default: auto, detect it)"
    )
    p.add_argument(
        "--date", type=_published, default=None, metavar="YYYY-MM-DD", help="publication date for relative dates"
    )
    p.add_argument(
        "--jsonl", action="store_true", help='read JSON Lines {"id", "text"}, write one {"id", "entities"} each'
    )
    p.set_defaults(run=cmd_annotate, index=None)
    return parser
