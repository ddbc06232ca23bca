"""The query language through ``warta search``: each feature on the generated corpus of conftest.py.

Expected answers are sets of input keys (the ``id`` of each generated JSONL article).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FEATURE_ARTICLES, ISO_DATE, BuiltIndex, Cli, article, write_jsonl
from whoosh import query as wq

from indexer.store import Store

DATED = {a["id"]: a.get("date") for a in FEATURE_ARTICLES}
ENGLISH = {a["id"] for a in FEATURE_ARTICLES} - {"kunjungan", "kunjungi", "berkunjung", "kunjungannya"}
BEFORE_2023 = {"pelican", "blue-whale", "berkunjung", "council", "festival"}


def search(cli: Cli, index: BuiltIndex, query: str, *options: str) -> dict[str, Any]:
    run = cli("search", query, "--json", "--limit", "100", *options, "--index", index.dir)
    assert run.rc == 0, run.err
    return run.json()  # type: ignore[no-any-return]


def found(cli: Cli, index: BuiltIndex, query: str, *options: str) -> set[str]:
    result = search(cli, index, query, *options)
    assert result["total"] == len(result["hits"])
    return {index.key_of[hit["id"]] for hit in result["hits"]}


FEATURES = [
    # all words, phrases, boolean logic
    ("zebra walrus", {"zoo"}),
    ("zebra", {"zebra-herd", "zoo"}),
    ('"blue whale"', {"blue-whale"}),
    ("blue whale", {"blue-whale", "whale-boat"}),
    ("zebra OR walrus", {"zebra-herd", "walrus-colony", "zoo"}),
    ("zebra NOT walrus", {"zebra-herd"}),
    ("zebra -walrus", {"zebra-herd"}),
    ("walrus -zebra", {"walrus-colony"}),
    ("(zebra OR falcon) rare", {"zoo", "falcon-island"}),
    ("(zebra OR walrus) NOT (zoo OR herd)", {"walrus-colony"}),
    # fields
    ("title:falcon", {"falcon-island", "pelican"}),
    ("falcon", {"falcon-island", "pelican"}),
    ("title:whale", set()),
    ("source:kompas", {"zebra-herd", "falcon-island", "kunjungan", "festival"}),
    ("source:reuters whale", {"blue-whale", "whale-boat"}),
    ("lang:id", {"kunjungan", "kunjungi", "berkunjung", "kunjungannya"}),
    ("lang:en", ENGLISH),
    ("lang:en kunjungan", set()),
    # publication dates of every precision
    ("date:2023-03", {"walrus-colony", "zoo"}),
    ("date:2023-03-20", {"zoo"}),
    ("date:2022", {"pelican", "berkunjung"}),
    ("date:2022-11", {"pelican"}),
    ("date:2021", {"blue-whale"}),
    (
        "date:>=2023-01-01",
        {k for k, d in DATED.items() if d and d.startswith("2023")},
    ),
    ("date:>2023-06", {"marsupials", "market", "harvest"}),
    (
        "date:[2023-01 TO 2023-06]",
        {"zebra-herd", "walrus-colony", "zoo", "falcon-island", "whale-boat", "kunjungan", "kunjungi"},
    ),
    ("date:[2022-11 TO 2022-12]", {"pelican", "berkunjung"}),
    ("date:2023-03 zebra", {"zoo"}),
    # typos and prefixes
    ("kangaro~", {"marsh"}),
    ("kangarooo~", {"marsh"}),
    ("kangroo~", {"marsh"}),
    ("marsup*", {"marsupials"}),
    ("kangaroo~", {"marsh"}),
    # word forms: Indonesian roots and English stems
    ("kunjungan", {"kunjungan", "kunjungi", "berkunjung", "kunjungannya"}),
    ("kunjungi", {"kunjungan", "kunjungi", "berkunjung", "kunjungannya"}),
    ("berkunjung", {"kunjungan", "kunjungi", "berkunjung", "kunjungannya"}),
    ("exact:kunjungan", {"kunjungan"}),
    ("exact:berkunjung", {"berkunjung"}),
    ("meetings", {"council"}),
    ("marsupial", {"marsupials"}),
]


@pytest.mark.parametrize(("query", "expected"), FEATURES, ids=[q for q, _ in FEATURES])
def test_query_language(cli: Cli, corpus_index: BuiltIndex, query: str, expected: set[str]) -> None:
    assert found(cli, corpus_index, query) == expected


OPEN_DATE_RANGES = [
    ("date:<2023", BEFORE_2023),
    ("date:<=2022-12", BEFORE_2023),
    ("date:[* TO 2022]", BEFORE_2023),
    ("date:[2023-07 TO *]", {"marsupials", "market", "harvest"}),
    ("date:>2023-06", {"marsupials", "market", "harvest"}),
    ("date:>=2023-07-01", {"marsupials", "market", "harvest"}),
    ("date:[2023-07 TO]", {"marsupials", "market", "harvest"}),
    ("date:[TO 2022]", BEFORE_2023),
    ("date:[ TO 2022 ]", BEFORE_2023),
]


@pytest.mark.parametrize(("query", "expected"), OPEN_DATE_RANGES)
def test_open_date_ranges(cli: Cli, corpus_index: BuiltIndex, query: str, expected: set[str]) -> None:
    result = search(cli, corpus_index, query)
    assert result["notice"] is None
    assert {corpus_index.key_of[hit["id"]] for hit in result["hits"]} == expected


def test_undated_articles_never_match_a_date_filter(cli: Cli, corpus_index: BuiltIndex) -> None:
    undated = {k for k, d in DATED.items() if not d}
    assert undated == {"marsh", "kunjungannya"}
    for query in ("date:>=1900", "date:[1900 TO 2100]", "date:2023"):
        assert not found(cli, corpus_index, query) & undated, query


@pytest.mark.parametrize("query", ["date:0000", "date:<=0000", "date:0000-01-01", "date:[0000 TO 2023]"])
def test_year_0000_is_no_date(cli: Cli, corpus_index: BuiltIndex, query: str) -> None:
    result = search(cli, corpus_index, query)
    assert result["notice"] is not None and result["notice"].startswith("not a date: '0000")
    assert result["hits"] == []


DATE_VALUES = st.one_of(
    st.integers(0, 9999).map(lambda y: f"{y:04d}"),
    st.tuples(st.integers(0, 9999), st.integers(0, 13)).map(lambda ym: f"{ym[0]:04d}-{ym[1]:02d}"),
    st.tuples(st.integers(1, 2100), st.integers(1, 12), st.integers(0, 32)).map(
        lambda d: f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"
    ),
    st.sampled_from(["*", ""]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.one_of(
        st.tuples(st.sampled_from(["", ">", ">=", "<", "<="]), DATE_VALUES).map(lambda t: f"date:{t[0]}{t[1]}"),
        st.tuples(DATE_VALUES, DATE_VALUES).map(lambda t: f"date:[{t[0]} TO {t[1]}]"),
    )
)
def test_no_date_query_matches_an_undated_article(corpus_index: BuiltIndex, query: str) -> None:
    undated = {corpus_index.ids[k] for k, d in DATED.items() if not d}
    with Store.open(str(corpus_index.dir)) as store:
        result = store.search(query, limit=100, snippets=False, suggest=False)
    if result.notice is None:  # a date query (not one run as plain words)
        assert not {hit.id for hit in result.hits} & undated, query


def test_every_matched_form_is_marked_in_the_snippet(cli: Cli, corpus_index: BuiltIndex) -> None:
    result = search(cli, corpus_index, "kunjungan")
    marked = {corpus_index.key_of[hit["id"]]: re.findall(r"«([^«»]+)»", hit["snippet"]) for hit in result["hits"]}
    assert marked == {
        "kunjungan": ["kunjungan"],
        "kunjungi": ["kunjungi"],
        "berkunjung": ["berkunjung"],
        "kunjungannya": ["Kunjungannya"],
    }


def test_exact_marks_only_that_form(cli: Cli, corpus_index: BuiltIndex) -> None:
    (hit,) = search(cli, corpus_index, "exact:kunjungan")["hits"]
    assert re.findall(r"«([^«»]+)»", hit["snippet"]) == ["kunjungan"]


def test_negated_words_are_not_marked(cli: Cli, corpus_index: BuiltIndex) -> None:
    (hit,) = search(cli, corpus_index, "walrus -zebra")["hits"]
    assert "«walrus»" in hit["snippet"]
    assert "«zebra»" not in hit["snippet"]


def test_snippet_marks_are_balanced_and_wrap_matches(cli: Cli, corpus_index: BuiltIndex) -> None:
    for query in ("whale", "zebra OR walrus", "marsup*", "kangroo~", '"blue whale"'):
        for hit in search(cli, corpus_index, query)["hits"]:
            snippet = hit["snippet"]
            assert re.fullmatch(r"[^«»]*(?:«[^«»]+»[^«»]*)+", snippet), (query, snippet)
            for word in re.findall(r"«([^«»]+)»", snippet):
                assert word.lower().startswith(("whale", "zebra", "walrus", "marsup", "kangaroo", "blue")), word


def test_sort_by_date_is_newest_first_and_undated_last(cli: Cli, corpus_index: BuiltIndex) -> None:
    hits = search(cli, corpus_index, "lang:id", "--sort", "date")["hits"]
    assert [corpus_index.key_of[h["id"]] for h in hits] == ["kunjungi", "kunjungan", "berkunjung", "kunjungannya"]
    hits = search(cli, corpus_index, "the", "--sort", "date")["hits"]
    dates = [h["date"] for h in hits]
    assert len(dates) > 5
    dated = [d for d in dates if d]
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert dated == sorted(dated, reverse=True)


def test_sort_by_relevance_ranks_the_better_match_first(cli: Cli, corpus_index: BuiltIndex) -> None:
    hits = search(cli, corpus_index, "whale", "--sort", "relevance")["hits"]
    assert next(corpus_index.key_of[h["id"]] for h in hits) == "whale-boat"  # says "whale" twice
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_limit_cuts_the_hits_not_the_total(cli: Cli, corpus_index: BuiltIndex) -> None:
    run = cli("search", "lang:en", "--json", "--limit", "3", "--index", corpus_index.dir)
    result = run.json()
    assert len(result["hits"]) == 3
    assert result["total"] == len(ENGLISH)
    run = cli("search", "lang:en", "--json", "--limit", "3", "--sort", "date", "--index", corpus_index.dir)
    assert [h["date"] for h in run.json()["hits"]] == ["2023-09-01", "2023-08-15", "2023-07-01"]


def test_default_limit_is_twenty(cli: Cli, tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "many.jsonl",
        (article(f"n{n}", f"Report {n}", f"Report number {n} from the reporter on duty.") for n in range(25)),
    )
    assert cli("index", source, "--index", tmp_path / "index").rc == 0
    result = cli("search", "reporter", "--json", "--index", tmp_path / "index").json()
    assert (result["total"], len(result["hits"])) == (25, 20)


@pytest.mark.parametrize("limit", ["0", "-1", "x"])
def test_bad_limit_is_a_usage_error(cli: Cli, corpus_index: BuiltIndex, limit: str) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("search", "zebra", "--limit", limit, "--index", corpus_index.dir)
    assert exited.value.code == 2


@pytest.mark.parametrize(("query", "suggestion"), [("zebre", "zebra"), ("walrsu", "walrus"), ("kangaru", "kangaroo")])
def test_did_you_mean_when_nothing_matches(cli: Cli, corpus_index: BuiltIndex, query: str, suggestion: str) -> None:
    result = search(cli, corpus_index, query)
    assert (result["total"], result["hits"], result["suggestion"]) == (0, [], suggestion)
    assert found(cli, corpus_index, result["suggestion"])
    run = cli("search", query, "--index", corpus_index.dir)
    assert run.rc == 0
    assert f"did you mean: {suggestion}" in run.out.splitlines()


def test_did_you_mean_keeps_the_rest_of_the_query(cli: Cli, corpus_index: BuiltIndex) -> None:
    result = search(cli, corpus_index, "zebre walrus")
    assert result["suggestion"] == "zebra walrus"
    assert found(cli, corpus_index, result["suggestion"]) == {"zoo"}


def test_no_suggestion_when_something_matches_or_nothing_is_close(cli: Cli, corpus_index: BuiltIndex) -> None:
    assert search(cli, corpus_index, "zebra")["suggestion"] is None
    assert search(cli, corpus_index, "qqqqxxxxzzzz")["suggestion"] is None
    run = cli("search", "qqqqxxxxzzzz", "--index", corpus_index.dir)
    assert "did you mean" not in run.out


ODD_QUERIES = [
    "date:2023-13",
    "date:2023-00",
    "date:2023-02-32",
    "date:>=",
    "date:[2023 TO",
    "date:[x TO y]",
    '"unclosed',
    '"',
    "((",
    ")",
    "(zebra",
    "zebra)",
    "AND",
    "OR",
    "NOT",
    "zebra AND",
    "AND OR NOT",
    "-",
    "--",
    "-(",
    "*",
    "?",
    "~",
    "zebra~x",
    "zebra~99",
    "title:",
    "nofield:zebra",
    ":::",
    "[",
    "{",
    "day:[1 TO",
    "^2",
    "zebra^x",
    "exact:",
    "lang:",
    "\\",
    "\x00\x1b[31m",
    "  ",
    "ünïcödé 漢字 🦓",
    "zebra " * 300,
    "NOT NOT a",
    "NOT NOT",
    "(((((",
    " ".join(f"w{i}" for i in range(500)),
    "(" * 200 + "zebra" + ")" * 200,
    "zebra\x07walrus\x7f\x9b\u202e",
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_odd_queries_never_crash(cli: Cli, corpus_index: BuiltIndex, query: str) -> None:
    run = cli("search", "--json", "--index", corpus_index.dir, "--", query)
    result = run.json()
    assert set(result) == {"query", "total", "hits", "notice", "suggestion", "expansion"}
    assert result["query"] == query
    assert len(run.err_lines) <= 1
    if result["notice"]:
        assert run.err_lines == [f"warta: {result['notice']}"]
    human = cli("search", "--index", corpus_index.dir, "--", query)
    assert human.rc == 0
    assert "\x1b" not in human.out


def test_plain_word_fallback_reads_operators_as_words(corpus_index: BuiltIndex) -> None:
    with Store.open(corpus_index.dir) as store:
        q, notice = store.parse("zebra NOT NOT")
    assert notice and notice.endswith("searched for the plain words: zebra NOT NOT")

    def nodes(node: wq.Query) -> list[wq.Query]:
        return [node, *(inner for child in node.children() for inner in nodes(child))]

    assert not any(isinstance(node, wq.Not) for node in nodes(q))
    assert {str(text) for _field, text in q.iter_all_terms()} == {"zebra", "not"}


def test_plain_word_fallback_that_fails_still_answers(corpus_index: BuiltIndex) -> None:
    class Broken:
        def parse(self, text: str) -> wq.Query:
            raise IndexError("list index out of range")

    with Store.open(corpus_index.dir) as store:
        store._plain_parser = Broken()  # type: ignore[assignment]
        result = store.search("NOT NOT", limit=5)
    assert (result.total, result.hits) == (0, ())
    assert result.notice == "operator without a word; the plain words could not be searched either"


def _plain_words(query: str) -> str:
    return " ".join(re.findall(r"\w+", query))


MALFORMED = [
    "date:2023-13",
    "date:2023-13 zebra",
    "date:[2023 TO zebra",
    '"zebra walrus',
    "((",
    "(( zebra",
    "AND",
    "zebra AND",
]


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_query_runs_as_plain_words_with_a_notice(cli: Cli, corpus_index: BuiltIndex, query: str) -> None:
    run = cli("search", query, "--json", "--index", corpus_index.dir)
    result = run.json()
    plain = _plain_words(query)
    assert result["notice"], "no notice for a malformed query"
    assert result["notice"].endswith(f"searched for the plain words: {plain or '(none)'}")
    assert run.err_lines == [f"warta: {result['notice']}"]
    if plain:
        assert result["hits"] == search(cli, corpus_index, plain)["hits"]
    else:
        assert result["hits"] == []
    human = cli("search", query, "--index", corpus_index.dir)
    assert (human.rc, human.err_lines) == (0, [f"warta: {result['notice']}"])


def test_malformed_query_finds_its_plain_words(cli: Cli, corpus_index: BuiltIndex) -> None:
    result = search(cli, corpus_index, "zoo date:2023-13")
    assert result["notice"] == "not a date: '2023-13'; searched for the plain words: zoo date 2023 13"
    result = search(cli, corpus_index, '"zebra walrus')
    assert {corpus_index.key_of[h["id"]] for h in result["hits"]} == {"zoo"}


def test_wellformed_queries_have_no_notice(cli: Cli, corpus_index: BuiltIndex) -> None:
    for query, _expected in FEATURES:
        run = cli("search", query, "--json", "--index", corpus_index.dir)
        assert run.json()["notice"] is None, query
        assert run.err == "", query


def test_hits_carry_the_stored_fields(cli: Cli, corpus_index: BuiltIndex) -> None:
    by_key = {a["id"]: a for a in FEATURE_ARTICLES}
    for hit in search(cli, corpus_index, "the OR dan")["hits"]:
        source = by_key[corpus_index.key_of[hit["id"]]]
        assert hit["title"] == source["title"]
        assert hit["date"] == source.get("date")
        assert hit["source"] == source.get("source")
        assert hit["date"] is None or ISO_DATE.match(hit["date"])
        assert hit["path"] == str(corpus_index.files[0])
