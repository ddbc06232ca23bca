"""Event mentions of one article: trigger words, their arguments from the sentence's entities, dates.

Per sentence (:func:`.sentences.split_sentences`):

1. Trigger words (:mod:`.lexicon`) give an event type; a send (*mengirim*, *sent*) is MILITARY with
   troops, SUPPLY with weapons, aid or goods, nothing otherwise.
2. Attribution: a speech verb with a named speaker (before it, or after it in “…,” *kata Koffler*)
   is a STATEMENT. What the speaker says yields no event of its own when it is quoted, when the verb
   gives an opinion (*percaya*, *menilai*, *believe*), or when a modal or negation comes before the
   trigger in the reported clause — "Koffler mengatakan bahwa China dapat menyalurkan senjata" is
   Koffler's statement, not a delivery; "Life said it signed an agreement" is a statement and an
   agreement. Outside reported speech too, a trigger right after a modal (*dapat*, *could*, *ingin*),
   a negation (*tidak*, *not*) or a purpose word (*untuk*, *to*) is not reported as done: nothing.
   A noun trigger followed by *itu*/*tersebut*/*ini* refers back to an event already told: nothing.
3. Arguments come from the entities of the trigger's clause: the doer is the nearest name before the
   trigger, with the names coordinated with it (*Xi Jinping dan … Lukashenko*), or the name after
   *oleh*/*by* in a passive, or for a noun with no name before it the first name after it (*Pertemuan
   Putin dengan Lukashenko*); the other participants follow the trigger. A place after *di*/*in*/*at*
   is the place, one after *ke*/*to* the destination of a visit; a country right before a person
   (*Presiden China Xi Jinping*) is that person's affiliation, not an actor; a source (*menurut Belta*,
   *lapor … Belta*) is neither. *dia*/*ia*/*-nya*/*he* stand for the last person named as a subject
   (or, after a speech verb, the last speaker).
4. Date: the sentence's date nearest the trigger (its clause first), else the publication date, else
   none; a relative date that could not be resolved leaves the event undated rather than guessed. A
   week ("pekan lalu", ``2023-W09``) is dated to the month of its Thursday.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from indexer.entities.model import Entity
from indexer.events import lexicon as lx
from indexer.events.affiliation import news_media, person_countries
from indexer.events.model import EventMention, EventType, Mention
from indexer.events.sentences import quotations, split_sentences
from indexer.model import PartialDate

__all__ = ["extract_events", "summarize", "to_partial_date"]

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_CLAUSE_MARK = re.compile(r"[;:](?!\d)|\s[–—]\s")
_COORDINATION_GAP = re.compile(
    r"[\s,]*(?:(?:dan|serta|and|&|,)\s*)?(?:the\s+)?(?:[A-Z][\w.]*\s*){0,4}[\s,]*|\s*[-–/]\s*"
)
_AFFILIATION_GAP = re.compile(r"[\s,]{0,3}")
_SPEECH_OPEN = re.compile(r"[,”\"’]\s*$")
_ACTOR_TYPES = frozenset(("PERSON", "ORG", "LOC"))
_DETERMINERS = frozenset(("itu", "tersebut", "ini"))
"""After a noun trigger, a reference back to an event already told (*kunjungan ini*), not a new one."""
_SKIP_BEFORE_PLACE = frozenset(("kota", "ibu", "ibukota", "negara", "the", "city", "of", "capital", "wilayah"))
MAX_ACTORS = 4
LONG_SENTENCE = 500
WINDOW = 200
"""A sentence longer than LONG_SENTENCE characters is read WINDOW characters either side of its cues."""
SUBJECT_WINDOW = 8
OBJECT_WINDOW = 10
_DIRECT = re.compile(
    r"\s*(?:(?:antara|between|kedua|para|the)\s+)?(?:(?!(?:dengan|with|ke|to|dari|from|di|in|at|oleh|by|terhadap"
    r"|against|untuk|for|atas|on|of|yang|who)\b)[a-z]+\s+)?(?:[A-Z][\w.]*\s+){0,4}|\s*[-–]\s*"
)
"""Between a noun trigger and a doer named after it: a title, an adjective, *antara*/*between*."""
_WITH = re.compile(r"\s*(?:dengan|with|dan|and|ke|to|terhadap|against|atas|on)\s+(?:[A-Z][\w.]*\s+){0,4}")
"""A doer or speaker is at most this many words before its verb."""
MAX_TEXT = 2_000_000
"""Longer texts are cut: extraction stays linear and bounded on pathological input."""


def to_partial_date(canonical: str | None) -> PartialDate | None:
    """A DATE entity's canonical value as a date of its precision; a week becomes the month of its
    Thursday; anything else (None, unreadable) is None."""
    if not canonical:
        return None
    size = len(canonical)
    if size == 10 and canonical[4] == "-":
        return PartialDate(canonical, "day")
    if size == 7 and canonical[4] == "-":
        return PartialDate(canonical, "month")
    if size == 4 and canonical.isdigit():
        return PartialDate(canonical, "year")
    if size == 8 and canonical[5] == "W":
        try:
            thursday = datetime.date.fromisocalendar(int(canonical[:4]), int(canonical[6:]), 4)
        except ValueError:
            return None
        return PartialDate(thursday.isoformat()[:7], "month")
    return None


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
}


def summarize(kind: EventType, actors: Sequence[str], place: str | None) -> str:
    """One short English line for a sidebar: "Alexander Lukashenko meets Xi Jinping in Beijing"."""
    where = f" in {place}" if place and place not in actors[1:] else ""
    if kind in ("ELECTION", "DISASTER"):
        names = ", ".join(a for a in actors[:2] if a != place)
        head = f"{kind.capitalize()}{where}"
        return f"{head} ({names})" if names else head
    if not actors:
        return f"{_ALONE[kind].capitalize()}{where}"
    others = list(actors[1:3])
    if not others:
        if kind == "VISIT" and place:
            return f"{actors[0]} visits {place}"
        return f"{actors[0]} {_ALONE[kind]}{where}"
    tail = " and ".join(others) + (" and others" if len(actors) > 3 else "")
    return f"{actors[0]} {_VERBS[kind]} {tail}{where}"


class _Doc:
    """The per-article state of one extraction run."""

    def __init__(self, doc_id: str, text: str, entities: Sequence[Entity], published: PartialDate | None) -> None:
        self.doc_id = doc_id
        self.text = text
        self.published = published
        self.entities = [e for e in entities if 0 <= e.start < e.end <= len(text)]
        self.entities.sort(key=lambda e: (e.start, e.end))
        self.entity_starts = [e.start for e in self.entities]
        self.entity_ends = [e.end for e in self.entities]
        self.quotes = quotations(text)
        self.quote_starts = [q[0] for q in self.quotes]
        self.last_subject: str | None = None
        self.last_speaker: str | None = None
        self.out: list[EventMention] = []

    def in_quote(self, position: int) -> bool:
        i = bisect_left(self.quote_starts, position + 1) - 1
        return i >= 0 and self.quotes[i][0] <= position < self.quotes[i][1]

    def entities_in(self, start: int, end: int) -> list[Entity]:
        i = bisect_left(self.entity_ends, start + 1)
        found: list[Entity] = []
        while i < len(self.entities) and self.entities[i].start < end:
            entity = self.entities[i]
            if entity.start >= start and entity.end <= end:
                found.append(entity)
            i += 1
        return found

    def inside_entity(self, start: int, end: int) -> bool:
        i = bisect_left(self.entity_ends, start + 1)
        return i < len(self.entities) and self.entities[i].start < end


def _name(entity: Entity) -> str:
    return entity.canonical or entity.text


def extract_events(
    doc_id: str,
    text: str,
    entities: Sequence[Entity],
    lang: str | None = None,
    published: PartialDate | None = None,
) -> list[EventMention]:
    """Event mentions of one article, in text order.

    ``text`` is the cleaned article text and ``entities`` its entities (``indexer.entities.annotate``
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
    get = _ROLES.get
    cues = []
    words: set[str] = set()
    for chunk in set(lowered.split()):  # words never span whitespace: split first, regex only what needs it
        if chunk.isalnum():
            words.add(chunk)
        else:
            words.update(_WORD.findall(chunk))
    for word in words:
        role = get(word, "")
        if role == "":
            role = _role(word)
        if role is not None and role not in _NOT_CUES:
            cues.append(word)
    if not cues:
        return []
    doc = _Doc(doc_id, text, entities, published)
    sentences = split_sentences(text)
    starts = [start for start, _ in sentences]
    wanted: dict[int, list[int]] = {}
    for word in cues:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not lowered[at - 1].isalnum()) and (end == len(lowered) or not lowered[end].isalnum()):
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
        _sentence(doc, s_start, s_end, *_tokens(lowered, s_start, s_end))
    return doc.out


def _tokens(lowered: str, start: int, end: int) -> tuple[list[tuple[int, int, str]], list[int], list[str | None]]:
    """The words of ``lowered[start:end]`` with their offsets and starts, and their roles. Between two
    words lie only non-word characters, so each word is found by ``str.find`` from the end of the one
    before: one C call a word instead of three match-object calls."""
    tokens: list[tuple[int, int, str]] = []
    starts: list[int] = []
    roles: list[str | None] = []
    find, get = lowered.find, _ROLES.get
    at = start
    for word in _WORD.findall(lowered, start, end):
        at = find(word, at)
        after = at + len(word)
        tokens.append((at, after, word))
        starts.append(at)
        role = get(word, "")
        roles.append(_role(word) if role == "" else role)
        at = after
    return tokens, starts, roles


_SPEECH, _SEND, _SOURCE, _BREAK, _THAT, _CALLED = "~speech", "~send", "~source", "~break", "~that", "~called"
_ROLES: dict[str, str | None] = {}
"""Lowercase word → what it is here: an event type (a trigger) or one of the ``~`` markers, or None."""


def _role(word: str) -> str | None:
    role = _ROLES.get(word, "")
    if role != "":
        return role
    if word in lx.SPEECH_VERBS:
        role = _SPEECH
    elif word in lx.SEND_WORDS:
        role = _SEND
    elif word in lx.SOURCE_WORDS:
        role = _SOURCE
    elif word in lx.CLAUSE_BREAKS:
        role = _BREAK
    elif word in lx.COMPLEMENTIZERS:
        role = _THAT
    elif word == "called":
        role = _CALLED
    else:
        role = lx.trigger_type(word)
    if len(_ROLES) > 500_000:
        _ROLES.clear()
    _ROLES[word] = role
    return role


_NOT_CUES = frozenset((_SOURCE, _BREAK, _THAT))


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


def _first_persons(doc: _Doc, starts: list[int]) -> dict[int, str]:
    """Sentence index → the first person it names (what a later *dia*/*ia* most likely stands for)."""
    found: dict[int, str] = {}
    for entity in doc.entities:
        if entity.type == "PERSON":
            found.setdefault(bisect_left(starts, entity.start + 1) - 1, _name(entity))
    return found


class _Sentence:
    """Roles of the entities of one sentence."""

    def __init__(
        self,
        doc: _Doc,
        start: int,
        end: int,
        tokens: list[tuple[int, int, str]],
        token_starts: list[int],
        roles: list[str | None],
    ) -> None:
        self.doc = doc
        self.roles = roles
        self.cues = [k for k, role in enumerate(roles) if role is not None]
        self.start = start
        self.end = end
        self.tokens = tokens
        self.token_starts = token_starts
        all_entities = doc.entities_in(start, end)
        self.dates = [e for e in all_entities if e.type == "DATE"]
        self.names = [e for e in all_entities if e.type in _ACTOR_TYPES]
        self.affiliation: set[int] = set()
        self.place_role: dict[int, str] = {}
        self.source: set[int] = set()
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
            if entity.type == "LOC" and word in lx.ORIGIN_WORDS:
                self.affiliation.add(i)
            elif word in lx.LOCATIVE:  # an organisation after di/in/at is where it happens too (ditahan di Mapolres)
                self.place_role[i] = "at"
            elif entity.type == "LOC" and word in lx.DESTINATION:
                self.place_role[i] = "to"
        self.breaks = self._breaks()

    def word_before(self, position: int) -> str:
        k = bisect_left(self.token_starts, position) - 1
        while k >= 0 and self.tokens[k][2] in _SKIP_BEFORE_PLACE:
            k -= 1
        return self.tokens[k][2] if k >= 0 else ""

    def _breaks(self) -> list[int]:
        found = [m.start() for m in _CLAUSE_MARK.finditer(self.doc.text, self.start, self.end)]
        speech_seen = False
        for k in self.cues:
            t_start, role = self.tokens[k][0], self.roles[k]
            if role is _SPEECH:
                speech_seen = True
            elif role is _BREAK or (speech_seen and role is _THAT):
                found.append(t_start)
        found.sort()
        return found

    def clause(self, position: int) -> tuple[int, int]:
        k = bisect_left(self.breaks, position + 1)
        left = self.breaks[k - 1] if k > 0 else self.start
        right = self.breaks[k] if k < len(self.breaks) else self.end
        return left, right

    def actor_indexes(self, start: int, end: int, quoted: bool = False) -> list[int]:
        """Names that can be actors between ``start`` and ``end`` (not places where, affiliations, sources)."""
        return [
            i
            for i, e in enumerate(self.names)
            if start <= e.start
            and e.end <= end
            and i not in self.affiliation
            and i not in self.source
            and self.place_role.get(i) != "at"
            and (quoted or not self.doc.in_quote(e.start))
        ]

    def words_between(self, start: int, end: int) -> int:
        """How many words lie between two offsets of the sentence."""
        return bisect_left(self.token_starts, end) - bisect_left(self.token_starts, start)

    def near_left(self, indexes: list[int], position: int) -> list[int]:
        """``indexes`` whose last one ends at most :data:`SUBJECT_WINDOW` words before ``position``."""
        if indexes and self.words_between(self.names[indexes[-1]].end, position) <= SUBJECT_WINDOW:
            return indexes
        return []

    def pronoun_before(self, k: int, window: int, floor: int) -> bool:
        return any(w in lx.PRONOUNS for s, _, w in self.tokens[max(0, k - window) : k] if s >= floor)

    def coordinated_group(self, indexes: list[int]) -> list[int]:
        """The last name of ``indexes`` with the names coordinated before it, in text order."""
        group = [indexes[-1]]
        for k in range(len(indexes) - 2, -1, -1):
            gap = _strip_entities(self, self.names[indexes[k]].end, self.names[group[0]].start)
            if not _COORDINATION_GAP.fullmatch(gap):
                break
            group.insert(0, indexes[k])
        return group


def _strip_entities(sent: _Sentence, start: int, end: int) -> str:
    """The text between two names with any affiliation names blanked (``dan Presiden Belarusia``)."""
    text = sent.doc.text[start:end]
    for i in sent.affiliation:
        entity = sent.names[i]
        if start <= entity.start and entity.end <= end:
            a, b = entity.start - start, entity.end - start
            text = text[:a] + "X" * (b - a) + text[b:]
    return text


def _sentence(
    doc: _Doc,
    s_start: int,
    s_end: int,
    tokens: list[tuple[int, int, str]],
    token_starts: list[int],
    roles: list[str | None],
) -> None:
    sent = _Sentence(doc, s_start, s_end, tokens, token_starts, roles)
    reported: list[_Reported] = []
    statements: list[EventMention] = []
    # sources: "menurut X", ", lapor ... X" — names that only say where the news comes from
    roles = sent.roles
    for k in sent.cues:
        (t_start, t_end, word), role = tokens[k], roles[k]
        if role is _SOURCE:
            trailing = (
                word != "menurut"
                and word != "according"
                and bool(_SPEECH_OPEN.search(doc.text, max(s_start, t_start - 3), t_start))
            )
            by = k + 1 < len(tokens) and tokens[k + 1][2] in lx.PASSIVE_AGENT  # "dilaporkan oleh akun Twitter"
            if word in ("menurut", "according") or trailing or by:
                limit = s_end if trailing else sent.clause(t_end)[1]
                for i, entity in enumerate(sent.names):
                    if t_end <= entity.start < limit and (trailing or entity.start - t_end < 40):
                        sent.source.add(i)
                        if not trailing:
                            break
    for k in sent.cues:
        t_start = tokens[k][0]
        if roles[k] is not _SPEECH or doc.in_quote(t_start):
            continue
        if k + 1 < len(tokens) and tokens[k + 1][2] in _DETERMINERS:  # "Pernyataan itu": one already told
            continue
        statement = _speech(doc, sent, k, reported)
        if statement is not None:
            statements.append(statement)
    results: list[EventMention] = []
    for k in sent.cues:
        t_start, t_end, _ = tokens[k]
        role = roles[k]
        if role is None or role is _SPEECH or role is _SOURCE or role is _BREAK or role is _THAT:
            continue
        kind = _kind(tokens, k, role)
        if kind is None or doc.inside_entity(t_start, t_end):
            continue
        region = next((r for r in reported if r.start <= t_start < r.end), None)
        if doc.in_quote(t_start) or (
            region is not None and (region.opinion or _modal_between(tokens, region.start, k))
        ):
            continue
        if _hedged(sent, k) or (k + 1 < len(tokens) and tokens[k + 1][2] in _DETERMINERS) or _referred(sent, k):
            continue
        event = _event(doc, sent, k, kind, region)
        if event is not None and not any(r.type == event.type and set(r.actors) & set(event.actors) for r in results):
            results.append(event)
    merged = sorted(statements + results, key=lambda e: e.mention.trigger_start)
    doc.out.extend(merged)


class _Reported(NamedTuple):
    """What a speech verb attributes: the span of the reported words, and who says them."""

    start: int
    end: int
    opinion: bool
    speaker: str | None
    trailing: bool


def _referred(sent: _Sentence, k: int) -> bool:
    """A trigger after a reference word (determiners and names skipped): a thing referred to, not an
    event reported ("dari kesepakatan", "since the Paris Agreement")."""
    doc = sent.doc
    for j in range(k - 1, max(-1, k - 5), -1):
        t_start, t_end, word = sent.tokens[j]
        if word in lx.REFERENCE_WORDS:
            # "dari"/"from" refer to a thing only for the things an event leaves (an agreement, a prison)
            return word not in lx.FROM_WORDS or sent.roles[k] in ("AGREE", "LEGAL")
        if (
            word not in _SKIP_BEFORE_PLACE
            and word not in ("a", "an", "its", "their", "his", "her")
            and not (doc.inside_entity(t_start, t_end))
        ):
            return False
    return False


def _modal_between(tokens: list[tuple[int, int, str]], start: int, k: int) -> bool:
    """A modal or negation in the reported clause before its trigger: said to be possible, not done."""
    for j in range(k - 1, -1, -1):
        t_start, _, word = tokens[j]
        if t_start < start:
            return False
        if word in lx.MODALS or word in lx.NEGATIONS or word.endswith("n't"):
            return True
    return False


def _kind(tokens: list[tuple[int, int, str]], k: int, role: str) -> EventType | None:
    if role is _SEND:
        for _, _, after in tokens[k + 1 : k + 5]:
            if after in lx.TROOP_WORDS:
                return "MILITARY"
            if after in lx.GOODS_WORDS:
                return "SUPPLY"
        return None
    if role is _CALLED:
        return "APPEAL" if k + 1 < len(tokens) and tokens[k + 1][2] in ("on", "for") else None
    return lx.trigger_type(tokens[k][2])


def _hedged(sent: _Sentence, k: int) -> bool:
    """A modal or a negation among the three words before the trigger, in its clause."""
    clause_start = sent.clause(sent.tokens[k][0])[0]
    for j in range(k - 1, max(-1, k - 4), -1):
        t_start, _, word = sent.tokens[j]
        if t_start < clause_start:
            break
        if word in lx.MODALS or word in lx.NEGATIONS or word.endswith("n't") or (j == k - 1 and word in lx.PURPOSE):
            return True
    return False


def _date(sent: _Sentence, position: int) -> PartialDate | None:
    if sent.dates:
        c_start, c_end = sent.clause(position)
        in_clause = [d for d in sent.dates if c_start <= d.start < c_end]
        pool = in_clause or sent.dates
        nearest = min(pool, key=lambda d: abs(d.start - position))
        return to_partial_date(nearest.canonical)
    return sent.doc.published


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))[:MAX_ACTORS]


def _speech(doc: _Doc, sent: _Sentence, k: int, reported: list[_Reported]) -> EventMention | None:
    t_start, t_end, word = sent.tokens[k]
    speaker: str | None = None
    co_speakers: list[str] = []
    trailing = word in lx.TRAILING_SPEECH and bool(_SPEECH_OPEN.search(doc.text, max(sent.start, t_start - 3), t_start))
    by_saying = k > 0 and sent.tokens[k - 1][2] in ("dengan", "sambil", "by", "seraya")
    if trailing:
        region = (sent.start, t_start)
        following = [e for e in sent.names if t_end <= e.start < t_end + 60 and not doc.in_quote(e.start)]
        if word.endswith("nya") or (k + 1 < len(sent.tokens) and sent.tokens[k + 1][2] in lx.PRONOUNS):
            speaker = doc.last_speaker or doc.last_subject
        elif following and following[0].type != "LOC":
            speaker = _name(following[0])
    else:
        c_start = sent.clause(t_start)[0]
        left = sent.near_left(sent.actor_indexes(c_start, t_start), t_start)
        if by_saying:
            pass
        elif sent.pronoun_before(k, 2, c_start):
            speaker = doc.last_speaker or doc.last_subject
        elif left:
            if _anonymous(sent, left[-1]):
                left = []
            else:
                group = _speaker_group(sent, left)
                speaker = _name(sent.names[group[0]])
                co_speakers = [_name(sent.names[i]) for i in group[1:]]
        if by_saying or speaker is not None:
            pass
        elif sent.pronoun_before(k, SUBJECT_WINDOW, c_start):
            speaker = doc.last_subject
        after = bisect_left(sent.token_starts, t_end)
        start = t_end
        for s, _, w in sent.tokens[after:]:
            if w in lx.COMPLEMENTIZERS:
                start = s
                break
        region = (start, sent.end)
    if speaker in news_media():
        speaker = None  # "…, Reuters reported": the outlet reports, someone else speaks
    reported.append(_Reported(region[0], region[1], word in lx.OPINION_VERBS, speaker, trailing))
    if speaker is None:
        return None
    doc.last_speaker = speaker
    said = [_name(sent.names[i]) for i in sent.actor_indexes(*region, quoted=True)]
    actors = _unique([speaker, *co_speakers, *[n for n in said if n != speaker][:2]])
    outside = [d for d in sent.dates if not region[0] <= d.start < region[1]]
    # a statement is dated by the speaker's words ("kata X, Jumat"), not by dates in what is said
    date = to_partial_date(min(outside, key=lambda d: abs(d.start - t_start)).canonical) if outside else doc.published
    return EventMention(
        type="STATEMENT",
        actors=actors,
        place=None,
        date=date,
        summary=summarize("STATEMENT", actors, None),
        mention=Mention(doc.doc_id, sent.start, sent.end, t_start, t_end),
        trigger=doc.text[t_start:t_end],
        affiliations=_with_countries(
            actors, _affiliations(sent, t_start, sent.end) if trailing else _affiliations(sent, sent.start, t_start)
        ),
    )


def _anonymous(sent: _Sentence, i: int) -> bool:
    """A name followed by *sources*/*sumber* ("EC sources said"): nobody named speaks."""
    k = bisect_left(sent.token_starts, sent.names[i].end)
    return k < len(sent.tokens) and sent.tokens[k][2] in lx.ANONYMOUS


_SPEAKER_GAP = re.compile(r"\s*,?\s*(?:and|dan|serta|&)\s+(?:[\w.'’-]+\s+){0,4}")


def _speaker_group(sent: _Sentence, left: list[int]) -> list[int]:
    """The speaker and the names said with it ("RTBF and the Belgian news agency Belga said"),
    the first named first."""
    group = [left[-1]]
    for before in reversed(left[:-1]):
        start, end = sent.names[before].end, sent.names[group[0]].start
        first, last = bisect_left(sent.token_starts, start), bisect_left(sent.token_starts, end)
        if not _SPEAKER_GAP.fullmatch(sent.doc.text, start, end) or any(
            sent.roles[j] is not None for j in range(first, last)
        ):
            break
        group.insert(0, before)
    return group


def _affiliations(sent: _Sentence, start: int, end: int) -> tuple[str, ...]:
    inside = [i for i in sorted(sent.affiliation) if start <= sent.names[i].start < end]
    return tuple(dict.fromkeys(_name(sent.names[i]) for i in inside))


def _with_countries(actors: tuple[str, ...], affiliations: tuple[str, ...]) -> tuple[str, ...]:
    """``affiliations`` plus the known countries of the actors, none of them an actor."""
    countries = person_countries()
    found = [*affiliations, *(countries[a] for a in actors if a in countries)]
    return tuple(dict.fromkeys(name for name in found if name not in actors))


def _event(doc: _Doc, sent: _Sentence, k: int, kind: EventType, region: _Reported | None = None) -> EventMention | None:
    t_start, t_end, _ = sent.tokens[k]
    c_start, c_end = sent.clause(t_start)
    speaker_doer: str | None = None
    if region is not None and not region.trailing and region.start > c_start:
        # in a reported clause the doer is named in it, or it is the speaker ("Life said it signed")
        c_start = region.start
        first = bisect_left(sent.token_starts, c_start)
        if region.speaker and all(
            sent.tokens[j][2] in lx.SUBJECT_DROP or sent.tokens[j][2] in lx.COMPLEMENTIZERS for j in range(first, k)
        ):
            speaker_doer = region.speaker
    names = sent.names
    text = doc.text
    candidates = sent.actor_indexes(c_start, c_end)
    before = [
        i
        for i in candidates
        if names[i].end <= t_start
        # a possessor ("Martens's coalition government after talks") is the doer only right before its noun
        and not (text.startswith(("'s", "’s"), names[i].end) and sent.words_between(names[i].end, t_start) > 2)
    ]
    left = sent.near_left(before, t_start)
    relative = k > 0 and sent.tokens[k - 1][2] in lx.RELATIVE_WORDS
    if relative:  # "mahasiswa yang demo": the subject is the word before "yang", a name only if one ends there
        left = [i for i in left[-1:] if not text[names[i].end : sent.tokens[k - 1][0]].strip(" ,")]
    right = [i for i in candidates if names[i].start >= t_end]
    doers: list[int] = []
    pronoun_doer: str | None = speaker_doer
    agent_at = next((s for s, _, w in sent.tokens[k + 1 : k + 8] if w in lx.PASSIVE_AGENT and s < c_end), None)
    if agent_at is not None and any(t_end <= names[i].start < agent_at for i in right):
        agent_at = None  # "Pertemuan Trump-Rouhani digagas oleh Macron": the agent of another verb
    if agent_at is not None:
        after_agent = [i for i in right if names[i].start >= agent_at]
        if after_agent:
            first = after_agent[0]
            group = [first]
            for i in after_agent[1:]:
                gap = _strip_entities(sent, names[group[-1]].end, names[i].start)
                if not _COORDINATION_GAP.fullmatch(gap):
                    break
                group.append(i)
            doers = group
    if not doers and left and not pronoun_doer:
        doers = sent.coordinated_group(left)
    from_right = False
    if not doers and not left and not pronoun_doer and not relative:
        if not any(names[i].end <= t_start for i in candidates) and sent.pronoun_before(k, k, c_start):
            pronoun_doer = doc.last_subject
        elif right and _DIRECT.fullmatch(text, t_end, names[right[0]].start):
            # a noun and its doer right after it (Pertemuan Putin), not an object ("talks with Imtec")
            doers = [right[0]]
            from_right = True
    actors_list = [pronoun_doer] if pronoun_doer else []
    actors_list += [_name(names[i]) for i in doers]
    others = [i for i in right if i not in doers and sent.words_between(t_end, names[i].start) <= OBJECT_WINDOW]
    if from_right:  # a noun and its doer after it: others only with "dengan"/"with" (Pertemuan Putin dengan Lukashenko)
        joined = sent.doc.text[names[doers[0]].end : names[others[0]].start] if others else ""
        if not _WITH.fullmatch(joined):
            others = []
    if not doers and not pronoun_doer and kind not in ("DISASTER", "ELECTION"):
        return None  # nobody named does it: "a new board pursue merger talks with Imtec" is no event of Imtec
    actors_list += [_name(names[i]) for i in others]
    place: str | None = None
    places = [i for i in sorted(sent.place_role) if c_start <= names[i].start < c_end]
    if kind == "VISIT":
        destinations = [i for i in places if sent.place_role[i] == "to" and names[i].start > t_start]
        if destinations:
            place = _name(names[destinations[0]])
    if place is None:
        at = [i for i in places if sent.place_role[i] == "at"]
        if at:
            after = [i for i in at if names[i].start > t_start]
            place = _name(names[(after or at)[0]])
    if kind in ("DISASTER", "ELECTION") and place is None:
        locs = [i for i in range(len(names)) if names[i].type == "LOC" and c_start <= names[i].start < c_end]
        if locs:
            place = _name(names[locs[0]])
    if kind == "DISASTER":  # a disaster strikes places, nobody does it
        actors_list = [_name(names[i]) for i in candidates if names[i].type == "LOC"]
    actors = _unique([a for a in actors_list if a])
    if not actors and not (kind in ("DISASTER", "ELECTION") and place):
        return None
    if actors and names and doers and names[doers[0]].type == "PERSON":
        doc.last_subject = actors[0]
    return EventMention(
        type=kind,
        actors=actors,
        place=place,
        date=_date(sent, t_start),
        summary=summarize(kind, actors, place),
        mention=Mention(doc.doc_id, sent.start, sent.end, t_start, t_end),
        trigger=doc.text[t_start:t_end],
        affiliations=_with_countries(actors, _affiliations(sent, c_start, c_end)),
    )
