"""Export files: article data never becomes a spreadsheet formula in CSV, and stays as it is in JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tui.export import write_rows
from tui.records import ExportRow

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1:A2)", "\tx", "\rx", "plain", "a=b"]


def _rows() -> list[ExportRow]:
    return [ExportRow(f"id{n}", text, None, text, text, text, -1.5) for n, text in enumerate(HOSTILE)]


def test_csv_cells_that_start_a_formula_are_quoted(tmp_path: Path) -> None:
    path = tmp_path / "hits.csv"
    write_rows(str(path), _rows())
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for row, text in zip(rows, HOSTILE, strict=True):
        expected = text if text in ("plain", "a=b") else "'" + text
        assert (row["title"], row["source"], row["path"], row["url"]) == (expected,) * 4
        assert row["score"] == "-1.5"  # a number, not article text


def test_json_export_keeps_the_text_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "hits.json"
    write_rows(str(path), _rows())
    assert [row["title"] for row in json.loads(path.read_text(encoding="utf-8"))] == HOSTILE
