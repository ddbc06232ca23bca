"""How article text becomes index terms: word stems, exact forms, common-word pairs; the schema."""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Iterator
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem

from indexer.language import memo
from indexer.store.stemming import EXACT_MARK, WORD, Stemmer

INDEX_NAME = "warta"

STEM_LIMIT = 2_000_000
STEMMER = Stemmer(porter_stem, memo.shared("stems", STEM_LIMIT), STEM_LIMIT)
"""The one stemmer of the process; its cache is handed back by writer subprocesses (:mod:`indexer.language.memo`)."""

PRE_ANALYZED = "\x1e"
"""First character of a field value already turned into index form by :func:`analyze`."""


COMMON_WORDS = frozenset(
    """yang di dan itu ini dengan untuk dari dalam pada tidak akan tersebut ke ada juga saat kata sudah
    bahwa oleh the of to and a said in for it on is from be by at was as that with has its an will are
    not""".split()
)
"""The commonest function words of Indonesian and English news: phrases starting with one are indexed
as word pairs ("common grams"), so ``"di dalam"`` is one lookup instead of a walk over two huge lists."""
FUZZY_PREFIX = 2
"""Letters a ``term~`` match must share at the start: typos there are rare, and it keeps expansion quick."""
GRAM_JOINER = "+"
"""Joins the two stems of a common-word pair (``di+dalam``); never part of a word token."""
POSITION_GAP = "\x01"
"""Index-form item that only takes up a position (between title and text: no phrase spans them)."""


@functools.cache
def common_stems() -> frozenset[str]:
    """The stems of :data:`COMMON_WORDS`, worked out when first needed (stemming loads Sastrawi's
    dictionary, which opening an index to read it does not need)."""
    return frozenset(STEMMER(word) for word in COMMON_WORDS)


_CHUNK = 1 << 18
"""Characters of a long text whose words are found at a time."""
_CUT = re.compile(r"[^\w.'’]")
"""A character no word (:data:`.stemming.WORD`) holds: a chunk of text may end before it."""


def _words(text: str) -> Iterator[list[str]]:
    """The lower-case words of ``text`` (:data:`.stemming.WORD`), about :data:`_CHUNK` characters at a
    time: lists of a bounded length, each found by the regex engine in one call."""
    start = 0
    while start < len(text):
        cut = _CUT.search(text, start + _CHUNK) if start + _CHUNK < len(text) else None
        end = cut.start() if cut else len(text)
        chunk = text[start:end]
        if chunk.isascii():
            yield WORD.findall(chunk.lower())  # lowered first: ASCII lowers one letter to one, words stay words
        else:
            yield [word.lower() for word in WORD.findall(chunk)]
        start = end


def form_positions(*texts: str) -> dict[str, array[int]]:
    """The index forms of ``texts``, each with its positions in an array of 4 bytes a position, in the
    order they first occur: the forms :func:`analyze` writes (each word's stem, then ``=word`` when
    the exact form differs, then ``stem+next`` after a common word), read a chunk of words at a time.
    Several texts are separated by a position that holds nothing (no phrase spans them)."""
    common = common_stems()
    forms_of: dict[str, tuple[str, str | None, bool]] = {}
    positions: dict[str, array[int]] = {}

    def at(form: str) -> array[int]:
        found = positions[form] = array("I")
        return found

    position = -1
    for number, text in enumerate(texts):
        if number:
            position += 1  # the gap
        previous_common: str | None = None
        for words in _words(text):
            for word in words:
                forms = forms_of.get(word)
                if forms is None:
                    root = STEMMER(word)
                    forms = forms_of[word] = (root, None if root == word else EXACT_MARK + word, root in common)
                root, exact, is_common = forms
                if previous_common is not None:
                    gram = f"{previous_common}{GRAM_JOINER}{root}"
                    (positions.get(gram) or at(gram)).append(position)
                position += 1
                (positions.get(root) or at(root)).append(position)
                if exact is not None:
                    (positions.get(exact) or at(exact)).append(position)
                previous_common = root if is_common else None
    return positions


def analyze(*texts: str) -> str:
    """The index form of ``texts``: each word's stem, with ``|=word`` when the exact form differs
    and ``|stem+next`` after a common word. Several texts are separated by a position gap.

    The field analyzer only splits such a value (:func:`_split_analyzed`); :class:`PreparedText` indexes
    the same forms straight from :func:`index_forms`, without this string.
    """
    forms = [PRE_ANALYZED]
    common = common_stems()
    for number, text in enumerate(texts):
        if number:
            forms.append(POSITION_GAP)
        previous_common: str | None = None
        for match in WORD.finditer(text):
            word = match.group().lower()
            root = STEMMER(word)
            if previous_common is not None:
                forms[-1] += f"|{previous_common}{GRAM_JOINER}{root}"
            forms.append(root if root == word else f"{root}|{EXACT_MARK}{word}")
            previous_common = root if root in common else None
    return " ".join(forms)


class _WordFormsAnalyzer(Tokenizer):  # type: ignore[misc]
    """Words → lowercase stems, plus ``=word`` at the same position when the exact form differs.

    Values made by :func:`analyze` are only split. At query time only the stem is emitted; with
    ``exact=True`` (the ``exact:`` field) the exact form is, spelled as it was indexed.
    """

    is_morph = True

    def __init__(self, exact: bool = False) -> None:
        self.exact = exact

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _WordFormsAnalyzer) and other.exact == self.exact

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        token.stopped = False
        if value.startswith(PRE_ANALYZED):
            yield from _split_analyzed(token, value, positions, chars, start_pos, start_char)
            return
        if not tokenize:
            token.text = token.original = value.lower()
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for pos, match in enumerate(WORD.finditer(value)):
            word = match.group().lower()
            root = STEMMER(word)
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
            if keeporiginal:
                token.original = match.group()
            if self.exact:
                token.text = word if root == word else EXACT_MARK + word
                yield token
                continue
            token.text = root
            yield token
            if root != word and mode == "index":
                token.text = EXACT_MARK + word
                yield token


def _split_analyzed(
    token: Token, value: str, positions: bool, chars: bool, start_pos: int, start_char: int
) -> Iterator[Token]:
    """The tokens of a value made by :func:`analyze`: its forms split, no word looked at again."""
    for pos, item in enumerate(value[1:].split()):
        if item == POSITION_GAP:
            continue
        for form in item.split("|"):
            token.text = form
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = token.endchar = start_char
            yield token


def _text_analyzer(exact: bool = False) -> Any:
    return _WordFormsAnalyzer(exact)


class TextParts(tuple[str, ...]):
    """Field value made of several texts (title, then body) kept a position apart; analysed by the field."""


class PreparedText(fields.TEXT):  # type: ignore[misc]
    """A text field whose value may be :class:`TextParts`: analysed where the writer runs (a subprocess)."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, TextParts):
            if isinstance(self.format, formats.Positions):
                return self._index_parts(value)
            value = analyze(*value)
        return super().index(value, **kwargs)

    def _index_parts(self, parts: TextParts) -> Iterator[tuple[bytes, int, float, bytes]]:
        """What Whoosh's ``Positions.word_values`` makes of ``analyze(*parts)``: the same terms in the same
        order with the same positions, weights and encoded values, without the string of every form
        and a list of every position: a 50 MB article is indexed in a few hundred MB, not several GB."""
        boost = self.format.field_boost
        encode = self.format.encode
        for form, found in form_positions(*parts).items():
            yield form.encode("utf-8"), len(found), float(len(found)) * boost, encode(found)


def _plain_analyzer() -> Any:
    return RegexTokenizer(r"\w+") | LowercaseFilter()


def build_schema() -> fields.Schema:
    """The index schema; new fields can be added to an existing index with ``add_field``."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        key=fields.STORED(),
        title=PreparedText(analyzer=_text_analyzer(), stored=True, field_boost=2.0),
        text=PreparedText(analyzer=_text_analyzer(), stored=True),
        exact=fields.TEXT(analyzer=_text_analyzer(exact=True)),
        source=fields.TEXT(analyzer=_plain_analyzer(), stored=True),
        lang=fields.ID(stored=True),
        date=fields.STORED(),
        precision=fields.STORED(),
        day=fields.NUMERIC(int, bits=32, sortable=True, signed=False),
        url=fields.STORED(),
        raw=fields.STORED(),
        hash=fields.STORED(),
        # entities (see :func:`indexer.store.writing.annotation_fields`)
        person=fields.TEXT(analyzer=_plain_analyzer()),
        org=fields.TEXT(analyzer=_plain_analyzer()),
        loc=fields.TEXT(analyzer=_plain_analyzer()),
        misc=fields.TEXT(analyzer=_plain_analyzer()),
        names=fields.TEXT(analyzer=RegexTokenizer(r"[^\n]+"), phrase=False),
        entities=fields.STORED(),
    )


NAME_PART = "\t"
"""Joins the parts of a ``names`` term: ``TYPE<tab>canonical`` and ``TYPE<tab>canonical<tab>as written``."""
