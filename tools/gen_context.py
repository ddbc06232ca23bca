"""Generate ``data/knowledge/lexicon/word-context-id.tsv``: what the words next to a capitalised word say it
is, counted over Indonesian news.

For every run of capitalised words inside a sentence of the CLICK-ID corpus (CC BY 4.0, read in place
from ``../shared/corpus``), the lower-case word before the run and the one after it are looked up in the
rules' lexicon (:mod:`indexer.entities.lexicon`): a speech verb or a form of address before it ("kata",
"pak") or a verb that follows persons ("mengatakan") counts for a person; a noun of
organisations before it ("klub", "partai", "band", "perusahaan") for an organisation; a place word
("di", "ke", "kota", "warga") for a place. Each word of the run gets the run's counts. Only words with at
least ``MIN_CUES`` such cues are kept. The tagger reads the shares as a feature: "Tottenham" is mostly
after "klub" and "melawan", "Tatang" after "kata". Nothing at run time reads the corpus.

    python tools/gen_context.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from indexer.entities.lexicon import LOC_BEFORE, NEVER_NAME, ORG_NOUNS, PERSON_AFTER, SPEECH_BEFORE  # noqa: E402
from indexer.entities.tokens import tokenize  # noqa: E402

OUT = REPO / "data" / "knowledge" / "lexicon" / "word-context-id.tsv"
SOURCE = "clickid-id-2019.jsonl"
MIN_CUES = 5
ORG_BEFORE = ORG_NOUNS | frozenset("melawan kontra menjamu dijamu kader".split())
"""Words before an organisation: its nouns, and what sides do in matches ("melawan Persija")."""
PERSON_WORDS = SPEECH_BEFORE | frozenset(
    """pak bu bapak ibu mas mbak bang saudara saudari tersangka terdakwa korban istri suami anak ayah
    putra putri sang""".split()
)
"""Words before a person: speech verbs and forms of address; titles also precede organisations ("ketua Golkar")."""
PLACE_WORDS = LOC_BEFORE - frozenset("dari warga masyarakat rakyat seluruh asal penduduk".split())
"""Words before a place; "dari" and "warga" also precede organisations."""


def cue_before(word: str) -> int:
    """0 person, 1 organisation, 2 place, -1 none."""
    if word in ORG_BEFORE:
        return 1
    if word in PERSON_WORDS:
        return 0
    if word in PLACE_WORDS:
        return 2
    return -1


def count(path: Path) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                body = json.loads(line).get("body")
            except json.JSONDecodeError:
                continue
            if not isinstance(body, str):
                continue
            tokens = tokenize(body)
            words = tokens.words
            n = len(words)
            k = 0
            while k < n:
                word = words[k]
                if not (word[0].isupper() and word.isalpha()) or tokens.upper_line[k]:
                    k += 1
                    continue
                first = k
                while k < n and words[k][0].isupper() and words[k].isalpha() and (k == first or tokens.joined(k)):
                    k += 1
                if tokens.sentence_start[first] or first == 0 or not tokens.joined(first):
                    continue
                before = words[first - 1]
                if before in ",\"“”'" and tokens.ends[first - 1] == tokens.starts[first]:
                    continue  # CLICK-ID joins paragraphs with a comma: ",Menurut" starts a sentence
                kinds = []
                cue = cue_before(before.lower()) if before.islower() else -1
                if cue >= 0:
                    kinds.append(cue)
                if k < n and tokens.joined(k) and words[k] in PERSON_AFTER:
                    kinds.append(0)
                if not kinds:
                    continue
                for j in range(first, k):
                    lower = words[j].lower()
                    if lower in NEVER_NAME or len(lower) < 2:
                        continue
                    row = counts.setdefault(lower, [0, 0, 0])
                    for kind in kinds:
                        row[kind] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args(argv)
    counts = count(args.corpus / SOURCE)
    rows = [f"{word}\t{row[0]}\t{row[1]}\t{row[2]}\n" for word, row in sorted(counts.items()) if sum(row) >= MIN_CUES]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("word\tperson\torg\tplace\n" + "".join(rows), encoding="utf-8")
    print(f"{len(rows)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
