"""Event mentions of one article: trigger words, their arguments from the sentence's entities, dates.

Only the sentences holding a cue word (:func:`.words.cues`: a trigger, a speech verb, a send) are
read; per sentence (:func:`.sentences.split_sentences`):

1. Trigger words (:mod:`.lexicon`) give an event type; a send (*mengirim*, *sent*) is MILITARY with
   troops, SUPPLY with weapons, aid or goods, nothing otherwise.
2. Attribution (:mod:`.attribution`): a speech verb with a named speaker is a STATEMENT; what the
   speaker says yields no event of its own when it is quoted, an opinion, or under a modal or a
   negation — "Koffler mengatakan bahwa China dapat menyalurkan senjata" is Koffler's statement, not a
   delivery; "Life said it signed an agreement" is a statement and an agreement. Names after a source
   word (*menurut Belta*) are neither speakers nor actors.
3. Triggers and their arguments (:mod:`.arguments`): outside reported speech too, a trigger right
   after a modal, a negation or a purpose word is not reported as done, and a noun trigger followed by
   *itu*/*tersebut*/*ini* refers back to an event already told. The doer is the nearest name before
   the trigger (or after *oleh*/*by*, or after a noun with no name before it), the other participants
   follow it; places after *di*/*in*/*at* and *ke*/*to*; a country right before a person (*Presiden
   China Xi Jinping*) is an affiliation (:mod:`.state`). *dia*/*ia*/*-nya*/*he* stand for the last
   person named as a subject (or, after a speech verb, the last speaker).
4. Date (:mod:`.dates`): the sentence's date nearest the trigger, else the publication date, else
   none; a week is dated to the month of its Thursday.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from indexer.language.entities.model import Entity
from indexer.language.events import lexicon as lx
from indexer.language.events.arguments import trigger_events
from indexer.language.events.attribution import Reported, mark_sources, statements
from indexer.language.events.content import described
from indexer.language.events.dates import to_partial_date
from indexer.language.events.model import EventMention
from indexer.language.events.sentences import split_sentences
from indexer.language.events.state import ACTOR_TYPES, Doc, Sentence, name
from indexer.language.events.summary import summarize
from indexer.language.events.words import cues as find_cues
from indexer.language.events.words import tokens
from indexer.model import PartialDate

__all__ = ["extract_events", "summarize", "to_partial_date"]

LONG_SENTENCE = 500
WINDOW = 200
"""A sentence longer than LONG_SENTENCE characters is read WINDOW characters either side of its cues."""
MAX_TEXT = 2_000_000
"""Longer texts are cut: extraction stays linear and bounded on pathological input."""


def extract_events(
    doc_id: str,
    text: str,
    entities: Sequence[Entity],
    lang: str | None = None,
    published: PartialDate | None = None,
) -> list[EventMention]:
    """Event mentions of one article, in text order.

    ``text`` is the cleaned article text and ``entities`` its entities (``indexer.language.entities.annotate``
    of the same text with the same ``published``); ``lang`` is accepted for the caller's convenience:
    the trigger tables of both languages are always used, as articles mix them. Pure and never raises
    on odd input (empty text, no entities, entities out of range).
    """
    del lang
    if not isinstance(text, str) or not text:
        return []
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lengthen when lowered: keep offsets exact
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    cues = find_cues(lowered)
    if not cues:
        return []
    doc = Doc(doc_id, text, entities, published)
    sentences = split_sentences(text)
    starts = [start for start, _ in sentences]
    wanted: dict[int, list[int]] = {}
    size = len(lowered)
    for word in cues:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not lowered[at - 1].isalnum()) and (end == size or not lowered[end].isalnum()):
                wanted.setdefault(bisect_left(starts, at + 1) - 1, []).extend((at, end))
            at = lowered.find(word, end)
    subjects = _first_persons(doc, starts)
    subject_at = sorted(subjects)
    for index in sorted(i for i in wanted if i >= 0):
        s_start, s_end = sentences[index]
        if s_end - s_start > LONG_SENTENCE:  # scraped text with no stops: a window around the cue words
            s_start, s_end = _window(text, s_start, s_end, wanted[index])
        before = bisect_left(subject_at, index) - 1
        if before >= 0:
            doc.last_subject = subjects[subject_at[before]]
        inside = doc.entities_in(s_start, s_end)
        if not _may_name_anyone(inside, lowered, s_start, s_end, wanted[index]):
            continue
        _sentence(Sentence(doc, s_start, s_end, tokens(lowered, s_start, s_end), inside))
    return doc.out


def _sentence(sent: Sentence) -> None:
    """Add the events of one sentence to its document's mentions, in trigger order."""
    mark_sources(sent)
    reported: list[Reported] = []
    found = statements(sent, reported)
    found += [described(sent, e) for e in trigger_events(sent, reported)]
    found.sort(key=lambda e: e.mention.trigger_start)
    sent.doc.out.extend(found)


_PRONOUN = re.compile(r"\b(?:" + "|".join(sorted(lx.PRONOUNS)) + r")\b")


def _may_name_anyone(entities: list[Entity], lowered: str, start: int, end: int, cues: list[int]) -> bool:
    """Whether a sentence (its ``entities``, its ``cues`` as start and end offsets) can yield an event
    at all: an actor, a speaker and a place all come from its names (persons, organisations, places)
    or from a pronoun (*dia*, *he*, *katanya*) standing for one named before. Most sentences have
    names; for the others one regex search spares the reading."""
    if any(e.type in ACTOR_TYPES for e in entities) or _PRONOUN.search(lowered, start, end):
        return True
    return any(lowered.endswith("nya", cues[i], cues[i + 1]) for i in range(0, len(cues), 2))


def _window(text: str, start: int, end: int, cues: list[int]) -> tuple[int, int]:
    """The part of a long sentence from a clause mark before its first cue word to one after its last."""
    low = max(start, min(cues) - WINDOW)
    high = min(end, max(cues) + WINDOW)
    if low > start:
        cut = max(text.rfind(",", start, low), text.rfind(";", start, low))
        low = cut + 1 if cut >= 0 else low
        while low < high and not text[low].isspace():
            low += 1
    if high < end:
        cut = text.find(",", high, end)
        high = cut if cut >= 0 else end
    return low, high


def _first_persons(doc: Doc, starts: list[int]) -> dict[int, str]:
    """Sentence index → the first person it names (what a later *dia*/*ia* most likely stands for)."""
    found: dict[int, str] = {}
    for entity in doc.entities:
        if entity.type == "PERSON":
            found.setdefault(bisect_left(starts, entity.start + 1) - 1, name(entity))
    return found
