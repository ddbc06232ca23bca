"""A trained sequence tagger for Indonesian names: persons, organisations and places (BIO tags).

An averaged structured perceptron with first-order Viterbi decoding, trained by ``tools/train_ner.py``
on human-annotated Indonesian sentences and shipped as ``data/models/ner-id.tsv.gz`` (plain text,
gzipped, versioned). It reads what the rest of the package already knows as features: the word, its
shape, affixes and neighbours, the Sastrawi/lexicon verdict on whether it is an ordinary word, the
gazetteer's match over it and the type the rules (:mod:`.rules`, :mod:`.resolve`) gave it. The rules
stay the source of canonical names; the tagger decides where names begin and end and what they are.

Only *windows* are tagged: runs of capitalised tokens, with the lower-case words and marks that the
training data shows inside names ("desa", "dan", "-") when they touch one. Every other token is
outside any name, which keeps tagging an article to a fraction of a millisecond per window.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from indexer.entities.common import is_common
from indexer.entities.lexicon import GIVEN_NAMES, LOC_HEADS, NEVER_NAME, ORG_HEADS, TITLES
from indexer.entities.tokens import Tokens

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

FORMAT = "warta-ner-perceptron 1"
LABELS: tuple[str, ...] = ("O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "models" / "ner-id.tsv.gz"
_N = len(LABELS)
_NEG = -1e18
# allowed[prev][label]: I-X only after B-X or I-X; prev index _N stands for the window start (like O)
_ALLOWED: tuple[tuple[bool, ...], ...] = tuple(
    tuple(
        not LABELS[label].startswith("I-") or (prev < _N and prev != 0 and LABELS[prev][2:] == LABELS[label][2:])
        for label in range(_N)
    )
    for prev in range(_N + 1)
)


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
    notes: str = ""
    packed: dict[str, int] = field(default_factory=dict, repr=False)
    scaled: tuple[tuple[int, ...], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        self.packed = {feature: _pack(vector) for feature, vector in self.weights.items()}
        self.scaled = tuple(tuple(round(value * _SCALE) for value in row) for row in self.transitions)


def _pack(vector: Sequence[float]) -> int:
    total = 0
    for label, value in enumerate(vector):
        total += round(value * _SCALE) << (_LANE * label)
    return total


def _unpack(total: int) -> list[int]:
    lanes: list[int] = []
    mask, half = (1 << _LANE) - 1, 1 << (_LANE - 1)
    for _ in range(_N):
        lane = total & mask
        if lane >= half:
            lane -= 1 << _LANE
        lanes.append(lane)
        total = (total - lane) >> _LANE
    return lanes


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
        elif key[0] == "T" and key[1:].isdigit():
            transitions[int(key[1:])] = tuple(float(value) for value in rest.split())
        else:
            values = tuple(float(value) for value in rest.split())
            if len(values) != _N:
                raise ValueError(f"{path}: feature {key!r} has {len(values)} weights")
            weights[key] = values
    return TaggerModel(weights, tuple(transitions), inner, lead, notes)


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> TaggerModel | None:
    """The shipped model (read once), or None when it is missing or unreadable: the rules alone then."""
    try:
        return read_model(path)
    except (OSError, ValueError, EOFError):
        return None


# -- windows and features ---------------------------------------------------------------------------


def _capital(word: str) -> bool:
    return word[0].isupper()


def windows(
    tokens: Tokens, blocked: Sequence[bool], inner: frozenset[str], lead: frozenset[str]
) -> list[tuple[int, int]]:
    """Runs ``(first, end)`` of tokens that may belong to a name: capitalised tokens, the words of
    ``inner`` between two of them, a word of ``lead`` before one ("desa Sukamaju") and numbers after
    one ("SMA Negeri 1"), on the same line."""
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
            elif (word.lower() in inner or word.isdigit()) and end + 1 < n and tokens.joined(end + 1):
                if capital[end + 1] or word.isdigit():
                    end += 1 if word.isdigit() else 2
                else:
                    break
            elif word.isdigit() or (word == ")" and word in inner and "(" in words[first:end]):
                end += 1  # "Densus 88"; "PT Pertamina (Persero)"
            else:
                break
        found.append((first, end))
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
    return tuple(features)


def _context_word(tokens: Tokens, lower: list[str], k: int) -> str:
    return lower[k] if 0 <= k < len(lower) else "<s>"


def window_features(tokens: Tokens, lower: list[str], first: int, end: int, context: Context) -> list[list[str]]:
    """The features of each token of the window ``first``..``end - 1``."""
    words = tokens.words
    n = len(words)
    gaz, rules = context.gazetteer, context.rules
    result: list[list[str]] = []
    for k in range(first, end):
        features = list(_word_features(words[k]))
        prev1 = lower[k - 1] if k > 0 and tokens.joined(k) else "<s>"
        prev2 = lower[k - 2] if k > 1 and tokens.joined(k - 1) and prev1 != "<s>" else "<s>"
        next1 = lower[k + 1] if k + 1 < n and tokens.joined(k + 1) else "</s>"
        next2 = lower[k + 2] if k + 2 < n and tokens.joined(k + 2) and next1 != "</s>" else "</s>"
        rule, known = rules[k], gaz[k]
        position = k - first
        features += (
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
            "pos=" + (str(position) if position < 3 else "3+"),
            "left=" + str(end - k if end - k < 3 else 3),
        )
        if tokens.sentence_start[k]:
            features.append("start")
            features.append("start|r=" + rule)
        if lower[k] in context.lower_seen:
            features.append("seen-lower")
        result.append(features)
    return result


# -- decoding -----------------------------------------------------------------------------------------


def scores(model: TaggerModel, features: list[list[str]]) -> list[list[int]]:
    """Emission scores per token and label, in thousandths."""
    get = model.packed.get
    return [_unpack(sum(map(get, token_features, repeat(0)))) for token_features in features]


def decode(transitions: Sequence[Sequence[float]], emissions: Sequence[Sequence[float]]) -> list[int]:
    """The best label sequence (Viterbi) under ``transitions`` and ``emissions``."""
    if not emissions:
        return []
    if len(emissions) == 1:  # one token: a single B- or O, the common case
        row, start = emissions[0], transitions[_N]
        return [max((y for y in range(_N) if _ALLOWED[_N][y]), key=lambda y: row[y] + start[y])]
    labels = range(_N)
    start, allowed = transitions[_N], _ALLOWED
    best = [emissions[0][y] + start[y] if allowed[_N][y] else _NEG for y in labels]
    back: list[list[int]] = []
    for row in emissions[1:]:
        new: list[float] = []
        pointers: list[int] = []
        for y in labels:
            top, arg = _NEG * 2, 0
            for p in labels:
                if allowed[p][y]:
                    value = best[p] + transitions[p][y]
                    if value > top:
                        top, arg = value, p
            new.append(top + row[y])
            pointers.append(arg)
        best = new
        back.append(pointers)
    label = max(labels, key=lambda y: best[y])
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


def tag(
    model: TaggerModel, tokens: Tokens, blocked: Sequence[bool], context: Context
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Names found by the model as ``(first, last, type)`` token spans, in order, and the windows
    ``(first, end)`` it looked at."""
    lower = [word.lower() for word in tokens.words]
    found: list[tuple[int, int, str]] = []
    looked = windows(tokens, blocked, model.inner, model.lead)
    for first, end in looked:
        emissions = scores(model, window_features(tokens, lower, first, end, context))
        found.extend(spans(decode(model.scaled, emissions), first))
    return found, looked
