"""Cost of event extraction next to entity recognition, on a representative mix of real news.

By default times a fixed-seed sample of 1,000 articles drawn from every file of ``../shared/corpus``
in proportion to its size (CLICK-ID Indonesian and Reuters English, about 54/46; see
:func:`bench.corpus.sample`), each cleaned as the index cleans it and annotated with its own language
and date, as :func:`indexer.language.annotation.annotate_article` does. One pass warms both stages up (tables,
regexes, stem caches); then ``--passes`` timed passes time per article ``annotate`` alone and
``extract_events`` on its entities, interleaved, so that load from other processes hits both alike.
The target: events add at most 30 % to entity time. Prints the ratio per language and overall (the
median pass).

    python bench/events_speed.py                     # the mix: 1,000 articles, seed 2019
    python bench/events_speed.py --limit 3000 --seed 7
    python bench/events_speed.py --corpus ../shared/corpus/clickid-id-2019.jsonl   # first 1,000 of one file
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import SEED, Text, bodies, sample  # noqa: E402
from indexer.language.entities import annotate  # noqa: E402
from indexer.language.events import EventMention, extract_events, link  # noqa: E402

TARGET = 30.0


def _texts(args: argparse.Namespace) -> list[Text]:
    if args.corpus is None:
        return sample(args.limit, args.seed)
    lang = "id" if "-id-" in args.corpus.name else "en" if "-en-" in args.corpus.name else None
    return [Text(str(i), body, lang, None) for i, body in enumerate(bodies(args.corpus, args.limit))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="one file, its first records (default: the mix)")
    parser.add_argument("--limit", type=int, default=1000, help="articles to time")
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the mix")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (the median one is reported)")
    args = parser.parse_args(argv)
    if args.corpus is not None and not args.corpus.exists():
        print(f"{args.corpus}: not found", file=sys.stderr)
        return 1
    texts = _texts(args)
    if not texts:
        print("no articles", file=sys.stderr)
        return 1
    began = time.perf_counter()
    for t in texts:  # warm-up pass: caches fill as in a long run
        extract_events(t.id, t.text, annotate(t.text, t.lang, t.published), t.lang, t.published)
    cold = time.perf_counter() - began
    langs = sorted({t.lang or "?" for t in texts})
    passes: list[tuple[float, dict[str, list[float]]]] = []
    mentions: list[EventMention] = []
    for p in range(max(1, args.passes)):
        spent = {lang: [0.0, 0.0, 0.0] for lang in langs}  # entities, events, articles
        for t in texts:
            began = time.perf_counter()
            entities = annotate(t.text, t.lang, t.published)
            middle = time.perf_counter()
            found = extract_events(t.id, t.text, entities, t.lang, t.published)
            ended = time.perf_counter()
            row = spent[t.lang or "?"]
            row[0] += middle - began
            row[1] += ended - middle
            row[2] += 1
            if p == 0:
                mentions += found
        entity_time = sum(row[0] for row in spent.values())
        event_time = sum(row[1] for row in spent.values())
        passes.append((event_time / entity_time, spent))
    ratio, spent = sorted(passes, key=lambda item: item[0])[len(passes) // 2]
    began = time.perf_counter()
    events = link(mentions)
    link_time = time.perf_counter() - began
    n = len(texts)
    source = "mix of " + ", ".join(f"{int(spent[lang][2])} {lang}" for lang in langs)
    print(f"{n} articles ({source}); warm-up pass (entities+events, caches cold): {cold / n * 1000:.2f} ms per article")
    for lang in langs:
        entity, event, count = spent[lang]
        print(
            f"  {lang}: entities {entity / count * 1000:.2f} ms, events {event / count * 1000:.2f} ms per article "
            f"(+{event / entity * 100:.1f} %)"
        )
    entity_time = sum(row[0] for row in spent.values())
    event_time = sum(row[1] for row in spent.values())
    print(
        f"all: entities {entity_time / n * 1000:.2f} ms, events {event_time / n * 1000:.2f} ms per article: "
        f"events add {ratio * 100:.1f} % (target ≤ {TARGET:.0f} %; passes: "
        f"{', '.join(f'{r * 100:.1f}' for r, _ in passes)}; median {statistics.median(r for r, _ in passes) * 100:.1f})"
    )
    print(f"{len(mentions)} mentions → {len(events)} events; link() {link_time * 1000:.0f} ms for all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
