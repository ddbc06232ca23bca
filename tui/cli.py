"""The scripting commands of ``warta``: index, search, list, show, entities, events, related, annotate.

Human output is coloured on a terminal (``--color``, ``NO_COLOR``, ``FORCE_COLOR``); ``--json`` prints
plain JSON on stdout (a contract pinned by tests); errors go to stderr as one line with a non-zero
exit. Article text is untrusted: it is shown through ``rich.text.Text`` (never parsed as markup) after
control characters are made visible.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from indexer.ingest.reading import discover
from indexer.language.entities.names import lookup
from indexer.language.events import EVENT_TYPES, Event, RelatedEvent
from indexer.model import PartialDate
from indexer.pipeline import IndexSummary, default_index_dir, index_paths, input_bytes, open_catalog
from indexer.resources import MissingResource
from indexer.store import Hit, IndexBusy, IndexMissing, NamedEntity, SearchResult, Store, StoredDocument, WriterFailed

SNIPPET_OPEN, SNIPPET_CLOSE = "«", "»"
"""How matches are marked in the ``snippet`` strings of ``--json`` output."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class CommandError(Exception):
    """A failure to report as one line on stderr."""


def safe_text(value: str) -> str:
    """Untrusted text made printable: control characters (escape codes) shown as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


COLOR_CHOICES = ("auto", "always", "never")


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
    return Console(
        file=stream or sys.stdout, markup=False, highlight=False, emoji=False, soft_wrap=soft_wrap, **options
    )


def _console(args: argparse.Namespace, stream: TextIO | None = None, *, soft_wrap: bool = False) -> Console:
    return make_console(getattr(args, "color", "auto"), stream, soft_wrap=soft_wrap)


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


def progress_bar(console: Console, show: bool) -> Progress:
    """The bar of ``warta index``: its description is printed as it is, never parsed as markup."""
    return Progress(
        TextColumn("{task.description}", style="progress.description", markup=False),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not show,
    )


FileHashes = dict[str, dict[str, str]]
"""Path → {article id: content hash} of the articles the catalogue holds from that file."""


def _stored_hashes(index_dir: str, paths: Sequence[str], prune: bool) -> FileHashes:
    """What the index holds from ``paths`` (and, with ``prune``, from every file that vanished)."""
    if not Store.exists(index_dir):
        return {}
    catalog = open_catalog(index_dir)
    try:
        wanted = list(paths)
        if prune:
            wanted += [state.path for state in catalog.files() if not os.path.exists(state.path)]
        return {path: catalog.hashes_for(path) for path in wanted}
    finally:
        catalog.close()


def _file_lines(before: FileHashes, after: FileHashes) -> list[str]:
    """One line per file of ``before``: what the run added, updated, kept and removed of its articles."""
    lines = []
    for path, old in before.items():
        new = after.get(path, {})
        added = sum(doc_id not in old for doc_id in new)
        updated = sum(doc_id in old and old[doc_id] != digest for doc_id, digest in new.items())
        unchanged = sum(old.get(doc_id) == digest for doc_id, digest in new.items())
        removed = sum(doc_id not in new for doc_id in old)
        parts = [f"{added} added", f"{updated} updated", f"{unchanged} unchanged"]
        if removed:
            parts.append(f"{removed} removed")
        lines.append(f"{safe_text(path)}: " + ", ".join(parts))
    return lines


def cmd_index(args: argparse.Namespace) -> int:
    """``warta index PATH... [--prune]``; ``-v`` adds a line per file, ``-q`` prints problems only."""
    err = _console(args, sys.stderr, soft_wrap=True)  # one line per problem
    files: list[str] = []
    before: FileHashes = {}
    if args.verbose:
        files, _problems = discover(args.paths)  # the run finds them again, with its problems
        before = _stored_hashes(args.index, files, args.prune)
        err.print(Text(f"indexing {len(files)} files into {safe_text(args.index)}", style="dim"))
    total = input_bytes(args.paths)
    with progress_bar(err, show=sys.stderr.isatty() and not args.quiet) as bar:
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
        except WriterFailed as error:
            if os.environ.get("WARTA_DEBUG"):
                raise  # with the writer process's traceback as a note
            raise CommandError(str(error)) from None
    if args.verbose:
        ordered = dict.fromkeys([*files, *before])  # the files in input order, then the pruned ones
        after = _stored_hashes(args.index, list(ordered), prune=False)
        for line in _file_lines({path: before.get(path, {}) for path in ordered}, after):
            err.print(Text(line))
    _report(summary, err, quiet=args.quiet)
    # the run goes on past bad input, but a script must be able to tell that something was skipped
    return 1 if summary.problems or summary.files == 0 else 0


def _report(summary: IndexSummary, err: Console, quiet: bool) -> None:
    """The problems of a run on stderr (always), then its one-line summary on stdout (unless quiet)."""
    for problem in summary.problems:
        err.print(Text("skipped " + safe_text(str(problem)), style="yellow"))
    if summary.files == 0 and not summary.problems:
        print("warta: no files to index (see 'warta index --help' for the formats read)", file=sys.stderr)
    if not quiet:
        print(summary.line())


def _print_hits(result: SearchResult, out: Console) -> None:
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
    _print_hits(result, _console(args))
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
    out = _console(args)
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
    out = _console(args)
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
    out = _console(args)
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
    out = _console(args)
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
    out = _console(args)
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
    from indexer.language.entities import annotate

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


BROWSER_USAGE = "warta [--index DIR]"
"""How the terminal browser is opened (``tui.entry``): no command, at most ``--index DIR``."""

USAGE = f"""{BROWSER_USAGE}
       warta [-h] [--version] [-v | -q] [--color WHEN] [--index DIR] COMMAND [ARG...]
       warta --print-completion {{bash,zsh}}"""

DESCRIPTION = """\
Search and read a corpus of news articles.

With no COMMAND (at most --index DIR), warta opens the terminal browser on the index; the browser
needs a terminal on stdin and stdout. With a COMMAND, warta runs it and prints the result: text
for people, or JSON with --json. 'warta COMMAND --help' explains a command."""

EPILOG = """\
environment:
  WARTA_INDEX      the index folder when --index is not given (else the user data folder,
                   ~/.local/share/warta/index on Linux)
  WARTA_KNOWLEDGE  a folder (or one file) of extra entity tables, *.tsv/*.tab (tab-separated)
                   or *.csv, read before the shipped ones so that your rows win; used when
                   indexing, by 'annotate', and for names in queries
  WARTA_CONFIG     the browser's key bindings file (else keys.toml in the user config folder)
  WARTA_DEBUG      not empty: an internal error raises with its Python traceback
  NO_COLOR         not empty: no colours (bold and dim stay), unless --color always
  FORCE_COLOR      not empty: styled output even when not writing to a terminal, unless
                   --color never

exit status:
  0    success (also a search without hits, and a query run as plain words)
  1    error: no index, unknown or ambiguous id, unreadable input, index busy; 'index' also
       when it skipped a file or record (the rest is indexed), 'annotate' on a bad input line
  2    usage error: unknown command or option, bad value; the browser without a terminal
  70   internal error (a bug): one line on stderr, WARTA_DEBUG=1 shows the traceback
  130  interrupted (Ctrl-C)

The query language: 'warta search --help' in short, docs/query-language.md in full.
Shell completion: warta --print-completion bash > ~/.local/share/bash-completion/completions/warta"""

SEARCH_EPILOG = """\
query syntax (in full: docs/query-language.md):
  china rusia                 both words (AND is implied), in the title or the text
  "presiden china"            the phrase
  china OR tiongkok           either; NOT rusia or -rusia excludes; (a OR b) c groups
                              (operators in capitals: a lower-case "or" is a word)
  title:korea  source:kompas  one field: title, source, lang (id, en), exact (this word
  lang:en  exact:kunjungan    form only; a plain word also finds its other forms:
                              kunjungan finds kunjungi, berkunjung, kunjungannya)
  person:"Xi Jinping"         articles naming the entity, in any known spelling or language:
  org:PBB  loc:Tiongkok       person, org, loc, misc (events, products…); -loc:China
  misc:"Perang Dunia II"      excludes
  date:2023-03                published that day, month or year; also date:>=2023-01-01,
  date:<2024                  date:>2023-06, date:<=2022; undated articles never match
  date:[2023-01 TO 2023-06]   a range, both ends included; * leaves one open: date:[* TO 2022]
  presid*  lukashenk?         wildcards: * any letters, ? one letter
  lukashenk~  lukashenk~2     fuzzy: within one typo (~2: two), first two letters kept

A query that cannot be parsed (date:2023-13, an unclosed quote, unbalanced parentheses) is run
as plain words, with a notice on stderr; with no hits, a spelling suggestion is printed.

--json prints {"query", "total", "hits": [{"id", "title", "date", "source", "path", "score",
"snippet"}], "notice", "suggestion"}; matches in "snippet" are marked with « »."""

INDEX_EPILOG = """\
Folders are read recursively (hidden files and unknown extensions skipped). Formats: .txt and
.md (title on the first line), .html, .json, .jsonl/.ndjson, .csv/.tsv. A run is incremental:
unchanged files are skipped, changed ones updated. What cannot be used is listed on stderr, one
line each ("skipped PATH: reason"), the rest is indexed, and the exit status is then 1. The
one-line summary goes to stdout; a progress bar to stderr when it is a terminal."""

SHOW_EPILOG = """\
ID is an article id as listed by 'search', 'list' or 'events', or a unique prefix of one.
--json prints {"id", "title", "date", "source", "path", "lang", "text", "entities", "events"};
entity offsets point into "text" (none with --raw)."""

EVENTS_EPILOG = """\
Events come in time order, undated ones last. --from and --to take YYYY, YYYY-MM or YYYY-MM-DD
and include the whole period (--to 2023 runs to the end of 2023); with either, undated events
are left out. --entity takes any known spelling (--entity Tiongkok finds China's events)."""

RELATED_EPILOG = """\
ID is an article id as listed by 'search', 'list' or 'events', or a unique prefix of one.
Related events share names (people, organisations, places) with the article and are near it in
time; the names shared are printed in brackets."""

ANNOTATE_EPILOG = """\
Reads UTF-8 text on stdin and prints {"entities": [{"start", "end", "text", "type",
"canonical"}]}; with --jsonl, one {"id", "entities"} line per input line. Needs no index.

example:
  echo 'Presiden Jokowi bertemu Xi Jinping di Beijing.' | warta annotate"""


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


VERBOSE_HELP = "more detail on stderr where a command has any ('index': a line per file)"
QUIET_HELP = "no progress bar and no summary ('index'); problems and errors are still printed"


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
        (p.add_argument("paths", nargs="+", metavar="PATH", help="a file or folder to read"), "file")
    )
    p.add_argument("--prune", action="store_true", help="drop the articles of indexed files that no longer exist")
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
    p.add_argument("--type", type=str.upper, choices=EVENT_TYPES, help="only this event type")
    p.add_argument("--from", dest="start", metavar="DATE", help="from this date on (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="end", metavar="DATE", help="up to this date, included")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N events (default: all)")
    p.add_argument("--json", action="store_true", help='print JSON: {"events": [...]}')
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run a scripting command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    if args.verbose and args.quiet:
        parser.error("-v/--verbose and -q/--quiet cannot be used together")
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        parser.error("--limit must be at least 1")
    args.index = args.index or default_index_dir()
    try:
        return int(args.run(args))
    except (CommandError, MissingResource) as error:
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
