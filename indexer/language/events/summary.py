"""One short English line that says what an event is, for sidebars and timelines.

The line is built from the event's type, actors and place (the *bare template*: "Joko Widodo makes a
statement", "Alexander Lukashenko meets Xi Jinping in Beijing") and, when the sentence tells it, what
the event is about (``what``): what a speaker said (``Joko Widodo: "Kami sepakat menaikkan …"``,
``Joko Widodo says the deal will …``), what an appeal asks, what an agreement agrees on; a disaster is
named by its kind (``Earthquake in Lombok``) when its trigger says it. :func:`says_something` tells an
event whose line is only the bare template.

``what`` is untrusted article text: it is cleaned (:func:`plain`: no control characters or terminal
escape sequences, one space between words) and shortened at a word boundary (:func:`shorten`), and
it stays plain data: never read it as Rich markup (the UI shows it with ``rich.text.Text``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.language.events.model import Event, EventMention, EventType

__all__ = ["MAX_WHAT", "has_content", "plain", "says_something", "shorten", "summarize"]

MAX_WHAT = 72
"""At most this many characters of what an event is about (then "…")."""

_VERBS: dict[EventType, str] = {
    "MEET": "meets",
    "VISIT": "visits",
    "AGREE": "agrees with",
    "STATEMENT": "speaks about",
    "APPEAL": "appeals to",
    "REJECT": "rejects",
    "SUPPLY": "supplies",
    "MILITARY": "takes military action against",
    "PROTEST": "protests against",
    "LEGAL": "takes legal action against",
    "ELECTION": "election:",
    "DISASTER": "disaster:",
    "OTHER": "event with",
    "DEATH": "kills",
    "INJURY": "injures",
    "ATTACK": "attacks",
    "ARREST": "arrests",
    "TRIAL": "charges",
    "SENTENCE": "sentences",
    "RELEASE": "releases",
    "APPOINT": "appoints",
    "RESIGN": "dismisses",
    "ACQUIRE": "acquires",
    "LAUNCH": "launches",
    "CONTRACT": "signs",
    "EARTHQUAKE": "earthquake:",
    "FIRE": "fire:",
    "FLOOD": "flood:",
    "CRASH": "crash:",
}
_ALONE: dict[EventType, str] = {
    "MEET": "holds a meeting",
    "VISIT": "makes a visit",
    "AGREE": "signs an agreement",
    "STATEMENT": "makes a statement",
    "APPEAL": "makes an appeal",
    "REJECT": "rejects a proposal",
    "SUPPLY": "supplies goods",
    "MILITARY": "military action",
    "PROTEST": "protest",
    "LEGAL": "legal action",
    "ELECTION": "election",
    "DISASTER": "disaster",
    "OTHER": "event",
    "DEATH": "causes deaths",
    "INJURY": "injures people",
    "ATTACK": "carries out an attack",
    "ARREST": "makes an arrest",
    "TRIAL": "brings charges",
    "SENTENCE": "hands down a sentence",
    "RELEASE": "releases detainees",
    "APPOINT": "makes an appointment",
    "RESIGN": "dismisses staff",
    "ACQUIRE": "makes an acquisition",
    "LAUNCH": "launches a product",
    "CONTRACT": "signs a contract",
    "EARTHQUAKE": "earthquake",
    "FIRE": "fire",
    "FLOOD": "flood",
    "CRASH": "crash",
}
_PATIENT: dict[EventType, str] = {
    "DEATH": "dies",
    "INJURY": "is injured",
    "ATTACK": "is attacked",
    "ARREST": "is arrested",
    "TRIAL": "is charged",
    "SENTENCE": "is sentenced",
    "RELEASE": "is released",
    "APPOINT": "is appointed",
    "RESIGN": "resigns",
    "ACQUIRE": "is acquired",
    "LAUNCH": "is launched",
    "CONTRACT": "signs a contract",
}
"""What happens to the first actor when nobody named does it ("Mark Felt dies", "SPR is arrested")."""
_PATIENT_BY_TRIGGER: tuple[tuple[EventType, tuple[str, ...], str], ...] = (
    ("DEATH", ("kill", "dibunuh", "terbunuh", "murder", "slain", "pembunuhan"), "is killed"),
    ("ATTACK", ("shot", "ditembak", "tertembak", "penembakan", "shooting"), "is shot"),
    ("ATTACK", ("stab", "ditusuk", "ditikam", "penusukan", "dibacok"), "is stabbed"),
    ("SENTENCE", ("convict", "guilty"), "is convicted"),
    ("SENTENCE", ("jail", "imprison", "dipenjara"), "is jailed"),
    ("TRIAL", ("trial", "diadili", "disidang", "persidangan", "arraign"), "goes on trial"),
    ("TRIAL", ("ditetapkan",), "is named a suspect"),
    ("TRIAL", ("indict",), "is indicted"),
    ("APPOINT", ("elect", "re-elect", "terpilih"), "is elected"),
    ("APPOINT", ("sworn", "dilantik", "pelantikan", "inaugurat"), "is sworn in"),
    ("APPOINT", ("hired", "direkrut"), "is hired"),
    (
        "RESIGN",
        ("fired", "dipecat", "pemecatan", "sacked", "dismissed", "dicopot", "pencopotan", "diberhentikan", "ousted"),
        "is dismissed",
    ),
    ("RESIGN", ("stepped", "steps"), "steps down"),
)
"""Better words for what happens to the first actor, by the trigger's start."""
_NOBODY: dict[EventType, str] = {"DEATH": "Deaths", "INJURY": "Injuries", "ATTACK": "Attack"}
"""The line's head for an event told of a place alone ("Deaths in Aceh")."""
_PLACE_HEADS: dict[EventType, str] = {
    "ELECTION": "Election",
    "EARTHQUAKE": "Earthquake",
    "FIRE": "Fire",
    "FLOOD": "Flood",
    "CRASH": "Crash",
}
"""Events named by their kind and place ("Earthquake in Lombok (Mataram)"); DISASTER by its trigger."""
TOLD_BY_TYPE: frozenset[EventType] = frozenset((*_PATIENT, "EARTHQUAKE", "FIRE", "FLOOD", "CRASH"))
"""Types whose line says what happened whatever it holds ("SPR is arrested", "Earthquake in Tuban"):
never content-free (:func:`says_something`)."""
_PLURAL = (
    ("is ", "are "),
    ("dies", "die"),
    ("resigns", "resign"),
    ("signs ", "sign "),
    ("goes ", "go "),
    ("steps ", "step "),
)
_DISASTERS = (
    ("gempa", "Earthquake"),
    ("earthquake", "Earthquake"),
    ("quake", "Earthquake"),
    ("banjir", "Flood"),
    ("flood", "Flood"),
    ("longsor", "Landslide"),
    ("landslide", "Landslide"),
    ("tsunami", "Tsunami"),
    ("erupsi", "Eruption"),
    ("letusan", "Eruption"),
    ("eruption", "Eruption"),
    ("kebakaran", "Fire"),
    ("topan", "Typhoon"),
    ("typhoon", "Typhoon"),
    ("hurricane", "Hurricane"),
    ("badai", "Storm"),
    ("kecelakaan", "Accident"),
)
"""A disaster's trigger word (its start, lowercased) → the kind of disaster it names."""

_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_]?)|\x9b[0-?]*[ -/]*[@-~]?")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]+")
_SPACES = re.compile(r"\s+")
_TRIM = " ,;:-–—(“‘\"'"


def plain(text: str) -> str:
    """``text`` as one plain line: terminal escape sequences and control or invisible characters
    removed, runs of white space made one space, trimmed."""
    text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int = MAX_WHAT) -> str:
    """:func:`plain` ``text`` cut to at most ``limit`` characters at a word boundary, "…" marking the cut."""
    text = plain(text)
    if len(text) <= limit:
        text = text.rstrip(" ,;:-–—")
        return text[:-1] if text.endswith(".") and text[-2:-1].islower() else text
    cut = text.rfind(" ", 0, limit + 1)
    if cut < limit // 2:  # one long word: cut inside it rather than keep nothing
        cut = limit
    return text[:cut].rstrip(_TRIM) + " …"


def summarize(
    kind: EventType,
    actors: Sequence[str],
    place: str | None,
    what: str = "",
    *,
    quoted: bool = False,
    trigger: str = "",
    patient: bool = False,
) -> str:
    """One short English line for a sidebar: "Alexander Lukashenko meets Xi Jinping in Beijing".

    ``what`` (article text, cleaned and shortened here) is what the event is about: what a speaker
    said (``quoted``: the speaker's own words, shown in quotation marks), what an appeal asks, what an
    agreement agrees on. ``trigger`` names a disaster's kind ("gempa": Earthquake) and says better what
    happened to someone ("ditembak": is shot). ``patient``: nobody named does the event, ``actors``
    are those it happens to ("SPR is arrested", "Mark Felt dies"); else the first actor is its doer.
    """
    bare = _bare(kind, actors, place, trigger, patient)
    what = shorten(what) if what else ""
    if not what:
        return bare
    if kind == "STATEMENT" and actors:
        return f'{actors[0]}: "{what}"' if quoted else f"{actors[0]} says {what}"
    return f"{bare}: {what}"


def says_something(event: Event | EventMention) -> bool:
    """Whether the event's summary tells more than its bare template (type, actors and place): what
    was said, asked or agreed, or a disaster's kind; or whose type says what happened (:data:`TOLD_BY_TYPE`:
    a death, an arrest, an earthquake…)."""
    if event.type in TOLD_BY_TYPE and (event.actors or event.place):
        return True
    return event.summary != summarize(event.type, event.actors, event.place)


def has_content(event: Event | EventMention) -> bool:
    """Whether a reader learns something from the event's line: :func:`says_something`, or a meeting
    or visit with its partner or place ("Lukashenko meets Xi Jinping in Beijing"). The sidebar hides
    the others ("X makes a statement", "X signs an agreement") until asked."""
    if event.type in ("MEET", "VISIT") and (len(event.actors) >= 2 or (event.actors and event.place)):
        return True
    return says_something(event)


def _bare(kind: EventType, actors: Sequence[str], place: str | None, trigger: str, patient: bool = False) -> str:
    where = f" in {place}" if place and place not in actors[1:] else ""
    if kind == "DISASTER" or kind in _PLACE_HEADS:
        names = ", ".join(a for a in actors[:2] if a != place)
        head = f"{_disaster(trigger) if kind == 'DISASTER' else _PLACE_HEADS[kind]}{where}"
        return f"{head} ({names})" if names else head
    if not actors:
        return f"{_NOBODY[kind]}{where}" if kind in _NOBODY else f"{_ALONE[kind].capitalize()}{where}"
    if patient and kind in _PATIENT:
        return _happened(kind, actors, trigger) + where
    others = list(actors[1:3])
    if not others:
        if kind == "VISIT" and place:
            return f"{actors[0]} visits {place}"
        return f"{actors[0]} {_ALONE[kind]}{where}"
    tail = " and ".join(others) + (" and others" if len(actors) > 3 else "")
    return f"{actors[0]} {_VERBS[kind]} {tail}{where}"


def _happened(kind: EventType, actors: Sequence[str], trigger: str) -> str:
    """ "SPR is arrested", "Tara Reid and Lindsay Lohan are arrested": what happened to the actors."""
    lowered = trigger.lower()
    verb = next(
        (words for k, starts, words in _PATIENT_BY_TRIGGER if k == kind and lowered.startswith(starts)), _PATIENT[kind]
    )
    who = list(actors[:2])
    if len(who) > 1:
        for singular, plural in _PLURAL:
            if verb.startswith(singular):
                verb = plural + verb[len(singular) :]
                break
    return f"{' and '.join(who)}{' and others' if len(actors) > 2 else ''} {verb}"


def _disaster(trigger: str) -> str:
    lowered = trigger.lower()
    return next((kind for start, kind in _DISASTERS if lowered.startswith(start)), "Disaster")
