"""Reading ``../shared/corpus`` for the speed benchmarks, in place (never copied).

Two ways to pick articles:

- :func:`bodies`: the raw ``body`` of the first records of one file (the old CLICK-ID-only runs);
- :func:`sample`: a representative mix, the default of ``bench/events_speed.py``: a fixed-seed random
  sample of the records of *every* ``*.jsonl`` file of the corpus, each file contributing in
  proportion to its number of records (22,041 CLICK-ID + 19,043 Reuters: about 54 % Indonesian,
  46 % English), each record cleaned exactly as the index cleans it
  (:func:`indexer.ingest.reading.parse_bytes` + :func:`indexer.pipeline.prepare`: text, language, date).
  The same seed and size give the same articles in the same order on every machine.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from indexer.ingest.reading import parse_bytes  # noqa: E402
from indexer.model import PartialDate  # noqa: E402
from indexer.pipeline import prepare  # noqa: E402

CORPUS_DIR = REPO.parent / "shared" / "corpus"
CLICKID = CORPUS_DIR / "clickid-id-2019.jsonl"
REUTERS = CORPUS_DIR / "reuters21578-en-1987.jsonl"
SEED = 2019


@dataclass(frozen=True, slots=True)
class Text:
    """One article as the annotators get it: cleaned text, language (``id``/``en``/None), date."""

    id: str
    text: str
    lang: str | None
    published: PartialDate | None


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    """The ``*.jsonl`` files of the corpus, sorted by name."""
    return sorted(directory.glob("*.jsonl"))


def bodies(path: Path, limit: int) -> list[str]:
    """The non-empty ``body`` of the first ``limit`` records of ``path`` (all when ``limit`` is 0)."""
    found: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                body = json.loads(line).get("body")
            except json.JSONDecodeError:
                continue
            if isinstance(body, str) and body.strip():
                found.append(body)
            if limit and len(found) >= limit:
                break
    return found


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def sample(size: int, seed: int = SEED, files: list[Path] | None = None) -> list[Text]:
    """``size`` articles drawn at random (fixed ``seed``) from all ``files`` in proportion to their
    records, cleaned as the index cleans them; empty ones are skipped, so a few fewer may come back."""
    paths = files if files is not None else corpus_files()
    counts = [_count_lines(path) for path in paths]
    total = sum(counts)
    if not total or size <= 0:
        return []
    rng = random.Random(seed)
    out: list[Text] = []
    for path, count in zip(paths, counts, strict=True):
        share = min(count, round(size * count / total))
        wanted = set(rng.sample(range(count), share))
        picked: list[Text] = []
        with path.open("rb") as handle:
            n = -1
            for line in handle:
                if not line.strip():
                    continue
                n += 1
                if n not in wanted:
                    continue
                records, _ = parse_bytes(str(path), line)
                for record in records:
                    article = prepare(record)
                    if article.text.strip():
                        lang = article.lang if article.lang in ("id", "en") else None
                        picked.append(Text(article.id, article.text, lang, article.date))
        out.extend(picked)
    rng.shuffle(out)  # interleave the languages: caches see them mixed, as an index run of both does
    return out
