"""Words of a text and what each one is to event extraction: its role, found once per process.

A lowercase word is a trigger (its event type), a speech verb, a send (*mengirim*, *sent*), a source
word (*menurut*, *reported*), a clause break (*tetapi*, *while*), a complementizer (*bahwa*, *that*),
*called*, or nothing. :func:`cues` finds the words of an article that make a sentence worth reading;
:func:`tokens` the words of one sentence with their offsets and roles. Both are cheap on the words an
article is mostly made of: roles and whitespace-separated chunks are cached (bounded), a text is
split by one C-level regex call, and offsets come from running lengths, not from per-word matches.
"""

from __future__ import annotations

import re
from itertools import accumulate

from indexer.language import memo
from indexer.language.events import lexicon as lx

__all__ = [
    "BREAK",
    "CALLED",
    "SEND",
    "SOURCE",
    "SPEECH",
    "THAT",
    "WORD",
    "Tokens",
    "cues",
    "role",
    "tokens",
]

WORD = re.compile(r"\w+(?:['’]\w+)?")
_WORD_SPLIT = re.compile(r"(\w+(?:['’]\w+)?)")
SPEECH, SEND, SOURCE, BREAK, THAT, CALLED = "~speech", "~send", "~source", "~break", "~that", "~called"
"""Roles that are not event types (those are the roles of triggers)."""
_NOT_CUES = frozenset((SOURCE, BREAK, THAT))
"""Roles that matter in a sentence read for another word but never make one worth reading."""
CACHE_LIMIT = 500_000
"""Words the role cache holds at most (memory stays bounded on endless new words)."""
CHUNK_LIMIT = 200_000
"""Chunks the chunk caches may hold together (about 25 MB; 3,000 corpus articles make 70,000)."""


def role(word: str) -> str | None:
    """What a lowercase word is here: an event type, one of the ``~`` roles above, or None."""
    if word in lx.SPEECH_VERBS or word in lx.PASSIVE_SPEECH:
        found: str | None = SPEECH
    elif word in lx.SEND_WORDS:
        found = SEND
    elif word in lx.SOURCE_WORDS:
        found = SOURCE
    elif word in lx.CLAUSE_BREAKS:
        found = BREAK
    elif word in lx.COMPLEMENTIZERS:
        found = THAT
    elif word == "called":
        found = CALLED
    else:
        found = lx.trigger_type(word)
    return found


class _RoleTable(memo.Memo):
    """Lowercase word → :func:`role`, looked up on first use and kept (up to ``limit`` words); writer
    processes hand it back like the other word caches (:mod:`indexer.language.memo`)."""

    def __missing__(self, word: str) -> str | None:
        found: str | None = self.remember(word, role(word))
        return found


ROLES = memo.register("event-roles", _RoleTable(CACHE_LIMIT))
_QUIET: set[str] = set()
"""Whitespace-separated chunks (lowercase) known to hold no cue word: most chunks of any article."""
_CHUNK_CUES: dict[str, tuple[str, ...]] = {}
"""Chunks that hold cue words → those words."""


def cues(lowered: str) -> set[str]:
    """The words of a lowercase text that make a sentence worth reading: triggers, speech verbs,
    sends, *called*. Words never span whitespace, so the text's chunks are sorted out once per
    process: a set difference leaves only the chunks not seen yet or known to hold a cue."""
    found: set[str] = set()
    get = _CHUNK_CUES.get
    for chunk in set(lowered.split()) - _QUIET:
        known = get(chunk)
        found.update(_chunk_cues(chunk) if known is None else known)
    return found


def _chunk_cues(chunk: str) -> tuple[str, ...]:
    words = (chunk,) if chunk.isalnum() else WORD.findall(chunk)
    found = tuple(w for w in words if (kind := ROLES[w]) is not None and kind not in _NOT_CUES)
    if len(_QUIET) + len(_CHUNK_CUES) > CHUNK_LIMIT:
        _QUIET.clear()
        _CHUNK_CUES.clear()
    if found:
        _CHUNK_CUES[chunk] = found
    else:
        _QUIET.add(chunk)
    return found


Tokens = tuple[list[int], list[int], list[str], list[str | None]]
"""Parallel lists: start and end offsets, lowercase words, roles."""


def tokens(lowered: str, start: int, end: int) -> Tokens:
    """The words of ``lowered[start:end]`` as parallel lists (:data:`Tokens`), offsets into ``lowered``.
    Splitting on the words keeps the text between them, whose running lengths are the offsets."""
    parts = _WORD_SPLIT.split(lowered[start:end])
    offsets = list(accumulate(map(len, parts), initial=start))
    words = parts[1::2]
    n = len(words)
    return offsets[1::2][:n], offsets[2::2][:n], words, list(map(ROLES.__getitem__, words))
