"""Stories in an index: articles that report the same event are linked, when indexed together or one
run after another, and ``warta related`` lists the other articles' events as the same event."""

from __future__ import annotations

from pathlib import Path

from indexer.pipeline import index_paths, open_catalog
from tests.support import Cli, article, ids_by_key, write_jsonl

QUAKE_A = (
    "Gempa bermagnitudo 6,5 mengguncang Kota Ambon, Maluku, pada Kamis (26/9/2019) pagi. Badan Meteorologi, "
    "Klimatologi, dan Geofisika (BMKG) mencatat pusat gempa berada di darat 40 kilometer timur laut Ambon. "
    "Kepala BMKG Dwikorita Karnawati mengatakan gempa tidak berpotensi tsunami. Warga Ambon berhamburan keluar "
    "rumah dan sejumlah bangunan di Desa Liang rusak."
)
QUAKE_B = (
    "Gempa magnitudo 6,5 mengguncang Ambon, Maluku, Kamis (26/9/2019). BMKG menyebut pusat gempa di darat, "
    "40 kilometer timur laut Kota Ambon, dan tidak berpotensi tsunami, kata Kepala BMKG Dwikorita Karnawati. "
    "Warga berhamburan keluar rumah; bangunan di Desa Liang dan Kota Ambon rusak."
)
FLOOD = (
    "Banjir merendam ratusan rumah di Kabupaten Bandung, Jawa Barat, pada Senin (4/3/2019) setelah hujan deras "
    "semalaman. Sungai Citarum meluap dan warga Dayeuhkolot mengungsi ke masjid, kata petugas BPBD setempat."
)
TRADE = (
    "Menteri Perdagangan Enggartiasto Lukita membuka pameran dagang di Jakarta pada Rabu (6/3/2019). Pameran itu "
    "diikuti 300 perusahaan dari 20 negara, katanya kepada wartawan di Jakarta Convention Center."
)


def _stories(index: Path) -> dict[str, str]:
    catalog = open_catalog(str(index))
    try:
        return catalog.stories.story_of()
    finally:
        catalog.close()


def test_two_reports_of_one_quake_are_one_story(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "news.jsonl",
        [
            article("a", "Gempa M 6,5 guncang Ambon", QUAKE_A, date="2019-09-26"),
            article("b", "Ambon diguncang gempa 6,5", QUAKE_B, date="2019-09-26"),
            article("c", "Banjir rendam Bandung", FLOOD, date="2019-03-04"),
            article("d", "Pameran dagang dibuka", TRADE, date="2019-03-06"),
        ],
    )
    index = tmp_path / "index"
    index_paths([str(source)], str(index))
    ids = ids_by_key(index)
    stories = _stories(index)
    assert stories[ids["a"]] == stories[ids["b"]]
    assert ids["c"] not in stories and ids["d"] not in stories  # alone: in no story with others


def test_a_later_report_joins_the_story_and_related_says_so(tmp_path: Path, cli: Cli) -> None:
    index = tmp_path / "index"
    first = write_jsonl(
        tmp_path / "first.jsonl",
        [
            article("a", "Gempa M 6,5 guncang Ambon", QUAKE_A, date="2019-09-26"),
            article("c", "Banjir rendam Bandung", FLOOD, date="2019-03-04"),
        ],
    )
    index_paths([str(first)], str(index))
    assert _stories(index) == {}
    second = write_jsonl(
        tmp_path / "second.jsonl", [article("b", "Ambon diguncang gempa 6,5", QUAKE_B, date="2019-09-27")]
    )
    index_paths([str(second)], str(index))
    ids = ids_by_key(index)
    assert set(_stories(index)) == {ids["a"], ids["b"]}
    run = cli("related", ids["b"], "--json", "--index", index)
    assert "Infinity" not in run.out  # strict JSON: same-story and own events have no score
    related = run.json()["events"]
    mates = [e for e in related if e["same_event"] and not e["own"]]
    assert all(e["score"] is None for e in mates)  # no Infinity in the JSON
    own = [e for e in related if e["own"]]
    # the quake is one event whose mentions span both articles, or the other article's events come marked
    spanning = [e for e in own if {m["doc_id"] for m in e["mentions"]} >= {ids["a"], ids["b"]}]
    assert spanning or mates
    assert all(ids["c"] not in {m["doc_id"] for m in e["mentions"]} for e in related)


def test_the_same_article_under_two_ids_is_a_story_of_two(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "news.jsonl",
        [
            article("a", "Gempa M 6,5 guncang Ambon", QUAKE_A, date="2019-09-26"),
            article("a-copy", "Gempa M 6,5 guncang Ambon", QUAKE_A, date="2019-09-26"),
            article("d", "Pameran dagang dibuka", TRADE, date="2019-03-06"),
        ],
    )
    index = tmp_path / "index"
    index_paths([str(source)], str(index))
    ids = ids_by_key(index)
    assert _stories(index) == {ids["a"]: _stories(index)[ids["a"]], ids["a-copy"]: _stories(index)[ids["a"]]}
    catalog = open_catalog(str(index))
    try:
        events = catalog.events.timeline()
        # each fact once, reported by both copies: no event is counted twice
        both = [e for e in events if set(e.doc_ids) == {ids["a"], ids["a-copy"]}]
        assert both and not [e for e in events if e.doc_ids == (ids["a-copy"],)]
    finally:
        catalog.close()


def test_removing_an_article_leaves_its_story(tmp_path: Path) -> None:
    index = tmp_path / "index"
    kept = write_jsonl(tmp_path / "kept.jsonl", [article("a", "Gempa M 6,5 guncang Ambon", QUAKE_A, date="2019-09-26")])
    gone = write_jsonl(tmp_path / "gone.jsonl", [article("b", "Ambon diguncang gempa 6,5", QUAKE_B, date="2019-09-26")])
    index_paths([str(kept), str(gone)], str(index))
    assert len(_stories(index)) == 2
    gone.unlink()
    index_paths([str(kept)], str(index), prune=True)
    assert _stories(index) == {}


def test_odd_articles_never_break_linking(tmp_path: Path) -> None:
    """No sentences, only dates, one article, everything on one day: indexing and linking go through."""
    source = write_jsonl(
        tmp_path / "news.jsonl",
        [
            article("empty", "Tanpa isi", "…", date="2019-09-26"),
            article("dates", "Tanggal", "26/9/2019 27/9/2019 28/9/2019 1 Oktober 2019", date="2019-09-26"),
            article("numbers", "Angka", " ".join(str(n) for n in range(2000)), date="2019-09-26"),
            article("a", "Gempa M 6,5 guncang Ambon", QUAKE_A, date="2019-09-26"),
        ],
    )
    index = tmp_path / "index"
    summary = index_paths([str(source)], str(index))
    assert summary.problems == [] and summary.added == 4
    assert _stories(index) == {}
    single = tmp_path / "single"
    index_paths([str(write_jsonl(tmp_path / "one.jsonl", [article("x", "Banjir", FLOOD)]))], str(single))
    assert _stories(single) == {}


def test_articles_left_pending_by_a_killed_run_are_linked_by_the_next(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "news.jsonl",
        [
            article("a", "Gempa M 6,5 guncang Ambon", QUAKE_A, date="2019-09-26"),
            article("b", "Ambon diguncang gempa 6,5", QUAKE_B, date="2019-09-26"),
        ],
    )
    index = tmp_path / "index"
    index_paths([str(source)], str(index))
    linked = _stories(index)
    assert len(linked) == 2
    # what a run killed after committing the articles, before linking them, leaves behind
    catalog = open_catalog(str(index))
    db = catalog._db
    db.execute("DELETE FROM stories")
    db.execute("INSERT INTO story_pending SELECT doc_id FROM story_profiles")
    catalog.commit()
    catalog.close()
    assert _stories(index) == {}
    summary = index_paths([str(source)], str(index))  # nothing changed in the input
    assert summary.unchanged == 2 and _stories(index) == linked
