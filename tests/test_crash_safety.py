"""Crash safety of the write path (issue 23): ``warta index`` killed, interrupted or out of disk at every
crash point (:data:`indexer.faults.CRASH_POINTS`), then run again, leaves the index and the catalogue
agreeing, with exactly one copy of every input article."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import pytest
from crash_support import BATCH, Outcome, articles, assert_agree, index_state, input_ids, warta
from support import TRACEBACK, Cli

from indexer import pipeline
from indexer.catalog.articles import open_catalog
from indexer.faults import CRASH_POINTS
from indexer.model import Article
from indexer.store import Store

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and SIGKILL")

KEYS_A = [f"a{n}" for n in range(24)]
KEYS_B = [f"b{n}" for n in range(18)]


def _scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[Path]]:
    """An index of ``a.jsonl`` (24 articles, in batches of :data:`BATCH`); then ``a.jsonl`` has 4 articles
    changed and 4 gone, and ``b.jsonl`` (18 new) appears: the next run adds, replaces and deletes."""
    index = tmp_path / "index"
    first = articles(tmp_path / "a.jsonl", KEYS_A)
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", BATCH)
    summary = pipeline.index_paths([str(first)], str(index), workers=2)
    assert (summary.added, summary.problems) == (len(KEYS_A), [])
    kept = KEYS_A[4:]
    articles(first, kept[:4], version=1)  # the first 4 kept ones change, the file is rewritten with them...
    with first.open("a", encoding="utf-8") as out:  # ...followed by the rest, unchanged
        out.write(articles(tmp_path / "rest.jsonl", kept[4:]).read_text(encoding="utf-8"))
    (tmp_path / "rest.jsonl").unlink()
    return index, [first, articles(tmp_path / "b.jsonl", KEYS_B)]


def _assert_quiet(outcome: Outcome) -> None:
    for marker in TRACEBACK:
        assert marker not in outcome.err, outcome.err


def _rerun_converges(cli: Cli, index: Path, inputs: list[Path]) -> None:
    """A run after the crash mends and completes; the next one finds nothing to do."""
    run = cli("index", *inputs, "--index", index)
    assert run.rc == 0, run.err
    assert_agree(index, input_ids(*inputs))
    again = cli("index", *inputs, "--index", index)
    assert (again.rc, again.err) == (0, "")
    total = len(input_ids(*inputs))
    assert again.out == f"2 files: 0 added, 0 updated, {total} unchanged, 0 skipped\n"


KILLS = [
    "run-locked",
    "batch-full@2",
    "journal-written@2",
    "worker-document@3",
    "worker-segment-written",
    "merge-segment",
    "toc-before@2",
    "toc-temp-written@2",
    "toc-written@2",
    "index-committed@2",
    "catalog-committed@2",
    "stories-linked",
    "events-linked",
]


def test_every_crash_point_is_tried() -> None:
    tried = {case.partition("@")[0] for case in KILLS} | {"mend-journal-written", "mend-index-committed"}
    assert tried == set(CRASH_POINTS)


@pytest.mark.slow
@pytest.mark.parametrize("point", KILLS)
def test_killed_at_a_crash_point_then_run_again(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    index, inputs = _scenario(tmp_path, monkeypatch)
    killed = warta(index, *inputs, crash=point)
    assert killed.rc == -signal.SIGKILL, f"{point} was not reached: {killed}"
    _assert_quiet(killed)
    # whatever the instant, what was committed opens and reads
    assert cli("search", "reporter", "--json", "--index", index).json()["total"] > 0
    numbers, _catalogued = index_state(index)
    assert all(len(n) == 1 for n in numbers.values())
    _rerun_converges(cli, index, inputs)


@pytest.mark.slow
@pytest.mark.parametrize("point", ["worker-document@3", "toc-temp-written@2", "index-committed@2", "events-linked"])
def test_interrupted_by_ctrl_c_at_a_crash_point(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    """Ctrl-C reaches every process of the group: one line, exit 130, nothing from the writer processes."""
    index, inputs = _scenario(tmp_path, monkeypatch)
    interrupted = warta(index, *inputs, crash=point, action="int")
    assert (interrupted.rc, interrupted.out, interrupted.err) == (130, "", "warta: interrupted\n")
    _rerun_converges(cli, index, inputs)


@pytest.mark.slow
@pytest.mark.parametrize("point", ["worker-document@3", "worker-segment-written", "toc-before@2", "index-committed@2"])
def test_full_disk_at_a_crash_point(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str) -> None:
    """A full disk: one line, exit 1, no scratch files left to keep the space, and the next run works."""
    index, inputs = _scenario(tmp_path, monkeypatch)
    full = warta(index, *inputs, crash=point, action="full")
    _assert_quiet(full)
    assert full.rc == 1 and full.out == ""
    assert len(full.err.splitlines()) == 1 and "No space left on device" in full.err, full.err
    assert not (index / "warta.tmp").exists()
    assert not [name for name in os.listdir(index) if name.endswith(".tmp")]
    _rerun_converges(cli, index, inputs)


def _doubled(index: Path, doc_id: str) -> None:
    """Put a second copy of ``doc_id`` in the index, as the bug of issue 23 did (catalogue untouched)."""
    with Store.open(str(index)) as store:
        stored = store.get(doc_id)
        assert stored is not None
        writer = store.writer()
        copy = Article(
            doc_id, stored.path, stored.key, stored.title, stored.text, stored.raw, None, None, None, "en", "x"
        )
        writer.put(copy, replace=False)
        writer.commit()
    numbers, _ = index_state(index)
    assert len(numbers[doc_id]) == 2


@pytest.mark.slow
@pytest.mark.parametrize("point", ["mend-journal-written", "mend-index-committed"])
def test_killed_while_mending_duplicates(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, point: str) -> None:
    index, inputs = _scenario(tmp_path, monkeypatch)
    some = sorted(index_state(index)[1])[:3]
    for doc_id in some:
        _doubled(index, doc_id)
    killed = warta(index, *inputs, crash=point)
    assert killed.rc == -signal.SIGKILL, f"{point} was not reached: {killed}"
    _rerun_converges(cli, index, inputs)


def test_duplicates_from_earlier_versions_are_removed(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indexes doubled by the bug of issue 23 (re-runs used to add, not replace) are mended by the next run."""
    index, inputs = _scenario(tmp_path, monkeypatch)
    doc_id = sorted(index_state(index)[1])[0]
    _doubled(index, doc_id)
    report = cli("index", "--check", "--index", index)
    assert report.rc == 1 and "1 articles are in the index more than once" in report.out
    run = cli("index", *inputs, "--index", index)
    assert "warta: deleted 1 extra copies of articles from the index" in run.err_lines
    assert_agree(index, input_ids(*inputs))


def test_kill_between_the_two_commits_doubles_nothing(cli: Cli, tmp_path: Path) -> None:
    """Issue 23, item 1: killed after the index's commit and before the catalogue's, the run again used to
    add every article of the batch a second time."""
    source = articles(tmp_path / "a.jsonl", KEYS_A)
    index = tmp_path / "index"
    killed = warta(index, source, crash="index-committed")
    assert killed.rc == -signal.SIGKILL
    report = cli("index", "--check", "--index", index)
    assert report.rc == 1 and f"{BATCH} articles are in the index, not in the catalogue" in report.out
    run = cli("index", source, "--index", index)
    assert run.rc == 0
    assert run.err_lines == [
        "warta: finished mending a commit that was interrupted",
        f"warta: rebuilt {BATCH} catalogue rows from the index; their files are read again",
    ]
    assert_agree(index, input_ids(source))
    hits = cli("search", "reporter", "--json", "--limit", "100", "--index", index).json()["hits"]
    assert len(hits) == len({hit["id"] for hit in hits}) == len(KEYS_A)


@pytest.mark.slow
def test_file_killed_halfway_then_removed_is_pruned(cli: Cli, tmp_path: Path) -> None:
    """Killed after a batch that held part of a file, then the file removed: ``--prune`` drops its articles
    (its state was recorded only with its last article, so nothing named the file for ``--prune``)."""
    inputs = tmp_path / "input"
    inputs.mkdir()
    kept = articles(inputs / "kept.jsonl", KEYS_B[:3])
    halfway = articles(inputs / "halfway.jsonl", KEYS_A[:10])
    index = tmp_path / "index"
    assert warta(index, inputs, crash="catalog-committed").rc == -signal.SIGKILL
    assert len(index_state(index)[1]) == BATCH  # the first batch: part of one file
    halfway.unlink()
    assert cli("index", inputs, "--prune", "--index", index).rc == 0
    assert_agree(index, input_ids(kept))


# ------------------------------------------------------------------------------------------- lost files


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    source = articles(tmp_path / "a.jsonl", KEYS_A[:8])
    index = tmp_path / "index"
    summary = pipeline.index_paths([str(source)], str(index), workers=1)
    assert summary.added == 8
    return index, source


def test_lost_catalogue(cli: Cli, built: tuple[Path, Path]) -> None:
    """Issue 23, item 2: ``list`` printed nothing (exit 0) and the next run doubled everything."""
    index, source = built
    (index / "catalog.sqlite").unlink()
    run = cli("list", "--json", "--index", index)
    assert run.rc == 1 and run.out == ""
    assert run.err_lines == [
        f"warta: the catalogue of the index is missing; run 'warta index --repair --index {index}'"
        " to rebuild it from the index"
    ]
    assert not (index / "catalog.sqlite").exists()  # a reading command creates nothing
    check = cli("index", "--check", "--index", index)
    assert check.rc == 1 and "the catalogue is missing" in check.out
    run = cli("index", source, "--index", index)
    assert run.rc == 0 and "warta: rebuilt 8 catalogue rows from the index; their files are read again" in run.err
    assert run.out == "1 files: 0 added, 8 updated, 0 unchanged, 0 skipped\n"
    assert_agree(index, input_ids(source))
    assert len(cli("list", "--json", "--index", index).json()["documents"]) == 8


def test_lost_catalogue_repaired_without_paths(cli: Cli, built: tuple[Path, Path]) -> None:
    index, source = built
    (index / "catalog.sqlite").unlink()
    run = cli("index", "--repair", "--index", index)
    assert run.rc == 0, run.err
    assert run.out == "1 files: 0 added, 8 updated, 0 unchanged, 0 skipped\n"  # the file the rows name, read again
    assert_agree(index, input_ids(source))


def _toc(index: Path) -> Path:
    (toc,) = index.glob("_warta_*.toc")
    return toc


@pytest.mark.parametrize("damage", ["lost", "truncated"])
def test_lost_or_damaged_table_of_contents(cli: Cli, built: tuple[Path, Path], damage: str) -> None:
    """Issue 23, item 2: a lost ``_warta_N.toc``: the run said "unchanged" and search crashed; a truncated one
    gave "internal error: UnpicklingError"."""
    index, source = built
    toc = _toc(index)
    if damage == "lost":
        toc.unlink()
    else:
        toc.write_bytes(toc.read_bytes()[:100])
    for command in (("search", "ferry"), ("entities",), ("show", "abc")):
        run = cli(*command, "--index", index)
        assert run.rc == 1 and len(run.err_lines) == 1, run.err
        if damage == "truncated":
            assert "is damaged" in run.err and f"run 'warta index --repair --index {index}'" in run.err
    check = cli("index", "--check", "--index", index)
    assert check.rc == 1 and "can be restored from the catalogue's copy" in check.out
    run = cli("index", source, "--index", index)
    assert run.rc == 0
    assert run.err_lines[0].startswith("warta: restored the index's table of contents")
    assert run.out == "1 files: 0 added, 0 updated, 8 unchanged, 0 skipped\n"
    assert_agree(index, input_ids(source))
    assert cli("search", "reporter", "--json", "--index", index).json()["total"] == 8


def test_index_beyond_restoring_is_rebuilt_from_the_inputs(cli: Cli, built: tuple[Path, Path]) -> None:
    """Table of contents and segments lost: a plain run refuses (one line), ``--repair`` reads the inputs again."""
    index, source = built
    for path in index.iterdir():
        if path.name.startswith(("_warta_", "warta_")) and path.name != "warta_WRITELOCK":
            path.unlink()
    run = cli("index", source, "--index", index)
    assert run.rc == 1 and run.out == ""
    assert run.err_lines == [
        f"warta: the index at {index} is damaged: its table of contents is missing;"
        f" run 'warta index --repair --index {index}' to mend it"
    ]
    assert (index / "catalog.sqlite").exists()  # kept: it names the inputs to read again
    run = cli("index", "--repair", "--index", index)
    assert run.rc == 0, run.err
    assert run.out == "1 files: 8 added, 0 updated, 0 unchanged, 0 skipped\n"
    assert_agree(index, input_ids(source))


def test_lost_segment_file(cli: Cli, built: tuple[Path, Path]) -> None:
    index, source = built
    for path in index.glob("warta_*.pst"):
        path.unlink()
    run = cli("search", "ferry", "--index", index)
    assert run.rc == 1 and len(run.err_lines) == 1 and "of its segments are missing" in run.err
    run = cli("index", source, "--index", index)
    assert run.rc == 1 and len(run.err_lines) == 1 and "--repair" in run.err  # nothing said "unchanged"
    check = cli("index", "--check", "--index", index)
    assert check.rc == 1 and "--repair re-reads the inputs" in check.out
    assert cli("index", "--repair", "--index", index).out == "1 files: 8 added, 0 updated, 0 unchanged, 0 skipped\n"
    assert_agree(index, input_ids(source))


def test_catalogue_that_is_no_database(cli: Cli, built: tuple[Path, Path]) -> None:
    index, source = built
    (index / "catalog.sqlite").write_bytes(b"not a database, not at all, nothing like one")
    for command in (("list",), ("index", source), ("index", "--check")):
        run = cli(*command, "--index", index)
        assert run.rc == 1 and "--repair" in run.out + run.err, run
    run = cli("index", "--repair", "--index", index)
    assert run.rc == 0 and run.out == "1 files: 0 added, 8 updated, 0 unchanged, 0 skipped\n"
    assert (index / "catalog.sqlite.damaged").exists()  # set aside, not deleted
    assert_agree(index, input_ids(source))


def test_repair_reports_articles_whose_input_is_gone(cli: Cli, built: tuple[Path, Path]) -> None:
    index, source = built
    _toc(index).unlink()
    for path in index.glob("warta_*.*"):
        path.unlink()
    source.unlink()
    run = cli("index", "--repair", "--index", index)
    assert "warta: dropped 8 catalogue rows of articles the index did not hold" in run.err_lines
    assert any("8 of them cannot be read again: their input is gone" in line for line in run.err_lines)
    assert cli("index", "--check", "--index", index).rc == 0


def test_empty_index_after_an_interrupted_first_run(cli: Cli, tmp_path: Path) -> None:
    """A first run killed before its first commit leaves generation 0 only: readers answer nothing."""
    index = tmp_path / "index"
    Store.open(str(index), create=True).close()
    assert cli("search", "x", "--json", "--index", index).json()["total"] == 0
    assert cli("entities", "--json", "--index", index).json() == {"entities": []}
    assert cli("list", "--json", "--index", index).json() == {"documents": []}


# ------------------------------------------------------------------------------------------- the folder


def test_folder_of_other_files_is_refused(cli: Cli, tmp_path: Path) -> None:
    """Issue 23, item 6: a user's ``catalog.sqlite`` got new tables, ``_warta_5.toc.bak`` was deleted."""
    import sqlite3

    folder = tmp_path / "mine"
    folder.mkdir()
    db = sqlite3.connect(folder / "catalog.sqlite")
    db.execute("CREATE TABLE books (title TEXT)")
    db.commit()
    db.close()
    (folder / "_warta_5.toc.bak").write_bytes(b"backup")
    (folder / "notes.txt").write_text("mine")
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    source = articles(tmp_path / "a.jsonl", KEYS_A[:2])
    for args in (("index", source), ("index", "--repair")):
        run = cli(*args, "--index", folder)
        assert run.rc == 1 and run.out == ""
        assert run.err_lines == [
            f"warta: {folder} is not a Warta index and not empty: give --index a new or empty folder"
            " (Warta writes nothing in a folder of other files)"
        ]
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    assert cli("index", "--check", "--index", folder).rc == 1


def test_files_warta_did_not_make_survive_in_an_index(cli: Cli, built: tuple[Path, Path]) -> None:
    index, source = built
    mine = ["_warta_5.toc.bak", "warta_notes.txt", "warta_0123456789abcdef.txt", "README"]
    for name in mine:
        (index / name).write_text("mine")
    articles(source, KEYS_A[:12], version=2)
    for args in ((source,), ("--repair",), ("--check",)):
        assert cli("index", *args, "--index", index).rc == 0
    assert all((index / name).read_text() == "mine" for name in mine)


def test_scratch_files_of_a_failed_run_are_deleted(cli: Cli, built: tuple[Path, Path]) -> None:
    """Issue 23, item 6: after a full disk, ``warta.tmp`` kept its megabytes and every later run failed."""
    index, source = built
    scratch = index / "warta.tmp"
    scratch.mkdir()
    (scratch / "0hjm139cwvdk5qvsuhl3rogezg7j.doclist").write_bytes(b"x" * (5 << 20))
    (index / "extras-123.tmp").write_bytes(b"x")
    (index / "warta_0123456789abcdef.pst").write_bytes(b"x")  # a segment no table of contents names
    run = cli("index", source, "--index", index)
    assert run.rc == 0
    assert run.err_lines == ["warta: deleted 5.0 MB that a killed or failed run had left"]
    assert not scratch.exists() and not (index / "extras-123.tmp").exists()
    assert not (index / "warta_0123456789abcdef.pst").exists()


def test_check_of_a_sound_index(cli: Cli, built: tuple[Path, Path]) -> None:
    index, _source = built
    run = cli("index", "--check", "--index", index)
    assert (run.rc, run.out, run.err) == (0, "ok: the index and its catalogue agree (8 articles)\n", "")


def test_check_and_repair_are_one_line_usage_errors_with_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tui.cli import main

    for args in (["index", "--check", "x"], ["index", "--check", "--repair"], ["index"]):
        with pytest.raises(SystemExit) as raised:
            main([*args, "--index", str(tmp_path)])
        assert raised.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_stale_row_is_listed_and_found(cli: Cli, built: tuple[Path, Path]) -> None:
    """Rows rebuilt from the index stay listed and searchable until their file is read again."""
    index, _source = built
    catalog = open_catalog(str(index))
    ids = sorted(catalog.ids())
    catalog.close()
    shutil.copy(index / "catalog.sqlite", index.parent / "saved.sqlite")
    (index / "catalog.sqlite").unlink()
    other = articles(index.parent / "other.jsonl", ["z1"])
    assert cli("index", other, "--index", index).rc == 0  # the rows of a.jsonl are rebuilt, not read again
    assert sorted(doc["id"] for doc in cli("list", "--json", "--index", index).json()["documents"]) == sorted(
        [*ids, *input_ids(other)]
    )
    assert "rebuilt from the index" in cli("index", "--check", "--index", index).out
