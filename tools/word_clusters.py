"""Learn word clusters from unlabelled Indonesian news and write ``data/models/clusters-id.tsv.gz``.

The name tagger (``indexer/language/entities/tagger.py``) reads a word's cluster as a feature, so a name it never
saw in training still looks like the names of its kind that it did ("Tanjungpinang" next to "Bandung"
and "Makassar"). Clusters are learned from how words are used in ``../shared/corpus``'s CLICK-ID
articles (read in place, never copied), plus the sentences of the tagger's training files, in the
manner of Brown clusters: each word gets a group in a coarse, a middle and a fine clustering, and
words in one group are used alike.

How: each word of the vocabulary is described by the words seen just left and just right of it
(positive pointwise mutual information, the context distribution smoothed by 0.75), reduced to
``--dims`` dimensions by a randomised SVD and scaled to unit length, then grouped by spherical
k-means (k-means++ start) once for each of ``--sizes``. Deterministic for the same input and options.

    pip install numpy   # this tool only; Warta itself does not need numpy
    python tools/word_clusters.py       # about a minute; retrain the tagger afterwards
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

try:
    import numpy as np
except ImportError:  # the tool's own dependency, not Warta's
    sys.exit("word_clusters: needs numpy: pip install -e '.[train]'")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import CLICKID  # noqa: E402
from bench.ner_score import NER_DEV, read_tokens  # noqa: E402
from bench.silver import CLICKID_BREAK  # noqa: E402
from indexer.language.entities.clusters import CLUSTERS_PATH, FORMAT  # noqa: E402
from indexer.language.entities.tokens import TOKEN_PATTERN  # noqa: E402

CORPUS = CLICKID
TRAIN_FILES = ("nergrit-train.tsv", "idner2k-train.txt")
_WORD = re.compile(TOKEN_PATTERN)


def corpus_sentences(path: Path) -> list[list[str]]:
    """The tokens of the titles and body sentences of a JSON Lines corpus."""
    sentences: list[list[str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            sentences.append(_WORD.findall(record.get("title") or ""))
            for part in CLICKID_BREAK.split(record.get("body") or ""):
                tokens = _WORD.findall(part)
                if tokens:
                    sentences.append(tokens)
    return sentences


def training_sentences(directory: Path) -> list[list[str]]:
    """The words of the annotated training files, one list per sentence (labels ignored), read as the
    benchmark and the tagger's training read them."""
    return [[token for token, _ in tokens] for name in TRAIN_FILES for tokens in read_tokens(directory / name)]


def cooccurrence(
    sentences: list[list[str]], min_count: int, contexts: int, window: int = 1
) -> tuple[list[str], np.ndarray]:
    """The vocabulary (words seen ``min_count`` times, case kept) and its counts of the words up to
    ``window`` places left and right among the ``contexts`` commonest lower-case words (a block of
    columns per relative place, each with one column for any other word and one for the sentence
    edge)."""
    counts: Counter[str] = Counter()
    lower_counts: Counter[str] = Counter()
    for sentence in sentences:
        counts.update(sentence)
        lower_counts.update(word.lower() for word in sentence)
    vocabulary = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    row = {word: index for index, word in enumerate(vocabulary)}
    context_words = [w for w, _ in sorted(lower_counts.items(), key=lambda item: (-item[1], item[0]))[:contexts]]
    column = {word: index for index, word in enumerate(context_words)}
    other, edge = contexts, contexts + 1
    side = contexts + 2
    places = [place for place in range(-window, window + 1) if place]
    pairs: Counter[tuple[int, int]] = Counter()
    for sentence in sentences:
        lowered = [column.get(word.lower(), other) for word in sentence]
        size = len(sentence)
        for k, word in enumerate(sentence):
            index = row.get(word)
            if index is None:
                continue
            for block, place in enumerate(places):
                at = k + place
                pairs[index, block * side + (lowered[at] if 0 <= at < size else edge)] += 1
    matrix = np.zeros((len(vocabulary), len(places) * side), dtype=np.float32)
    keys = np.array(list(pairs.keys()), dtype=np.int64)
    matrix[keys[:, 0], keys[:, 1]] = np.fromiter(pairs.values(), dtype=np.float32, count=len(pairs))
    return vocabulary, matrix


def ppmi(matrix: np.ndarray, smoothing: float = 0.75) -> np.ndarray:
    """Positive pointwise mutual information of counts, the context distribution smoothed."""
    total = matrix.sum()
    rows = matrix.sum(axis=1, keepdims=True) / total
    smoothed = matrix.sum(axis=0) ** smoothing
    columns = smoothed / smoothed.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.log((matrix / total) / (rows * columns[None, :]))
    values[~np.isfinite(values)] = 0.0
    return np.maximum(values, 0.0).astype(np.float32)


def reduce(matrix: np.ndarray, dims: int, rng: np.random.Generator) -> np.ndarray:
    """Rows of ``matrix`` in ``dims`` dimensions (randomised SVD, two power iterations), unit length."""
    probe = rng.standard_normal((matrix.shape[1], dims + 20)).astype(np.float32)
    basis, _ = np.linalg.qr(matrix @ probe)
    for _ in range(2):
        basis, _ = np.linalg.qr(matrix @ (matrix.T @ basis))
    small = basis.T @ matrix
    u, singular, _ = np.linalg.svd(small, full_matrices=False)
    vectors = (basis @ u[:, :dims]) * np.sqrt(singular[:dims])[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def kmeans(vectors: np.ndarray, size: int, rng: np.random.Generator, rounds: int = 25) -> np.ndarray:
    """Spherical k-means of unit ``vectors`` into ``size`` groups (k-means++ start): a group per row."""
    count = len(vectors)
    chosen = [int(rng.integers(count))]
    nearest = 1.0 - vectors @ vectors[chosen[0]]
    for _ in range(1, size):
        weights = np.maximum(nearest, 0.0) ** 2
        index = int(rng.choice(count, p=weights / weights.sum()))
        chosen.append(index)
        nearest = np.minimum(nearest, 1.0 - vectors @ vectors[index])
    centres = vectors[chosen].copy()
    groups = np.full(count, -1)
    for _ in range(rounds):
        new = np.argmax(vectors @ centres.T, axis=1)
        if (new == groups).all():
            break
        groups = new
        sums = np.zeros_like(centres)
        np.add.at(sums, groups, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] < 1e-9
        centres = np.where(empty[:, None], centres, sums / np.maximum(norms, 1e-9))
    return groups


def flat_labels(vectors: np.ndarray, sizes: list[int], rng: np.random.Generator) -> list[str]:
    """Per row, its group in a k-means of each size, coarse to fine ("12 201 930")."""
    columns = [kmeans(vectors, size, rng) for size in sizes]
    return [" ".join(str(int(column[row])) for column in columns) for row in range(len(vectors))]


def write(vocabulary: list[str], labels: list[str], path: Path, notes: str) -> None:
    """The clusters as gzipped text, byte for byte the same for the same clusters."""
    lines = [FORMAT, "notes\t" + notes]
    lines.extend(f"{word}\t{label}" for word, label in zip(vocabulary, labels, strict=True))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--dir", type=Path, default=NER_DEV, help="where the tagger's training files are")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--contexts", type=int, default=3000, help="commonest words used as contexts, per side")
    parser.add_argument("--window", type=int, default=1, help="places left and right read as contexts")
    parser.add_argument("--dims", type=int, default=100)
    parser.add_argument("--sizes", default="64,256,1024", help="groups in each clustering, coarse to fine")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=CLUSTERS_PATH)
    args = parser.parse_args(argv)
    missing = [path for path in (args.corpus, *(args.dir / name for name in TRAIN_FILES)) if not path.is_file()]
    if missing:
        print(f"word_clusters: no such file: {missing[0]}", file=sys.stderr)
        return 2
    began = time.perf_counter()
    sentences = corpus_sentences(args.corpus) + training_sentences(args.dir)
    print(f"read {len(sentences):,} sentences in {time.perf_counter() - began:.1f} s")
    vocabulary, counts = cooccurrence(sentences, args.min_count, args.contexts, args.window)
    print(f"{len(vocabulary):,} words x {counts.shape[1]:,} contexts in {time.perf_counter() - began:.1f} s")
    rng = np.random.default_rng(args.seed)
    vectors = reduce(ppmi(counts), args.dims, rng)
    print(f"reduced to {args.dims} dimensions in {time.perf_counter() - began:.1f} s")
    labels = flat_labels(vectors, [int(size) for size in args.sizes.split(",")], rng)
    notes = (
        f"PPMI-SVD {args.dims} dims, spherical k-means into {args.sizes} groups, seed {args.seed}, "
        f"words seen {args.min_count}+ times in {args.corpus.name} and the tagger's training files"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write(vocabulary, labels, args.out, notes)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes) in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
