"""Speed of entity recognition on real Indonesian news: milliseconds per article on one core.

Reads CLICK-ID bodies from ``../shared/corpus/clickid-id-2019.jsonl`` in place (never copied), runs
``indexer.language.entities.annotate`` on each body once to warm up the process (tables, regexes) and then
times ``--passes`` more passes. Prints the mean, median and 95th percentile per article of the fastest
pass (the one other load on the machine disturbed least), and the time scaled to a typical
1,700-character article (the target is 4 ms): the fastest and the median pass, and the first one.

    python bench/entities_speed.py                 # first 2,000 articles
    python bench/entities_speed.py --limit 0       # all of them
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import CLICKID, bodies  # noqa: E402
from indexer.language.entities import annotate  # noqa: E402

CORPUS = CLICKID
TYPICAL_CHARS = 1700


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=2000, help="articles to time (0: all)")
    parser.add_argument(
        "--passes", type=int, default=3, help="timed passes; the fastest is the least disturbed by other load"
    )
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus}: not found", file=sys.stderr)
        return 1
    texts = bodies(args.corpus, args.limit)
    began = time.perf_counter()
    annotate(texts[0], lang="id")
    first = time.perf_counter() - began
    began = time.perf_counter()
    for text in texts:  # first pass: the cache of ordinary words fills as it would in a long run
        annotate(text)
    cold = time.perf_counter() - began
    passes: list[list[float]] = []
    entities = 0
    for _ in range(args.passes):
        times: list[float] = []
        entities = 0
        for text in texts:
            began = time.perf_counter()
            entities += len(annotate(text))
            times.append(time.perf_counter() - began)
        passes.append(times)
    chars = sum(len(text) for text in texts)
    scaled = sorted(sum(times) / chars * TYPICAL_CHARS * 1000 for times in passes)
    times = min(passes, key=sum)
    total = sum(times)
    print(f"{len(texts)} articles, {chars / len(texts):.0f} characters on average, {entities} entities")
    print(f"first call (loads tables): {first * 1000:.0f} ms")
    print(
        f"per article (fastest pass): mean {total / len(texts) * 1000:.2f} ms, "
        f"median {statistics.median(times) * 1000:.2f} ms, p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.2f} ms"
    )
    print(
        f"per {TYPICAL_CHARS}-character article: {scaled[0]:.2f} ms fastest pass, {statistics.median(scaled):.2f} ms "
        f"median of {len(scaled)} (target 4 ms); first pass, caches cold: {cold / chars * TYPICAL_CHARS * 1000:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
