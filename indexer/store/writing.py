"""Writing the index: Whoosh's multi-process writer made safe, and :class:`StoreWriter`."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from indexer.language import memo
from indexer.model import Annotations, Article
from indexer.store.analysis import NAME_PART, TextParts
from indexer.store.querylang import ENTITY_FIELDS, day_range

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


class _WriterTask(SubWriterTask):  # type: ignore[misc]
    """Whoosh's writer subprocess, made never to hold the write lock nor to outlive the indexing process.

    It is forked while the index is locked, and ``flock`` follows the open file: it closes its copy
    of the lock file at once, so the lock goes with the parent, and exits when the parent is gone.
    """

    lock_fd: int | None = None
    annotator: Annotator | None = None
    parent_pid: int | None = None
    """The indexing process, recorded before the fork: a parent killed before :meth:`run` starts
    would otherwise be taken for the process this one was handed to."""

    def run(self) -> None:
        if self.lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
        parent = self.parent_pid if self.parent_pid is not None else os.getppid()

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.2)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
        bookmarks = memo.marks()
        super().run()
        # hand what this process worked out per word back to the parent, for the next writer processes
        path = os.path.join(self.storage.folder, f"{LEARNED_PREFIX}{os.getpid()}.tmp")
        with contextlib.suppress(OSError), open(path, "wb") as handle:
            pickle.dump(memo.learned_since(bookmarks), handle, protocol=pickle.HIGHEST_PROTOCOL)

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
        storage.delete_file(filename)
        if extras:
            path = os.path.join(self.storage.folder, f"{EXTRAS_PREFIX}{os.getpid()}.tmp")
            with open(path, "ab") as out:
                pickle.dump(extras, out, protocol=pickle.HIGHEST_PROTOCOL)


class ParallelWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's multi-process writer with :class:`_WriterTask` subprocesses running ``annotator``."""

    annotator: Annotator | None = None
    extras: Extras

    def commit(self, *args: Any, **kwargs: Any) -> None:
        super().commit(*args, **kwargs)
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
        try:
            super().cancel()
        finally:
            remove_handbacks(self.storage.folder)

    def _new_task(self) -> Any:
        task = _WriterTask(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment
        )
        task.lock_fd = getattr(self.writelock, "fd", None)
        task.annotator = self.annotator
        task.parent_pid = os.getpid()
        self.tasks.append(task)
        task.start()
        return task


class StoreWriter:
    """Adds, replaces and deletes articles; nothing is visible to readers before :meth:`commit`."""

    def __init__(self, writer: Any, annotator: Annotator | None = None) -> None:
        self._writer = writer
        self._annotator = annotator
        self._extras: Extras = []

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
