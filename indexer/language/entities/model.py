"""What entity recognition returns: one :class:`Entity` per name or date found in a text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

EntityType = Literal["PERSON", "ORG", "LOC", "DATE", "MISC"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "LOC", "DATE", "MISC")


@dataclass(frozen=True, slots=True)
class Entity:
    """A span of the annotated text: ``text[start:end] == entity.text`` always.

    Offsets count code points of the Python string (not bytes, not UTF-16 units). ``canonical`` is
    the name the mention stands for, the same across spellings and languages ("Tiongkok" → "China",
    "Koffler" → "Rebekah Koffler"); for a DATE it is the ISO date of its precision ("2023-03-01",
    "2023-W09", "2022-02", "2013"), or None when a relative date has no publication date to resolve it.
    """

    start: int
    end: int
    text: str
    type: EntityType
    canonical: str | None

    def as_json(self) -> dict[str, Any]:
        """The entity as in ``warta annotate`` output."""
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "canonical": self.canonical}
