"""The catalogue beside the Whoosh index: which files were read, and a row per article.

It makes re-indexing incremental (file size, time and hash; article content hashes) and lists
articles without touching the full-text index. SQLite keeps it consistent after a crash. Each batch
is written in three steps: the catalogue's journal names the batch's articles and the generation the
index is about to commit; the index commits; the catalogue commits the batch's rows with that
generation and clears the journal. Whatever instant a run is killed at, the next one finds out from
the journal and the generations which articles may disagree, and mends them first
(:mod:`indexer.integrity`; docs/crash-safety.md).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from indexer.catalog.events import EventTables
from indexer.catalog.stories import StoryTables

CATALOG_NAME = "catalog.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS docs (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, key TEXT NOT NULL, title TEXT NOT NULL,
    date TEXT, source TEXT, lang TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_path ON docs(path);
CREATE TABLE IF NOT EXISTS index_state (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS journal (kind TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, value)) WITHOUT ROWID;
"""
_FILE_COLUMNS = "path, size, mtime_ns, sha256, pipeline"

STALE = ""
"""Content hash of a row rebuilt from the index after a crash: the next run that reads its file writes
the article again (and finds its events); until then it is listed and found like any other."""
UNREAD_SIZE = -1
"""File size recorded for a file whose articles are to be read again by the next run that is given it."""


@dataclass(frozen=True, slots=True)
class Journal:
    """What a commit under way is about: left behind by a run killed before it finished."""

    generation: int
    """Generation of the index the commit was to write."""
    ids: frozenset[str]
    """Articles it adds, replaces or deletes."""
    paths: frozenset[str]
    """Input files whose articles or state it writes."""


@dataclass(frozen=True, slots=True)
class FileState:
    """What was known of an input file when it was last indexed."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    pipeline: str = ""
    """Version of the pipeline that indexed it: another version reads the file again."""


@dataclass(frozen=True, slots=True)
class DocRow:
    """An article's catalogue row."""

    id: str
    path: str
    key: str
    title: str
    date: str | None
    source: str | None
    lang: str
    hash: str


class Catalog:
    """SQLite file ``catalog.sqlite`` in the index directory."""

    def __init__(self, path: str) -> None:
        self._db = sqlite3.connect(path, timeout=5.0)
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(files)")}
        if "pipeline" not in columns:  # a catalogue of an earlier version
            self._db.execute("ALTER TABLE files ADD COLUMN pipeline TEXT NOT NULL DEFAULT ''")
        self.stories = StoryTables(self._db)
        """The articles' story profiles and which articles report the same event."""
        self.events = EventTables(self._db, self.stories)
        """The event mentions of the articles and the events linked from them."""
        self._db.commit()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def file(self, path: str) -> FileState | None:
        """The recorded state of ``path``, if it was indexed."""
        row = self._db.execute(f"SELECT {_FILE_COLUMNS} FROM files WHERE path = ?", (path,)).fetchone()
        return FileState(*row) if row else None

    def files(self) -> list[FileState]:
        """Every indexed file."""
        return [FileState(*row) for row in self._db.execute(f"SELECT {_FILE_COLUMNS} FROM files")]

    def put_file(self, state: FileState) -> None:
        """Record a file's state (committed with :meth:`commit`)."""
        self._db.execute(
            f"INSERT OR REPLACE INTO files ({_FILE_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            (state.path, state.size, state.mtime_ns, state.sha256, state.pipeline),
        )

    def drop_file(self, path: str) -> None:
        """Forget a file and its articles."""
        self._db.execute("DELETE FROM files WHERE path = ?", (path,))
        self._db.execute("DELETE FROM docs WHERE path = ?", (path,))

    def hashes_for(self, path: str) -> dict[str, str]:
        """Article id → content hash of the articles read from ``path``."""
        return dict(self._db.execute("SELECT id, hash FROM docs WHERE path = ?", (path,)).fetchall())

    def count_for(self, path: str) -> int:
        """Number of articles read from ``path``."""
        return int(self._db.execute("SELECT COUNT(*) FROM docs WHERE path = ?", (path,)).fetchone()[0])

    def put_docs(self, rows: Iterable[DocRow]) -> None:
        """Add or replace article rows."""
        self._db.executemany(
            "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((r.id, r.path, r.key, r.title, r.date, r.source, r.lang, r.hash) for r in rows),
        )

    def drop_docs(self, ids: Sequence[str]) -> None:
        """Remove article rows."""
        self._db.executemany("DELETE FROM docs WHERE id = ?", ((i,) for i in ids))
        self.events.drop(ids)
        self.stories.drop(ids)

    def commit(self) -> None:
        """Make the changes durable."""
        self._db.commit()

    def rollback(self) -> None:
        """Drop the changes not committed."""
        self._db.rollback()

    # the commit protocol with the index -----------------------------------------------------------

    def generation(self) -> int | None:
        """Generation of the index the catalogue was last committed with (None: not recorded, an older catalogue)."""
        row = self._db.execute("SELECT value FROM index_state WHERE key = 'generation'").fetchone()
        return None if row is None else int(row[0])

    def toc_copy(self) -> tuple[int, bytes] | None:
        """The generation and bytes of the index's table of contents at the last commit."""
        rows = dict(self._db.execute("SELECT key, value FROM index_state WHERE key IN ('generation', 'toc')"))
        if "generation" not in rows or not rows.get("toc"):
            return None
        return int(rows["generation"]), bytes(rows["toc"])

    def begin_commit(self, generation: int, ids: Iterable[str], paths: Iterable[str]) -> None:
        """Write and commit the journal of an index commit about to make ``generation`` (nothing else of
        the catalogue is to be pending: it is committed with it)."""
        db = self._db
        db.execute("DELETE FROM journal")
        db.execute("INSERT OR REPLACE INTO index_state VALUES ('journal', ?)", (generation,))
        db.executemany("INSERT OR IGNORE INTO journal VALUES ('id', ?)", ((i,) for i in ids))
        db.executemany("INSERT OR IGNORE INTO journal VALUES ('path', ?)", ((p,) for p in paths))
        db.commit()

    def journal(self) -> Journal | None:
        """The journal of a commit that did not finish, if any."""
        row = self._db.execute("SELECT value FROM index_state WHERE key = 'journal'").fetchone()
        if row is None:
            return None
        values: dict[str, set[str]] = {"id": set(), "path": set()}
        for kind, value in self._db.execute("SELECT kind, value FROM journal"):
            values.setdefault(kind, set()).add(value)
        return Journal(int(row[0]), frozenset(values["id"]), frozenset(values["path"]))

    def end_commit(self, generation: int, toc: bytes | None) -> None:
        """Record that the catalogue describes the index of ``generation`` (whose table of contents is
        ``toc``) and clear the journal; committed by the caller, with the rows of the batch."""
        db = self._db
        db.execute("INSERT OR REPLACE INTO index_state VALUES ('generation', ?)", (generation,))
        if toc is not None:
            db.execute("INSERT OR REPLACE INTO index_state VALUES ('toc', ?)", (toc,))
        db.execute("DELETE FROM index_state WHERE key = 'journal'")
        db.execute("DELETE FROM journal")

    def ids(self) -> set[str]:
        """Every article id."""
        return {row[0] for row in self._db.execute("SELECT id FROM docs")}

    def rows(self, ids: Iterable[str]) -> dict[str, DocRow]:
        """The rows of ``ids`` that the catalogue holds."""
        found: dict[str, DocRow] = {}
        wanted = list(dict.fromkeys(ids))
        for offset in range(0, len(wanted), 500):
            part = wanted[offset : offset + 500]
            marks = ",".join("?" * len(part))
            query = f"SELECT id, path, key, title, date, source, lang, hash FROM docs WHERE id IN ({marks})"
            found.update((row[0], DocRow(*row)) for row in self._db.execute(query, part))
        return found

    def stale_count(self) -> int:
        """Articles rebuilt from the index, waiting for their file to be read again."""
        return int(self._db.execute("SELECT COUNT(*) FROM docs WHERE hash = ?", (STALE,)).fetchone()[0])

    def stale_paths(self) -> list[str]:
        """Paths of the articles rebuilt from the index."""
        return [row[0] for row in self._db.execute("SELECT DISTINCT path FROM docs WHERE hash = ?", (STALE,))]

    def reread(self, paths: Iterable[str]) -> None:
        """Have the next run that is given these files read them again (their path is kept, for
        ``warta index --repair``)."""
        for path in paths:
            updated = self._db.execute(
                "UPDATE files SET size = ?, sha256 = '' WHERE path = ?", (UNREAD_SIZE, path)
            ).rowcount
            if not updated:
                self._db.execute(f"INSERT INTO files ({_FILE_COLUMNS}) VALUES (?, ?, 0, '', '')", (path, UNREAD_SIZE))

    def docs(self, offset: int = 0, limit: int | None = None) -> Iterator[DocRow]:
        """Articles ``offset`` to ``offset + limit`` (all by default), newest first, undated last."""
        query = (
            "SELECT id, path, key, title, date, source, lang, hash FROM docs ORDER BY date IS NULL, date DESC, title"
            " LIMIT ? OFFSET ?"
        )
        for row in self._db.execute(query, (-1 if limit is None else limit, offset)):
            yield DocRow(*row)

    def titles(self, ids: Sequence[str]) -> dict[str, str]:
        """Titles of the articles ``ids`` (those still in the catalogue)."""
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(ids))
        for offset in range(0, len(wanted), 500):
            part = wanted[offset : offset + 500]
            marks = ",".join("?" * len(part))
            found.update(self._db.execute(f"SELECT id, title FROM docs WHERE id IN ({marks})", part).fetchall())
        return found

    def resolve(self, prefix: str) -> list[str]:
        """Ids starting with ``prefix`` (at most two: enough to tell unique from ambiguous)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._db.execute("SELECT id FROM docs WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",))
        return [row[0] for row in rows]

    def doc_count(self) -> int:
        """Number of articles."""
        return int(self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])


def open_catalog(index_dir: str) -> Catalog:
    """The catalogue of the index in ``index_dir``."""
    return Catalog(os.path.join(index_dir, CATALOG_NAME))
