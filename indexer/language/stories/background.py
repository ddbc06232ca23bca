"""Background word counts: in how many of 41,084 news articles (Indonesian and English) each word
appears, shipped as ``models/story-words.tsv.gz`` (made by ``tools/story_words.py``).

Story linking adds them to the index's own counts, so that how much a shared word says does not
depend on how many articles the index holds.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

from indexer.resources import MissingResource, shipped

__all__ = ["Background", "background"]

FILE = ("models", "story-words.tsv.gz")
HEADER = "warta-story-words 1"

Background = tuple[int, dict[str, int]]
"""Number of articles counted, and the articles each word appears in."""


@lru_cache(maxsize=1)
def background() -> Background:
    """The shipped background counts (read once); :class:`MissingResource` if absent or unreadable."""
    path = shipped(*FILE)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") != HEADER:
                raise MissingResource(f"the installed warta's {'/'.join(FILE)} is not {HEADER}; reinstall warta")
            _, documents = handle.readline().rstrip("\n").split("\t")
            counts = {}
            for line in handle:
                word, _, docs = line.rstrip("\n").rpartition("\t")
                counts[word] = int(docs)
    except (OSError, ValueError, EOFError) as error:
        raise MissingResource(f"the installed warta cannot read {'/'.join(FILE)} ({error}); reinstall warta") from error
    return int(documents), counts
