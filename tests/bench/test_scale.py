"""The corpus copies of ``bench/scale.py``: new ids, dates moved at the precision the source gave."""

from __future__ import annotations

import json
from pathlib import Path

from support import load_script

scale = load_script("bench/scale.py")


def test_dates_move_at_their_precision() -> None:
    assert scale.shifted_date("26-FEB-1987 15:01:01.79", 5) == "1992-02-26"
    assert scale.shifted_date("16 Agustus 2019", 10) == "2029-08-16"
    assert scale.shifted_date("2020-02-29", 5) == "2025-02-28"
    assert scale.shifted_date("Februari 2022", 5) == "2027-02"
    assert scale.shifted_date("no date here", 5) == "no date here"
    assert scale.shifted_date("2019-09-20", 0) == "2019-09-20"


def test_copies_have_new_ids_and_the_first_is_the_corpus(tmp_path: Path) -> None:
    source = tmp_path / "news.jsonl"
    rows = [{"id": "a", "title": "Satu", "date": "2019-09-20", "body": "x"}, {"id": "b", "title": "Dua", "body": "y"}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    paths, records = scale.write_copies([source], 3, 1.0, tmp_path / "out")
    assert records == 6 and [p.name for p in paths] == ["news-x0.jsonl", "news-x1.jsonl", "news-x2.jsonl"]
    copies = [[json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()] for p in paths]
    assert copies[0] == rows
    assert [r["id"] for r in copies[2]] == ["a~x2", "b~x2"]
    assert copies[1][0]["date"] == "2024-09-20" and "date" not in copies[1][1]
    ids = [r["id"] for copy in copies for r in copy]
    assert len(ids) == len(set(ids))
