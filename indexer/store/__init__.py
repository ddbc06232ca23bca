"""The Whoosh index: schema and analysis, writing, query parsing, search and snippets.

This package is the only part of Warta that imports Whoosh (a test checks it); the rest sees plain
dataclasses. Whoosh-Reloaded 2.7.5 is used (see the README for why): it imports as ``whoosh``.

- :mod:`.analysis`: how text becomes terms (stems, exact forms, common-word pairs) and the schema;
- :mod:`.writing`: the multi-process writer and :class:`StoreWriter`;
- :mod:`.queries`: rewrites of parsed queries;
- :mod:`.index`: :class:`Store`, an open index (search, matches, suggestions);
- :mod:`.results`: the plain dataclasses it answers with;
- ``word_stem`` (the index's stemmer: Sastrawi, then Porter, cached) and ``english_stem`` (Porter), for
  the parts of the engine that must see words as the index does.
"""

from typing import TYPE_CHECKING, Any

from whoosh.lang.porter import stem as english_stem

from indexer.store.analysis import STEMMER as word_stem
from indexer.store.analysis import analyze
from indexer.store.index import Store
from indexer.store.results import (
    Hit,
    IndexBusy,
    IndexDamaged,
    IndexForeign,
    IndexMissing,
    NamedEntity,
    SearchResult,
    SortOrder,
    StoredDocument,
    WriterFailed,
)

if TYPE_CHECKING:
    from indexer.store.writing import StoreWriter

__all__ = [
    "Hit",
    "IndexBusy",
    "IndexDamaged",
    "IndexForeign",
    "IndexMissing",
    "NamedEntity",
    "SearchResult",
    "SortOrder",
    "Store",
    "StoreWriter",
    "StoredDocument",
    "WriterFailed",
    "analyze",
    "english_stem",
    "word_stem",
]

# Indexes written before ``indexer.store`` became a package name these classes in their pickled schema.
from indexer.store.analysis import PreparedText as PreparedText
from indexer.store.analysis import _WordFormsAnalyzer as _WordFormsAnalyzer


def __getattr__(name: str) -> Any:
    """:class:`StoreWriter` is imported when first asked for: reading commands need no writer."""
    if name == "StoreWriter":
        from indexer.store.writing import StoreWriter

        return StoreWriter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
