"""How Warta grows past one corpus: build time, index size, peak memory and search latency at 1×, 2×, 4×.

    python bench/scale.py                         # the whole corpus at 1×, 2× and 4× (an hour or more)
    python bench/scale.py --fraction 0.25         # a quarter of it, for a quicker curve
    python bench/scale.py --scales 1,2 --baseline # also raw Whoosh at each scale

For scale ``m``, the corpus is written ``m`` times into a scratch folder: copy ``k`` (0 is the corpus
itself) gives every record the id ``ID~xK`` and moves its date ``5 × k`` years later (day, month or
year, as the source gave it; an unreadable date is left as it is), so no copy deduplicates against
another and the dates spread as a longer archive's would. Each build runs ``warta``'s
``index_paths`` in a child process (its peak memory and that of the writer processes it starts are its
own); the search timings then run over the query groups of ``bench/queries.txt`` (one warm-up pass,
then timed passes). With ``--baseline``, raw Whoosh indexes the same records at each scale in the same
run: the ratio Warta / raw Whoosh per scale says whether Warta's cost grows faster than Whoosh's.

Writes ``bench/results/scale.json`` and prints a table (the bench README keeps the figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import run as bench_run  # noqa: E402

SHIFT_YEARS = 5
RESULTS = HERE / "results" / "scale.json"


def shifted_date(value: object, years: int) -> object:
    """``value`` (a source's date) as an ISO date ``years`` later, at the precision it had; else unchanged."""
    from indexer.clean.dates import parse_date

    if not years or not isinstance(value, str):
        return value
    found = parse_date(value)
    if found is None:
        return value
    if found.precision == "day":
        day = dt.date.fromisoformat(found.iso[:10])
        try:
            return day.replace(year=day.year + years).isoformat()
        except ValueError:  # 29 February
            return day.replace(year=day.year + years, day=28).isoformat()
    year = int(found.iso[:4]) + years
    return f"{year:04d}{found.iso[4:]}"


def write_copies(files: Sequence[Path], scale: int, fraction: float, folder: Path) -> tuple[list[Path], int]:
    """The corpus ``scale`` times under ``folder`` (see the module docstring); also the record count."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    records = 0
    for source in files:
        lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        lines = lines[: max(1, int(len(lines) * fraction))]
        for copy in range(scale):
            target = folder / f"{source.stem}-x{copy}.jsonl"
            with target.open("w", encoding="utf-8") as handle:
                for line in lines:
                    record = json.loads(line)
                    if copy:
                        record["id"] = f"{record.get('id')}~x{copy}"
                        if "date" in record:
                            record["date"] = shifted_date(record["date"], SHIFT_YEARS * copy)
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                    records += 1
            out.append(target)
    return out, records


def child_build(paths: Sequence[str], index_dir: str) -> dict[str, Any]:
    """One fresh Warta build of ``paths`` (in a child process of this script)."""
    from indexer.pipeline import index_paths

    started = time.perf_counter()
    summary = index_paths(paths, index_dir)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "added": summary.added,
        "problems": len(summary.problems),
        "index_bytes": bench_run.dir_bytes(index_dir),
        "peak_rss_self_mb": bench_run.maxrss_mb(resource.RUSAGE_SELF),
        "peak_rss_children_mb": bench_run.maxrss_mb(resource.RUSAGE_CHILDREN),
    }


def run_child(kind: str, paths: Sequence[Path], index_dir: Path, scratch: Path) -> dict[str, Any]:
    """``kind`` (``warta`` or ``baseline``) in a fresh Python process; what it measured."""
    spec, out = scratch / f"{kind}-spec.json", scratch / f"{kind}-out.json"
    spec.write_text(json.dumps({"paths": [str(p) for p in paths], "index_dir": str(index_dir), "out": str(out)}))
    subprocess.run([sys.executable, str(Path(__file__).resolve()), "_child", kind, str(spec)], check=True)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def child_main(kind: str, spec_path: str) -> int:
    """Entry of a child process: ``_child warta|baseline SPEC``."""
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    build = child_build if kind == "warta" else bench_run.child_baseline
    Path(spec["out"]).write_text(json.dumps(build(spec["paths"], spec["index_dir"])), encoding="utf-8")
    return 0


def measure(scale: int, args: argparse.Namespace, groups: dict[str, list[str]], scratch: Path) -> dict[str, Any]:
    """Build and search at one scale."""
    folder = scratch / f"input-{scale}"
    paths, records = write_copies(bench_run.corpus_files(args.corpus), scale, args.fraction, folder)
    bench_run.log(f"{scale}×: {records:,} records; building")
    index_dir = scratch / f"index-{scale}"
    build = run_child("warta", paths, index_dir, scratch)
    row: dict[str, Any] = {"scale": scale, "records": records, "build": build}
    if args.baseline:
        bench_run.log(f"{scale}×: raw Whoosh")
        base_dir = scratch / f"baseline-{scale}"
        base_dir.mkdir()
        row["baseline"] = run_child("baseline", paths, base_dir, scratch)
        row["ratio"] = round(row["baseline"]["seconds"] / build["seconds"], 3)
        shutil.rmtree(base_dir)
    bench_run.log(f"{scale}×: searching")
    timings, docs = bench_run.bench_search(str(index_dir), groups)
    row["documents"] = docs
    row["search"] = {group: bench_run.group_stats([t for t in timings if t.group == group]) for group in groups}
    row["search"]["all"] = bench_run.group_stats(timings)
    slowest = max(timings, key=lambda t: max(t.times_ms))
    row["slowest"] = {"query": slowest.query, "group": slowest.group, "max_ms": round(max(slowest.times_ms), 1)}
    if args.keep:
        target = args.keep / f"index-{scale}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(index_dir), target)
    else:
        shutil.rmtree(index_dir)
    shutil.rmtree(folder)
    return row


def render(rows: Sequence[dict[str, Any]]) -> str:
    """The scale curve as a Markdown table."""
    header = (
        "| scale | articles | build s | s / 1,000 articles | speed / raw Whoosh's | index MiB | × input "
        "| peak MiB (main / writers) | words p50 / p95 ms | all p95 / worst ms (query) |"
    )
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for row in rows:
        build = row["build"]
        words = row["search"].get(bench_run.WORDS_GROUP, {})
        every = row["search"]["all"]
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "–"
        lines.append(
            f"| {row['scale']}× | {row['documents']:,} | {build['seconds']:.0f} "
            f"| {1000 * build['seconds'] / max(row['documents'], 1):.1f} | {ratio} "
            f"| {build['index_bytes'] / 2**20:.0f} | {build['index_bytes'] / row['input_bytes']:.2f} "
            f"| {build['peak_rss_self_mb']:.0f} / {build['peak_rss_children_mb']:.0f} "
            f"| {words.get('p50_ms', float('nan')):.1f} / {words.get('p95_ms', float('nan')):.1f} "
            f"| {every['p95_ms']:.1f} / {row['slowest']['max_ms']:.0f} (`{row['slowest']['query']}`) |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=bench_run.DEFAULT_CORPUS)
    parser.add_argument("--queries", type=Path, default=bench_run.DEFAULT_QUERIES)
    parser.add_argument("--scales", default="1,2,4", help="comma-separated multiples of the corpus")
    parser.add_argument("--fraction", type=float, default=1.0, help="share of each corpus file to use (0–1]")
    parser.add_argument("--baseline", action="store_true", help="raw Whoosh at each scale too")
    parser.add_argument("--keep", type=Path, help="keep each index under this folder")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not 0 < args.fraction <= 1:
        parser.error("--fraction must be in (0, 1]")
    try:
        scales = sorted({int(part) for part in args.scales.split(",")})
    except ValueError:
        parser.error("--scales takes whole numbers, e.g. 1,2,4")
    groups = bench_run.load_queries(args.queries)
    rows = []
    with tempfile.TemporaryDirectory(prefix="warta-scale-") as tmp:
        for scale in scales:
            row = measure(scale, args, groups, Path(tmp))
            row["input_bytes"] = scale * sum(
                int(f.stat().st_size * args.fraction) for f in bench_run.corpus_files(args.corpus)
            )
            rows.append(row)
            bench_run.log(f"{scale}×: built in {row['build']['seconds']:.0f} s")
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": bench_run.git_commit(),
        "fraction": args.fraction,
        "rows": rows,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(render(rows))
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "_child":
        sys.exit(child_main(sys.argv[2], sys.argv[3]))
    sys.exit(main())
