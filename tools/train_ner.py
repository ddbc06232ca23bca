"""Train the Indonesian name tagger (``indexer/language/entities/tagger.py``) and write ``data/models/ner-id.tsv.gz``.

A linear-chain conditional random field over the tagger's windows (python-crfsuite: L-BFGS, L2
penalty ``--c2``, weights for every label of every feature), trained on the TRAIN files of
``../shared/ner-dev`` (read in place, never copied): NERGrit ``nergrit-train.tsv`` and
idner-news-2k ``idner2k-train.txt``, both MIT. Its weights are written in the tagger's own format, so
Warta runs the model without python-crfsuite (``pip install -e '.[train]'`` installs it for training).
``--trainer perceptron`` trains the averaged structured perceptron used before, for comparison.
Deterministic: the same data and options give the same file, byte for byte. The dev files are never
read here unless ``--eval`` names them.

    python tools/train_ner.py                                   # train, write the model
    python tools/train_ner.py --folds 5                         # cross-validation on train, no model
    python tools/train_ner.py --eval nergrit-valid.tsv idner2k-dev.txt   # train, write, score dev

Sentences are joined to text as ``bench/ner_score.py`` does, tokenized by the package's tokenizer, and
each token labelled B-/I-/O from the gold character spans; the features come from the rules' analysis
of that text (:func:`indexer.language.entities.analyse`), exactly as at run time.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.language.entities import analyse  # noqa: E402
from indexer.language.entities.combine import combine  # noqa: E402
from indexer.language.entities.tagger import (  # noqa: E402
    LABELS,
    MODEL_PATH,
    TaggerModel,
    decode,
    window_features,
    windows,
    write_model,
)

NER_DEV = REPO.parent / "shared" / "ner-dev"
TRAIN_FILES = ("nergrit-train.tsv", "idner2k-train.txt")
HARMONISED = ("idner2k-",)
"""Files whose places are harmonised (see :func:`prepare`): idner-news-2k leaves out places used as
modifiers. NERGrit leaves out only what is no place there (peoples, "bahasa Sunda"), so it is kept as is."""
N = len(LABELS)
LABEL_INDEX = {name: index for index, name in enumerate(LABELS)}
Span = tuple[int, int, str]


def _bench() -> ModuleType:
    """``bench/ner_score.py``: the same reader and scorer as the benchmark."""
    spec = importlib.util.spec_from_file_location("ner_score", REPO / "bench" / "ner_score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ner_score"] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Example:
    """One sentence: its text, gold spans, the rules' analysis and the gold label of each token."""

    text: str
    gold: set[Span]
    source: str
    labels: list[int]
    analysis: object


def prepare(path: Path, bench: ModuleType, harmonise: bool = False) -> list[Example]:
    """The sentences of a file with their analysis and token labels. With ``harmonise``, a place the
    tables know is labelled a place wherever the file leaves it out (idner-news-2k leaves out countries
    used as modifiers, "militer Israel"; NERGrit and this project tag them)."""
    examples: list[Example] = []
    for sentence in bench.read_conll(path):
        analysis = analyse(sentence.text, "id")
        tokens = analysis.tokens
        labels = [0] * len(tokens)
        for start, end, kind in sentence.gold:
            inside = [k for k in range(len(tokens)) if tokens.starts[k] >= start and tokens.ends[k] <= end]
            for position, k in enumerate(inside):
                labels[k] = LABEL_INDEX[("B-" if position == 0 else "I-") + kind]
        if harmonise:
            for match in analysis.matches:
                span = range(match.first, match.last + 1)
                if match.known.type == "LOC" and not any(labels[k] for k in span):
                    for k in span:
                        labels[k] = LABEL_INDEX[("B-" if k == match.first else "I-") + "LOC"]
        examples.append(Example(sentence.text, set(sentence.gold), path.name, labels, analysis))
    return examples


def inner_words(examples: list[Example], min_count: int) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case words and marks seen inside gold names, and opening them, at least ``min_count`` times."""
    inside: Counter[str] = Counter()
    opening: Counter[str] = Counter()
    for example in examples:
        tokens = example.analysis.tokens  # type: ignore[attr-defined]
        for k, label in enumerate(example.labels):
            word = tokens.words[k]
            if label and not word[0].isupper() and not word.isdigit():
                (opening if LABELS[label].startswith("B-") else inside)[word.lower()] += 1
    return (
        frozenset(word for word, count in inside.items() if count >= min_count),
        frozenset(word for word, count in opening.items() if count >= min_count),
    )


Window = tuple[list[list[str]], list[int]]


def windows_of(examples: list[Example], inner: frozenset[str], lead: frozenset[str]) -> tuple[list[Window], int, int]:
    """Training windows (features, gold labels), and how many gold name tokens fall in and outside them."""
    found: list[Window] = []
    covered = missed = 0
    for example in examples:
        analysis = example.analysis
        tokens = analysis.tokens  # type: ignore[attr-defined]
        context = analysis.context()  # type: ignore[attr-defined]
        lower = [word.lower() for word in tokens.words]
        inside = [False] * len(tokens)
        for first, end in windows(tokens, analysis.blocked, inner, lead, everything=True):  # type: ignore[attr-defined]
            found.append((window_features(tokens, lower, first, end, context), example.labels[first:end]))
            for k in range(first, end):
                inside[k] = True
        for k, label in enumerate(example.labels):
            if label:
                covered += inside[k]
                missed += not inside[k]
    return found, covered, missed


class Perceptron:
    """Averaged structured perceptron: weights ``w``, and ``u`` the sum of each update times its step."""

    def __init__(self) -> None:
        self.w: dict[str, list[float]] = {}
        self.u: dict[str, list[float]] = {}
        self.t = [[0.0] * N for _ in range(N + 1)]
        self.tu = [[0.0] * N for _ in range(N + 1)]
        self.step = 1

    def emissions(self, features: list[list[str]]) -> list[list[float]]:
        table = []
        for token_features in features:
            row = [0.0] * N
            for feature in token_features:
                vector = self.w.get(feature)
                if vector is not None:
                    row = [a + b for a, b in zip(row, vector, strict=True)]
            table.append(row)
        return table

    def learn(self, features: list[list[str]], gold: list[int]) -> bool:
        guess = decode(self.t, self.emissions(features))
        if guess != gold:
            step = self.step
            for position, (want, got) in enumerate(zip(gold, guess, strict=True)):
                if want != got:
                    for feature in features[position]:
                        vector = self.w.setdefault(feature, [0.0] * N)
                        total = self.u.setdefault(feature, [0.0] * N)
                        vector[want] += 1
                        vector[got] -= 1
                        total[want] += step
                        total[got] -= step
                previous_want = gold[position - 1] if position else N
                previous_got = guess[position - 1] if position else N
                if (previous_want, want) != (previous_got, got):
                    self.t[previous_want][want] += 1
                    self.t[previous_got][got] -= 1
                    self.tu[previous_want][want] += step
                    self.tu[previous_got][got] -= step
        self.step += 1
        return guess == gold

    def averaged(
        self, inner: frozenset[str], lead: frozenset[str], margin: float, prune: float, notes: str
    ) -> TaggerModel:
        step = self.step
        weights: dict[str, tuple[float, ...]] = {}
        for feature, vector in self.w.items():
            total = self.u[feature]
            averaged = tuple(round(w - u / step, 3) for w, u in zip(vector, total, strict=True))
            if max(abs(value) for value in averaged) >= prune:
                weights[feature] = averaged
        transitions = tuple(
            tuple(round(w - u / step, 3) for w, u in zip(row, total, strict=True))
            for row, total in zip(self.t, self.tu, strict=True)
        )
        return TaggerModel(weights, transitions, inner, lead, margin, notes)


def training_windows(
    examples: list[Example], min_inner: int, quiet: bool
) -> tuple[frozenset[str], frozenset[str], list[Window]]:
    """The window words learned from ``examples`` and the training windows they give, reported unless ``quiet``."""
    inner, lead = inner_words(examples, min_inner)
    data, covered, missed = windows_of(examples, inner, lead)
    if not quiet:
        print(
            f"{len(examples)} sentences, {len(data)} windows; gold name tokens in windows {covered}, outside {missed}"
        )
    return inner, lead, data


def train(
    examples: list[Example],
    epochs: int,
    seed: int,
    min_inner: int,
    prune: float,
    quiet: bool,
    margin: float = 0.0,
    bags: int = 1,
) -> TaggerModel:
    """A model from ``examples``: with ``bags`` > 1, the mean of perceptrons trained in different orders
    (seeds ``seed``, ``seed + 1``…), which smooths what one order of the data happens to teach."""
    inner, lead, data = training_windows(examples, min_inner, quiet)
    sources = " ".join(sorted({e.source for e in examples}))
    notes = f"averaged perceptron, {epochs} epochs, mean of {bags} from seed {seed}, trained on {sources}"
    models: list[TaggerModel] = []
    for bag in range(bags):
        perceptron = Perceptron()
        order = list(range(len(data)))
        rng = random.Random(seed + bag)
        for epoch in range(epochs):
            rng.shuffle(order)
            right = sum(perceptron.learn(*data[index]) for index in order)
            if not quiet:
                print(f"  epoch {epoch + 1}: {right / len(data):.3f} of windows right, {len(perceptron.w)} features")
        models.append(perceptron.averaged(inner, lead, margin, 0.0 if bags > 1 else prune, notes))
    if bags == 1:
        return models[0]
    features = sorted({feature for model in models for feature in model.weights})
    zero = (0.0,) * N
    weights: dict[str, tuple[float, ...]] = {}
    for feature in features:
        vectors = [model.weights.get(feature, zero) for model in models]
        mean = tuple(round(sum(column) / bags, 3) for column in zip(*vectors, strict=True))
        if max(abs(value) for value in mean) >= prune:
            weights[feature] = mean
    transitions = tuple(
        tuple(round(sum(column) / bags, 3) for column in zip(*rows, strict=True))
        for rows in zip(*(model.transitions for model in models), strict=True)
    )
    return TaggerModel(weights, transitions, inner, lead, margin, notes)


WINDOW_START = "<window>"
"""A feature given to the first token of each window while training a CRF; its weights become the
transitions from the window start (crfsuite has none of its own)."""


def train_crf(
    examples: list[Example], c2: float, iterations: int, min_inner: int, prune: float, quiet: bool, margin: float = 0.0
) -> TaggerModel:
    """A model from ``examples`` by a linear-chain CRF (python-crfsuite, L-BFGS with an L2 penalty ``c2``),
    its state and transition weights copied into the tagger's format."""
    import pycrfsuite  # only for training: Warta reads the weights without it

    inner, lead, data = training_windows(examples, min_inner, quiet)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for features, gold in data:
        items = [[*token, WINDOW_START] if position == 0 else token for position, token in enumerate(features)]
        trainer.append(items, [LABELS[label] for label in gold])
    trainer.set_params(
        {
            "c1": 0.0,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_states": True,
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "model.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        tagger.close()
    if not quiet:
        print(f"  L-BFGS: {trainer.logparser.last_iteration['num']} iterations")
    vectors: dict[str, list[float]] = {}
    for (feature, label), weight in info.state_features.items():
        vectors.setdefault(feature, [0.0] * N)[LABEL_INDEX[label]] = weight
    transitions = [[0.0] * N for _ in range(N + 1)]
    for (previous, label), weight in info.transitions.items():
        transitions[LABEL_INDEX[previous]][LABEL_INDEX[label]] = weight
    transitions[N] = vectors.pop(WINDOW_START, [0.0] * N)
    weights = {
        feature: tuple(round(value, 3) for value in vector)
        for feature, vector in vectors.items()
        if max(abs(value) for value in vector) >= prune
    }
    sources = " ".join(sorted({e.source for e in examples}))
    notes = f"linear-chain CRF (python-crfsuite, L-BFGS, c2 {c2:g}), trained on {sources}"
    rounded = tuple(tuple(round(value, 3) for value in row) for row in transitions)
    return TaggerModel(weights, rounded, inner, lead, margin, notes)


def fit(examples: list[Example], args: argparse.Namespace, quiet: bool) -> TaggerModel:
    """The model of ``--trainer`` from ``examples``."""
    if args.trainer == "crf":
        return train_crf(examples, args.c2, args.iterations, args.min_inner, args.prune, quiet, args.margin)
    return train(examples, args.epochs, args.seed, args.min_inner, args.prune, quiet, args.margin, args.bags)


def evaluate(
    model: TaggerModel, examples: list[Example], bench: ModuleType, margin: float | None = None
) -> dict[str, dict[str, float]]:
    pairs = []
    for example in examples:
        names = combine(example.analysis, model, margin)  # type: ignore[arg-type]
        pairs.append((example.gold, {(e.start, e.end, e.type) for e in names}))
    table: dict[str, dict[str, float]] = bench.score(pairs)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=NER_DEV)
    parser.add_argument("--files", nargs="*", default=list(TRAIN_FILES), help="training files inside --dir")
    parser.add_argument("--trainer", choices=("crf", "perceptron"), default="crf")
    parser.add_argument("--c2", type=float, default=0.3, help="CRF: the L2 penalty")
    parser.add_argument("--iterations", type=int, default=200, help="CRF: most L-BFGS iterations")
    parser.add_argument("--epochs", type=int, default=5, help="perceptron: passes over the data")
    parser.add_argument("--seed", type=int, default=13, help="perceptron: the first shuffling seed")
    parser.add_argument("--bags", type=int, default=3, help="perceptron: average this many trained in other orders")
    parser.add_argument("--min-inner", type=int, default=3, help="times a lower-case word is seen inside names")
    parser.add_argument(
        "--prune", type=float, help="drop features whose weights are all smaller (default: crf 0.02, perceptron 0.05)"
    )
    parser.add_argument("--keep-conventions", action="store_true", help="train on the labels as the files give them")
    parser.add_argument("--margin", type=float, default=0.0, help="how sure the model must be to overrule the rules")
    parser.add_argument("--margins", type=float, nargs="*", default=[], help="margins to compare in cross-validation")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate on the training files; write nothing")
    parser.add_argument("--eval", nargs="*", default=[], help="files inside --dir to score after training")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    if args.prune is None:
        args.prune = 0.02 if args.trainer == "crf" else 0.05
    bench = _bench()
    began = time.perf_counter()
    examples: list[Example] = []
    for name in args.files:
        harmonise = not args.keep_conventions and name.startswith(HARMONISED)
        examples.extend(prepare(args.dir / name, bench, harmonise=harmonise))
    print(f"read and analysed {len(examples)} sentences in {time.perf_counter() - began:.1f} s")
    if args.folds:
        results: dict[str, list[float]] = {}
        for fold in range(args.folds):
            held = [e for i, e in enumerate(examples) if i % args.folds == fold]
            rest = [e for i, e in enumerate(examples) if i % args.folds != fold]
            model = fit(rest, args, True)
            for source in sorted({e.source for e in held}):
                for margin in args.margins or [args.margin]:
                    table = evaluate(model, [e for e in held if e.source == source], bench, margin)
                    results.setdefault(f"{source} margin {margin:g}", []).append(table["micro"]["f1"])
        for source, values in results.items():
            print(f"{source}: mean micro-F1 {sum(values) / len(values):.3f} over {len(values)} folds")
        return 0
    model = fit(examples, args, False)
    write_model(model, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(model.weights):,} features)")
    for name in args.eval:
        held = prepare(args.dir / name, bench)
        bench.print_table(name, evaluate(model, held, bench))
    return 0


if __name__ == "__main__":
    sys.exit(main())
