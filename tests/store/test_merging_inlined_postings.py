"""Segments merge when postings inlined in the term dictionary have no values (Whoosh gave "" for them)."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.pipeline import index_paths
from indexer.store import Store


def test_runs_that_update_an_article_each_go_on_after_segments_merge(tmp_path: Path) -> None:
    """Each run deletes and adds one article, a segment or two more; from the sixth run on, Whoosh merges
    small segments, and every commit failed with ``AssertionError: vbytes=''``."""
    source = tmp_path / "news.jsonl"
    index = tmp_path / "index"
    for run in range(10):
        versions = [run if n == run % 3 else 0 for n in range(3)]
        lines = [
            {"id": f"k{n}", "title": f"Berita {n} versi {v}", "body": f"Isi berita nomor {n} versi {v}: harga naik."}
            for n, v in enumerate(versions)
        ]
        source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        summary = index_paths([str(source)], str(index), workers=2)
        assert summary.problems == []
    with Store.open(str(index)) as store:
        assert store.doc_count() == 3
