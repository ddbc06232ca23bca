"""Scoring extracted events against events written by hand (tests and ``bench/events_score.py``).

A gold event is ``{"type", "actors", "place", "date"}``: ``actors`` lists the doer first and then
every name a reader accepts as a participant (or a stand-in: a leader's country); ``date`` and
``place`` are a value, null (the article does not say) or ``"*"`` (anything goes: a planned event,
a background reference). A predicted event (one article's mentions linked) matches a gold event

- *loosely* when the types agree and the predicted doer is one of the gold actors;
- *fully* when it also has the gold date (same ISO) and place (null for null).

Each gold event takes at most one predicted event (full matches first), and the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from indexer.language.events.model import Event

__all__ = ["Score", "match_events"]


@dataclass
class Score:
    """Counts over one or more articles, at the loose and the full level."""

    predicted: int = 0
    gold: int = 0
    loose: int = 0
    full: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.loose += other.loose
        self.full += other.full
        self.missed += other.missed
        self.spurious += other.spurious

    def precision(self, full: bool = False) -> float:
        return (self.full if full else self.loose) / self.predicted if self.predicted else 1.0

    def recall(self, full: bool = False) -> float:
        return (self.full if full else self.loose) / self.gold if self.gold else 1.0

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.gold} gold, {self.predicted} predicted; "
            f"type+doer P {self.precision():.2f} R {self.recall():.2f}; "
            f"+date+place P {self.precision(True):.2f} R {self.recall(True):.2f}"
        )


def _loose(event: Event, gold: Mapping[str, Any]) -> bool:
    return event.type == gold["type"] and bool(event.actors) and event.actors[0] in gold["actors"]


def _full(event: Event, gold: Mapping[str, Any]) -> bool:
    if not _loose(event, gold):
        return False
    date, place = gold.get("date"), gold.get("place")
    date_ok = date == "*" or (event.date.iso if event.date else None) == date
    place_ok = place == "*" or event.place == place
    return date_ok and place_ok


def _full_same_doer(event: Event, gold: Mapping[str, Any]) -> bool:
    return _full(event, gold) and event.actors[0] == gold["actors"][0]


def _loose_same_doer(event: Event, gold: Mapping[str, Any]) -> bool:
    return _loose(event, gold) and event.actors[0] == gold["actors"][0]


def _describe(value: Event | Mapping[str, Any]) -> str:
    if isinstance(value, Event):
        return f"{value.type} {list(value.actors)} @{value.place} {value.date.iso if value.date else None}"
    return f"{value['type']} {value['actors'][:2]} @{value.get('place')} {value.get('date')}"


def match_events(predicted: Sequence[Event], gold: Sequence[Mapping[str, Any]], label: str = "") -> Score:
    """Score the events predicted for one article against its gold events."""
    score = Score(predicted=len(predicted), gold=len(gold))
    used: set[int] = set()
    matched: set[int] = set()
    for level in (_full_same_doer, _loose_same_doer, _full, _loose):
        for g, wanted in enumerate(gold):
            if g in matched:
                continue
            for p, event in enumerate(predicted):
                if p not in used and level(event, wanted):
                    used.add(p)
                    matched.add(g)
                    score.loose += 1
                    score.full += level in (_full, _full_same_doer)
                    break
    prefix = f"{label}: " if label else ""
    score.missed = [prefix + _describe(g) for i, g in enumerate(gold) if i not in matched]
    score.spurious = [prefix + _describe(e) for i, e in enumerate(predicted) if i not in used]
    return score
