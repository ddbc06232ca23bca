"""What linking matches events on: actors (one key over their spellings, :func:`actor_key`), dates
(:func:`dates_compatible`, :func:`date_distance`) and the keys an event is stored and looked up under
(:func:`link_keys`, :func:`probe_keys`).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from indexer.language.events.model import EventMention, EventType
from indexer.model import PartialDate

__all__ = ["actor_key", "date_distance", "dates_compatible", "link_keys", "probe_keys"]

_CORPORATE = frozenset("inc corp co ltd plc llc tbk".split())


def actor_key(name: str) -> str:
    """What two spellings of one actor share: casefolded, without dots, commas and a trailing
    corporate suffix or a leading *PT* ("Imtec Inc" and "Imtec", "PT Pertamina" and "Pertamina")."""
    words = name.casefold().replace(".", " ").replace(",", " ").split()
    while len(words) > 1 and words[-1] in _CORPORATE:
        words.pop()
    if len(words) > 1 and words[0] == "pt":
        words.pop(0)
    return " ".join(words) or name


def _one_spelling(mentions: Iterable[EventMention]) -> set[EventMention]:
    """The mentions with every name written the way most mentions write it (see :func:`actor_key`)."""
    unique = set(mentions)
    every: set[str] = set()
    for mention in unique:
        every.update(mention.actors)
        every.update(mention.affiliations)
        if mention.place:
            every.add(mention.place)
    spellings: dict[str, list[str]] = {}
    for name in every:
        spellings.setdefault(actor_key(name), []).append(name)
    variants = {n for names in spellings.values() if len(names) > 1 for n in names}
    if not variants:
        return unique
    counts: Counter[str] = Counter()
    for mention in unique:
        counts.update(n for n in (*mention.actors, *mention.affiliations, mention.place or "") if n in variants)
    chosen: dict[str, str] = {}
    for names in spellings.values():
        if len(names) > 1:
            best = min(names, key=lambda n: (-counts[n], n))
            chosen.update((n, best) for n in names if n != best)
    out: set[EventMention] = set()
    for mention in unique:
        if (
            any(n in chosen for n in mention.actors)
            or mention.place in chosen
            or any(n in chosen for n in mention.affiliations)
        ):
            actors = tuple(dict.fromkeys(chosen.get(n, n) for n in mention.actors))
            place = chosen.get(mention.place, mention.place) if mention.place else None
            affiliations = tuple(
                dict.fromkeys(a for a in (chosen.get(n, n) for n in mention.affiliations) if a not in actors)
            )
            mention = replace(mention, actors=actors, place=place, affiliations=affiliations)
        out.add(mention)
    return out


def _bounds(date: PartialDate) -> tuple[datetime.date, datetime.date] | None:
    return _bounds_of(date.iso, date.precision)


@lru_cache(maxsize=1 << 16)
def _bounds_of(iso: str, precision: str) -> tuple[datetime.date, datetime.date] | None:
    try:
        year = int(iso[:4])
        if precision == "day":
            day = datetime.date.fromisoformat(iso)
            return day, day
        if precision == "month":
            month = int(iso[5:7])
            first = datetime.date(year, month, 1)
            following = datetime.date(year + (month == 12), month % 12 + 1, 1)
            return first, following - datetime.timedelta(days=1)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except (ValueError, IndexError):
        return None


def dates_compatible(a: PartialDate | None, b: PartialDate | None) -> bool:
    """Whether two dates may be the date of one event (None is compatible with anything)."""
    if a is None or b is None:
        return True
    if a.precision == "day" and b.precision == "day":
        distance = date_distance(a, b)
        return distance is not None and distance <= 1
    shorter, longer = (a, b) if len(a.iso) <= len(b.iso) else (b, a)
    return longer.iso.startswith(shorter.iso)


def date_distance(a: PartialDate | None, b: PartialDate | None) -> float | None:
    """Days between two dates (0 when one contains the other), None when either is unknown."""
    if a is None or b is None:
        return None
    first, second = _bounds(a), _bounds(b)
    if first is None or second is None:
        return None
    if first[1] < second[0]:
        return float((second[0] - first[1]).days)
    if second[1] < first[0]:
        return float((first[0] - second[1]).days)
    return 0.0


def _bucket(date: PartialDate | None) -> str:
    return date.iso[:7] if date is not None else "?"


def _actor_keys(kind: EventType, actors: Sequence[str]) -> list[str]:
    if not actors:
        return []
    if len(actors) == 1 or kind == "STATEMENT":
        return [f"{kind}|{actor_key(actors[0])}"]
    head = sorted({actor_key(a) for a in actors[:3]})
    keys = [f"{kind}|{a}|{b}" for i, a in enumerate(head) for b in head[i + 1 :]]
    keys.append(f"{kind}|{actor_key(actors[0])}")
    return keys


def link_keys(mention: EventMention) -> tuple[str, ...]:
    """Keys an event with this mention is stored under: ``TYPE|actor|actor|YYYY-MM`` (actors sorted),
    ``TYPE|doer|YYYY-MM``; undated mentions only under their article (``doc:ID``)."""
    if mention.date is None:
        return (f"doc:{mention.mention.doc_id}",)
    bucket = _bucket(mention.date)
    return tuple(f"{key}|{bucket}" for key in _actor_keys(mention.type, mention.actors))


def probe_keys(mention: EventMention) -> tuple[str, ...]:
    """Keys to look up for the stored events a new mention might join: its own keys, the months a
    compatible date can fall in (the next or previous one near a month's end; every month of a year),
    and its article's undated events."""
    doc_key = f"doc:{mention.mention.doc_id}"
    if mention.date is None:
        return (doc_key,)
    buckets = {mention.date.iso[:7]}
    bounds = _bounds(mention.date)
    if bounds is not None:
        low, high = bounds[0] - datetime.timedelta(days=1), bounds[1] + datetime.timedelta(days=1)
        day = low
        while day <= high:
            buckets.add(day.isoformat()[:7])
            day = datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        buckets.add(high.isoformat()[:7])
        buckets.add(f"{mention.date.iso[:4]}")
    keys = [f"{key}|{bucket}" for key in _actor_keys(mention.type, mention.actors) for bucket in sorted(buckets)]
    return (doc_key, *keys)


def _own_bucket(date: PartialDate) -> str:
    return date.iso[:4] if date.precision == "year" else date.iso[:7]


def _compatible_buckets(date: PartialDate) -> tuple[str, ...]:
    """The buckets (:func:`_own_bucket`) of every date :func:`dates_compatible` with ``date``: a day's
    month and the months of the days either side, a month, every month of a year; and the year."""
    year = date.iso[:4]
    if date.precision == "year":
        return (year, *(f"{year}-{m:02d}" for m in range(1, 13)))
    if date.precision == "month":
        return (year, date.iso[:7])
    bounds = _bounds(date)
    if bounds is None:
        return (year, date.iso[:7])
    day = bounds[0]
    one = datetime.timedelta(days=1)
    months = {date.iso[:7]}
    if day > datetime.date.min:
        months.add((day - one).isoformat()[:7])
    if day < datetime.date.max:
        months.add((day + one).isoformat()[:7])
    return (year, *sorted(months))
