"""Generate ``data/knowledge/lexicon/word-case-id.tsv`` and ``word-case-en.tsv``: how often news writes a word
in lower case and how often with a capital where no sentence starts.

A word the news writes mostly in lower case ("rincian", "survei", "menurut") is an ordinary word even
when a sentence starts with it; a word written mostly with a capital ("Koffler", "Tatang", "Leonid")
is a name even when a dictionary lists it. Counts come from the benchmark corpora (CLICK-ID for
Indonesian, CC BY 4.0; Reuters-21578 for English), read in place:

    python tools/gen_lexicon.py [--corpus ../shared/corpus]

Only words seen at least ``MIN_COUNT`` times are kept. Nothing at run time reads the corpora.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.language.entities.tokens import tokenize  # noqa: E402

OUT = REPO / "data" / "knowledge" / "lexicon"
MIN_COUNT = 20
SOURCES = {"id": "clickid-id-2019.jsonl", "en": "reuters21578-en-1987.jsonl"}


def count(path: Path) -> tuple[Counter[str], Counter[str]]:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                body = json.loads(line).get("body")
            except json.JSONDecodeError:
                continue
            if not isinstance(body, str):
                continue
            tokens = tokenize(body)
            words, starts, ends = tokens.words, tokens.starts, tokens.ends
            for i, word in enumerate(words):
                if tokens.sentence_start[i] or tokens.upper_line[i] or len(word) < 2 or not word.isalpha():
                    continue
                if i and words[i - 1] in ",\"“”'" and ends[i - 1] == starts[i]:
                    continue  # CLICK-ID joins paragraphs with a comma: ",Menurut" starts a sentence
                if word.islower():
                    lower[word] += 1
                elif word[0].isupper() and not word.isupper():
                    capital[word.lower()] += 1
    return lower, capital


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for lang, name in SOURCES.items():
        lower, capital = count(args.corpus / name)
        rows = []
        for word in sorted(set(lower) | set(capital)):
            if lower[word] + capital[word] >= MIN_COUNT:
                rows.append(f"{word}\t{lower[word]}\t{capital[word]}\n")
        header = "word\tlower\tcapital\n"
        (OUT / f"word-case-{lang}.tsv").write_text(header + "".join(rows), encoding="utf-8")
        print(f"{lang}: {len(rows)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
