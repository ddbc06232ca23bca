"""Word caches handed back from writer processes to the indexing process (:mod:`indexer.language.memo`)."""

from __future__ import annotations

from pathlib import Path

from support import article, write_jsonl

from indexer.language import memo
from indexer.language.entities.tagger import load_model
from indexer.pipeline import index_paths


def test_entries_added_after_the_bookmarks_are_learned_elsewhere_within_the_limit() -> None:
    cache = memo.shared("test-words", limit=3)
    cache.remember("a", 1)
    bookmarks = memo.marks()
    cache.remember("b", 2)
    cache.remember("c", 3)
    assert cache.remember("d", 4) == 4 and "d" not in cache  # full
    learned = memo.learned_since(bookmarks)
    assert learned["test-words"] == {"b": 2, "c": 3}
    assert all(name == "test-words" or entries for name, entries in learned.items())
    cache.clear()
    cache.remember("z", 0)
    memo.learn({"test-words": {"b": 2, "c": 3, "e": 5}, "test-unknown": {"x": 1}})
    assert cache == {"z": 0, "b": 2, "c": 3}  # room for two more only
    assert "test-unknown" not in memo.marks()  # nobody here uses it: not made


def test_a_registered_subclass_is_handed_back_like_the_others() -> None:
    class Squares(memo.Memo):
        def __missing__(self, key: int) -> int:
            return self.remember(key, key * key)

    squares = memo.register("test-squares", Squares(limit=10))
    bookmarks = memo.marks()
    assert squares[3] == 9
    assert memo.learned_since(bookmarks)["test-squares"] == {3: 9}
    memo.learn({"test-squares": {4: 16}})
    assert memo.shared("test-squares") is squares and squares == {3: 9, 4: 16}


def test_writer_processes_hand_their_word_caches_back(tmp_path: Path) -> None:
    words = ["Gubernur", "menyampaikan", "pernyataan", "kepada", "wartawan", "tentang", "banjir", "Semarang"]
    source = write_jsonl(
        tmp_path / "a.jsonl",
        [article(f"doc{n}", f"Berita {n}", " ".join(words[n % 3 :]) + f" pada hari ke-{n}.") for n in range(40)],
    )
    model = load_model()
    assert model is not None
    stems, scores = memo.shared("stems"), model.word_scores
    for word in words:
        stems.pop(word.lower(), None)
        scores.pop(word, None)
    index_paths([str(source)], str(tmp_path / "index"), workers=2)
    # worked out in the writer processes only, and now known here
    assert {"menyampaikan", "pernyataan", "wartawan"} <= stems.keys()
    assert {"Gubernur", "Semarang"} <= scores.keys()  # the tagger's scores of capitalised words
