"""Stories scored end to end: index the gold articles with ``warta``'s own pipeline, then compare the
stories it stored with the gold, beside a tuned TF-IDF baseline measured in the same run.

    python bench/stories_score.py                 # ECB+ topics 1–35 and the Indonesian gold pairs
    python bench/stories_score.py --skip-id       # ECB+ only (about 20 s)
    python bench/stories_score.py --others 3000   # Indonesian: the gold articles + 3,000 other CLICK-ID ones

**ECB+** (``../shared/events-dev``): every article is indexed (``indexer.pipeline.index_paths`` into a
temporary folder, as ``warta index`` does); two articles are linked when they end in one story, and a
pair is gold when both share a sub-topic. Also measured there:

- *incremental*: the same articles indexed in two runs (even lines, then odd lines), as a user adding
  articles to an index does;
- *related precision*: for every article, the other articles that the non-own entries of
  ``warta related`` (the engine call, ``limit`` 20) come from; the share of them in its sub-topic;
- *baseline*: TF-IDF cosine (log tf × idf over the same articles, title and text) between every two
  articles, at the threshold that gives the best F1 (tuned on the data it is scored on).

**Indonesian** (``bench/stories-id-gold.jsonl``, how it was made: ``bench/stories-id-gold.md``): the
articles of the gold pairs and ``--others`` more CLICK-ID articles (so that word frequencies are those
of a real index) are indexed the same way; a gold pair is linked when both articles end in one story.
The baseline is the same TF-IDF cosine over the same articles, threshold tuned on the gold pairs.

Prints a table and writes ``bench/results/stories.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.model import PartialDate  # noqa: E402
from indexer.pipeline import index_paths, open_catalog  # noqa: E402
from indexer.store import Store  # noqa: E402

SHARED = REPO.parent / "shared"
ECB = SHARED / "events-dev" / "ecbplus-topics-1-35.jsonl"
CLICKID = SHARED / "corpus" / "clickid-id-2019.jsonl"
GOLD_ID = REPO / "bench" / "stories-id-gold.jsonl"
RESULTS = REPO / "bench" / "results" / "stories.json"
TARGET_PRECISION, TARGET_F1, TARGET_RELATED = 0.90, 0.85, 0.80

_WORD = re.compile(r"\w+")


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def index(records: list[dict[str, Any]], folder: Path, parts: int = 1) -> tuple[dict[str, str], float]:
    """Index ``records`` (in ``parts`` runs); returns each record id's story, and the seconds spent."""
    spent = 0.0
    for part in range(parts):
        path = folder / f"part{part}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in records[part::parts]:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        began = time.perf_counter()
        index_paths([str(path)], str(folder / "index"), workers=1)
        spent += time.perf_counter() - began
    catalog = open_catalog(str(folder / "index"))
    key_of = {row.id: row.key for row in catalog.docs()}
    stories = {key_of[doc]: story for doc, story in catalog.stories.story_of().items() if doc in key_of}
    catalog.close()
    return {key: stories.get(key, "alone:" + key) for key in key_of.values()}, spent


def pairs_linked(story: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        linked, same = story[a] == story[b], gold[a] == gold[b]
        tp += linked and same
        fp += linked and not same
        fn += same and not linked
    return prf(tp, fp, fn)


def tfidf_vectors(texts: dict[str, str]) -> dict[str, dict[str, float]]:
    counts = {key: Counter(w.lower() for w in _WORD.findall(text)) for key, text in texts.items()}
    docs: Counter[str] = Counter()
    for c in counts.values():
        docs.update(c.keys())
    n = len(counts)
    vectors = {}
    for key, c in counts.items():
        v = {w: (1 + math.log(k)) * math.log(n / docs[w]) for w, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors[key] = {w: x / norm for w, x in v.items() if x}
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def best_threshold(scored: list[tuple[float, bool]]) -> dict[str, float]:
    """Best F1 over thresholds of a list of (score, gold)."""
    positives = sum(g for _, g in scored)
    best = {"f1": 0.0, "precision": 0.0, "recall": 0.0, "threshold": 1.0}
    tp = 0
    ordered = sorted(scored, reverse=True)
    for k, (score, gold) in enumerate(ordered, 1):
        tp += gold
        if k < len(ordered) and ordered[k][0] == score:
            continue
        figures = prf(tp, k - tp, positives - tp)
        if figures["f1"] > best["f1"]:
            best = {**figures, "threshold": round(score, 3)}
    return best


def related_precision(folder: Path, gold: dict[str, str]) -> dict[str, float]:
    """Share of the articles behind ``related``'s non-own entries that are in the article's sub-topic."""
    index_dir = str(folder / "index")
    catalog = open_catalog(index_dir)
    store = Store.open(index_dir)
    key_of = {row.id: row.key for row in catalog.docs()}
    tp = fp = 0
    same_story_tp = same_story_fp = 0
    times = []
    for doc_id, key in key_of.items():
        doc = store.get(doc_id)
        if doc is None:
            continue
        names = {e.canonical for e in doc.entities if e.type != "DATE" and e.canonical}
        published = PartialDate.from_iso(doc.date) if doc.date else None
        began = time.perf_counter()
        ranked = catalog.events.related(doc_id, names, published, 20)
        times.append(time.perf_counter() - began)
        others: dict[str, bool] = {}
        for item in ranked:
            if item.own:
                continue
            for other in item.event.doc_ids:
                if other != doc_id and other in key_of:
                    others[other] = others.get(other, False) or item.same_event
        for other, same_event in others.items():
            right = gold[key_of[other]] == gold[key]
            tp += right
            fp += not right
            same_story_tp += same_event and right
            same_story_fp += same_event and not right
    store.close()
    catalog.close()
    times.sort()
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "articles_listed": tp + fp,
        "same_event_precision": round(same_story_tp / (same_story_tp + same_story_fp), 3)
        if same_story_tp + same_story_fp
        else 0.0,
        "p95_ms": round(1000 * times[int(0.95 * (len(times) - 1))], 1) if times else 0.0,
    }


def ecb(work: Path) -> dict[str, Any]:
    records = [json.loads(line) for line in ECB.open(encoding="utf-8")]
    gold = {r["id"]: r["subtopic"] for r in records}
    full_dir, split_dir = work / "ecb-full", work / "ecb-split"
    full_dir.mkdir()
    split_dir.mkdir()
    story, seconds = index(records, full_dir)
    split, _ = index(records, split_dir, parts=2)
    vectors = tfidf_vectors({r["id"]: f"{r.get('title', '')}\n{r.get('body', '')}" for r in records})
    scored = [(cosine(vectors[a], vectors[b]), gold[a] == gold[b]) for a, b in itertools.combinations(sorted(gold), 2)]
    return {
        "articles": len(records),
        "index_seconds": round(seconds, 1),
        "stories": len(set(story.values())),
        "pairs": pairs_linked(story, gold),
        "pairs_incremental": pairs_linked(split, gold),
        "related": related_precision(full_dir, gold),
        "baseline_tfidf": best_threshold(scored),
    }


def indonesian(work: Path, others: int, seed: int) -> dict[str, Any]:
    gold_pairs = [json.loads(line) for line in GOLD_ID.open(encoding="utf-8")]
    wanted = {p["a"] for p in gold_pairs} | {p["b"] for p in gold_pairs}
    with CLICKID.open(encoding="utf-8") as handle:  # not splitlines(): U+2028 is inside some bodies
        lines = [line for line in handle if line.strip()]
    chosen: list[dict[str, Any]] = []
    rest: list[str] = []
    for line in lines:
        record = json.loads(line)
        if str(record.get("id")) in wanted:
            chosen.append(record)
        else:
            rest.append(line)
    chosen += [json.loads(line) for line in random.Random(seed).sample(rest, min(others, len(rest)))]
    folder = work / "id"
    folder.mkdir()
    story, seconds = index(chosen, folder)
    tp = fp = fn = 0
    for pair in gold_pairs:
        a, b = str(pair["a"]), str(pair["b"])
        if a not in story or b not in story:
            continue
        linked = story[a] == story[b]
        tp += linked and pair["same"]
        fp += linked and not pair["same"]
        fn += pair["same"] and not linked
    vectors = tfidf_vectors({str(r["id"]): f"{r.get('title', '')}\n{r.get('body', '')}" for r in chosen})
    scored = [(cosine(vectors[str(p["a"])], vectors[str(p["b"])]), bool(p["same"])) for p in gold_pairs]
    return {
        "gold_pairs": len(gold_pairs),
        "articles_indexed": len(chosen),
        "index_seconds": round(seconds, 1),
        "pairs": prf(tp, fp, fn),
        "baseline_tfidf": best_threshold(scored),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-id", action="store_true", help="ECB+ only")
    parser.add_argument("--others", type=int, default=3000, help="CLICK-ID articles indexed beside the gold ones")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if not ECB.exists():
        print(f"{ECB}: not found", file=sys.stderr)
        return 1
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="warta-stories-") as tmp:
        report["ecb"] = ecb(Path(tmp))
        if not args.skip_id and CLICKID.exists():
            report["indonesian"] = indonesian(Path(tmp), args.others, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    e = report["ecb"]
    print(f"ECB+ topics 1–35: {e['articles']} articles, {e['stories']} stories, indexed in {e['index_seconds']} s")
    rows = [
        ("stories (one run)", e["pairs"]),
        ("stories (two runs)", e["pairs_incremental"]),
        ("TF-IDF, best threshold", e["baseline_tfidf"]),
    ]
    if "indonesian" in report:
        i = report["indonesian"]
        rows += [("Indonesian gold: stories", i["pairs"]), ("Indonesian gold: TF-IDF, best", i["baseline_tfidf"])]
    print(f"{'':32} {'P':>6} {'R':>6} {'F1':>6}")
    for label, figures in rows:
        print(f"{label:32} {figures['precision']:6.3f} {figures['recall']:6.3f} {figures['f1']:6.3f}")
    r = e["related"]
    print(
        f"related (ECB+): precision {r['precision']:.3f} over {r['articles_listed']} articles listed"
        f" (same-story entries {r['same_event_precision']:.3f}); engine p95 {r['p95_ms']} ms"
    )
    print(f"targets: pairs P ≥ {TARGET_PRECISION}, F1 ≥ {TARGET_F1}; related precision ≥ {TARGET_RELATED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
