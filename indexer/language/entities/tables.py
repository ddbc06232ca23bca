"""Knowledge tables: known persons, organisations, places and events with their aliases.

Tables are tab-separated files with a header (``canonical``, ``type``, ``aliases`` separated by ``|``,
``lang``, ``notes``); ``#`` starts a comment line. The shipped tables are ``data/knowledge/*.tsv``
(installed with the package, :mod:`indexer.resources`);
the folder named by ``$WARTA_KNOWLEDGE`` (or a single file) may add ``*.tsv``/``*.tab`` (tab) and ``*.csv``
(comma) tables, read before the shipped ones so that a user's rows win. Nothing is downloaded.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from indexer.language.entities.model import ENTITY_TYPES, EntityType
from indexer.resources import MissingResource, shipped

__all__ = ["KNOWLEDGE_DIR", "KnowledgeError", "Known", "knowledge_files", "load_tables", "read_table"]

KNOWLEDGE_DIR = shipped("knowledge")
"""The shipped tables (``data/knowledge`` of the source tree, installed with the package)."""
ENV_VAR = "WARTA_KNOWLEDGE"
_REQUIRED = ("canonical", "type", "aliases")


class KnowledgeError(ValueError):
    """A table that cannot be used: missing columns, unknown type."""


@dataclass(frozen=True, slots=True)
class Known:
    """One row of a knowledge table."""

    canonical: str
    type: EntityType
    aliases: tuple[str, ...]
    notes: str = ""


def _delimiter(path: Path) -> str:
    return "," if path.suffix.lower() == ".csv" else "\t"


def read_table(path: Path) -> list[Known]:
    """The rows of one table; a row without a canonical name or aliases is skipped."""
    text = path.read_text(encoding="utf-8-sig")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    source = io.StringIO("\n".join(lines))
    if _delimiter(path) == ",":
        reader = csv.reader(source, delimiter=",", quoting=csv.QUOTE_MINIMAL)
    else:
        reader = csv.reader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    if not rows:
        return []
    header = [name.strip().lower() for name in rows[0]]
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        raise KnowledgeError(f"{path}: missing column {', '.join(missing)}")
    col = {name: header.index(name) for name in header}
    found: list[Known] = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(name: str, row: list[str] = row) -> str:
            index = col.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        canonical, kind = cell("canonical"), cell("type").upper()
        if not canonical:
            continue
        if kind not in ENTITY_TYPES or kind == "DATE":
            raise KnowledgeError(f"{path}:{number}: unknown type {kind!r}")
        aliases = [alias.strip() for alias in cell("aliases").split("|") if alias.strip()]
        if canonical not in aliases:
            aliases.insert(0, canonical)
        found.append(Known(canonical, cast(EntityType, kind), tuple(aliases), cell("notes")))
    return found


def knowledge_files(extra_dir: str | None = None) -> list[Path]:
    """Tables to read, in order: the user's folder (``$WARTA_KNOWLEDGE``) first, then the shipped ones."""
    files: list[Path] = []
    extra = extra_dir if extra_dir is not None else os.environ.get(ENV_VAR)
    if extra:
        folder = Path(extra)
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if p.suffix.lower() in (".tab", ".tsv", ".csv")))
        elif folder.is_file():
            files.append(folder)
    tables = sorted(KNOWLEDGE_DIR.glob("*.tsv"))
    if not tables:
        raise MissingResource(f"no knowledge tables in {KNOWLEDGE_DIR}; reinstall warta")
    return files + tables


def load_tables(files: list[Path] | None = None) -> list[Known]:
    """All rows of ``files`` (default: :func:`knowledge_files`) in order."""
    rows: list[Known] = []
    for path in knowledge_files() if files is None else files:
        rows.extend(read_table(path))
    return rows
