"""Events stored with the index: ``show --json`` events, ``warta events``, ``warta related``, and
mentions kept right by incremental re-indexing and pruning."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import BuiltIndex, Cli, article, write_jsonl

from indexer.pipeline import index_paths, open_catalog

EVENT_KEYS = {"id", "type", "actors", "place", "date", "summary", "affiliations", "mentions"}
MENTION_KEYS = {"doc_id", "sentence_start", "sentence_end", "trigger_start", "trigger_end"}
SAMPLE_XI = "000_082d6fc98803b495.txt"
SAMPLE_LI = "002_5aca17387d92f694.txt"
SAMPLE_PUTIN = "003_c00b38141db1421f.txt"


def test_show_json_has_the_articles_events(cli: Cli, sample_index: BuiltIndex) -> None:
    doc_id = sample_index.ids[SAMPLE_XI]
    doc = cli("show", doc_id, "--json", "--index", sample_index.dir).json()
    assert doc["events"]
    for event in doc["events"]:
        assert set(event) == EVENT_KEYS
        assert event["mentions"] and all(set(m) == MENTION_KEYS for m in event["mentions"])
        own = [m for m in event["mentions"] if m["doc_id"] == doc_id]
        assert own
        for m in own:
            assert 0 <= m["sentence_start"] <= m["trigger_start"] < m["trigger_end"] <= m["sentence_end"]
            assert m["sentence_end"] <= len(doc["text"])
    meetings = [e for e in doc["events"] if e["type"] == "MEET"]
    assert any({"Xi Jinping", "Alexander Lukashenko"} <= set(e["actors"]) for e in meetings)


def test_events_timeline_command(cli: Cli, sample_index: BuiltIndex) -> None:
    everything = cli("events", "--json", "--index", sample_index.dir).json()["events"]
    assert everything and all(set(e) == EVENT_KEYS for e in everything)
    dated = [e["date"] for e in everything if e["date"]]
    assert dated == sorted(dated, key=lambda d: d[:10])  # time order, undated last
    assert all(e["date"] is None for e in everything[len(dated) :])
    lukashenko = cli("events", "--entity", "Lukashenko", "--json", "--index", sample_index.dir).json()["events"]
    assert lukashenko and all("Alexander Lukashenko" in e["actors"] + e["affiliations"] for e in lukashenko)
    meetings = cli(
        "events", "--type", "meet", "--from", "2023", "--to", "2023-03", "--json", "--index", sample_index.dir
    )
    found = meetings.json()["events"]
    assert found and all(e["type"] == "MEET" and "2023-01" <= e["date"][:7] <= "2023-03" for e in found)
    # aliases work for --entity
    assert cli("events", "--entity", "Tiongkok", "--json", "--index", sample_index.dir).json()["events"]


def test_the_timeline_pages_on_and_counts(sample_index: BuiltIndex) -> None:
    catalog = open_catalog(str(sample_index.dir))
    try:
        tables = catalog.events
        everything = tables.timeline()
        assert len(everything) >= 4 and tables.timeline_count() == len(everything)
        pages = [tables.timeline(limit=3, offset=start) for start in range(0, len(everything), 3)]
        assert [event.id for page in pages for event in page] == [event.id for event in everything]
        assert tables.timeline(offset=len(everything) - 1) == everything[-1:]
        assert tables.timeline(limit=2, offset=len(everything)) == []
        types = tables.timeline_types()
        assert sum(types.values()) == len(everything)
        for kind, count in types.items():
            assert tables.timeline_count(kind=kind) == count == len(tables.timeline(kind=kind))
        named = tables.timeline_count(name="Alexander Lukashenko")
        assert 0 < named == len(tables.timeline(name="Alexander Lukashenko")) < len(everything)
        assert sum(tables.timeline_types(name="Alexander Lukashenko").values()) == named
    finally:
        catalog.close()


def test_events_says_how_many_a_limit_left_out(cli: Cli, sample_index: BuiltIndex) -> None:
    full = cli("events", "--json", "--index", sample_index.dir).json()
    total = len(full["events"])
    assert full["total"] == total
    cut = cli("events", "--limit", "2", "--json", "--index", sample_index.dir).json()
    assert len(cut["events"]) == 2 and cut["total"] == total and cut["events"] == full["events"][:2]
    human = cli("events", "--limit", "2", "--index", sample_index.dir)
    assert human.rc == 0 and human.out.splitlines()[-1] == f"showing 2 of {total} events (--limit 2)"
    whole = cli("events", "--index", sample_index.dir)
    assert "showing" not in whole.out and len(whole.out.splitlines()) == total


def test_events_with_a_bad_date_is_one_line(cli: Cli, sample_index: BuiltIndex) -> None:
    run = cli("events", "--from", "2023-13", "--index", sample_index.dir)
    assert run.rc == 1 and run.out == "" and run.err.count("\n") == 1 and "not a date" in run.err


def test_related_command(cli: Cli, sample_index: BuiltIndex) -> None:
    doc_id = sample_index.ids[SAMPLE_LI]
    result = cli("related", doc_id, "--json", "--index", sample_index.dir).json()
    assert result["doc_id"] == doc_id
    events = result["events"]
    assert all(set(e) == EVENT_KEYS | {"shared", "own", "score", "same_event"} for e in events)
    own = [e for e in events if e["own"]]
    others = [e for e in events if not e["own"]]
    assert own and events[: len(own)] == own  # its own events come first
    assert others and all(e["shared"] for e in others)
    assert all(doc_id not in {m["doc_id"] for m in e["mentions"]} for e in others)
    # the Chinese minister's trip is related to Lukashenko's meeting with Xi Jinping (another article)
    assert any({"Xi Jinping", "Alexander Lukashenko"} <= set(e["actors"]) for e in others)
    limited = cli("related", doc_id, "--limit", "1", "--json", "--index", sample_index.dir).json()["events"]
    assert len([e for e in limited if not e["own"]]) == 1


def _news(folder: Path, second: str) -> Path:
    return write_jsonl(
        folder / "news.jsonl",
        [
            article("a", "Lavrov di Beijing", "Menteri Luar Negeri Rusia Sergey Lavrov bertemu Wang Yi di Beijing."),
            article("b", "Kunjungan", second),
        ],
    )


def _actors(index: Path) -> list[set[str]]:
    catalog = open_catalog(str(index))
    try:
        return [set(e.actors) for e in catalog.events.timeline()]
    finally:
        catalog.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_reindexing_keeps_events_right(tmp_path: Path, workers: int) -> None:
    index = tmp_path / "index"
    source = _news(tmp_path, "Presiden Vladimir Putin mengunjungi Minsk dan bertemu Alexander Lukashenko.")
    index_paths([str(source)], str(index), workers=workers)
    before = _actors(index)
    assert any({"Vladimir Putin", "Alexander Lukashenko"} <= actors for actors in before)
    assert any("Sergey Lavrov" in actors for actors in before)
    _news(tmp_path, "Cuaca cerah di seluruh kota sepanjang hari.")  # b no longer reports anything
    index_paths([str(source)], str(index), workers=workers)
    after = _actors(index)
    assert not any("Vladimir Putin" in actors for actors in after)
    assert any("Sergey Lavrov" in actors for actors in after)
    source.unlink()
    index_paths([], str(index), prune=True, workers=workers)
    assert _actors(index) == []


def test_events_type_finds_its_subtypes(tmp_path: Path) -> None:
    news = write_jsonl(
        tmp_path / "news.jsonl",
        [
            article("q", "Gempa", "Gempa bermagnitudo 5,3 mengguncang Kabupaten Tuban, Jawa Timur."),
            article("l", "Longsor", "Longsor menimbun jalan di Kabupaten Bogor, Jawa Barat."),
            article("m", "Pertemuan", "Menteri Luar Negeri Rusia Sergey Lavrov bertemu Wang Yi di Beijing."),
        ],
    )
    index = tmp_path / "index"
    index_paths([str(news)], str(index), workers=1)
    catalog = open_catalog(str(index))
    try:
        disasters = {e.type for e in catalog.events.timeline(kind="DISASTER")}
        quakes = {e.type for e in catalog.events.timeline(kind="EARTHQUAKE")}
    finally:
        catalog.close()
    assert disasters == {"DISASTER", "EARTHQUAKE"}
    assert quakes == {"EARTHQUAKE"}
