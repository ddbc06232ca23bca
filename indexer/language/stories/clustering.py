"""Stories: articles that report the same event, grouped by average-link clustering.

Each article looks for candidates among the articles that share a name or a word of its title with
it (:class:`CandidateIndex`: the rarer the shared keys, the better; dated articles only within
:data:`WINDOW_DAYS` of each other), and is scored against them and against every article of their
stories (:class:`~indexer.language.stories.scoring.PairScorer`). Groups then merge, most alike
first, while the average probability over all their pairs of articles (pairs never scored count as
0) is at least :data:`THRESHOLD`: one strong pair does not chain two stories together, so two
earthquakes in one region stay two stories unless most of their articles look alike.

Incremental: stories already stored are groups from the start; only new articles are scored, and a
new article may join a story, start one, or bring two stories together when it is like enough to both.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from indexer.language.stories.profile import StoryProfile
from indexer.language.stories.scoring import PairScorer, day_of

__all__ = ["THRESHOLD", "CandidateIndex", "link_stories"]

THRESHOLD = 0.64
"""Chosen by ``bench/stories_train.py`` (best F1 at precision >= 0.92, ECB+ topics 1-35 linked at once).
Average probability (over all pairs of articles of two groups) at which two groups are one story."""
WINDOW_DAYS = 14
"""Dated articles more than this many days apart are never candidates of each other."""
CANDIDATES = 12
"""Candidates scored per new article (the best by shared keys), besides the other articles of their stories."""
COMMON_SHARE = 0.01
"""A key given by more than this share of articles (and more than :data:`COMMON_MIN`) finds no candidates."""
COMMON_MIN = 50
SAMPLE = 8
"""Articles of each group scored against the other's before two groups merge."""
ATTACH = 0.35
ATTACH_MARGIN = 0.15
"""A lone article joins the group it is most like at this average, this far ahead of the next."""


@dataclass
class CandidateIndex:
    """Articles by key (:meth:`StoryProfile.search_keys`), dated ones sorted by day."""

    _dated: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    _undated: dict[str, list[str]] = field(default_factory=dict)
    _sorted: set[str] = field(default_factory=set)
    documents: int = 0

    def add(self, doc_id: str, day: int | None, keys: Iterable[str]) -> None:
        """Index an article (once)."""
        self.documents += 1
        for key in keys:
            if day is None:
                self._undated.setdefault(key, []).append(doc_id)
            else:
                self._dated.setdefault(key, []).append((day, doc_id))
                self._sorted.discard(key)

    def candidates(self, profile: StoryProfile, limit: int | None = None) -> list[str]:
        """The ``limit`` articles sharing the most (and rarest) keys with ``profile``, itself left out."""
        common = max(COMMON_MIN, COMMON_SHARE * self.documents)
        day = day_of(profile.date)
        scores: dict[str, float] = {}
        score = scores.get
        for key in sorted(profile.search_keys()):  # in one order: the same sums, the same ties
            dated = self._dated.get(key, [])
            undated = self._undated.get(key, [])
            docs = len(dated) + len(undated)
            if docs <= 1 or docs > common:
                continue
            weight = math.log(self.documents / docs)
            if dated:
                if key not in self._sorted:
                    dated.sort()
                    self._sorted.add(key)
                if day is not None:
                    lo = bisect_left(dated, (day - WINDOW_DAYS, ""))
                    hi = bisect_right(dated, (day + WINDOW_DAYS, "\U0010ffff"))
                    dated = dated[lo:hi]
                for _, doc in dated:
                    scores[doc] = score(doc, 0.0) + weight
            for doc in undated:
                scores[doc] = score(doc, 0.0) + weight
        scores.pop(profile.doc_id, None)
        best = heapq.nsmallest(limit or CANDIDATES, ((-score, doc) for doc, score in scores.items()))
        return [doc for _, doc in best]


def link_stories(
    pending: Sequence[StoryProfile],
    index: CandidateIndex,
    story_of: Mapping[str, str],
    members_of: Callable[[str], Collection[str]],
    load: Callable[[Collection[str]], Mapping[str, StoryProfile]],
    scorer: PairScorer,
) -> dict[str, str]:
    """Stories for the ``pending`` articles (already in ``index``, in no story yet).

    ``story_of`` gives the stored story of other articles, ``members_of`` a stored story's articles,
    ``load`` the profiles of stored articles. Returns the new story of every article whose story is
    new or changed: the pending ones and the members of stories that merged. A story's id is the
    id of a stored story it continues (the smallest, when several merged), else its smallest article id.
    """
    profiles: dict[str, StoryProfile] = {p.doc_id: p for p in pending}
    groups: dict[str, set[str]] = {doc: {doc} for doc in profiles}
    wanted: dict[str, list[str]] = {}
    for profile in pending:
        found = index.candidates(profile)
        for doc in found:
            story = story_of.get(doc, doc)
            key = "s:" + story
            if doc not in profiles and key not in groups:
                groups[key] = set(members_of(story)) | {doc}
        wanted[profile.doc_id] = found
    profiles.update(load({doc for found in wanted.values() for doc in found if doc not in profiles}))

    def fetch(doc: str) -> StoryProfile | None:
        if doc not in profiles:
            profiles.update(load((doc,)))
        return profiles.get(doc)

    clusters = _Clusters(groups, fetch, scorer)
    for profile in pending:
        for doc in wanted[profile.doc_id]:
            clusters.score(profile.doc_id, doc)
    return _assign(groups, clusters.merge())


class _Clusters:
    """Average-link merging over pair probabilities scored on demand.

    The heap orders group pairs by their average over the pairs scored so far. Before two groups
    merge, up to :data:`SAMPLE` articles of each (spread over the group) are scored against each
    other, and they merge only if the average over every pair scored between them is still at least
    :data:`THRESHOLD`; so the work per merge is bounded, however large a story grows. Articles
    without a profile (gone) count as probability 0.
    """

    def __init__(
        self, groups: dict[str, set[str]], fetch: Callable[[str], StoryProfile | None], scorer: PairScorer
    ) -> None:
        self.members = {key: sorted(docs) for key, docs in groups.items()}
        self.group_of = {doc: key for key, docs in self.members.items() for doc in docs}
        self.fetch = fetch
        self.scorer = scorer
        self.scored: set[tuple[str, str]] = set()
        self.sums: dict[str, dict[str, float]] = {key: {} for key in groups}
        self.counts: dict[str, dict[str, int]] = {key: {} for key in groups}
        self.keys: dict[str, set[str]] = {key: {key} for key in groups}

    def score(self, a: str, b: str) -> None:
        """Score a pair of articles of two different groups, once."""
        pair = (a, b) if a < b else (b, a)
        ga, gb = self.group_of.get(a), self.group_of.get(b)
        if pair in self.scored or ga is None or gb is None or ga == gb:
            return
        self.scored.add(pair)
        first, second = self.fetch(a), self.fetch(b)
        p = self.scorer.probability(first, second) if first and second else 0.0
        self.sums[ga][gb] = self.sums[gb][ga] = self.sums[ga].get(gb, 0.0) + p
        self.counts[ga][gb] = self.counts[gb][ga] = self.counts[ga].get(gb, 0) + 1

    def _average(self, a: str, b: str) -> float:
        pairs = self.counts[a].get(b, 0)
        return self.sums[a].get(b, 0.0) / pairs if pairs else 0.0

    def merge(self) -> dict[str, set[str]]:
        """Merge, best first; returns the groups left, each with the keys of those it absorbed."""
        heap = [(-self._average(a, b), a, b) for a in self.sums for b in self.sums[a] if a < b]
        heap = [item for item in heap if -item[0] >= THRESHOLD]
        heapq.heapify(heap)
        checked: set[tuple[str, str]] = set()
        while heap:
            negative, a, b = heapq.heappop(heap)
            if a not in self.members or b not in self.members or abs(self._average(a, b) + negative) > 1e-12:
                continue  # gone, or one of the two grew since
            if (a, b) not in checked:
                checked.add((a, b))
                for x in _spread(self.members[a]):
                    for y in _spread(self.members[b]):
                        self.score(x, y)
                average = self._average(a, b)
                if average < THRESHOLD:
                    continue
            self._join(a, b)
            for other in self.sums[a]:
                average = self._average(a, other)
                if average >= THRESHOLD:
                    heapq.heappush(heap, (-average, min(a, other), max(a, other)))
        self._attach_strays()
        return self.keys

    def _attach_strays(self) -> None:
        """An article left alone joins the group it is most like when that group's average reaches
        :data:`ATTACH` and no other group comes within :data:`ATTACH_MARGIN` of it: a short report
        of a story rarely looks like all of it, and it can join one story only."""
        strays = [key for key, docs in self.members.items() if len(docs) == 1 and not key.startswith("s:")]
        for key in strays:
            if key not in self.members or len(self.members[key]) != 1:
                continue
            ranked: list[tuple[float, str]] = []
            for other in sorted(self.sums[key]):
                for y in _spread(self.members[other]):
                    self.score(self.members[key][0], y)
                ranked.append((self._average(key, other), other))
            ranked.sort(reverse=True)
            if not ranked or ranked[0][0] < ATTACH:
                continue
            if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < ATTACH_MARGIN:
                continue
            best = ranked[0][1]
            if len(self.members[best]) > 1 or best.startswith("s:"):
                self._join(best, key)

    def _join(self, a: str, b: str) -> None:
        for doc in self.members[b]:
            self.group_of[doc] = a
        self.members[a] = sorted(self.members[a] + self.members.pop(b))
        self.keys[a] |= self.keys.pop(b)
        counts = self.counts.pop(b)
        for other, total in self.sums.pop(b).items():
            self.sums[other].pop(b, None)
            self.counts[other].pop(b, None)
            if other != a:
                self.sums[a][other] = self.sums[other][a] = self.sums[a].get(other, 0.0) + total
                self.counts[a][other] = self.counts[other][a] = self.counts[a].get(other, 0) + counts[other]
        self.sums[a].pop(a, None)
        self.counts[a].pop(a, None)


def _spread(members: Sequence[str]) -> Sequence[str]:
    """At most :data:`SAMPLE` of a group's articles, spread evenly over them."""
    if len(members) <= SAMPLE:
        return members
    step = len(members) / SAMPLE
    return [members[int(i * step)] for i in range(SAMPLE)]


def _assign(groups: dict[str, set[str]], merged: dict[str, set[str]]) -> dict[str, str]:
    """The story of each article whose story is new or changed."""
    out: dict[str, str] = {}
    for absorbed in merged.values():
        members = set().union(*(groups[key] for key in absorbed))
        stored = sorted(key[2:] for key in absorbed if key.startswith("s:"))
        story = stored[0] if stored else min(members)
        for key in absorbed:
            if key.startswith("s:") and key[2:] == story:
                continue  # its articles keep their story
            for doc in groups[key]:
                out[doc] = story
    return out
