"""Warta benchmark: indexing speed against raw Whoosh, re-indexing, search latency, index size, memory.

Run ``python bench/run.py`` (see bench/README.md). It prints a table and writes ``bench/results/latest.json``.
Both indexing runs happen in child processes of this script (``run.py _child KIND SPEC``), so that each
one's peak memory is its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_QUERIES = Path(__file__).resolve().parent / "queries.txt"
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"

RUNS_PER_QUERY = 5
SEARCH_LIMIT = 20
WORDS_GROUP = "words"

TARGET_RATIO = 0.5
"""Warta's articles/s over raw Whoosh's, at least, with entity recognition and event extraction (the
entities issue); the engine alone, before them, was asked 0.7."""
TARGET_SPEEDUP = 20.0
"""First indexing run's seconds over the unchanged re-index's, at least."""
TARGET_WORDS_P95_MS = 50.0
"""p95 latency of the one- and two-word queries, at most."""
TARGET_MAX_MS = 300.0
"""Slowest single search of all queries, at most."""


# ---------------------------------------------------------------------------------------------- helpers


def log(message: str) -> None:
    """A progress line on stderr."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def dir_bytes(path: str | Path) -> int:
    """Bytes of all files under ``path``."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


def maxrss_mb(who: int) -> float:
    """Peak resident memory of ``who`` (``RUSAGE_SELF`` or ``RUSAGE_CHILDREN``) in MiB (Linux reports KiB)."""
    kib = resource.getrusage(who).ru_maxrss
    return round(kib / (1 << 20 if sys.platform == "darwin" else 1 << 10), 1)


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile of ``values``, linearly interpolated between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def load_queries(path: Path) -> dict[str, list[str]]:
    """Query groups of a queries file: ``[group]`` headers, one query a line, ``#`` comments."""
    groups: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = groups.setdefault(line[1:-1].strip(), [])
        elif current is None:
            raise SystemExit(f"{path}:{number}: query before any [group] header")
        else:
            current.append(line)
    if WORDS_GROUP not in groups:
        raise SystemExit(f"{path}: no [{WORDS_GROUP}] group")
    return groups


def corpus_files(corpus: Path) -> list[Path]:
    """The JSON Lines files of the corpus folder."""
    files = sorted(corpus.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no *.jsonl files in {corpus} (use --corpus DIR)")
    return files


def limited_copies(files: Sequence[Path], limit: int, folder: Path) -> list[Path]:
    """The first ``limit`` lines of each file, written under ``folder`` (a temporary folder)."""
    out: list[Path] = []
    for source in files:
        target = folder / source.name
        with source.open("rb") as src, target.open("wb") as dst:
            for count, line in enumerate(src):
                if count >= limit:
                    break
                dst.write(line)
        out.append(target)
    return out


def git_commit() -> str | None:
    """The checked-out commit, with ``+dirty`` when ``indexer/`` differs from it (untracked files included)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--", "indexer"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty" if dirty else "")


def engine_dir() -> Path:
    """Folder of the ``indexer`` package that is imported (the repository's, unless PYTHONPATH says otherwise)."""
    import indexer

    return Path(indexer.__file__).resolve().parent


def code_fingerprint() -> str:
    """Hash of the engine's sources (``indexer/*.py``): tells whether the measured code changed during a run."""
    digest = hashlib.sha1()
    for path in sorted(engine_dir().glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


# ---------------------------------------------------------------------------------------------- child runs


def child_baseline(paths: Sequence[str], index_dir: str) -> dict[str, Any]:
    """Raw Whoosh: title and body as default ``TEXT`` fields, one writer, one commit."""
    from whoosh import fields, index

    started = time.perf_counter()
    schema = fields.Schema(title=fields.TEXT(), body=fields.TEXT())
    ix = index.create_in(index_dir, schema)
    writer = ix.writer()
    articles = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                obj = json.loads(line)
                writer.add_document(title=str(obj.get("title") or ""), body=str(obj.get("body") or ""))
                articles += 1
    writer.commit()
    seconds = time.perf_counter() - started
    ix.close()
    return {
        "articles": articles,
        "seconds": seconds,
        "index_bytes": dir_bytes(index_dir),
        "peak_rss_mb": maxrss_mb(resource.RUSAGE_SELF),
    }


def _summary(summary: Any) -> dict[str, Any]:
    return {
        "line": summary.line(),
        "added": summary.added,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "removed": summary.removed,
        "files": summary.files,
        "problems": len(summary.problems),
        "first_problems": [str(problem) for problem in summary.problems[:5]],
    }


def child_warta(paths: Sequence[str], index_dir: str) -> dict[str, Any]:
    """Warta: ``index_paths`` into an empty folder, then again over the unchanged input."""
    from indexer.pipeline import index_paths

    started = time.perf_counter()
    first = index_paths(paths, index_dir)
    first_seconds = time.perf_counter() - started
    rss_self = maxrss_mb(resource.RUSAGE_SELF)
    rss_children = maxrss_mb(resource.RUSAGE_CHILDREN)
    first_bytes = dir_bytes(index_dir)

    started = time.perf_counter()
    second = index_paths(paths, index_dir)
    second_seconds = time.perf_counter() - started
    return {
        "first": {"seconds": first_seconds, "summary": _summary(first)},
        "second": {"seconds": second_seconds, "summary": _summary(second)},
        "index_bytes": first_bytes,
        "index_bytes_after_reindex": dir_bytes(index_dir),
        "peak_rss_self_mb": rss_self,
        "peak_rss_children_mb": rss_children,
    }


def child_main(argv: Sequence[str]) -> int:
    """Entry of a child run: ``_child baseline|warta SPEC.json``; the result replaces SPEC's ``out`` file."""
    kind, spec_path = argv
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    run = child_baseline if kind == "baseline" else child_warta
    result = run(spec["paths"], spec["index_dir"])
    Path(spec["out"]).write_text(json.dumps(result), encoding="utf-8")
    return 0


def run_child(kind: str, paths: Sequence[Path], index_dir: str, scratch: Path) -> dict[str, Any]:
    """Run ``kind`` in a fresh Python process and return what it measured."""
    spec = scratch / f"{kind}-spec.json"
    out = scratch / f"{kind}-result.json"
    spec.write_text(
        json.dumps({"paths": [str(p) for p in paths], "index_dir": index_dir, "out": str(out)}), encoding="utf-8"
    )
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "_child", kind, str(spec)], check=True)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


# ---------------------------------------------------------------------------------------------- search


@dataclass(slots=True)
class QueryTiming:
    """The timed runs of one query."""

    group: str
    query: str
    total: int = 0
    notice: str | None = None
    times_ms: list[float] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """JSON form, with the median and the slowest run."""
        return {
            "group": self.group,
            "query": self.query,
            "total": self.total,
            "notice": self.notice,
            "p50_ms": round(percentile(self.times_ms, 50), 2),
            "max_ms": round(max(self.times_ms), 2),
            "times_ms": [round(t, 2) for t in self.times_ms],
        }


def bench_search(index_dir: str, groups: dict[str, list[str]]) -> tuple[list[QueryTiming], int]:
    """Warm up with one pass over all queries, then time ``RUNS_PER_QUERY`` passes; also the doc count."""
    from indexer.store import Store

    timings = [QueryTiming(group, q) for group, queries in groups.items() for q in queries]
    with Store.open(index_dir) as store:
        docs = store.doc_count()
        for timing in timings:
            result = store.search(timing.query, limit=SEARCH_LIMIT)
            timing.total, timing.notice = result.total, result.notice
        for _round in range(RUNS_PER_QUERY):
            for timing in timings:
                started = time.perf_counter()
                store.search(timing.query, limit=SEARCH_LIMIT)
                timing.times_ms.append((time.perf_counter() - started) * 1000)
    return timings, docs


def group_stats(timings: Sequence[QueryTiming]) -> dict[str, Any]:
    """p50 / p95 / max over every timed run of ``timings``."""
    samples = [t for timing in timings for t in timing.times_ms]
    return {
        "queries": len(timings),
        "runs": len(samples),
        "p50_ms": round(percentile(samples, 50), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "max_ms": round(max(samples), 2),
    }


# ---------------------------------------------------------------------------------------------- report


def _fmt_int(value: float | int) -> str:
    return f"{value:,.0f}"


def _fmt_mb(value: float) -> str:
    return f"{value / (1 << 20):,.1f} MiB"


def _table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [
            cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def render(report: dict[str, Any]) -> str:
    """The human-readable table of a report."""
    out: list[str] = []
    meta, corpus = report["meta"], report["corpus"]
    out.append(
        f"Warta benchmark  {meta['started']}  commit {meta['commit']} (indexer/ {meta['indexer_sources']})  "
        f"python {meta['python']}"
    )
    out.append(f"machine: {meta['cpus']} cores, {meta['platform']}")
    limit = f", first {corpus['limit']:,} records per file" if corpus["limit"] else ""
    out.append(
        f"corpus: {corpus['dir']} ({len(corpus['files'])} files, {_fmt_int(corpus['records'])} records, "
        f"{_fmt_mb(corpus['bytes'])}{limit})"
    )
    out.append("")

    base, idx, reidx = report["baseline"], report["index"], report["reindex"]
    rows: list[list[str]] = []
    if base:
        rows.append(
            [
                "raw Whoosh baseline",
                _fmt_int(base["articles"]),
                f"{base['seconds']:.1f}",
                _fmt_int(base["articles_per_s"]),
                "1.00",
                f"{base['peak_rss_mb']:,.0f} MiB",
            ]
        )
    ratio = f"{idx['ratio_to_baseline']:.2f}" if idx["ratio_to_baseline"] is not None else "n/a"
    rows.append(
        [
            "Warta index (fresh)",
            _fmt_int(idx["articles"]),
            f"{idx['seconds']:.1f}",
            _fmt_int(idx["articles_per_s"]),
            ratio,
            f"{idx['peak_rss_self_mb']:,.0f} + {idx['peak_rss_children_mb']:,.0f} MiB",
        ]
    )
    rows.append(["Warta re-index (unchanged)", _fmt_int(reidx["unchanged"]), f"{reidx['seconds']:.2f}", "", "", ""])
    out.append("Indexing")
    out.extend(_table(rows, ["run", "articles", "seconds", "articles/s", "vs baseline", "peak RSS"]))
    if idx["ratio_to_baseline"] is None:
        out.append("(baseline skipped: ratios to the baseline are not available)")
    out.append("peak RSS of Warta: writer process + largest worker process")
    out.append(f"re-index speed-up: {reidx['speedup']:.0f}x  ({reidx['summary_line']})")
    out.append("")

    size = report["size"]
    out.append("Index size")
    size_rows = [["Warta index dir", _fmt_mb(size["index_bytes"]), f"{size['ratio_to_corpus']:.2f}"]]
    size_rows.append(["  of which catalogue", _fmt_mb(size["catalog_bytes"]), ""])
    if base:
        size_rows.append(
            ["raw Whoosh baseline", _fmt_mb(base["index_bytes"]), f"{base['index_bytes'] / corpus['bytes']:.2f}"]
        )
    out.extend(_table(size_rows, ["index", "bytes", "x corpus"]))
    out.append("")

    search = report["search"]
    out.append(
        f"Search  ({search['docs']:,} docs, limit {SEARCH_LIMIT}, 1 warm-up + {RUNS_PER_QUERY} runs per query; "
        "percentiles over all runs)"
    )
    group_rows = [
        [name, str(s["queries"]), f"{s['p50_ms']:.1f}", f"{s['p95_ms']:.1f}", f"{s['max_ms']:.1f}"]
        for name, s in search["groups"].items()
    ]
    all_s = search["all"]
    group_rows.append(
        ["all", str(all_s["queries"]), f"{all_s['p50_ms']:.1f}", f"{all_s['p95_ms']:.1f}", f"{all_s['max_ms']:.1f}"]
    )
    out.extend(_table(group_rows, ["group", "queries", "p50 ms", "p95 ms", "max ms"]))
    out.append("")
    out.append("Slowest queries (by slowest run)")
    slow_rows = [
        [q["query"], q["group"], _fmt_int(q["total"]), f"{q['p50_ms']:.1f}", f"{q['max_ms']:.1f}"]
        for q in search["slowest"]
    ]
    out.extend(_table(slow_rows, ["query", "group", "hits", "p50 ms", "max ms"]))
    out.append("")

    out.append("Targets")
    target_rows = [[t["name"], t["target"], t["value"], t["verdict"]] for t in report["targets"]]
    out.extend(_table(target_rows, ["figure", "target", "measured", ""]))
    if report["warnings"]:
        out.append("")
        out.append("Warnings")
        out.extend(f"- {w}" for w in report["warnings"])
    out.append("")
    out.append(f"total time: {meta['total_seconds']:.0f} s")
    return "\n".join(out)


def _target(name: str, target: str, value: float | None, ok: bool | None, unit: str = "") -> dict[str, Any]:
    shown = "n/a" if value is None else f"{value:.2f}{unit}" if value < 100 else f"{value:,.0f}{unit}"
    verdict = "n/a" if ok is None else "ok" if ok else "MISSED"
    return {"name": name, "target": target, "value": shown, "raw": value, "ok": ok, "verdict": verdict}


# ---------------------------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description="Benchmark Warta's indexing and search on the shared corpus.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of *.jsonl files")
    parser.add_argument("--limit", type=int, default=0, help="only the first N records of each file (smoke run)")
    parser.add_argument("--keep", type=Path, help="build the Warta index in this (new or empty) folder and keep it")
    parser.add_argument("--skip-baseline", action="store_true", help="no raw Whoosh run (ratios become n/a)")
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES, help="queries file (default: %(default)s)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON report (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.limit < 0:
        parser.error("--limit must be positive")
    if args.keep and args.keep.exists() and (not args.keep.is_dir() or any(args.keep.iterdir())):
        parser.error(f"--keep {args.keep}: must be a new or empty folder")
    return args


def _run_warnings(
    args: argparse.Namespace,
    baseline: dict[str, Any] | None,
    records: int,
    first: dict[str, Any],
    second: dict[str, Any],
    docs: int,
    size: dict[str, Any],
    timings: list[QueryTiming],
    code: tuple[str, Path, str | None],
) -> list[str]:
    """What makes a run's figures doubtful: records lost, work redone, queries that fell back, code that
    changed under the benchmark or was not the repository's."""
    fingerprint, engine, commit = code
    articles = first["summary"]["added"]
    warnings: list[str] = []
    if baseline and baseline["articles"] != records:
        warnings.append(f"baseline indexed {baseline['articles']:,} of {records:,} records")
    if articles + first["summary"]["problems"] != records:
        warnings.append(f"Warta added {articles:,} articles from {records:,} records")
    if first["summary"]["problems"]:
        warnings.append(f"Warta skipped {first['summary']['problems']} records: {first['summary']['first_problems']}")
    if docs != articles:
        warnings.append(f"the index holds {docs:,} documents, {articles:,} were added")
    s2 = second["summary"]
    if s2["added"] or s2["updated"] or s2["removed"] or s2["unchanged"] != articles:
        warnings.append(f"re-index of unchanged input did work: {s2['line']}")
    grown = size["index_bytes_after_reindex"] - size["index_bytes"]
    if abs(grown) > 0.01 * size["index_bytes"]:
        warnings.append(f"index size changed by {grown:+,} bytes on the unchanged re-index")
    for timing in timings:
        if timing.notice:
            warnings.append(f"query {timing.query!r} fell back to plain words: {timing.notice}")
        elif timing.total == 0:
            warnings.append(f"query {timing.query!r} found nothing")
    if code_fingerprint() != fingerprint:
        warnings.append("indexer/ changed while the benchmark ran: the figures mix code versions, run it again")
    if engine != REPO / "indexer":
        warnings.append(f"measured the indexer package in {engine}, not the repository's (sources {fingerprint})")
    elif commit is None or commit.endswith("+dirty"):
        warnings.append(f"measured uncommitted code (commit {commit}, indexer/ sources {fingerprint})")
    if args.limit:
        warnings.append(f"--limit {args.limit}: a smoke run, figures are not comparable to a full run")
    return warnings


def main(argv: Sequence[str] | None = None) -> int:
    """Run the whole benchmark, print the table and write the JSON report."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_child"]:
        return child_main(argv[1:])
    args = parse_args(argv)
    groups = load_queries(args.queries)
    started_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    engine = engine_dir()
    commit = git_commit() if engine == REPO / "indexer" else f"none (indexer imported from {engine})"
    fingerprint = code_fingerprint()
    clock = time.perf_counter()
    warnings: list[str] = []

    scratch = Path(tempfile.mkdtemp(prefix="warta-bench-"))
    try:
        sources = corpus_files(args.corpus.resolve())
        inputs = limited_copies(sources, args.limit, scratch) if args.limit else sources
        corpus_bytes = sum(p.stat().st_size for p in inputs)
        records = 0
        for path in inputs:
            with path.open("rb") as handle:
                records += sum(1 for line in handle if line.strip())

        baseline: dict[str, Any] | None = None
        if not args.skip_baseline:
            log(f"baseline: raw Whoosh over {records:,} records")
            base_dir = scratch / "baseline-index"
            base_dir.mkdir()
            baseline = run_child("baseline", inputs, str(base_dir), scratch)
            baseline["articles_per_s"] = baseline["articles"] / baseline["seconds"]
            shutil.rmtree(base_dir)
            log(f"baseline: {baseline['seconds']:.1f} s")

        index_dir = args.keep.resolve() if args.keep else scratch / "warta-index"
        index_dir.mkdir(parents=True, exist_ok=True)
        log(f"warta: index_paths into {index_dir}, then again unchanged")
        warta = run_child("warta", inputs, str(index_dir), scratch)
        first, second = warta["first"], warta["second"]
        log(f"warta: {first['seconds']:.1f} s, re-index {second['seconds']:.2f} s")
        articles = first["summary"]["added"]
        speed = articles / first["seconds"]
        index = {
            "articles": articles,
            "seconds": first["seconds"],
            "articles_per_s": speed,
            "ratio_to_baseline": speed / baseline["articles_per_s"] if baseline else None,
            "summary": first["summary"],
            "peak_rss_self_mb": warta["peak_rss_self_mb"],
            "peak_rss_children_mb": warta["peak_rss_children_mb"],
        }
        reindex = {
            "seconds": second["seconds"],
            "speedup": first["seconds"] / second["seconds"],
            "unchanged": second["summary"]["unchanged"],
            "summary_line": second["summary"]["line"],
            "summary": second["summary"],
        }
        from indexer.catalog.articles import CATALOG_NAME

        catalog_bytes = sum(
            p.stat().st_size for p in index_dir.iterdir() if p.is_file() and p.name.startswith(CATALOG_NAME)
        )
        size = {
            "corpus_bytes": corpus_bytes,
            "index_bytes": warta["index_bytes"],
            "index_bytes_after_reindex": warta["index_bytes_after_reindex"],
            "catalog_bytes": catalog_bytes,
            "ratio_to_corpus": warta["index_bytes"] / corpus_bytes,
        }

        log(f"search: {sum(map(len, groups.values()))} queries, 1 warm-up + {RUNS_PER_QUERY} runs each")
        timings, docs = bench_search(str(index_dir), groups)
        log("search: done")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    group_report = {name: group_stats([t for t in timings if t.group == name]) for name in groups}
    all_stats = group_stats(timings)
    slowest = sorted(timings, key=lambda t: max(t.times_ms), reverse=True)[:5]

    warnings.extend(
        _run_warnings(args, baseline, records, first, second, docs, size, timings, (fingerprint, engine, commit))
    )

    ratio = index["ratio_to_baseline"]
    words_p95 = group_report[WORDS_GROUP]["p95_ms"]
    targets = [
        _target(
            "Warta / baseline articles/s",
            f">= {TARGET_RATIO}",
            ratio,
            None if ratio is None else ratio >= TARGET_RATIO,
        ),
        _target(
            "re-index speed-up",
            f">= {TARGET_SPEEDUP:.0f}x",
            reindex["speedup"],
            reindex["speedup"] >= TARGET_SPEEDUP,
            "x",
        ),
        _target(
            f"p95 [{WORDS_GROUP}] queries",
            f"<= {TARGET_WORDS_P95_MS:.0f} ms",
            words_p95,
            words_p95 <= TARGET_WORDS_P95_MS,
            " ms",
        ),
        _target(
            "max of all queries",
            f"<= {TARGET_MAX_MS:.0f} ms",
            all_stats["max_ms"],
            all_stats["max_ms"] <= TARGET_MAX_MS,
            " ms",
        ),
    ]

    report: dict[str, Any] = {
        "meta": {
            "started": started_at,
            "commit": commit,
            "indexer_sources": fingerprint,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "total_seconds": time.perf_counter() - clock,
            "kept_index": str(index_dir) if args.keep else None,
        },
        "corpus": {
            "dir": str(args.corpus),
            "files": [p.name for p in sources],
            "limit": args.limit or None,
            "records": records,
            "bytes": corpus_bytes,
        },
        "baseline": baseline,
        "baseline_note": None if baseline else "baseline skipped: ratios to the baseline are not available",
        "index": index,
        "reindex": reindex,
        "size": size,
        "search": {
            "docs": docs,
            "limit": SEARCH_LIMIT,
            "runs_per_query": RUNS_PER_QUERY,
            "groups": group_report,
            "all": all_stats,
            "slowest": [t.as_json() for t in slowest],
            "queries": [t.as_json() for t in timings],
        },
        "targets": targets,
        "warnings": warnings,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render(report))
    print(f"\nJSON: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
