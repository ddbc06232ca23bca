"""The index format: rare terms keep their postings in the term dictionary (indexer.store.codec)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import article, write_jsonl

from indexer.pipeline import index_paths
from indexer.store import Store, word_stem
from indexer.store.codec import INLINE_LIMIT, InliningCodec


@pytest.mark.parametrize("workers", [1, 2])
def test_rare_terms_are_inlined_and_found_like_the_others(tmp_path: Path, workers: int) -> None:
    common = INLINE_LIMIT + 4
    articles = [
        article(f"doc{n}", f"Harbour report {n}", f"The harbour crane number {n} was repaired by the dockers.")
        for n in range(common)
    ]
    articles.append(article("rare", "Lighthouse", "A lighthouse keeper saw the blue whale near the harbour."))
    index = tmp_path / "index"
    index_paths([str(write_jsonl(tmp_path / "a.jsonl", articles))], str(index), workers=workers)
    store = Store.open(str(index))
    leaves = [leaf for leaf, _ in store.searcher().reader().leaf_readers()]
    assert leaves and all(isinstance(leaf.codec(), InliningCodec) for leaf in leaves)
    rare, everywhere = word_stem("lighthouse"), word_stem("harbour")
    with_rare = [leaf for leaf in leaves if ("text", rare) in leaf]
    assert len(with_rare) == 1 and with_rare[0].term_info("text", rare).is_inlined()
    if workers == 1:  # one segment: the word of every article has its postings in the postings file
        assert not leaves[0].term_info("text", everywhere).is_inlined()
    (hit,) = store.search('"lighthouse keeper"').hits  # positions read from the inlined postings
    assert [h.id for h in store.search("lighthouse").hits] == [hit.id]
    assert store.search('"crane number"', limit=100).total == common
    store.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_small_segments_merge(tmp_path: Path, workers: int) -> None:
    """Six runs of two articles each: Whoosh merges the small segments at the sixth commit, which used to
    fail on inlined postings (``AssertionError: vbytes=''``) and make every later run fail."""
    index = tmp_path / "index"
    keys = []
    for run in range(7):
        batch = [
            article(f"r{run}a", f"Harbour report {run}", f"The harbour crane {run} was repaired by the dockers."),
            article(f"r{run}b", f"Ferry news {run}", f"The ferry number {run} left the harbour at dawn, they said."),
        ]
        keys += [a["id"] for a in batch]
        summary = index_paths([str(write_jsonl(tmp_path / f"run{run}.jsonl", batch))], str(index), workers=workers)
        assert (summary.added, summary.problems) == (2, [])
    with Store.open(str(index)) as store:
        assert len(list(store.searcher().reader().leaf_readers())) < 7  # merged
        assert store.doc_count() == len(keys)
        assert store.search("harbour", limit=100).total == len(keys)
        assert store.search('"crane 3"').total == 1  # positions survive the merge
        assert store.search("ferry", limit=100).total == 7
