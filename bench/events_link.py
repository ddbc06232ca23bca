"""Time of :func:`indexer.language.events.link` on as many mentions as a full index relinks (~200k).

Real mentions come from the first ``--articles`` CLICK-ID and Reuters bodies of ``../shared/corpus``
(entities and events as the index makes them); they are replicated with shifted article ids until
``--mentions`` are reached, replica *r* dated *r* days later (day-precise dates only), so that
replicas link with each other as reports of one event in many articles do.

    python bench/events_link.py                       # 2,000 articles, 200,000 mentions
    python bench/events_link.py --mentions 50000      # a smaller run: check that time grows linearly

With ``--catalog``, relinks the mentions of an index's catalogue instead (a COPY: its event tables
are rewritten) and lists the events reported by the most articles, each with the sentences of its
first articles (read from the corpus files the catalogue names), to judge by eye whether each is
truly one event:

    cp /tmp/bench-final/catalog.sqlite /tmp/catalog-copy.sqlite
    python bench/events_link.py --catalog /tmp/catalog-copy.sqlite --top 10 --show 5
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sqlite3
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.catalog.events import EventTables  # noqa: E402
from indexer.ingest.reading import parse_bytes  # noqa: E402
from indexer.language.entities import annotate  # noqa: E402
from indexer.language.events import EventMention, Mention, extract_events, link  # noqa: E402
from indexer.model import PartialDate  # noqa: E402
from indexer.pipeline import prepare  # noqa: E402

CORPORA = (
    REPO.parent / "shared" / "corpus" / "clickid-id-2019.jsonl",
    REPO.parent / "shared" / "corpus" / "reuters21578-en-1987.jsonl",
)


def real_mentions(limit: int) -> list[EventMention]:
    """Mentions of the first ``limit`` articles of each corpus (dated with the record's date if any)."""
    found: list[EventMention] = []
    for path in CORPORA:
        if not path.exists():
            continue
        lang = "id" if "-id-" in path.name else "en"
        with path.open(encoding="utf-8") as handle:
            for n, line in enumerate(handle):
                if n >= limit:
                    break
                record = json.loads(line)
                body = record.get("body")
                if not isinstance(body, str) or not body.strip():
                    continue
                published = _date(str(record.get("date") or ""))
                entities = annotate(body, lang=lang, published=published)
                found += extract_events(f"{path.stem}:{n}", body, entities, lang, published)
    return found


def _date(raw: str) -> PartialDate | None:
    """``2019-10-09`` or Reuters' ``26-FEB-1987 15:01:01.79`` as a day."""
    for form, size in (("%Y-%m-%d", 10), ("%d-%b-%Y", 11)):
        try:
            return PartialDate(datetime.datetime.strptime(raw.strip()[:size], form).date().isoformat(), "day")
        except ValueError:
            continue
    return None


def replicate(mentions: list[EventMention], total: int) -> list[EventMention]:
    out: list[EventMention] = []
    r = 0
    while len(out) < total:
        for m in mentions:
            date = m.date
            if r and date is not None and date.precision == "day":
                try:
                    shifted = datetime.date.fromisoformat(date.iso) + datetime.timedelta(days=r)
                    date = PartialDate(shifted.isoformat(), "day")
                except ValueError:
                    pass
            where = replace(m.mention, doc_id=f"{m.mention.doc_id}#{r}")
            out.append(replace(m, date=date, mention=where))
            if len(out) >= total:
                break
        r += 1
    return out


class _Sentences:
    """Sentences of catalogued articles, read from the corpus files by the article's path and key."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.docs = {row[0]: row[1:] for row in db.execute("SELECT id, path, key, title, date, source FROM docs")}
        self._lines: dict[str, dict[str, bytes]] = {}

    def _line(self, path: str, key: str) -> bytes | None:
        if path not in self._lines:
            table: dict[str, bytes] = {}
            with open(path, "rb") as handle:
                for line in handle:
                    found = re.search(rb'"id": "([^"]+)"', line)
                    if found:
                        table[found.group(1).decode()] = line
            self._lines[path] = table
        return self._lines[path].get(key)

    def of(self, mention: Mention) -> str:
        path, key = self.docs[mention.doc_id][:2]
        line = self._line(path, key)
        if line is None:
            return "?"
        records, _ = parse_bytes(path, line)
        text = prepare(records[0]).text if records else ""
        return text[mention.sentence_start : mention.sentence_end].replace("\n", " ")


def largest(catalog: Path, top: int, show: int) -> int:
    """Relink the catalogue at ``catalog`` and print its ``top`` largest events, ``show`` articles each."""
    db = sqlite3.connect(catalog)
    tables = EventTables(db)
    began = time.perf_counter()
    count = tables.relink()
    db.commit()
    print(f"relinked: {count} events in {time.perf_counter() - began:.1f} s")
    sentences = _Sentences(db)
    for rank, (event, articles) in enumerate(tables.largest(top), 1):
        date = event.date.iso if event.date else "undated"
        print(f"\n#{rank} {articles} articles  {date}  {event.type}  {event.summary}")
        seen: set[str] = set()
        for mention in event.mentions:
            if mention.doc_id in seen or len(seen) >= show:
                continue
            seen.add(mention.doc_id)
            _, _, title, published, source = sentences.docs[mention.doc_id]
            print(f"   [{published} {source}] {title[:80]}")
            print(f"      > {sentences.of(mention)[:300]}")
    db.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles read from each corpus")
    parser.add_argument("--mentions", type=int, default=200_000)
    parser.add_argument("--catalog", type=Path, help="relink this catalogue (a copy!) and list its largest events")
    parser.add_argument("--top", type=int, default=10, help="with --catalog: events to list")
    parser.add_argument("--show", type=int, default=5, help="with --catalog: articles shown per event")
    args = parser.parse_args(argv)
    if args.catalog is not None:
        if not args.catalog.exists():
            print(f"{args.catalog}: not found", file=sys.stderr)
            return 1
        return largest(args.catalog, args.top, args.show)
    began = time.perf_counter()
    real = real_mentions(args.articles)
    print(f"{len(real)} real mentions in {time.perf_counter() - began:.1f} s")
    if not real:
        return 1
    for total in sorted({args.mentions // 4, args.mentions}):
        mentions = replicate(real, total)
        began = time.perf_counter()
        events = link(mentions)
        spent = time.perf_counter() - began
        print(f"link(): {len(mentions)} mentions → {len(events)} events in {spent:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
