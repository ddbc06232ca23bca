"""Word clusters: the shipped file, how it is read, and what the tagger takes from it."""

from __future__ import annotations

import gzip
from pathlib import Path
from types import ModuleType

import pytest
from support import load_script

from indexer.language.entities.clusters import CLUSTERS_PATH, FORMAT, cluster_of, read_clusters
from indexer.language.entities.tagger import NEIGHBOUR_LEVEL, _neighbour_clusters, _word_features


def _write(path: Path, text: str) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    return path


def test_the_shipped_clusters_put_words_used_alike_together() -> None:
    shipped = read_clusters(CLUSTERS_PATH)
    assert len(shipped) > 20_000
    assert all(len(labels) == 3 for labels in shipped.values())
    # cities of Indonesia share their fine group more often than a city and a speech verb do
    cities = ["Bekasi", "Bogor", "Semarang", "Malang", "Padang", "Tangerang"]
    middle = [shipped[city][1] for city in cities]
    assert max(middle.count(label) for label in middle) >= 4
    assert shipped["mengatakan"][1] not in middle
    assert shipped["Senin"][2] == shipped["Selasa"][2] == shipped["Rabu"][2]


def test_reading_a_clusters_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.tsv.gz", f"{FORMAT}\nnotes\tmade by hand\nBogor\t1 20 300\nkata\t2 21 301\n\n")
    assert read_clusters(path) == {"Bogor": ("1", "20", "300"), "kata": ("2", "21", "301")}


@pytest.mark.parametrize("text", ["warta-word-clusters 2\nBogor\t1 2 3\n", "", "Bogor\t1 2 3\n"])
def test_a_file_of_another_format_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        read_clusters(_write(tmp_path / "c.tsv.gz", text))


def test_a_word_in_capitals_takes_the_clusters_of_its_title_case() -> None:
    assert cluster_of("Gorontalo")
    assert cluster_of("GORONTALO") == cluster_of("Gorontalo")  # not in the clusters as written
    assert cluster_of("AS") != cluster_of("As")  # short acronyms keep their own
    assert cluster_of("Zxqwvbn") == ()


def test_the_tagger_reads_a_words_clusters_and_its_neighbours() -> None:
    labels = cluster_of("Bekasi")
    features = _word_features("Bekasi")
    expected = [f"c{level}={label}" for level, label in enumerate(labels)]
    assert expected == [feature for feature in features if feature[:2] in ("c0", "c1", "c2")]
    assert "c=none" in _word_features("Zxqwvbn")
    assert _neighbour_clusters("Bekasi") == ("c-1=" + labels[NEIGHBOUR_LEVEL], "c+1=" + labels[NEIGHBOUR_LEVEL])
    assert _neighbour_clusters("Zxqwvbn") == ("c-1=", "c+1=")


def _tool() -> ModuleType:
    return load_script("tools/word_clusters.py")


def test_the_tool_groups_words_by_their_neighbours(tmp_path: Path) -> None:
    pytest.importorskip("numpy")  # the tool's own dependency (extra "train"), not Warta's
    tool = _tool()
    sentences = []
    for city in ("Bogor", "Bekasi", "Depok", "Cianjur"):
        for verb in ("tiba", "tinggal", "bekerja"):
            sentences.append(["warga", "kota", city, verb, "kemarin"])
    for name in ("Budi", "Andi", "Sari", "Rina"):
        for verb in ("mengatakan", "menjelaskan", "menegaskan"):
            sentences.append(["kata", "Pak", name, verb, "kepada", "wartawan"])
    vocabulary, counts = tool.cooccurrence(sentences, 2, 50)
    vectors = tool.reduce(tool.ppmi(counts), 4, tool.np.random.default_rng(1))
    labels = dict(zip(vocabulary, tool.flat_labels(vectors, [2, 4], tool.np.random.default_rng(1)), strict=True))
    coarse = {word: label.split()[0] for word, label in labels.items()}
    assert len({coarse[city] for city in ("Bogor", "Bekasi", "Depok", "Cianjur")}) == 1
    assert len({coarse[name] for name in ("Budi", "Andi", "Sari", "Rina")}) == 1
    assert coarse["Bogor"] != coarse["Budi"]
    out = tmp_path / "c.tsv.gz"
    tool.write(vocabulary, list(labels.values()), out, "test")
    assert read_clusters(out) == {word: tuple(label.split()) for word, label in labels.items()}


def test_the_tool_says_which_input_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("numpy")
    tool = _tool()
    assert tool.main(["--corpus", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "c.tsv.gz")]) == 2
    assert capsys.readouterr().err.strip() == f"word_clusters: no such file: {tmp_path / 'none.jsonl'}"
    assert not (tmp_path / "c.tsv.gz").exists()
