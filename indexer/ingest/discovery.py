"""Finding the files to index: supported formats, ``.gz`` names, folders walked, binary files left out."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from typing import Literal

from indexer.ingest.decoding import SNIFF_BYTES, bom_encoding, looks_binary
from indexer.ingest.streams import _os_reason
from indexer.model import Problem

Format = Literal["text", "html", "json", "jsonl", "csv"]

FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
"""Supported file extensions (lower case) and the reader each one selects."""

STDIN = "<stdin>"
"""The path of standard input (``-`` on the command line) in records, problems and the catalogue."""


def format_of(path: str) -> Format | None:
    """The reader chosen by ``path``'s extension (the one before ``.gz``), or None when it is not supported."""
    return FORMATS.get(os.path.splitext(_inner_name(path))[1].lower())


def is_gzip(path: str) -> bool:
    """Whether ``path`` is read through gzip (its name ends with ``.gz``)."""
    return path.lower().endswith(".gz")


def _inner_name(path: str) -> str:
    """``path`` without a ``.gz`` extension: the name of what the file holds."""
    return path[:-3] if is_gzip(path) else path


def discover(paths: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """Expand files and folders into the absolute paths of the files to read, in order, without repeats.

    Folders are walked recursively in sorted order, skipping hidden entries and files whose extension is
    not supported (``x.jsonl.gz`` counts as ``x.jsonl``). A file named explicitly is kept whatever its
    extension, unless it is not supported and its first bytes look binary. ``-`` is standard input
    (:data:`STDIN`). A file or folder whose name is not valid UTF-8 cannot be stored in the index: it is
    a problem (its name shown escaped), and the rest goes on.
    """
    found: list[str] = []
    seen: set[str] = set()
    problems: list[Problem] = []

    def add(path: str) -> None:
        if path not in seen:
            seen.add(path)
            found.append(path)

    for given in paths:
        if given == "-":
            add(STDIN)
            continue
        path = os.path.abspath(given)
        if not _valid_name(path):
            problems.append(_bad_name(path))
            continue
        try:
            mode = os.stat(path).st_mode
        except (FileNotFoundError, NotADirectoryError):
            missing = "broken symbolic link" if os.path.islink(path) else "no such file or directory"
            problems.append(Problem(path, missing))
            continue
        except OSError as error:  # permission denied on a folder above it, a loop of links…
            problems.append(Problem(path, _os_reason(error)))
            continue
        if stat.S_ISDIR(mode):
            for file in _walk(path, problems):
                add(file)
        elif not stat.S_ISREG(mode):
            problems.append(Problem(path, "not a regular file or folder"))
        elif format_of(path) is None and _sniff_binary(path):
            problems.append(Problem(path, "binary file with an unsupported extension, skipped"))
        else:
            add(path)
    return found, problems


def _walk(root: str, problems: list[Problem]) -> list[str]:
    """Supported, non-hidden files below ``root``, sorted by path."""

    def on_error(error: OSError) -> None:
        where = error.filename if isinstance(error.filename, str) else root
        reason = "permission denied" if isinstance(error, PermissionError) else (error.strerror or "cannot list folder")
        problems.append(Problem(os.path.abspath(where), reason))

    files: list[str] = []
    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        kept = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            if _valid_name(name):
                kept.append(name)
            else:
                problems.append(_bad_name(os.path.join(folder, name)))
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith(".") or format_of(name) is None:
                continue
            full = os.path.join(folder, name)
            if not _valid_name(name):
                problems.append(_bad_name(full))
            elif os.path.isfile(full):
                files.append(full)
    files.sort()
    return files


def _valid_name(name: str) -> bool:
    """Whether a file name is valid UTF-8 (Python gives the bytes of one that is not as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _bad_name(path: str) -> Problem:
    """A file or folder left out because its name is not UTF-8: its bytes shown as ``\\xe9`` escapes."""
    shown = os.fsencode(path).decode("utf-8", "backslashreplace")
    return Problem(shown, "name is not valid UTF-8, skipped")


def _sniff_binary(path: str) -> bool:
    """Whether the start of ``path`` looks binary; an unreadable file is left for the reader to report."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return bom_encoding(head) is None and looks_binary(head)
