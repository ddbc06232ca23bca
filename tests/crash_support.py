"""Running ``warta index`` in a child process that a crash point kills, and the invariants checked after."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from indexer.catalog.articles import open_catalog
from indexer.integrity import check
from indexer.model import Problem
from indexer.pipeline import document_id
from indexer.store import Store

BATCH = 6
"""Articles per commit in the child runs: many commits (and merges of small segments) from a few articles."""

RUNNER = (
    "import os, sys, indexer.pipeline as p; p.BATCH_ARTICLES = int(sys.argv.pop(1)); os.cpu_count = lambda: 2; "
    "from tui.entry import main; sys.exit(main())"
)
"""``warta`` with a batch size, and two writer processes even on one core (the crash points in them)."""

WORDS = "ferry harbour bridge market river island coast train station road".split()


@dataclass(frozen=True)
class Outcome:
    """What a child ``warta`` run did."""

    rc: int
    out: str
    err: str


def warta(
    index: Path, *args: str | os.PathLike[str], crash: str | None = None, action: str = "kill", batch: int = BATCH
) -> Outcome:
    """``warta index ARGS --index INDEX`` in a new process group, ``WARTA_CRASH_AT=crash`` if given; what is
    left of the group is killed once the run has ended (worker processes end on their own, soon after)."""
    env = {k: v for k, v in os.environ.items() if k != "WARTA_CRASH_AT"}
    if crash:
        env["WARTA_CRASH_AT"] = f"{crash}:{action}"
    out_path, err_path = index.parent / f"{index.name}.out", index.parent / f"{index.name}.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(batch), "index", *map(str, args), "--index", str(index)],
            stdout=out,
            stderr=err,
            env=env,
            start_new_session=True,
        )
        try:
            rc = proc.wait(timeout=300)
        finally:
            _end_group(proc.pid)
    return Outcome(rc, out_path.read_text(errors="replace"), err_path.read_text(errors="replace"))


def _end_group(group: int) -> None:
    """Wait a little for the rest of the process group to end, then kill it."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def articles(path: Path, keys: list[str], version: int = 0) -> Path:
    """A JSONL file of short articles with these keys (``version`` changes every body)."""
    with path.open("w", encoding="utf-8") as out:
        for key in keys:
            n = int(key.lstrip("abcdefghijklmnopqrstuvwxyz") or 0)
            body = (
                f"Article {key} about the {WORDS[n % 10]} and the {WORDS[(n * 7) % 10]}, said reporter {n % 97}"
                f" in version {version}."
            )
            out.write(json.dumps({"id": key, "title": f"Report {key} v{version}", "body": body}) + "\n")
    return path


def input_ids(*files: Path) -> set[str]:
    """The article ids of the records of ``files``, as the pipeline makes them."""
    from indexer.ingest.reading import read_records

    ids = set()
    for file in files:
        for record in read_records(str(file)):
            if not isinstance(record, Problem):
                ids.add(document_id(record.path, record.key))
    return ids


def index_state(index: Path) -> tuple[dict[str, list[int]], set[str]]:
    """Document numbers of each id in the index, and the ids of the catalogue."""
    with Store.open(str(index)) as store:
        numbers = store.id_documents()
    catalog = open_catalog(str(index))
    try:
        return numbers, catalog.ids()
    finally:
        catalog.close()


def assert_agree(index: Path, expected: set[str]) -> None:
    """The invariants: ``--check`` passes; both sides hold exactly ``expected``, each article once; no row
    waits to be read again."""
    report = check(str(index))
    assert report.ok, report.problems
    numbers, catalogued = index_state(index)
    doubled = {doc_id: n for doc_id, n in numbers.items() if len(n) != 1}
    assert not doubled, f"articles in the index more than once: {doubled}"
    assert set(numbers) == catalogued, set(numbers) ^ catalogued
    assert set(numbers) == expected, (sorted(set(numbers) - expected), sorted(expected - set(numbers)))
    catalog = open_catalog(str(index))
    try:
        assert catalog.stale_count() == 0
    finally:
        catalog.close()
