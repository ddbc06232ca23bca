"""The install carries its data: every package and shipped file is in the build's lists, a missing file
is a loud error, and a change to the tables or models re-reads the articles it may affect."""

from __future__ import annotations

import fnmatch
import shutil
import tomllib
from pathlib import Path

import pytest
from support import DATA

from indexer import resources
from indexer.language.entities import clusters, tagger
from indexer.pipeline import index_paths
from indexer.resources import MissingResource, fingerprint, shipped

REPO = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_of_the_tree_is_built() -> None:
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for top in ("indexer", "tui")
        for init in (REPO / top).rglob("__init__.py")
    }
    assert set(SETUPTOOLS["packages"]) == found | {"indexer.data"}
    assert SETUPTOOLS["package-dir"] == {"indexer.data": "data"}


def test_every_shipped_file_is_package_data() -> None:
    patterns = SETUPTOOLS["package-data"]["indexer.data"]
    data = REPO / "data"
    shipped_files = [
        path.relative_to(data).as_posix()
        for path in data.rglob("*")
        if path.is_file() and path.name != "__init__.py" and "__pycache__" not in path.parts
    ]
    assert shipped_files
    missed = [name for name in shipped_files if not any(fnmatch.fnmatch(name, p) for p in patterns)]
    assert missed == []


def test_the_data_is_read_through_the_package() -> None:
    assert shipped("samples") == DATA
    assert (shipped("knowledge") / "countries.tsv").is_file()
    assert shipped("models", "ner-id.tsv.gz") == tagger.MODEL_PATH


def test_a_missing_file_is_a_loud_error() -> None:
    with pytest.raises(MissingResource, match=r"lacks models/nothing\.gz"):
        shipped("models", "nothing.gz")


def test_a_missing_data_package_is_a_loud_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "PACKAGE", "indexer.no_such_data")
    with pytest.raises(MissingResource, match="no data package"):
        shipped("samples")


def test_an_unreadable_model_is_a_loud_error(tmp_path: Path) -> None:
    (tmp_path / "broken.tsv.gz").write_bytes(b"not gzip")
    with pytest.raises(MissingResource, match="tagger model"):
        tagger.load_model(tmp_path / "missing.tsv.gz")
    with pytest.raises(MissingResource, match="tagger model"):
        tagger.load_model(tmp_path / "broken.tsv.gz")


def test_missing_clusters_are_a_loud_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(clusters, "CLUSTERS_PATH", tmp_path / "missing.tsv.gz")
    clusters._shipped.cache_clear()
    try:
        with pytest.raises(MissingResource, match="word clusters"):
            clusters.cluster_of("Jakarta")
    finally:
        clusters._shipped.cache_clear()


def test_fingerprint_follows_names_and_contents(tmp_path: Path) -> None:
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    first.write_text("x", encoding="utf-8")
    second.write_text("y", encoding="utf-8")
    before = fingerprint([first, second])
    assert fingerprint([first, second]) == before
    second.write_text("z", encoding="utf-8")
    assert fingerprint([first, second]) != before
    assert fingerprint([first]) != fingerprint([second])


def test_new_knowledge_re_reads_the_articles(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A table added in ``$WARTA_KNOWLEDGE`` re-reads unchanged files, and changes what they name."""
    samples = tmp_path / "samples"
    shutil.copytree(DATA, samples)
    index_dir = str(tmp_path / "index")
    monkeypatch.delenv("WARTA_KNOWLEDGE", raising=False)
    assert index_paths([str(samples)], index_dir, workers=1).added == 3
    assert index_paths([str(samples)], index_dir, workers=1).unchanged == 3

    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "mine.tsv").write_text(
        "canonical\ttype\taliases\nKementerian Pertahanan Tiongkok\tORG\tKementerian Pertahanan China\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("WARTA_KNOWLEDGE", str(knowledge))
    again = index_paths([str(samples)], index_dir, workers=1)
    assert (again.updated, again.unchanged, again.reread) == (3, 0, 3)
    assert again.line().endswith("(3 read again: indexed by another version or with other knowledge tables)")
    assert index_paths([str(samples)], index_dir, workers=1).unchanged == 3


def test_missing_background_counts_are_a_loud_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.language.stories import background as module

    monkeypatch.setattr(module, "FILE", ("models", "no-story-words.tsv.gz"))
    module.background.cache_clear()
    try:
        with pytest.raises(MissingResource, match="no-story-words"):
            module.background()
    finally:
        module.background.cache_clear()
