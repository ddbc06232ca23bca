"""How fast the readers turn input into records, against the JSON parser alone, in one run.

Three inputs made from the corpus's JSON Lines (in a temporary folder, never in the repository): the
lines as they are (records with an id), the same lines without their ``id`` (keys from content), and
one JSON array of them, larger than ``JSON_IN_MEMORY`` (read item by item, through the guard). Each is
read with :func:`indexer.ingest.reading.read_records`; the baseline is ``json.loads`` of every line of
the same data. The figure to compare between commits is the ratio, not the seconds.

    python bench/read_speed.py                    # ../shared/corpus, the first 20,000 lines of each file
    python bench/read_speed.py --limit 5000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

REPO = Path(__file__).resolve().parents[1]


def _records(path: str) -> tuple[int, int]:
    from indexer.ingest.reading import read_records
    from indexer.model import Record

    good = bad = 0
    for item in read_records(path):
        if isinstance(item, Record):
            good += 1
        else:
            bad += 1
    return good, bad


def _floor(lines: list[str]) -> None:
    loads = json.loads
    for line in lines:
        loads(line)


def _best(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    """The best time of ``repeat`` runs of ``work``, and what it gave."""
    best = float("inf")
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--limit", type=int, default=20_000, help="lines of each corpus file")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    args = parser.parse_args()
    lines: list[str] = []
    for name in sorted(os.listdir(args.corpus)):
        if name.endswith(".jsonl"):
            with open(os.path.join(args.corpus, name), encoding="utf-8") as handle:
                for number, line in enumerate(handle):
                    if number >= args.limit:
                        break
                    if line.strip():
                        lines.append(line.rstrip("\n"))
    if not lines:
        print(f"no JSON Lines in {args.corpus}", file=sys.stderr)
        return 1
    objects = [json.loads(line) for line in lines]
    without = [json.dumps({k: v for k, v in obj.items() if k != "id"}, ensure_ascii=False) for obj in objects]
    with tempfile.TemporaryDirectory() as folder:
        inputs = {
            "jsonl, ids": (Path(folder) / "ids.jsonl", "\n".join(lines) + "\n"),
            "jsonl, no ids": (Path(folder) / "noids.jsonl", "\n".join(without) + "\n"),
            "json array": (Path(folder) / "array.json", "[\n" + ",\n".join(lines) + "\n]\n"),
        }
        for path, text in inputs.values():
            path.write_text(text, encoding="utf-8")
        floor, _ = _best(args.repeat, lambda: _floor(lines))
        size = sum(len(line) for line in lines) / 1e6
        print(f"{len(lines)} records, {size:.1f} MB; json.loads of every line: {floor:.2f} s (the baseline)")
        print(f"{'input':<16}{'records':>9}{'problems':>10}{'seconds':>9}{'ratio':>8}")
        for name, (path, _text) in inputs.items():
            seconds, counts = _best(args.repeat, lambda path=path: _records(str(path)))
            good, bad = cast("tuple[int, int]", counts)
            print(f"{name:<16}{good:>9}{bad:>10}{seconds:>9.2f}{seconds / floor:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
