"""Search latency by query family on a kept index: prefixes, wildcards, ranges, fuzzy, phrases, headlines…

Run ``python bench/families.py --index DIR`` on an index kept by ``python bench/run.py --keep DIR``
(see bench/README.md). Each query of ``bench/families.txt`` (plus the ``[words]`` group of
``bench/queries.txt``, for the p95 target, and a few generated hostile queries) is run once to warm up,
then ``--runs`` times, through ``Store.search(query, limit=20)`` as ``warta search`` and the browser call
it. A query still running after ``--cap`` seconds is stopped and counted at the cap (``capped``): the
figures of a capped query are lower bounds.

``--before FILE`` is the JSON of an earlier run (for instance on the code before a change, imported with
``PYTHONPATH=/path/to/old/checkout``): the table then shows both medians and their ratio, both measured
on this machine.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import engine_dir, git_commit, load_queries, percentile  # noqa: E402

FAMILIES = HERE / "families.txt"
WORDS = HERE / "queries.txt"
OUTPUT = HERE / "results" / "families.json"
LIMIT = 20
TARGET_MAX_MS = 150.0
"""No query of any family slower than this (issue 20)."""
TARGET_WORDS_P95_MS = 20.0
"""p95 over the one- and two-word queries (issue 20)."""
HEADER = re.compile(r"\[[a-z][a-z0-9-]*(?: sort=date)?\]")
COMMON = "yang di dan itu ini dengan untuk dari dalam pada the of to and said in for it on is".split()


def generated_queries() -> list[str]:
    """The bad input of issue 20: 10,000 characters, 500 terms, 200 nested parentheses, controls."""
    return [
        " ".join(COMMON[i % len(COMMON)] for i in range(500)),
        ("presiden jakarta banjir " * 500)[:10_000],
        "(" * 200 + "jakarta" + ")" * 200,
        "AND OR NOT " * 50,
        "* ? ~ " * 40,
        "jakarta\x00\x1b[31m\x9b\u202e banjir",
    ]


class Capped(Exception):
    """A query ran past the cap."""


@contextmanager
def cap(seconds: float) -> Iterator[None]:
    """Raise :class:`Capped` in this thread after ``seconds`` (Whoosh's loops are Python: SIGALRM stops them)."""

    def stop(_signum: int, _frame: FrameType | None) -> None:
        raise Capped

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Timing:
    """The runs of one query."""

    group: str
    query: str
    sort: str
    total: int | None = None
    notice: str | None = None
    capped: bool = False
    times_ms: list[float] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "query": self.query,
            "sort": self.sort,
            "total": self.total,
            "notice": self.notice,
            "capped": self.capped,
            "p50_ms": round(percentile(self.times_ms, 50), 2),
            "max_ms": round(max(self.times_ms), 2),
            "times_ms": [round(t, 2) for t in self.times_ms],
        }


def _groups(families: Path, words: Path) -> list[tuple[str, str, str]]:
    """``(group, sort, query)`` of every query to time."""
    out: list[tuple[str, str, str]] = []
    for name, queries in load_queries(words).items():
        if name == "words":
            out += [("words", "relevance", q) for q in queries]
    for header, queries in _load_families(families).items():
        name, _, option = header.partition(" ")
        sort = "date" if option.strip() == "sort=date" else "relevance"
        out += [(name, sort, q) for q in queries]
    out += [("hostile-generated", "relevance", q) for q in generated_queries()]
    return out


def _load_families(path: Path) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if HEADER.fullmatch(line):  # not a range query: [a TO z]
            current = groups.setdefault(line[1:-1].strip(), [])
        elif current is None:
            raise SystemExit(f"{path}:{number}: query before any [group] header")
        else:
            current.append(line)
    return groups


def run_one(store: Any, timing: Timing, seconds: float) -> None:
    """One timed search (snippets on, as in the command and the browser), capped."""
    if timing.capped:  # its warm-up already ran past the cap: once is enough
        timing.times_ms.append(seconds * 1000)
        return
    started = time.perf_counter()
    try:
        with cap(seconds):
            result = store.search(timing.query, limit=LIMIT, sort=timing.sort)
    except Capped:
        timing.capped = True
        timing.times_ms.append(seconds * 1000)
        return
    timing.times_ms.append((time.perf_counter() - started) * 1000)
    timing.total, timing.notice = result.total, result.notice


def stats(times: Sequence[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(times, 50), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "max_ms": round(max(times), 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Search latency by query family on a kept Warta index.")
    parser.add_argument("--index", type=Path, required=True, help="a Warta index (bench/run.py --keep DIR)")
    parser.add_argument("--queries", type=Path, default=FAMILIES, help="families file (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query after the warm-up (default 3)")
    parser.add_argument("--cap", type=float, default=30.0, help="seconds after which a query is stopped")
    parser.add_argument("--only", help="only the groups named here, comma-separated")
    parser.add_argument("--before", type=Path, help="JSON of an earlier run, compared query by query")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="JSON report (default: %(default)s)")
    args = parser.parse_args(argv)

    from indexer.store import Store

    wanted = set(args.only.split(",")) if args.only else None
    timings = [Timing(g, q, s) for g, s, q in _groups(args.queries, WORDS) if wanted is None or g in wanted]
    with Store.open(str(args.index)) as store:
        docs = store.doc_count()
        for timing in timings:  # warm-up
            run_one(store, timing, args.cap)
            timing.times_ms.clear()
        for _round in range(args.runs):
            for timing in timings:
                run_one(store, timing, args.cap)

    before: dict[tuple[str, str], dict[str, Any]] = {}
    if args.before:
        for row in json.loads(args.before.read_text(encoding="utf-8"))["queries"]:
            before[(row["group"], row["query"])] = row
    groups = list(dict.fromkeys(t.group for t in timings))
    group_stats = {g: stats([x for t in timings if t.group == g for x in t.times_ms]) for g in groups}
    report: dict[str, Any] = {
        "meta": {
            "index": str(args.index),
            "docs": docs,
            "engine": str(engine_dir()),
            "commit": git_commit(),
            "runs": args.runs,
            "cap_s": args.cap,
            "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        },
        "groups": group_stats,
        "queries": [t.as_json() for t in timings],
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"{docs:,} articles, {args.runs} runs a query after a warm-up, capped at {args.cap:.0f} s")
    print(f"{'group':20} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for g in groups:
        s = group_stats[g]
        print(f"{g:20} {s['p50_ms']:9.1f} {s['p95_ms']:9.1f} {s['max_ms']:9.1f}")
    print()
    header = f"{'query':44} {'hits':>7} {'p50 ms':>9} {'max ms':>9}"
    print(header + (f" {'before':>9} {'ratio':>7}" if before else ""))
    for t in timings:
        row = t.as_json()
        shown = t.query if len(t.query) <= 44 else t.query[:41] + "..."
        line = f"{shown!r:44.44} {t.total if t.total is not None else '-':>7} {row['p50_ms']:9.1f} {row['max_ms']:9.1f}"
        old = before.get((t.group, t.query))
        if old:
            mark = ">" if old.get("capped") else ""
            line += f" {mark}{old['p50_ms']:8.1f} {old['p50_ms'] / max(row['p50_ms'], 0.01):7.1f}"
        print(line + ("  CAPPED" if t.capped else ""))
    slow = [t for t in timings if max(t.times_ms) > TARGET_MAX_MS]
    words = group_stats.get("words")
    print()
    names = ", ".join(repr(t.query[:30]) for t in slow)
    print(f"over {TARGET_MAX_MS:.0f} ms: {len(slow)} queries" + (f" ({names})" if slow else ""))
    if words:
        print(f"words p95: {words['p95_ms']:.1f} ms (target {TARGET_WORDS_P95_MS:.0f} ms)")
    print(f"JSON: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
