"""Writing a result list to a file: CSV or JSON, picked by the file's extension."""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Sequence
from dataclasses import asdict

from tui.library import EXPORT_FIELDS, ExportRow

FORMATS = {".csv": "csv", ".json": "json"}


class ExportError(ValueError):
    """The path cannot be written to (one line, for the status line)."""


def export_format(path: str) -> str:
    """``csv`` or ``json`` from the extension of ``path``; ExportError for anything else."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in FORMATS:
        raise ExportError(f"{path or 'the path'}: the name must end in .csv or .json")
    return FORMATS[extension]


def resolve_path(typed: str) -> str:
    """The absolute path the user typed (``~`` expanded), checked before anything is searched."""
    typed = typed.strip()
    if not typed:
        raise ExportError("type the path of a .csv or .json file")
    path = os.path.abspath(os.path.expanduser(typed))
    export_format(path)
    if os.path.isdir(path):
        raise ExportError(f"{path} is a folder")
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        raise ExportError(f"there is no folder {folder}")
    return path


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (``=HYPERLINK(…)``, ``@SUM(…)``)."""


def csv_cell(value: object) -> object:
    """A cell of article data that a spreadsheet shows as text: a formula start gets a leading ``'`` (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_rows(path: str, rows: Sequence[ExportRow]) -> None:
    """Write ``rows`` to ``path`` (replacing it) as CSV (a header line, then a row per hit) or JSON (a list)."""
    kind = export_format(path)
    temporary = f"{path}.part"
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as file:
            if kind == "csv":
                writer = csv.DictWriter(file, fieldnames=EXPORT_FIELDS)
                writer.writeheader()
                writer.writerows({key: csv_cell(value) for key, value in asdict(row).items()} for row in rows)
            else:
                json.dump([asdict(row) for row in rows], file, ensure_ascii=False, indent=1)
                file.write("\n")
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error
