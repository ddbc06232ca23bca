"""Mapping an article's input keys to record fields (:func:`map_fields`), and unique record keys (:class:`_Keys`)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "body": ("body", "text", "content", "article", "maintext", "fulltext", "isi", "konten", "description"),
    "title": ("title", "headline", "judul"),
    "date": (
        "date",
        "published",
        "published_at",
        "publish_date",
        "pubdate",
        "datetime",
        "date_publish",
        "tanggal",
        "time",
    ),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site", "publisher", "sumber", "media", "source_domain"),
    "lang": ("lang", "language"),
}
"""Record field → input keys it is read from, best first. Keys match ignoring case, ``_``, ``-`` and spaces."""


def _alias_table() -> dict[str, tuple[str, int]]:
    """Normalised input key → (record field, rank among that field's aliases)."""
    table: dict[str, tuple[str, int]] = {}
    for name, aliases in FIELD_ALIASES.items():
        for rank, alias in enumerate(aliases):
            table.setdefault(re.sub(r"[^0-9a-z]", "", alias), (name, rank))
    return table


_ALIAS_FIELD = _alias_table()


@lru_cache(maxsize=4096)
def _norm_key(key: str) -> str:
    return "".join(ch for ch in key.lower() if ch.isalnum())


@lru_cache(maxsize=4096)
def _field_of(key: str) -> tuple[str, int] | None:
    """The record field an input key maps to and its rank among that field's aliases."""
    return _ALIAS_FIELD.get(_norm_key(key))


def _to_text(value: Any, joiner: str = ", ") -> str:
    """A JSON/CSV value as a string: lists are joined, objects give their name/text/value, null is empty."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        parts = (_to_text(item, joiner) for item in value)
        return joiner.join(part for part in parts if part.strip())
    if isinstance(value, Mapping):
        for name in ("name", "title", "text", "value", "#text", "content", "url", "href"):
            if name in value:
                return _to_text(value[name], joiner)
        return ""
    return str(value)


def map_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """Normalised record fields (body, title, date, url, source, lang) read from one JSON object or CSV row."""
    best: dict[str, tuple[int, str]] = {}
    for key, value in obj.items():
        hit = _field_of(key) if isinstance(key, str) else None
        if hit is None:
            continue
        name, rank = hit
        current = best.get(name)
        if current is not None and current[0] <= rank:
            continue
        text = value if isinstance(value, str) else _to_text(value, "\n\n" if name == "body" else ", ")
        if text and not text.isspace():
            best[name] = (rank, text)
    return {name: text for name, (_rank, text) in best.items()}


def _own_id(obj: Mapping[str, Any]) -> str:
    """The record's ``id`` as text ("" when it has none); lone surrogates (``"\\ud800"`` in JSON) are
    written as their escape, so that the id can be stored."""
    for key, value in obj.items():
        if isinstance(key, str) and _norm_key(key) == "id":
            text = _to_text(value).strip()
            if text:
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
                return text
    return ""


_SPACE = re.compile(r"\s")
_PIECE = 1 << 20
"""Characters of a value collapsed at a time (a 50 MB text is never copied whole)."""

IDENTITY_FIELDS = ("title", "date", "source", "url", "body")
"""The fields whose content makes the key of a record without an id (:func:`content_key`)."""


def content_key(fields: Mapping[str, str]) -> str:
    """``sha:`` and a hash of a record's title, date, source, URL and text, each with its white space
    collapsed (``" ".join(value.split())``) and in NFC: the key of a record without an id, the same wherever
    the record sits in its file."""
    digest = hashlib.sha256()
    for name in IDENTITY_FIELDS:
        digest.update(f"{name}\x1f".encode())
        for piece in _collapsed(fields.get(name, "")):
            digest.update(piece.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
    return "sha:" + digest.hexdigest()[:16]


def _collapsed(text: str) -> Iterator[str]:
    """``unicodedata.normalize("NFC", " ".join(text.split()))`` in pieces cut at white space (where NFC
    joins nothing)."""
    start = 0
    first = True
    while start < len(text):
        end = start + _PIECE
        if end < len(text):
            space = _SPACE.search(text, end)
            end = space.start() if space else len(text)
        words = text[start:end].split()
        if words:
            yield ("" if first else " ") + unicodedata.normalize("NFC", " ".join(words))
            first = False
        start = end


class _Keys:
    """The keys of the records of one input, unique in it: the second ``k`` becomes ``k#2``, and so on.

    A record keeps its own id. Without one it gets its :func:`content_key`, so that lines added, removed or
    moved elsewhere in the file leave its key alone; two records with the same content are ``k`` and ``k#2``
    in file order (being the same, either may be either). A file that is one article (text, HTML, a single
    JSON object) has the key "", except on standard input (``by_content``), which has no file to name it.
    """

    def __init__(self, by_content: bool = False) -> None:
        self._count: dict[str, int] = {}
        self._by_content = by_content

    def key(self, own: str, fields: Mapping[str, str], *, whole: bool = False) -> str:
        """The key of a record with the id ``own`` ("" if none) and ``fields``; ``whole``: the input is that record."""
        if own:
            return self.unique(own)
        if whole and not self._by_content:
            return ""
        return self.unique(content_key(fields))

    def unique(self, key: str) -> str:
        if key not in self._count:
            self._count[key] = 1
            return key
        number = self._count[key]
        while True:
            number += 1
            candidate = f"{key}#{number}"
            if candidate not in self._count:
                self._count[key] = number
                self._count[candidate] = 1
                return candidate
