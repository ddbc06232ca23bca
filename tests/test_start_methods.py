"""Indexing under every multiprocessing start method, and writer processes that fail or lose their parent.

Each run is a fresh ``python -c`` (:func:`_warta`), so that its start method is set before any process
starts, with two writer processes whatever the machine. An annotator of this module replaces the real
one by name: spawned writer processes import it from here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from support import DATA, TRACEBACK, Cli, article, write_jsonl

from indexer.model import Annotations, Article

TESTS = Path(__file__).resolve().parent
METHODS = ("fork", "spawn", "forkserver")
QUERIES = ("pertahanan", "kunjungan menteri", "loc:Belarus", 'person:"Vladimir Putin"')
WRITER_PID = "WARTA_TEST_WRITER_PID"
"""File in which :func:`blocking_annotator` writes the pid of its writer process."""

_RUN = """
import concurrent.futures, functools, multiprocessing, sys
multiprocessing.set_start_method(sys.argv[1], force=True)
sys.path.insert(0, {tests!r})
import tui.cli, indexer.pipeline
tui.cli.commands.index_paths = functools.partial(tui.cli.commands.index_paths, workers=2)
if sys.argv[2]:
    import test_start_methods
    annotator = getattr(test_start_methods, sys.argv[2])
    indexer.pipeline._annotator = lambda: annotator
if sys.argv[3] == "thread":  # as the browser does
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        sys.exit(pool.submit(tui.cli.main, sys.argv[4:]).result())
sys.exit(tui.cli.main(sys.argv[4:]))
"""


def raising_annotator(article: Article) -> Annotations:
    raise RuntimeError("injected failure")


def exiting_annotator(article: Article) -> Annotations:
    os._exit(3)


def blocking_annotator(article: Article) -> Annotations:
    """Tell the test which process annotates, then never return."""
    path = os.environ[WRITER_PID]
    with open(path + ".tmp", "w") as out:
        out.write(str(os.getpid()))
    os.replace(path + ".tmp", path)
    threading.Event().wait()
    raise AssertionError("unreachable")


def _command(method: str, annotator: str, *args: str | os.PathLike[str], thread: bool = False) -> list[str]:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    where = "thread" if thread else "main"
    return [sys.executable, "-c", _RUN.format(tests=str(TESTS)), method, annotator, where, *map(os.fspath, args)]


def _env(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k != "WARTA_DEBUG"}, **extra}


def _warta(
    method: str, *args: str | os.PathLike[str], annotator: str = "", thread: bool = False
) -> subprocess.CompletedProcess[str]:
    """``warta ARGS...`` in a new interpreter using ``method``, with ``annotator`` of this module if given,
    in a thread pool's thread if ``thread``."""
    command = _command(method, annotator, *args, thread=thread)
    return subprocess.run(command, capture_output=True, text=True, env=_env(), timeout=600)


def _snapshot(cli: Cli, index: Path) -> dict[str, Any]:
    """What the commands show of an index: articles with entities and events, searches, entity counts."""
    docs = cli("list", "--json", "--index", index).json()["documents"]
    return {
        "shown": {doc["id"]: cli("show", doc["id"], "--json", "--index", index).json() for doc in docs},
        "searches": {query: cli("search", query, "--json", "--index", index).json() for query in QUERIES},
        "entities": cli("entities", "--json", "--index", index).json()["entities"],
    }


@pytest.fixture(scope="module")
def fork_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples indexed with forked writer processes."""
    index = tmp_path_factory.mktemp("fork") / "index"
    run = _warta("fork", "index", "--index", index, DATA)
    assert (run.returncode, run.stderr) == (0, ""), run.stderr
    return index


def test_the_fork_built_index_has_what_the_comparisons_need(cli: Cli, fork_index: Path) -> None:
    snapshot = _snapshot(cli, fork_index)
    assert len(snapshot["shown"]) == 3
    assert all(doc["entities"] for doc in snapshot["shown"].values())
    assert any(doc["events"] for doc in snapshot["shown"].values())
    assert all(result["total"] > 0 for result in snapshot["searches"].values())
    assert snapshot["entities"]


@pytest.mark.parametrize("thread", [False, True], ids=["main", "thread"])
@pytest.mark.parametrize("method", METHODS)
def test_every_start_method_builds_the_same_index(
    cli: Cli, fork_index: Path, tmp_path: Path, method: str, thread: bool
) -> None:
    index = tmp_path / "index"
    run = _warta(method, "index", "--index", index, DATA, thread=thread)
    assert (run.returncode, run.stdout, run.stderr) == (0, "3 files: 3 added, 0 updated, 0 unchanged, 0 skipped\n", "")
    assert _snapshot(cli, index) == _snapshot(cli, fork_index)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("annotator", "reason"),
    [("raising_annotator", "raised RuntimeError: injected failure"), ("exiting_annotator", "exited with code 3")],
    ids=["raises", "exits"],
)
def test_a_failing_writer_process_fails_the_run_and_the_index_keeps_what_it_had(
    cli: Cli, fork_index: Path, tmp_path: Path, method: str, annotator: str, reason: str
) -> None:
    index = tmp_path / "index"
    shutil.copytree(fork_index, index)
    before = _snapshot(cli, index)
    files = sorted(os.listdir(index))
    new = write_jsonl(tmp_path / "new" / "new.jsonl", [article("new", "Berita baru", "Menteri Pertahanan tiba.")])

    run = _warta(method, "index", "--index", index, DATA, new.parent, annotator=annotator)
    assert (run.returncode, run.stdout) == (1, "")
    assert len(run.stderr.splitlines()) == 1, run.stderr
    assert run.stderr.startswith("warta: indexing failed: writer process ") and reason in run.stderr
    assert not any(marker in run.stderr for marker in TRACEBACK)

    assert sorted(os.listdir(index)) == files  # no commit, and nothing of the batch left behind
    assert _snapshot(cli, index) == before
    again = cli("index", "--index", index, DATA, new.parent)  # the catalogue did not take the batch
    assert (again.rc, again.out) == (0, "4 files: 1 added, 0 updated, 3 unchanged, 0 skipped\n")


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists and is no zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _write_lock_held(index: Path) -> bool:
    inode = (index / "warta_WRITELOCK").stat().st_ino
    return any(line.split()[5].endswith(f":{inode}") for line in Path("/proc/locks").read_text().splitlines())


def _wait_for(condition: Any, proc: subprocess.Popen[str] | None = None) -> None:
    """Poll ``condition``; the deadline only keeps a broken run from hanging the suite."""
    deadline = time.monotonic() + 300
    while not condition():
        assert proc is None or proc.poll() is None, "the indexer ended first"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("method", METHODS)
def test_writer_processes_hold_no_lock_and_end_with_a_killed_indexer(tmp_path: Path, method: str) -> None:
    index, marker = tmp_path / "index", tmp_path / "writer.pid"
    command = _command(method, "blocking_annotator", "index", "--index", index, DATA)
    env = _env(**{WRITER_PID: str(marker)})
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    try:
        _wait_for(marker.exists, proc)
        writer = int(marker.read_text())
        assert _write_lock_held(index)
        proc.kill()
        assert proc.wait() == -signal.SIGKILL
        assert not _write_lock_held(index)  # no writer process kept a copy of the lock
        _wait_for(lambda: not _running(writer))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(marker.read_text()) if marker.exists() else proc.pid, signal.SIGKILL)
        proc.kill()
        proc.wait()
