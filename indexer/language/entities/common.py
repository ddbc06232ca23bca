"""Whether a capitalised word is an ordinary word of the language ("Menurut", "Tetapi", "Kementerian").

First, counts of how news writes each word (lower case or capitalised inside a sentence), generated
from the benchmark corpora by ``tools/gen_lexicon.py``. For words too rare to be counted, in
Indonesian: the root-word list that ships with Sastrawi (a dependency already), tried on the word and
on the word less its affixes (``me-``, ``ber-``, ``di-``, ``ke-…-an``, ``-kan``, ``-nya``…, with the
nasal of ``meN-``/``peN-`` restored): a few set lookups, no stemmer runs. Both languages: a word the
text itself also writes in lower case is an ordinary word of that text.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from indexer.language import memo
from indexer.language.entities.lexicon import GIVEN_NAMES, NEVER_NAME
from indexer.language.entities.tables import KNOWLEDGE_DIR
from indexer.resources import MissingResource

__all__ = ["LEXICON_DIR", "is_common", "root_words", "word_case"]

LEXICON_DIR = KNOWLEDGE_DIR / "lexicon"

_PARTICLES = ("nya", "lah", "kah", "pun", "tah", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")
_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meng", ("", "k")),
    ("meny", ("s",)),
    ("mem", ("", "p")),
    ("men", ("", "t")),
    ("me", ("",)),
    ("peng", ("", "k")),
    ("peny", ("s",)),
    ("pem", ("", "p")),
    ("pen", ("", "t")),
    ("per", ("",)),
    ("pe", ("",)),
    ("ber", ("",)),
    ("be", ("",)),
    ("ter", ("",)),
    ("te", ("",)),
    ("di", ("",)),
    ("ke", ("",)),
    ("se", ("",)),
)


@lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """Sastrawi's Indonesian root words (about 30,000), empty if the file cannot be read."""
    try:
        data = resources.files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):  # a stripped install: fall back on the function words alone
        return frozenset()
    return frozenset(word.strip() for word in data.split() if word.strip())


def _strip(stems: set[str], endings: tuple[str, ...]) -> set[str]:
    found = set(stems)
    for stem in stems:
        for ending in endings:
            if stem.endswith(ending) and len(stem) - len(ending) >= 3:
                found.add(stem[: -len(ending)])
    return found


def _unprefix(stems: set[str]) -> set[str]:
    found = set(stems)
    for stem in stems:
        for prefix, restores in _PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                rest = stem[len(prefix) :]
                found.update(restore + rest for restore in restores)
    return found


def _bare(word: str, roots: frozenset[str]) -> bool:
    """Whether ``word`` less its particle, suffix and up to two prefixes is a root word
    ("dikatakannya" → "kata", "diperkirakan" → "kira", "alasannya" → "alas")."""
    stems = _strip(_strip({word}, _PARTICLES), _SUFFIXES)
    stems = _unprefix(_unprefix(stems))
    stems.discard(word)
    return any(stem in roots for stem in stems)


_COMMON_ID = memo.shared("common-id")


def _common_id(lower: str) -> bool:
    known: bool | None = _COMMON_ID.get(lower)
    if known is None:
        roots = root_words()
        known = _COMMON_ID.remember(lower, lower in roots or (len(lower) > 4 and _bare(lower, roots)))
    return known


@lru_cache(maxsize=4)
def word_case(lang: str) -> dict[str, tuple[int, int]]:
    """How often the news writes each word in lower case and with a capital inside a sentence
    (``data/knowledge/lexicon/word-case-LANG.tsv``, made by ``tools/gen_lexicon.py``)."""
    path = LEXICON_DIR / f"word-case-{'en' if lang == 'en' else 'id'}.tsv"
    counts: dict[str, tuple[int, int]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
    except OSError as error:
        raise MissingResource(f"cannot read the word-case table {path}: {error}; reinstall warta") from error
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            counts[parts[0]] = (int(parts[1]), int(parts[2]))
    return counts


def is_common(word: str, lang: str, lower_seen: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether ``word`` (any case) is a function word or an ordinary word rather than a name.

    The news decides first: a word it writes in lower case at least a fifth of the time is
    ordinary ("Menurut", "Rincian"), one it mostly capitalises is a name ("Tatang", "Leonid") even if
    a dictionary lists it. Words the news counts do not cover go to Sastrawi's root words (Indonesian).
    A given name ("Indah", "Budi") is never common.
    """
    lower = word.lower()
    if lower in NEVER_NAME or lower in lower_seen:
        return True
    if lower in GIVEN_NAMES or not lower.isalpha():
        return False
    counts = word_case(lang).get(lower)
    if counts is not None:
        return counts[0] * 4 >= counts[1]  # in lower case at least a fifth of the time
    return lang != "en" and (_common_id(lower) or (len(lower) > 6 and lower.endswith("nya")))
