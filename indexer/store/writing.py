"""Writing the index: Whoosh's multi-process writer made safe, and :class:`StoreWriter`."""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
import time
import zlib
from collections.abc import Sequence
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from indexer.model import Article
from indexer.querylang import day_range
from indexer.store.analysis import STEMMER, TextParts

STEMS_PREFIX = "stems-"
"""Files in which writer subprocesses hand their new stems back."""
WRITER_BATCH = 256
"""Articles handed to a writer subprocess at a time."""


class _WriterTask(SubWriterTask):  # type: ignore[misc]
    """Whoosh's writer subprocess, made never to hold the write lock nor to outlive the indexing process.

    It is forked while the index is locked, and ``flock`` follows the open file: it closes its copy
    of the lock file at once, so the lock goes with the parent, and exits when the parent is gone.
    """

    lock_fd: int | None = None

    def run(self) -> None:
        if self.lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
        parent = os.getppid()

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.2)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
        mark = STEMMER.mark()
        super().run()
        # hand the words this process stemmed back to the parent, for the next writer processes
        path = os.path.join(self.storage.folder, f"{STEMS_PREFIX}{os.getpid()}.tmp")
        with contextlib.suppress(OSError), open(path, "wb") as handle:
            pickle.dump(STEMMER.learned_since(mark), handle, protocol=pickle.HIGHEST_PROTOCOL)


class ParallelWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's multi-process writer with :class:`_WriterTask` subprocesses."""

    def commit(self, *args: Any, **kwargs: Any) -> None:
        super().commit(*args, **kwargs)
        folder = self.storage.folder
        for name in os.listdir(folder):
            if name.startswith(STEMS_PREFIX):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError):
                    with open(path, "rb") as handle:
                        STEMMER.learn(pickle.load(handle))
                    os.remove(path)

    def _new_task(self) -> Any:
        task = _WriterTask(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment
        )
        task.lock_fd = getattr(self.writelock, "fd", None)
        self.tasks.append(task)
        task.start()
        return task


class StoreWriter:
    """Adds, replaces and deletes articles; nothing is visible to readers before :meth:`commit`."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def put(self, article: Article, replace: bool = True) -> None:
        """Add an article, or replace the one with its id (``replace=False`` for ids known to be new)."""
        span = day_range(article.date.iso) if article.date else None
        write = self._writer.update_document if replace else self._writer.add_document
        write(
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

    def delete(self, doc_ids: Sequence[str]) -> None:
        """Remove articles by id."""
        for doc_id in doc_ids:
            self._writer.delete_by_term("id", doc_id)

    def commit(self) -> None:
        """Make everything written so far durable and visible."""
        self._writer.commit()

    def cancel(self) -> None:
        """Drop everything written since the writer was opened."""
        self._writer.cancel()
