"""The name tagger's model: its labels, weights and file (:func:`read_model`, :func:`write_model`), and
decoding a window's scores into labels (first-order Viterbi, :func:`viterbi`) and labels into spans.
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
from indexer.resources import MissingResource, shipped

__all__ = [
    "FORMAT",
    "LABELS",
    "LABEL_INDEX",
    "MODEL_PATH",
    "TaggerModel",
    "decode",
    "lattice",
    "load_model",
    "path_score",
    "read_model",
    "rule_path",
    "scores",
    "spans",
    "viterbi",
    "write_model",
]

FORMAT = "warta-ner-linear 1"
LABELS: tuple[str, ...] = ("O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
MODEL_PATH = shipped("models", "ner-id.tsv.gz")
_N = len(LABELS)
LABEL_INDEX = {name: index for index, name in enumerate(LABELS)}
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


# -- decoding -----------------------------------------------------------------------------------------


def scores(model: TaggerModel, features: list[list[str]]) -> list[tuple[int, ...]]:
    """Emission scores per token and label, in thousandths (plus a constant, see :func:`_unpack`)."""
    get = model.packed.get
    return [_unpack(sum(map(get, token_features, repeat(0)))) for token_features in features]


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
