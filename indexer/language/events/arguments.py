"""Events of trigger words: whether a trigger reports an event, its type, and its arguments.

A trigger reports nothing when it is quoted, in an opinion or under a modal in reported speech, right
after a modal, a negation or a purpose word (*dapat*, *tidak*, *untuk*), before *itu*/*tersebut*
(an event already told), or after a reference word (*dari kesepakatan*, *since the Paris Agreement*).
Its arguments come from the names of its clause: the doer is the nearest name before the trigger with
the names coordinated with it (*Xi Jinping dan … Lukashenko*), or the name after *oleh*/*by* in a
passive, or for a noun with no name before it the first name after it (*Pertemuan Putin dengan
Lukashenko*); the other participants follow the trigger. A place after *di*/*in*/*at* is the place,
one after *ke*/*to* the destination of a visit, and a place right after that place (*di Istana Merdeka,
Jakarta*) is where too; a disaster strikes places, nobody does it. A city or a region is never a party
to a meeting or an agreement (a country may be one).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from indexer.language.events import lexicon as lx
from indexer.language.events import senses
from indexer.language.events.affiliation import countries, with_countries
from indexer.language.events.attribution import Reported, unique
from indexer.language.events.dates import nearest_date
from indexer.language.events.model import EventMention, EventType, Mention
from indexer.language.events.state import SKIP_BEFORE_PLACE, Sentence, name
from indexer.language.events.summary import summarize
from indexer.language.events.words import BREAK, CALLED, SEND, SOURCE, SPEECH, THAT

__all__ = ["trigger_events"]

OBJECT_WINDOW = 10
"""Other participants are at most this many words after the trigger."""
_DIRECT = re.compile(
    r"\s*(?:(?:antara|between|kedua|para|the)\s+)?(?:(?!(?:dengan|with|ke|to|dari|from|di|in|at|oleh|by|terhadap"
    r"|against|untuk|for|atas|on|of|yang|who)\b)[a-z]+\s+)?(?:[A-Z][\w.]*\s+){0,4}|\s*[-–]\s*"
)
"""Between a noun trigger and a doer named after it: a title, an adjective, *antara*/*between*."""
_OF = re.compile(r"\s*(?:(?:of|terhadap)\s+)?(?:(?:the|kepada)\s+)?(?:[A-Z][\w.]*\s+){0,4}")
"""Between a noun trigger and the one it happens to: *of*, a title ("the arrest of Police Chief X")."""
_WITH = re.compile(r"\s*(?:dengan|with|dan|and|ke|to|terhadap|against|atas|on)\s+(?:[A-Z][\w.]*\s+){0,4}")
"""Between a noun's doer named after it and another participant: *dengan*/*with*."""
PARTNERS_NOT_PLACES: frozenset[EventType] = frozenset(("MEET", "AGREE"))
"""Events whose parties are never a city or a region ("Agus Rahardjo meets Jakarta" is a meeting in Jakarta)."""
PLACE_KINDS: frozenset[EventType] = frozenset(
    ("DISASTER", "ELECTION", "EARTHQUAKE", "FIRE", "FLOOD", "CRASH", "DEATH", "INJURY", "ATTACK")
)
"""Events that may be told of a place alone, nobody named ("Gempa di Lombok", "three died in Aceh")."""
STRIKES_PLACES: frozenset[EventType] = frozenset(("DISASTER", "EARTHQUAKE", "FIRE", "FLOOD"))
"""Events whose actors are the places they strike: nobody does them."""
VOICED: frozenset[EventType] = frozenset(
    ("DEATH", "INJURY", "ATTACK", "ARREST", "TRIAL", "SENTENCE", "RELEASE", "APPOINT", "RESIGN", "ACQUIRE", "LAUNCH")
)
"""Events done to someone: the name before a passive trigger (*ditangkap*, *was arrested*, *tewas*) is
the one it happens to, a doer only after *oleh*/*by*."""
_POSSESSIVES = ("a", "an", "its", "their", "his", "her")
_NOT_TRIGGERS = (None, SPEECH, SOURCE, BREAK, THAT)


def trigger_events(sent: Sentence, reported: list[Reported]) -> list[EventMention]:
    """The events the sentence's trigger words report (one per type and actor), in text order."""
    doc, words, roles = sent.doc, sent.words, sent.roles
    results: list[EventMention] = []
    for k in sent.cues:
        role = roles[k]
        if role in _NOT_TRIGGERS:
            continue
        assert role is not None
        t_start, t_end = sent.starts[k], sent.ends[k]
        kind = _kind(words, k, role)
        if kind is None or doc.inside_entity(t_start, t_end):
            continue
        region = next((r for r in reported if r.start <= t_start < r.end), None)
        if doc.in_quote(t_start) or (region is not None and (region.opinion or _modal_between(sent, region.start, k))):
            continue
        if _hedged(sent, k) or sent.next_word(k) in lx.DETERMINERS or _referred(sent, k) or _appealed(sent, k):
            continue
        if _proposed(sent, k):
            continue
        event = _event(sent, k, kind, region)
        if event is not None and not any(r.type == event.type and set(r.actors) & set(event.actors) for r in results):
            results.append(event)
    return results


def _referred(sent: Sentence, k: int) -> bool:
    """A trigger after a reference word (determiners and names skipped): a thing referred to, not an
    event reported ("dari kesepakatan", "since the Paris Agreement")."""
    doc = sent.doc
    for j in range(k - 1, max(-1, k - 5), -1):
        word = sent.words[j]
        if word in lx.REFERENCE_WORDS:
            # "dari"/"from" refer to a thing only for the things an event leaves (an agreement, a prison)
            return word not in lx.FROM_WORDS or sent.roles[k] in ("AGREE", "LEGAL", "ARREST", "SENTENCE")
        if (
            word not in SKIP_BEFORE_PLACE
            and word not in _POSSESSIVES
            and not doc.inside_entity(sent.starts[j], sent.ends[j])
        ):
            return False
    return False


APPEAL_WINDOW = 4
"""A noun trigger at most this many words after an appeal is what is called for."""
_VERB_PREFIXES = ("me", "ber", "di", "ter")


def _appealed(sent: Sentence, k: int) -> bool:
    """A noun trigger a few words after an appeal in its clause: what is called for, not done
    ("mendesak gencatan senjata, negosiasi", "called for the resignation of X", "urged talks")."""
    word = sent.words[k]
    if word.startswith(_VERB_PREFIXES) or word.endswith("ed") or sent.roles[k] == "APPEAL":
        return False
    clause_start = sent.clause(sent.starts[k])[0]
    for j in range(k - 1, max(-1, k - 1 - APPEAL_WINDOW), -1):
        if sent.starts[j] < clause_start:
            break
        if sent.roles[j] == "APPEAL" or (sent.roles[j] == CALLED and sent.words[j + 1] in ("on", "for")):
            return True
    return False


PROPOSED_WINDOW = 8
"""A proposal verb at most this many words after a noun trigger (its doer and partners between) proposes it."""


def _proposed(sent: Sentence, k: int) -> bool:
    """A noun trigger whose verb, the first after it in a few words, proposes it: "Pertemuan Trump-Rouhani
    digagas oleh Macron" is no meeting (yet)."""
    if sent.words[k].startswith(_VERB_PREFIXES) or sent.words[k].endswith("ed"):
        return False
    clause_end = sent.clause(sent.starts[k])[1]
    for j in range(k + 1, min(len(sent.words), k + 1 + PROPOSED_WINDOW)):
        if sent.starts[j] >= clause_end:
            break
        if sent.words[j] in lx.PROPOSED:
            return True
        if sent.words[j].startswith(_VERB_PREFIXES) or sent.words[j].endswith("ed"):
            return False  # the noun's own verb: "Pertemuan X dengan Y berlangsung"
    return False


def _modal_between(sent: Sentence, start: int, k: int) -> bool:
    """A modal or negation in the reported clause before its trigger: said to be possible, not done."""
    for j in range(k - 1, -1, -1):
        if sent.starts[j] < start:
            return False
        word = sent.words[j]
        if word in lx.MODALS or word in lx.NEGATIONS or word.endswith("n't"):
            return True
    return False


def _kind(words: list[str], k: int, role: str) -> EventType | None:
    if role == SEND:
        for after in words[k + 1 : k + 5]:
            if after in lx.TROOP_WORDS:
                return "MILITARY"
            if after in lx.GOODS_WORDS:
                return "SUPPLY"
        return None
    if role == CALLED:
        return "APPEAL" if k + 1 < len(words) and words[k + 1] in ("on", "for") else None
    kind = lx.trigger_type(words[k])
    return None if kind is None else senses.sense(words, k, kind)


def _hedged(sent: Sentence, k: int) -> bool:
    """A modal or a negation among the three words before the trigger, in its clause."""
    clause_start = sent.clause(sent.starts[k])[0]
    for j in range(k - 1, max(-1, k - 4), -1):
        if sent.starts[j] < clause_start:
            break
        word = sent.words[j]
        if word in lx.MODALS or word in lx.NEGATIONS or word.endswith("n't") or (j == k - 1 and word in lx.PURPOSE):
            return True
    return False


def _event(sent: Sentence, k: int, kind: EventType, region: Reported | None = None) -> EventMention | None:
    doc = sent.doc
    t_start, t_end = sent.starts[k], sent.ends[k]
    c_start, c_end = sent.clause(t_start)
    c_start, speaker_doer = _reported_clause(sent, k, c_start, region)
    names = sent.names
    text = doc.text
    candidates = sent.actor_indexes(c_start, c_end)
    if kind in PARTNERS_NOT_PLACES or kind in VOICED:  # a city is not arrested, nor a meeting's party
        candidates = [i for i in candidates if not _a_place(names[i].type, name(names[i]))]
    before = [
        i
        for i in candidates
        if names[i].end <= t_start
        # a possessor ("Martens's coalition government after talks") is the doer only right before its noun
        and not (text.startswith(("'s", "’s"), names[i].end) and sent.words_between(names[i].end, t_start) > 2)
    ]
    left = sent.near_left(before, t_start)
    relative = k > 0 and sent.words[k - 1] in lx.RELATIVE_WORDS
    if relative:  # "mahasiswa yang demo": the subject is the word before "yang", a name only if one ends there
        left = [i for i in left[-1:] if not text[names[i].end : sent.starts[k - 1]].strip(" ,")]
    right = [i for i in candidates if names[i].start >= t_end]
    pronoun_doer: str | None = speaker_doer
    left, pronoun_doer = _voiced_subject(sent, k, kind, left, right, pronoun_doer)
    doers = _passive_agents(sent, k, right, c_end)
    by_agent = bool(doers)
    if not doers and left and not pronoun_doer:
        doers = sent.coordinated_group(left)
    from_right = False
    if not doers and not left and not pronoun_doer and not relative:
        if not any(names[i].end <= t_start for i in candidates) and sent.pronoun_before(k, k, c_start):
            pronoun_doer = doc.last_subject
        elif right and _named_after(sent, k, kind, right[0]):
            # a noun and its doer right after it (Pertemuan Putin), not an object ("talks with Imtec")
            doers = [right[0]]
            from_right = True
    actors_list = [pronoun_doer] if pronoun_doer else []
    actors_list += [name(names[i]) for i in doers]
    others = [i for i in right if i not in doers and sent.words_between(t_end, names[i].start) <= OBJECT_WINDOW]
    if from_right:  # a noun and its doer after it: others only with "dengan"/"with" (Pertemuan Putin dengan Lukashenko)
        joined = text[names[doers[0]].end : names[others[0]].start] if others else ""
        if not _WITH.fullmatch(joined):
            others = []
    if not doers and not pronoun_doer and kind not in PLACE_KINDS:
        return None  # nobody named does it: "a new board pursue merger talks with Imtec" is no event of Imtec
    patient, actors_list = _voice(sent, k, kind, actors_list, left if by_agent else [], from_right)
    if not (patient and senses.passive(sent.words, k)):  # "ditangkap pihak kepolisian Monaco": no co-patient
        actors_list += [name(names[i]) for i in others]
    place = _place(sent, kind, t_start, c_start, c_end)
    if kind in STRIKES_PLACES:  # a disaster strikes places, nobody does it
        actors_list = [name(names[i]) for i in candidates if names[i].type == "LOC"]
        patient = False
    actors = unique([a for a in actors_list if a])
    if not actors and not (kind in PLACE_KINDS and place):
        return None
    if kind == "ATTACK" and set(actors) & countries():
        kind = "MILITARY"  # a country attacks or is attacked: an armed forces' strike
    if actors and names and doers and names[doers[0]].type == "PERSON":
        doc.last_subject = actors[0]
    trigger = text[t_start:t_end]
    return EventMention(
        type=kind,
        actors=actors,
        place=place,
        date=nearest_date(sent.dates, t_start, sent.clause(t_start), doc.published),
        summary=summarize(kind, actors, place, trigger=trigger, patient=patient),
        mention=Mention(doc.doc_id, sent.start, sent.end, t_start, t_end),
        trigger=trigger,
        affiliations=with_countries(actors, sent.affiliations(c_start, c_end)),
    )


def _named_after(sent: Sentence, k: int, kind: EventType, i: int) -> bool:
    """Whether name ``i`` right after noun trigger ``k`` is its doer (*Pertemuan Putin*) or, for an
    event done to someone, the one it happens to (*the resignation of Wilfried Martens*)."""
    text, t_end, start = sent.doc.text, sent.ends[k], sent.names[i].start
    if _DIRECT.fullmatch(text, t_end, start):
        return True
    return kind in VOICED and senses.noun(sent.words[k]) and _OF.fullmatch(text, t_end, start) is not None


def _voiced_subject(
    sent: Sentence, k: int, kind: EventType, left: list[int], right: list[int], pronoun_doer: str | None
) -> tuple[list[int], str | None]:
    """The names before a trigger done to someone and its pronoun subject, corrected: a pronoun between
    the last name and the trigger stands for the subject ("Anwar mengunjungi Habibie setelah dia
    dibebaskan"); a noun with the one it happens to after it has no subject before it ("the resignation
    of Wilfried Martens", "penangkapan Setya Novanto")."""
    names = sent.names
    if kind not in VOICED:
        return left, pronoun_doer
    if left and not pronoun_doer and sent.pronoun_before(k, 3, names[left[-1]].end):
        return [], sent.doc.last_subject
    if right and senses.noun(sent.words[k]) and _OF.fullmatch(sent.doc.text, sent.ends[k], names[right[0]].start):
        return [], pronoun_doer
    return left, pronoun_doer


def _voice(
    sent: Sentence, k: int, kind: EventType, actors: list[str], before_agent: list[int], from_right: bool
) -> tuple[bool, list[str]]:
    """Whether the first of ``actors`` is what the event happens to (nobody named does it), and the
    actors with the patients named before a passive trigger put after its doer (``before_agent``: the
    names before the trigger when the doer came after *oleh*/*by*). Only for :data:`VOICED` types."""
    if kind not in VOICED:
        return False, actors
    if not senses.passive(sent.words, k):
        return from_right, actors  # "menangkap X", "the arrest of X": X it happens to
    if before_agent:  # "X ditangkap oleh Polda": the doer first, then X
        return False, actors + [name(sent.names[i]) for i in sent.coordinated_group(before_agent)]
    return bool(actors), actors


def _a_place(entity_type: str, canonical: str) -> bool:
    """Whether a name is a place that is no party to a meeting or an agreement: a city, a region (a
    country may be one: "Indonesia dan Malaysia sepakat"). Without the country table, no place is
    told apart."""
    known = countries()
    return entity_type == "LOC" and bool(known) and canonical not in known


def _reported_clause(sent: Sentence, k: int, c_start: int, region: Reported | None) -> tuple[int, str | None]:
    """Where the clause of trigger ``k`` starts, and its doer when that is the speaker of the reported
    clause it is in (None otherwise)."""
    speaker_doer: str | None = None
    if region is not None and not region.trailing and region.start > c_start:
        # in a reported clause the doer is named in it, or it is the speaker ("Life said it signed")
        c_start = region.start
        first = bisect_left(sent.starts, c_start)
        if region.speaker and all(
            sent.words[j] in lx.SUBJECT_DROP or sent.words[j] in lx.COMPLEMENTIZERS for j in range(first, k)
        ):
            speaker_doer = region.speaker
    return c_start, speaker_doer


def _passive_agents(sent: Sentence, k: int, right: list[int], c_end: int) -> list[int]:
    """The names after a passive agent word ("oleh", "by") following trigger ``k`` in its clause, with
    the names coordinated with the first; empty when there is none (``right``: the names after ``k``)."""
    names = sent.names
    t_end = sent.ends[k]
    doers: list[int] = []
    agent_at = next(
        (
            s
            for s, w in zip(sent.starts[k + 1 : k + 8], sent.words[k + 1 : k + 8], strict=True)
            if w in lx.PASSIVE_AGENT and s < c_end
        ),
        None,
    )
    if agent_at is not None and any(t_end <= names[i].start < agent_at for i in right):
        agent_at = None  # "Pertemuan Trump-Rouhani digagas oleh Macron": the agent of another verb
    if agent_at is not None:
        after_agent = [i for i in right if names[i].start >= agent_at]
        if after_agent:
            group = [after_agent[0]]
            for i in after_agent[1:]:
                if not sent.coordination_gap(sent.strip_entities(names[group[-1]].end, names[i].start)):
                    break
                group.append(i)
            doers = group
    return doers


def _place(sent: Sentence, kind: EventType, t_start: int, c_start: int, c_end: int) -> str | None:
    """Where: a visit's destination after the trigger, else a place after *di*/*in*/*at* (after the
    trigger first); for a disaster, a crash or an election, else the first place of the clause."""
    names = sent.names
    places = [i for i in sorted(sent.place_role) if c_start <= names[i].start < c_end]
    if kind == "VISIT":
        destinations = [i for i in places if sent.place_role[i] == "to" and names[i].start > t_start]
        if destinations:
            return name(names[destinations[0]])
    at = [i for i in places if sent.place_role[i] == "at"]
    if at:
        after = [i for i in at if names[i].start > t_start]
        return name(names[(after or at)[0]])
    if kind in STRIKES_PLACES or kind in ("ELECTION", "CRASH"):
        locs = [i for i in range(len(names)) if names[i].type == "LOC" and c_start <= names[i].start < c_end]
        if locs:
            return name(names[locs[0]])
    return None
