"""Indexing through ``warta index``: incremental runs, bad input, a busy index, and a run killed midway."""

from __future__ import annotations

import codecs
import contextlib
import gzip
import io
import json
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import SUMMARY, TRACEBACK, BuiltIndex, Cli, Run, article, write_jsonl

from indexer import pipeline
from indexer.catalog.articles import CATALOG_NAME
from indexer.language.annotation import Findings
from indexer.language.stories import StoryProfile
from indexer.model import Annotations, Article
from indexer.store import Store

THREE = [
    article("one", "Ferry service resumes", "The ferry service resumed on Monday, and the operator said it was safe."),
    article("two", "Bridge repairs finished", "The repairs of the bridge were finished early, said the city engineer."),
    article(
        "three", "Harbour gets new cranes", "Two new cranes arrived at the harbour, and the dockers said they are big."
    ),
]


def summary_of(run: Run) -> str:
    lines = run.out.splitlines()
    assert len(lines) == 1, run.out
    assert SUMMARY.match(lines[0]), lines[0]
    return lines[0]


def listed(cli: Cli, index: Path) -> dict[str, dict[str, Any]]:
    return {doc["id"]: doc for doc in cli("list", "--json", "--index", index).json()["documents"]}


def titles(cli: Cli, index: Path) -> set[str]:
    return {doc["title"] for doc in listed(cli, index).values()}


def found(cli: Cli, index: Path, query: str) -> set[str]:
    return {hit["title"] for hit in cli("search", query, "--json", "--limit", "1000", "--index", index).json()["hits"]}


def index_size(index: Path) -> int:
    with Store.open(str(index)) as store:
        return store.doc_count()


# ------------------------------------------------------------------------------------------- incremental runs


def test_first_and_unchanged_second_run(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", THREE)
    first = cli("index", source, "--index", fresh_index)
    assert (first.rc, summary_of(first), first.err) == (0, "1 files: 3 added, 0 updated, 0 unchanged, 0 skipped", "")
    before = listed(cli, fresh_index)
    second = cli("index", source, "--index", fresh_index)
    assert (second.rc, summary_of(second), second.err) == (0, "1 files: 0 added, 0 updated, 3 unchanged, 0 skipped", "")
    assert listed(cli, fresh_index) == before
    assert index_size(fresh_index) == 3


def test_unchanged_files_are_not_parsed_again(
    cli: Cli, tmp_path: Path, fresh_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", THREE)
    assert cli("index", source, "--index", fresh_index).rc == 0

    def no_parsing(*_args: object) -> object:
        raise AssertionError("an unchanged file was parsed")

    monkeypatch.setattr(pipeline, "read_records", no_parsing)
    assert (
        summary_of(cli("index", source, "--index", fresh_index))
        == "1 files: 0 added, 0 updated, 3 unchanged, 0 skipped"
    )
    # a new modification time without a change of content: read and hashed, still not parsed
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    run = cli("index", source, "--index", fresh_index)
    assert summary_of(run) == "1 files: 0 added, 0 updated, 3 unchanged, 0 skipped"
    assert index_size(fresh_index) == 3


def test_touched_file_is_unchanged(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", THREE)
    assert cli("index", source, "--index", fresh_index).rc == 0
    before = listed(cli, fresh_index)
    later = time.time() + 60
    os.utime(source, (later, later))
    assert summary_of(cli("index", source, "--index", fresh_index)) == (
        "1 files: 0 added, 0 updated, 3 unchanged, 0 skipped"
    )
    assert listed(cli, fresh_index) == before


def test_one_changed_article_is_updated(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", THREE)
    assert cli("index", source, "--index", fresh_index).rc == 0
    before = listed(cli, fresh_index)
    changed = [*THREE]
    changed[1] = article(
        "two", "Bridge repairs delayed", "The repairs of the bridge were delayed by rain, said the mayor."
    )
    write_jsonl(source, changed)
    run = cli("index", source, "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "1 files: 0 added, 1 updated, 2 unchanged, 0 skipped")
    after = listed(cli, fresh_index)
    assert set(after) == set(before)  # same ids: the article was replaced, not added
    assert titles(cli, fresh_index) == {"Ferry service resumes", "Bridge repairs delayed", "Harbour gets new cranes"}
    assert found(cli, fresh_index, "mayor") == {"Bridge repairs delayed"}
    assert found(cli, fresh_index, "engineer") == set()
    assert index_size(fresh_index) == 3


def test_removed_line_is_removed(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", THREE)
    assert cli("index", source, "--index", fresh_index).rc == 0
    gone = next(doc_id for doc_id, doc in listed(cli, fresh_index).items() if doc["title"] == "Bridge repairs finished")
    write_jsonl(source, [THREE[0], THREE[2]])
    run = cli("index", source, "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "1 files: 0 added, 0 updated, 2 unchanged, 1 removed, 0 skipped")
    assert gone not in listed(cli, fresh_index)
    assert found(cli, fresh_index, "bridge") == set()
    assert cli("show", gone, "--index", fresh_index).rc == 1
    assert index_size(fresh_index) == 2
    # and an added line is added
    write_jsonl(source, [*THREE, article("four", "Lighthouse repainted", "The lighthouse was repainted white.")])
    run = cli("index", source, "--index", fresh_index)
    assert summary_of(run) == "1 files: 2 added, 0 updated, 2 unchanged, 0 skipped"


def test_prune_drops_the_articles_of_deleted_files(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    folder = tmp_path / "news"
    write_jsonl(folder / "a.jsonl", THREE[:2])
    doomed = write_jsonl(folder / "b.jsonl", THREE[2:])
    (folder / "c.txt").write_text("Market day\n\nThe market was busy on Saturday, and the sellers said so.\n")
    run = cli("index", folder, "--index", fresh_index)
    assert summary_of(run) == "3 files: 4 added, 0 updated, 0 unchanged, 0 skipped"
    doomed.unlink()
    run = cli("index", folder, "--index", fresh_index)  # without --prune nothing is dropped
    assert summary_of(run) == "2 files: 0 added, 0 updated, 3 unchanged, 0 skipped"
    assert "Harbour gets new cranes" in titles(cli, fresh_index)
    run = cli("index", folder, "--prune", "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "2 files: 0 added, 0 updated, 3 unchanged, 1 removed, 0 skipped")
    assert titles(cli, fresh_index) == {"Ferry service resumes", "Bridge repairs finished", "Market day"}
    assert found(cli, fresh_index, "cranes") == set()
    assert index_size(fresh_index) == 3
    run = cli("index", folder, "--prune", "--index", fresh_index)
    assert summary_of(run) == "2 files: 0 added, 0 updated, 3 unchanged, 0 skipped"


def test_folders_skip_hidden_and_unknown_files(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    folder = tmp_path / "news"
    write_jsonl(folder / "sub" / "a.jsonl", THREE[:1])
    write_jsonl(folder / ".hidden.jsonl", THREE[1:2])
    (folder / "notes.bin").write_bytes(b"\x00\x01\x02")
    (folder / "readme.xyz").write_text("not an article")
    run = cli("index", folder, "--index", fresh_index)
    assert (run.rc, summary_of(run), run.err) == (0, "1 files: 1 added, 0 updated, 0 unchanged, 0 skipped", "")


# ------------------------------------------------------------------------------------------- bad input

LATIN1 = "Café société à Paris\n\nLe café est ouvert et la société du quartier est contente, dit le patron.\n"
UTF16 = "Kapal feri berlayar lagi\n\nKapal feri itu berlayar lagi pada hari Senin dan para penumpang senang.\n"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    # name: (file name, content, expected message after "PATH: ")
    "empty": ("empty.txt", b"", "empty file"),
    "blank": ("blank.md", b" \n\t\n", "empty file"),
    "binary-txt": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file, skipped"),
    "binary-unknown": (
        "blob.bin",
        b"\x7fELF\x02\x01\x01\x00" + bytes(200),
        "binary file with an unsupported extension",
    ),
    "binary-jsonl": ("data.jsonl", b"\x00\x01\x02\x03" * 100, "binary file, skipped"),
    "csv-no-columns": ("table.csv", b"foo,bar\n1,2\n3,4\n", "no text column (expected one of body, text, content"),
    "json-garbage": ("broken.json", b'{"title": "x", "body": ', "invalid JSON"),
    "json-no-articles": ("numbers.json", b"[1]", "item 1: not a JSON object"),
    "empty-utf16": ("empty16.txt", codecs.BOM_UTF16_LE, "empty file"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_alone(cli: Cli, tmp_path: Path, populated_index: BuiltIndex, case: str) -> None:
    name, data, message = BAD_FILES[case]
    folder = tmp_path / f"a-rather-long-folder-name-so-that-lines-exceed-eighty-columns-{case}"
    folder.mkdir()
    bad = _write(folder / name, data)
    before = listed(cli, populated_index.dir)
    run = cli("index", bad, "--index", populated_index.dir)
    assert run.rc == 1
    assert " 0 added, 0 updated, 0 unchanged, 1 skipped" in summary_of(run)
    assert len(run.err_lines) == 1, run.err  # one line, however long the path
    assert run.err_lines[0].startswith(f"skipped {bad}:") and message in run.err_lines[0]
    assert listed(cli, populated_index.dir) == before
    # beside a good file the run goes on, indexes the good one, and still says something was skipped
    good = write_jsonl(tmp_path / "good.jsonl", THREE[:1])
    run = cli("index", bad, good, "--index", populated_index.dir)
    if message == "empty file":  # an empty file has no articles: known from the first run, unchanged since
        assert (run.rc, run.err_lines) == (0, [])
        assert " 1 added, 0 updated, 0 unchanged, 0 skipped" in summary_of(run)
    else:
        assert run.rc == 1
        assert " 1 added, 0 updated, 0 unchanged, 1 skipped" in summary_of(run)
        assert len(run.err_lines) == 1 and message in run.err_lines[0]
    assert set(before) < set(listed(cli, populated_index.dir))


def test_missing_path(cli: Cli, tmp_path: Path, populated_index: BuiltIndex) -> None:
    missing = tmp_path / "no" / "such-file-with-a-name-long-enough-to-wrap-in-an-eighty-column-terminal.jsonl"
    before = listed(cli, populated_index.dir)
    run = cli("index", missing, "--index", populated_index.dir)
    assert (run.rc, summary_of(run)) == (1, "0 files: 0 added, 0 updated, 0 unchanged, 1 skipped")
    assert run.err_lines == [f"skipped {missing}: no such file or directory"]
    assert listed(cli, populated_index.dir) == before
    good = write_jsonl(tmp_path / "good.jsonl", THREE)
    run = cli("index", missing, good, "--index", populated_index.dir)
    assert (run.rc, summary_of(run)) == (1, "1 files: 3 added, 0 updated, 0 unchanged, 1 skipped")
    assert run.err_lines == [f"skipped {missing}: no such file or directory"]


def test_missing_path_on_a_new_index(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    run = cli("index", tmp_path / "nothing-here", "--index", fresh_index)
    assert run.rc == 1
    assert len(run.err_lines) == 1 and run.err_lines[0].endswith(": no such file or directory")


ENCODED = {
    "latin-1": ("latin1.txt", LATIN1.encode("latin-1"), "Café société à Paris", "société"),
    "cp1252": (
        "cp1252.txt",
        "Price “quoted” – €5\n\nThe price was €5 at the café, they said.\n".encode("cp1252"),
        "Price “quoted” – €5",
        "café",
    ),
    "utf-16-bom": ("utf16.txt", UTF16.encode("utf-16"), "Kapal feri berlayar lagi", "penumpang"),
    "utf-16-be-bom": (
        "utf16be.txt",
        codecs.BOM_UTF16_BE + UTF16.encode("utf-16-be"),
        "Kapal feri berlayar lagi",
        "penumpang",
    ),
    "utf-8-bom": ("utf8bom.txt", codecs.BOM_UTF8 + LATIN1.encode("utf-8"), "Café société à Paris", "société"),
    "invalid-utf-8": (
        "broken.txt",
        b"Jembatan baru dibuka\n\nJembatan baru itu dibuka pada hari Senin, kata wali kota.\n\xff\xfe\xc3",
        "Jembatan baru dibuka",
        "jembatan",
    ),
    "invalid-utf-8-jsonl": (
        "mixed.jsonl",
        json.dumps(article("m", "Kereta cepat", "Kereta cepat itu melaju kencang kata masinis.")).encode()
        + b"\n"
        + b'{"id": "n", "title": "Caf\xe9 baru", "body": "Caf\xe9 baru itu ramai sekali kata pemiliknya."}\n',
        "Kereta cepat",
        "masinis",
    ),
}


@pytest.mark.parametrize("case", list(ENCODED))
def test_text_encodings(cli: Cli, tmp_path: Path, fresh_index: Path, case: str) -> None:
    name, data, title, word = ENCODED[case]
    source = _write(tmp_path / name, data)
    run = cli("index", source, "--index", fresh_index)
    assert run.rc == 0 and run.err == ""
    assert "0 skipped" in summary_of(run)
    assert title in titles(cli, fresh_index)
    assert title in found(cli, fresh_index, word)
    for doc in listed(cli, fresh_index).values():
        shown = cli("show", doc["id"], "--json", "--index", fresh_index).json()
        assert "\ufffd" not in shown["title"]
        assert "\x00" not in shown["text"]


def test_jsonl_with_a_malformed_line(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    lines = [json.dumps(a) for a in THREE]
    lines.insert(1, '{"id": "bad", "title": "Broken", "body": "no closing brace"')
    lines.insert(3, "[1, 2]")
    source = tmp_path / "with-bad-lines.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli("index", source, "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (1, "1 files: 3 added, 0 updated, 0 unchanged, 2 skipped")
    assert len(run.err_lines) == 2
    assert run.err_lines[0].startswith(f"skipped {source}:2: invalid JSON")
    assert run.err_lines[1] == f"skipped {source}:4: not a JSON object"
    assert titles(cli, fresh_index) == {a["title"] for a in THREE}


def test_csv_with_known_columns_is_indexed(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    source = tmp_path / "news.csv"
    source.write_text(
        "judul,isi,tanggal,sumber\n"
        '"Harga beras naik","Harga beras naik lagi minggu ini, kata pedagang.",2023-08-15,Tempo\n',
        encoding="utf-8",
    )
    run = cli("index", source, "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "1 files: 1 added, 0 updated, 0 unchanged, 0 skipped")
    (doc,) = listed(cli, fresh_index).values()
    assert (doc["title"], doc["date"], doc["source"]) == ("Harga beras naik", "2023-08-15", "Tempo")


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Reading ``denied`` fails as without permission (the tests run as root, where chmod does not stop reads)."""
    real_open = open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(denied):
            raise PermissionError(13, "Permission denied", str(denied))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(pipeline, "open", guarded_open, raising=False)


def test_unreadable_file(cli: Cli, tmp_path: Path, fresh_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readable = write_jsonl(tmp_path / "readable.jsonl", THREE[:1])
    locked = write_jsonl(tmp_path / "locked.jsonl", THREE[1:])
    assert summary_of(cli("index", readable, locked, "--index", fresh_index)).startswith("2 files: 3 added")
    # the file changes and cannot be read any more: its articles stay, the run goes on
    write_jsonl(locked, [*THREE[1:], article("x", "Extra", "Extra text for the changed file, said the clerk.")])
    _deny(monkeypatch, locked)
    run = cli("index", readable, locked, "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (1, "2 files: 0 added, 0 updated, 1 unchanged, 1 skipped")
    assert run.err_lines == [f"skipped {locked}: permission denied"]
    assert titles(cli, fresh_index) == {a["title"] for a in THREE}
    run = cli("index", locked, "--index", fresh_index)
    assert (run.rc, run.err_lines) == (1, [f"skipped {locked}: permission denied"])
    # readable again: the change is picked up
    monkeypatch.undo()
    run = cli("index", readable, locked, "--index", fresh_index)
    assert summary_of(run) == "2 files: 1 added, 0 updated, 3 unchanged, 0 skipped"


def test_unreadable_file_with_chmod(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    locked = write_jsonl(tmp_path / "locked.jsonl", THREE)
    locked.chmod(0)
    try:
        run = cli("index", locked, "--index", fresh_index)
    finally:
        locked.chmod(0o644)
    if os.geteuid() == 0:
        assert run.rc == 0  # root reads anyway
    else:
        assert (run.rc, run.err_lines) == (1, [f"skipped {locked}: permission denied"])


@pytest.mark.parametrize("case", ["binary-txt", "binary-jsonl"])
def test_indexed_file_turned_bad_keeps_its_articles(cli: Cli, tmp_path: Path, fresh_index: Path, case: str) -> None:
    name, data, message = BAD_FILES[case]
    source = tmp_path / name
    if name.endswith(".jsonl"):
        write_jsonl(source, THREE)
    else:
        source.write_text("Ferry service resumes\n\nThe ferry service resumed on Monday, said the operator.\n")
    first = cli("index", source, "--index", fresh_index)
    assert first.rc == 0
    before = listed(cli, fresh_index)
    source.write_bytes(data)
    run = cli("index", source, "--index", fresh_index)
    assert run.rc == 1
    assert run.err_lines == [f"skipped {source}: {message}"]
    assert "removed" not in run.out
    assert listed(cli, fresh_index) == before
    assert index_size(fresh_index) == len(before)
    # the problem is reported again on the next run, until the file is fixed
    assert cli("index", source, "--index", fresh_index).err_lines == [f"skipped {source}: {message}"]


def test_problem_lines_are_never_wrapped(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    folder = tmp_path / ("x" * 150)
    folder.mkdir()
    bad = _write(folder / "empty.txt", b"")
    run = cli("index", bad, "--index", fresh_index)
    assert run.err_lines == [f"skipped {bad}: empty file"]


# ------------------------------------------------------------------------------------------- a busy index


@pytest.fixture
def held_lock(populated_index: BuiltIndex) -> Iterator[BuiltIndex]:
    """Another writer holds the index's write lock for the duration of the test."""
    store = Store.open(str(populated_index.dir))
    writer = store.writer()
    try:
        yield populated_index
    finally:
        writer.cancel()
        store.close()


def test_busy_index(cli: Cli, tmp_path: Path, held_lock: BuiltIndex) -> None:
    before = listed(cli, held_lock.dir)
    source = write_jsonl(tmp_path / "news.jsonl", THREE)
    run = cli("index", source, "--index", held_lock.dir)
    assert (run.rc, run.out) == (1, "")
    assert run.err == f"warta: index is busy: another process is writing to {held_lock.dir}\n"
    # readers are not blocked, and nothing changed
    assert listed(cli, held_lock.dir) == before
    assert cli("search", "ferry", "--json", "--index", held_lock.dir).json()["total"] == 1
    doc_id = held_lock.ids["keep-1"]
    assert cli("show", doc_id, "--json", "--index", held_lock.dir).json()["title"] == "Ferry timetable changes"
    run = cli("index", source, "--prune", "--index", held_lock.dir)
    assert "index is busy" in run.err and run.rc == 1


def test_busy_index_then_free(cli: Cli, tmp_path: Path, populated_index: BuiltIndex) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", THREE)
    store = Store.open(str(populated_index.dir))
    writer = store.writer()
    try:
        assert cli("index", source, "--index", populated_index.dir).rc == 1
    finally:
        writer.cancel()
        store.close()
    run = cli("index", source, "--index", populated_index.dir)
    assert (run.rc, summary_of(run)) == (0, "1 files: 3 added, 0 updated, 0 unchanged, 0 skipped")
    assert index_size(populated_index.dir) == 5


# ------------------------------------------------------------------------------------------- a killed run

KILL_BATCH = 1500
"""Commit size for the kill test: the pipeline's own (``BATCH_ARTICLES``) would make it slow, not different."""

_RUN_WITH_BATCH = (
    "import sys, indexer.pipeline as p; p.BATCH_ARTICLES = int(sys.argv.pop(1)); "
    "from tui.entry import main; sys.exit(main())"
)


def _small_articles(path: Path, count: int) -> Path:
    words = "ferry harbour bridge market river island coast train station road".split()
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            body = f"Article {n} about the {words[n % 10]} and the {words[(n * 7) % 10]}, said reporter {n % 97}."
            out.write(json.dumps({"id": f"n{n:05d}", "title": f"Report {n}", "body": body}) + "\n")
    return path


def _catalog_rows(index: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{index / CATALOG_NAME}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def _live_members(group: int) -> list[int]:
    """Processes of a process group that are still running (zombies excluded)."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(int(entry))
    return alive


def _start(command: list[str], source: Path, index: Path) -> subprocess.Popen[bytes]:
    """``COMMAND index SOURCE --index INDEX`` as the leader of a new process group, output into files."""
    with (index.parent / "stdout").open("wb") as out, (index.parent / "stderr").open("wb") as err:
        return subprocess.Popen(
            [*command, "index", str(source), "--index", str(index)], stdout=out, stderr=err, start_new_session=True
        )


def _write_lock_held(index: Path) -> bool:
    """Whether someone holds the Whoosh write lock of ``index`` (read from /proc/locks, without touching it)."""
    try:
        inode = (index / "warta_WRITELOCK").stat().st_ino
    except FileNotFoundError:
        return False
    return any(line.split()[5].endswith(f":{inode}") for line in Path("/proc/locks").read_text().splitlines())


def _end_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill what is left of the process group the test started (the child was a session leader)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def _wait_for(condition: Any, timeout: float, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, "the indexer finished before it could be killed"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _assert_no_orphans(proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 5
    while _live_members(proc.pid):
        assert time.monotonic() < deadline, f"worker processes outlived the killed indexer: {_live_members(proc.pid)}"
        time.sleep(0.05)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_run_keeps_committed_batches_and_next_run_completes(cli: Cli, tmp_path: Path) -> None:
    total = 3 * KILL_BATCH
    source = _small_articles(tmp_path / "many.jsonl", total)
    index = tmp_path / "index"
    proc = _start([sys.executable, "-c", _RUN_WITH_BATCH, str(KILL_BATCH)], source, index)
    try:
        _wait_for(lambda: _catalog_rows(index) >= KILL_BATCH, 60, proc)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
        _assert_no_orphans(proc)
    finally:
        _end_group(proc)
    assert (tmp_path / "stdout").read_text() == ""
    assert not any(marker in (tmp_path / "stderr").read_text() for marker in TRACEBACK)

    committed = _catalog_rows(index)
    assert committed in (KILL_BATCH, 2 * KILL_BATCH)
    with Store.open(str(index)) as store:
        in_index = store.doc_count()
    assert in_index in (committed, committed + KILL_BATCH)  # the catalogue follows the index, or is one commit behind
    docs = cli("list", "--json", "--index", index).json()["documents"]
    assert len(docs) == committed
    assert cli("show", docs[0]["id"], "--json", "--index", index).json()["id"] == docs[0]["id"]
    result = cli("search", "ferry", "--json", "--index", index).json()
    assert result["total"] > 0 and result["notice"] is None

    run = cli("index", source, "--index", index)
    assert run.rc == 0
    behind = in_index - committed  # killed between the index's commit and the catalogue's: mended first
    mended = [
        "warta: finished mending a commit that was interrupted",
        f"warta: rebuilt {behind} catalogue rows from the index; their files are read again",
    ]
    assert run.err_lines == (mended if behind else [])
    assert summary_of(run) == (f"1 files: {total - in_index} added, {behind} updated, {committed} unchanged, 0 skipped")
    assert len(cli("list", "--json", "--index", index).json()["documents"]) == total
    assert index_size(index) == total
    assert cli("search", "reporter", "--json", "--index", index).json()["total"] == total
    assert (
        summary_of(cli("index", source, "--index", index))
        == f"1 files: 0 added, 0 updated, {total} unchanged, 0 skipped"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_run_before_any_commit_leaves_no_lock(cli: Cli, tmp_path: Path) -> None:
    """Worker processes must neither keep the write lock nor outlive the indexer."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("no worker processes on one core")
    count = min(2000, pipeline.BATCH_ARTICLES - 1)
    source = _small_articles(tmp_path / "some.jsonl", count)
    index = tmp_path / "index"
    proc = _start([str(Path(sys.executable).with_name("warta"))], source, index)

    def locked_with_workers() -> bool:
        return len(_live_members(proc.pid)) > 1 and _write_lock_held(index)

    try:
        _wait_for(locked_with_workers, 30, proc)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        run = cli("index", source, "--index", index)  # at once: no stale lock
        assert (run.rc, run.err) == (0, "")
        assert summary_of(run) == f"1 files: {count} added, 0 updated, 0 unchanged, 0 skipped"
        _assert_no_orphans(proc)
    finally:
        _end_group(proc)


def test_a_store_reads_the_newest_state_after_a_commit_that_changed_nothing(tmp_path: Path) -> None:
    """Whoosh's refresh keeps the old reader when no segment changed: the store must still be current."""
    index = tmp_path / "index"
    source = write_jsonl(tmp_path / "a.jsonl", [article("a", "Title", "Body text of the article.")])
    pipeline.index_paths([str(source)], str(index), workers=1)
    store = Store.open(str(index))
    assert store.doc_count() == 1 and store.is_current()
    pipeline.index_paths([str(source)], str(index), workers=1)  # unchanged: a commit with nothing in it
    assert not store.is_current()
    store.searcher()
    assert store.is_current() and store.doc_count() == 1
    store.close()


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="only forked writers inherit; spawned ones load it themselves"
)
def test_recognition_is_loaded_once_before_the_writer_processes_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With several writer processes, the indexing process loads recognition's tables first (each forked
    process inherits them) and only when there is something to index. Spawned writers load them
    themselves (tests/test_start_methods.py covers every start method)."""
    from indexer.language import annotation

    calls: list[int] = []
    real_warm_up = annotation.warm_up

    def counting_warm_up() -> None:
        calls.append(os.getpid())
        real_warm_up()

    monkeypatch.setattr(annotation, "warm_up", counting_warm_up)
    index = tmp_path / "index"
    source = write_jsonl(tmp_path / "a.jsonl", THREE)
    pipeline.index_paths([str(source)], str(index), workers=2)
    assert calls == [os.getpid()]
    pipeline.index_paths([str(source)], str(index), workers=2)  # unchanged: nothing to load
    assert calls == [os.getpid()]
    pipeline.index_paths([str(source)], str(tmp_path / "other"), workers=1)  # one process: loads as it goes
    assert calls == [os.getpid()]


def test_reading_an_index_does_not_import_annotation() -> None:
    """``warta search`` and the browser import the pipeline and the event tables; recognition and
    extraction (a quarter of a second of imports) load only when an index is written."""
    readers = (
        "indexer.pipeline, tui.cli, indexer.catalog.articles, indexer.catalog.events, indexer.language.events.model"
    )
    writing_only = ["indexer.language.annotation", "indexer.language.events.extract", "indexer.language.events.lexicon"]
    code = f"import sys, {readers}; print([m for m in {writing_only!r} if m in sys.modules])"
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.strip() == "[]"
    # and what is loaded on first use is there
    from indexer.language.events import extract_events, to_partial_date

    assert callable(extract_events) and callable(to_partial_date)


def test_warm_up_loads_the_tagger_model() -> None:
    from indexer.language.annotation import warm_up
    from indexer.language.entities.tagger import load_model

    load_model.cache_clear()
    warm_up()
    assert load_model.cache_info().currsize == 1


# ------------------------------------------------------------------------------------------- standard input


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


NO_ID = {"title": "Market day", "body": "The market was busy on Saturday, and the sellers said so."}


def test_standard_input_is_indexed_with_stable_ids(
    cli: Cli, fresh_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, b"".join(json.dumps(a).encode() + b"\n" for a in [*THREE[:2], NO_ID]))
    run = cli("index", "-", "--index", fresh_index)
    assert (run.rc, summary_of(run), run.err) == (0, "1 files: 3 added, 0 updated, 0 unchanged, 0 skipped", "")
    first = listed(cli, fresh_index)
    assert {doc["path"] for doc in first.values()} == {"<stdin>"}
    ids = {doc["title"]: doc_id for doc_id, doc in first.items()}
    assert ids["Ferry service resumes"] == pipeline.document_id("<stdin>", "one")
    # the same articles in another order, as a JSON array: nothing to do, the same ids
    _stdin(monkeypatch, json.dumps([NO_ID, THREE[1], THREE[0]]).encode())
    run = cli("index", "-", "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "1 files: 0 added, 0 updated, 3 unchanged, 0 skipped")
    assert listed(cli, fresh_index) == first
    # an article with an id is updated in place; one without is another article; what is not piped stays
    changed = article("one", "Ferry service suspended", "The ferry service was suspended by the storm, said the mayor.")
    other = {**NO_ID, "body": "The market was quiet on Sunday, and the sellers went home."}
    _stdin(monkeypatch, b"".join(json.dumps(a).encode() + b"\n" for a in [changed, other]))
    run = cli("index", "-", "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "1 files: 1 added, 1 updated, 0 unchanged, 0 skipped")
    after = listed(cli, fresh_index)
    assert after[ids["Ferry service resumes"]]["title"] == "Ferry service suspended"
    assert set(first) < set(after) and len(after) == 4
    assert found(cli, fresh_index, "mayor") == {"Ferry service suspended"}
    shown = cli("show", ids["Market day"], "--json", "--index", fresh_index).json()
    assert shown["path"] == "<stdin>" and "busy on Saturday" in shown["text"]


def test_standard_input_formats(cli: Cli, fresh_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"Harbour news\n\nTwo new cranes arrived at the harbour today, said the dockers.\n")
    assert summary_of(cli("index", "-", "--index", fresh_index)).startswith("1 files: 1 added")
    _stdin(monkeypatch, b'{"id": "x", "title": "Not JSON", "body": "Read as the text it is."}\n')
    run = cli("index", "-", "--format", "text", "--index", fresh_index)
    assert summary_of(run).startswith("1 files: 1 added")
    _stdin(monkeypatch, b"judul,isi\nHarga beras naik,Harga beras naik lagi minggu ini kata pedagang.\n")
    assert summary_of(cli("index", "-", "--format", "csv", "--index", fresh_index)).startswith("1 files: 1 added")
    _stdin(monkeypatch, gzip.compress(json.dumps(THREE[2]).encode()))
    assert summary_of(cli("index", "-", "--index", fresh_index)).startswith("1 files: 1 added")
    assert titles(cli, fresh_index) == {
        "Harbour news",
        '{"id": "x", "title": "Not JSON", "body": "Read as the text it is."}',
        "Harga beras naik",
        "Harbour gets new cranes",
    }


def test_bad_standard_input_is_one_line(cli: Cli, populated_index: BuiltIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    before = listed(cli, populated_index.dir)
    _stdin(monkeypatch, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    run = cli("index", "-", "--index", populated_index.dir)
    assert (run.rc, summary_of(run)) == (1, "1 files: 0 added, 0 updated, 0 unchanged, 1 skipped")
    assert run.err_lines == ["skipped <stdin>: binary file, skipped"]
    _stdin(monkeypatch, b'[{"body": "cut short"')
    run = cli("index", "-", "--index", populated_index.dir)
    assert run.rc == 1 and run.err_lines[0].startswith("skipped <stdin>:1: invalid JSON")
    assert listed(cli, populated_index.dir) == before


def test_prune_keeps_standard_input_articles(
    cli: Cli, tmp_path: Path, fresh_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    doomed = write_jsonl(folder / "a.jsonl", THREE[:1])
    write_jsonl(folder / "b.jsonl", THREE[1:2])
    _stdin(monkeypatch, json.dumps(THREE[2:]).encode())
    run = cli("index", folder, "-", "--index", fresh_index)
    assert summary_of(run) == "3 files: 3 added, 0 updated, 0 unchanged, 0 skipped"
    doomed.unlink()
    run = cli("index", folder, "--prune", "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "1 files: 0 added, 0 updated, 1 unchanged, 1 removed, 0 skipped")
    assert titles(cli, fresh_index) == {"Bridge repairs finished", "Harbour gets new cranes"}
    run = cli("index", folder, "--prune", "--index", fresh_index)
    assert "removed" not in summary_of(run)
    assert index_size(fresh_index) == 2


# ------------------------------------------------------------------------------------------- gzip


def test_gz_files_are_indexed_like_plain_ones(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    folder = tmp_path / "news"
    plain = write_jsonl(folder / "plain" / "news.jsonl", THREE)
    packed = folder / "packed" / "news.jsonl.gz"
    packed.parent.mkdir()
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    run = cli("index", folder, "--index", fresh_index)
    assert (run.rc, summary_of(run), run.err) == (0, "2 files: 6 added, 0 updated, 0 unchanged, 0 skipped", "")
    docs = listed(cli, fresh_index).values()
    by_file = {path: sorted(doc["title"] for doc in docs if doc["path"] == path) for path in (str(plain), str(packed))}
    assert by_file[str(plain)] == by_file[str(packed)] == sorted(a["title"] for a in THREE)
    assert pipeline.document_id(str(packed), "two") in listed(cli, fresh_index)
    run = cli("index", folder, "--index", fresh_index)
    assert summary_of(run) == "2 files: 0 added, 0 updated, 6 unchanged, 0 skipped"


def test_broken_gz_keeps_what_was_indexed(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    source = tmp_path / "news.jsonl.gz"
    source.write_bytes(gzip.compress(json.dumps(THREE[0]).encode() + b"\n"))
    assert summary_of(cli("index", source, "--index", fresh_index)).startswith("1 files: 1 added")
    before = listed(cli, fresh_index)
    many = [
        article(f"n{n}", f"Report {n}", f"Report number {n} about the harbour, said the clerk.") for n in range(3000)
    ]
    data = gzip.compress("".join(json.dumps(a) + "\n" for a in many).encode())
    source.write_bytes(data[: len(data) // 2])  # cut short: the first article is gone from what is left
    run = cli("index", source, "--index", fresh_index)
    assert run.rc == 1
    assert run.err_lines == [f"skipped {source}: not a valid gzip file (it ends early)"]
    assert "removed" not in summary_of(run) and " 0 updated" in summary_of(run)
    assert set(before) < set(listed(cli, fresh_index))  # what could be read is added, nothing is dropped
    source.write_bytes(b"not gzip at all")
    run = cli("index", source, "--index", fresh_index)
    assert (run.rc, run.err_lines) == (1, [f"skipped {source}: not a valid gzip file"])
    assert set(before) < set(listed(cli, fresh_index))


# ------------------------------------------------------------------------------------------- progress


def _no_annotations(article: Article) -> Annotations:
    return Annotations(extra=Findings((), StoryProfile(article.id, None)))


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz", "news.json"])
def test_progress_advances_by_input_bytes(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.ingest import reading as ingest

    monkeypatch.setattr(ingest, "JSON_IN_MEMORY", 1024)  # a large JSON file is read item by item
    monkeypatch.setattr(ingest, "_HEAD", 4096)  # and the start looked at to choose an encoding is small
    monkeypatch.setattr(pipeline, "_annotator", lambda: _no_annotations)  # recognition is beside the point
    words = "ferry harbour bridge market river island coast train station road mayor clerk".split()
    rng = random.Random(7)
    many = [article(f"n{n}", f"Report {n}", " ".join(rng.choices(words, k=1000)) + ".") for n in range(40)]
    text = "".join(json.dumps(a) + "\n" for a in many) if "jsonl" in name else json.dumps(many)
    path = tmp_path / name
    path.write_bytes(gzip.compress(text.encode(), mtime=0) if name.endswith(".gz") else text.encode())
    steps: list[int] = []
    pipeline.index_paths([str(path)], str(tmp_path / "index"), progress=steps.append, workers=1)
    assert sum(steps) == path.stat().st_size == pipeline.input_bytes([str(path)])
    assert all(step > 0 for step in steps)
    if not name.endswith(".gz"):  # (gzip reads the compressed file in pieces of 128 KiB)
        assert len(steps) >= 3  # reported while reading, not only at the end
    steps.clear()
    pipeline.index_paths([str(path)], str(tmp_path / "index"), progress=steps.append, workers=1)
    assert steps == [path.stat().st_size]
