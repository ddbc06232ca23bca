"""Bounded expansion of prefixes, wildcards, ranges and fuzzy terms; bare wildcards; odd queries.

The expansion is checked against a brute force over the stored articles: with the bounds lifted, a
multi-term query finds exactly the articles holding a word (as written, or its stem) that the term
describes; with the bounds on, it stands for the most frequent of those words and says so.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FEATURE_ARTICLES, BuiltIndex, article, write_jsonl
from whoosh import query as wq

from indexer.pipeline import index_paths
from indexer.store import Store, index
from indexer.store.analysis import STEMMER
from indexer.store.stemming import WORD
from indexer.store.vocabulary import edit_distance

UNBOUNDED = {"MAX_EXPANSIONS": 10**6, "FUZZY_EXPANSIONS": 10**6, "MIN_POSTINGS": 10**9}


@pytest.fixture(scope="module")
def store(corpus_index: BuiltIndex) -> Iterator[Store]:
    with Store.open(str(corpus_index.dir)) as opened:
        yield opened


@pytest.fixture(scope="module")
def words_of(store: Store, corpus_index: BuiltIndex) -> dict[str, set[str]]:
    """Input key → every word of the article's title and text as written (lowercased), and every stem."""
    out: dict[str, set[str]] = {}
    for stored in store.searcher().documents():
        words = {w.lower() for w in WORD.findall(stored["title"] + " " + stored["text"])}
        out[corpus_index.key_of[stored["id"]]] = words | {STEMMER(w) for w in words}
    return out


@pytest.fixture
def unbounded(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in UNBOUNDED.items():
        monkeypatch.setattr(index, name, value)


def keys_found(store: Store, corpus_index: BuiltIndex, text: str) -> set[str]:
    result = store.search(text, limit=100, snippets=False, suggest=False)
    assert result.notice is None, result.notice
    assert result.total == len(result.hits)
    return {corpus_index.key_of[hit.id] for hit in result.hits}


def having(words_of: dict[str, set[str]], test: object) -> set[str]:
    return {key for key, words in words_of.items() if any(test(w) for w in words)}  # type: ignore[operator]


LETTERS = "aeioubdgklmnprstwz"
STRATEGY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


# ------------------------------------------------------------------------------ the words chosen, unbounded


@STRATEGY_SETTINGS
@given(st.text(LETTERS, min_size=1, max_size=3))
def test_prefix_finds_every_article_with_such_a_word(
    store: Store, corpus_index: BuiltIndex, words_of: dict[str, set[str]], unbounded: None, prefix: str
) -> None:
    expected = having(words_of, lambda w: w.startswith(prefix))
    assert keys_found(store, corpus_index, prefix + "*") == expected
    assert keys_found(store, corpus_index, f"{prefix}* OR qqqzzz") == expected  # through Whoosh's matchers


@STRATEGY_SETTINGS
@given(st.from_regex(rf"\A[{LETTERS}]{{0,2}}[*?](?:[{LETTERS}]{{1,2}}[*?])?[{LETTERS}]{{0,2}}\Z"))
def test_wildcard_finds_every_article_with_such_a_word(
    store: Store, corpus_index: BuiltIndex, words_of: dict[str, set[str]], unbounded: None, pattern: str
) -> None:
    if not pattern.strip("*?"):
        return  # wildcards alone: every article (below); two in a row Whoosh's parser splits ("a??b": a?? b)
    expected = having(words_of, lambda w: fnmatch.fnmatchcase(w, pattern))
    assert keys_found(store, corpus_index, pattern) == expected


@STRATEGY_SETTINGS
@given(st.text(LETTERS, min_size=1, max_size=3), st.text(LETTERS, min_size=1, max_size=3))
def test_range_finds_every_article_with_such_a_word(
    store: Store, corpus_index: BuiltIndex, words_of: dict[str, set[str]], unbounded: None, low: str, high: str
) -> None:
    expected = having(words_of, lambda w: low <= w <= high)
    assert keys_found(store, corpus_index, f"[{low} TO {high}]") == expected
    assert keys_found(store, corpus_index, f"[{low} TO]") == having(words_of, lambda w: low <= w)


CORPUS_WORDS = sorted({w.lower() for a in FEATURE_ARTICLES for w in WORD.findall(a["title"] + " " + a["body"])})


def typos(word: str) -> list[str]:
    """The word, and the word with one swap, one letter dropped or one doubled, past its first two letters."""
    out = [word]
    for i in range(2, len(word)):
        out.append(word[:i] + word[i + 1 :])
        out.append(word[:i] + word[i] + word[i:])
        if i + 1 < len(word):
            out.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return out


@STRATEGY_SETTINGS
@given(
    st.sampled_from([w for w in CORPUS_WORDS if len(w) >= 4 and w.isalpha()]).flatmap(
        lambda w: st.sampled_from(typos(w))
    )
)
def test_fuzzy_finds_every_article_with_a_word_that_close(
    store: Store, corpus_index: BuiltIndex, words_of: dict[str, set[str]], unbounded: None, text: str
) -> None:
    for distance, suffix in ((1, "~"), (2, "~2")):
        expected = having(words_of, lambda w, d=distance: w[:2] == text[:2] and edit_distance(text, w) <= d)
        assert keys_found(store, corpus_index, text + suffix) == expected, (text, suffix)


def test_a_swap_of_two_letters_is_one_typo(store: Store, corpus_index: BuiltIndex) -> None:
    assert keys_found(store, corpus_index, "zebar~") == {"zebra-herd", "zoo"}
    assert keys_found(store, corpus_index, "walrsu~") == {"walrus-colony", "zoo"}


def test_prefixes_of_one_and_two_letters_answer(store: Store, corpus_index: BuiltIndex) -> None:
    assert {"zebra-herd", "zoo"} <= keys_found(store, corpus_index, "z*")
    assert keys_found(store, corpus_index, "ze*") == {"zebra-herd", "zoo"}


# ------------------------------------------------------------------------------ bounds and the notice


def chosen_terms(q: wq.Query) -> list[str]:
    return [str(text) for _field, text in q.iter_all_terms()]


def test_a_range_of_every_word_stands_for_its_most_frequent_words(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MAX_EXPANSIONS", 3)
    result = store.search("[a TO]", limit=100)
    assert result.notice is None
    assert result.expansion is not None
    assert result.expansion.startswith("[a TO ] stands for its 3 most frequent words of ")
    q, _notice = store.parse("[a TO]")
    terms = chosen_terms(q)
    assert len(terms) == 3
    reader = store.searcher().reader()
    chosen = {reader.doc_frequency("text", term) for term in terms}
    others = [
        reader.doc_frequency("text", t)
        for t in (text.decode() for text in reader.lexicon("text"))
        if t.removeprefix("=") >= "a" and "+" not in t and t not in terms
    ]
    assert min(chosen) >= max(others)  # the most frequent, and the hits are the articles holding them
    holding = {doc for term in terms for doc in reader.postings("text", term).all_ids()}
    assert result.total == len(holding)


def test_the_postings_budget_keeps_at_least_the_most_frequent_word(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "MIN_POSTINGS", 1)
    monkeypatch.setattr(index, "POSTINGS_PER_ARTICLE", 0.0)
    result = store.search("t*", limit=100)
    assert result.expansion is not None
    assert "t* stands for its most frequent word of " in result.expansion
    assert result.expansion.endswith("(the)")
    assert chosen_terms(store.parse("t*")[0]) == ["the"]


def test_several_multi_term_parts_share_the_budget(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "MIN_POSTINGS", 30)
    monkeypatch.setattr(index, "POSTINGS_PER_ARTICLE", 0.0)
    one = store.parse("w*")[0]
    two = store.parse("w* OR s*")[0]
    w_alone = {t for t in chosen_terms(one)}
    w_shared = {t for t in chosen_terms(two) if t.startswith("w")}
    assert w_shared < w_alone


def test_nothing_is_said_when_every_word_fits(store: Store) -> None:
    result = store.search("marsup*", limit=100)
    assert (result.expansion, result.notice) == (None, None)
    assert result.total == 1


@pytest.mark.parametrize("text", ["wa*", "*al*", "[pa TO pz]", "title:*a*"])
def test_a_multi_term_query_alone_lists_its_articles_newest_first(store: Store, text: str) -> None:
    result = store.search(text, limit=100)
    through_whoosh = store.search(f"({text}) OR qqqzzz", limit=100)
    assert len(result.hits) > 2
    assert {h.id for h in result.hits} == {h.id for h in through_whoosh.hits}
    assert [h.id for h in store.search(text, limit=100, sort="date").hits] == [h.id for h in result.hits]
    assert {h.score for h in result.hits} == {1.0}  # they match alike
    dated = [h.date for h in result.hits if h.date]
    assert dated == sorted(dated, reverse=True)


def test_a_multi_term_part_scores_alike_beside_words(store: Store, corpus_index: BuiltIndex) -> None:
    result = store.search("wa* zebra", limit=100)
    assert {corpus_index.key_of[h.id] for h in result.hits} == {"zebra-herd", "zoo"}
    assert len({h.score for h in result.hits}) == 2  # zebra's relevance decides


# ------------------------------------------------------------------------------ wildcards alone


@pytest.mark.parametrize("bare", ["*", "?", "**", "*?", " ? ", "* ?"])
def test_bare_wildcards_list_every_article_newest_first(store: Store, corpus_index: BuiltIndex, bare: str) -> None:
    result = store.search(bare, limit=100)
    assert (result.notice, result.expansion) == (None, None)
    assert result.total == len(FEATURE_ARTICLES)
    dates = [hit.date for hit in result.hits]
    dated = [d for d in dates if d]
    assert dates == dated + [None] * (len(dates) - len(dated))  # undated last
    assert dated == sorted(dated, reverse=True)
    limited = store.search(bare, limit=3)
    assert [h.id for h in limited.hits] == [h.id for h in result.hits[:3]]
    assert all(h.snippet for h in limited.hits)  # the lead of the article


def test_wildcard_fields_are_bounded_too(store: Store) -> None:
    assert store.search("title:*", limit=100).total == len(FEATURE_ARTICLES)
    assert store.search("source:*", limit=100).total == sum(1 for a in FEATURE_ARTICLES if a.get("source"))


# ------------------------------------------------------------------------------ the vocabulary cache files


def _caches(folder: Path) -> set[str]:
    return {name for name in os.listdir(folder) if name.endswith(".vcb")}


@pytest.fixture
def private_index(corpus_index: BuiltIndex, tmp_path: Path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(corpus_index.dir, copy, ignore=shutil.ignore_patterns("*.vcb"))
    return copy


def test_the_vocabulary_is_cached_beside_the_segments(private_index: Path) -> None:
    with Store.open(str(private_index)) as fresh:
        expected = fresh.search("wa*", limit=100)
    caches = _caches(private_index)
    assert any(name.startswith("warta-vocab-") for name in caches) and len(caches) >= 2
    for name in caches:  # damaged caches are rebuilt, never trusted
        (private_index / name).write_bytes((private_index / name).read_bytes()[:-7])
    with Store.open(str(private_index)) as damaged:
        again = damaged.search("wa*", limit=100)
    assert [h.id for h in again.hits] == [h.id for h in expected.hits]


def test_a_read_only_index_is_searched_without_its_cache(private_index: Path) -> None:
    private_index.chmod(0o555)
    try:
        with Store.open(str(private_index)) as store:
            assert store.search("walr*", limit=100).total == 2
    finally:
        private_index.chmod(0o755)
    if os.geteuid() != 0:  # root writes anyway
        assert not _caches(private_index)


def test_stale_caches_go_with_their_segments(populated_index: BuiltIndex, tmp_path: Path) -> None:
    with Store.open(str(populated_index.dir)) as store:
        assert store.search("fer*", limit=10).total == 1
    before = _caches(populated_index.dir)
    assert before
    more = write_jsonl(tmp_path / "more.jsonl", [article("ferry-2", "Ferry fares", "The ferry fares rise again.")])
    index_paths([str(more)], str(populated_index.dir))
    with Store.open(str(populated_index.dir)) as store:
        assert store.search("fer*", limit=10).total == 2
    after = _caches(populated_index.dir)
    merged_before = {name for name in before if name.startswith("warta-vocab-")}
    assert merged_before and not merged_before & after  # the new merged lists replaced the old


def test_a_failed_write_leaves_the_caches_alone(private_index: Path) -> None:
    with Store.open(str(private_index)) as store:
        store.search("walr*", limit=10)
    before = _caches(private_index)
    with Store.open(str(private_index)) as store:
        store.writer(procs=2).cancel()  # what a failed run does: Whoosh's clean-up of unknown segment files
    assert _caches(private_index) == before


# ------------------------------------------------------------------------------ any query string answers

TOKENS = [
    "AND", "OR", "NOT", "TO", "(", ")", '"', "*", "?", "~", "~2", ":", "[", "]", "{", "}", "^2", "-", "+",
    "title:", "text:", "source:", "date:", "exact:", "lang:", "person:", "loc:", "org:", "misc:", "names:",
    "id:", "day:", "zebra", "walrus", "a", "ke", "2023", "2023-03", "0000", ">=", "<", "\x00", "\u202e", "é",
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " "])), max_size=12))
def test_any_query_string_answers(store: Store, parts: list[tuple[str, str]]) -> None:
    text = "".join(token + space for token, space in parts)
    result = store.search(text, limit=5)
    assert result.total >= len(result.hits)
    assert result.notice is None or isinstance(result.notice, str)
    assert result.expansion is None or isinstance(result.expansion, str)
    store.matches(text, "zebra walrus a ke 2023")
