"""What an event is about, read from its sentence: the words a speaker says (quoted or reported), what
an appeal asks, what an agreement agrees on, what a meeting discusses. :mod:`.summary` puts it in the
event's line; the text returned is raw article text (``summarize`` cleans and shortens it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from indexer.language.events.model import EventMention
from indexer.language.events.state import Sentence
from indexer.language.events.summary import shorten

__all__ = ["described", "said"]

_LEAD = re.compile(
    r"(?:\s|[,:;.]|\b(?:bahwa|that|pada|on|hari|kemarin|yesterday|today|kepada\s+(?:para\s+)?"
    r"(?:wartawan|awak\s+media|media|jurnalis|pers)|(?:to\s+)?(?:reporters|journalists|the\s+press)|"
    r"in\s+(?:a|an|its|the|their|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:statement|bulletin|report|interview|letter|filing|release|speech)|dalam\s+(?:keterangan|pernyataan)(?:\s+(?:tertulis|resmi))?(?:nya)?)\b)*",
    re.IGNORECASE,
)
"""What comes between a speech verb and what it reports ("mengatakan kepada wartawan, bahwa …")."""
_OPENERS = "\"“‘'"
_CONNECTOR = re.compile(r"\b(?:agar|supaya|untuk|to|for|on|over|tentang|mengenai|soal|terkait|atas)\s+", re.IGNORECASE)
_SIGN = ("menandatangani", "ditandatangani", "penandatanganan", "sign", "perjanjian")
"""Triggers whose object is what is agreed ("menandatangani nota kesepahaman …")."""
_DISCUSS = re.compile(
    r"\b(?:membahas|membicarakan|bahas|to\s+discuss|discussed|discussing|discuss|talks\s+on)\s+", re.IGNORECASE
)
_SPEAKER_WORDS = 8
"""At most this many words from the comma to a final speech verb ("…, the Belgian minister said")."""
_LEGAL = re.compile(
    r"\b(?:for|over|karena|atas|terkait|dalam\s+kasus|kasus|in\s+connection\s+with|on\s+charges?\s+of)\s+",
    re.IGNORECASE,
)
_CONNECTORS: dict[str, re.Pattern[str]] = {
    "APPEAL": _CONNECTOR,
    "AGREE": _CONNECTOR,
    "MEET": _DISCUSS,
    "VISIT": _DISCUSS,
    "LEGAL": _LEGAL,
    "ARREST": _LEGAL,
    "TRIAL": _LEGAL,
    "SENTENCE": _LEGAL,
    "PROTEST": re.compile(r"\b(?:menolak|menuntut|memprotes|against|over|to\s+demand|terkait|soal)\s+", re.IGNORECASE),
}
"""Per type, the words after which a sentence says what the event is about."""
_PREFIX = {
    "MEET": "to discuss ",
    "VISIT": "to discuss ",
    "LEGAL": "over ",
    "ARREST": "over ",
    "TRIAL": "over ",
    "SENTENCE": "over ",
    "PROTEST": "over ",
}
_OBJECT_KINDS = frozenset(("REJECT", "SUPPLY"))
"""Types whose trigger's object says what the event is about ("menolak permohonan …", "sold its stake")."""
_NO_OBJECT = frozenset(
    """oleh karena dan yang sendiri itu tersebut ini pun juga dengan pada di ke dari untuk bahwa by and
    with to in at of on from that it""".split()
)
"""Words that start no object: what follows a trigger starting with one is not what it is about."""
_SHORT_CLAUSE = 15
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
    if mention.type == "STATEMENT":
        return mention
    what = _words(_what(sent, mention))
    if not what:  # the mention's line is its bare template, made where its roles were known
        return mention
    return replace(mention, summary=f"{mention.summary}: {shorten(what)}")


def _what(sent: Sentence, mention: EventMention) -> str:
    """What the event of ``mention`` is about, as its sentence tells it after the trigger: the words
    after a connector of its type, else the object of a verb whose object says it; empty otherwise."""
    kind, text = mention.type, sent.doc.text
    t_start, t_end = mention.mention.trigger_start, mention.mention.trigger_end
    found = None
    if kind in _CONNECTORS:
        found = _CONNECTORS[kind].search(text, t_end, min(sent.end, t_end + _CONNECT_WINDOW))
    if found:
        return _PREFIX.get(kind, "") + text[found.end() : _end(sent, t_start, found.end())]
    trigger = mention.trigger.lower()
    if (kind in _OBJECT_KINDS or (kind == "AGREE" and trigger.startswith(_SIGN))) and not sent.doc.inside_entity(
        t_end, t_end + 2
    ):
        words = text[t_end : _end(sent, t_start, t_end)]
        first = words.split(maxsplit=1)[:1]
        return words if first and first[0].lower() not in _NO_OBJECT else ""
    return ""


def _end(sent: Sentence, t_start: int, start: int) -> int:
    """Where what an event is about ends: its clause's end, the sentence's when the clause leaves too little."""
    c_end = sent.clause(t_start)[1]
    return c_end if c_end - start >= _SHORT_CLAUSE else sent.end


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
