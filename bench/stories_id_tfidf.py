"""Plain TF-IDF cosine baseline on the Indonesian same-story gold set (bench/stories-id-gold.jsonl).

Standard library only. Each article's body (optionally title + body) is lowercased and cut into
[a-z0-9]+ tokens; tf is the raw count, idf = log(N / df) over every body of the CLICK-ID file;
the score of a pair is the cosine of the two tf-idf vectors. Prints the best F1 over all
thresholds (and its precision, recall, threshold), per-kind score ranges, and the pairs the best
threshold gets wrong.

    python bench/stories_id_tfidf.py [corpus.jsonl] [gold.jsonl]
"""

from __future__ import annotations

import collections
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / ".." / "shared" / "corpus" / "clickid-id-2019.jsonl"
GOLD = HERE / "stories-id-gold.jsonl"
TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def vector(counts: collections.Counter, idf: dict[str, float]) -> dict[str, float]:
    vec = {t: c * idf[t] for t, c in counts.items() if idf.get(t, 0.0) > 0}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def best_f1(scored: list[tuple[float, bool]]) -> tuple[float, float, float, float]:
    """(f1, precision, recall, threshold): link every pair scoring >= threshold."""
    positives = sum(1 for _, y in scored if y)
    best = (0.0, 0.0, 0.0, 1.0)
    tp = fp = 0
    ordered = sorted(scored, key=lambda s: -s[0])
    for i, (score, y) in enumerate(ordered):
        tp += y
        fp += not y
        if i + 1 < len(ordered) and ordered[i + 1][0] == score:
            continue  # ties: a threshold takes all of them or none
        p, r = tp / (tp + fp), tp / positives
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[0]:
            best = (f1, p, r, score)
    return best


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    gold_path = Path(sys.argv[2]) if len(sys.argv) > 2 else GOLD
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    wanted = {g["a"] for g in gold} | {g["b"] for g in gold}
    df: collections.Counter = collections.Counter()
    n = 0
    rows = {}
    for line in corpus.open(encoding="utf-8"):
        row = json.loads(line)
        body = row.get("body") or ""
        n += 1
        df.update(set(tokens(body)))
        if row["id"] in wanted:
            rows[row["id"]] = row
    idf = {t: math.log(n / d) for t, d in df.items()}
    print(
        f"{corpus.name}: {n} articles, {len(df)} terms; gold {gold_path.name}: {len(gold)} pairs, "
        f"{sum(g['same'] for g in gold)} same"
    )
    for label, text in (("body", lambda r: r["body"]), ("title+body", lambda r: r["title"] + " " + r["body"])):
        vecs = {i: vector(collections.Counter(tokens(text(r))), idf) for i, r in rows.items()}
        scored = [(cosine(vecs[g["a"]], vecs[g["b"]]), g["same"], g) for g in gold]
        f1, p, r, t = best_f1([(s, y) for s, y, _ in scored])
        print(f"\n[{label}] best F1 {f1:.3f} (P {p:.3f}, R {r:.3f}) at cosine >= {t:.3f}")
        by_kind = collections.defaultdict(list)
        for s, _, g in scored:
            by_kind[g["kind"]].append(s)
        for kind, ss in sorted(by_kind.items()):
            ss.sort()
            print(f"  {kind:27s} n={len(ss):3d} min {ss[0]:.3f} median {ss[len(ss) // 2]:.3f} max {ss[-1]:.3f}")
        wrong = [(s, g) for s, y, g in scored if (s >= t) != y]
        print(f"  wrong at that threshold: {len(wrong)}")
        for s, g in sorted(wrong, key=lambda w: w[0]):
            print(f"    {s:.3f} {g['kind'][:22]:22s} {g['a']} {g['b']} {g['note'][:70]}")


if __name__ == "__main__":
    main()
