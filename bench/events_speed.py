"""Cost of event extraction next to entity recognition, on real Indonesian news, in one run.

Reads CLICK-ID bodies from ``../shared/corpus/clickid-id-2019.jsonl`` in place, warms both stages up
with one pass (tables, regexes, stem caches), then times per article ``annotate`` alone and
``extract_events`` on its entities. The target: events add at most 30 % to entity time.

    python bench/events_speed.py               # first 1,000 articles
    python bench/events_speed.py --limit 3000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.entities import annotate  # noqa: E402
from indexer.events import EventMention, extract_events, link  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "clickid-id-2019.jsonl"


def bodies(path: Path, limit: int) -> list[str]:
    """The non-empty ``body`` of the first ``limit`` records."""
    found: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                body = json.loads(line).get("body")
            except json.JSONDecodeError:
                continue
            if isinstance(body, str) and body.strip():
                found.append(body)
            if len(found) >= limit:
                break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=1000, help="articles to time")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"{args.corpus}: not found", file=sys.stderr)
        return 1
    texts = bodies(args.corpus, args.limit)
    began = time.perf_counter()
    for i, text in enumerate(texts):  # warm-up pass: caches fill as in a long run
        extract_events(str(i), text, annotate(text, lang="id"), "id")
    cold = time.perf_counter() - began
    entity_time = event_time = 0.0
    mentions: list[EventMention] = []
    for i, text in enumerate(texts):
        began = time.perf_counter()
        entities = annotate(text, lang="id")
        middle = time.perf_counter()
        mentions += extract_events(str(i), text, entities, "id")
        entity_time += middle - began
        event_time += time.perf_counter() - middle
    began = time.perf_counter()
    events = link(mentions)
    link_time = time.perf_counter() - began
    n = len(texts)
    print(f"{n} articles; warm-up pass (entities+events, caches cold): {cold / n * 1000:.2f} ms per article")
    print(
        f"entities {entity_time / n * 1000:.2f} ms, events {event_time / n * 1000:.2f} ms per article: "
        f"events add {event_time / entity_time * 100:.1f} % (target ≤ 30 %)"
    )
    print(f"{len(mentions)} mentions → {len(events)} events; link() {link_time * 1000:.0f} ms for all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
