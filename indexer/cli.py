"""The scripting commands of ``warta``: index, search, list, show, annotate.

Human output is coloured on a terminal; ``--json`` prints plain JSON on stdout (a contract pinned by
tests); errors go to stderr as one line with a non-zero exit. Article text is untrusted: it is shown
through ``rich.text.Text`` (never parsed as markup) after control characters are made visible.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
from rich.text import Text

from indexer.entities.names import lookup
from indexer.events import EVENT_TYPES, Event, RelatedEvent
from indexer.model import PartialDate
from indexer.pipeline import default_index_dir, index_paths, input_bytes, open_catalog
from indexer.store import Hit, IndexBusy, IndexMissing, NamedEntity, SearchResult, Store, StoredDocument

SNIPPET_OPEN, SNIPPET_CLOSE = "«", "»"
"""How matches are marked in the ``snippet`` strings of ``--json`` output."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class CommandError(Exception):
    """A failure to report as one line on stderr."""


def safe_text(value: str) -> str:
    """Untrusted text made printable: control characters (escape codes) shown as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def _console(stream: Any = None) -> Console:
    return Console(file=stream or sys.stdout, markup=False, highlight=False, emoji=False, soft_wrap=False)


def _emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")


def _snippet_string(hit: Hit) -> str:
    return "".join(f"{SNIPPET_OPEN}{text}{SNIPPET_CLOSE}" if match else text for text, match in hit.snippet)


def hit_json(hit: Hit) -> dict[str, Any]:
    """A hit as in ``warta search --json``."""
    return {
        "id": hit.id,
        "title": hit.title,
        "date": hit.date,
        "source": hit.source,
        "path": hit.path,
        "score": hit.score,
        "snippet": _snippet_string(hit),
    }


def document_json(doc: StoredDocument, raw: bool = False, events: Sequence[Event] = ()) -> dict[str, Any]:
    """An article as in ``warta show --json``; ``entities`` point into ``text`` (none for the raw input)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "path": doc.path,
        "lang": doc.lang,
        "text": doc.raw if raw else doc.text,
        "entities": [] if raw else [entity.as_json() for entity in doc.entities],
        "events": [event.as_json() for event in events],
    }


def _open_store(args: argparse.Namespace) -> Store:
    try:
        return Store.open(args.index)
    except IndexMissing as error:
        raise CommandError(str(error)) from None


def cmd_index(args: argparse.Namespace) -> int:
    """``warta index PATH... [--prune]``."""
    err = Console(file=sys.stderr, markup=False, highlight=False, soft_wrap=True)  # one line per problem
    total = input_bytes(args.paths)
    show_bar = sys.stderr.isatty() and not args.quiet
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not show_bar,
    )
    with bar:
        task = bar.add_task("indexing", total=total or None)
        try:
            summary = index_paths(
                args.paths,
                args.index,
                prune=args.prune,
                progress=lambda n: bar.advance(task, n),
                stdin_format=None if args.format == "auto" else args.format,
            )
        except IndexBusy as error:
            raise CommandError(str(error)) from None
    for problem in summary.problems:
        err.print(Text("skipped " + safe_text(str(problem)), style="yellow"))
    print(summary.line())
    # the run goes on past bad input, but a script must be able to tell that something was skipped
    return 1 if summary.problems or summary.files == 0 else 0


def _print_hits(result: SearchResult) -> None:
    out = _console()
    plural = "hit" if result.total == 1 else "hits"
    out.print(
        Text(f"{result.total} {plural} for {safe_text(result.query)!r} ({result.seconds * 1000:.0f} ms)", style="dim")
    )
    for hit in result.hits:
        line = Text()
        line.append(safe_text(hit.title) or "(untitled)", style="bold")
        meta = " · ".join(part for part in (hit.date, hit.source and safe_text(hit.source), hit.id) if part)
        line.append(f"  {meta}", style="cyan")
        out.print(line)
        snippet = Text("  ")
        for text, match in hit.snippet:
            snippet.append(safe_text(text), style="bold yellow" if match else "")
        out.print(snippet)


def cmd_search(args: argparse.Namespace) -> int:
    """``warta search QUERY [--limit N] [--sort relevance|date] [--json]``."""
    with _open_store(args) as store:
        result = store.search(args.query, limit=args.limit, sort=args.sort)
    if result.notice:
        print(f"warta: {result.notice}", file=sys.stderr)
    if args.json:
        _emit_json(
            {
                "query": result.query,
                "total": result.total,
                "hits": [hit_json(hit) for hit in result.hits],
                "notice": result.notice,
                "suggestion": result.suggestion,
            }
        )
        return 0
    _print_hits(result)
    if result.suggestion:
        print(f"did you mean: {safe_text(result.suggestion)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """``warta list [--json]``."""
    if not Store.exists(args.index):
        raise CommandError(f"no index at {args.index} (run 'warta index PATH' first)")
    catalog = open_catalog(args.index)
    try:
        docs = [
            {"id": row.id, "title": row.title, "date": row.date, "source": row.source, "path": row.path}
            for row in catalog.docs()
        ]
    finally:
        catalog.close()
    if args.json:
        _emit_json({"documents": docs})
        return 0
    out = _console()
    for doc in docs:
        line = Text(f"{doc['id']}  ", style="cyan")
        line.append(f"{doc['date'] or '':10}  ", style="green")
        line.append(safe_text(doc["title"] or ""))
        if doc["source"]:
            line.append(f"  ({safe_text(doc['source'])})", style="dim")
        out.print(line, overflow="ellipsis", no_wrap=True)
    return 0


def resolve_id(store: Store, index_dir: str, wanted: str) -> StoredDocument:
    """The article whose id is ``wanted`` or starts with it; a CommandError when none or several."""
    doc = store.get(wanted)
    if doc is not None:
        return doc
    catalog = open_catalog(index_dir)
    try:
        candidates = catalog.resolve(wanted) if wanted else []
    finally:
        catalog.close()
    if len(candidates) > 1:
        raise CommandError(f"ambiguous id {wanted!r}: give more characters")
    doc = store.get(candidates[0]) if candidates else None
    if doc is None:
        raise CommandError(f"no article with id {wanted!r}")
    return doc


def cmd_show(args: argparse.Namespace) -> int:
    """``warta show ID [--json] [--raw]``."""
    with _open_store(args) as store:
        doc = resolve_id(store, args.index, args.id)
    if args.json:
        catalog = open_catalog(args.index)
        try:
            events = catalog.events.of_document(doc.id)
        finally:
            catalog.close()
        _emit_json(document_json(doc, raw=args.raw, events=events))
        return 0
    out = _console()
    if args.raw:
        out.print(Text(safe_text(doc.raw)))
        return 0
    out.print(Text(safe_text(doc.title), style="bold"))
    meta = " · ".join(
        part for part in (doc.date, doc.source and safe_text(doc.source), safe_text(doc.lang), doc.id) if part
    )
    out.print(Text(meta, style="cyan"))
    out.print(Text(safe_text(doc.path), style="dim"))
    out.print()
    out.print(Text(safe_text(doc.text)))
    return 0


def named_entity_json(entity: NamedEntity) -> dict[str, Any]:
    """A canonical entity as in ``warta entities --json``."""
    return {
        "type": entity.type,
        "canonical": entity.canonical,
        "documents": entity.documents,
        "aliases": [{"text": text, "documents": documents} for text, documents in entity.aliases],
    }


def cmd_entities(args: argparse.Namespace) -> int:
    """``warta entities [--type T] [--limit N] [--json]``."""
    with _open_store(args) as store:
        named = store.entities(args.type)
    if args.limit is not None:
        named = named[: args.limit]
    if args.json:
        _emit_json({"entities": [named_entity_json(entity) for entity in named]})
        return 0
    out = _console()
    for entity in named:
        line = Text(f"{entity.documents:7}  ", style="cyan")
        line.append(f"{entity.type:6}  ", style="green")
        line.append(safe_text(entity.canonical), style="bold")
        others = [f"{safe_text(text)} {documents}" for text, documents in entity.aliases if text != entity.canonical]
        if others:
            line.append("  (" + ", ".join(others) + ")", style="dim")
        out.print(line, overflow="ellipsis", no_wrap=True)
    return 0


def _event_line(event: Event, shared: Sequence[str] = ()) -> Text:
    line = Text(f"{event.date.iso if event.date else '':10}  ", style="green")
    line.append(f"{event.type:9}  ", style="cyan")
    line.append(safe_text(event.summary))
    if shared:
        line.append("  [" + ", ".join(safe_text(name) for name in shared) + "]", style="yellow")
    line.append(f"  {', '.join(event.doc_ids)}", style="dim")
    return line


def cmd_events(args: argparse.Namespace) -> int:
    """``warta events [--entity NAME] [--type T] [--from DATE] [--to DATE] [--limit N] [--json]``."""
    if not Store.exists(args.index):
        raise CommandError(f"no index at {args.index} (run 'warta index PATH' first)")
    name = args.entity
    if name is not None:
        known = lookup(name)
        name = known.canonical if known else " ".join(name.split())
    catalog = open_catalog(args.index)
    try:
        events = catalog.events.timeline(name, args.type, args.start, args.end, args.limit)
    except ValueError as error:
        raise CommandError(str(error)) from error
    finally:
        catalog.close()
    if args.json:
        _emit_json({"events": [event.as_json() for event in events]})
        return 0
    out = _console()
    for event in events:
        out.print(_event_line(event), overflow="ellipsis", no_wrap=True)
    return 0


def related_json(doc_id: str, ranked: Sequence[RelatedEvent]) -> dict[str, Any]:
    """``warta related --json``: each event with the names it shares with the article."""
    return {
        "doc_id": doc_id,
        "events": [
            {**item.event.as_json(), "shared": list(item.shared), "own": item.own, "score": item.as_json()["score"]}
            for item in ranked
        ],
    }


def cmd_related(args: argparse.Namespace) -> int:
    """``warta related ID [--limit N] [--json]``: the article's events, then related events of others."""
    with _open_store(args) as store:
        doc = resolve_id(store, args.index, args.id)
    names = {e.canonical for e in doc.entities if e.type != "DATE" and e.canonical}
    published = PartialDate.from_iso(doc.date) if doc.date else None
    catalog = open_catalog(args.index)
    try:
        ranked = catalog.events.related(doc.id, names, published, args.limit)
    finally:
        catalog.close()
    if args.json:
        _emit_json(related_json(doc.id, ranked))
        return 0
    out = _console()
    for item in ranked:
        line = _event_line(item.event, item.shared)
        if item.own:
            line.stylize("bold")
        out.print(line, overflow="ellipsis", no_wrap=True)
    return 0


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


def _emit_json_line(payload: dict[str, Any]) -> None:
    """One JSON line; text with lone surrogates (broken input) is written with ASCII escapes."""
    line = json.dumps(payload, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(payload)
    sys.stdout.write(line + "\n")


def cmd_annotate(args: argparse.Namespace) -> int:
    """``warta annotate [--lang id|en|auto] [--date YYYY-MM-DD] [--jsonl]``: entities of text on stdin."""
    from indexer.entities import annotate

    lang = None if args.lang == "auto" else args.lang
    data = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
    if not args.jsonl:
        entities = annotate(data, lang=lang, published=args.date)
        _emit_json_line({"entities": [entity.as_json() for entity in entities]})
        return 0
    failed = False
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"warta: stdin:{number}: invalid JSON: {error.msg}", file=sys.stderr)
            failed = True
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            print(f'warta: stdin:{number}: expected an object with a "text" string', file=sys.stderr)
            failed = True
            continue
        entities = annotate(record["text"], lang=lang, published=args.date)
        _emit_json_line({"id": record.get("id"), "entities": [entity.as_json() for entity in entities]})
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the scripting commands."""
    parser = argparse.ArgumentParser(prog="warta", description="Search and read a corpus of news articles.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument(
            "--index",
            metavar="DIR",
            default=None,
            help="index directory (default: $WARTA_INDEX or the user data folder)",
        )
        return p

    p = command("index", "add or update the articles of files and folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--prune", action="store_true", help="drop articles whose source file vanished")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--format",
        choices=("auto", "json", "jsonl", "html", "text", "csv"),
        default="auto",
        help="format of standard input, read when a PATH is '-' (default: auto, told from its start)",
    )
    p.set_defaults(run=cmd_index)

    p = command("search", "search the index")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_search)

    p = command("list", "list the indexed articles")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_list)

    p = command("show", "print one article")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--raw", action="store_true", help="the input exactly as read, before cleaning")
    p.set_defaults(run=cmd_show)

    p = command("entities", "list the people, organisations, places and events the articles name")
    p.add_argument("--type", type=str.upper, choices=("PERSON", "ORG", "LOC", "MISC"), help="only this type")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="the N most named")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_entities)

    p = command("events", "the corpus timeline: events in time order")
    p.add_argument("--entity", metavar="NAME", help="only events naming this entity (any alias)")
    p.add_argument("--type", type=str.upper, choices=EVENT_TYPES, help="only this event type")
    p.add_argument("--from", dest="start", metavar="DATE", help="from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", help="up to this date")
    p.add_argument("--limit", type=int, default=None, metavar="N")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_events)

    p = command("related", "an article's events, then the most related events of other articles")
    p.add_argument("id", metavar="ID")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="related events besides its own")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_related)

    help_ = "print the persons, organisations, places and dates of text read on stdin, as JSON"
    p = sub.add_parser("annotate", help=help_, description=help_)
    p.add_argument(
        "--lang", choices=("id", "en", "auto"), default="auto", help="language of the text (default: detect)"
    )
    p.add_argument(
        "--date", type=_published, default=None, metavar="YYYY-MM-DD", help="publication date for relative dates"
    )
    p.add_argument(
        "--jsonl", action="store_true", help='read JSON Lines {"id", "text"}, write one {"id", "entities"} each'
    )
    p.set_defaults(run=cmd_annotate, index=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a scripting command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        parser.error("--limit must be at least 1")
    args.index = args.index or default_index_dir()
    try:
        return int(args.run(args))
    except CommandError as error:
        print(f"warta: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("warta: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except OSError as error:
        print(f"warta: {error.strerror or error}: {getattr(error, 'filename', '') or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except Exception as error:  # a bug: one line for the user, the traceback with WARTA_DEBUG=1
        if os.environ.get("WARTA_DEBUG"):
            raise
        print(f"warta: internal error: {type(error).__name__}: {error} (WARTA_DEBUG=1 shows where)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
