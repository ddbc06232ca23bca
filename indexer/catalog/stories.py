"""Stories kept in the catalogue: each article's profile, the document frequencies linking weighs
words and names by, and the story of every article.

An article's profile is written with its catalogue row and marked pending; :meth:`StoryTables.link`
gives the pending articles their stories (:func:`indexer.language.stories.link_stories`) and only
them, so adding articles to a large index costs what they bring. A run killed before linking leaves
them pending for the next run.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from indexer.language.stories import CorpusStats, StoryProfile

# The story linker (:mod:`indexer.language.stories`) is imported when profiles are written or linked:
# reading stories (``warta related``) needs none of it.

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_profiles (
    doc_id TEXT PRIMARY KEY, day INTEGER, keys TEXT NOT NULL, data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS story_frequencies (key TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (doc_id TEXT PRIMARY KEY, story TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS stories_story ON stories(story);
CREATE TABLE IF NOT EXISTS story_pending (doc_id TEXT PRIMARY KEY);
"""
_SEP = "\x1f"
MEMBERS = 100
"""Articles of a stored story a new article is compared with (the first by id): enough to judge."""


def _pack(profile: StoryProfile) -> bytes:
    return zlib.compress(json.dumps(profile.as_json(), ensure_ascii=False, separators=(",", ":")).encode(), 6)


def _unpack(blob: bytes) -> StoryProfile:
    from indexer.language.stories import StoryProfile

    return StoryProfile.from_json(json.loads(zlib.decompress(blob).decode("utf-8")))


def _frequency_keys(profile: StoryProfile) -> set[str]:
    return {f"t:{w}" for w in profile.terms} | {f"n:{n}" for n in profile.names}


class StoryTables:
    """The story tables of a catalogue (its SQLite connection; the catalogue commits)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        db.executescript(SCHEMA)

    # writing -----------------------------------------------------------------

    def put(self, profiles: Sequence[StoryProfile]) -> None:
        """Store the profiles of new or changed articles, which wait for :meth:`link`."""
        if not profiles:
            return
        from indexer.language.stories.scoring import day_of

        self.drop([p.doc_id for p in profiles])
        self._db.executemany(
            "INSERT INTO story_profiles VALUES (?, ?, ?, ?)",
            ((p.doc_id, day_of(p.date), _SEP.join(sorted(p.search_keys())), _pack(p)) for p in profiles),
        )
        self._db.executemany("INSERT OR IGNORE INTO story_pending VALUES (?)", ((p.doc_id,) for p in profiles))
        self._count(profiles, +1)

    def drop(self, doc_ids: Sequence[str]) -> None:
        """Forget articles: their profiles, their counts in the frequencies, their place in a story."""
        if not doc_ids:
            return
        self._count(list(self._each_profile(doc_ids)), -1)
        for table in ("story_profiles", "stories", "story_pending"):
            self._db.executemany(f"DELETE FROM {table} WHERE doc_id = ?", ((i,) for i in doc_ids))

    def _count(self, profiles: Iterable[StoryProfile], sign: int) -> None:
        counts: Counter[str] = Counter()
        documents = 0
        for profile in profiles:
            counts.update(_frequency_keys(profile))
            documents += 1
        if not documents:
            return
        counts[""] = documents  # the number of articles, under the empty key
        self._db.executemany(
            "INSERT INTO story_frequencies VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET docs = docs + excluded.docs",
            ((key, sign * n) for key, n in counts.items()),
        )
        if sign < 0:
            self._db.execute("DELETE FROM story_frequencies WHERE docs <= 0 AND key != ''")

    def pending(self) -> int:
        """Articles waiting for their story."""
        return int(self._db.execute("SELECT COUNT(*) FROM story_pending").fetchone()[0])

    def link(self) -> int:
        """Give every pending article its story (the caller commits); returns the articles whose story
        is new or changed."""
        pending_ids = [row[0] for row in self._db.execute("SELECT doc_id FROM story_pending ORDER BY doc_id")]
        if not pending_ids:
            return 0
        from indexer.language.stories import CandidateIndex, PairScorer, link_stories

        waiting = set(pending_ids)
        index = CandidateIndex()
        for doc_id, day, keys in self._db.execute("SELECT doc_id, day, keys FROM story_profiles"):
            index.add(doc_id, day, keys.split(_SEP) if keys else ())
        scorer = PairScorer(self._stats())
        pending = [scorer.prepare(p) for p in self._each_profile(pending_ids)]
        story_of = {
            doc: story for doc, story in self._db.execute("SELECT doc_id, story FROM stories") if doc not in waiting
        }

        def load(doc_ids: Collection[str]) -> dict[str, StoryProfile]:
            return {p.doc_id: scorer.prepare(p) for p in self._each_profile(doc_ids)}

        changed = link_stories(pending, index, story_of, self._members, load, scorer)
        self._db.executemany("INSERT OR REPLACE INTO stories VALUES (?, ?)", changed.items())
        self._db.execute("DELETE FROM story_pending")
        return len(changed)

    # reading -----------------------------------------------------------------

    def _stats(self) -> CorpusStats:
        from indexer.language.stories import CorpusStats

        terms: dict[str, int] = {}
        names: dict[str, int] = {}
        documents = 0
        for key, docs in self._db.execute("SELECT key, docs FROM story_frequencies"):
            if key == "":
                documents = docs
            elif key.startswith("t:"):
                terms[key[2:]] = docs
            else:
                names[key[2:]] = docs
        return CorpusStats.with_background(documents, terms, names)

    def _each_profile(self, doc_ids: Collection[str]) -> Iterator[StoryProfile]:
        """The stored profiles of ``doc_ids`` (those there are), read 500 at a time."""
        wanted = sorted(doc_ids)
        for offset in range(0, len(wanted), 500):
            part = wanted[offset : offset + 500]
            marks = ",".join("?" * len(part))
            for (blob,) in self._db.execute(f"SELECT data FROM story_profiles WHERE doc_id IN ({marks})", part):
                yield _unpack(blob)

    def _members(self, story: str) -> list[str]:
        query = "SELECT doc_id FROM stories WHERE story = ? ORDER BY doc_id LIMIT ?"
        return [row[0] for row in self._db.execute(query, (story, MEMBERS))]

    def story_of(self) -> dict[str, str]:
        """The story of every article in a story with others (articles alone are left out)."""
        query = (
            "SELECT doc_id, story FROM stories WHERE story IN"
            " (SELECT story FROM stories GROUP BY story HAVING COUNT(*) > 1)"
        )
        return dict(self._db.execute(query))

    def mates(self, doc_id: str) -> list[str]:
        """The other articles of an article's story, by id."""
        query = (
            "SELECT doc_id FROM stories WHERE story = (SELECT story FROM stories WHERE doc_id = ?)"
            " AND doc_id != ? ORDER BY doc_id"
        )
        return [row[0] for row in self._db.execute(query, (doc_id, doc_id))]
