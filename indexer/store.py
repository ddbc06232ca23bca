"""The Whoosh index: schema, analysis, writing, query parsing, search and snippets.

This is the only module that imports Whoosh; the rest of Warta sees plain dataclasses.
Whoosh-Reloaded 2.7.5 is used (see the README for why): it imports as ``whoosh``.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import re
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from whoosh import collectors, fields, index, qparser, query, sorting
from whoosh.analysis import LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.index import LockError
from whoosh.lang.porter import stem as porter_stem
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from indexer.model import Article
from indexer.querylang import QuerySyntaxError, day_range, plain_words, rewrite
from indexer.snippets import SNIPPET_SPANS, make_snippet, match_spans
from indexer.stemming import EXACT_MARK, WORD, Stemmer

SortOrder = Literal["relevance", "date"]

INDEX_NAME = "warta"
STEMS_PREFIX = "stems-"
"""Files in which writer subprocesses hand their new stems back."""
WRITER_BATCH = 256
"""Articles handed to a writer subprocess at a time."""

_stem = Stemmer(porter_stem)


class IndexBusy(Exception):
    """Another process is writing to the index."""


class IndexMissing(Exception):
    """There is no index at the given location yet."""


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
_COMMON_STEMS = frozenset(_stem(word) for word in COMMON_WORDS)
GRAM_JOINER = "+"
"""Joins the two stems of a common-word pair (``di+dalam``); never part of a word token."""
POSITION_GAP = "\x01"
"""Index-form item that only takes up a position (between title and text: no phrase spans them)."""


def analyze(*texts: str) -> str:
    """The index form of ``texts``: each word's stem, with ``|=word`` when the exact form differs
    and ``|stem+next`` after a common word. Several texts are separated by a position gap.

    Stemming is the costly part of indexing, so the pipeline calls this in its worker processes and
    hands the writer the result; the field analyzer then only splits it.
    """
    forms = [PRE_ANALYZED]
    for number, text in enumerate(texts):
        if number:
            forms.append(POSITION_GAP)
        previous_common: str | None = None
        for match in WORD.finditer(text):
            word = match.group().lower()
            root = _stem(word)
            if previous_common is not None:
                forms[-1] += f"|{previous_common}{GRAM_JOINER}{root}"
            forms.append(root if root == word else f"{root}|{EXACT_MARK}{word}")
            previous_common = root if root in _COMMON_STEMS else None
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
            root = _stem(word)
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


def _text_analyzer(exact: bool = False) -> Any:
    return _WordFormsAnalyzer(exact)


class TextParts(tuple[str, ...]):
    """Field value made of several texts (title, then body) kept a position apart; analysed by the field."""


class PreparedText(fields.TEXT):  # type: ignore[misc]
    """A text field whose value may be :class:`TextParts`: analysed where the writer runs (a subprocess)."""

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, TextParts):
            value = analyze(*value)
        return super().index(value, **kwargs)


class _WriterTask(SubWriterTask):  # type: ignore[misc]
    """Whoosh's writer subprocess, made never to hold the write lock nor to outlive the indexing process.

    It is forked while the index is locked, and ``flock`` follows the open file: it closes its copy
    of the lock file at once, so the lock goes with the parent, and exits when the parent is gone.
    """

    lock_fd: int | None = None

    def run(self) -> None:
        if self.lock_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.lock_fd)
        parent = os.getppid()

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.2)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
        mark = _stem.mark()
        super().run()
        # hand the words this process stemmed back to the parent, for the next writer processes
        path = os.path.join(self.storage.folder, f"{STEMS_PREFIX}{os.getpid()}.tmp")
        with contextlib.suppress(OSError), open(path, "wb") as handle:
            pickle.dump(_stem.learned_since(mark), handle, protocol=pickle.HIGHEST_PROTOCOL)


class _ParallelWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's multi-process writer with :class:`_WriterTask` subprocesses."""

    def commit(self, *args: Any, **kwargs: Any) -> None:
        super().commit(*args, **kwargs)
        folder = self.storage.folder
        for name in os.listdir(folder):
            if name.startswith(STEMS_PREFIX):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError):
                    with open(path, "rb") as handle:
                        _stem.learn(pickle.load(handle))
                    os.remove(path)

    def _new_task(self) -> Any:
        task = _WriterTask(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment
        )
        task.lock_fd = getattr(self.writelock, "fd", None)
        self.tasks.append(task)
        task.start()
        return task


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
    )


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """An article as kept in the index."""

    id: str
    title: str
    date: str | None
    source: str | None
    path: str
    key: str
    lang: str
    url: str | None
    text: str
    raw: str


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result; ``snippet`` is a list of (text, is_match) fragments."""

    id: str
    title: str
    date: str | None
    source: str | None
    path: str
    score: float
    snippet: tuple[tuple[str, bool], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits of one query with the total count and what the engine had to say about the query."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    seconds: float
    notice: str | None = None
    """Set when the query could not be parsed as written and was run as plain words."""
    suggestion: str | None = None
    """A corrected query ("did you mean …") when nothing matched."""


def _exact_to_text(q: query.Query) -> query.Query:
    """Point ``exact:`` terms at the ``text`` field, where the exact forms are indexed."""
    if isinstance(q, query.Term) and q.fieldname == "exact":
        return query.Term("text", q.text, boost=q.boost)
    if isinstance(q, query.Phrase) and q.fieldname == "exact":
        return query.Phrase("text", q.words, slop=q.slop, boost=q.boost)
    if isinstance(q, query.Term | query.Phrase):
        return q
    return q.apply(_exact_to_text)


def _common_grams(q: query.Query) -> query.Query:
    """Answer phrases of common words from the indexed word pairs instead of word positions."""
    if isinstance(q, query.Phrase):
        if q.fieldname != "text" or q.slop != 1 or len(q.words) < 2:
            return q
        words = list(q.words)
        # a common word's long position list is replaced by its pair with the next word (same position)
        forms = [
            f"{word}{GRAM_JOINER}{words[i + 1]}" if word in _COMMON_STEMS and i + 1 < len(words) else word
            for i, word in enumerate(words)
        ]
        if forms == words:
            return q
        if GRAM_JOINER in forms[-2]:
            forms.pop()  # the last word is inside the pair before it
        if len(forms) == 1:
            return query.Term("text", forms[0], boost=q.boost)
        return query.Phrase("text", forms, slop=1, boost=q.boost)
    if q.is_leaf():
        return q
    return q.apply(_common_grams)


def _has_error(q: query.Query) -> bool:
    """Whether Whoosh marked any part of the parsed query as an error."""
    return bool(getattr(q, "error", None)) or any(_has_error(child) for child in q.children())


class Store:
    """An open Warta index directory."""

    def __init__(self, directory: str, ix: Any) -> None:
        self.directory = directory
        self._ix = ix
        self._parser = qparser.QueryParser("text", ix.schema, group=qparser.AndGroup)
        self._parser.add_plugin(qparser.FuzzyTermPlugin())
        self._plain_parser = qparser.QueryParser("text", ix.schema, group=qparser.AndGroup)
        self._searcher: Searcher | None = None

    # opening -----------------------------------------------------------------

    @classmethod
    def open(cls, directory: str, create: bool = False) -> Store:
        """Open the index in ``directory``; create it when ``create`` and it does not exist."""
        if index.exists_in(directory, indexname=INDEX_NAME):
            return cls(directory, index.open_dir(directory, indexname=INDEX_NAME))
        if not create:
            raise IndexMissing(f"no index at {directory} (run 'warta index PATH' first)")
        os.makedirs(directory, exist_ok=True)
        return cls(directory, index.create_in(directory, build_schema(), indexname=INDEX_NAME))

    @staticmethod
    def exists(directory: str) -> bool:
        """Whether ``directory`` holds an index."""
        return bool(index.exists_in(directory, indexname=INDEX_NAME))

    def close(self) -> None:
        """Release the searcher and the index files."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def searcher(self) -> Searcher:
        """A searcher on the newest committed state of the index (reopened when another writer committed)."""
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
        return self._searcher

    def is_current(self) -> bool:
        """False when another process committed since this store's searcher was opened."""
        return self._searcher is None or self._searcher.up_to_date() is True

    def doc_count(self) -> int:
        """Number of articles in the index."""
        return int(self.searcher().doc_count())

    def size_bytes(self) -> int:
        """Bytes on disk of the Whoosh files."""
        return sum(
            os.path.getsize(os.path.join(self.directory, name))
            for name in os.listdir(self.directory)
            if os.path.isfile(os.path.join(self.directory, name))
        )

    # writing -----------------------------------------------------------------

    def writer(self, procs: int = 1) -> StoreWriter:
        """A writer analysing and writing in ``procs`` subprocesses (one segment each) when above 1.

        Raises :class:`IndexBusy` when another process holds the write lock.
        """
        try:
            if procs > 1:
                w = _ParallelWriter(self._ix, procs=procs, multisegment=True, batchsize=WRITER_BATCH, limitmb=128)
            else:
                w = self._ix.writer(limitmb=256)
        except LockError as error:
            raise IndexBusy(f"index is busy: another process is writing to {self.directory}") from error
        return StoreWriter(w)

    # reading -----------------------------------------------------------------

    def get(self, doc_id: str) -> StoredDocument | None:
        """The stored article with this id, or None."""
        fields_ = self.searcher().document(id=doc_id)
        return _stored_document(fields_) if fields_ else None

    def search(self, text: str, limit: int = 20, sort: SortOrder = "relevance") -> SearchResult:
        """Run a query of the Warta query language and return ranked hits with snippets."""
        started = time.perf_counter()
        q, notice = self.parse(text)
        searcher = self.searcher()
        if sort == "date":
            results = searcher.search(q, limit=limit, sortedby=sorting.FieldFacet("day", reverse=True))
        else:
            # Score every match and count it in the same pass: the total is always shown, and Whoosh's
            # block skipping (with matcher replacement) would need a second pass to count.
            collector = collectors.TopCollector(limit=limit, usequality=False, replace=0)
            searcher.search_with_collector(q, collector)
            results = collector.results()
        terms = self.match_terms(q)
        hits = tuple(_hit(result, terms) for result in results)
        total = len(results)
        suggestion = None
        if total == 0 and text.strip():
            suggestion = self.suggest(text)
        return SearchResult(
            query=text,
            total=total,
            hits=hits,
            seconds=time.perf_counter() - started,
            notice=notice,
            suggestion=suggestion,
        )

    def suggest(self, text: str) -> str | None:
        """``text`` with its unknown words replaced by the closest indexed words, or None."""
        reader = self.searcher().reader()
        changed = False

        def closest(word: str) -> str | None:
            # real spellings (the =exact forms) first, then stems; the most frequent wins
            for distance in (1, 2):
                for form in (EXACT_MARK + word, word):
                    prefix = FUZZY_PREFIX + len(form) - len(word)
                    candidates = list(IndexReader.terms_within(reader, "text", form, distance, prefix=prefix))
                    if candidates:
                        best = max(candidates, key=lambda term: reader.doc_frequency("text", term))
                        return str(best).removeprefix(EXACT_MARK)
            return None

        def fix(match: re.Match[str]) -> str:
            nonlocal changed
            word = match.group()
            lower = word.lower()
            if word in ("AND", "OR", "NOT", "TO") or not lower.isalpha() or len(lower) < 3:
                return word
            if ("text", _stem(lower)) in reader:
                return word
            better = closest(lower)
            if better is None or better == lower:
                return word
            changed = True
            return better

        fixed = re.sub(r"(?<![:\w])\w+(?![\w:])", fix, text)
        return fixed if changed else None

    def match_terms(self, q: query.Query) -> frozenset[str]:
        """The indexed words (stems and ``=exact`` forms) a parsed query matches in article text.

        Prefix, wildcard and fuzzy terms are expanded against the index; negated parts are left out.
        """
        reader = self.searcher().reader()
        found: set[str] = set()

        def visit(node: query.Query) -> None:
            if isinstance(node, query.Not):
                return
            if not node.is_leaf():
                for child in node.children():
                    visit(child)
                return
            if getattr(node, "fieldname", None) not in ("text", "title"):
                return
            if isinstance(node, query.MultiTerm):
                for term in itertools.islice(node._btexts(reader), MAX_EXPANSION):
                    found.add(term.decode("utf-8") if isinstance(term, bytes) else str(term))
            else:
                for _field, text in node.iter_all_terms():
                    found.update(str(text).split(GRAM_JOINER))

        visit(q)
        return frozenset(found)

    def matches(self, query_text: str, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` matched by ``query_text``: what the reader marks in an open article."""
        q, _notice = self.parse(query_text)
        return match_spans(text, self.match_terms(q), _stem, limit=len(text))

    def _expand_fuzzy(self, q: query.Query) -> query.Query:
        """Replace ``term~`` by the indexed words within its distance that share its first letters.

        Whoosh's per-segment automaton is very slow on a large vocabulary; one pass over the words
        with the right prefix, across all segments, takes milliseconds.
        """
        if isinstance(q, query.FuzzyTerm):
            reader = self.searcher().reader()
            prefix = max(q.prefixlength, FUZZY_PREFIX)
            words = sorted(IndexReader.terms_within(reader, q.fieldname, q.text, q.maxdist, prefix=prefix))
            if not words:
                return query.NullQuery
            return query.Or([query.Term(q.fieldname, word, boost=q.boost) for word in words])
        if q.is_leaf():
            return q
        return q.apply(self._expand_fuzzy)

    def parse(self, text: str) -> tuple[query.Query, str | None]:
        """Parse the query language; on a syntax error fall back to plain words and say so."""
        if not text.strip():
            return query.Every(), None
        try:
            rewritten = rewrite(text)
            q = self._expand_fuzzy(_common_grams(_exact_to_text(self._parser.parse(rewritten))))
            if _has_error(q):
                raise QuerySyntaxError("malformed query")
            return q, None
        except Exception as error:  # Whoosh raises many types on odd input; any of them means "fall back"
            words = plain_words(text)
            reason = str(error) if isinstance(error, QuerySyntaxError) else "malformed query"
            notice = f"{reason}; searched for the plain words: {words or '(none)'}"
            if not words:
                return query.NullQuery, notice
            return self._plain_parser.parse(words), notice


class StoreWriter:
    """Adds, replaces and deletes articles; nothing is visible to readers before :meth:`commit`."""

    def __init__(self, writer: Any) -> None:
        self._writer = writer

    def put(self, article: Article, replace: bool = True) -> None:
        """Add an article, or replace the one with its id (``replace=False`` for ids known to be new)."""
        span = day_range(article.date.iso) if article.date else None
        write = self._writer.update_document if replace else self._writer.add_document
        write(
            id=article.id,
            path=article.path,
            key=article.key,
            title=TextParts((article.title,)),
            _stored_title=article.title,
            text=TextParts((article.title, article.text)),
            _stored_text=article.text,
            source=article.source or "",
            lang=article.lang,
            date=article.date.iso if article.date else None,
            precision=article.date.precision if article.date else None,
            day=span[0] if span else 0,
            url=article.url,
            raw=zlib.compress(article.raw.encode("utf-8", "surrogatepass"), 3),
            hash=article.content_hash,
        )

    def delete(self, doc_ids: Sequence[str]) -> None:
        """Remove articles by id."""
        for doc_id in doc_ids:
            self._writer.delete_by_term("id", doc_id)

    def commit(self) -> None:
        """Make everything written so far durable and visible."""
        self._writer.commit()

    def cancel(self) -> None:
        """Drop everything written since the writer was opened."""
        self._writer.cancel()


MAX_EXPANSION = 500
"""Most index words a prefix, wildcard or fuzzy term is expanded to for marking matches."""


def _hit(result: Any, terms: frozenset[str]) -> Hit:
    stored = result.fields()
    text = stored.get("text", "")
    spans = match_spans(text, terms, _stem, most=SNIPPET_SPANS)
    return Hit(
        id=stored["id"],
        title=stored.get("title", ""),
        date=stored.get("date"),
        source=stored.get("source") or None,
        path=stored.get("path", ""),
        score=round(float(result.score or 0.0), 4),
        snippet=make_snippet(text, spans),
    )


def _stored_document(stored: dict[str, Any]) -> StoredDocument:
    raw_bytes = stored.get("raw") or b""
    return StoredDocument(
        id=stored["id"],
        title=stored.get("title", ""),
        date=stored.get("date"),
        source=stored.get("source") or None,
        path=stored.get("path", ""),
        key=stored.get("key", ""),
        lang=stored.get("lang", "und"),
        url=stored.get("url"),
        text=stored.get("text", ""),
        raw=zlib.decompress(raw_bytes).decode("utf-8", "surrogatepass") if raw_bytes else "",
    )
