"""The fast paths of event extraction: sentence splitting, cue words and tokens (``indexer.language.events``)
against plain reference implementations."""

from __future__ import annotations

import random
import re

import pytest

from indexer.language.entities import annotate
from indexer.language.events import extract_events
from indexer.language.events import words as w
from indexer.language.events.sentences import _ABBREVIATIONS, quotations, split_sentences

_PLAIN_BOUNDARY = re.compile(r"\n+|[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_PLAIN_QUOTES = re.compile(r"“[^”\"\n]*(?:[”\"]|(?=\n)|$)|\"[^\"\n]*(?:\"|(?=\n)|$)")


def _plain_split(text: str) -> list[tuple[int, int]]:
    """split_sentences as first written: the plain alternation and a regex for every stop."""
    spans: list[tuple[int, int]] = []
    start = 0

    def add(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))

    for match in _PLAIN_BOUNDARY.finditer(text):
        if match.group()[0] != "\n":
            before = re.search(r"([\w.]+)$", text[max(0, match.start() - 12) : match.start()])
            if before is not None:
                word = before.group(1).lower().rstrip(".")
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        add(start, match.end() if match.group()[0] != "\n" else match.start())
        start = match.end()
    add(start, len(text))
    return spans


_PIECES = ["a", "B", "7", ".", "\n", "!", "?", "…", '"', "”", "’", "'", ")", "]", " ", "“", "(", "[", "\t"]
_PIECES += ["Dr", "etc", "U.S", "nomor", "Jakarta", "sept", "\u00a0", "x.y"]


def test_sentences_as_the_plain_rules_split_them() -> None:
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 16)))
        assert split_sentences(text) == _plain_split(text), repr(text)
        assert quotations(text) == [(m.start(), m.end()) for m in _PLAIN_QUOTES.finditer(text)], repr(text)


def test_abbreviations_and_long_words_before_a_stop() -> None:
    text = "Kata Prof. Ali dan Jl. Sudirman no. 5 ramai. Nomor. Abcdefg. Xy. Jakarta."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Kata Prof. Ali dan Jl. Sudirman no. 5 ramai.",
        "Nomor. Abcdefg.",
        "Xy.",
        "Jakarta.",
    ]


def test_tokens_offsets_and_roles() -> None:
    text = "  menurut laporan, Putin's aides said: talks—held in Minsk—ended. "
    starts, ends, words, roles = w.tokens(text.lower(), 2, len(text) - 1)
    spans = [(m.start(), m.end(), m.group()) for m in w.WORD.finditer(text.lower(), 2, len(text) - 1)]
    assert list(zip(starts, ends, words, strict=True)) == spans
    assert roles[words.index("menurut")] == w.SOURCE
    assert roles[words.index("said")] == w.SPEECH
    assert roles[words.index("talks")] == "MEET"
    assert roles[words.index("minsk")] is None
    assert w.tokens("", 0, 0) == ([], [], [], [])


@pytest.mark.parametrize("chunk", ["said,", "(said)", "“said", "said"])
def test_cues_whatever_the_punctuation(chunk: str) -> None:
    assert w.cues(f"the minister {chunk} nothing") == {"said"}
    assert w.cues(f"the minister {chunk} nothing") == {"said"}  # from the chunk caches now


def test_cues_leave_out_words_that_only_matter_inside_a_sentence() -> None:
    assert w.cues("menurut laporan itu, tetapi bahwa") == set()
    assert w.cues("mereka mengunjunginya kemarin") == {"mengunjunginya"}  # found by its stem


def test_caches_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(w, "CHUNK_LIMIT", 3)
    monkeypatch.setattr(w.ROLES, "limit", 3)
    w.ROLES.clear()
    for n in range(20):
        assert w.cues(f"kata{n} x{n} y{n} said") == {"said"}
    assert len(w._QUIET) + len(w._CHUNK_CUES) <= 4
    assert len(w.ROLES) <= 3


def test_extraction_is_the_same_with_cold_and_warm_caches() -> None:
    text = "Presiden Joko Widodo bertemu Perdana Menteri Malaysia Mahathir Mohamad di Bogor, kata juru bicara."
    entities = annotate(text, lang="id")
    w.ROLES.clear()
    w._QUIET.clear()
    w._CHUNK_CUES.clear()
    cold = extract_events("d", text, entities, "id")
    assert cold and cold == extract_events("d", text, entities, "id")


def test_a_sentence_naming_nobody_is_read_only_for_its_pronouns() -> None:
    from indexer.language.events.extract import _may_name_anyone
    from indexer.language.events.state import Doc

    text = (
        "Presiden Joko Widodo tiba di Bogor. “Kami siap,” katanya. Dia mengatakan rapat ditunda."
        " Rapat itu ramai, ujar warga."
    )
    entities = annotate(text, lang="id")
    doc = Doc("d", text, entities, None)
    lowered = text.lower()

    def may(sentence: str) -> bool:
        start = text.index(sentence)
        cue = next(m for m in w.WORD.finditer(lowered, start, start + len(sentence)) if w.ROLES[m.group()] is not None)
        inside = doc.entities_in(start, start + len(sentence))
        return _may_name_anyone(inside, lowered, start, start + len(sentence), [cue.start(), cue.end()])

    assert may("Presiden Joko Widodo tiba di Bogor.")
    assert may("“Kami siap,” katanya.") and may("Dia mengatakan rapat ditunda.")
    assert not may("Rapat itu ramai, ujar warga.")
    found = extract_events("d", text, entities, "id")
    assert [(e.type, e.actors, e.trigger) for e in found] == [
        ("VISIT", ("Joko Widodo",), "tiba"),
        ("STATEMENT", ("Joko Widodo",), "katanya"),
        ("STATEMENT", ("Joko Widodo",), "mengatakan"),
    ]
