"""Soak test of the write path: random changes to the inputs, ``warta index`` killed again and again, then run.

Run ``python bench/soak.py`` (see bench/README.md, "Crash safety soak"). Each round changes the input files
at random (articles added from a slice of the shared corpus, changed, deleted; files removed and put back),
then starts ``warta index INPUT --prune`` in a child process one to three times, each killed with SIGKILL:
either at a random crash point (``WARTA_CRASH_AT``, :data:`indexer.faults.CRASH_POINTS`) or at a random
instant of the run. Then one plain run (in this process) must leave the index and the catalogue agreeing
with the inputs: every input article exactly once in both, with the content of its input. The report
counts the rounds, the kills, the duplicates, the lost articles and the other disagreements (target: 0).

The corpus is read in place; the input files are written to a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
RESULTS = Path(__file__).resolve().parent / "results" / "soak.json"
FILES = ("a.jsonl", "b.jsonl", "c.jsonl")
RUNNER = (
    "import os, sys, indexer.pipeline as p; p.BATCH_ARTICLES = int(sys.argv.pop(1)); os.cpu_count = lambda: 2; "
    "from tui.entry import main; sys.exit(main())"
)
"""``warta`` with a batch size, and two writer processes even on one core."""


def log(message: str) -> None:
    """A progress line on stderr."""
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


@dataclass
class Tally:
    """What the soak did and found."""

    rounds: int = 0
    runs: int = 0
    kills_at_points: int = 0
    kills_at_instants: int = 0
    finished_before_kill: int = 0
    """Runs the kill did not reach: the point not reached, or the run done before the instant."""
    failed_runs: int = 0
    """Killed-at runs that exited with an error of their own (they must not: a traceback is counted too)."""
    tracebacks: int = 0
    duplicates: int = 0
    """Articles found more than once in the index after a plain run (summed over rounds)."""
    lost: int = 0
    """Input articles missing from the index or the catalogue after a plain run."""
    extra: int = 0
    """Articles in the index or the catalogue that no input holds after a plain run."""
    stale_content: int = 0
    """Articles whose stored content hash is not their input's after a plain run."""
    check_failures: int = 0
    """Plain runs after which ``warta index --check`` found a disagreement."""
    mended_runs: int = 0
    """Plain runs that mended something a killed run left."""
    points: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


class Inputs:
    """The input files, as a model (file → article id → record) written to a folder."""

    def __init__(self, folder: Path, pool: list[dict[str, Any]], rng: random.Random) -> None:
        self.folder = folder
        self.pool = pool
        self.rng = rng
        self.files: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in FILES}
        self.next = 0
        for name in FILES:
            self.add(name, len(pool) // (2 * len(FILES)))
        self.write()

    def add(self, name: str, count: int) -> None:
        for _ in range(count):
            record = dict(self.pool[self.next % len(self.pool)])
            record["id"] = f"{record.get('id', 'r')}-{self.next}"
            self.next += 1
            self.files.setdefault(name, {})[record["id"]] = record

    def mutate(self) -> str:
        """One random change; returns what it was."""
        name = self.rng.choice(FILES)
        records = self.files.get(name)
        kind = self.rng.choices(["add", "change", "delete", "remove", "restore"], [4, 4, 3, 1, 1])[0]
        if records is None or kind == "restore":
            self.files[name] = {}
            self.add(name, self.rng.randint(1, 20))
            return f"restore {name}"
        if kind == "remove":
            del self.files[name]
            return f"remove {name}"
        if kind == "add" or not records:
            self.add(name, self.rng.randint(1, 25))
            return f"add to {name}"
        keys = self.rng.sample(list(records), min(len(records), self.rng.randint(1, 8)))
        for key in keys:
            if kind == "change":
                records[key] = dict(records[key], body=f"{records[key].get('body', '')} (revised {self.next})")
                self.next += 1
            else:
                del records[key]
        if not records:  # an empty file is the input readers' concern (issue 23, item 4), not this soak's
            del self.files[name]
            return f"delete all {len(keys)} in {name} (file removed)"
        return f"{kind} {len(keys)} in {name}"

    def write(self) -> None:
        for name in FILES:
            path = self.folder / name
            if name not in self.files:
                path.unlink(missing_ok=True)
                continue
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.files[name].values())
            temporary = path.with_suffix(".part")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)  # the child never sees half a file

    def paths(self) -> list[Path]:
        return [self.folder / name for name in FILES if name in self.files]


def corpus_slice(corpus: Path, per_file: int) -> list[dict[str, Any]]:
    """The first ``per_file`` records of each corpus file, read in place."""
    pool: list[dict[str, Any]] = []
    for path in sorted(corpus.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for count, line in enumerate(handle):
                if count >= per_file:
                    break
                pool.append(json.loads(line))
    if not pool:
        raise SystemExit(f"no *.jsonl files in {corpus} (use --corpus DIR)")
    return pool


def child(index: Path, folder: Path, batch: int, crash: str | None, kill_after: float | None) -> tuple[int, str, float]:
    """One ``warta index FOLDER --prune`` in its own process group; returns its exit code, stderr, seconds."""
    env = {k: v for k, v in os.environ.items() if k != "WARTA_CRASH_AT"}
    if crash:
        env["WARTA_CRASH_AT"] = crash
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(batch), "index", str(folder), "--prune", "--index", str(index)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        seconds = time.monotonic() - started
        _end_group(proc.pid)
        err.seek(0)
        return proc.returncode, err.read().decode("utf-8", "replace"), seconds


def _end_group(group: int) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


def expected(inputs: Inputs) -> dict[str, str]:
    """Article id → content hash of every input record, as the pipeline makes them."""
    from indexer.ingest.reading import read_records
    from indexer.model import Problem
    from indexer.pipeline import content_hash, document_id, run_version

    version = run_version()
    found = {}
    for path in inputs.paths():
        for record in read_records(str(path)):
            if not isinstance(record, Problem):
                found[document_id(record.path, record.key)] = content_hash(record, version)
    return found


def verify(index: Path, inputs: Inputs, tally: Tally, label: str) -> None:
    """Count what disagrees after a plain run."""
    from indexer.catalog.articles import open_catalog
    from indexer.integrity import check
    from indexer.store import Store

    wanted = expected(inputs)
    with Store.open(str(index)) as store:
        numbers = store.id_documents()
        stored = store.stored_hashes()
    catalog = open_catalog(str(index))
    try:
        catalogued = catalog.ids()
    finally:
        catalog.close()
    doubled = sum(len(n) - 1 for n in numbers.values() if len(n) > 1)
    lost = len(wanted.keys() - numbers.keys()) + len(wanted.keys() - catalogued)
    extra = len(numbers.keys() - wanted.keys()) + len(catalogued - wanted.keys())
    stale = sum(1 for doc_id, digest in wanted.items() if doc_id in stored and stored[doc_id] != digest)
    report = check(str(index))
    unexpected = (numbers.keys() | catalogued) - wanted.keys()
    catalog = open_catalog(str(index))
    try:
        whose = Counter(row.path.rpartition("/")[2] for row in catalog.rows(unexpected).values())
    finally:
        catalog.close()
    tally.duplicates += doubled
    tally.lost += lost
    tally.extra += extra
    tally.stale_content += stale
    tally.check_failures += not report.ok
    if doubled or lost or extra or stale or not report.ok:
        tally.problems.append(
            f"{label}: {doubled} doubled, {lost} lost, {extra} extra (of {dict(whose)}), {stale} stale;"
            f" check: {report.problems}"
        )
        log(tally.problems[-1])


def soak(args: argparse.Namespace) -> Tally:
    from indexer.faults import CRASH_POINTS
    from indexer.pipeline import index_paths

    rng = random.Random(args.seed)
    pool = corpus_slice(args.corpus, args.per_file)
    tally = Tally()
    points = sorted(point for point in CRASH_POINTS if not point.startswith("mend-"))  # mending: no duplicates here
    with tempfile.TemporaryDirectory(prefix="warta-soak-") as scratch:
        folder = Path(scratch) / "input"
        folder.mkdir()
        index = Path(scratch) / "index"
        inputs = Inputs(folder, pool, rng)
        started = time.monotonic()
        summary = index_paths([str(folder)], str(index), prune=True, workers=2)
        log(f"first run: {summary.line()} in {time.monotonic() - started:.1f} s")
        typical = 0.0
        while tally.rounds < args.rounds and time.monotonic() - started < args.max_minutes * 60:
            changes = [inputs.mutate() for _ in range(rng.randint(1, 3))]
            inputs.write()
            for _ in range(rng.randint(1, 3)):
                at_point = rng.random() < 0.5
                crash = f"{rng.choice(points)}@{rng.choices([1, 2, 3], [6, 3, 1])[0]}" if at_point else None
                kill_after = None if at_point else rng.uniform(0.3, max(typical, 4.0) * 1.2)
                rc, err, seconds = child(index, folder, args.batch, crash, kill_after)
                tally.runs += 1
                if "Traceback" in err:
                    tally.tracebacks += 1
                    tally.problems.append(f"round {tally.rounds + 1}: traceback: {err[-400:]}")
                if rc == -signal.SIGKILL:
                    if at_point:
                        tally.kills_at_points += 1
                        tally.points[str(crash).partition("@")[0]] += 1
                    else:
                        tally.kills_at_instants += 1
                elif rc == 0 or (rc == 1 and "no files to index" in err):
                    tally.finished_before_kill += 1
                    typical = seconds if not typical else 0.8 * typical + 0.2 * seconds
                else:
                    tally.failed_runs += 1
                    tally.problems.append(f"round {tally.rounds + 1}: run failed ({rc}): {err.strip()[-300:]}")
            summary = index_paths([str(folder)], str(index), prune=True, workers=2)
            tally.mended_runs += bool(summary.mending.lines())
            tally.rounds += 1
            verify(index, inputs, tally, f"round {tally.rounds} ({', '.join(changes)})")
            if tally.rounds % 10 == 0:
                log(
                    f"round {tally.rounds}: {tally.kills_at_points} + {tally.kills_at_instants} kills,"
                    f" {tally.duplicates} doubled, {tally.lost} lost, {len(expected(inputs))} articles"
                )
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="kill/re-run rounds (default 200)")
    parser.add_argument("--per-file", type=int, default=150, help="records taken from each corpus file (150)")
    parser.add_argument("--batch", type=int, default=25, help="articles per commit in the killed runs (25)")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--max-minutes", type=float, default=180.0, help="stop after this long (180)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    started = time.monotonic()
    tally = soak(args)
    minutes = (time.monotonic() - started) / 60
    result = {f.name: getattr(tally, f.name) for f in fields(tally)}
    result.update(points=dict(tally.points), minutes=round(minutes, 1), seed=args.seed, per_file=args.per_file)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"rounds                 {tally.rounds}")
    print(f"child runs             {tally.runs}")
    print(f"kills at crash points  {tally.kills_at_points} ({len(tally.points)} points)")
    print(f"kills at instants      {tally.kills_at_instants}")
    print(f"runs not killed        {tally.finished_before_kill}")
    print(f"runs failed otherwise  {tally.failed_runs} ({tally.tracebacks} tracebacks)")
    print(f"plain runs that mended {tally.mended_runs}")
    print(f"duplicates             {tally.duplicates}")
    print(f"lost articles          {tally.lost}")
    print(f"extra articles         {tally.extra}")
    print(f"stale content          {tally.stale_content}")
    print(f"--check failures       {tally.check_failures}")
    print(f"time                   {minutes:.1f} min")
    bad = tally.duplicates + tally.lost + tally.extra + tally.stale_content + tally.check_failures
    return 1 if bad or tally.failed_runs or tally.tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
