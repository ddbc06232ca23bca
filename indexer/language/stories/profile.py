"""What story linking knows of an article: its words, its names, its numbers and its date.

A :class:`StoryProfile` is made once per article while it is annotated (in the writer processes) and
kept in the catalogue; linking compares profiles two by two (:mod:`.scoring`). It holds counts, not
weights: how rare a word is depends on the whole index, known only when linking.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from indexer.language.entities.model import Entity

__all__ = ["LEAD_CHARS", "StoryProfile", "profile_article", "words"]

LEAD_CHARS = 400
"""The lead: the title and the text's first characters, where news says what happened."""
MAX_TERMS = 300
"""Words kept per article (the most frequent): enough for a cosine, bounded for a 50 MB article."""
NAMED = frozenset({"PERSON", "ORG", "LOC"})

_WORD = re.compile(r"\w[\w'’.,-]*\w|\w")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, numbers kept whole ("6.1", "200,000"), edge punctuation off."""
    return [w.lower().rstrip(".,") for w in _WORD.findall(text)]


@dataclass(frozen=True, slots=True)
class StoryProfile:
    """One article as story linking sees it.

    ``terms``: word counts of title and text (the :data:`MAX_TERMS` most frequent); ``lead`` and
    ``title``: word counts of the lead and the title; ``names``: counts of the canonical names of
    people, organisations and places; ``lead_names``: those named in the lead; ``numbers``: the
    numbers written (years aside); ``date``: the publication date as ISO (any precision) or None;
    ``lead_numbers``: the numbers of the lead; ``lead_places``: the places named in the lead.
    """

    doc_id: str
    date: str | None
    terms: Mapping[str, int] = field(default_factory=dict)
    lead: Mapping[str, int] = field(default_factory=dict)
    title: Mapping[str, int] = field(default_factory=dict)
    names: Mapping[str, int] = field(default_factory=dict)
    lead_names: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    lead_numbers: frozenset[str] = frozenset()
    lead_places: frozenset[str] = frozenset()
    lead_days: frozenset[str] = frozenset()
    """Dates known to the day that the lead gives (ISO): the day the event happened."""
    lead_people: frozenset[str] = frozenset()
    """The people the lead names: who the event happened to."""

    def search_keys(self) -> set[str]:
        """What finds candidate articles: its names and its title's longer words."""
        found = {f"n:{name.casefold()}" for name in self.names}
        found.update(f"t:{w}" for w in self.title if len(w) >= 4 and not any(c.isdigit() for c in w))
        return found

    def as_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "date": self.date,
            "terms": dict(self.terms),
            "lead": dict(self.lead),
            "title": dict(self.title),
            "names": dict(self.names),
            "lead_names": sorted(self.lead_names),
            "numbers": sorted(self.numbers),
            "lead_numbers": sorted(self.lead_numbers),
            "lead_places": sorted(self.lead_places),
            "lead_days": sorted(self.lead_days),
            "lead_people": sorted(self.lead_people),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoryProfile:
        return cls(
            doc_id=str(data["doc_id"]),
            date=data.get("date"),
            terms=_counts(data.get("terms")),
            lead=_counts(data.get("lead")),
            title=_counts(data.get("title")),
            names=_counts(data.get("names")),
            lead_names=frozenset(str(n) for n in data.get("lead_names", ())),
            numbers=frozenset(str(n) for n in data.get("numbers", ())),
            lead_numbers=frozenset(str(n) for n in data.get("lead_numbers", ())),
            lead_places=frozenset(str(n) for n in data.get("lead_places", ())),
            lead_days=frozenset(str(n) for n in data.get("lead_days", ())),
            lead_people=frozenset(str(n) for n in data.get("lead_people", ())),
        )


def _counts(value: object) -> dict[str, int]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): int(v) for k, v in value.items() if isinstance(v, int)}


def _top(counts: Counter[str], limit: int) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit])


def profile_article(
    doc_id: str,
    title: str,
    text: str,
    entities: Iterable[Entity],
    date: str | None,
    title_entities: Iterable[Entity] = (),
) -> StoryProfile:
    """The profile of one article: ``entities`` are those of ``text`` (offsets into it), ``title_entities``
    those of ``title``; ``date`` is the publication date as ISO, if known."""
    all_words = words(title) + words(text)
    lead_text = title + "\n" + text[:LEAD_CHARS]
    names: Counter[str] = Counter()
    lead_names: set[str] = set()
    lead_places: set[str] = set()
    lead_days: set[str] = set()
    lead_people: set[str] = set()
    for entity, in_lead in [*((e, True) for e in title_entities), *((e, e.start < LEAD_CHARS) for e in entities)]:
        if entity.type == "DATE" and in_lead and entity.canonical and len(entity.canonical) == 10:
            lead_days.add(entity.canonical)
        if entity.type not in NAMED:
            continue
        name = entity.canonical or entity.text
        names[name] += 1
        if in_lead:
            lead_names.add(name)
            if entity.type == "LOC":
                lead_places.add(name)
            elif entity.type == "PERSON":
                lead_people.add(name)
    numbers = frozenset(w for w in all_words if _number(w))
    return StoryProfile(
        doc_id=doc_id,
        date=date,
        terms=_top(Counter(all_words), MAX_TERMS),
        lead=dict(Counter(words(lead_text))),
        title=dict(Counter(words(title))),
        names=dict(names),
        lead_names=frozenset(lead_names),
        numbers=frozenset(sorted(numbers)[:100]),
        lead_numbers=frozenset(sorted(w for w in words(lead_text) if _number(w))[:30]),
        lead_places=frozenset(lead_places),
        lead_days=frozenset(lead_days),
        lead_people=frozenset(lead_people),
    )


def _number(word: str) -> bool:
    return any(c.isdigit() for c in word) and not _YEAR.fullmatch(word)
