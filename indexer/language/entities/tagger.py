"""A trained sequence tagger for Indonesian names: persons, organisations and places (BIO tags).

A linear-chain model with first-order Viterbi decoding: a conditional random field trained by
``tools/train_ner.py`` (L-BFGS, L2) on human-annotated Indonesian sentences and shipped as
``data/models/ner-id.tsv.gz`` (plain text, gzipped, versioned); running it needs nothing but this module and its two
helpers, :mod:`.tagger_model` (the weights, the file, decoding) and :mod:`.tagger_features` (windows, features).
It reads what the rest of the package already knows as features: the word, its
shape, affixes and neighbours, its groups in word clusters learned from the news (:mod:`.clusters`)
and its neighbours' coarse group, the Sastrawi/lexicon verdict on whether it is an ordinary word, the
gazetteer's match over it and the type the rules (:mod:`.rules`, :mod:`.resolve`) gave it. The rules
stay the source of canonical names; the tagger decides where names begin and end and what they are.

Only *windows* are tagged: runs of capitalised tokens, with the lower-case words and marks that the
training data shows inside names ("desa", "dan", "-") when they touch one. Every other token is
outside any name, which keeps tagging an article to a fraction of a millisecond per window.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

from indexer.language.entities.tagger_features import (
    NEIGHBOUR_LEVEL,
    Context,
    _neighbour_clusters,
    _word_features,
    build_context,
    context_features,
    window_features,
    windows,
)
from indexer.language.entities.tagger_model import (
    _ALLOWED,
    _N,
    _SCALE,
    FORMAT,
    LABELS,
    MODEL_PATH,
    TaggerModel,
    _unpack,
    decode,
    load_model,
    path_score,
    read_model,
    rule_path,
    scores,
    spans,
    viterbi,
    write_model,
)
from indexer.language.entities.tokens import Tokens

__all__ = [
    "FORMAT",
    "LABELS",
    "MODEL_PATH",
    "NEIGHBOUR_LEVEL",
    "Context",
    "TaggerModel",
    "build_context",
    "decode",
    "load_model",
    "read_model",
    "scores",
    "spans",
    "tag",
    "window_features",
    "windows",
    "write_model",
]
# read from here by the tests, as before the model and the features had modules of their own
__all__ += ["_ALLOWED", "_N", "_neighbour_clusters", "_word_features"]

MAX_TOKENS = 24
"""Longest name the tagger gives, in tokens: a longer run is no name (a line of capitalised words)."""


def _word_score(model: TaggerModel, word: str) -> int:
    """The packed sum of the weights of a word's own features, worked out once per word."""
    cache = model.word_scores
    total = cache.get(word)
    if total is None:
        total = sum(map(model.packed.get, _word_features(word), repeat(0)))
        if len(cache) < 200_000:
            cache[word] = total
    return total


def window_scores(
    model: TaggerModel, tokens: Tokens, lower: list[str], first: int, end: int, context: Context
) -> list[tuple[int, ...]]:
    """What :func:`scores` gives for :func:`window_features`, faster: the word's own share is cached."""
    get = model.packed.get
    words = tokens.words
    return [
        _unpack(_word_score(model, words[k]) + sum(map(get, features, repeat(0))))
        for k, features in enumerate(context_features(tokens, lower, first, end, context), start=first)
    ]


def tag(
    model: TaggerModel, tokens: Tokens, blocked: Sequence[bool], context: Context, margin: float | None = None
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Names found by the model as ``(first, last, type)`` token spans, in order, and the windows
    ``(first, end)`` it looked at.

    Where the rules read a window otherwise, their reading stays unless the model's best reading
    scores at least ``margin`` (default: the model's own) more: the rules are the prior, the model
    overrules them when it is sure."""
    lower = [word.lower() for word in tokens.words]
    found: list[tuple[int, int, str]] = []
    looked = windows(tokens, blocked, model.inner, model.lead)
    start, columns = model.lattice
    threshold = (model.margin if margin is None else margin) * _SCALE
    for first, end in looked:
        emissions = window_scores(model, tokens, lower, first, end, context)
        best = viterbi(start, columns, emissions)
        if threshold > 0:
            prior = rule_path(context.rules, first, end)
            if prior != best:
                gap = path_score(start, columns, emissions, best) - path_score(start, columns, emissions, prior)
                if gap < threshold:
                    best = prior
        for span in spans(best, first):
            if span[1] - span[0] < MAX_TOKENS:
                found.append(span)
            else:  # no name is that long: the rules' names there
                prior = rule_path(context.rules, span[0], span[1] + 1)
                found.extend(part for part in spans(prior, span[0]) if part[1] - part[0] < MAX_TOKENS)
    return found, looked
