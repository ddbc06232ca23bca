"""Rewrites of parsed queries before they run."""

from __future__ import annotations

from whoosh import query

from indexer.language.entities.names import lookup
from indexer.store.analysis import GRAM_JOINER, NAME_PART, common_stems
from indexer.store.querylang import ENTITY_FIELDS


def known_names(q: query.Query) -> query.Query:
    """Answer ``loc:"North Korea"`` for a known entity by its one ``names`` term, not a phrase of words.

    The words of the entity fields stay for names the tables do not know and for parts of names
    (``person:Koffler``).
    """
    if isinstance(q, query.Term | query.Phrase):
        if q.fieldname not in ENTITY_FIELDS:
            return q
        words = [str(q.text)] if isinstance(q, query.Term) else [str(word) for word in q.words]
        known = lookup(" ".join(words))
        if known is None or known.canonical.lower().split() != words:
            return q
        return query.Term("names", f"{known.type}{NAME_PART}{known.canonical}", boost=q.boost)
    if q.is_leaf():
        return q
    return q.apply(known_names)


def exact_to_text(q: query.Query) -> query.Query:
    """Point ``exact:`` terms at the ``text`` field, where the exact forms are indexed."""
    if isinstance(q, query.Term) and q.fieldname == "exact":
        return query.Term("text", q.text, boost=q.boost)
    if isinstance(q, query.Phrase) and q.fieldname == "exact":
        return query.Phrase("text", q.words, slop=q.slop, boost=q.boost)
    if isinstance(q, query.Term | query.Phrase):
        return q
    return q.apply(exact_to_text)


def common_grams(q: query.Query) -> query.Query:
    """Answer phrases of common words from the indexed word pairs instead of word positions."""
    if isinstance(q, query.Phrase):
        if q.fieldname != "text" or q.slop != 1 or len(q.words) < 2:
            return q
        words = list(q.words)
        # a common word's long position list is replaced by its pair with the next word (same position)
        forms = [
            f"{word}{GRAM_JOINER}{words[i + 1]}" if word in common_stems() and i + 1 < len(words) else word
            for i, word in enumerate(words)
        ]
        if forms == words:
            return q
        if GRAM_JOINER in forms[-2]:
            forms.pop()  # the last word is inside the pair before it
        if len(forms) == 1:
            return query.Term("text", forms[0], boost=q.boost)
        return query.Phrase("text", forms, slop=1, boost=q.boost)
    if q.is_leaf():
        return q
    return q.apply(common_grams)


def has_error(q: query.Query) -> bool:
    """Whether Whoosh marked any part of the parsed query as an error."""
    return bool(getattr(q, "error", None)) or any(has_error(child) for child in q.children())
