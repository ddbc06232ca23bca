"""Architecture rules: Whoosh stays inside ``indexer/store/``; the engine never imports the UI."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_only_the_store_imports_whoosh() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("indexer", "tui")
        for path in _modules(package)
        if "whoosh" in _imports(path) and path.parent != ROOT / "indexer" / "store"
    ]
    assert offenders == []


def test_the_engine_knows_nothing_of_the_ui() -> None:
    """No Textual anywhere in the engine; Rich only in the command line's printing (``cli.py``)."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in _modules("indexer")
        if _imports(path) & ({"tui", "textual"} if path.name == "cli.py" else {"tui", "textual", "rich"})
    ]
    assert offenders == []
