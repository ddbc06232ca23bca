"""Linking: the mentions of one real-world event, in one article or many, become one :class:`Event`.

Two steps, both deterministic (the output depends on the set of mentions, never on their order):

1. Within an article, a mention joins an earlier event of the same type that shares an actor with it
   (a STATEMENT: the same speaker; a mention with no actor, such as a flood, one whose place is its
   place or actor), whose date is compatible (an undated mention is compatible with any date of its
   own article) and whose place does not differ.
2. Across articles, the events of step 1 merge when they have the same type, compatible dates and
   places, and one sentence of each tells the same event (:func:`_evidence`): two actors in common,
   or one actor at the same place; for a STATEMENT, the same speaker naming the same party, unless
   that party is the speaker's habitual companion (named with the speaker on :data:`HABITUAL_DAYS`
   different days among the mentions linked: a governor and his city). What the events of two
   articles gather over all their sentences is no evidence, and a lone speaker (or a lone actor with
   no place) never merges across articles: Jokowi speaks daily. A new article is compared with the
   first event of a merged group (its seed), never with what the group absorbed, so reports a day
   apart never chain into weeks. Undated events never merge across articles: nothing says they are
   the same.

Names are compared as :func:`actor_key` gives them: case and corporate suffixes aside ("ChemLawn",
"Chemlawn", "ChemLawn Corp" are one actor); the spelling most mentions use (ties: the first in sorted
order) is the one events show.

Dates are compatible when one contains the other (``2023-03`` and ``2023-03-01``) or, both known to
the day, when they are at most one day apart (reports of one event straddle midnight and time zones).

Incremental use: an event is found again by its :func:`link_keys` (type, a pair of actors, month); for
new mentions, look up the stored events under their :func:`probe_keys`, and re-link those events'
mentions together with the new ones; the clusters that come out replace the events looked up
(habitual companions are counted over the mentions given: :meth:`indexer.catalog.events.EventTables.relink`
links all of them at once).

The names, dates and keys compared are :mod:`.matching`'s; the clusters and their events are here.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from indexer.language.events.matching import (
    _compatible_buckets,
    _one_spelling,
    _own_bucket,
    actor_key,
    date_distance,
    dates_compatible,
    link_keys,
    probe_keys,
)
from indexer.language.events.model import Event, EventMention, EventType
from indexer.language.events.summary import says_something, summarize
from indexer.model import PartialDate

__all__ = ["LINK_VERSION", "actor_key", "date_distance", "dates_compatible", "link", "link_keys", "probe_keys"]

LINK_VERSION = "4"
"""Version of the linking rules: events linked by other rules are linked again (no re-extraction)."""


@dataclass
class _Cluster:
    type: EventType
    mentions: list[EventMention] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    doers: set[str] = field(default_factory=set)
    dates: list[PartialDate] = field(default_factory=list)
    places: set[str] = field(default_factory=set)
    distinct_dates: set[PartialDate] = field(default_factory=set)
    _date: PartialDate | None = field(default=None, repr=False)
    _date_known: bool = field(default=True, repr=False)
    """``_date`` is :func:`_best_date` of ``dates`` until a dated mention comes."""

    def add(self, mention: EventMention) -> None:
        self.mentions.append(mention)
        self.actors.update(mention.actors)
        if mention.actors:
            self.doers.add(mention.actors[0])
        if mention.date is not None:
            self.dates.append(mention.date)
            self.distinct_dates.add(mention.date)
            self._date_known = False
        if mention.place:
            self.places.add(mention.place)

    def absorb(self, other: _Cluster) -> None:
        for mention in other.mentions:
            self.add(mention)

    def date(self) -> PartialDate | None:
        if not self._date_known:
            self._date = _best_date(self.dates)
            self._date_known = True
        return self._date

    def place_ok(self, place: str | None, actors: Iterable[str] = ()) -> bool:
        return (
            place is None
            or not self.places
            or place in self.places
            or place in self.actors
            or any(p in actors for p in self.places)
        )


def _order(mention: EventMention) -> tuple[str, int, int, str]:
    m = mention.mention
    return (m.doc_id, m.sentence_start, m.trigger_start, mention.type)


def _best_date(dates: Sequence[PartialDate]) -> PartialDate | None:
    if not dates:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    best = min(rank[d.precision] for d in dates)
    counts = Counter(d.iso for d in dates if rank[d.precision] == best)
    iso = min(counts, key=lambda value: (-counts[value], value))
    return next(d for d in dates if d.iso == iso)


def _joins_in_doc(cluster: _Cluster, mention: EventMention) -> bool:
    if cluster.type != mention.type:
        return False
    if not mention.actors:
        # nobody named (a flood, an election): the same place on a compatible date is the same event
        if mention.place is None or (mention.place not in cluster.places and mention.place not in cluster.actors):
            return False
    elif mention.type == "STATEMENT":
        if mention.actors[0] not in cluster.doers:
            return False
    elif not _overlap(cluster, mention.actors):
        return False
    if (
        mention.date is not None
        and cluster.dates
        and not all(dates_compatible(mention.date, d) for d in cluster.distinct_dates)
    ):
        return False
    return cluster.place_ok(mention.place, mention.actors)


def _overlap(cluster: _Cluster, actors: Sequence[str]) -> bool:
    """One's actors within the other's, or two in common: Putin–Kim and Putin–Lukashenko are not
    one meeting, Li Shangfu–Russia and Li Shangfu are."""
    shared = cluster.actors.intersection(actors)
    if not shared:
        return False
    if len(shared) >= 2 or len(shared) == len(set(actors)):
        return True
    return any(set(m.actors) <= shared for m in cluster.mentions)


HABITUAL_DAYS = 3
"""A name said with one speaker on this many different days is the speaker's habitual companion (a
governor's city, a president's ministry): sharing it says nothing about two statements being one."""


def _habitual(mentions: Iterable[EventMention]) -> frozenset[tuple[str, str]]:
    """(speaker, name) pairs of STATEMENT mentions that come together on :data:`HABITUAL_DAYS` days
    or more (day-precise dates only)."""
    days: dict[tuple[str, str], set[str]] = {}
    for mention in mentions:
        if mention.type != "STATEMENT" or mention.date is None or mention.date.precision != "day":
            continue
        speaker = mention.actors[0] if mention.actors else None
        for name in mention.actors[1:]:
            days.setdefault((speaker or "", name), set()).add(mention.date.iso)
    return frozenset(pair for pair, seen in days.items() if len(seen) >= HABITUAL_DAYS)


def _evidence(seed: _Cluster, other: _Cluster, habitual: frozenset[tuple[str, str]]) -> bool:
    """Whether one sentence of each cluster tells the same event: a STATEMENT by the same speaker
    naming the same party (not a habitual companion of the speaker's), any other event with two
    actors in common, or one actor in common at the same place. What the clusters of two articles
    hold together is no evidence: a speaker's statements of one article gather many names."""
    statement = seed.type == "STATEMENT"
    for mine in seed.mentions:
        if not mine.actors:
            continue
        doer, names = mine.actors[0], set(mine.actors)
        for theirs in other.mentions:
            if statement:
                if not theirs.actors or theirs.actors[0] != doer:
                    continue
                said = names.intersection(theirs.actors[1:])
                said.discard(doer)
                if any((doer, name) not in habitual for name in said):
                    return True
                continue
            shared = names.intersection(theirs.actors)
            if len(shared) >= 2 or (shared and mine.place is not None and mine.place == theirs.place):
                return True
    return False


def _joins_across(seed: _Cluster, other: _Cluster, habitual: frozenset[tuple[str, str]] = frozenset()) -> bool:
    if seed.type != other.type:
        return False
    first, second = seed.date(), other.date()
    if first is None or second is None:
        return False
    if first.precision == "day" and second.precision == "day":
        if not dates_compatible(first, second):
            return False
    elif first != second or seed.actors != other.actors:
        # a month or a year holds many events of one kind by one actor: across articles only the same
        # date with the same actors tells two reports of one event from two events
        return False
    if seed.places and other.places and not (seed.places & other.places):
        return False
    # one speaker or one actor on one day is many events (Jokowi speaks daily): the sentences
    # themselves must share a second party or the place
    return _evidence(seed, other, habitual)


def link(mentions: Iterable[EventMention], story_of: Mapping[str, str] | None = None) -> list[Event]:
    """Events made of ``mentions``, each with its mentions in (article, offset) order; the list is
    sorted by date (undated last), then id. Same set of mentions (and stories), same events and ids.

    ``story_of`` maps articles to their story (:mod:`indexer.language.stories`): within one story,
    events of different articles also merge on weaker evidence (:func:`_same_fact`)."""
    unique = _one_spelling(mentions)
    habitual = _habitual(unique)
    by_doc: dict[str, list[EventMention]] = {}
    for mention in sorted(unique, key=_order):
        by_doc.setdefault(mention.mention.doc_id, []).append(mention)
    doc_clusters: list[_Cluster] = []
    for doc_id in sorted(by_doc):
        own: list[_Cluster] = []
        # dated mentions first, so an undated one joins the event its article dates elsewhere
        for mention in sorted(by_doc[doc_id], key=lambda m: (m.date is None, _order(m))):
            target = next((c for c in own if _joins_in_doc(c, mention)), None)
            if target is None:
                target = _Cluster(mention.type)
                own.append(target)
            target.add(mention)
        doc_clusters.extend(own)
    doc_clusters.sort(key=_cluster_order)
    merged: list[_Cluster] = []
    seeds: list[_Cluster] = []
    # seeds by (key, the month or year of their date): a cluster looks only at seeds whose date can be
    # compatible with its own, so the work per cluster does not grow with the years a name spans
    index: dict[tuple[str, str], list[int]] = {}
    for cluster in doc_clusters:
        keys = _cluster_keys(cluster)
        date = cluster.date()
        found: int | None = None
        if keys and date is not None:
            buckets = _compatible_buckets(date)
            candidates = {p for key in keys for bucket in buckets for p in index.get((key, bucket), ())}
            for position in sorted(candidates):
                if _joins_across(seeds[position], cluster, habitual):
                    found = position
                    break
        if found is None:
            seeds.append(cluster)
            merged.append(_Cluster(cluster.type))
            merged[-1].absorb(cluster)
            if date is not None:
                bucket = _own_bucket(date)
                for key in keys:
                    index.setdefault((key, bucket), []).append(len(seeds) - 1)
        else:
            merged[found].absorb(cluster)
    if story_of:
        merged = _merge_within_stories(merged, story_of)
    events = [_event(cluster) for cluster in merged]
    return _unique_ids(events)


def _same_fact(kept: _Cluster, other: _Cluster) -> bool:
    """Whether two events of articles of one story tell the same fact: the same type, no two
    different dates or places, and the same doer (for a statement, the same speaker), one actor in
    common, or nobody named in either (an earthquake, a flood)."""
    if kept.type != other.type:
        return False
    first, second = kept.date(), other.date()
    if first is not None and second is not None and not dates_compatible(first, second):
        return False
    if kept.places and other.places and not (kept.places & other.places):
        return False
    if kept.type == "STATEMENT":
        return bool(kept.doers & other.doers)
    if not kept.actors and not other.actors:
        return True
    return bool(kept.doers & other.doers) or bool(kept.actors & other.actors)


def _merge_within_stories(clusters: list[_Cluster], story_of: Mapping[str, str]) -> list[_Cluster]:
    """Merge the events of one story that tell the same fact, never two events of one article (the
    article's own linking told them apart)."""
    out: list[_Cluster] = []
    by_story: dict[tuple[str, str], list[int]] = {}
    for cluster in clusters:
        docs = {m.mention.doc_id for m in cluster.mentions}
        stories = {story_of.get(doc) for doc in docs}
        story = stories.pop() if len(stories) == 1 else None
        if story is not None:
            for position in by_story.get((story, cluster.type), ()):
                kept = out[position]
                if docs.isdisjoint(m.mention.doc_id for m in kept.mentions) and _same_fact(kept, cluster):
                    kept.absorb(cluster)
                    break
            else:
                by_story.setdefault((story, cluster.type), []).append(len(out))
                out.append(cluster)
            continue
        out.append(cluster)
    return out


def _cluster_keys(cluster: _Cluster) -> set[str]:
    if cluster.date() is None:
        return set()
    keys: set[str] = set()
    for doer in cluster.doers:
        keys.add(f"{cluster.type}|{doer}")
    if cluster.type != "STATEMENT":
        actors = sorted(cluster.actors)
        keys.update(f"{cluster.type}|{a}|{b}" for i, a in enumerate(actors) for b in actors[i + 1 :])
    return keys


def _cluster_order(cluster: _Cluster) -> tuple[bool, str, tuple[str, int, int, str]]:
    date = cluster.date()
    return (date is None, date.iso if date else "", _order(min(cluster.mentions, key=_order)))


def _event(cluster: _Cluster) -> Event:
    mentions = sorted(cluster.mentions, key=_order)
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    doer_counts: Counter[str] = Counter()
    for mention in mentions:
        counts.update(set(mention.actors))
        if mention.actors:
            doer_counts[mention.actors[0]] += 1
        for name in mention.actors:
            first_seen.setdefault(name, len(first_seen))
    actors: list[str] = []
    if doer_counts:
        doer = min(doer_counts, key=lambda name: (-doer_counts[name], first_seen[name]))
        actors.append(doer)
        threshold = max(1, math.ceil(max(counts.values()) / 2))
        rest = [n for n in counts if n != doer and counts[n] >= threshold]
        actors += sorted(rest, key=lambda name: (-counts[name], first_seen[name]))
    actors = actors[:6]
    places = Counter(m.place for m in mentions if m.place)
    place = min(places, key=lambda name: (-places[name], name)) if places else None
    affiliation_counts = Counter(a for m in mentions for a in m.affiliations if a not in actors)
    affiliations = tuple(sorted(affiliation_counts, key=lambda name: (-affiliation_counts[name], name)))
    date = cluster.date()
    key = "\x1f".join((cluster.type, *sorted(actors), "@", place or "", date.iso if date else ""))
    return Event(
        id=hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16],
        type=cluster.type,
        actors=tuple(actors),
        place=place,
        date=date,
        summary=_summary(cluster.type, actors, place, mentions),
        mentions=tuple(m.mention for m in mentions),
        affiliations=affiliations,
    )


def _summary(kind: EventType, actors: list[str], place: str | None, mentions: list[EventMention]) -> str:
    """The line of the first mention (in text order) that says what the event is about, one of the
    event's doer first; else the bare template of the event's actors and place."""
    told = [m for m in mentions if says_something(m)]
    own = [m for m in told if m.actors[:1] == tuple(actors[:1])]
    return (own or told)[0].summary if told else summarize(kind, actors, place)


def _unique_ids(events: list[Event]) -> list[Event]:
    """Ids are the hash of what the event says; two events saying the same (undated, in two
    articles) get the hash of their first mention added."""
    counts = Counter(e.id for e in events)
    out: list[Event] = []
    for event in events:
        if counts[event.id] > 1:
            first = event.mentions[0]
            salt = f"{event.id}\x1f{first.doc_id}\x1f{first.sentence_start}\x1f{first.trigger_start}"
            event = Event(
                id=hashlib.sha1(salt.encode("utf-8", "surrogatepass")).hexdigest()[:16],
                type=event.type,
                actors=event.actors,
                place=event.place,
                date=event.date,
                summary=event.summary,
                mentions=event.mentions,
                affiliations=event.affiliations,
            )
        out.append(event)
    out.sort(key=lambda e: (e.date is None, e.date.iso if e.date else "", e.id))
    return out
