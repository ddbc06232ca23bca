"""Entities in the index: ``person:``/``org:``/``loc:`` fields, aliases in queries, ``warta entities``,
entities in stored articles, and keeping them right through re-indexing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support import BuiltIndex, Cli, article, write_jsonl

from indexer.language.entities.model import Entity
from indexer.model import Annotations, Article
from indexer.pipeline import CATALOG_NAME, index_paths
from indexer.store import Store

SAMPLE_XI = "000_082d6fc98803b495.txt"  # Xi Jinping meets Lukashenko; says China, Tiongkok and CINA
SAMPLE_LI = "002_5aca17387d92f694.txt"  # the Chinese defence minister in Moscow and Minsk; says China only


def _hits(store: Store, query: str) -> set[str]:
    result = store.search(query, limit=50)
    assert result.notice is None, result.notice
    return {hit.id for hit in result.hits}


@pytest.fixture(scope="module")
def sample_store(sample_index: BuiltIndex) -> Store:
    return Store.open(str(sample_index.dir))


def test_entity_fields_take_any_alias(sample_store: Store, sample_index: BuiltIndex) -> None:
    xi, li = sample_index.ids[SAMPLE_XI], sample_index.ids[SAMPLE_LI]
    assert {xi, li} <= _hits(sample_store, "loc:Tiongkok")
    assert _hits(sample_store, "loc:Tiongkok") == _hits(sample_store, "loc:China") == _hits(sample_store, "loc:cina")
    assert _hits(sample_store, 'person:"Xi Jinping"') == {xi}
    assert _hits(sample_store, "person:Koffler") == {xi}  # a surname finds the full name
    assert xi in _hits(sample_store, "loc:Moskow") and _hits(sample_store, "loc:Moskow") == _hits(
        sample_store, "loc:Moscow"
    )
    assert li in _hits(sample_store, 'misc:"Konferensi Moskow"')
    assert xi not in _hits(sample_store, "person:Koffler -loc:China")
    assert _hits(sample_store, "org:Zyxwvu") == set()  # an unknown name is no error
    assert _hits(sample_store, 'person:"Li Shangfu" loc:Belarus') == {li}


def test_a_plain_word_that_is_an_alias_finds_the_other_spellings(sample_store: Store, sample_index: BuiltIndex) -> None:
    li = sample_index.ids[SAMPLE_LI]
    assert "Tiongkok" not in (sample_store.get(li).text if sample_store.get(li) else "")  # type: ignore[union-attr]
    assert li in _hits(sample_store, "tiongkok")
    assert li in _hits(sample_store, '"Tiongkok"')
    # and what it names is marked in the article, whatever the spelling
    document = sample_store.get(li)
    assert document is not None
    marked = {document.text[a:b] for a, b in sample_store.matches("tiongkok", document.text)}
    assert "China" in marked


def test_ordinary_words_are_not_taken_for_names(sample_store: Store) -> None:
    # "as" is English, not the United States ("AS"); both still run as plain words
    def fields(query: str) -> set[str | None]:
        return {getattr(node, "fieldname", None) for node in sample_store.parse(query)[0].leaves()}

    assert fields("as") == {"text"}
    assert fields("AS") == {"text", "names"}
    # every spelling of Jakarta contains the word: no need to look further
    assert fields("jakarta") == {"text"}
    assert fields("tiongkok") == {"text", "names"}


def test_a_known_name_is_one_lookup(sample_store: Store) -> None:
    leaves = list(sample_store.parse("loc:Tiongkok")[0].leaves())
    assert [(leaf.fieldname, leaf.text) for leaf in leaves] == [("names", "LOC\tChina")]
    # parts of names and unknown names use the words of the entity fields
    assert {leaf.fieldname for leaf in sample_store.parse("person:Koffler")[0].leaves()} == {"person"}


def test_stored_articles_carry_their_entities(sample_store: Store, sample_index: BuiltIndex) -> None:
    document = sample_store.get(sample_index.ids[SAMPLE_XI])
    assert document is not None and document.entities
    for entity in document.entities:
        assert document.text[entity.start : entity.end] == entity.text
    canonical = {(e.type, e.canonical) for e in document.entities}
    assert {("PERSON", "Xi Jinping"), ("PERSON", "Alexander Lukashenko"), ("LOC", "China")} <= canonical
    assert ("PERSON", "Rebekah Koffler") in canonical


def test_entities_command(cli: Cli, sample_index: BuiltIndex) -> None:
    listed = cli("entities", "--json", "--index", sample_index.dir).json()["entities"]
    assert all(set(e) == {"type", "canonical", "documents", "aliases"} for e in listed)
    by_name = {(e["type"], e["canonical"]): e for e in listed}
    china = by_name[("LOC", "China")]
    assert china["documents"] == 2
    assert {alias["text"] for alias in china["aliases"]} >= {"China", "Tiongkok"}
    counts = [e["documents"] for e in listed]
    assert counts == sorted(counts, reverse=True)
    people = cli("entities", "--type", "person", "--json", "--index", sample_index.dir).json()["entities"]
    assert people and {e["type"] for e in people} == {"PERSON"}
    assert ("PERSON", "Xi Jinping") in {(e["type"], e["canonical"]) for e in people}
    first = cli("entities", "--limit", "1", "--index", sample_index.dir)
    assert first.rc == 0 and len(first.out.splitlines()) == 1


def _two_articles(folder: Path, second_body: str) -> Path:
    return write_jsonl(
        folder / "news.jsonl",
        [
            article("a", "Kunjungan ke Moskow", "Menteri Luar Negeri Rusia Sergey Lavrov bertemu Wang Yi di Moskow."),
            article("b", "Pertemuan di Beijing", second_body),
        ],
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_entity_counts_follow_re_indexing(tmp_path: Path, workers: int) -> None:
    index = tmp_path / "index"
    source = _two_articles(tmp_path, "Presiden Tiongkok Xi Jinping menerima Lavrov di Beijing.")
    index_paths([str(source)], str(index), workers=workers)
    with Store.open(str(index)) as store:
        counts = {(e.type, e.canonical): e.documents for e in store.entities()}
        assert counts[("PERSON", "Sergey Lavrov")] == 2
        assert counts[("PERSON", "Xi Jinping")] == 1
        assert len(_hits(store, "person:Lavrov")) == 2
    _two_articles(tmp_path, "Presiden Tiongkok Xi Jinping berpidato di Beijing.")  # Lavrov gone from b
    index_paths([str(source)], str(index), workers=workers)
    with Store.open(str(index)) as store:
        counts = {(e.type, e.canonical): e.documents for e in store.entities()}
        assert counts[("PERSON", "Sergey Lavrov")] == 1
        assert len(_hits(store, "person:Lavrov")) == 1


def test_an_index_of_an_older_pipeline_is_re_read(tmp_path: Path) -> None:
    index = tmp_path / "index"
    source = _two_articles(tmp_path, "Presiden Tiongkok Xi Jinping menerima Lavrov di Beijing.")
    assert index_paths([str(source)], str(index), workers=1).added == 2
    assert index_paths([str(source)], str(index), workers=1).unchanged == 2
    # as an earlier version leaves it: other file versions, other content hashes
    with sqlite3.connect(index / CATALOG_NAME) as db:
        db.execute("UPDATE files SET pipeline = '1'")
        db.execute("UPDATE docs SET hash = 'made-by-version-1'")
    summary = index_paths([str(source)], str(index), workers=1)
    assert (summary.updated, summary.unchanged) == (2, 0)
    assert index_paths([str(source)], str(index), workers=1).unchanged == 2


def _annotator(article: Article) -> Annotations:
    """An annotator for the writer test: one PERSON per article and its id as the extra."""
    name = article.text.split()[0]
    return Annotations(entities=(Entity(0, len(name), name, "PERSON", name),), extra={"seen": article.id})


@pytest.mark.parametrize("procs", [1, 2])
def test_writer_hands_back_what_the_annotator_found(tmp_path: Path, procs: int) -> None:
    store = Store.open(str(tmp_path / "index"), create=True)
    writer = store.writer(procs, _annotator)
    ids = [f"doc{n:03}" for n in range(600)]  # more than one job file per subprocess
    for doc_id in ids:
        writer.put(
            Article(doc_id, "/x", doc_id, "t", f"Name{doc_id} said", "", None, None, None, "en", "h"), replace=False
        )
    extras = writer.commit()
    assert sorted(doc_id for doc_id, _extra in extras) == ids
    assert all(extra == {"seen": doc_id} for doc_id, extra in extras)
    document = store.get("doc007")
    assert document is not None
    assert [(e.text, e.canonical) for e in document.entities] == [("Namedoc007", "Namedoc007")]
    assert not [name for name in (tmp_path / "index").iterdir() if name.suffix == ".tmp"]
    store.close()
