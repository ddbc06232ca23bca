"""The scripting commands of ``warta``: index, search, list, show, entities, events, related, annotate.

Each ``cmd_*`` takes the parsed arguments and returns the exit status; a :class:`CommandError` is
reported by ``tui.cli.main`` as one line on stderr. Human output goes through ``tui.cli.console``,
``--json`` output through ``tui.cli.json_shapes``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from indexer.catalog.articles import CATALOG_NAME, open_catalog
from indexer.model import PartialDate
from indexer.store import (
    IndexBusy,
    IndexForeign,
    IndexMissing,
    SearchResult,
    Store,
    StoredDocument,
    WriterFailed,
)
from tui.cli.console import command_console as _console
from tui.cli.console import progress_bar, safe_text
from tui.cli.json_shapes import (
    annotation_json,
    annotation_line_json,
    document_json,
    emit_json,
    emit_json_line,
    entities_json,
    events_json,
    list_json,
    list_row_json,
    related_json,
    search_json,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from indexer.language.events import Event
    from indexer.pipeline import IndexSummary

# Rich, the indexing pipeline and the entity tables are imported by the commands that use them, so
# that a reading command (``warta related ID --json``) starts fast.


def index_paths(paths: Sequence[str], index_dir: str, **options: Any) -> IndexSummary:
    """:func:`indexer.pipeline.index_paths`, imported when a command indexes."""
    from indexer.pipeline import index_paths as run

    return run(paths, index_dir, **options)


class CommandError(Exception):
    """A failure to report as one line on stderr."""


def _open_store(args: argparse.Namespace) -> Store:
    try:
        return Store.open(args.index)
    except IndexMissing as error:
        raise CommandError(str(error)) from None


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
    """``warta index PATH... [--prune]``; ``-v`` adds a line per file, ``-q`` prints problems only;
    ``--check`` compares the index with its catalogue, ``--repair`` mends them."""
    from rich.text import Text

    if args.check:
        return _check(args)
    err = _console(args, sys.stderr, soft_wrap=True)  # one line per problem
    files: list[str] = []
    before: FileHashes = {}
    if args.verbose:
        from indexer.ingest.reading import discover

        files, _problems = discover(args.paths)  # the run finds them again, with its problems
        before = _stored_hashes(args.index, files, args.prune)
        err.print(Text(f"indexing {len(files)} files into {safe_text(args.index)}", style="dim"))
    from indexer.pipeline import input_bytes

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
                repair=args.repair,
            )
        except (IndexBusy, IndexForeign, IndexMissing) as error:  # IndexMissing: IndexDamaged, for --repair
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
    for line in summary.mending.lines():
        print(f"warta: {line}", file=sys.stderr)
    _report(summary, err, quiet=args.quiet, repair=args.repair)
    _prepare_expansions(args.index)
    # the run goes on past bad input, but a script must be able to tell that something was skipped
    if args.repair and not summary.problems:
        return 0  # nothing to read is no failure of a repair
    return 1 if summary.problems or summary.files == 0 else 0


def _prepare_expansions(index_dir: str) -> None:
    """Make the word lists of the new segments now (a few seconds on a large index), not at the first
    prefix or wildcard query; a failure only leaves that to the query."""
    try:
        with Store.open(index_dir) as store:
            store.vocabulary()
    except Exception:  # the index itself was reported on above; this is a cache
        if os.environ.get("WARTA_DEBUG"):
            raise


def _check(args: argparse.Namespace) -> int:
    """``warta index --check``: what disagrees between the index and its catalogue, one line each."""
    from indexer.integrity import check

    try:
        report = check(args.index)
    except IndexBusy as error:
        raise CommandError(str(error)) from None
    for line in report.problems:
        print(safe_text(line))
    for line in report.notes:
        print(safe_text(line))
    if report.ok:
        print(f"ok: the index and its catalogue agree ({report.articles} articles)")
        return 0
    print(f"run 'warta index --repair --index {safe_text(args.index)}' to mend it", file=sys.stderr)
    return 1


def _report(summary: IndexSummary, err: Console, quiet: bool, repair: bool = False) -> None:
    """The problems of a run on stderr (always), then its one-line summary on stdout (unless quiet)."""
    from rich.text import Text

    for problem in summary.problems:
        err.print(Text("skipped " + safe_text(str(problem)), style="yellow"))
    if summary.files == 0 and not summary.problems and not repair:
        print("warta: no files to index (see 'warta index --help' for the formats read)", file=sys.stderr)
    if not quiet:
        print(summary.line())


def _print_hits(result: SearchResult, out: Console) -> None:
    from rich.text import Text

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
        emit_json(search_json(result))  # the expansion is a field of its own
        return 0
    if result.expansion:
        print(f"warta: {result.expansion}", file=sys.stderr)
    _print_hits(result, _console(args))
    if result.suggestion:
        print(f"did you mean: {safe_text(result.suggestion)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """``warta list [--json]``."""
    if not Store.exists(args.index):
        raise CommandError(f"no index at {args.index} (run 'warta index PATH' first)")
    from indexer.integrity import quick_disagreement

    disagreement = quick_disagreement(args.index)
    if disagreement:  # the list would not be the index's: say so, and how to mend it
        mend = f"run 'warta index --repair --index {args.index}'"
        if not os.path.exists(os.path.join(args.index, CATALOG_NAME)):
            raise CommandError(f"{disagreement}; {mend} to rebuild it from the index")
        print(f"warta: {disagreement}; {mend}", file=sys.stderr)
    catalog = open_catalog(args.index)
    try:
        docs = [list_row_json(row) for row in catalog.docs()]
    finally:
        catalog.close()
    if args.json:
        emit_json(list_json(docs))
        return 0
    from rich.text import Text

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
    if not _is_text(wanted):  # undecodable bytes in the argument: no id has them
        raise CommandError(f"no article with id {wanted!r}")
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


def _is_text(value: str) -> bool:
    """Whether an argument is text (Python keeps undecodable bytes of ``argv`` as lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
        emit_json(document_json(doc, raw=args.raw, events=events))
        return 0
    from rich.text import Text

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


def cmd_entities(args: argparse.Namespace) -> int:
    """``warta entities [--type T] [--limit N] [--json]``."""
    with _open_store(args) as store:
        named = store.entities(args.type)
    if args.limit is not None:
        named = named[: args.limit]
    if args.json:
        emit_json(entities_json(named))
        return 0
    from rich.text import Text

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
    from rich.text import Text

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
    if name is not None and not _is_text(name):
        raise CommandError(f"--entity {name!r} is not valid UTF-8 (no entity has that name)")
    if name is not None:
        from indexer.language.entities.names import lookup

        known = lookup(name)
        name = known.canonical if known else " ".join(name.split())
    catalog = open_catalog(args.index)
    try:
        events = catalog.events.timeline(name, args.type, args.start, args.end, args.limit)
        total = len(events)
        if args.limit is not None and total >= args.limit:
            total = catalog.events.timeline_count(name, args.type, args.start, args.end)
    except ValueError as error:
        raise CommandError(str(error)) from error
    finally:
        catalog.close()
    if args.json:
        emit_json(events_json(events, total))
        return 0
    from rich.text import Text

    out = _console(args)
    for event in events:
        out.print(_event_line(event), overflow="ellipsis", no_wrap=True)
    if total > len(events):
        out.print(Text(f"showing {len(events)} of {total} events (--limit {args.limit})", style="dim"))
    return 0


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
        emit_json(related_json(doc.id, ranked))
        return 0
    from rich.text import Text

    out = _console(args)
    for item in ranked:
        line = _event_line(item.event, item.shared)
        if item.own:
            line.stylize("bold")
        # ● the article's own event, ◆ the same event reported by another article of its story
        mark = "● " if item.own else "◆ " if item.same_event else "  "
        out.print(Text(mark) + line, overflow="ellipsis", no_wrap=True)
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    """``warta annotate [--lang id|en|auto] [--date YYYY-MM-DD] [--jsonl]``: entities of text on stdin."""
    from indexer.language.entities import annotate

    lang = None if args.lang == "auto" else args.lang
    data = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
    if not args.jsonl:
        entities = annotate(data, lang=lang, published=args.date)
        emit_json_line(annotation_json(entities))
        return 0
    failed = False
    for number, line in enumerate(data.split("\n"), start=1):  # not splitlines: U+2028 is no line break
        if not line.strip():
            continue
        problem = _annotate_line(line, lang, args.date)
        if problem:
            print(f"warta: stdin:{number}: {problem}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


def _annotate_line(line: str, lang: str | None, published: PartialDate | None) -> str | None:
    """Annotate one ``{"id", "text"}`` line of ``warta annotate --jsonl`` and print its result line; the
    reason when the line cannot be annotated (it is then skipped alone)."""
    from indexer.language.entities import annotate

    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return f"invalid JSON: {error.msg}"
    except RecursionError:
        return "invalid JSON: nested too deeply"
    except ValueError:  # Python's limit on the digits of an integer
        return f"a number of more than {sys.get_int_max_str_digits()} digits"
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return 'expected an object with a "text" string'
    entities = annotate(record["text"], lang=lang, published=published)
    try:
        emit_json_line(annotation_line_json(record.get("id"), entities))  # the line is made before it is written
    except (RecursionError, ValueError):
        return "id nested too deeply"
    return None
