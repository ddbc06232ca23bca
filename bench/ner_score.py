"""Score entity recognition (``indexer.language.entities.annotate``) against annotated text.

Entity-level exact spans: a prediction counts when its type and both boundaries match a gold entity.
On the token files the boundaries are the tokens' (as ``../shared/ner-dev/README.md`` scores them): a
predicted span is stretched to the whole tokens it touches, so "Jokowi" inside the token "(Jokowi)"
is that token (``--characters`` scores character boundaries instead). Precision, recall and F1 per type,
and micro-averaged over PERSON, ORG and LOC.

Gold sets:
- ``../shared/ner-dev`` (read in place): ``nergrit-*.tsv`` (``token<TAB>tag``) and ``idner2k-*.txt``
  (``token POS tag``), one token a line, a blank line between sentences, B-/I- tags of PER/PERSON,
  ORG/ORGANISATION, LOC/PLACE. Tokens are joined with spaces (none before ``, . ; : ! ? )``) to make
  the text; gold token spans become character spans of that text.
- ``tests/fixtures/entities_seeds.json``: the three sample articles annotated by hand (every person,
  organisation, place, date and event, with canonical names); also scored for DATE and MISC, and for
  canonical names.
- ``bench/clickid-ner-silver.jsonl`` and ``bench/reuters-ner-silver.jsonl``: 900 sentences of
  CLICK-ID news and 600 of Reuters newswire (``../shared/corpus``, read in place by :mod:`bench.silver`:
  the files hold article ids, sentence numbers, checksums and entity offsets, not the text),
  annotated with PERSON, ORG and LOC by assistant sessions following this project's conventions
  (countries are places wherever they stand, no titles, brackets or acronyms inside a name), not
  checked by a person: silver, not gold.

    python bench/ner_score.py                      # nergrit-valid, idner2k-dev, the silver news, the seeds
    python bench/ner_score.py --files nergrit-train.tsv --errors 40   # look at mistakes on a train file
    python bench/ner_score.py --natural --no-seeds  # the same sentences spaced as running text
    python bench/ner_score.py --brackets-out --no-seeds  # gold "(Jokowi)" taken as "Jokowi"
    python bench/ner_score.py --characters --no-seeds  # character boundaries on the token files too
    python bench/ner_score.py --list-rules          # the combiner's rules, in order
    python bench/ner_score.py --without age-group,brackets --no-silver  # scored with those rules off
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.silver import SETS, SilverSet  # noqa: E402
from bench.silver import read as read_silver  # noqa: E402
from indexer.language.entities import Entity, annotate  # noqa: E402
from indexer.language.entities.span_rules import RULE_NAMES, RULES  # noqa: E402
from indexer.model import PartialDate  # noqa: E402

NER_DEV = REPO.parent / "shared" / "ner-dev"
SEEDS_GOLD = REPO / "tests" / "fixtures" / "entities_seeds.json"
DEFAULT_FILES = ("nergrit-valid.tsv", "idner2k-dev.txt")
LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "ORGANISATION": "ORG", "LOC": "LOC", "PLACE": "LOC"}
SCORED = ("PERSON", "ORG", "LOC")
NO_SPACE_BEFORE = frozenset(",.;:!?)")

Span = tuple[int, int, str]


@dataclass
class Sentence:
    text: str
    gold: set[Span]
    tokens: tuple[tuple[int, int], ...] = ()
    """Start and end of each token, when the text was made of tokens."""


def on_tokens(spans: set[Span], tokens: tuple[tuple[int, int], ...]) -> set[Span]:
    """``spans`` stretched to the whole tokens they touch (unchanged without tokens): "Jokowi" inside the
    token "(Jokowi)" becomes that token; a span touching no token is dropped."""
    if not tokens:
        return spans
    starts = [start for start, _ in tokens]
    ends = [end for _, end in tokens]
    snapped: set[Span] = set()
    for start, end, kind in spans:
        first = bisect.bisect_right(ends, start)  # the first token ending after the span's start
        last = bisect.bisect_left(starts, end) - 1  # the last token starting before the span's end
        if first <= last:
            snapped.add((starts[first], ends[last], kind))
    return snapped


def read_tokens(path: Path) -> list[list[tuple[str, str]]]:
    """The (token, tag) pairs of each sentence of a token-per-line file."""
    sentences: list[list[tuple[str, str]]] = []
    tokens: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append(tokens)
                    tokens = []
                continue
            parts = line.split("\t") if "\t" in line else line.split(" ")
            tokens.append((parts[0], parts[-1]))
    if tokens:
        sentences.append(tokens)
    return sentences


def read_conll(path: Path, natural: bool = False) -> list[Sentence]:
    """Sentences of a token-per-line file with their gold spans; with ``natural``, spaced as running
    text (:func:`_spaced`)."""
    return [_sentence(tokens, natural) for tokens in read_tokens(path)]


def _spaced(words: list[str], natural: bool) -> list[bool]:
    """Whether a space goes before each word. Always none before ``, . ; : ! ? )``; with ``natural``,
    none after ``(`` or ``[``, none before ``]``, quotes against what they enclose, and a hyphen
    between letters joins them ("Zeta - Jones" → "Zeta-Jones")."""
    spaces: list[bool] = []
    quote_open = False
    for k, word in enumerate(words):
        space = k > 0 and word not in NO_SPACE_BEFORE
        if natural:
            before = words[k - 1] if k else ""
            after = words[k + 1] if k + 1 < len(words) else ""
            if before in ("(", "[") or word == "]" or (before == '"' and quote_open):
                space = False
            if word == '"':
                space = space and not quote_open
                quote_open = not quote_open
            if word == "-" and before[-1:].isalpha() and after[:1].isalpha():
                space = False
            if before == "-" and k > 1 and words[k - 2][-1:].isalpha() and word[:1].isalpha():
                space = False
        spaces.append(space)
    return spaces


def _sentence(tokens: list[tuple[str, str]], natural: bool = False) -> Sentence:
    text = ""
    gold: set[Span] = set()
    current: list[int | str] | None = None  # start, end, type
    spaces = _spaced([token for token, _ in tokens], natural)
    offsets: list[tuple[int, int]] = []
    for (token, tag), space in zip(tokens, spaces, strict=True):
        if space:
            text += " "
        start = len(text)
        text += token
        offsets.append((start, len(text)))
        prefix, _, label = tag.partition("-")
        kind = LABELS.get(label)
        if kind is not None and (prefix == "B" or current is None or current[2] != kind):
            if current is not None:
                gold.add((int(current[0]), int(current[1]), str(current[2])))
            current = [start, len(text), kind]
        elif kind is not None and prefix == "I" and current is not None:
            current[1] = len(text)
        else:
            if current is not None:
                gold.add((int(current[0]), int(current[1]), str(current[2])))
            current = None
    if current is not None:
        gold.add((int(current[0]), int(current[1]), str(current[2])))
    return Sentence(text, gold, tuple(offsets))


_BRACKETED_FORMS = frozenset(("persero", "tbk"))


def without_brackets(text: str, gold: set[Span]) -> set[Span]:
    """Gold spans with their brackets taken out, as Warta writes names: idner-news-2k's tokens keep
    theirs, so "(Jokowi)" becomes "Jokowi", "Komisi Pemilihan Umum (KPU)" the two names "Komisi
    Pemilihan Umum" and "KPU", "PT Pertamina (Persero)" "PT Pertamina"."""
    spans: set[Span] = set()
    for start, end, kind in gold:
        for part in re.finditer(r"[^()]+", text[start:end]):
            first, last = start + part.start(), start + part.end()
            while first < last and text[first] == " ":
                first += 1
            while last > first and text[last - 1] == " ":
                last -= 1
            enclosed = text[first - 1 : first] == "(" and text[last : last + 1] == ")"
            if first < last and not (enclosed and text[first:last].lower() in _BRACKETED_FORMS):
                spans.add((first, last, kind))
    return spans


def score(pairs: Iterable[tuple[set[Span], set[Span]]], types: tuple[str, ...] = SCORED) -> dict[str, dict[str, float]]:
    """P/R/F1 per type and micro over ``types`` from (gold, predicted) span sets."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, predicted in pairs:
        for span in predicted:
            if span[2] in types:
                (tp if span in gold else fp)[span[2]] += 1
        for span in gold:
            if span[2] in types and span not in predicted:
                fn[span[2]] += 1
    table: dict[str, dict[str, float]] = {}
    for kind in (*types, "micro"):
        t = sum(tp[k] for k in types) if kind == "micro" else tp[kind]
        p = sum(fp[k] for k in types) if kind == "micro" else fp[kind]
        n = sum(fn[k] for k in types) if kind == "micro" else fn[kind]
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[kind] = {"p": precision, "r": recall, "f1": f1, "gold": t + n, "predicted": t + p}
    return table


def predicted_spans(
    text: str, lang: str | None = None, published: PartialDate | None = None, disabled: frozenset[str] = frozenset()
) -> set[Span]:
    return {(e.start, e.end, e.type) for e in annotate(text, lang=lang, published=published, disabled=disabled)}


def print_table(name: str, table: dict[str, dict[str, float]], seconds: float | None = None) -> None:
    timing = f"  ({seconds * 1000:.0f} ms)" if seconds is not None else ""
    print(f"{name}{timing}")
    for kind, row in table.items():
        print(
            f"  {kind:7} P {row['p']:.3f}  R {row['r']:.3f}  F1 {row['f1']:.3f}"
            f"  (gold {int(row['gold'])}, predicted {int(row['predicted'])})"
        )


def show_errors(sentences: list[Sentence], predictions: list[set[Span]], limit: int) -> None:
    shown = 0
    for sentence, predicted in zip(sentences, predictions, strict=True):
        gold = {s for s in sentence.gold if s[2] in SCORED}
        pred = {s for s in predicted if s[2] in SCORED}
        if gold == pred:
            continue
        print("\n" + sentence.text)
        for span in sorted(gold - pred):
            print(f"   missed  {span[2]:6} {sentence.text[span[0] : span[1]]!r}")
        for span in sorted(pred - gold):
            print(f"   wrong   {span[2]:6} {sentence.text[span[0] : span[1]]!r}")
        shown += 1
        if shown >= limit:
            return


def score_file(
    path: Path,
    errors: int,
    natural: bool = False,
    brackets_out: bool = False,
    characters: bool = False,
    disabled: frozenset[str] = frozenset(),
) -> dict[str, dict[str, float]]:
    sentences = read_conll(path, natural)
    if brackets_out:
        sentences = [Sentence(s.text, without_brackets(s.text, s.gold)) for s in sentences]
    began = time.perf_counter()
    predictions = [predicted_spans(sentence.text, disabled=disabled) for sentence in sentences]
    seconds = time.perf_counter() - began
    if not characters:
        predictions = [on_tokens(spans, s.tokens) for spans, s in zip(predictions, sentences, strict=True)]
    table = score(zip((s.gold for s in sentences), predictions, strict=True))
    spacing = (", spaced as running text" if natural else "") + (", brackets out of the gold" if brackets_out else "")
    spacing += ", character boundaries" if characters or brackets_out else ", token boundaries"
    print_table(f"{path.name}: {len(sentences)} sentences{spacing}", table, seconds)
    if errors:
        show_errors(sentences, predictions, errors)
    return table


def load_seeds(path: Path = SEEDS_GOLD) -> list[dict[str, object]]:
    """The hand-annotated seed articles: ``[{"file", "published", "text", "entities": [...]}]``."""
    data: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def score_silver(
    silver: SilverSet, errors: int = 0, halves: bool = False, disabled: frozenset[str] = frozenset()
) -> dict[str, dict[str, float]]:
    """Score one silver set of :mod:`bench.silver` (the language detected, as for the other files): each
    sentence alone, then inside its article (the returned table); with ``halves``, also the even and the
    odd sentences of the file apart (rules written looking at one half's errors are checked on the other)."""
    sentences = read_silver(silver)
    alone = [predicted_spans(sentence.text, disabled=disabled) for sentence in sentences]
    label = f"{silver.path.name}: {len(sentences)} news sentences, silver (assistant-annotated)"
    print_table(f"{label}, each alone", score(zip((s.gold for s in sentences), alone, strict=True)))
    by_article: dict[str, list[Entity]] = {}
    in_article: list[set[Span]] = []
    for sentence in sentences:
        if sentence.article not in by_article:
            by_article[sentence.article] = annotate(sentence.article, disabled=disabled)
        start, end = sentence.offset, sentence.offset + len(sentence.text)
        in_article.append(
            {
                (e.start - start, e.end - start, e.type)
                for e in by_article[sentence.article]
                if start <= e.start and e.end <= end
            }
        )
    table = score(zip((s.gold for s in sentences), in_article, strict=True))
    print_table(f"{label}, each in its article", table)
    if halves:
        for name, first in (("even", 0), ("odd", 1)):
            pairs = zip((s.gold for s in sentences[first::2]), in_article[first::2], strict=True)
            print_table(f"  the {name} sentences, in their article", score(pairs))
    if errors:
        show_errors([Sentence(s.text, s.gold) for s in sentences], in_article, errors)
    return table


def score_seeds(
    path: Path = SEEDS_GOLD, errors: int = 0, disabled: frozenset[str] = frozenset()
) -> dict[str, dict[str, float]]:
    articles = load_seeds(path)
    pairs = []
    canonical_ok = canonical_all = 0
    for article in articles:
        text = str(article["text"])
        published = article.get("published")
        date = None
        if isinstance(published, str):
            precision = {10: "day", 7: "month", 4: "year"}[len(published)]
            date = PartialDate(published, precision)  # type: ignore[arg-type]
        found = annotate(text, published=date, disabled=disabled)
        gold_entities = article["entities"]
        assert isinstance(gold_entities, list)
        gold = {(int(e["start"]), int(e["end"]), str(e["type"])) for e in gold_entities}
        predicted: set[Span] = {(e.start, e.end, e.type) for e in found}
        pairs.append((gold, predicted))
        by_span = {(e.start, e.end, e.type): e.canonical for e in found}
        for entity in gold_entities:
            key = (int(entity["start"]), int(entity["end"]), str(entity["type"]))
            if key in by_span:
                canonical_all += 1
                canonical_ok += by_span[key] == entity["canonical"]
                if errors and by_span[key] != entity["canonical"]:
                    print(f"   canonical {entity['text']!r}: {by_span[key]!r} != {entity['canonical']!r}")
        if errors:
            for span in sorted(gold - predicted):
                print(f"   missed  {span[2]:6} {text[span[0] : span[1]]!r} at {span[0]}")
            for span in sorted(predicted - gold):
                print(f"   wrong   {span[2]:6} {text[span[0] : span[1]]!r} at {span[0]}")
    table = score(pairs, (*SCORED, "DATE", "MISC"))
    print_table(f"seeds: {len(articles)} articles (micro over all five types)", table)
    print(f"  canonical names right on matched spans: {canonical_ok}/{canonical_all}")
    return table


def rule_names(value: str) -> frozenset[str]:
    """The combiner rules named in ``value`` ("faith-words,age-group"); an unknown name is an error."""
    names = frozenset(name.strip() for name in value.split(",") if name.strip())
    unknown = sorted(names - frozenset(RULE_NAMES))
    if unknown:
        raise argparse.ArgumentTypeError(f"no such rule: {', '.join(unknown)} (see --list-rules)")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=NER_DEV, help="folder of the NER files (default ../shared/ner-dev)")
    parser.add_argument("--files", nargs="*", default=list(DEFAULT_FILES), help="file names inside --dir")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print the first N sentences with mistakes")
    parser.add_argument("--no-seeds", action="store_true", help="skip the hand-annotated seed articles")
    parser.add_argument("--no-silver", action="store_true", help="skip the silver news sentences (CLICK-ID, Reuters)")
    parser.add_argument("--halves", action="store_true", help="also score the even and the odd silver sentences apart")
    parser.add_argument(
        "--natural",
        action="store_true",
        help='join the tokens as running text: "(BEI)", "Zeta-Jones", quotes against their words',
    )
    parser.add_argument(
        "--brackets-out",
        action="store_true",
        help='take brackets out of the gold names, as Warta writes them: "(Jokowi)" -> "Jokowi"',
    )
    parser.add_argument(
        "--characters",
        action="store_true",
        help="score the token files by character boundaries, not by the tokens a name touches",
    )
    parser.add_argument(
        "--without",
        type=rule_names,
        default=frozenset(),
        metavar="RULE[,RULE...]",
        help="switch these combiner rules off (names from --list-rules), to measure their effect",
    )
    parser.add_argument("--list-rules", action="store_true", help="list the combiner's rules in order and exit")
    args = parser.parse_args(argv)
    if args.list_rules:
        for rule in RULES:
            print(f"{rule.name:24} {' '.join(rule.doc.split())}")
        return 0
    if args.without:
        print(f"without: {', '.join(name for name in RULE_NAMES if name in args.without)}")
    for name in args.files:
        path = args.dir / name
        if not path.exists():
            print(f"{path}: not found, skipped", file=sys.stderr)
            continue
        score_file(path, args.errors, args.natural, args.brackets_out, args.characters, args.without)
    for silver in SETS.values():
        if not args.no_silver and silver.path.exists() and silver.corpus.exists():
            score_silver(silver, args.errors, args.halves, args.without)
    if not args.no_seeds and SEEDS_GOLD.exists():
        score_seeds(SEEDS_GOLD, args.errors, args.without)
    return 0


if __name__ == "__main__":
    sys.exit(main())
