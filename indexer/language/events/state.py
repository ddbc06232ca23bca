"""What one extraction run knows of an article (:class:`Doc`) and of one of its sentences
(:class:`Sentence`): the sentence's words and roles, its names and what each name is there (an
affiliation, a place where or a destination, a source), and its clauses.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter

from indexer.language.entities.model import Entity
from indexer.language.events import lexicon as lx
from indexer.language.events.model import EventMention
from indexer.language.events.sentences import quotations
from indexer.language.events.words import BREAK, SPEECH, THAT, Tokens
from indexer.model import PartialDate

__all__ = ["ACTOR_TYPES", "SUBJECT_WINDOW", "Doc", "Sentence", "name"]

_CLAUSE_MARK = re.compile(r"[;:](?!\d)|\s[–—]\s")
_COORDINATION_GAP = re.compile(
    r"[\s,]*(?:(?:dan|serta|and|&|,)\s*)?(?:the\s+)?(?:[A-Z][\w.]*\s*){0,4}[\s,]*|\s*[-–/]\s*"
)
_AFFILIATION_GAP = re.compile(r"[\s,]{0,3}")
_APPOSITION = re.compile(r"\s*,\s*")
_ALIAS = re.compile(r"\s*\(([A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){1,3})\)")
"""An organisation's short name in parentheses after it, in words (*Komite Mahasiswa Peduli KPK (Kompi KPK)*)."""
ACTOR_TYPES = frozenset(("PERSON", "ORG", "LOC"))
SKIP_BEFORE_PLACE = frozenset(("kota", "ibu", "ibukota", "negara", "the", "city", "of", "capital", "wilayah"))
"""Words between a place and the word that says what it is (*di kota Minsk*, *in the city of Minsk*)."""
SUBJECT_WINDOW = 8
"""A doer or speaker is at most this many words before its verb."""
_BY_POSITION = attrgetter("start", "end")


def name(entity: Entity) -> str:
    """How an entity is named in events: its canonical name, else its text."""
    return entity.canonical or entity.text


def _aliases(text: str, entities: list[Entity]) -> dict[str, str]:
    """Short names given in parentheses after an organisation that hold the name of another one
    ("Komite Mahasiswa Peduli KPK (Kompi KPK)": *Kompi KPK* is the committee, not the KPK) → the
    organisation they stand for."""
    found: dict[str, str] = {}
    for i, entity in enumerate(entities):
        if entity.type != "ORG" or text.find("(", entity.end, entity.end + 3) < 0:
            continue
        match = _ALIAS.match(text, entity.end)
        if match is None:
            continue
        start, end = match.span(1)
        inside = entities[i + 1 : i + 4]
        if any(start <= e.start and e.end <= end and (e.start, e.end) != (start, end) for e in inside):
            found[match.group(1)] = name(entity)
    return found


def _unaliased(text: str, names: list[Entity], aliases: dict[str, str]) -> list[Entity]:
    """``names`` with every name inside a short name of :func:`_aliases` ("KPK" of "Kompi KPK") made
    that short name, standing for the organisation it names."""
    found: list[Entity] = []
    for entity in names:
        for alias, canonical in aliases.items() if entity.type == "ORG" else ():
            size = len(alias)
            at = text.find(alias, max(0, entity.end - size), entity.start + size)
            if at >= 0 and (at, at + size) != (entity.start, entity.end):
                entity = Entity(at, at + size, alias, "ORG", canonical)
                break
        if not found or entity.start >= found[-1].end:
            found.append(entity)
    return found


class Doc:
    """The per-article state of one extraction run: text, entities in order, quotations, the last
    subject and speaker (what *dia*/*ia*/*-nya* stand for), and the mentions found so far."""

    def __init__(self, doc_id: str, text: str, entities: Sequence[Entity], published: PartialDate | None) -> None:
        self.doc_id = doc_id
        self.text = text
        self.published = published
        size = len(text)
        self.entities = sorted((e for e in entities if 0 <= e.start < e.end <= size), key=_BY_POSITION)
        self.entity_starts = [e.start for e in self.entities]
        self.entity_ends = [e.end for e in self.entities]
        self.aliases = _aliases(text, self.entities)
        """Short names of organisations that hold another organisation's name (*Kompi KPK*) → who they name."""
        self.quotes = quotations(text)
        self.quote_starts = [q[0] for q in self.quotes]
        self.last_subject: str | None = None
        self.last_speaker: str | None = None
        self.out: list[EventMention] = []

    def in_quote(self, position: int) -> bool:
        """Whether ``position`` lies inside quoted speech."""
        if not self.quotes:
            return False
        i = bisect_left(self.quote_starts, position + 1) - 1
        return i >= 0 and self.quotes[i][0] <= position < self.quotes[i][1]

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """The entities wholly between ``start`` and ``end``."""
        entities = self.entities
        i = bisect_left(self.entity_ends, start + 1)
        found: list[Entity] = []
        while i < len(entities) and entities[i].start < end:
            entity = entities[i]
            if entity.start >= start and entity.end <= end:
                found.append(entity)
            i += 1
        return found

    def inside_entity(self, start: int, end: int) -> bool:
        """Whether the span overlaps an entity."""
        i = bisect_left(self.entity_ends, start + 1)
        return i < len(self.entities) and self.entities[i].start < end


class Sentence:
    """One sentence (or window of a long one) of a :class:`Doc`: its words as parallel lists
    (``starts``, ``ends``, ``words``, ``roles``), the indexes of its cue words, its DATE entities and
    its names (persons, organisations, places) with what each name is in it. ``entities`` are the
    document's entities wholly inside the sentence, when the caller has them already."""

    def __init__(self, doc: Doc, start: int, end: int, tokens: Tokens, entities: list[Entity] | None = None) -> None:
        self.doc = doc
        self.start = start
        self.end = end
        self.starts, self.ends, self.words, self.roles = tokens
        self.cues = [k for k, kind in enumerate(self.roles) if kind is not None]
        all_entities = doc.entities_in(start, end) if entities is None else entities
        self.dates = [e for e in all_entities if e.type == "DATE"]
        self.names = [e for e in all_entities if e.type in ACTOR_TYPES]
        if doc.aliases:
            self.names = _unaliased(doc.text, self.names, doc.aliases)
        self.affiliation: set[int] = set()
        """Names that qualify a person (*Presiden China* Xi Jinping, *pria asal Belgia*, *mahasiswa
        se-Indonesia*): not actors."""
        self.place_role: dict[int, str] = {}
        """Names after *di*/*in*/*at* ("at": where) or, for places, after *ke*/*to* ("to": a destination)."""
        self.source: set[int] = set()
        """Names that only say where the news comes from (*menurut X*): not actors."""
        names, text = self.names, doc.text
        for i, entity in enumerate(names):
            if (
                entity.type == "LOC"
                and i + 1 < len(names)
                and names[i + 1].type == "PERSON"
                and _AFFILIATION_GAP.fullmatch(text, entity.end, names[i + 1].start)
            ):
                self.affiliation.add(i)
            word = self.word_before(entity.start)
            if entity.type == "LOC" and (word in lx.ORIGIN_WORDS or (word == "se" and text[entity.start - 1] in "-–")):
                # "pria asal Belgia"; "mahasiswa se-Indonesia" (all of Indonesia): what qualifies, not who acts
                self.affiliation.add(i)
            elif word in lx.LOCATIVE or self._in_place(i):
                # an organisation after di/in/at is where it happens too (ditahan di Mapolres)
                self.place_role[i] = "at"
            elif entity.type == "LOC" and word in lx.DESTINATION:
                self.place_role[i] = "to"
        self.breaks = self._breaks()

    def _in_place(self, i: int) -> bool:
        """Whether place ``i`` names where the place before it is ("di Istana Merdeka, Jakarta")."""
        names = self.names
        return (
            names[i].type == "LOC"
            and i > 0
            and self.place_role.get(i - 1) == "at"
            and _APPOSITION.fullmatch(self.doc.text, names[i - 1].end, names[i].start) is not None
        )

    def word_before(self, position: int) -> str:
        """The word before ``position``, skipping *kota*, *the city of* and the like."""
        k = bisect_left(self.starts, position) - 1
        words = self.words
        while k >= 0 and words[k] in SKIP_BEFORE_PLACE:
            k -= 1
        return words[k] if k >= 0 else ""

    def _breaks(self) -> list[int]:
        found = [m.start() for m in _CLAUSE_MARK.finditer(self.doc.text, self.start, self.end)]
        speech_seen = False
        for k in self.cues:
            kind = self.roles[k]
            if kind == SPEECH:
                speech_seen = True
            elif kind == BREAK or (speech_seen and kind == THAT):
                found.append(self.starts[k])
        found.sort()
        return found

    def clause(self, position: int) -> tuple[int, int]:
        """The clause around ``position``: between clause marks, breaks and, after a speech verb, *bahwa*."""
        k = bisect_left(self.breaks, position + 1)
        left = self.breaks[k - 1] if k > 0 else self.start
        right = self.breaks[k] if k < len(self.breaks) else self.end
        return left, right

    def actor_indexes(self, start: int, end: int, quoted: bool = False) -> list[int]:
        """Names that can be actors between ``start`` and ``end`` (not places where, affiliations, sources)."""
        in_quote = self.doc.in_quote
        return [
            i
            for i, e in enumerate(self.names)
            if start <= e.start
            and e.end <= end
            and i not in self.affiliation
            and i not in self.source
            and self.place_role.get(i) != "at"
            and (quoted or not in_quote(e.start))
        ]

    def words_between(self, start: int, end: int) -> int:
        """How many words lie between two offsets of the sentence."""
        return bisect_left(self.starts, end) - bisect_left(self.starts, start)

    def near_left(self, indexes: list[int], position: int) -> list[int]:
        """``indexes`` whose last one ends at most :data:`SUBJECT_WINDOW` words before ``position``."""
        if indexes and self.words_between(self.names[indexes[-1]].end, position) <= SUBJECT_WINDOW:
            return indexes
        return []

    def pronoun_before(self, k: int, window: int, floor: int) -> bool:
        """Whether a pronoun stands among the ``window`` words before word ``k``, from ``floor`` on."""
        first = max(0, k - window)
        words = self.words
        if lx.PRONOUNS.isdisjoint(words[first:k]):  # most sentences: one C-level test
            return False
        starts = self.starts
        return any(words[j] in lx.PRONOUNS and starts[j] >= floor for j in range(first, k))

    def next_word(self, k: int) -> str:
        """The word after word ``k`` ("" at the end)."""
        return self.words[k + 1] if k + 1 < len(self.words) else ""

    def coordinated_group(self, indexes: list[int]) -> list[int]:
        """The last name of ``indexes`` with the names coordinated before it, in text order."""
        group = [indexes[-1]]
        for k in range(len(indexes) - 2, -1, -1):
            gap = self.strip_entities(self.names[indexes[k]].end, self.names[group[0]].start)
            if not _COORDINATION_GAP.fullmatch(gap):
                break
            group.insert(0, indexes[k])
        return group

    def strip_entities(self, start: int, end: int) -> str:
        """The text between two names with any affiliation names blanked (``dan Presiden Belarusia``)."""
        text = self.doc.text[start:end]
        for i in self.affiliation:
            entity = self.names[i]
            if start <= entity.start and entity.end <= end:
                a, b = entity.start - start, entity.end - start
                text = text[:a] + "X" * (b - a) + text[b:]
        return text

    def coordination_gap(self, gap: str) -> bool:
        """Whether ``gap`` (:meth:`strip_entities`) joins two names as one group (*dan*, *and*, a dash)."""
        return _COORDINATION_GAP.fullmatch(gap) is not None

    def affiliations(self, start: int, end: int) -> tuple[str, ...]:
        """The affiliation names between ``start`` and ``end``, each once, in text order."""
        inside = [i for i in sorted(self.affiliation) if start <= self.names[i].start < end]
        return tuple(dict.fromkeys(name(self.names[i]) for i in inside))
