"""Indexing: files → records → cleaned articles → Whoosh index and catalogue, incrementally.

This process reads and cleans (the cheap part); stemming and writing the index run in one writer
subprocess per core, each writing its own segment. Each batch is committed in three steps: the
catalogue's journal of the batch, the index, the catalogue's rows. A run killed at any instant leaves an
index that opens with every earlier batch, and the next run first mends what the killed one left half
done (:mod:`indexer.integrity`), then completes the work: one copy of each article, in both.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from stat import S_ISREG
from typing import TYPE_CHECKING, cast

from indexer.catalog.articles import CATALOG_NAME as CATALOG_NAME
from indexer.catalog.articles import UNREAD_SIZE, Catalog, DocRow, FileState
from indexer.catalog.articles import open_catalog as open_catalog
from indexer.clean.boilerplate import clean_record
from indexer.faults import crash_point
from indexer.ingest.reading import STDIN, Format, RecordReader, discover, read_records
from indexer.ingest.streams import _os_reason
from indexer.integrity import Mending, writing
from indexer.language.detect import detect_language
from indexer.locations import default_index_dir as default_index_dir
from indexer.model import Annotations, Article, Problem, Record
from indexer.store import Store, StoreWriter
from indexer.store.folder import read_toc

if TYPE_CHECKING:
    from indexer.language.annotation import Findings

PIPELINE_VERSION = "20"
"""Part of every content hash and file state: bump it when cleaning or annotation changes, and the next
run re-indexes everything. (2: entities; 3: events; 4: the trained entity tagger;
5: short first names resolved, tagger retrained; 6: word clusters in the tagger; 7: no brackets in
names, nicknames keep their canonical name; 8: English companies, demonyms and tickers; 9: the entity tagger
trained as a CRF; 10: Indonesian bodies after titles and around "dan", clubs named after cities; 11: cities
of half a million, organisations named again by part of their name; 12: ranks out of names, a player after his
club, age groups, companies and more clubs in the tables; 13: Balinese names keep their "I", English
one-word bodies; 14: titles kept in names of the tables, aliases that misfired taken out; 15: a title's division
before a body; 16: one title test for rules and
tagger ("Wamena" no title), a player split off clubs only; 17: event roles compared by value, so the
articles of a run's later batches, whose roles came back pickled from writer processes, get the same
events as the first batch's; 18: no city as a party to a meeting, no actor from "se-X", no date from a
law's number, a short name's acronym stands for its body; summaries say what was said, asked or agreed.)"""

BATCH_ARTICLES = 10_000
"""Articles per commit: what a crash can cost, at most (each commit adds a segment per writer process)."""

Progress = Callable[[int], None]
"""Called with the number of input bytes just dealt with."""


@dataclass(slots=True)
class IndexSummary:
    """What an indexing run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    files: int = 0
    reread: int = 0
    """Files read again although unchanged: indexed by another version of Warta or with other knowledge
    tables, models or ``$WARTA_KNOWLEDGE``."""
    problems: list[Problem] = field(default_factory=list)
    mending: Mending = field(default_factory=Mending)
    """What was mended before the run wrote anything (a killed run's half-done commit, a lost file)."""

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        parts = [
            f"{self.added} added",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
        ]
        if self.removed:
            parts.append(f"{self.removed} removed")
        parts.append(f"{len(self.problems)} skipped")
        line = f"{self.files} files: " + ", ".join(parts)
        if self.reread:
            line += f" ({self.reread} read again: indexed by another version or with other knowledge tables)"
        return line


def document_id(path: str, key: str) -> str:
    """Stable id of the article at ``key`` in the file ``path``."""
    return hashlib.sha1(f"{path}\0{key}".encode("utf-8", "surrogatepass")).hexdigest()[:12]


def content_hash(record: Record, version: str = PIPELINE_VERSION) -> str:
    """Hash of everything an article is made from, including the version of what reads it
    (:func:`run_version` when indexing)."""
    digest = hashlib.sha1(version.encode())
    digest.update(record.raw.encode("utf-8", "surrogatepass"))
    digest.update(repr(sorted(record.fields.items())).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def prepare(record: Record, digest: str | None = None) -> Article:
    """Clean one record into an article with its id, language and content hash."""
    cleaned = clean_record(record)
    return Article(
        id=document_id(record.path, record.key),
        path=record.path,
        key=record.key,
        title=cleaned.title,
        text=cleaned.text,
        raw=record.raw,
        date=cleaned.date,
        source=cleaned.source,
        url=cleaned.url,
        lang=record.fields.get("lang") or detect_language(cleaned.title + "\n" + cleaned.text),
        content_hash=digest or content_hash(record),
    )


def input_bytes(paths: Sequence[str]) -> int:
    """Total size of the files under ``paths``: the length of a progress bar fed by ``Progress``."""
    total = 0
    for path in paths:
        if path == "-":
            continue  # standard input: its length is not known
        walk = os.walk(path) if os.path.isdir(path) else [("", [], [path])]
        for root, _dirs, files in walk:
            for name in files:
                with contextlib.suppress(OSError):
                    total += os.path.getsize(os.path.join(root, name))
    return total


def run_version() -> str:
    """The pipeline version and a fingerprint of the files recognition reads (tables, models, the user's
    ``$WARTA_KNOWLEDGE``): what a file state and a content hash are made with, so that a change to any
    of them re-reads what it affects."""
    from indexer.language.annotation import annotation_fingerprint

    return f"{PIPELINE_VERSION}+{annotation_fingerprint()[:16]}"


def version_number(version: str) -> int | None:
    """The pipeline version that made a file state (``"16+ab12…"`` → 16; ``"3"`` from old indexes)."""
    number = version.partition("+")[0]
    return int(number) if number.isdigit() else None


def _annotator() -> Callable[[Article], Annotations]:
    """The annotation stage (entities, then events), imported when an index is written.

    Its recognition model and word tables take a quarter of a second to import; reading an index
    (the browser, ``warta search``) never needs them.
    """
    from indexer.language.annotation import annotate_article

    return annotate_article


class Indexer:
    """One indexing run over an index directory; use :func:`index_paths`."""

    def __init__(self, store: Store, catalog: Catalog, progress: Progress | None, workers: int) -> None:
        self.store = store
        self.catalog = catalog
        self.progress = progress or (lambda _n: None)
        self.summary = IndexSummary()
        self._procs = max(workers, 1)
        self._writer: StoreWriter | None = None
        self._pending_rows: list[DocRow] = []
        self._pending_deletes: list[str] = []
        self._pending_files: list[FileState] = []
        self._pending_paths: set[str] = set()
        """Input files whose articles the batch adds, replaces or deletes (named in its journal)."""
        self._pending_dropped: list[str] = []
        """Vanished files the batch forgets (``--prune``)."""
        self._batch_ids: set[str] = set()
        self._written = 0
        self._warm = False
        self._version = PIPELINE_VERSION
        self.stdin_format: Format | None = None
        """Format of standard input (``-``); None: sniffed."""

    def close(self) -> None:
        """Cancel uncommitted work (its writer subprocesses stop with it)."""
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None

    def run(self, paths: Sequence[str], prune: bool) -> IndexSummary:
        """Index ``paths`` (files and folders); with ``prune`` drop articles whose file vanished."""
        files, problems = discover(paths)
        self.summary.problems.extend(problems)
        self._version = run_version()
        self._writer = self.store.writer(self._procs, _annotator())  # fails early with IndexBusy
        self._drop_files_now_folders(paths)
        for path in files:
            self._index_file(path)
        if prune:
            self._prune()
        self._commit(reopen=False)
        if self.catalog.stories.pending():  # also when an earlier run was killed before linking
            if self.catalog.stories.link():
                self.catalog.events.mark_stale()
            crash_point("stories-linked")
            self.catalog.commit()
        if self.catalog.events.is_stale():  # also when an earlier run was killed before linking
            self.catalog.events.relink()
            crash_point("events-linked")
            self.catalog.commit()
        return self.summary

    def _index_file(self, path: str) -> None:
        self.summary.files += 1
        if path == STDIN:  # nothing to stat or hash: read each time, the content hashes decide
            self._index_records(read_records(path, self.stdin_format), None, None)
            return
        try:
            stat = os.stat(path)
        except OSError as error:
            self.summary.problems.append(Problem(path, _os_reason(error)))
            return
        known = self.catalog.file(path)
        if known and known.size == UNREAD_SIZE:
            known = None  # to be read again: a killed run left its articles half written
        if known and known.pipeline != self._version:
            known = None  # read by another version or other tables: read it again (the content hashes differ too)
            self.summary.reread += 1
        if known and known.size == stat.st_size and known.mtime_ns == stat.st_mtime_ns:
            self.summary.unchanged += self.catalog.count_for(path)
            self.progress(stat.st_size)
            return
        try:
            with open(path, "rb") as handle:
                sha = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as error:
            self.summary.problems.append(Problem(path, _os_reason(error)))
            self.progress(stat.st_size)
            return
        state = FileState(path, stat.st_size, stat.st_mtime_ns, sha, self._version)
        if known and known.sha256 == sha:
            self.summary.unchanged += self.catalog.count_for(path)
            self._pending_files.append(state)
            self.progress(stat.st_size)
            return
        self._index_records(read_records(path), state, stat.st_size)

    def _index_records(self, reader: RecordReader, state: FileState | None, size: int | None) -> None:
        """Index what ``reader`` reads, reporting progress up to ``size`` bytes.

        A file's ``state`` is recorded, and its articles that are gone dropped, only when it was read to the
        end and gave something usable: a record, nothing to complain about, or nothing but white space (an
        empty file has no articles). A file that gave nothing but problems (binary, undecodable, every record
        bad) keeps what was indexed. A bad record is reported and skipped alone. Standard input (no state)
        only adds and updates.
        """
        previous = self.catalog.hashes_for(reader.path)
        seen: set[str] = set()
        written: dict[str, str] = {}
        problems = False
        reported = 0
        for record in reader:
            if isinstance(record, Problem):
                self.summary.problems.append(record)
                problems = True
                continue
            doc_id = document_id(record.path, record.key)
            digest = content_hash(record, self._version)
            seen.add(doc_id)
            # an id met again in this file replaces what this run wrote for it (never a second copy)
            old_hash = written.get(doc_id, previous.get(doc_id))
            if old_hash == digest:
                self.summary.unchanged += 1
            else:
                self._put(prepare(record, digest), replace=old_hash is not None)
                written[doc_id] = digest
                if old_hash is None:
                    self.summary.added += 1
                else:
                    self.summary.updated += 1
            if size is not None and min(reader.bytes_read, size) - reported >= 1 << 16:
                self.progress(min(reader.bytes_read, size) - reported)
                reported = min(reader.bytes_read, size)
        if size is not None:
            self.progress(size - reported)
        if state is None or not reader.complete or (problems and not seen and not reader.empty):
            # Nothing usable (binary, undecodable…) or cut short: keep what was indexed, look again next run.
            return
        self._delete([doc_id for doc_id in previous if doc_id not in seen], reader.path)
        self._pending_files.append(state)

    def _put(self, article: Article, replace: bool) -> None:
        if article.id in self._batch_ids:  # Whoosh replaces committed documents only: commit the first copy
            self._commit()
            replace = True
        assert self._writer is not None
        if not self._warm and self._procs > 1:
            self._warm = True
            if multiprocessing.get_start_method() == "fork":  # spawned writer processes load it themselves
                from indexer.language.annotation import warm_up

                warm_up()  # before the writer forks its processes, which then inherit what it loaded
        self._writer.put(article, replace=replace)
        self._batch_ids.add(article.id)
        self._pending_paths.add(article.path)
        date = article.date.iso if article.date else None
        self._pending_rows.append(
            DocRow(
                article.id,
                article.path,
                article.key,
                article.title,
                date,
                article.source,
                article.lang,
                article.content_hash,
            )
        )
        self._written += 1
        if self._written >= BATCH_ARTICLES:
            self._commit()

    def _delete(self, doc_ids: list[str], path: str) -> None:
        if not doc_ids:
            return
        assert self._writer is not None
        self._writer.delete(doc_ids)
        self._pending_deletes.extend(doc_ids)
        self._pending_paths.add(path)
        self.summary.removed += len(doc_ids)

    def _prune(self) -> None:
        """Drop the articles of indexed files that are gone: no longer there, or a folder (or anything but a
        file) stands in their place. A file that cannot be looked at (permission denied) is not gone: it is
        reported and keeps its articles."""
        reported = {problem.path for problem in self.summary.problems}
        for state in self.catalog.files():
            try:
                mode = os.stat(state.path).st_mode
            except (FileNotFoundError, NotADirectoryError):
                mode = None
            except OSError as error:
                if state.path not in reported:  # said once a run
                    self.summary.problems.append(Problem(state.path, f"{_os_reason(error)} (its articles are kept)"))
                continue
            if mode is None or not S_ISREG(mode):
                self._drop_file(state.path)

    def _drop_files_now_folders(self, paths: Sequence[str]) -> None:
        """Drop the articles of indexed files under ``paths`` that have become folders: the folder is indexed
        as what now stands there (its files are walked), and the file is gone."""
        roots = [os.path.abspath(path) for path in paths if path != "-" and os.path.isdir(path)]
        if not roots:
            return
        for state in self.catalog.files():
            if any(_within(state.path, root) for root in roots) and os.path.isdir(state.path):
                self._drop_file(state.path)

    def _drop_file(self, path: str) -> None:
        self._delete(list(self.catalog.hashes_for(path)), path)
        self._pending_dropped.append(path)  # forgotten with the batch's rows, not before

    def _commit(self, reopen: bool = True) -> None:
        """Commit the batch: its journal in the catalogue, the index, then the catalogue's rows describing
        it (with the index's generation); ``reopen`` a writer for more. See :mod:`indexer.integrity`."""
        assert self._writer is not None
        crash_point("batch-full")
        generation = self._writer.generation
        paths = self._pending_paths | {state.path for state in self._pending_files} | set(self._pending_dropped)
        self.catalog.begin_commit(generation, [row.id for row in self._pending_rows] + self._pending_deletes, paths)
        crash_point("journal-written")
        extras = self._writer.commit()
        self._writer = None
        crash_point("index-committed")
        self.catalog.drop_docs(self._pending_deletes)
        self.catalog.put_docs(self._pending_rows)
        profiles = []
        for doc_id, extra in extras:
            findings = cast("Findings", extra)
            self.catalog.events.put_mentions(doc_id, findings.mentions)
            profiles.append(findings.profile)
        self.catalog.stories.put(profiles)
        done = {state.path for state in self._pending_files} | set(self._pending_dropped) | {STDIN}
        # a file with articles in this batch but not finished (it goes on in the next batch, or was cut
        # short) is named, to be read again: a kill before its end, then --prune, must find its articles
        self.catalog.reread(sorted(self._pending_paths - done))
        for state in self._pending_files:
            self.catalog.put_file(state)
        for path in self._pending_dropped:
            self.catalog.drop_file(path)
        self.catalog.end_commit(generation, read_toc(self.store.directory, generation))
        self.catalog.commit()
        crash_point("catalog-committed")
        self._pending_rows.clear()
        self._pending_deletes.clear()
        self._pending_files.clear()
        self._pending_paths.clear()
        self._pending_dropped.clear()
        self._batch_ids.clear()
        self._written = 0
        if reopen:
            self._writer = self.store.writer(self._procs, _annotator())


def _within(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or below it."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def index_paths(
    paths: Sequence[str],
    index_dir: str,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
    stdin_format: Format | None = None,
    repair: bool = False,
) -> IndexSummary:
    """Add or update the articles of ``paths`` in the index at ``index_dir`` (created if needed).

    ``-`` among ``paths`` reads standard input, as ``stdin_format`` or the format it looks like. What a
    killed run left half done is mended first (``summary.mending``). With ``repair``, every article is
    compared, an index that cannot be read is started again, and every input file the catalogue knows
    is read again besides ``paths``.

    Raises :class:`indexer.store.IndexBusy` when another process is writing to the index,
    :class:`indexer.store.IndexForeign` when ``index_dir`` holds other files, and
    :class:`indexer.store.IndexDamaged` when the index cannot be read (``repair`` mends it).
    """
    if workers is None:
        workers = os.cpu_count() or 1
    try:
        with writing(index_dir, repair=repair) as session:
            indexer = Indexer(session.store, session.catalog, progress, workers)
            indexer.stdin_format = stdin_format
            indexer.summary.mending = session.mending
            run_paths = list(dict.fromkeys([*paths, *session.inputs()])) if repair else list(paths)
            try:
                return indexer.run(run_paths, prune)
            finally:
                indexer.close()
    except sqlite3.OperationalError as error:
        if "full" not in str(error):
            raise
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), index_dir) from None
