"""Attribution: who says what. Speech verbs make STATEMENT events and mark what they report; source
words (*menurut X*, *…, lapor X*) mark names that only say where the news comes from.

A speech verb with a named speaker before it (*Koffler mengatakan bahwa …*), or after it in “…,”
*kata Koffler*, is a STATEMENT of that speaker; the names said with it (*RTBF and … Belga said*) speak
too; *dia*/*ia*/*-nya* stand for the last speaker (else the last subject); a news outlet (*…, Reuters
reported*) and an anonymous source (*EC sources said*) are no speaker. The words a speech verb
reports (:class:`Reported`) are read by :mod:`.arguments`: events in an opinion (*percaya*,
*believe*) or under a modal are no events, and "Life said it signed" makes Life the doer.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from indexer.language.entities.model import Entity
from indexer.language.events import lexicon as lx
from indexer.language.events.affiliation import news_media, with_countries
from indexer.language.events.content import said as said_in
from indexer.language.events.dates import nearest_date
from indexer.language.events.model import EventMention, Mention
from indexer.language.events.state import SUBJECT_WINDOW, Sentence, name
from indexer.language.events.summary import summarize
from indexer.language.events.words import SOURCE, SPEECH, THAT

__all__ = ["Reported", "mark_sources", "statements", "unique"]

MAX_ACTORS = 4
SPEECH_OPEN = re.compile(r"[,”\"’]\s*$")
"""Right before a speech verb: the end of the quotation it closes (“…,” kata Koffler)."""
_APPOSED = re.compile(r"\s*,?\s*")
"""Between an organisation and a person who speaks for it (*juru bicara Kemlu, Abbas Mousavi*)."""
_SPEAKER_GAP = re.compile(r"\s*,?\s*(?:and|dan|serta|&)\s+(?:[\w.'’-]+\s+){0,4}")


class Reported(NamedTuple):
    """What a speech verb attributes: the span of the reported words, and who says them."""

    start: int
    end: int
    opinion: bool
    speaker: str | None
    trailing: bool


def unique(names: list[str]) -> tuple[str, ...]:
    """``names`` each once, in order, at most :data:`MAX_ACTORS`."""
    return tuple(dict.fromkeys(names))[:MAX_ACTORS]


def mark_sources(sent: Sentence) -> None:
    """Mark as sources the names a source word introduces: "menurut X", "…, lapor … X",
    "dilaporkan oleh akun Twitter X"."""
    doc, words, roles = sent.doc, sent.words, sent.roles
    for k in sent.cues:
        if roles[k] != SOURCE:
            continue
        t_start, t_end, word = sent.starts[k], sent.ends[k], words[k]
        according = word == "menurut" or word == "according"
        trailing = not according and bool(SPEECH_OPEN.search(doc.text, max(sent.start, t_start - 3), t_start))
        by = sent.next_word(k) in lx.PASSIVE_AGENT  # "dilaporkan oleh akun Twitter"
        if according or trailing or by:
            limit = sent.end if trailing else sent.clause(t_end)[1]
            for i, entity in enumerate(sent.names):
                if t_end <= entity.start < limit and (trailing or entity.start - t_end < 40):
                    sent.source.add(i)
                    if not trailing:
                        break


def statements(sent: Sentence, reported: list[Reported]) -> list[EventMention]:
    """The STATEMENT events of the sentence's speech verbs (outside quotations); what each verb
    reports is appended to ``reported``, with or without a speaker."""
    found: list[EventMention] = []
    doc = sent.doc
    for k in sent.cues:
        if sent.roles[k] != SPEECH or doc.in_quote(sent.starts[k]):
            continue
        if sent.next_word(k) in lx.DETERMINERS:  # "Pernyataan itu": one already told
            continue
        statement = _speech(sent, k, reported)
        if statement is not None:
            found.append(statement)
    return found


def _speech(sent: Sentence, k: int, reported: list[Reported]) -> EventMention | None:
    doc, words = sent.doc, sent.words
    t_start, t_end, word = sent.starts[k], sent.ends[k], words[k]
    speaker: str | None = None
    co_speakers: list[str] = []
    trailing = word in lx.TRAILING_SPEECH and bool(SPEECH_OPEN.search(doc.text, max(sent.start, t_start - 3), t_start))
    by_saying = k > 0 and words[k - 1] in ("dengan", "sambil", "by", "seraya")
    if word in lx.PASSIVE_SPEECH:
        if sent.next_word(k) not in lx.PASSIVE_AGENT:
            return None  # "dinyatakan bersalah": no speech
        speaker = _agent(sent, k)
        start = next((sent.starts[j] for j in sent.cues if j > k and sent.roles[j] == THAT), t_end)
        region = (start, sent.end)
    elif trailing:
        region = (sent.start, t_start)
        following = [e for e in sent.names if t_end <= e.start < t_end + 60 and not doc.in_quote(e.start)]
        if word.endswith("nya") or sent.next_word(k) in lx.PRONOUNS:
            speaker = doc.last_speaker or doc.last_subject
        elif following and following[0].type != "LOC":
            speaker = _named_speaker(sent, following)
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
                speaker = name(sent.names[group[0]])
                co_speakers = [name(sent.names[i]) for i in group[1:]]
        if by_saying or speaker is not None:
            pass
        elif sent.pronoun_before(k, SUBJECT_WINDOW, c_start):
            speaker = doc.last_subject
        start = next((sent.starts[j] for j in sent.cues if j > k and sent.roles[j] == THAT), t_end)
        region = (start, sent.end)
    if speaker in news_media():
        speaker = None  # "…, Reuters reported": the outlet reports, someone else speaks
    reported.append(Reported(region[0], region[1], word in lx.OPINION_VERBS, speaker, trailing))
    if speaker is None:
        return None
    doc.last_speaker = speaker
    said = [name(sent.names[i]) for i in sent.actor_indexes(*region, quoted=True)]
    actors = unique([speaker, *co_speakers, *[n for n in said if n != speaker][:2]])
    outside = [d for d in sent.dates if not region[0] <= d.start < region[1]]
    # a statement is dated by the speaker's words ("kata X, Jumat"), not by dates in what is said
    date = nearest_date(outside, t_start, None, doc.published)
    what, quoted = said_in(sent, region, t_start, t_end, trailing)
    return EventMention(
        type="STATEMENT",
        actors=actors,
        place=None,
        date=date,
        summary=summarize("STATEMENT", actors, None, what, quoted=quoted),
        mention=Mention(doc.doc_id, sent.start, sent.end, t_start, t_end),
        trigger=doc.text[t_start:t_end],
        affiliations=with_countries(
            actors, sent.affiliations(t_start, sent.end) if trailing else sent.affiliations(sent.start, t_start)
        ),
    )


def _agent(sent: Sentence, k: int) -> str | None:
    """The speaker after *oleh* of passive speech verb ``k`` ("disuarakan oleh AS bahwa …"), if named."""
    t_end = sent.ends[k]
    limit = min(t_end + 40, sent.clause(sent.starts[k])[1])
    after = [e for e in sent.names if t_end <= e.start < limit]
    return name(after[0]) if after else None


def _named_speaker(sent: Sentence, following: list[Entity]) -> str:
    """The speaker among the names after a trailing speech verb: the first, or a person right after an
    organisation ("kata juru bicara Kementerian Luar Negeri Iran, Abbas Mousavi": the person speaks)."""
    first = following[0]
    second = following[1] if len(following) > 1 else None
    if (
        first.type == "ORG"
        and second is not None
        and second.type == "PERSON"
        and _APPOSED.fullmatch(sent.doc.text, first.end, second.start)
    ):
        return name(second)
    return name(first)


def _anonymous(sent: Sentence, i: int) -> bool:
    """A name followed by *sources*/*sumber* ("EC sources said"): nobody named speaks."""
    k = bisect_left(sent.starts, sent.names[i].end)
    return k < len(sent.words) and sent.words[k] in lx.ANONYMOUS


def _speaker_group(sent: Sentence, left: list[int]) -> list[int]:
    """The speaker and the names said with it ("RTBF and the Belgian news agency Belga said"),
    the first named first."""
    group = [left[-1]]
    for before in reversed(left[:-1]):
        start, end = sent.names[before].end, sent.names[group[0]].start
        first, last = bisect_left(sent.starts, start), bisect_left(sent.starts, end)
        if not _SPEAKER_GAP.fullmatch(sent.doc.text, start, end) or any(
            sent.roles[j] is not None for j in range(first, last)
        ):
            break
        group.insert(0, before)
    return group
