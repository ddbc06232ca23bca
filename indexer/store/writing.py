"""Writing the index: Whoosh's multi-process writer made safe, and :class:`StoreWriter`."""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import pickle
import queue
import shutil
import signal
import sys
import threading
import traceback
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from whoosh.index import TOC
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import SegmentWriter

from indexer.faults import crash_point
from indexer.language import memo
from indexer.model import Annotations, Article
from indexer.store.analysis import NAME_PART, TextParts
from indexer.store.folder import TEMP_FOLDER, clean_segments
from indexer.store.querylang import ENTITY_FIELDS, day_range
from indexer.store.results import WriterFailed

LEARNED_PREFIX = "learned-"
"""Files in which writer subprocesses hand back the new entries of their word caches (:mod:`indexer.language.memo`)."""
EXTRAS_PREFIX = "extras-"
"""Files in which writer subprocesses hand back what the annotator found besides entities."""
WRITER_BATCH = 256
"""Articles handed to a writer subprocess at a time."""
POOL_MB = 512
"""Whoosh's estimate of the postings a writer process may hold in memory before it sorts them out to a
temporary run file, to be merged again at commit. One batch of the pipeline (10,000 articles) stays
under it, so nothing is spilled: with 128 MB, a 10,000-article batch on two processes spilled four
runs and cost 21 % more writer CPU. It is a ceiling, not an allocation: the postings held are those of
the articles of one batch, however many processes share it (about 430 MiB resident per process at
5,000 articles each)."""
TO_ANNOTATE = "_article"
"""Key of the article an annotator is to read, in a document sent to a writer subprocess."""

Annotator = Callable[[Article], Annotations]
"""Finds the entities (and more) of an article; runs where the article is analysed (a writer subprocess)."""
Extras = list[tuple[str, object]]
"""``(article id, Annotations.extra)`` of the articles written, for the indexing process."""

_FIELD_OF_TYPE = {kind: field for field, kind in ENTITY_FIELDS.items()}


def annotation_fields(annotations: Annotations) -> dict[str, Any]:
    """Index fields of an article's entities.

    ``person``/``org``/``loc``/``misc`` hold the canonical names, one a line, for ``loc:Belarus``;
    ``names`` one term per canonical name and one per way of writing it, whose document counts
    ``warta entities`` lists; ``entities`` stores the text's entities for display.
    """
    by_field: dict[str, set[str]] = {field: set() for field in ENTITY_FIELDS}
    names: set[str] = set()
    for entity in annotations.entities + annotations.title_entities:
        field = _FIELD_OF_TYPE.get(entity.type)
        if field is None or not entity.canonical:
            continue
        canonical = " ".join(entity.canonical.split())
        by_field[field].add(canonical)
        names.add(f"{entity.type}{NAME_PART}{canonical}")
        names.add(f"{entity.type}{NAME_PART}{canonical}{NAME_PART}{' '.join(entity.text.split())}")
    found: dict[str, Any] = {field: "\n".join(sorted(values)) for field, values in by_field.items() if values}
    found["names"] = "\n".join(sorted(names))
    found["entities"] = tuple((e.start, e.end, e.type, e.canonical) for e in annotations.entities)
    return found


def _annotate(fields: dict[str, Any], annotator: Annotator, extras: Extras) -> None:
    """Replace the article to annotate in ``fields`` by its entity fields; keep its extra."""
    article = fields.pop(TO_ANNOTATE)
    annotations = annotator(article)
    fields.update(annotation_fields(annotations))
    if annotations.extra is not None:
        extras.append((article.id, annotations.extra))


def remove_handbacks(folder: str) -> None:
    """Delete hand-back files a cancelled or killed writer left behind."""
    for name in os.listdir(folder):
        if name.startswith((EXTRAS_PREFIX, LEARNED_PREFIX)) and name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                os.remove(os.path.join(folder, name))


class _RenameHook:
    """A storage that passes the crash point ``toc-temp-written`` before it renames a file: the new table
    of contents is then written under its temporary name."""

    def __init__(self, storage: Any) -> None:
        self._storage = storage

    def __getattr__(self, name: str) -> Any:
        return getattr(self._storage, name)

    def rename_file(self, *args: Any, **kwargs: Any) -> Any:
        crash_point("toc-temp-written")
        return self._storage.rename_file(*args, **kwargs)


def _write_toc(writer: Any, segments: Any) -> None:
    """Whoosh's end of a commit, with crash points, deleting only the files Warta makes
    (:func:`indexer.store.folder.clean_segments`)."""
    crash_point("toc-before")
    TOC(writer.schema, segments, writer.generation).write(_RenameHook(writer.storage), writer.indexname)
    crash_point("toc-written")
    clean_segments(writer.storage.folder, writer.generation, segments)


def _merge_postings(writer: Any, reader: Any, startdoc: int, docmap: Any) -> None:
    """Whoosh's ``add_postings_to_pool`` (merging a segment), for segments of :class:`InliningCodec`: the
    postings inlined in the term dictionary read back with ``""`` for no value, which Whoosh's pool
    refuses (``AssertionError: vbytes=''``, after five small commits); no value is ``None`` there."""
    add = writer.pool.add
    for fieldname, text, docnum, weight, value in writer._process_posts(reader.iter_postings(), startdoc, docmap):
        add((fieldname, text, docnum, weight, None if value == "" else value))


class SafeSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's one-process writer, committing through :func:`_write_toc`, merging inlined postings."""

    def _commit_toc(self, segments: Any) -> None:
        _write_toc(self, segments)

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        _merge_postings(self, reader, startdoc, docmap)


def _without_interrupts() -> None:
    """In a writer process: ignore Ctrl-C (the indexing process gets it too, and stops its writers), then
    let signals through again (the indexing process blocked SIGINT while it started this one)."""
    with contextlib.suppress(ValueError):  # not the main thread: nothing to ignore it in
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@dataclasses.dataclass(frozen=True, slots=True)
class _Failure:
    """What a writer subprocess puts on the result queue, instead of its segment, when it raised."""

    pid: int
    error: str
    trace: str


def _forget_parent_threads() -> None:
    """Drop the thread pools' threads a forked process inherits the records of but not the threads: at
    exit, Python would join them, and fail with exit code 1 (gh-88110, fixed after 3.11) when the
    indexing process ran in a pool's thread, as in the browser."""
    pools = sys.modules.get("concurrent.futures.thread")
    threads = getattr(pools, "_threads_queues", None)
    if threads is not None:
        threads.clear()


def _exit_with(parent: Any) -> None:
    """Exit once ``parent``, the indexing process, is gone: its sentinel tells under every start
    method (under forkserver, ``os.getppid()`` is the fork server's pid)."""
    parent.join()
    os._exit(1)


class _WriterTask(SubWriterTask):  # type: ignore[misc]
    """Whoosh's writer subprocess, made never to hold the write lock nor to outlive the indexing process,
    and to report what it raised instead of dying with a traceback on stderr.

    Forked, it inherits the lock file while the index is locked, and ``flock`` follows the open file:
    it closes its copy at once (``lock_fd``, set only when forked: a spawned process has no copy, and
    the number may be another file's there), so the lock goes with the parent.
    """

    lock_fd: int | None = None
    annotator: Annotator | None = None

    def run(self) -> None:
        _without_interrupts()
        if self.lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
        _forget_parent_threads()
        parent = multiprocessing.parent_process()
        if parent is not None:
            threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
        try:
            bookmarks = memo.marks()
            result = self._write_segment()
            # hand what this process worked out per word back to the parent, for the next writer processes
            path = os.path.join(self.storage.folder, f"{LEARNED_PREFIX}{os.getpid()}.tmp")
            with contextlib.suppress(OSError), open(path, "wb") as handle:
                pickle.dump(memo.learned_since(bookmarks), handle, protocol=pickle.HIGHEST_PROTOCOL)
            self.resultqueue.put(result, timeout=5)
        except BaseException as error:  # whatever it is, the parent reports it, in one line
            message = " ".join(f"{type(error).__name__}: {error}".split())
            # kept short: the parent reads the queue only once this process has ended
            self.resultqueue.put(_Failure(os.getpid(), message[:300], traceback.format_exc()[-8000:]))
            raise SystemExit(1) from None  # the parent fails the commit; no traceback here

    def _write_segment(self) -> tuple[None, Any, Any]:
        """Whoosh's loop (``SubWriterTask.run``, one segment per process): every job into the segment."""
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = SegmentWriter(ix, _lk=False, **self.kwargs)
        while True:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        crash_point("worker-segment-written")
        return None, fieldnames, segment

    def _process_file(self, filename: str, doc_count: int) -> None:
        """Whoosh's loop over a job file, annotating each article first; extras go to a hand-back file.

        The file is appended to after each job, before the parent can ask for the segment, so the
        parent finds every extra once the commit returns.
        """
        writer = self.writer
        storage = writer.temp_storage()
        extras: Extras = []
        with storage.open_file(filename).raw_file() as handle:
            for _ in range(doc_count):
                code, fields = pickle.load(handle)
                assert code == 0
                if self.annotator is not None and TO_ANNOTATE in fields:
                    _annotate(fields, self.annotator, extras)
                writer.add_document(**fields)
                crash_point("worker-document")
        storage.delete_file(filename)
        if extras:
            path = os.path.join(self.storage.folder, f"{EXTRAS_PREFIX}{os.getpid()}.tmp")
            with open(path, "ab") as out:
                pickle.dump(extras, out, protocol=pickle.HIGHEST_PROTOCOL)


def _failed(pid: int | None, reason: str) -> WriterFailed:
    who = "a writer process" if pid is None else f"writer process {pid}"
    return WriterFailed(f"indexing failed: {who} {reason}; this batch was not stored (the index keeps what it had)")


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"was killed by {signal.Signals(-code).name}"
    return f"exited with code {code}"


class ParallelWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's multi-process writer with :class:`_WriterTask` subprocesses running ``annotator``, under
    any start method; its commit fails with :class:`WriterFailed`, writing nothing, when one of them
    died or raised (Whoosh's would commit without that process's segment)."""

    annotator: Annotator | None = None
    lock_fd: int | None = None
    """Descriptor of the write lock the indexing run holds (``_lk=False``), which forked processes close."""
    extras: Extras
    docbuffer: list[tuple[int, dict[str, Any]]]
    _toc_begun = False
    """Whether the commit began writing the new generation, after which :meth:`cancel` deletes no file."""

    def commit(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().commit(*args, **kwargs)
        except BaseException:
            self.cancel()
            raise
        folder = self.storage.folder
        self.extras = []
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if name.startswith(LEARNED_PREFIX):
                with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError):
                    with open(path, "rb") as handle:
                        memo.learn(pickle.load(handle))
                    os.remove(path)
            elif name.startswith(EXTRAS_PREFIX):
                with open(path, "rb") as handle:
                    while True:
                        try:
                            self.extras.extend(pickle.load(handle))
                        except EOFError:
                            break
                os.remove(path)

    def cancel(self) -> None:
        """Stop the writer subprocesses still running and delete what was written (again: a no-op).

        Never fails: on a full disk, closing the segment's files fails too, and the scratch folder
        (``warta.tmp``) must still go, or it keeps the space the next run needs."""
        try:
            for task in self.tasks:
                with contextlib.suppress(Exception):
                    if task.is_alive():
                        task.terminate()
                    task.join()
            if not self.is_closed:
                with contextlib.suppress(Exception):
                    self._close_segment()
                if not self._toc_begun:  # files of segments no commit took, while the lock keeps writers out
                    with contextlib.suppress(OSError):
                        clean_segments(self.storage.folder, self.generation - 1, self.segments)
                self._cleanup_on_error()  # Whoosh's best-effort end: scratch folder, lock
        finally:
            with contextlib.suppress(OSError):
                remove_handbacks(self.storage.folder)
            shutil.rmtree(os.path.join(self.storage.folder, TEMP_FOLDER), ignore_errors=True)

    def _new_task(self) -> Any:
        task = _WriterTask(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment
        )
        if multiprocessing.get_start_method() == "fork":  # the method ``task.start`` uses
            task.lock_fd = self.lock_fd if self.lock_fd is not None else getattr(self.writelock, "fd", None)
        task.annotator = self.annotator
        self.tasks.append(task)
        # Ctrl-C waits until the process has set itself to ignore it (a traceback from its start otherwise)
        blocked = hasattr(signal, "pthread_sigmask")
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if blocked else set()
        try:
            task.start()
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        return task

    def add_reader(self, reader: Any) -> None:
        """Whoosh's: a small segment merged into this writer's (the merge policy calls it)."""
        super().add_reader(reader)
        crash_point("merge-segment")

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        _merge_postings(self, reader, startdoc, docmap)

    def _put_job(self, job: Any) -> None:
        """Put ``job`` on the job queue; fail rather than wait forever for a dead process to take it."""
        while True:
            try:
                self.jobqueue.put(job, timeout=0.5)
                return
            except queue.Full:
                for task in self.tasks:
                    if task.exitcode:
                        raise _failed(task.pid, _exit_reason(task.exitcode)) from None

    def _enqueue(self) -> None:
        """Whoosh's, with :meth:`_put_job`: the buffered documents to a job file, its name to the queue."""
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as handle:
            for item in self.docbuffer:
                pickle.dump(item, handle, 2)
        if len(self.tasks) < self.procs:
            self._new_task()
        self._put_job((filename, len(self.docbuffer)))
        self.docbuffer = []

    def _results(self) -> list[Any]:
        """Each writer process's ``(run name, field names, segment)``, once all have ended.

        Raises :class:`WriterFailed` when one raised, died or gave nothing back."""
        for task in self.tasks:
            task.join()
        received: list[Any] = []
        with contextlib.suppress(queue.Empty):
            while len(received) < 2 * len(self.tasks):
                received.append(self.resultqueue.get_nowait())  # all ended: what they put is in the pipe
        for item in received:
            if isinstance(item, _Failure):
                error = _failed(item.pid, f"raised {item.error}")
                error.add_note(f"in the writer process:\n{item.trace}")
                raise error
        for task in self.tasks:
            if task.exitcode != 0:
                raise _failed(task.pid, _exit_reason(task.exitcode))
        if len(received) != len(self.tasks):
            raise _failed(None, "gave back no segment")
        return received

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        """Whoosh's parallel commit, with the results checked by :meth:`_results` before anything is written."""
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self._put_job(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results = self._results()
        if self.multisegment:
            finalsegments += [segment for _, _, segment in results]
            if self._added:
                finalsegments.append(self._finalize_segment())
            else:
                self._close_segment()
        else:
            self._merge_subsegments(results, mergetype)
            self._close_segment()
            self._assemble_segment()
            finalsegments.append(self.get_segment())
        self._commit_toc(finalsegments)
        self._finish()

    def _commit_toc(self, segments: Any) -> None:
        self._toc_begun = True
        _write_toc(self, segments)


class StoreWriter:
    """Adds, replaces and deletes articles; nothing is visible to readers before :meth:`commit`."""

    def __init__(self, writer: Any, annotator: Annotator | None = None) -> None:
        self._writer = writer
        self._annotator = annotator
        self._extras: Extras = []

    @property
    def generation(self) -> int:
        """The generation of the index that :meth:`commit` will write (one more than the current one)."""
        return int(self._writer.generation)

    def put(self, article: Article, replace: bool = True) -> None:
        """Add an article, or replace the one with its id (``replace=False`` for ids known to be new)."""
        span = day_range(article.date.iso) if article.date else None
        write = self._writer.update_document if replace else self._writer.add_document
        fields: dict[str, Any] = dict(
            id=article.id,
            path=article.path,
            key=article.key,
            title=TextParts((article.title,)),
            _stored_title=article.title,
            text=TextParts((article.title, article.text)),
            _stored_text=article.text,
            source=article.source or "",
            lang=article.lang,
            date=article.date.iso if article.date else None,
            precision=article.date.precision if article.date else None,
            day=span[0] if span else 0,
            url=article.url,
            raw=zlib.compress(article.raw.encode("utf-8", "surrogatepass"), 3),
            hash=article.content_hash,
        )
        if self._annotator is not None:
            if isinstance(self._writer, ParallelWriter):
                fields[TO_ANNOTATE] = dataclasses.replace(article, raw="")  # annotated in the writer subprocess
            else:
                fields[TO_ANNOTATE] = article
                _annotate(fields, self._annotator, self._extras)
        write(**fields)

    def delete(self, doc_ids: Sequence[str]) -> None:
        """Remove articles by id."""
        for doc_id in doc_ids:
            self._writer.delete_by_term("id", doc_id)

    def commit(self) -> Extras:
        """Make everything written so far durable and visible; return the annotator's extras."""
        self._writer.commit()
        extras = self._extras + getattr(self._writer, "extras", [])
        self._extras = []
        return extras

    def cancel(self) -> None:
        """Drop everything written since the writer was opened."""
        self._extras = []
        self._writer.cancel()
