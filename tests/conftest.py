"""Shared fixtures: the ``warta`` command run in-process, and indexes built once per session.

``sample_index`` holds the three articles of ``data/samples/``; ``corpus_index`` holds ``FEATURE_ARTICLES``
(tests/support.py), a small generated corpus where every feature of the query language has one known
answer. Both are read-only: a test that writes gets its own index (``fresh_index``, ``populated_index``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import (
    DATA,
    FEATURE_ARTICLES,
    FEATURE_KEYS,
    TRACEBACK,
    BuiltIndex,
    Cli,
    Run,
    article,
    ids_by_key,
    write_jsonl,
)

from indexer.pipeline import index_paths
from tui.cli import main


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never touch the user's index, and keep Rich's output plain (no colours forced from outside)."""
    monkeypatch.setenv("WARTA_INDEX", str(tmp_path_factory.getbasetemp() / "default-index-must-not-be-used"))
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``warta ARGS...`` in this process through :func:`tui.cli.main`; returns exit status and output."""

    def run(*args: str | os.PathLike[str]) -> Run:
        capsys.readouterr()
        rc = main([os.fspath(arg) for arg in args])
        captured = capsys.readouterr()
        for marker in TRACEBACK:
            assert marker not in captured.err, captured.err
        return Run(rc, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> BuiltIndex:
    """The three sample articles of ``data/samples/``, indexed once."""
    index_dir = tmp_path_factory.mktemp("sample-index")
    summary = index_paths([str(DATA)], str(index_dir))
    assert (summary.added, summary.problems) == (3, [])
    return BuiltIndex(index_dir, tuple(sorted(DATA.glob("*.txt"))), ids_by_key(index_dir))


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> BuiltIndex:
    """``FEATURE_ARTICLES`` in one JSONL file, indexed once."""
    folder = tmp_path_factory.mktemp("feature-corpus")
    source = write_jsonl(folder / "input" / "features.jsonl", FEATURE_ARTICLES)
    index_dir = folder / "index"
    summary = index_paths([str(source)], str(index_dir))
    assert (summary.added, summary.problems) == (len(FEATURE_ARTICLES), [])
    ids = ids_by_key(index_dir)
    assert sorted(ids) == sorted(FEATURE_KEYS)
    return BuiltIndex(index_dir, (source,), ids)


@pytest.fixture(scope="session")
def _template_index(tmp_path_factory: pytest.TempPathFactory) -> BuiltIndex:
    folder = tmp_path_factory.mktemp("template")
    good = write_jsonl(
        folder / "good.jsonl",
        [
            article(
                "keep-1", "Ferry timetable changes", "The ferry timetable changes next week, said the port office."
            ),
            article("keep-2", "Library opens late", "The city library opens late on Fridays, and the staff said so."),
        ],
    )
    index_dir = folder / "index"
    summary = index_paths([str(good)], str(index_dir))
    assert (summary.added, summary.problems) == (2, [])
    return BuiltIndex(index_dir, (good,), ids_by_key(index_dir))


@pytest.fixture
def populated_index(_template_index: BuiltIndex, tmp_path: Path) -> BuiltIndex:
    """A private copy of an index already holding two articles (``keep-1``, ``keep-2``) from another file."""
    copy = tmp_path / "populated-index"
    shutil.copytree(_template_index.dir, copy)
    return BuiltIndex(copy, _template_index.files, dict(_template_index.ids))


@pytest.fixture
def fresh_index(tmp_path: Path) -> Path:
    """A path for a new index of this test's own."""
    return tmp_path / "index"
