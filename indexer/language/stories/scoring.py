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
  more than :data:`FAR_DAYS`.

:data:`COEFFICIENTS` were fitted by ``bench/stories_train.py`` on the ECB+ topics 1–35
(``../shared/events-dev``): logistic regression on the pairs the candidate search proposes.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from indexer.language.stories.profile import StoryProfile

__all__ = ["COEFFICIENTS", "FEATURES", "CorpusStats", "PairScorer"]

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
)
COEFFICIENTS: tuple[float, ...] = (3.62, 3.98, 2.30, 2.75, -2.14, 1.18, 2.24, -0.53)
INTERCEPT = -1.16

Vector = dict[str, float]


@dataclass(frozen=True)
class CorpusStats:
    """Document frequencies over the articles linked: of words and of names."""

    documents: int
    term_docs: Mapping[str, int]
    name_docs: Mapping[str, int]


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


def _unit(counts: Mapping[str, int], idf: Mapping[str, float], unknown: float) -> Vector:
    weights = {w: (1.0 + math.log(n)) * idf.get(w, unknown) for w, n in counts.items() if n > 0}
    norm = math.sqrt(sum(x * x for x in weights.values()))
    return {w: x / norm for w, x in weights.items() if x} if norm else {}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


@dataclass
class PairScorer:
    """Scores pairs of profiles against :class:`CorpusStats`; each profile's vectors are made once."""

    stats: CorpusStats
    coefficients: tuple[float, ...] = COEFFICIENTS
    """The model's weights, one per feature of :data:`FEATURES` (another model's, to train or test one)."""
    intercept: float = INTERCEPT
    _cache: dict[str, _Vectors] = field(default_factory=dict, repr=False)

    def _idf(self, docs: int) -> float:
        n = max(self.stats.documents, 1)
        return math.log(n / docs) if docs else math.log(n + 1)

    def _vectors(self, profile: StoryProfile) -> _Vectors:
        found = self._cache.get(profile.doc_id)
        if found is None:
            words = profile.terms.keys() | profile.lead.keys()
            term_idf = {w: self._idf(self.stats.term_docs.get(w, 0)) for w in words}
            name_idf = {n: self._idf(self.stats.name_docs.get(n, 0)) for n in profile.names}
            unknown = self._idf(0)
            found = _Vectors(
                _unit(profile.terms, term_idf, unknown),
                _unit(profile.lead, term_idf, unknown),
                _unit(profile.names, name_idf, unknown),
                day_of(profile.date),
            )
            self._cache[profile.doc_id] = found
        return found

    def forget(self, doc_id: str) -> None:
        """Drop the cached vectors of an article (its profile changed)."""
        self._cache.pop(doc_id, None)

    def features(self, a: StoryProfile, b: StoryProfile) -> tuple[float, ...]:
        """The :data:`FEATURES` of a pair, in order."""
        va, vb = self._vectors(a), self._vectors(b)
        shared = a.names.keys() & b.names.keys()
        top = self._idf(1) or 1.0
        rarest = max((self._idf(self.stats.name_docs.get(n, 0)) for n in shared), default=0.0) / top
        crossed = a.lead_names & b.names.keys() or b.lead_names & a.names.keys()
        apart = bool(a.lead_names and b.lead_names) and not crossed
        union = a.numbers | b.numbers
        numbers = len(a.numbers & b.numbers) / len(union) if a.numbers and b.numbers else 0.0
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
        )

    def probability(self, a: StoryProfile, b: StoryProfile) -> float:
        """How likely ``a`` and ``b`` report the same event, from 0 to 1."""
        z = self.intercept + sum(c * x for c, x in zip(self.coefficients, self.features(a, b), strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0
