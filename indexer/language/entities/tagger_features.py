"""What the name tagger reads: the windows of tokens it tags (:func:`windows`) and each token's features
there, its word's own and its context's (:func:`window_features`, :class:`Context`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from indexer.language.entities.clusters import cluster_of
from indexer.language.entities.common import is_common, word_case
from indexer.language.entities.gazetteer import gazetteer
from indexer.language.entities.lexicon import GIVEN_NAMES, LOC_HEADS, NEVER_NAME, ORG_HEADS, TITLES
from indexer.language.entities.tokens import Tokens

__all__ = ["NEIGHBOUR_LEVEL", "Context", "build_context", "context_features", "window_features", "windows"]

NEIGHBOUR_LEVEL = 0
"""Which of the cluster labels of the words either side of a token is read as a feature of it (0: the
coarse one, :mod:`.clusters`)."""


@dataclass(slots=True)
class Context:
    """What the rest of the package says about each token of a text: the gazetteer's tag
    (``B-LOC``, ``I-ORG``… or ``""``) and the rules' tag (the same, after :mod:`.resolve`)."""

    gazetteer: list[str]
    rules: list[str]
    lower_seen: set[str]


# -- windows and features ---------------------------------------------------------------------------


def _capital(word: str) -> bool:
    return word[0].isupper()


def windows(
    tokens: Tokens, blocked: Sequence[bool], inner: frozenset[str], lead: frozenset[str], everything: bool = False
) -> list[tuple[int, int]]:
    """Runs ``(first, end)`` of tokens that may belong to a name: capitalised tokens, the words of
    ``inner`` between two of them, a word of ``lead`` before one ("desa Sukamaju") and numbers after
    one ("SMA Negeri 1"), on the same line. A lone function word opening a sentence is left out unless
    ``everything`` (training keeps it: the model learns from it what is no name)."""
    words = tokens.words
    n = len(words)
    upper = tokens.upper_line
    capital = [not blocked[k] and not upper[k] and _capital(words[k]) for k in range(n)]
    found: list[tuple[int, int]] = []
    k = 0
    while k < n:
        if not capital[k]:
            k += 1
            continue
        first = k
        if first > 0 and tokens.joined(first) and not blocked[first - 1] and words[first - 1].lower() in lead:
            first -= 1  # "desa Sukamaju", "kota Bandung"
        end = k + 1
        while end < n and tokens.joined(end) and not blocked[end]:
            word = words[end]
            if capital[end]:
                end += 1
            elif word == ")" and word in inner and "(" in words[first:end]:
                end += 1  # "PT Pertamina (Persero)", "( Audy)"
            elif word == "." and len(words[end - 1]) > 3:
                break  # a sentence ends ("Sergey Lavrov. Lavrov"); an initial or "Dr." goes on ("H. Sujono")
            elif (word.lower() in inner or word.isdigit()) and end + 1 < n and tokens.joined(end + 1):
                if capital[end + 1] or word.isdigit():
                    end += 1 if word.isdigit() else 2
                else:
                    break
            elif word.isdigit():
                end += 1  # "Densus 88"
            else:
                break
        if everything or end - first > 1 or words[first].lower() not in NEVER_NAME:
            found.append((first, end))  # a lone function word ("Namun", "Dia") is no name: not tagged
        k = end
    return found


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    out: list[str] = []
    for char in word:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out[:5])


@lru_cache(maxsize=1)
def _word_types() -> dict[str, str]:
    return gazetteer().word_types()


@lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[str, ...]:
    """Features of a word whatever its context."""
    lower = word.lower()
    shape = _shape(word)
    features = ["b", "w=" + lower, "x=" + shape, "s3=" + lower[-3:], "s2=" + lower[-2:], "p3=" + lower[:3]]
    if word.isalpha():
        if lower in NEVER_NAME:
            features.append("never")
        elif lower in GIVEN_NAMES:
            features.append("given")
        elif is_common(word, "id"):
            features.append("common")
    if lower in TITLES:
        features.append("title")
    if lower in ORG_HEADS:
        features.append("orghead")
    if lower in LOC_HEADS:
        features.append("lochead")
    if len(word) == 1:
        features.append("len1")
    kinds = _word_types().get(word)
    if kinds is not None:
        features.append("gw=" + kinds)
    labels = cluster_of(word)
    if labels:
        features.extend(f"c{level}={label}" for level, label in enumerate(labels))
    else:
        features.append("c=none")
    counts = word_case("id").get(lower)
    if counts is None:
        features.append("case=unseen")
    else:
        low, cap = counts
        ratio = cap / (low + cap) if low + cap else 0.0
        features.append("case=" + str(min(int(ratio * 5), 4)))
        features.append("freq=" + str(min(len(str(low + cap)), 5)))
    return tuple(features)


@lru_cache(maxsize=65536)
def _neighbour_clusters(word: str) -> tuple[str, str]:
    """The features a word gives the token after it and the token before it: its coarse cluster."""
    labels = cluster_of(word)
    label = labels[NEIGHBOUR_LEVEL] if len(labels) > NEIGHBOUR_LEVEL else ""
    return "c-1=" + label, "c+1=" + label


def window_features(tokens: Tokens, lower: list[str], first: int, end: int, context: Context) -> list[list[str]]:
    """The features of each token of the window ``first``..``end - 1``: the word's own
    (:func:`_word_features`) and its context's (:func:`context_features`)."""
    words = tokens.words
    return [
        [*_word_features(words[k]), *features]
        for k, features in enumerate(context_features(tokens, lower, first, end, context), start=first)
    ]


def context_features(tokens: Tokens, lower: list[str], first: int, end: int, context: Context) -> list[list[str]]:
    """The features of each token of the window ``first``..``end - 1`` that depend on its context."""
    words = tokens.words
    line_start = tokens.line_start  # token k follows token k - 1 on its line: k > 0 and not line_start[k]
    sentence_start, quoted = tokens.sentence_start, tokens.quoted
    n = len(words)
    gaz, rules, lower_seen = context.gazetteer, context.rules, context.lower_seen
    result: list[list[str]] = []
    size = str(min(end - first, 5))  # the window's length, capped
    for k in range(first, end):
        word = lower[k]
        prev1 = lower[k - 1] if k > 0 and not line_start[k] else "<s>"
        prev2 = lower[k - 2] if k > 1 and prev1 != "<s>" and not line_start[k - 1] else "<s>"
        next1 = lower[k + 1] if k + 1 < n and not line_start[k + 1] else "</s>"
        next2 = lower[k + 2] if next1 != "</s>" and k + 2 < n and not line_start[k + 2] else "</s>"
        rule, known = rules[k], gaz[k]
        position = k - first
        features = [
            "w-1=" + prev1,
            "w-2=" + prev2,
            "w+1=" + next1,
            "w+2=" + next2,
            "x-1=" + (_shape(words[k - 1]) if prev1 != "<s>" else "<s>"),
            "x+1=" + (_shape(words[k + 1]) if next1 != "</s>" else "</s>"),
            "r=" + rule,
            "g=" + known,
            "rg=" + rule + "|" + known,
            "r-1=" + (rules[k - 1] if k > 0 else ""),
            "r+1=" + (rules[k + 1] if k + 1 < n else ""),
            "w-1|r=" + prev1 + "|" + rule,
            _POSITION[position] if position < 3 else "pos=3+",
            _LEFT[end - k] if end - k < 3 else "left=3",
            "len=" + size,
            "len|pos=" + size + "|" + str(min(position, 4)),
            "g-1=" + (gaz[k - 1] if k > 0 else ""),
            "g+1=" + (gaz[k + 1] if k + 1 < n else ""),
            "ww+1=" + word + "|" + next1,
            "w-1w=" + prev1 + "|" + word,
            _neighbour_clusters(words[k - 1])[0] if prev1 != "<s>" else "c-1=<s>",
            _neighbour_clusters(words[k + 1])[1] if next1 != "</s>" else "c+1=</s>",
        ]
        if sentence_start[k]:
            features.append("start")
            features.append("start|r=" + rule)
        if quoted[k]:
            features.append("quoted")
        if word in lower_seen:
            features.append("seen-lower")
        result.append(features)
    return result


_POSITION = ("pos=0", "pos=1", "pos=2")
_LEFT = ("left=0", "left=1", "left=2")


def _tags(size: int, first: int, last: int, kind: str, into: list[str]) -> None:
    if kind not in ("PERSON", "ORG", "LOC", "MISC"):
        return
    into[first] = "B-" + kind
    for k in range(first + 1, min(last + 1, size)):
        into[k] = "I-" + kind


def build_context(
    tokens: Tokens, known: Sequence[tuple[int, int, str]], named: Sequence[tuple[int, int, str]]
) -> Context:
    """The context of a text from the gazetteer's matches and the rules' names, as token spans
    ``(first, last, type)``."""
    size = len(tokens)
    gaz = [""] * size
    rules = [""] * size
    for first, last, kind in known:
        _tags(size, first, last, kind, gaz)
    for first, last, kind in named:
        _tags(size, first, last, kind, rules)
    lower_seen = {word.lower() for word in tokens.words if word.islower() and word.isalpha()}
    return Context(gaz, rules, lower_seen)
