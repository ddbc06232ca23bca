"""Stories: which articles report the same real-world event.

- :mod:`.profile`: what an article brings (words, names, numbers, date), made when it is annotated;
- :mod:`.scoring`: how likely two articles report the same event (a logistic model of what they share);
- :mod:`.clustering`: candidates by shared rare keys, then average-link groups of articles.

The catalogue keeps the profiles and the stories (:mod:`indexer.catalog.stories`); event linking merges
the events of one story that tell the same fact (:func:`indexer.language.events.link`).
"""

from indexer.language.stories.clustering import THRESHOLD, CandidateIndex, link_stories
from indexer.language.stories.profile import StoryProfile, profile_article
from indexer.language.stories.scoring import CorpusStats, PairScorer

__all__ = [
    "THRESHOLD",
    "CandidateIndex",
    "CorpusStats",
    "PairScorer",
    "StoryProfile",
    "link_stories",
    "profile_article",
]
