"""Word clusters learned from unlabelled Indonesian news: per word, its group in a coarse, a middle and
a fine clustering of the words by the company they keep (in the manner of Brown clusters).

Made by ``tools/word_clusters.py`` and shipped as ``data/models/clusters-id.tsv.gz`` (gzipped text:
a format line, a ``notes`` line, then ``word<TAB>labels`` per line, the labels separated by spaces,
coarse to fine). The name tagger reads a word's labels as features, so that a name it never saw in
training is read like the names used the same way in the news ("Tanjungpinang" like "Bekasi").
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from indexer.resources import MissingResource, shipped

__all__ = ["CLUSTERS_PATH", "FORMAT", "cluster_of", "read_clusters"]

FORMAT = "warta-word-clusters 1"
CLUSTERS_PATH = shipped("models", "clusters-id.tsv.gz")


def read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """The cluster labels of each word in the file at ``path``; ValueError when it is not such a file."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    if not lines or lines[0] != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT!r} file")
    clusters: dict[str, tuple[str, ...]] = {}
    for line in lines[1:]:
        word, _, labels = line.partition("\t")
        if word and word != "notes" and labels:
            clusters[word] = tuple(labels.split(" "))
    return clusters


@lru_cache(maxsize=1)
def _shipped() -> dict[str, tuple[str, ...]]:
    """The shipped clusters; :class:`MissingResource` when they cannot be read (the tagger was trained
    with them, and reads names worse without)."""
    try:
        return read_clusters(CLUSTERS_PATH)
    except (OSError, ValueError, EOFError) as error:
        raise MissingResource(f"cannot read the word clusters {CLUSTERS_PATH}: {error}; reinstall warta") from error


def cluster_of(word: str) -> tuple[str, ...]:
    """The cluster labels of ``word``, coarse to fine (as written, else in title case for a word in
    capitals), or () for a word not in the clusters."""
    clusters = _shipped()
    labels = clusters.get(word)
    if labels is None and word.isupper() and len(word) > 3:
        labels = clusters.get(word.title())
    return labels or ()
