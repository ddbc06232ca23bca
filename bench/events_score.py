"""Precision and recall of event extraction against events written by hand.

Gold sets (JSON): ``tests/fixtures/events_seeds.json`` (the three sample articles) and
``tests/fixtures/events_corpus.json`` (20 articles of ``../shared/corpus``, referenced by file and key,
read in place: no article text is stored). Each article is read and cleaned exactly as the index
does (:func:`indexer.ingest.reading.parse_bytes` + :func:`indexer.pipeline.prepare`), annotated with
:func:`indexer.language.entities.annotate`, its events extracted and linked within the article, and scored
with :func:`indexer.language.events.score.match_events` (type+doer, then +date+place).

    python bench/events_score.py              # both sets
    python bench/events_score.py --errors     # list missed and spurious events
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.ingest.reading import parse_bytes, read_file  # noqa: E402
from indexer.language.entities import annotate  # noqa: E402
from indexer.language.events import Event, extract_events, link  # noqa: E402
from indexer.language.events.score import Score, match_events  # noqa: E402
from indexer.model import Article  # noqa: E402
from indexer.pipeline import prepare  # noqa: E402

SEEDS = REPO / "tests" / "fixtures" / "events_seeds.json"
CORPUS_GOLD = REPO / "tests" / "fixtures" / "events_corpus.json"


def load_article(file: str, key: str = "") -> Article:
    """The cleaned article at ``key`` of ``file`` (relative to the repository), as the index has it."""
    path = (REPO / file).resolve()
    if not key:
        _, records, _ = read_file(str(path))
        return prepare(records[0])
    with path.open("rb") as handle:
        for line in handle:
            if f'"id": "{key}"'.encode() in line:
                records, _ = parse_bytes(str(path), line)
                for record in records:
                    if record.key == key:
                        return prepare(record)
    raise KeyError(f"{file}: no record {key}")


def events_of(article: Article) -> list[Event]:
    entities = annotate(article.text, lang=article.lang, published=article.date)
    return link(extract_events(article.id, article.text, entities, article.lang, article.date))


def score_set(gold: list[dict[str, Any]]) -> Score:
    total = Score()
    for entry in gold:
        article = load_article(entry["file"], entry.get("key", ""))
        label = entry.get("key") or Path(entry["file"]).stem
        total.add(match_events(events_of(article), entry["events"], label))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list missed and spurious events")
    args = parser.parse_args(argv)
    for name, path in (("seeds", SEEDS), ("corpus", CORPUS_GOLD)):
        if not path.exists():
            print(f"{path}: not found", file=sys.stderr)
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))["articles"]
        try:
            score = score_set(gold)
        except (OSError, KeyError) as error:
            print(f"{name}: {error}", file=sys.stderr)
            continue
        print(score.line(f"{name} ({len(gold)} articles)"))
        if args.errors:
            for line in score.missed:
                print("  missed  ", line)
            for line in score.spurious:
                print("  spurious", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
