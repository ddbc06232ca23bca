"""The index folder on disk: which files Warta makes there, the write lock, and the table of contents.

Whoosh finds an index by its table of contents, ``_warta_N.toc`` (N: the generation, one more at each
commit), which names the segments (``warta_<16 letters or digits>.<ext>`` files) that make it up. A
commit writes its segments, then the new table of contents under a temporary name, renamed into place:
a kill at any instant leaves the previous generation or the new one, never half of one. This module
deletes only files whose names Warta makes (Whoosh's own clean-up takes any ``warta_x.y``), and tells
a Warta index from a folder of other files.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC
from whoosh.util.filelock import FileLock

from indexer.store.analysis import INDEX_NAME
from indexer.store.results import IndexBusy

CATALOG_FILE = "catalog.sqlite"
"""The catalogue's file (``indexer.catalog.articles.CATALOG_NAME``): named here to tell a Warta folder."""
LOCK_FILE = f"{INDEX_NAME}_WRITELOCK"
TEMP_FOLDER = f"{INDEX_NAME}.tmp"
"""Whoosh's scratch folder for a writer's job lists and sort runs."""

TOC_FILE = re.compile(rf"^_{INDEX_NAME}_(\d+)\.toc$")
TOC_TEMP = re.compile(rf"^_{INDEX_NAME}_\d+\.toc\.\d+(?:\.\d+)?$")
"""A table of contents written under its temporary name (Whoosh's: the name, a dot and the time)."""
SEGMENT_FILE = re.compile(rf"^({INDEX_NAME}_[0-9a-z]{{16}})\.(?:trm|pst|vps|seg|vcb|[A-Za-z0-9_]+\.col)$")
"""A segment's files, its word list (``.vcb``, :mod:`indexer.store.vocabulary`) among them."""
VOCABULARY_FILE = re.compile(rf"^{INDEX_NAME}(?:-vocab-[0-9a-z]+|_[0-9a-z]{{16}})\.vcb(?:\.\d+\.tmp)?$")
"""Word lists (a cache): the merged ones of a set of segments, a segment's, or one being written."""
HANDBACK_FILE = re.compile(r"^(?:extras|learned)-\d+\.tmp$")
"""Files in which writer processes hand back what they learned (:mod:`indexer.store.writing`)."""
CATALOG_FILES = re.compile(rf"^{re.escape(CATALOG_FILE)}(?:-journal|-wal|-shm)?$")

FolderKind = Literal["new", "index", "foreign"]


def warta_made(name: str) -> bool:
    """Whether a file of that name in an index folder is one Warta (or Whoosh for it) makes."""
    return bool(
        name in (LOCK_FILE, TEMP_FOLDER)
        or TOC_FILE.match(name)
        or TOC_TEMP.match(name)
        or SEGMENT_FILE.match(name)
        or VOCABULARY_FILE.match(name)
        or HANDBACK_FILE.match(name)
        or CATALOG_FILES.match(name)
    )


def _is_warta_catalogue(path: str) -> bool:
    """Whether ``path`` is a SQLite file with the tables of a Warta catalogue (read only, never changed)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return False
    try:
        columns = {row[1] for row in db.execute("PRAGMA table_info(docs)")}
        files = {row[1] for row in db.execute("PRAGMA table_info(files)")}
    except sqlite3.Error:
        return False
    finally:
        db.close()
    return {"id", "path", "key", "hash"} <= columns and {"path", "sha256"} <= files


def folder_kind(directory: str) -> FolderKind:
    """``new`` (missing or empty), ``index`` (Warta's, maybe damaged) or ``foreign`` (other files)."""
    try:
        names = os.listdir(directory)
    except FileNotFoundError:
        return "new"
    except NotADirectoryError:
        return "foreign"
    if not names:
        return "new"
    if any(TOC_FILE.match(name) for name in names):
        return "index"
    if CATALOG_FILE in names and not _is_warta_catalogue(os.path.join(directory, CATALOG_FILE)):
        return "foreign"
    return "index" if all(warta_made(name) for name in names) else "foreign"


class WriteLock:
    """The index's write lock (``warta_WRITELOCK``, ``flock``): one writing process at a time.

    Held for a whole indexing run, so that mending, every batch and the linking that follows are one
    writer's; the Whoosh writers opened meanwhile do not lock again.
    """

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self._lock: Any = None

    @property
    def fd(self) -> int | None:
        """The lock file's descriptor (a forked process closes its copy, so the lock goes with its owner)."""
        return None if self._lock is None else self._lock.fd

    def acquire(self) -> WriteLock:
        """Take the lock, or raise :class:`IndexBusy`."""
        lock = FileLock(os.path.join(self.directory, LOCK_FILE))
        if not lock.acquire(blocking=False):
            raise IndexBusy(f"index is busy: another process is writing to {self.directory}")
        self._lock = lock
        return self

    def release(self) -> None:
        """Let the lock go (again: nothing)."""
        if self._lock is not None:
            with contextlib.suppress(Exception):
                self._lock.release()
            self._lock = None

    def __enter__(self) -> WriteLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@dataclass(frozen=True, slots=True)
class TocState:
    """The newest table of contents of a folder."""

    generation: int
    """-1: there is none."""
    problem: str | None = None
    """Why it cannot be read; None when it reads."""
    segments: tuple[str, ...] = ()
    """Ids of the segments it names (``warta_xxxx``)."""
    readable: bool = False
    """Whether the table of contents itself reads (its segments may still be missing)."""


def toc_state(directory: str) -> TocState:
    """Read the newest table of contents of ``directory`` without opening the index."""
    try:
        names = os.listdir(directory)
    except OSError:
        return TocState(-1)
    generations = [int(m.group(1)) for m in map(TOC_FILE.match, names) if m]
    if not generations:
        return TocState(-1)
    generation = max(generations)
    name = toc_name(generation)
    try:
        toc = TOC.read(FileStorage(directory), INDEX_NAME, generation)
    except Exception as error:  # any failure to read it means it is damaged
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:120]
        return TocState(generation, f"its table of contents {name} cannot be read ({detail})")
    segments = tuple(segment.segment_id() for segment in toc.segments)
    present = set(names)
    missing = sorted(
        segment.segment_id()
        for segment in toc.segments
        if not all(f"{segment.segment_id()}{ext}" in present for ext in _REQUIRED[segment.is_compound()])
    )
    if missing:
        return TocState(generation, f"{len(missing)} of its segments are missing ({missing[0]}…)", segments, True)
    return TocState(generation, None, segments, True)


_REQUIRED = {False: (".trm", ".pst"), True: (".seg",)}
"""Files every segment has (separate files, or one compound file): the term dictionary and the postings."""


def toc_name(generation: int) -> str:
    """File name of the table of contents of ``generation``."""
    return f"_{INDEX_NAME}_{generation}.toc"


def read_toc(directory: str, generation: int) -> bytes:
    """The bytes of the table of contents of ``generation`` (kept by the catalogue, to restore it)."""
    with open(os.path.join(directory, toc_name(generation)), "rb") as handle:
        return handle.read()


def restore_toc(directory: str, generation: int, data: bytes) -> bool:
    """Put back the table of contents ``data`` of ``generation`` when the folder's newest is lost or
    damaged; keep it only if it reads and names no missing segment. Returns whether it was kept."""
    for name in os.listdir(directory):
        match = TOC_FILE.match(name)
        if match and int(match.group(1)) >= generation:
            os.remove(os.path.join(directory, name))  # the damaged newest one (or a copy of it)
    target = os.path.join(directory, toc_name(generation))
    temporary = f"{target}.restoring"
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    if toc_state(directory).problem is None:
        return True
    os.remove(target)
    return False


def remove_damaged_tocs(directory: str) -> None:
    """Delete the tables of contents of the folder (for an index rebuilt from nothing)."""
    for name in os.listdir(directory):
        if TOC_FILE.match(name):
            os.remove(os.path.join(directory, name))


def remove_leftovers(directory: str, keep: Iterable[str]) -> int:
    """Delete what writers killed or failed left behind (the lock must be held): Whoosh's scratch
    folder, hand-back files, temporary tables of contents, the files of segments no table of contents
    names (``keep``: the segment ids of the current one) and older tables of contents. Returns the bytes freed."""
    kept = set(keep)
    state = toc_state(directory)
    freed = 0
    for name in os.listdir(directory):
        path = os.path.join(directory, name)
        toc = TOC_FILE.match(name)
        segment = SEGMENT_FILE.match(name)
        stale = (
            HANDBACK_FILE.match(name)
            or TOC_TEMP.match(name)
            or (name.startswith(f"_{INDEX_NAME}_") and name.endswith(".toc.restoring"))
            or (toc is not None and int(toc.group(1)) < state.generation)
            or (segment is not None and segment.group(1) not in kept)
        )
        if name == TEMP_FOLDER and os.path.isdir(path):
            freed += _size(path)
            shutil.rmtree(path, ignore_errors=True)
        elif stale:
            with contextlib.suppress(OSError):
                freed += os.path.getsize(path)
                os.remove(path)
    return freed


def _size(folder: str) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.path.getsize(os.path.join(root, name))
    return total


def clean_segments(directory: str, generation: int, segments: Iterable[Any]) -> None:
    """Whoosh's ``clean_files`` after a commit, for the files Warta makes only: older tables of contents
    and the files of segments the new one does not name."""
    keep = {segment.segment_id() for segment in segments}
    for name in os.listdir(directory):
        toc = TOC_FILE.match(name)
        segment = SEGMENT_FILE.match(name)
        if (toc is not None and int(toc.group(1)) != generation) or (
            segment is not None and segment.group(1) not in keep
        ):
            with contextlib.suppress(OSError):  # a reader may hold it open (Windows)
                os.remove(os.path.join(directory, name))
