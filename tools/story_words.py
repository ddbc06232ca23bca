"""Count in how many articles each word appears and write ``data/models/story-words.tsv.gz``.

Story linking (``indexer/language/stories/scoring.py``) weighs the words two articles share by how
rare they are. In an index of a few hundred articles, the index alone says little about that: a
word of the topic of the day looks common. These background counts, from the 41,084 Indonesian and
English articles of ``../shared/corpus`` (read in place, never copied), are added to the index's
own, so that a word weighs about the same in an index of ten articles and of a hundred thousand.

Words are :func:`indexer.language.stories.profile.words` of the title and body; a word counts once
per article; words of fewer than ``--min-docs`` articles are left out (they are rare anyway).
Deterministic. Gzipped UTF-8: ``warta-story-words 1``, ``documents<TAB>N``, then ``word<TAB>articles``.

    python tools/story_words.py          # a few seconds
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.language.stories.profile import words  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
OUTPUT = ROOT / "data" / "models" / "story-words.tsv.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of *.jsonl articles")
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.jsonl"))
    if not files:
        print(f"{args.corpus}: no *.jsonl files", file=sys.stderr)
        return 1
    counts: Counter[str] = Counter()
    documents = 0
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = f"{record.get('title') or ''}\n{record.get('body') or ''}"
                counts.update(set(words(text)))
                documents += 1
    kept = sorted((w, n) for w, n in counts.items() if n >= args.min_docs and "\t" not in w)
    lines = ["warta-story-words 1\n", f"documents\t{documents}\n", *(f"{w}\t{n}\n" for w, n in kept)]
    with gzip.GzipFile(args.output, "wb", compresslevel=9, mtime=0) as out:  # mtime 0: the same bytes each time
        out.write("".join(lines).encode("utf-8"))
    print(f"{args.output}: {len(kept)} words of {documents} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
