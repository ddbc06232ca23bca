"""Silver NER sets: corpus sentences annotated by assistant sessions, stored as stand-off records.

A silver file holds no corpus text, only where each sentence is and what its names are: one JSON line
per sentence, ``{"id": article id, "sentence": n, "sha1": first 12 hex digits of the sentence's SHA-1,
"entities": [[start, end, type], ...]}``, offsets into the sentence. The sentence is part ``n`` of the
article's ``body`` cut by the set's splitter. Reading a set takes the text from ``../shared/corpus`` in
place and leaves out (with a line on stderr) a sentence whose checksum no longer matches.

Two sets, each with its own splitter:

- ``clickid``: ``bench/clickid-ner-silver.jsonl``, Indonesian (CLICK-ID). Bodies are cut at sentence
  ends and at the bare commas the scrape joined paragraphs with (:data:`CLICKID_BREAK`).
- ``reuters``: ``bench/reuters-ner-silver.jsonl``, English (Reuters-21578). Bodies are hard-wrapped,
  so their whitespace is first collapsed to single spaces; they are cut at ``. ! ?`` followed by a
  space and a capital, quote or bracket, except after initials and common abbreviations ("U.S.",
  "Corp.", "Mr.", "Jan.", :func:`reuters_parts`).

Scoring (``bench/ner_score.py``) annotates each sentence alone, and again inside its whole article, as
the index reads it: the article lets a surname or a company's short name resolve to the full name
given earlier.

Picking (``pick``): every part of 50-260 characters that ends in ``. ! ? "``, holds a capitalised word
after its first, and shows no trace of a lost link or mojibake; shuffled with ``random.Random(seed)``;
the first ``count`` from distinct articles. The CLICK-ID set was picked with these filters by an
earlier, unkept script whose shuffle this one does not reproduce; its checksums pin its sentences.

    python bench/silver.py pick reuters --count 600 > /tmp/sentences.jsonl   # {"sid", "text"} lines
    python bench/silver.py store reuters /tmp/answers.jsonl                  # answers -> the silver file
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.corpus import CLICKID, REUTERS  # noqa: E402

Span = tuple[int, int, str]

CLICKID_BREAK = re.compile(r"(?<=[.!?])\s+|,(?=\S)")
"""Where CLICK-ID bodies end a sentence or join two paragraphs with a bare comma (``tools/word_clusters.py``
splits them here too)."""

_CANDIDATE_BREAK = re.compile(r"""[.!?]["')]?(?= ["'(]?[A-Z0-9])""")
_NO_BREAK_AFTER = re.compile(
    r"""(?:(?<![\w'.])(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Jr|Sr|St|Mt|Ft|Gov|Sen|Rep|Gen|Col|Lt|Capt|Sgt|Prof|Rev|Inc|Corp|Co|"""
    r"""Cos|Ltd|Bros|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|vs|approx|est|Ave|Blvd)\.)$"""
)
_TRACES = (" ,", " .", ",,", "  ", "Â", "â€", "‚Ä")
_CAPITAL_AFTER_FIRST = re.compile(r"\s[A-Z]")


def clickid_parts(body: str) -> list[str]:
    """A CLICK-ID body cut into its sentences (stripped)."""
    return [part.strip() for part in CLICKID_BREAK.split(body)]


def unwrapped(body: str) -> str:
    """A hard-wrapped Reuters body with its whitespace collapsed to single spaces."""
    return " ".join(body.split())


def reuters_parts(body: str) -> list[str]:
    """A Reuters body, whitespace collapsed (:func:`unwrapped`), cut into its sentences."""
    text = unwrapped(body)
    parts: list[str] = []
    start = 0
    for match in _CANDIDATE_BREAK.finditer(text):
        end = match.end()
        if _NO_BREAK_AFTER.search(text, start, match.start() + 1):
            continue
        parts.append(text[start:end].strip())
        start = end
    parts.append(text[start:].strip())
    return parts


@dataclass(frozen=True, slots=True)
class SilverSet:
    """One silver file: where it is, which corpus file it points into and how that file's bodies split."""

    name: str
    path: Path
    corpus: Path
    parts: Callable[[str], list[str]]
    article: Callable[[str], str] = str
    """The body as the splitter reads it, which the sentences stand in."""


SETS: dict[str, SilverSet] = {
    "clickid": SilverSet("clickid", REPO / "bench" / "clickid-ner-silver.jsonl", CLICKID, clickid_parts),
    "reuters": SilverSet("reuters", REPO / "bench" / "reuters-ner-silver.jsonl", REUTERS, reuters_parts, unwrapped),
}


def checksum(text: str) -> str:
    """The first 12 hex digits of the SHA-1 of ``text`` (UTF-8)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _articles(corpus: Path) -> Iterator[dict[str, object]]:
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def candidates(silver: SilverSet) -> Iterator[tuple[str, int, str]]:
    """Every sentence of the corpus file the picking filters keep: (article id, part number, text)."""
    for article in _articles(silver.corpus):
        body = article.get("body")
        if not isinstance(body, str):
            continue
        for number, text in enumerate(silver.parts(body)):
            if not 50 <= len(text) <= 260 or text[-1] not in '.!?"':
                continue
            if _CAPITAL_AFTER_FIRST.search(text) and not any(trace in text for trace in _TRACES):
                yield str(article["id"]), number, text


def pick(silver: SilverSet, count: int, seed: int = 2026) -> list[tuple[str, int, str]]:
    """``count`` candidate sentences from distinct articles, in a fixed-seed random order."""
    pool = list(candidates(silver))
    random.Random(seed).shuffle(pool)
    seen: set[str] = set()
    picked: list[tuple[str, int, str]] = []
    for article_id, number, text in pool:
        if article_id not in seen:
            seen.add(article_id)
            picked.append((article_id, number, text))
            if len(picked) == count:
                break
    return picked


def locate(text: str, names: list[tuple[str, str]]) -> list[Span]:
    """Offsets of annotated names given as written, in order: each is looked for after the previous one
    (a name not found raises ValueError)."""
    spans: list[Span] = []
    position = 0
    for name, kind in names:
        start = text.find(name, position)
        if start < 0:
            start = text.find(name)
        if start < 0 or not name:
            raise ValueError(f"{name!r} is not in {text!r}")
        spans.append((start, start + len(name), kind))
        position = start + len(name)
    return spans


def store(silver: SilverSet, answers: Path) -> int:
    """Turn annotators' answers (``{"sid": "id#n", "entities": [[text, type], ...]}`` lines) into the
    silver file, sorted by article id and sentence; returns how many sentences were written."""
    wanted: dict[str, dict[int, list[tuple[str, str]]]] = {}
    with answers.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                answer = json.loads(line)
                article_id, _, number = str(answer["sid"]).rpartition("#")
                names = [(str(text), str(kind)) for text, kind in answer["entities"]]
                wanted.setdefault(article_id, {})[int(number)] = names
    records: list[dict[str, object]] = []
    for article in _articles(silver.corpus):
        numbers = wanted.pop(str(article["id"]), None)
        if not numbers:
            continue
        parts = silver.parts(str(article.get("body") or ""))
        for number, names in sorted(numbers.items()):
            text = parts[number]
            spans = locate(text, names)
            entities = [[start, end, kind] for start, end, kind in spans]
            records.append({"id": article["id"], "sentence": number, "sha1": checksum(text), "entities": entities})
    if wanted:
        raise ValueError(f"not in {silver.corpus.name}: {', '.join(sorted(wanted))}")
    records.sort(key=lambda record: (str(record["id"]), int(str(record["sentence"]))))
    with silver.path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


@dataclass(frozen=True, slots=True)
class SilverSentence:
    """One annotated sentence, and the article text it stands in at ``offset`` (the body as the splitter
    reads it: whitespace collapsed for Reuters), to annotate it with its article around it."""

    text: str
    gold: set[Span]
    article: str
    offset: int


def read(silver: SilverSet) -> list[SilverSentence]:
    """The set's sentences with their gold spans, the text taken from the corpus; a sentence whose
    text no longer matches its checksum is left out (with a line on stderr)."""
    wanted: dict[str, list[dict[str, object]]] = {}
    with silver.path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            wanted.setdefault(str(record["id"]), []).append(record)
    sentences: list[SilverSentence] = []
    for article in _articles(silver.corpus):
        records = wanted.pop(str(article["id"]), [])
        if not records:
            continue
        body = str(article.get("body") or "")
        parts = silver.parts(body)
        whole = silver.article(body)
        offsets: list[int] = []
        position = 0
        for part in parts:
            offsets.append(whole.find(part, position))
            position = max(position, offsets[-1] + len(part))
        for record in records:
            number = int(str(record["sentence"]))
            text = parts[number] if number < len(parts) else ""
            if checksum(text) != record["sha1"] or offsets[number] < 0:
                print(f"{silver.path.name}: {record['id']} sentence {number} changed, skipped", file=sys.stderr)
                continue
            spans = record["entities"]
            assert isinstance(spans, list)
            gold = {(int(a), int(b), str(kind)) for a, b, kind in spans}
            sentences.append(SilverSentence(text, gold, whole, offsets[number]))
    for article_id in wanted:
        print(f"{silver.path.name}: {article_id} not in {silver.corpus.name}, skipped", file=sys.stderr)
    return sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    picking = commands.add_parser("pick", help='print sentences to annotate as {"sid", "text"} JSON lines')
    picking.add_argument("set", choices=sorted(SETS))
    picking.add_argument("--count", type=int, default=600)
    picking.add_argument("--seed", type=int, default=2026)
    storing = commands.add_parser("store", help="write the silver file from annotators' answers")
    storing.add_argument("set", choices=sorted(SETS))
    storing.add_argument("answers", type=Path)
    args = parser.parse_args(argv)
    silver = SETS[args.set]
    if args.command == "pick":
        for article_id, number, text in pick(silver, args.count, args.seed):
            print(json.dumps({"sid": f"{article_id}#{number}", "text": text}, ensure_ascii=False))
        return 0
    try:
        written = store(silver, args.answers)
    except (OSError, ValueError, KeyError, json.JSONDecodeError) as error:
        print(f"silver: {error}", file=sys.stderr)
        return 1
    print(f"{silver.path.name}: {written} sentences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
