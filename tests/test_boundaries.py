"""Architecture rules: Whoosh stays inside ``indexer/store/``; the engine never imports the UI or Rich."""

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
    """No Textual and no Rich anywhere in the engine: the browser and the command line are its front ends."""
    offenders = [
        str(path.relative_to(ROOT)) for path in _modules("indexer") if _imports(path) & {"tui", "textual", "rich"}
    ]
    assert offenders == []


def test_schemas_pickled_before_the_store_package_still_load() -> None:
    """Indexes of earlier versions name ``indexer.store._WordFormsAnalyzer`` in their pickled schema."""
    import pickle

    import indexer.store
    from indexer.store.analysis import PreparedText, _WordFormsAnalyzer

    assert indexer.store._WordFormsAnalyzer is _WordFormsAnalyzer
    assert indexer.store.PreparedText is PreparedText
    old = pickle.dumps(_WordFormsAnalyzer(exact=True), protocol=0).replace(b"indexer.store.analysis", b"indexer.store")
    assert pickle.loads(old) == _WordFormsAnalyzer(exact=True)


def test_segments_are_separate_files(tmp_path: Path) -> None:
    """Whoosh copies every file of a compound segment into memory when it opens it: keep them apart."""
    from indexer.model import Article
    from indexer.store import Store

    store = Store.open(str(tmp_path), create=True)
    writer = store.writer()
    writer.put(Article("a1", "/x", "", "Title", "Some text here.", "", None, None, None, "en", "h"), replace=False)
    writer.commit()
    assert list(tmp_path.glob("*.pst"))
    with Store.open(str(tmp_path)) as again:
        again.doc_count()
    store.close()
    assert not list(tmp_path.glob("*.seg"))
