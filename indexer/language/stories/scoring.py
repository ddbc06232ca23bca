"""How likely two articles report the same event: a logistic model over what their profiles share.

Features of a pair (each in [0, 1]):

- ``cosine_text``, ``cosine_lead``: TF-IDF cosine of all their words, and of their leads (title and
  first lines, where news says what happened); ``cosine_names``: the same over their names;
- ``rarest_shared_name``: the inverse document frequency of the rarest name both give, over that of
  a name only one article gives (a shared "Lindsay Lohan" says more than a shared "United States");
- ``lead_names_apart``: both leads name someone, and neither article names anyone the other's lead
  names (Jackson arrested, Williams arrested: two arrests);
- ``numbers_shared``: Jaccard overlap of the numbers they write (a toll, a magnitude, an amount);
- ``days_near`` / ``days_far``: both published on known days at most :data:`NEAR_DAYS` apart, or
  more than :data:`FAR_DAYS`;
- ``lead_numbers_apart``: both leads write numbers and share none (a magnitude, a price, a score of
  another day: templated daily news);
- ``lead_places_apart``: both leads name a place, and neither article names a place the other's
  lead names (an earthquake in Palu, another in Talaud);
- ``lead_people_apart``: both leads name a person, and neither article names a person the other's
  lead names (Vincent Jackson arrested, Jamal Williams arrested: two arrests of one team's players);
- ``lead_days_apart``: both leads give a day, more than one day apart from every day the other's
  lead gives (the gold price of 17 September, that of 18 September: two reports of two days).

:data:`COEFFICIENTS` were fitted by ``bench/stories_train.py`` on the ECB+ topics 1–35
(``../shared/events-dev``): logistic regression on the pairs the engine scores (candidates, and
every pair within a topic). The date coefficients are set, not fitted: in ECB+ only one sub-topic
of each topic is dated, so there "both dated" means "same event", which holds for no other news.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field, replace

from indexer.language.stories.background import background
from indexer.language.stories.profile import StoryProfile

__all__ = ["COEFFICIENTS", "FEATURES", "CorpusStats", "PairScorer"]

TEXT_WORDS = 100
"""Words of an article's vector for ``cosine_text``: its heaviest (a third of the time, about the same cosine)."""
NEAR_DAYS = 7
FAR_DAYS = 60
FEATURES = (
    "cosine_text",
    "cosine_lead",
    "cosine_names",
    "rarest_shared_name",
    "lead_names_apart",
    "numbers_shared",
    "days_near",
    "days_far",
    "lead_numbers_apart",
    "lead_places_apart",
    "lead_people_apart",
    "lead_days_apart",
)
# Fitted by `.venv/bin/python bench/stories_train.py` (final model, ECB+ topics 1-35); the two date
# coefficients are set there (bench PRIORS), not fitted: ECB+ dates only one sub-topic of each topic.
COEFFICIENTS: tuple[float, ...] = (7.19, 5.74, 2.25, 3.16, 1.44, 6.06, 0.5, -4.0, -0.79, -0.76, -0.68, -3.0)
INTERCEPT = -5.4

Vector = dict[str, float]


@dataclass(frozen=True)
class CorpusStats:
    """Document frequencies over the articles linked, of words and of names; for words, plus the
    shipped background counts (:mod:`.background`) when given."""

    documents: int
    term_docs: Mapping[str, int]
    name_docs: Mapping[str, int]
    background_documents: int = 0
    background_terms: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def with_background(cls, documents: int, term_docs: Mapping[str, int], name_docs: Mapping[str, int]) -> CorpusStats:
        """The index's counts and the shipped background counts of words."""
        total, counts = background()
        return cls(documents, term_docs, name_docs, total, counts)

    @classmethod
    def of(cls, profiles: Iterable[StoryProfile], *, shipped_background: bool = True) -> CorpusStats:
        """The counts of ``profiles`` (the articles of an index, held in memory), with the shipped
        background counts unless ``shipped_background`` is False."""
        terms: Counter[str] = Counter()
        names: Counter[str] = Counter()
        documents = 0
        for profile in profiles:
            documents += 1
            terms.update(profile.terms.keys())
            names.update(profile.names.keys())
        return cls.with_background(documents, terms, names) if shipped_background else cls(documents, terms, names)

    def term_idf(self, word: str) -> float:
        """``log((N + 1) / articles)`` over the index and the background: never 0."""
        docs = self.term_docs.get(word, 0) + self.background_terms.get(word, 0)
        return math.log((max(self.documents, 1) + self.background_documents + 1) / max(docs, 1))

    def name_idf(self, name: str) -> float:
        """The same for a name, over the index alone (names come and go with the news)."""
        return math.log((max(self.documents, 1) + 1) / max(self.name_docs.get(name, 0), 1))


def _apart(first: frozenset[str], second: frozenset[str], all_first: Set[str], all_second: Set[str]) -> bool:
    """Both leads name some, and neither article names any the other's lead names."""
    return bool(first and second) and not (first & all_second or second & all_first)


def _days_apart(first: frozenset[str], second: frozenset[str]) -> bool:
    """Both give days, and no day of one is within a day of a day of the other."""
    if not first or not second:
        return False
    a = [d for d in map(day_of, first) if d is not None]
    b = [d for d in map(day_of, second) if d is not None]
    return bool(a and b) and all(abs(x - y) > 1 for x in a for y in b)


def day_of(iso: str | None) -> int | None:
    """Day number of an ISO date known to the day; None otherwise."""
    if iso is None or len(iso) != 10:
        return None
    try:
        return datetime.date.fromisoformat(iso).toordinal()
    except ValueError:
        return None


@dataclass
class _Vectors:
    text: Vector
    lead: Vector
    names: Vector
    day: int | None


def _unit(counts: Mapping[str, int], idf: Mapping[str, float], unknown: float, keep: int = 0) -> Vector:
    """The TF-IDF vector of ``counts``, of length 1; with ``keep``, only its ``keep`` heaviest words."""
    weights = {w: (1.0 + math.log(n)) * idf.get(w, unknown) for w, n in counts.items() if n > 0}
    if keep and len(weights) > keep:
        weights = dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:keep])
    norm = math.sqrt(sum(x * x for x in weights.values()))
    return {w: x / norm for w, x in weights.items() if x} if norm else {}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    found = b.get
    total = 0.0
    for word, weight in a.items():
        other = found(word)
        if other is not None:
            total += weight * other
    return total


@dataclass
class PairScorer:
    """Scores pairs of profiles against :class:`CorpusStats`; each profile's vectors are made once."""

    stats: CorpusStats
    coefficients: tuple[float, ...] = COEFFICIENTS
    """The model's weights, one per feature of :data:`FEATURES` (another model's, to train or test one)."""
    intercept: float = INTERCEPT
    _cache: dict[str, _Vectors] = field(default_factory=dict, repr=False)
    _idf: dict[str, float] = field(default_factory=dict, repr=False)
    """Inverse document frequencies computed so far: words and names (``"\x00"`` + name)."""

    def _term_idf(self, word: str) -> float:
        found = self._idf.get(word)
        if found is None:
            found = self._idf[word] = self.stats.term_idf(word)
        return found

    def _name_idf(self, name: str) -> float:
        key = "\x00" + name
        found = self._idf.get(key)
        if found is None:
            found = self._idf[key] = self.stats.name_idf(name)
        return found

    def _vectors(self, profile: StoryProfile) -> _Vectors:
        found = self._cache.get(profile.doc_id)
        if found is None:
            words = profile.terms.keys() | profile.lead.keys()
            term_idf = {w: self._term_idf(w) for w in words}
            name_idf = {n: self._name_idf(n) for n in profile.names}
            unknown = 0.0
            found = _Vectors(
                _unit(profile.terms, term_idf, unknown, TEXT_WORDS),
                _unit(profile.lead, term_idf, unknown),
                _unit(profile.names, name_idf, unknown),
                day_of(profile.date),
            )
            self._cache[profile.doc_id] = found
        return found

    def prepare(self, profile: StoryProfile) -> StoryProfile:
        """Make the profile's vectors now, and return it without its word counts (a fraction of the
        memory: the vectors are what scoring reads)."""
        self._vectors(profile)
        return replace(profile, terms={}, lead={})

    def features(self, a: StoryProfile, b: StoryProfile) -> tuple[float, ...]:
        """The :data:`FEATURES` of a pair, in order."""
        va, vb = self._vectors(a), self._vectors(b)
        shared = a.names.keys() & b.names.keys()
        top = self._name_idf("") or 1.0  # a name of one article
        rarest = max((self._name_idf(n) for n in shared), default=0.0) / top
        crossed = a.lead_names & b.names.keys() or b.lead_names & a.names.keys()
        apart = bool(a.lead_names and b.lead_names) and not crossed
        union = a.numbers | b.numbers
        numbers = len(a.numbers & b.numbers) / len(union) if a.numbers and b.numbers else 0.0
        numbers_apart = bool(a.lead_numbers and b.lead_numbers) and not a.lead_numbers & b.lead_numbers
        places_crossed = a.lead_places & b.names.keys() or b.lead_places & a.names.keys()
        places_apart = bool(a.lead_places and b.lead_places) and not places_crossed
        near = far = 0.0
        if va.day is not None and vb.day is not None:
            distance = abs(va.day - vb.day)
            near = 1.0 if distance <= NEAR_DAYS else 0.0
            far = 1.0 if distance > FAR_DAYS else 0.0
        return (
            _cosine(va.text, vb.text),
            _cosine(va.lead, vb.lead),
            _cosine(va.names, vb.names),
            min(rarest, 1.0),
            1.0 if apart else 0.0,
            numbers,
            near,
            far,
            1.0 if numbers_apart else 0.0,
            1.0 if places_apart else 0.0,
            1.0 if _apart(a.lead_people, b.lead_people, a.names.keys(), b.names.keys()) else 0.0,
            1.0 if _days_apart(a.lead_days, b.lead_days) else 0.0,
        )

    def probability(self, a: StoryProfile, b: StoryProfile) -> float:
        """How likely ``a`` and ``b`` report the same event, from 0 to 1."""
        z = self.intercept + sum(c * x for c, x in zip(self.coefficients, self.features(a, b), strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0
