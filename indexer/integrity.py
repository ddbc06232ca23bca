"""The index and the catalogue kept in agreement: mending at the start of every run, ``--check``, ``--repair``.

The index (Whoosh) is the source of truth for which articles exist: it holds each one whole, and every
catalogue row can be rebuilt from it. The catalogue records the generation of the index it describes
and, while a commit is under way, a journal of the articles and files the commit touches
(:class:`indexer.catalog.articles.Journal`). A run killed at any instant leaves one of three states,
each mended by the next run before it writes anything (:func:`mend`):

- no journal, same generation: the two agree;
- a journal, the index at its generation or the one before: only the journal's articles may disagree;
  each is made to match the index (a row rebuilt from the stored article, marked to be read again, or
  dropped) and their files are read again;
- anything else (the catalogue lost or replaced, an older catalogue without generations): every id is
  compared, duplicates in the index are deleted, and the rest is mended as above.

A lost or damaged table of contents is put back from the copy the catalogue keeps of it; when that is not
possible, only ``warta index --repair`` rebuilds the index, from the inputs. See docs/crash-safety.md.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from indexer.catalog.articles import CATALOG_NAME, STALE, Catalog, DocRow, Journal, open_catalog
from indexer.faults import crash_point
from indexer.store import IndexDamaged, IndexForeign, Store
from indexer.store.folder import (
    WriteLock,
    folder_kind,
    remove_damaged_tocs,
    remove_leftovers,
    restore_toc,
    toc_state,
)
from indexer.store.index import damage_message

EXAMPLES = 3
"""Article ids quoted per kind of disagreement."""


@dataclass(slots=True)
class Mending:
    """What was mended before a run wrote anything."""

    toc_restored: int | None = None
    """Generation of the table of contents put back from the catalogue's copy."""
    rebuilt_index: bool = False
    """The index could not be read and was started again empty (``--repair``): its articles are read again."""
    interrupted: bool = False
    """A commit had been interrupted."""
    compared: bool = False
    """Every id of both sides was compared."""
    rebuilt: int = 0
    """Catalogue rows rebuilt from the index, their articles to be read again."""
    dropped: int = 0
    """Catalogue rows of articles the index does not hold, dropped (their files are read again)."""
    duplicates: int = 0
    """Extra copies of articles deleted from the index."""
    lost: list[str] = field(default_factory=list)
    """Ids of dropped articles whose input file is gone: nothing to read them again from."""
    freed: int = 0
    """Bytes of what killed or failed writers had left in the folder."""

    def lines(self) -> list[str]:
        """What was done, one line each (nothing when nothing was to mend)."""
        out = []
        if self.toc_restored is not None:
            out.append(f"restored the index's table of contents (generation {self.toc_restored}) from the catalogue")
        if self.rebuilt_index:
            out.append("the index could not be read: started it again, its articles are read again from their files")
        if self.interrupted and (self.rebuilt or self.dropped or self.duplicates):
            out.append("finished mending a commit that was interrupted")
        if self.duplicates:
            out.append(f"deleted {self.duplicates} extra copies of articles from the index")
        if self.rebuilt:
            out.append(f"rebuilt {self.rebuilt} catalogue rows from the index; their files are read again")
        if self.dropped:
            out.append(f"dropped {self.dropped} catalogue rows of articles the index did not hold")
        if self.lost:
            out.append(f"{len(self.lost)} of them cannot be read again: their input is gone (e.g. {self.lost[0]})")
        if self.freed >= 1 << 20:
            out.append(f"deleted {self.freed / (1 << 20):.1f} MB that a killed or failed run had left")
        return out


# ------------------------------------------------------------------------------------------- opening


def check_folder(index_dir: str) -> None:
    """Refuse a folder that holds other files than an index's (nothing is written there); create a new one."""
    if folder_kind(index_dir) == "foreign":
        raise IndexForeign(
            f"{index_dir} is not a Warta index and not empty: give --index a new or empty folder"
            " (Warta writes nothing in a folder of other files)"
        )
    os.makedirs(index_dir, exist_ok=True)


@dataclass(slots=True)
class WriteSession:
    """An index opened for writing: its lock held, its table of contents sound, mended."""

    lock: WriteLock
    store: Store
    catalog: Catalog
    mending: Mending

    def inputs(self) -> list[str]:
        """The input files the catalogue knows (and the files of rows rebuilt from the index) that still exist."""
        from indexer.ingest.reading import STDIN  # here: reading commands (warta list) import this module

        paths = [state.path for state in self.catalog.files()] + self.catalog.stale_paths()
        return [path for path in dict.fromkeys(paths) if path != STDIN and os.path.isfile(path)]


@contextlib.contextmanager
def writing(index_dir: str, repair: bool = False) -> Iterator[WriteSession]:
    """Open the index in ``index_dir`` for writing (created if need be) and mend it first.

    Raises :class:`IndexForeign` for a folder of other files, :class:`indexer.store.IndexBusy` when another
    process writes, and :class:`IndexDamaged` when the index cannot be read and only ``repair`` may
    rebuild it (from the inputs the catalogue names, by the run that follows).
    """
    check_folder(index_dir)
    lock = WriteLock(index_dir).acquire()
    catalog: Catalog | None = None
    store: Store | None = None
    try:
        crash_point("run-locked")
        mending = Mending()
        had_catalogue = os.path.exists(os.path.join(index_dir, CATALOG_NAME))
        catalog = _open_catalogue(index_dir, repair)
        _restore_toc(index_dir, catalog, had_catalogue, repair, mending)
        store = Store.open(index_dir, create=True, lock=lock)
        mending.freed = remove_leftovers(index_dir, toc_state(index_dir).segments)
        mend(store, catalog, mending, compare_all=repair)
        yield WriteSession(lock, store, catalog, mending)
    finally:
        if catalog is not None:
            catalog.close()
        if store is not None:
            store.close()
        lock.release()


def _open_catalogue(index_dir: str, repair: bool) -> Catalog:
    """The catalogue; one that is not a database any more is set aside by ``repair`` (then rebuilt from
    the index), reported as damage otherwise."""
    try:
        catalog = open_catalog(index_dir)
        catalog.doc_count()
        return catalog
    except sqlite3.DatabaseError as error:
        path = os.path.join(index_dir, CATALOG_NAME)
        if not repair:
            problem = f"its catalogue {CATALOG_NAME} cannot be read ({error})"
            raise IndexDamaged(damage_message(index_dir, problem)) from None
        os.replace(path, f"{path}.damaged")
        return open_catalog(index_dir)


def _restore_toc(index_dir: str, catalog: Catalog, had_catalogue: bool, repair: bool, mending: Mending) -> None:
    """Put back a lost or damaged table of contents from the catalogue's copy; else, with ``repair``,
    let the index start again empty (the catalogue's rows then all disagree and their files are read again)."""
    state = toc_state(index_dir)
    if state.problem is None and state.generation >= 0:
        return
    copy = catalog.toc_copy()
    if not state.readable and copy is not None and restore_toc(index_dir, *copy):
        mending.toc_restored = copy[0]
        return
    knows_articles = had_catalogue and catalog.doc_count() > 0
    if state.generation < 0 and not knows_articles:
        return  # a new index (or one that never committed an article): created empty
    if not repair:
        problem = state.problem or "its table of contents is missing"
        raise IndexDamaged(damage_message(index_dir, problem))
    remove_damaged_tocs(index_dir)
    mending.rebuilt_index = True


# ------------------------------------------------------------------------------------------- mending


def mend(store: Store, catalog: Catalog, mending: Mending, compare_all: bool = False) -> None:
    """Make the catalogue agree with the index (the lock held), as the module's documentation says;
    ``compare_all`` compares every article, stored content hashes too, whatever the generations say."""
    index_generation = store.generation()
    recorded = catalog.generation()
    journal = catalog.journal()
    if not compare_all and journal is None and recorded == index_generation:
        _upgrade_schema(store, catalog)
        return
    mending.interrupted = journal is not None
    if (
        not compare_all
        and journal is not None
        and recorded == journal.generation - 1
        and index_generation in (journal.generation - 1, journal.generation)
    ):
        committed = index_generation == journal.generation
        present = store.id_documents(journal.ids)
        rows = catalog.rows(journal.ids)
        rebuild = {doc_id for doc_id in present if committed or doc_id not in rows}
        drop = {doc_id for doc_id in journal.ids if doc_id not in present and doc_id in rows}
        _apply(store, catalog, present, rebuild, drop, rows, set(journal.paths), mending)
    else:
        mending.compared = True
        present = store.id_documents()
        known = catalog.ids()
        rebuild = {doc_id for doc_id in present if doc_id not in known}
        if journal is not None and index_generation >= journal.generation:
            rebuild |= journal.ids & present.keys()  # may hold the content the catalogue's row does not describe
        if compare_all:
            rows_now = catalog.rows(present.keys() & known)
            stored = store.stored_hashes()
            rebuild |= {i for i, row in rows_now.items() if row.hash != STALE and stored.get(i) != row.hash}
        drop = known - present.keys()
        rows = catalog.rows(rebuild | drop)
        paths = set(journal.paths) if journal is not None else set()
        _apply(store, catalog, present, rebuild, drop, rows, paths, mending)
    _upgrade_schema(store, catalog)


def _upgrade_schema(store: Store, catalog: Catalog) -> None:
    """Give an index of an earlier version the fields of this one, in a journaled commit."""
    if store.add_missing_fields(before_commit=lambda generation: catalog.begin_commit(generation, (), ())):
        catalog.end_commit(store.generation(), store.toc_bytes())
        catalog.commit()


def _apply(
    store: Store,
    catalog: Catalog,
    present: dict[str, list[int]],
    rebuild: set[str],
    drop: set[str],
    rows: dict[str, DocRow],
    paths: set[str],
    mending: Mending,
) -> None:
    """Delete duplicates from the index, rebuild and drop catalogue rows, have the files concerned read
    again, and record the generation: one commit of the catalogue, after at most one of the index."""
    from indexer.ingest.reading import STDIN

    duplicates = {doc_id: numbers for doc_id, numbers in present.items() if len(numbers) > 1}
    touched = rebuild | drop | duplicates.keys()
    paths |= {row.path for doc_id, row in rows.items() if doc_id in touched}
    if duplicates:
        extra = [number for numbers in duplicates.values() for number in sorted(numbers)[:-1]]

        def journal(generation: int) -> None:
            catalog.begin_commit(generation, touched, paths)
            crash_point("mend-journal-written")

        store.delete_documents(extra, before_commit=journal)
        crash_point("mend-index-committed")
        mending.duplicates += len(extra)
        rebuild |= duplicates.keys()
        present = store.id_documents(rebuild)  # numbers change when the commit merged segments
    stored = store.rows(present[doc_id][0] for doc_id in sorted(rebuild) if doc_id in present)
    catalog.drop_docs(sorted(drop))
    catalog.put_docs(_stale_row(fields) for fields in stored)
    paths |= {str(fields["path"]) for fields in stored}
    catalog.reread(sorted(path for path in paths if path and path != STDIN))
    catalog.end_commit(store.generation(), store.toc_bytes())
    catalog.commit()
    mending.rebuilt += len(stored)
    mending.dropped += len(drop)
    mending.lost += [i for i in sorted(drop) if rows[i].path == STDIN or not os.path.isfile(rows[i].path)]


def _stale_row(fields: dict[str, object]) -> DocRow:
    """A catalogue row from an article's stored fields, with a content hash that no input matches."""

    def text(name: str) -> str:
        value = fields.get(name)
        return "" if value is None else str(value)

    return DocRow(
        text("id"),
        text("path"),
        text("key"),
        text("title"),
        text("date") or None,
        text("source") or None,
        text("lang") or "und",
        STALE,
    )


# ------------------------------------------------------------------------------------------- checking


@dataclass(slots=True)
class CheckReport:
    """What ``warta index --check`` found."""

    problems: list[str] = field(default_factory=list)
    """Disagreements and damage: each one a line; none when the index is sound."""
    notes: list[str] = field(default_factory=list)
    """What is worth knowing but is no disagreement."""
    articles: int = 0

    @property
    def ok(self) -> bool:
        """Whether the index and the catalogue agree."""
        return not self.problems


def check(index_dir: str) -> CheckReport:
    """Compare the index and the catalogue in ``index_dir`` without changing either (the lock held)."""
    report = CheckReport()
    kind = folder_kind(index_dir)
    if kind == "foreign":
        report.problems.append(f"{index_dir} is not a Warta index (it holds other files)")
        return report
    if kind == "new":
        report.problems.append(f"no index at {index_dir}")
        return report
    with WriteLock(index_dir):
        state = toc_state(index_dir)
        catalogue_file = os.path.join(index_dir, CATALOG_NAME)
        catalog = _read_catalogue(catalogue_file, report)
        try:
            if state.generation < 0 or state.problem is not None:
                problem = state.problem or "its table of contents is missing"
                copy = catalog.toc_copy() if catalog is not None and not state.readable else None
                remedy = "it can be restored from the catalogue's copy" if copy else "--repair re-reads the inputs"
                report.problems.append(f"the index is damaged: {problem} ({remedy})")
                return report
            with Store.open(index_dir) as store:
                _compare(store, catalog, report)
        finally:
            if catalog is not None:
                catalog.close()
    return report


def _read_catalogue(path: str, report: CheckReport) -> Catalog | None:
    if not os.path.exists(path):
        report.problems.append(f"the catalogue is missing ({CATALOG_NAME}): --repair rebuilds it from the index")
        return None
    try:
        return Catalog(path)
    except sqlite3.Error as error:
        report.problems.append(f"the catalogue cannot be read ({error}): --repair rebuilds it from the index")
        return None


def _compare(store: Store, catalog: Catalog | None, report: CheckReport) -> None:
    present = store.id_documents()
    report.articles = len(present)
    duplicates = sorted(doc_id for doc_id, numbers in present.items() if len(numbers) > 1)
    if duplicates:
        report.problems.append(_count_line(duplicates, "articles are in the index more than once"))
    if catalog is None:
        return
    generation, recorded, journal = store.generation(), catalog.generation(), catalog.journal()
    if journal is not None:
        report.problems.append(
            f"a commit was interrupted (to generation {journal.generation}; the index is at {generation})"
        )
    elif recorded is not None and recorded != generation:
        report.problems.append(f"the catalogue describes generation {recorded} of the index, which is at {generation}")
    known = catalog.ids()
    only_index = sorted(present.keys() - known)
    only_catalogue = sorted(known - present.keys())
    if only_index:
        report.problems.append(_count_line(only_index, "articles are in the index, not in the catalogue"))
    if only_catalogue:
        report.problems.append(_count_line(only_catalogue, "articles are in the catalogue, not in the index"))
    rows = catalog.rows(present.keys() & known)
    stored = store.stored_hashes()
    differ = sorted(doc_id for doc_id, row in rows.items() if row.hash != STALE and stored.get(doc_id) != row.hash)
    if differ:
        report.problems.append(_count_line(differ, "articles differ between the index and the catalogue"))
    stale = catalog.stale_count()
    if stale:
        report.notes.append(f"{stale} articles were rebuilt from the index and wait for their file to be read again")
    if recorded is None and not report.problems:
        report.notes.append("the catalogue does not record the index's generation yet (the next run records it)")


def _count_line(ids: Sequence[str], what: str) -> str:
    return f"{len(ids)} {what} (e.g. {', '.join(ids[:EXAMPLES])})"


def quick_disagreement(index_dir: str) -> str | None:
    """A cheap look for readers (``warta list``): a line saying the catalogue is missing or behind the
    index, else None. A commit under way (its journal written) is not reported."""
    state = toc_state(index_dir)
    if state.generation < 0 or state.problem is not None:
        return None  # reading the index reports it
    path = os.path.join(index_dir, CATALOG_NAME)
    if not os.path.exists(path):
        return "the catalogue of the index is missing" if state.segments else None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
        try:
            rows = dict(db.execute("SELECT key, value FROM index_state WHERE key IN ('generation', 'journal')"))
        finally:
            db.close()
    except sqlite3.Error:
        return None  # an older catalogue, without generations
    if "journal" in rows or "generation" not in rows or int(rows["generation"]) == state.generation:
        return None
    return "the catalogue does not describe the index's last commit"


__all__ = ["CheckReport", "Journal", "Mending", "WriteSession", "check", "check_folder", "mend", "writing"]
