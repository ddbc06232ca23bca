"""Fixtures of the browser's tests: indexes built once per session, and a steady search time."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from tui_support import SAMPLES, build_index, write_many_articles, write_markup_article

from tui.library import Library, Page


@pytest.fixture(scope="session")
def samples_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three articles of data/samples, indexed once (read-only)."""
    return build_index(tmp_path_factory.mktemp("tui-samples") / "index", SAMPLES)


@pytest.fixture(scope="session")
def markup_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One article full of markup characters (read-only)."""
    folder = tmp_path_factory.mktemp("tui-markup")
    return build_index(folder / "index", write_markup_article(folder / "markup.jsonl"))


@pytest.fixture(scope="session")
def many_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More articles than a page of the list, all matching ``harbour`` (read-only)."""
    folder = tmp_path_factory.mktemp("tui-many")
    return build_index(folder / "index", write_many_articles(folder / "many.jsonl"))


@pytest.fixture(autouse=True)
def no_user_keys(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's own keys.toml never reaches the tests."""
    monkeypatch.setenv("WARTA_CONFIG", str(tmp_path_factory.getbasetemp() / "no-keys.toml"))


@pytest.fixture
def own_samples_index(samples_index: Path, tmp_path: Path) -> Path:
    """A private copy of the samples index, for a test that changes it."""
    return Path(shutil.copytree(samples_index, tmp_path / "index"))


@pytest.fixture
def frozen_search_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Searches report 4 ms, so that what the screen shows does not depend on the machine."""
    real_page = Library.page

    def page(self: Library, *args: Any, **kwargs: Any) -> Page | None:
        result = real_page(self, *args, **kwargs)
        return result if result is None or result.seconds is None else dataclasses.replace(result, seconds=0.004)

    monkeypatch.setattr(Library, "page", page)
