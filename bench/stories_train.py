"""Fit and measure the story model (issue 19): which articles report the same real-world event.

Standard library only (runs with the project venv). It builds story profiles with the real pipeline
(``parse_bytes`` → ``prepare`` → ``annotate`` → ``profile_article``) for

- the ECB+ topics 1–35 (``../shared/events-dev``): gold = same sub-topic;
- the CLICK-ID corpus (``../shared/corpus/clickid-id-2019.jsonl``), for the Indonesian gold pairs of
  ``bench/stories-id-gold.jsonl``;

fits the logistic model of :mod:`indexer.language.stories.scoring` in pure Python (Newton's method
with a small L2 penalty), and measures END-TO-END linking (:func:`link_stories`: candidates, average
link, threshold) as pair precision / recall / F1.

Which pairs the model learns from (the pairs the engine scores): for every article, the pairs with
its candidates (:meth:`CandidateIndex.candidates` over the articles of the training topics), plus
every pair of articles of one ECB+ topic (two groups are scored pair by pair before they merge, and
a topic holds the two same-kind events: the hard negatives). Document frequencies are those of the
articles linked (the training topics when fitting, the held-out topics when measuring).

Cross-validation: the 35 topics go round-robin into ``--folds`` folds (topic t → fold t mod k). For
each fold, the coefficients are fitted and the threshold chosen on the other folds' topics (the best
F1 of end-to-end linking among thresholds with precision ≥ ``--min-precision``, the training topics
linked at once: a set larger than the one measured, so a cautious threshold, as a real index is
larger still); linking is then run on the held-out topics alone (in one go, and in two halves: the
incremental case) and scored over their pairs. "pooled" sums the counts of all folds. The final
model is fitted on all 35 topics (threshold likewise); its figures on them are in-sample and
labelled so. The Indonesian figures use the final model: a gold pair counts as linked when both
articles end in the same story, linking every article of the sample (``--id-sample N``: the gold
articles plus N others drawn with seed 19; 0, the default, links the whole corpus).

Annotations are cached under ``--cache`` (default ``/tmp/warta-stories-cache``), keyed by the input
file and the pipeline's ``run_version()``; profiles are rebuilt from them on every run, so changes to
``profile.py`` are seen. A first run annotates ~23k articles (a few minutes on 2 cores); later runs
take about a minute.

    .venv/bin/python bench/stories_train.py                 # CV + final fit + Indonesian gold
    .venv/bin/python bench/stories_train.py --skip-id       # ECB+ only
    .venv/bin/python bench/stories_train.py --id-sample 3000 --show-errors
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import hashlib
import itertools
import json
import math
import os
import pickle
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.language.stories import clustering  # noqa: E402
from indexer.language.stories.clustering import CandidateIndex, link_stories  # noqa: E402
from indexer.language.stories.profile import StoryProfile, profile_article  # noqa: E402
from indexer.language.stories.scoring import FEATURES, CorpusStats, PairScorer, day_of  # noqa: E402

ECB = ROOT / ".." / "shared" / "events-dev" / "ecbplus-topics-1-35.jsonl"
CLICK = ROOT / ".." / "shared" / "corpus" / "clickid-id-2019.jsonl"
GOLD = ROOT / "bench" / "stories-id-gold.jsonl"
THRESHOLDS = [round(0.30 + 0.02 * i, 2) for i in range(31)]
PRIORS = {"days_near": 0.5, "days_far": -4.0, "lead_days_apart": -3.0}
"""Coefficients set, not fitted: in ECB+ only the ``ecbplus`` articles are dated and no dated pair
crosses sub-topics, so the data says "both dated" means "same event" (an artefact), and nothing
about how far apart the days are. Two reports of one event are published days, not months, apart."""

Annotated = tuple[str, str, str | None, Any, Any]  # title, text, date, entities, title entities
Counts = list[int]  # tp, fp, fn


# ---------------------------------------------------------------- annotation (cached) and profiles


def _annotate(line: str) -> tuple[str, Annotated]:
    from indexer.ingest.reading import parse_bytes
    from indexer.language.entities import annotate
    from indexer.pipeline import prepare

    row = json.loads(line)
    records, _ = parse_bytes("x.jsonl", line.encode())
    article = prepare(records[0])
    entities = annotate(article.text, lang=article.lang, published=article.date)
    title_entities = annotate(article.title, lang=article.lang, published=article.date)
    date = article.date.iso if article.date else None
    return str(row["id"]), (article.title, article.text, date, entities, title_entities)


def annotated(path: Path, wanted: Callable[[str, int], bool], cache: Path, label: str) -> dict[str, Annotated]:
    """Annotations of the lines of ``path`` that ``wanted(id, line number)`` keeps, cached on disk."""
    from indexer.pipeline import run_version

    lines = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if line.strip() and wanted(json.loads(line)["id"], number):
                lines.append(line)
    key = hashlib.sha256(("\n".join([run_version(), str(path.resolve())]) + "".join(lines)).encode()).hexdigest()
    file = cache / f"{label}-{key[:16]}.pickle"
    if file.exists():
        with file.open("rb") as handle:
            found: dict[str, Annotated] = pickle.load(handle)
        return found
    started = time.time()
    print(f"annotating {len(lines)} articles of {path.name} (cached in {cache})…", file=sys.stderr)
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        found = dict(pool.map(_annotate, lines, chunksize=64))
    cache.mkdir(parents=True, exist_ok=True)
    with file.open("wb") as handle:
        pickle.dump(found, handle)
    print(f"  {time.time() - started:.0f} s", file=sys.stderr)
    return found


def profiles_of(annotations: dict[str, Annotated]) -> dict[str, StoryProfile]:
    return {
        doc: profile_article(doc, title, text, entities, date, title_entities)
        for doc, (title, text, date, entities, title_entities) in annotations.items()
    }


# ---------------------------------------------------------------- linking and scoring


def stats_of(profiles: Iterable[StoryProfile]) -> CorpusStats:
    return CorpusStats.of(profiles)


class _Memo(PairScorer):
    """A scorer that remembers each pair's probability (the threshold search links the same pairs often)."""

    def __init__(self, stats: CorpusStats, coefficients: tuple[float, ...], intercept: float) -> None:
        super().__init__(stats, coefficients, intercept)
        self.memo: dict[tuple[str, str], float] = {}

    def probability(self, a: StoryProfile, b: StoryProfile) -> float:
        key = (a.doc_id, b.doc_id) if a.doc_id < b.doc_id else (b.doc_id, a.doc_id)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = super().probability(a, b)
        return found


_SCORERS: dict[tuple[Any, ...], _Memo] = {}
_CANDIDATES: dict[tuple[Any, ...], list[str]] = {}


class _MemoIndex(CandidateIndex):
    """A candidate index that remembers each article's candidates (the same whatever the threshold)."""

    def __init__(self, key: tuple[Any, ...]) -> None:
        super().__init__()
        self.key = key

    def candidates(self, profile: StoryProfile, limit: int = clustering.CANDIDATES) -> list[str]:
        key = (*self.key, self.documents, profile.doc_id, limit)
        found = _CANDIDATES.get(key)
        if found is None:
            found = _CANDIDATES[key] = super().candidates(profile, limit)
        return found


def link(profiles: Sequence[StoryProfile], model: tuple[tuple[float, ...], float], threshold: float, parts: int = 1):
    """Story of every article, linking ``profiles`` (by id order) in ``parts`` successive batches."""
    clustering.THRESHOLD = threshold
    coefficients, intercept = model
    docs_key = hashlib.sha256("\n".join(sorted(p.doc_id for p in profiles)).encode()).hexdigest()
    key = (docs_key, coefficients, intercept)
    scorer = _SCORERS.get(key)
    if scorer is None:
        if len(_SCORERS) > 8:
            _SCORERS.clear()
        scorer = _SCORERS[key] = _Memo(stats_of(profiles), coefficients, intercept)
    by_id = {p.doc_id: p for p in profiles}
    order = sorted(by_id)
    index = _MemoIndex((docs_key, parts))
    story: dict[str, str] = {}
    members: dict[str, set[str]] = collections.defaultdict(set)
    for part in range(parts):
        batch = [by_id[doc] for doc in order[part::parts]]
        for profile in batch:
            index.add(profile.doc_id, day_of(profile.date), profile.search_keys())
        changed = link_stories(
            batch,
            index,
            story,
            lambda s: set(members.get(s, ())),
            lambda ids: {doc: by_id[doc] for doc in ids if doc in by_id},
            scorer,
        )
        for doc, new in changed.items():
            old = story.get(doc)
            if old is not None:
                members[old].discard(doc)
            story[doc] = new
            members[new].add(doc)
    return story


def pair_counts(story: dict[str, str], gold: dict[str, str], docs: Iterable[str]) -> Counts:
    """tp, fp, fn over every pair of ``docs``."""
    by_story: dict[str, list[str]] = collections.defaultdict(list)
    by_gold: dict[str, list[str]] = collections.defaultdict(list)
    both: collections.Counter[tuple[str, str]] = collections.Counter()
    for doc in docs:
        by_story[story.get(doc, doc)].append(doc)
        by_gold[gold[doc]].append(doc)
        both[story.get(doc, doc), gold[doc]] += 1
    linked = sum(n * (n - 1) // 2 for n in map(len, by_story.values()))
    same = sum(n * (n - 1) // 2 for n in map(len, by_gold.values()))
    tp = sum(n * (n - 1) // 2 for n in both.values())
    return [tp, linked - tp, same - tp]


def prf(counts: Counts) -> tuple[float, float, float]:
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def add(a: Counts, b: Counts) -> Counts:
    return [x + y for x, y in zip(a, b, strict=True)]


# ---------------------------------------------------------------- fitting


def training_pairs(profiles: Sequence[StoryProfile], topic: dict[str, int], gold: dict[str, str]):
    """Feature rows and labels of the pairs the engine scores (see the module docstring)."""
    scorer = PairScorer(stats_of(profiles))
    index = CandidateIndex()
    for p in profiles:
        index.add(p.doc_id, day_of(p.date), p.search_keys())
    pairs: set[tuple[str, str]] = set()
    for p in profiles:
        for doc in index.candidates(p):
            pairs.add((min(p.doc_id, doc), max(p.doc_id, doc)))
    by_topic: dict[int, list[str]] = collections.defaultdict(list)
    for p in profiles:
        by_topic[topic[p.doc_id]].append(p.doc_id)
    for docs in by_topic.values():
        pairs.update(itertools.combinations(sorted(docs), 2))
    by_id = {p.doc_id: p for p in profiles}
    rows = [scorer.features(by_id[a], by_id[b]) for a, b in sorted(pairs)]
    labels = [1.0 if gold[a] == gold[b] else 0.0 for a, b in sorted(pairs)]
    return rows, labels


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(vector)
    m = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            if factor:
                for c in range(col, n + 1):
                    m[r][c] -= factor * m[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (m[r][n] - sum(m[r][c] * out[c] for c in range(r + 1, n))) / m[r][r]
    return out


def fit(rows: Sequence[Sequence[float]], labels: Sequence[float], l2: float) -> tuple[tuple[float, ...], float]:
    """Logistic regression by Newton's method; L2 penalty ``l2`` on the coefficients (not the intercept).
    The features of :data:`PRIORS` keep their set coefficient."""
    d = len(rows[0]) + 1
    xs = [(1.0, *row) for row in rows]
    fixed = {FEATURES.index(name) + 1: value for name, value in PRIORS.items() if name in FEATURES}
    w = [fixed.get(i, 0.0) for i in range(d)]
    for _ in range(50):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for x, y in zip(xs, labels, strict=True):
            z = sum(wi * xi for wi, xi in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0
            g, h = y - p, p * (1.0 - p)
            for i in range(d):
                if x[i]:
                    grad[i] += g * x[i]
                    hx = h * x[i]
                    row = hess[i]
                    for j in range(i, d):
                        row[j] += hx * x[j]
        for i in range(1, d):
            grad[i] -= l2 * w[i]
            hess[i][i] += l2
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        for i in fixed:
            grad[i] = 0.0
            for j in range(d):
                hess[i][j] = hess[j][i] = 0.0
            hess[i][i] = 1.0
        step = _solve(hess, grad)
        w = [wi + si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return tuple(round(x, 2) for x in w[1:]), round(w[0], 2)


def choose_threshold(chunks, model, gold, min_precision: float) -> tuple[float, tuple[float, float, float]]:
    """The threshold with the best end-to-end F1 among those reaching ``min_precision`` (else the most
    precise), each of ``chunks`` (lists of profiles: one per fold) linked on its own, counts pooled."""
    best: tuple[tuple[float, float], float, tuple[float, float, float]] | None = None
    for threshold in THRESHOLDS:
        counts = [0, 0, 0]
        for chunk in chunks:
            story = link(chunk, model, threshold)
            counts = add(counts, pair_counts(story, gold, [p.doc_id for p in chunk]))
        p, r, f = prf(counts)
        key = (f, p) if p >= min_precision else (-1.0, p)
        if best is None or key > best[0]:
            best = (key, threshold, (p, r, f))
    assert best is not None
    return best[1], best[2]


# ---------------------------------------------------------------- the runs


def run_ecb(args: argparse.Namespace) -> tuple[tuple[float, ...], float, float]:
    rows = [json.loads(line) for line in args.ecb.open(encoding="utf-8") if line.strip()]
    gold = {str(r["id"]): str(r["subtopic"]) for r in rows}
    topic = {str(r["id"]): int(r["topic"]) for r in rows}
    profiles = profiles_of(annotated(args.ecb, lambda _id, _n: True, args.cache, "ecb"))
    ordered = [profiles[doc] for doc in sorted(profiles)]
    topics = sorted(set(topic.values()))
    print(f"ECB+: {len(ordered)} articles, {len(topics)} topics, {len(set(gold.values()))} sub-topics")
    print(f"features: {', '.join(FEATURES)}; set, not fitted: {PRIORS}\n")
    print(f"{'fold':<6}{'topics':>7}{'thr':>6}{'P':>7}{'R':>7}{'F1':>7}   {'incr P':>7}{'R':>7}{'F1':>7}")
    pooled, pooled_incr = [0, 0, 0], [0, 0, 0]
    f1s: list[float] = []
    folds = [[p for p in ordered if topic[p.doc_id] % args.folds == fold] for fold in range(args.folds)]
    for fold in range(args.folds):
        held = {t for t in topics if t % args.folds == fold}
        train = [p for p in ordered if topic[p.doc_id] not in held]
        test = folds[fold]
        model = fit(*training_pairs(train, topic, gold), args.l2)
        threshold, _ = choose_threshold([train], model, gold, args.min_precision)
        docs = [p.doc_id for p in test]
        counts = pair_counts(link(test, model, threshold), gold, docs)
        incr = pair_counts(link(test, model, threshold, parts=2), gold, docs)
        pooled, pooled_incr = add(pooled, counts), add(pooled_incr, incr)
        f1s.append(prf(counts)[2])
        print(f"{fold:<6}{len(held):>7}{threshold:>6.2f}" + _fmt(counts) + "   " + _fmt(incr))
    spread = f"F1 per fold {min(f1s):.3f}–{max(f1s):.3f}, mean {sum(f1s) / len(f1s):.3f}"
    print(f"{'pooled CV':<19}" + _fmt(pooled) + "   " + _fmt(pooled_incr) + f"   ({spread})")

    model = fit(*training_pairs(ordered, topic, gold), args.l2)
    threshold, _ = choose_threshold([ordered], model, gold, args.min_precision)
    docs = [p.doc_id for p in ordered]
    full = pair_counts(link(ordered, model, threshold), gold, docs)
    incr = pair_counts(link(ordered, model, threshold, parts=2), gold, docs)
    print(f"{'all 35 (in-sample)':<13}{threshold:>6.2f}" + _fmt(full) + "   " + _fmt(incr))
    print("\nfinal model (fitted on topics 1–35):")
    for name, c in zip(FEATURES, model[0], strict=True):
        print(f"  {name:<22}{c:>7.2f}")
    print(f"  {'intercept':<22}{model[1]:>7.2f}\n  {'THRESHOLD':<22}{threshold:>7.2f}")
    print(f"COEFFICIENTS: tuple[float, ...] = {model[0]}\nINTERCEPT = {model[1]}\nTHRESHOLD = {threshold}\n")
    return model[0], model[1], threshold


def _fmt(counts: Counts) -> str:
    return "".join(f"{x:>7.3f}" for x in prf(counts))


def run_id(args: argparse.Namespace, model: tuple[tuple[float, ...], float], threshold: float) -> None:
    pairs = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    wanted_ids = {g["a"] for g in pairs} | {g["b"] for g in pairs}
    if args.id_sample:
        ids = []
        with args.click.open(encoding="utf-8") as handle:
            ids = [json.loads(line)["id"] for line in handle if line.strip()]
        others = sorted(set(ids) - wanted_ids)
        keep = wanted_ids | set(random.Random(19).sample(others, min(args.id_sample, len(others))))
    else:
        keep = None
    annotations = annotated(
        args.click, lambda doc, _n: keep is None or doc in keep, args.cache, f"clickid-{args.id_sample}"
    )
    profiles = list(profiles_of(annotations).values())
    print(f"CLICK-ID: {len(profiles)} articles linked, {len(pairs)} gold pairs ({sum(g['same'] for g in pairs)} same)")
    print(f"{'run':<22}{'P':>7}{'R':>7}{'F1':>7}{'stories':>9}{'linking s':>11}")
    for label, parts in (("one go", 1), ("two halves", 2)):
        started = time.time()
        story = link(profiles, model, threshold, parts)
        seconds = time.time() - started
        counts = [0, 0, 0]
        wrong = []
        by_kind: dict[str, Counts] = collections.defaultdict(lambda: [0, 0, 0])
        for g in pairs:
            linked = story.get(g["a"], g["a"]) == story.get(g["b"], g["b"])
            cell = [linked and g["same"], linked and not g["same"], g["same"] and not linked]
            counts = add(counts, [int(x) for x in cell])
            by_kind[g["kind"]] = add(by_kind[g["kind"]], [int(x) for x in cell])
            if linked != g["same"]:
                wrong.append(g)
        stories = len({story.get(p.doc_id, p.doc_id) for p in profiles})
        print(f"{label:<22}" + _fmt(counts) + f"{stories:>9}{seconds:>11.1f}")
        if parts == 1:
            for kind, (tp, fp, fn) in sorted(by_kind.items()):
                print(f"  {kind:<28} linked right {tp:>3}, wrongly {fp:>3}, missed {fn:>3}")
            if args.show_errors:
                for g in wrong:
                    print(f"    {'MISSED' if g['same'] else 'WRONG '} {g['a']} {g['b']} {g['kind']}: {g['note']}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ecb", type=Path, default=ECB, help="ECB+ articles (jsonl with topic, subtopic)")
    parser.add_argument("--click", type=Path, default=CLICK, help="CLICK-ID corpus (jsonl)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="Indonesian gold pairs (jsonl)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds over topics (default 5)")
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty on the coefficients (default 1)")
    parser.add_argument("--min-precision", type=float, default=0.92, help="precision the threshold must reach")
    parser.add_argument("--id-sample", type=int, default=0, help="CLICK-ID: gold articles + N others (0: all)")
    parser.add_argument("--skip-id", action="store_true", help="ECB+ only")
    parser.add_argument("--show-errors", action="store_true", help="list the Indonesian gold pairs gotten wrong")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/warta-stories-cache"), help="annotation cache")
    args = parser.parse_args(argv)
    started = time.time()
    coefficients, intercept, threshold = run_ecb(args)
    if not args.skip_id:
        run_id(args, (coefficients, intercept), threshold)
    print(f"\nbench time {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
