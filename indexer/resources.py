"""The files Warta ships: knowledge tables, trained models and the sample articles.

They live in the source tree's top-level ``data/`` folder, which the build maps to the package
``indexer.data`` (see ``pyproject.toml``), so an editable and a normal install read the same files
through :mod:`importlib.resources`. A missing file is an error (:class:`MissingResource`), never a quieter
result: recognition without its tables answers wrongly, and nothing would say so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

__all__ = ["PACKAGE", "MissingResource", "fingerprint", "shipped"]

PACKAGE = "indexer.data"
"""The package that holds ``data/`` once installed."""


class MissingResource(RuntimeError):
    """A file the installation should carry is not there: the install is broken, not the input."""


def shipped(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. ``shipped("models", "ner-id.tsv.gz")``.

    Raises :class:`MissingResource` when it is absent, or when the package is not installed as files
    on disk (a zipped install, which Warta does not support).
    """
    where = "/".join(parts)
    try:
        root = files(PACKAGE)
    except ModuleNotFoundError as error:
        raise MissingResource(f"the installed warta has no data package ({PACKAGE}); reinstall warta") from error
    if not isinstance(root, Path):
        raise MissingResource(f"warta's data must be installed as files, not in {type(root).__name__}")
    path = root.joinpath(*parts)
    if not path.exists():
        raise MissingResource(f"the installed warta lacks {where} (looked in {root}); reinstall warta")
    return path


def fingerprint(paths: Iterable[Path]) -> str:
    """A hash of the names and contents of ``paths``: it changes when any of them does."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
