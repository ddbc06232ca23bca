"""Names as a user types them in a query: which known entity a name or alias stands for.

``loc:Tiongkok`` and ``person:"Xi"`` look the name up whatever its case (:func:`lookup`); a plain
query word is taken for a name only when it cannot be an ordinary word (:func:`plain_word_name`):
``tiongkok`` is China, ``as`` is not the United States, ``AS`` is.
"""

from __future__ import annotations

import os
from functools import lru_cache

from indexer.language.entities.common import is_common
from indexer.language.entities.tables import ENV_VAR, Known, load_tables

__all__ = ["lookup", "plain_word_name", "query_name"]


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


@lru_cache(maxsize=4)
def _names(extra: str | None) -> dict[str, Known]:
    del extra  # part of the cache key: load_tables reads the environment itself
    names: dict[str, Known] = {}
    for known in load_tables():
        for alias in (known.canonical, *known.aliases):
            names.setdefault(_key(alias), known)
    return names


def lookup(name: str) -> Known | None:
    """The known entity ``name`` is the canonical name or an alias of, whatever its case."""
    return _names(os.environ.get(ENV_VAR)).get(_key(name))


def plain_word_name(text: str) -> Known | None:
    """The known entity the query words ``text`` name, unless they may as well be ordinary words."""
    known = lookup(text)
    if known is None:
        return None
    words = text.split()
    if len(words) == 1 and (is_common(words[0], "id") or is_common(words[0], "en")):
        # an ordinary word too: a name only when typed as the table spells it ("AS", not "as")
        return known if text in (known.canonical, *known.aliases) else None
    typed = _key(text)
    if all(typed in _key(spelling) for spelling in (known.canonical, *known.aliases)):
        return None  # every spelling contains the words: searching them finds it already ("Jakarta")
    return known


def query_name(words: str, in_field: bool) -> tuple[str, str] | None:
    """``(type, canonical name)`` of the entity query words name (see :data:`indexer.store.querylang.NameLookup`)."""
    known = lookup(words) if in_field else plain_word_name(words)
    return (known.type, known.canonical) if known else None
