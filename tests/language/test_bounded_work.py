"""Bounded work per article: recognition costs what the text's length says, and an article is analysed up
to a limit (the whole of it still indexed).

Work is counted, never timed: the number of Python and C function calls and returns that recognition
makes (``sys.setprofile``), deterministic for a given text once the word caches are warm.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from support import work_of

from indexer.language.annotation import annotate_article
from indexer.language.entities import annotate
from indexer.language.limits import ANALYSED_CHARS, analysed_part
from indexer.model import Article, PartialDate
from indexer.pipeline import index_paths
from indexer.store import Store

_FIRST = ("Budi", "Agus", "Siti", "Dewi", "Rudi", "Andi", "Yusuf", "Fajar", "Rina", "Hendra", "Wahyu", "Indah")
_LAST = ("Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Pratama", "Nugroho", "Siregar")


def _dense(size: int) -> str:
    """Text dense with names: persons named in full and again by a short form or surname, organisations
    defining acronyms, a body named after a person, lists of places."""
    rng = random.Random(size)
    names = [f"{first} {last}" for first, last in itertools.product(_FIRST, _LAST)]
    sentences: list[str] = []
    total = 0
    while total < size:
        person, other = rng.choice(names), rng.choice(names)
        sentence = rng.choice(
            (
                f"Presiden {person} bertemu {other} di Jakarta, kata {person.split()[1]} kepada wartawan.",
                f"{person[:4]} {person.split()[1]} menemui Komisi Pemilihan Umum (KPU) di Bandung pada Senin.",
                "Mahasiswa Universitas Gadjah Mada menemui Gadjah Mada Santoso di Klaten, Prambanan, Wedi.",
                f"I Made {other.split()[1]} dari Ikatan Mahasiswa Papua Barat (IMPB) berbicara di Yogyakarta.",
            )
        )
        sentences.append(sentence)
        total += len(sentence) + 1
    return " ".join(sentences)[:size]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_recognition_work_grows_linearly_with_the_text(lang: str) -> None:
    """Twice the text costs about twice the work: 2.0 times; 3.5 times when short names were resolved by
    looking at every name before them, 3.2 when the span rules scanned every name for each span."""
    size = 60_000
    short, long = _dense(size), _dense(2 * size)
    for text in (short, long):  # warm the word caches, so that both are counted alike
        annotate(text, lang, limit=None)
    ratio = work_of(lambda: annotate(long, lang, limit=None)) / work_of(lambda: annotate(short, lang, limit=None))
    assert ratio < 2.4


def test_analysis_work_is_bounded_by_the_limit() -> None:
    """An article ten times the limit costs what an article at the limit costs: the rest is not read."""
    text = _dense(10 * ANALYSED_CHARS)
    at_limit = Article("a", "", "", "Judul", text[:ANALYSED_CHARS], "", None, None, None, "id", "")
    huge = Article("b", "", "", "Judul", text, "", None, None, None, "id", "")
    for article in (at_limit, huge):
        annotate_article(article)
    assert work_of(lambda: annotate_article(huge)) < 1.2 * work_of(lambda: annotate_article(at_limit))


def test_an_article_is_analysed_up_to_the_limit() -> None:
    text = _dense(3 * ANALYSED_CHARS)
    part = analysed_part(text)
    assert ANALYSED_CHARS - 2_000 <= len(part) <= ANALYSED_CHARS and text.startswith(part)
    published = PartialDate("2023-03-01", "day")
    found = annotate_article(Article("a", "", "", "Judul", text, "", published, None, None, "id", ""))
    assert found.entities and max(e.end for e in found.entities) <= len(part)
    assert annotate(text, "id") == annotate(part, "id")
    assert max(e.start for e in annotate(text, "id", limit=None)) > len(part)  # the limit can be lifted
    mentions = found.extra.mentions  # type: ignore[union-attr]
    assert mentions and max(m.mention.sentence_end for m in mentions) <= len(part)


def test_the_limit_cuts_between_words() -> None:
    assert analysed_part("kata " * 10, limit=12) == "kata kata"
    assert analysed_part("Satu dua. Tiga empat lima", limit=20) == "Satu dua."
    assert analysed_part("baris satu\nbaris dua dan tiga", limit=20) == "baris satu"
    assert analysed_part("x" * 50, limit=20) == "x" * 20  # no space at all: cut at the limit
    assert analysed_part("pendek") == "pendek"
    assert analysed_part("a b c", limit=None) == "a b c"


def test_no_real_article_is_cut() -> None:
    """The limit is far above the longest article of the shared corpus (20,028 characters)."""
    assert ANALYSED_CHARS > 4 * 20_028


def test_the_whole_of_a_long_article_is_indexed_and_searchable(tmp_path: Path) -> None:
    words = " ".join(f"kata{k}" for k in range(40_000))
    path = tmp_path / "long.txt"
    path.write_text(f"Judul panjang\n\nPresiden Budi Santoso tiba di Jakarta. {words} penutupunik.\n", encoding="utf-8")
    assert path.stat().st_size > 3 * ANALYSED_CHARS
    index_paths([str(path)], str(tmp_path / "index"), workers=1)
    store = Store.open(str(tmp_path / "index"))
    try:
        assert [hit.title for hit in store.search("penutupunik").hits] == ["Judul panjang"]
        assert [hit.title for hit in store.search('"kata39998 kata39999"').hits] == ["Judul panjang"]
    finally:
        store.close()
