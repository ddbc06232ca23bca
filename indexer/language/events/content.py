"""What an event is about, read from its sentence: the words a speaker says (quoted or reported), what
an appeal asks, what an agreement agrees on, what a meeting discusses. :mod:`.summary` puts it in the
event's line; the text returned is raw article text (``summarize`` cleans and shortens it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.language.events.model import EventMention
from indexer.language.events.state import Sentence
from indexer.language.events.summary import summarize

__all__ = ["described", "said"]

_LEAD = re.compile(
    r"(?:\s|[,:;.]|\b(?:bahwa|that|pada|on|hari|kemarin|yesterday|today|kepada\s+(?:para\s+)?"
    r"(?:wartawan|awak\s+media|media|jurnalis|pers)|(?:to\s+)?(?:reporters|journalists|the\s+press)|"
    r"in\s+a\s+statement|dalam\s+(?:keterangan|pernyataan)(?:\s+(?:tertulis|resmi))?(?:nya)?)\b)*",
    re.IGNORECASE,
)
"""What comes between a speech verb and what it reports ("mengatakan kepada wartawan, bahwa …")."""
_OPENERS = "\"“‘'"
_CONNECTOR = re.compile(r"\b(?:agar|supaya|untuk|to|for|on|over|tentang|mengenai|soal|terkait|atas)\s+", re.IGNORECASE)
_SIGN = (
    "menandatangani",
    "ditandatangani",
    "penandatanganan",
    "sign",
    "perjanjian",
    "agreement",
    "accord",
    "pact",
    "treaty",
)
"""Triggers whose object is what is agreed ("menandatangani nota kesepahaman …")."""
_DISCUSS = re.compile(
    r"\b(?:membahas|membicarakan|bahas|to\s+discuss|discussed|discussing|discuss|talks\s+on)\s+", re.IGNORECASE
)
_SPEAKER_WORDS = 8
"""At most this many words from the comma to a final speech verb ("…, the Belgian minister said")."""
_CONNECT_WINDOW = 60
"""A connector more than this many characters after the trigger belongs to something else."""


def said(sent: Sentence, region: tuple[int, int], t_start: int, t_end: int, trailing: bool) -> tuple[str, bool]:
    """What the speech verb at ``t_start``–``t_end`` reports, as raw text, and whether it is quoted (the
    speaker's own words); ``region`` is the span :mod:`.attribution` found for it. Empty when nothing."""
    doc = sent.doc
    text = doc.text
    if trailing:  # “…,” kata X: the quotation closing right before the verb
        for q_start, q_end in reversed(doc.quotes):
            if q_end <= t_start and not text[q_end:t_start].strip(" ,\u00a0"):
                return _inside(text, q_start, q_end), True
            if q_end <= t_start:
                break
        words = text[max(sent.start, region[0]) : t_start]
        return (words if len(words.split()) >= 3 else ""), False
    start = _after_lead(sent, max(t_end, region[0] if region[0] > t_end else t_end))
    if start < sent.end and text[start] in _OPENERS:
        for q_start, q_end in doc.quotes:
            if q_start == start:
                return _inside(text, q_start, q_end), True
    words = text[start : sent.end]
    if len(words.split()) >= 2:
        return words, False
    return _before(sent, t_start), False


def described(sent: Sentence, mention: EventMention) -> EventMention:
    """``mention`` with a summary that says what it is about when its sentence tells it (statements
    are described where they are found: :mod:`.attribution`)."""
    kind = mention.type
    if kind == "STATEMENT":
        return mention
    what = ""
    t_start, t_end = mention.mention.trigger_start, mention.mention.trigger_end
    c_end = max(sent.clause(t_start)[1], min(sent.end, t_end + _CONNECT_WINDOW))
    text = sent.doc.text
    if kind in ("APPEAL", "AGREE"):
        found = _CONNECTOR.search(text, t_end, min(c_end, t_end + _CONNECT_WINDOW))
        if found:
            what = text[found.end() : c_end]
        elif mention.trigger.lower().startswith(_SIGN) and not sent.doc.inside_entity(t_end, min(c_end, t_end + 2)):
            what = text[t_end:c_end]
    elif kind in ("MEET", "VISIT"):
        found = _DISCUSS.search(text, t_end, c_end)
        if found:
            what = "to discuss " + text[found.end() : c_end]
    summary = summarize(kind, mention.actors, mention.place, _words(what), trigger=mention.trigger)
    return mention if summary == mention.summary else replace(mention, summary=summary)


def _words(what: str) -> str:
    """``what`` when it has a word of at least three letters, else nothing."""
    return what if any(len(w) >= 3 and w.isalpha() for w in what.split()) else ""


def _before(sent: Sentence, t_start: int) -> str:
    """What a sentence says before its speaker and a final speech verb ("The deal is off, Smith said")."""
    text = sent.doc.text
    comma = text.rfind(",", sent.start, t_start)
    if comma < 0 or len(text[comma:t_start].split()) > _SPEAKER_WORDS:
        return ""
    words = text[sent.start : comma]
    return words.strip(_OPENERS + "”’ ") if len(words.split()) >= 3 else ""


def _inside(text: str, start: int, end: int) -> str:
    return text[start:end].strip().strip(_OPENERS + "”’").strip(" ,")


def _after_lead(sent: Sentence, start: int) -> int:
    """``start`` moved past what stands between a speech verb and its words: a date ("pada Jumat
    (1/3)"), "kepada wartawan", "that"."""
    text = sent.doc.text
    while True:
        moved = _LEAD.match(text, start, sent.end)
        at = moved.end() if moved else start
        date = next((d for d in sent.dates if d.start == at), None)
        if date is None:
            return at
        start = date.end
