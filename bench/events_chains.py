"""Coverage of ECB+ cross-document event chains by Warta's event extraction.

ECB+ (``../shared/events-dev``, topics 1–35; see its README) annotates every event mention with a
coreference chain that may span articles. For each gold chain that spans at least two articles, the
question asked here is the issue's: does Warta put an event mention at a sentence the chain names, in
at least two of the chain's articles? Each article of ``ecbplus-topics-1-35.jsonl`` is cleaned as the
index cleans it (:func:`indexer.pipeline.prepare`), annotated (:func:`indexer.language.entities.annotate`)
and its events extracted (:func:`indexer.language.events.extract_events`); a gold mention is covered
when an event mention's sentence (``sentence_start``–``sentence_end``) contains the gold mention's
first token.

Where a gold mention is in the text: its ``sent_id`` and ``tokens_number`` count sentences and tokens
of ECB+'s own tokenisation, which the rebuilt ``body`` no longer shows (``ecbplus`` documents also
have a URL and a date line as sentences that the body leaves out, and the title is the article's
title, not its text). ``mention_context`` holds the document's tokens in one list (a window of them
around the mention in long documents), so: (1) that list is aligned with the words of the cleaned
text (:class:`difflib.SequenceMatcher` on normalised tokens), which gives each token a text offset;
(2) among the mentions that share the list, the start of each annotated sentence is the first index,
after the previous sentence's start, at which every mention of the sentence has its words at its
token numbers (preferring one the text has: not the URL line). Mentions that cannot be placed (in
the title, the URL, or a body that is only its title and so cleans to nothing) are counted and left
out; Warta reads events from the text only.

    python bench/events_chains.py                 # topics 1-35, the table
    python bench/events_chains.py --topics 1-10   # some topics only
    python bench/events_chains.py --misses 20     # print the first 20 missed chains with their sentences
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.ingest.reading import parse_bytes  # noqa: E402
from indexer.language.entities import annotate  # noqa: E402
from indexer.language.events import EventMention, extract_events  # noqa: E402
from indexer.pipeline import prepare  # noqa: E402

DEV = REPO.parent / "shared" / "events-dev"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_QUOTES = {"``": '"', "''": '"', "“": '"', "”": '"', "‘": "'", "’": "'", "-LRB-": "(", "-RRB-": ")"}


@dataclass
class Doc:
    id: str
    topic: int
    text: str
    events: list[EventMention]


@dataclass
class Gold:
    chain: str
    doc_id: str
    offset: int  # text offset of the mention's first token (-1: not placed)
    end: int  # text offset after its last token
    words: str
    lemma: str
    topic: int


def _norm(token: str) -> str:
    token = _QUOTES.get(token, token)
    return token.lower()


def _flat_tokens(tokens: list[str]) -> tuple[list[str], list[int]]:
    """ECB+ tokens split as :data:`_TOKEN` splits text ("'s" → "'", "s"), each piece with its token index."""
    pieces: list[str] = []
    owner: list[int] = []
    for i, token in enumerate(tokens):
        for piece in _TOKEN.findall(_norm(token)) or [_norm(token)]:
            pieces.append(piece)
            owner.append(i)
    return pieces, owner


def token_offsets(text: str, tokens: list[str]) -> list[int]:
    """Text offset of each ECB+ token (-1 where the text does not have it)."""
    found = [(m.start(), _norm(m.group())) for m in _TOKEN.finditer(text)]
    pieces, owner = _flat_tokens(tokens)
    offsets = [-1] * len(tokens)
    matcher = SequenceMatcher(None, pieces, [w for _, w in found], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for j in range(size):
            token = owner[a + j]
            if offsets[token] < 0:
                offsets[token] = found[b + j][0]
    return offsets


def sentence_starts(tokens: list[str], mentions: list[dict[str, Any]], placed: list[int]) -> dict[int, int]:
    """Sentence id → index in ``tokens`` of its first token, for the sentences that have mentions
    (``placed``: the text offset of each token, -1 where the text lacks it)."""
    by_sentence: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_sentence[int(m["sent_id"])].append(m)
    lowered = [t.lower() for t in tokens]
    starts: dict[int, int] = {}
    previous = -1
    for sent in sorted(by_sentence):
        candidates: set[int] | None = None
        for m in by_sentence[sent]:
            places = {
                g - idx
                for idx, word in zip(m["tokens_number"], m["tokens_text"], strict=False)
                for g in range(len(lowered))
                if lowered[g] == word.lower() and g - idx >= 0
            }
            # every word of the mention must sit at its index from the start
            ok = {
                s
                for s in places
                if all(
                    s + idx < len(lowered) and lowered[s + idx] == word.lower()
                    for idx, word in zip(m["tokens_number"], m["tokens_text"], strict=False)
                )
            }
            candidates = ok if candidates is None else candidates & ok
        # the earliest start after the previous sentence's whose words the text has (not the URL line)
        later = sorted(s for s in candidates or () if s > previous)
        in_text = [s for s in later if any(placed[s + m["tokens_number"][0]] >= 0 for m in by_sentence[sent])]
        later = in_text or later
        if later:
            starts[sent] = later[0]
            previous = later[0]
    return starts


def load_docs(path: Path, topics: set[int]) -> dict[str, Doc]:
    docs: dict[str, Doc] = {}
    with path.open("rb") as handle:
        for line in handle:
            record = json.loads(line)
            if int(record["topic"]) not in topics:
                continue
            records, _ = parse_bytes(str(path), line)
            if not records:
                continue
            article = prepare(records[0])
            entities = annotate(article.text, lang=article.lang, published=article.date)
            events = extract_events(article.id, article.text, entities, article.lang, article.date)
            docs[record["id"]] = Doc(record["id"], int(record["topic"]), article.text, events)
    return docs


def load_gold(folder: Path, docs: dict[str, Doc]) -> tuple[list[Gold], int]:
    """The gold mentions placed in their article's text, and how many could not be placed."""
    by_doc: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for path in sorted(folder.glob("event_mentions_*.json")):
        for m in json.loads(path.read_text(encoding="utf-8")):
            if m["doc_id"] in docs:  # long documents: each mention has a window of tokens around it
                by_doc[(m["doc_id"], tuple(m["mention_context"]))].append(m)
    gold: list[Gold] = []
    unplaced = 0
    for (doc_id, _), mentions in by_doc.items():
        tokens = mentions[0]["mention_context"]
        offsets = token_offsets(docs[doc_id].text, tokens)
        starts = sentence_starts(tokens, mentions, offsets)
        for m in mentions:
            start = starts.get(int(m["sent_id"]))
            offset = end = -1
            if start is not None:
                first, last = start + int(m["tokens_number"][0]), start + int(m["tokens_number"][-1])
                offset = offsets[first] if first < len(offsets) else -1
                if offset >= 0:
                    whole = last < len(offsets) and offsets[last] >= offset
                    end = offsets[last] + len(tokens[last]) if whole else offset + 1
            unplaced += offset < 0
            topic = docs[doc_id].topic
            gold.append(Gold(m["coref_chain"], doc_id, offset, end, m["tokens_str"], m["mention_head_lemma"], topic))
    return gold, unplaced


def covered(doc: Doc, gold: Gold, skip: frozenset[str], trigger: bool = False) -> bool:
    """Whether an event of ``doc`` (not of a type in ``skip``) is in the sentence of ``gold`` (with
    ``trigger``: has its trigger on the gold mention's words)."""
    for e in doc.events:
        if e.type in skip:
            continue
        at = e.mention
        if trigger:
            if gold.offset <= at.trigger_start < gold.end:
                return True
        elif at.sentence_start <= gold.offset < max(at.sentence_end, gold.offset + 1):
            return True
    return False


VARIANTS: dict[str, tuple[frozenset[str], bool]] = {
    "any": (frozenset(), False),
    "-STMT": (frozenset(("STATEMENT",)), False),
    "trigger": (frozenset(), True),
}
"""Ways to count a chain covered: any event at a chain sentence (the issue's metric), any but a
STATEMENT, an event whose trigger is a word of the gold mention."""


def _topics(spec: str) -> set[int]:
    found: set[int] = set()
    for part in spec.split(","):
        low, _, high = part.partition("-")
        found.update(range(int(low), int(high or low) + 1))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV, help="the events-dev folder (default ../shared/events-dev)")
    parser.add_argument("--topics", default="1-35", help="topics to read, e.g. 1-35 or 1,3,5-9")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="print N missed chains")
    args = parser.parse_args(argv)
    corpus = args.dev / "ecbplus-topics-1-35.jsonl"
    if not corpus.exists():
        print(f"{corpus}: not found", file=sys.stderr)
        return 1
    docs = load_docs(corpus, _topics(args.topics))
    gold, unplaced = load_gold(args.dev / "event_mentions", docs)
    chains: dict[str, list[Gold]] = defaultdict(list)
    for g in gold:
        chains[g.chain].append(g)
    spanning = {c: ms for c, ms in chains.items() if len({m.doc_id for m in ms}) >= 2}
    hits = dict.fromkeys(VARIANTS, 0)
    per_topic: dict[int, Counter[str]] = defaultdict(Counter)
    lemmas: Counter[str] = Counter()
    missed: list[str] = []
    for chain, mentions in sorted(spanning.items()):
        topic = mentions[0].topic
        per_topic[topic]["chains"] += 1
        for label, (skip, trigger) in VARIANTS.items():
            docs_hit = {m.doc_id for m in mentions if m.offset >= 0 and covered(docs[m.doc_id], m, skip, trigger)}
            ok = len(docs_hit) >= 2
            hits[label] += ok
            per_topic[topic][label] += ok
            if label == "any" and not ok:
                lemma = Counter(m.lemma.lower() for m in mentions).most_common(1)[0][0]
                lemmas[lemma] += 1
                if len(missed) < args.misses:
                    sample = mentions[0]
                    doc = docs[sample.doc_id]
                    at = max(0, sample.offset)
                    missed.append(f"{chain} t{topic} {sample.doc_id} '{sample.words}': {doc.text[at - 60 : at + 80]!r}")
    total = len(spanning)
    print(f"articles {len(docs)}; gold mentions {len(gold)} ({unplaced} not placed in the text)")
    print(f"event mentions extracted {sum(len(d.events) for d in docs.values())}")
    print(f"chains spanning >=2 articles: {total}")
    for label, count in hits.items():
        print(f"  with an event ({label}) at a chain sentence in >=2 articles: {count} ({count / max(total, 1):.0%})")
    print()
    print(f"{'topic':>5} {'chains':>6} " + " ".join(f"{label:>7}" for label in VARIANTS) + f" {'cover':>6}")
    for topic in sorted(per_topic):
        row = per_topic[topic]
        counts = " ".join(f"{row[label]:>7}" for label in VARIANTS)
        print(f"{topic:>5} {row['chains']:>6} {counts} {row['any'] / row['chains']:>6.0%}")
    print()
    print("missed chains by most frequent head lemma:", ", ".join(f"{w} {n}" for w, n in lemmas.most_common(30)))
    for line in missed:
        print("  missed", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
