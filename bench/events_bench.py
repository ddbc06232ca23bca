"""Related events and the corpus timeline on a full index: latency of ``related`` and the largest events.

    python bench/run.py --keep /tmp/full-index          # build an index of ../shared/corpus once
    python bench/events_bench.py --index /tmp/full-index

Measures, on ``--samples`` random articles (fixed seed):
- the engine call behind ``warta related ID`` (read the article, its entities, then
  ``EventTables.related``) in one process with the index open: p50 / p95 / max;
- the whole ``warta related ID --json`` command as a user runs it (a new Python process each time,
  so start-up and imports included) on the first 10 of them;
and lists the 10 events reported by the most articles (to judge by eye whether each is truly one
event). Prints a table and writes ``bench/results/events.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.model import PartialDate  # noqa: E402
from indexer.pipeline import open_catalog  # noqa: E402
from indexer.store import Store  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "events.json"
TARGET_P95_MS = 100.0
COMMAND_RUNS = 10


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def published(iso: str | None) -> PartialDate | None:
    return PartialDate.from_iso(iso) if iso else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", required=True, type=Path)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    index_dir = str(args.index)

    catalog = open_catalog(index_dir)
    ids = sorted(row.id for row in catalog.docs())
    events_total = catalog.events.count()
    sample = random.Random(args.seed).sample(ids, min(args.samples, len(ids)))
    store = Store.open(index_dir)

    def related(doc_id: str) -> int:
        doc = store.get(doc_id)
        assert doc is not None
        names = {e.canonical for e in doc.entities if e.type != "DATE" and e.canonical}
        return len(catalog.events.related(doc_id, names, published(doc.date), 20))

    related(sample[0])  # warm-up: first searcher, first SQLite pages
    times, found = [], []
    for doc_id in sample:
        started = time.perf_counter()
        found.append(related(doc_id))
        times.append((time.perf_counter() - started) * 1000)

    warta = str(Path(sys.executable).with_name("warta"))
    command_times = []
    for doc_id in sample[:COMMAND_RUNS]:
        started = time.perf_counter()
        subprocess.run([warta, "related", doc_id, "--json", "--index", index_dir], capture_output=True, check=True)
        command_times.append((time.perf_counter() - started) * 1000)

    largest = []
    for event, docs in catalog.events.largest(10):
        titles = []
        for doc_id in event.doc_ids[:8]:
            doc = store.get(doc_id)
            titles.append(f"{doc.date or '?'} {doc.source or '?'}: {doc.title}" if doc else doc_id)
        largest.append(
            {
                "id": event.id,
                "articles": docs,
                "type": event.type,
                "date": event.date.iso if event.date else None,
                "summary": event.summary,
                "titles": titles,
            }
        )
    store.close()
    catalog.close()

    report: dict[str, Any] = {
        "index": index_dir,
        "articles": len(ids),
        "events": events_total,
        "samples": len(sample),
        "related_engine_ms": {
            "p50": round(percentile(times, 50), 2),
            "p95": round(percentile(times, 95), 2),
            "max": round(max(times), 2),
            "target_p95": TARGET_P95_MS,
            "ok": percentile(times, 95) <= TARGET_P95_MS,
        },
        "related_command_ms": {
            "runs": len(command_times),
            "p50": round(percentile(command_times, 50), 1),
            "max": round(max(command_times), 1),
        },
        "related_events_per_article": round(sum(found) / len(found), 1),
        "largest_events": largest,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    engine = report["related_engine_ms"]
    print(f"{len(ids):,} articles, {events_total:,} events")
    print(
        f"related (engine, {len(sample)} random articles): p50 {engine['p50']} ms, p95 {engine['p95']} ms "
        f"(target <= {TARGET_P95_MS:.0f}: {'ok' if engine['ok'] else 'MISSED'}), max {engine['max']} ms"
    )
    command = report["related_command_ms"]
    print(f"'warta related ID' command ({command['runs']} runs): p50 {command['p50']} ms, max {command['max']} ms")
    print("\nlargest cross-article events:")
    for item in largest:
        print(f"- {item['articles']} articles  {item['date'] or 'undated'}  {item['type']}  {item['summary']}")
        for title in item["titles"]:
            print(f"    {title}")
    print(f"\nJSON: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
