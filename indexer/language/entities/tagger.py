"""A trained sequence tagger for Indonesian names: persons, organisations and places (BIO tags).

A linear-chain model with first-order Viterbi decoding: a conditional random field trained by
``tools/train_ner.py`` (L-BFGS, L2) on human-annotated Indonesian sentences and shipped as
``data/models/ner-id.tsv.gz`` (plain text, gzipped, versioned); running it needs nothing but this module.
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

import gzip
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import add
from pathlib import Path

from indexer.language import memo
from indexer.language.entities.clusters import cluster_of
from indexer.language.entities.common import is_common, word_case
from indexer.language.entities.gazetteer import gazetteer
from indexer.language.entities.lexicon import GIVEN_NAMES, LOC_HEADS, NEVER_NAME, ORG_HEADS, TITLES
from indexer.language.entities.tokens import Tokens
from indexer.resources import MissingResource, shipped

__all__ = [
    "FORMAT",
    "LABELS",
    "MODEL_PATH",
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

FORMAT = "warta-ner-linear 1"
LABELS: tuple[str, ...] = ("O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
MODEL_PATH = shipped("models", "ner-id.tsv.gz")
_N = len(LABELS)
LABEL_INDEX = {name: index for index, name in enumerate(LABELS)}
MAX_TOKENS = 24
"""Longest name the tagger gives, in tokens: a longer run is no name (a line of capitalised words)."""
NEIGHBOUR_LEVEL = 0
"""Which of the cluster labels of the words either side of a token is read as a feature of it (0: the
coarse one, :mod:`.clusters`)."""
_NEG = -1e18
# allowed[prev][label]: I-X only after B-X or I-X; prev index _N stands for the window start (like O)
_ALLOWED: tuple[tuple[bool, ...], ...] = tuple(
    tuple(
        not LABELS[label].startswith("I-") or (prev < _N and prev != 0 and LABELS[prev][2:] == LABELS[label][2:])
        for label in range(_N)
    )
    for prev in range(_N + 1)
)


_INSIDE_FROM: tuple[tuple[int, int] | None, ...] = tuple(
    (LABEL_INDEX["B-" + LABELS[y][2:]], y) if LABELS[y].startswith("I-") else None for y in range(_N)
)
"""For each I-X label, the only labels it may follow (B-X, I-X); None for the others (any label)."""


_LANE = 32
"""Bits per label when a feature's weights are packed into one integer (see :func:`scores`)."""
_SCALE = 1000
"""Weights are stored with three decimals: packed as integers in thousandths."""


@dataclass(slots=True)
class TaggerModel:
    """Weights per feature (one per label), transition weights ``transitions[prev][label]`` (``prev``
    ``_N`` is the window start) and the lower-case words that may sit inside a name.

    ``packed`` holds each feature's weights as one integer, label ``y`` in bits ``32 y`` to ``32 y + 31``
    (in thousandths, signed), so that adding a token's feature weights is one integer sum per token
    rather than seven; ``scaled`` the transitions in the same unit.
    """

    weights: dict[str, tuple[float, ...]]
    transitions: tuple[tuple[float, ...], ...]
    inner: frozenset[str]
    """Lower-case words and marks seen between the capitalised words of a name ("dan", "-", "bin")."""
    lead: frozenset[str]
    """Lower-case words seen opening a name ("desa", "kota")."""
    margin: float = 0.0
    """How much more than the rules' reading of a window the model's must score to replace it."""
    notes: str = ""
    packed: dict[str, int] = field(default_factory=dict, repr=False)
    word_scores: dict[str, int] = field(default_factory=dict, repr=False)
    lattice: tuple[list[float], list[list[float]]] = field(default=([], []), repr=False)
    scaled: tuple[tuple[int, ...], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        self.packed = {feature: _pack(vector) for feature, vector in self.weights.items()}
        self.scaled = tuple(tuple(round(value * _SCALE) for value in row) for row in self.transitions)
        self.lattice = lattice(self.scaled)


def _pack(vector: Sequence[float]) -> int:
    total = 0
    for label, value in enumerate(vector):
        total += round(value * _SCALE) << (_LANE * label)
    return total


_OFFSET = sum(1 << (_LANE * label + _LANE - 1) for label in range(_N))
"""Half a lane added to every label: the packed sum then has no borrows between lanes, and its bytes
read as unsigned lanes are the scores plus the same constant for every label, which changes no
decision (every path gains it once per token)."""
_LANES = struct.Struct(f"<{_N}I")


def _unpack(total: int) -> tuple[int, ...]:
    """The per-label scores of a packed sum, each plus ``2 ** 31``."""
    return _LANES.unpack((total + _OFFSET).to_bytes(_LANES.size, "little"))


@dataclass(slots=True)
class Context:
    """What the rest of the package says about each token of a text: the gazetteer's tag
    (``B-LOC``, ``I-ORG``… or ``""``) and the rules' tag (the same, after :mod:`.resolve`)."""

    gazetteer: list[str]
    rules: list[str]
    lower_seen: set[str]


# -- the model file ---------------------------------------------------------------------------------


def write_model(model: TaggerModel, path: Path) -> None:
    """Write ``model`` as gzipped text, byte for byte the same for the same model."""
    lines = [FORMAT, "labels\t" + " ".join(LABELS), "notes\t" + model.notes.replace("\n", " ")]
    lines.append("inner\t" + " ".join(sorted(model.inner)))
    lines.append("lead\t" + " ".join(sorted(model.lead)))
    lines.append("margin\t" + _number(model.margin))
    for prev, row in enumerate(model.transitions):
        lines.append(f"T{prev}\t" + " ".join(_number(value) for value in row))
    for feature in sorted(model.weights):
        lines.append(feature + "\t" + " ".join(_number(value) for value in model.weights[feature]))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(data)


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def read_model(path: Path) -> TaggerModel:
    """The model stored at ``path``; ValueError when it is not one this code reads."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    if not lines or lines[0] != FORMAT:
        raise ValueError(f"{path}: not a {FORMAT!r} model")
    weights: dict[str, tuple[float, ...]] = {}
    transitions: list[tuple[float, ...]] = [(0.0,) * _N] * (_N + 1)
    inner: frozenset[str] = frozenset()
    lead: frozenset[str] = frozenset()
    margin = 0.0
    notes = ""
    for line in lines[1:]:
        key, _, rest = line.partition("\t")
        if not key:
            continue
        if key == "labels":
            if tuple(rest.split()) != LABELS:
                raise ValueError(f"{path}: labels {rest!r} differ from {LABELS}")
        elif key == "notes":
            notes = rest
        elif key == "inner":
            inner = frozenset(rest.split())
        elif key == "lead":
            lead = frozenset(rest.split())
        elif key == "margin":
            margin = float(rest)
        elif key[0] == "T" and key[1:].isdigit():
            transitions[int(key[1:])] = tuple(float(value) for value in rest.split())
        else:
            values = tuple(float(value) for value in rest.split())
            if len(values) != _N:
                raise ValueError(f"{path}: feature {key!r} has {len(values)} weights")
            weights[key] = values
    return TaggerModel(weights, tuple(transitions), inner, lead, margin, notes)


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> TaggerModel:
    """The model at ``path``, the shipped one by default (read once); :class:`MissingResource` when it
    cannot be read: the rules alone read Indonesian names far worse, and nothing else would say so."""
    try:
        model = read_model(path)
    except (OSError, ValueError, EOFError) as error:
        raise MissingResource(f"cannot read the entity tagger model {path}: {error}; reinstall warta") from error
    model.word_scores = memo.shared(f"tagger-word-scores:{path}")  # handed back by writer processes
    return model


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


# -- decoding -----------------------------------------------------------------------------------------


def scores(model: TaggerModel, features: list[list[str]]) -> list[tuple[int, ...]]:
    """Emission scores per token and label, in thousandths (plus a constant, see :func:`_unpack`)."""
    get = model.packed.get
    return [_unpack(sum(map(get, token_features, repeat(0)))) for token_features in features]


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


def lattice(transitions: Sequence[Sequence[float]]) -> tuple[list[float], list[list[float]]]:
    """The start scores and the columns ``columns[y][p]`` (from ``p`` to ``y``) of ``transitions``, with
    the transitions the tags forbid (O → I-X, B-X → I-Y) at minus infinity."""
    start = [value if allowed else _NEG for value, allowed in zip(transitions[_N], _ALLOWED[_N], strict=True)]
    columns = [[transitions[p][y] if _ALLOWED[p][y] else _NEG for p in range(_N)] for y in range(_N)]
    return start, columns


def decode(transitions: Sequence[Sequence[float]], emissions: Sequence[Sequence[float]]) -> list[int]:
    """The best label sequence (Viterbi) under ``transitions`` and ``emissions``."""
    start, columns = lattice(transitions)
    return viterbi(start, columns, emissions)


def viterbi(start: list[float], columns: list[list[float]], emissions: Sequence[Sequence[float]]) -> list[int]:
    """The best label sequence given :func:`lattice`'s start scores and columns."""
    if not emissions:
        return []
    best = [e + t for e, t in zip(emissions[0], start, strict=True)]
    if len(emissions) == 1:  # one token: a single B- or O, the common case
        return [best.index(max(best))]
    back: list[list[int]] = []
    for row in emissions[1:]:
        new: list[float] = []
        pointers: list[int] = []
        for y, column in enumerate(columns):
            inside = _INSIDE_FROM[y]
            if inside is None:
                values = list(map(add, best, column))
                top = max(values)
                pointer = values.index(top)
            else:  # I-X comes only from B-X or I-X: two sums, not seven
                begin, same = inside
                top, pointer = best[begin] + column[begin], begin
                if best[same] + column[same] > top:
                    top, pointer = best[same] + column[same], same
            new.append(top + row[y])
            pointers.append(pointer)
        best = new
        back.append(pointers)
    label = best.index(max(best))
    path = [label]
    for pointers in reversed(back):
        label = pointers[label]
        path.append(label)
    path.reverse()
    return path


def spans(labels: list[int], first: int) -> list[tuple[int, int, str]]:
    """``(first, last, type)`` token spans of a window's labels (tokens counted from ``first``)."""
    found: list[tuple[int, int, str]] = []
    current: list[int | str] | None = None
    for offset, label in enumerate(labels):
        name = LABELS[label]
        k = first + offset
        if name == "O" or name.startswith("B-") or current is None or current[2] != name[2:]:
            if current is not None:
                found.append((int(current[0]), int(current[1]), str(current[2])))
            current = [k, k, name[2:]] if name != "O" else None
        else:
            current[1] = k
    if current is not None:
        found.append((int(current[0]), int(current[1]), str(current[2])))
    return found


# -- a text ---------------------------------------------------------------------------------------------


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


def path_score(
    start: list[float], columns: list[list[float]], emissions: Sequence[Sequence[float]], path: list[int]
) -> float:
    """The score of one label sequence."""
    total = 0.0
    previous = -1
    for row, label in zip(emissions, path, strict=True):
        total += row[label] + (start[label] if previous < 0 else columns[label][previous])
        previous = label
    return total


def rule_path(rules: list[str], first: int, end: int) -> list[int]:
    """The rules' tags over a window as labels (events and names cut by the window's edge are O)."""
    path = [LABEL_INDEX.get(rules[k], 0) for k in range(first, end)]
    for offset, label in enumerate(path):
        if LABELS[label].startswith("I-") and (offset == 0 or LABELS[path[offset - 1]][2:] != LABELS[label][2:]):
            path[offset] = LABEL_INDEX["B-" + LABELS[label][2:]]
    return path


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
