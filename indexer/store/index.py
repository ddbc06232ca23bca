"""An open index: reading, query parsing, search, snippets and matches."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from whoosh import collectors, index, qparser, query, sorting
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, EmptyIndexError, LockError
from whoosh.reading import IndexReader, TermNotFound
from whoosh.searching import Searcher

from indexer.language.entities.model import Entity
from indexer.language.entities.names import lookup, query_name
from indexer.store.analysis import FUZZY_PREFIX, GRAM_JOINER, INDEX_NAME, NAME_PART, STEMMER, build_schema
from indexer.store.codec import InliningCodec
from indexer.store.folder import TOC_FILE, WriteLock, read_toc, toc_state
from indexer.store.queries import common_grams, exact_to_text, has_error, known_names
from indexer.store.querylang import ENTITY_FIELDS, QuerySyntaxError, plain_terms, plain_words, rewrite
from indexer.store.results import (
    Hit,
    IndexBusy,
    IndexDamaged,
    IndexMissing,
    NamedEntity,
    SearchResult,
    SortOrder,
    StoredDocument,
)
from indexer.store.snippets import SNIPPET_SPANS, make_snippet, match_spans
from indexer.store.stemming import EXACT_MARK, WORD

if TYPE_CHECKING:
    from indexer.store.writing import Annotator, StoreWriter


ROW_FIELDS = ("id", "path", "key", "title", "date", "source", "lang", "hash")
"""The stored fields an article's catalogue row is made of (rebuilt from the index when the catalogue is lost)."""


class Store:
    """An open Warta index directory."""

    def __init__(self, directory: str, ix: Any, lock: WriteLock | None = None) -> None:
        self.directory = directory
        self._ix = ix
        self._lock = lock
        self._searcher: Searcher | None = None
        self._make_parsers()

    def _make_parsers(self) -> None:
        schema = self._ix.schema
        self._parser = qparser.QueryParser("text", schema, group=qparser.AndGroup)
        self._parser.add_plugin(qparser.FuzzyTermPlugin())
        self._plain_parser = qparser.QueryParser("text", schema, group=qparser.AndGroup)

    # opening -----------------------------------------------------------------

    @classmethod
    def open(cls, directory: str, create: bool = False, lock: WriteLock | None = None) -> Store:
        """Open the index in ``directory``; create it when ``create`` and it does not exist.

        Raises :class:`IndexMissing` when there is none, :class:`IndexDamaged` when its table of contents
        cannot be read. ``lock``: the write lock the caller holds, so that writers do not lock again.
        """
        try:
            return cls(directory, index.open_dir(directory, indexname=INDEX_NAME), lock)
        except EmptyIndexError:
            pass
        except PermissionError:
            raise
        except Exception as error:  # a table of contents that does not read
            problem = toc_state(directory).problem or " ".join(f"{type(error).__name__}: {error}".split())[:120]
            raise IndexDamaged(damage_message(directory, problem)) from None
        if not create:
            raise IndexMissing(f"no index at {directory} (run 'warta index PATH' first)")
        os.makedirs(directory, exist_ok=True)
        # Whoosh's create_in deletes every file whose name starts with "_warta_": write generation 0 alone
        TOC(build_schema(), [], 0).write(FileStorage(directory), INDEX_NAME)
        return cls(directory, index.open_dir(directory, indexname=INDEX_NAME), lock)

    @staticmethod
    def exists(directory: str) -> bool:
        """Whether ``directory`` holds an index (maybe a damaged one: :meth:`open` says)."""
        try:
            return any(TOC_FILE.match(name) for name in os.listdir(directory))
        except OSError:
            return False

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
        if self._searcher is not None and not self._searcher.up_to_date():
            # Whoosh cannot refresh a reader of no segment (nothing committed yet): it is reopened below
            with contextlib.suppress(TypeError):
                self._searcher = self._searcher.refresh()
            if not self._searcher.up_to_date():
                # a commit that changed no segment: Whoosh's refresh keeps the old reader and its generation
                self._searcher.close()
                self._searcher = None
        if self._searcher is None:
            try:
                self._searcher = self._ix.searcher()
            except FileNotFoundError:  # Whoosh tried again ten times: a segment is lost, not being replaced
                raise IndexDamaged(damage_message(self.directory, toc_state(self.directory).problem)) from None
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

    def writer(self, procs: int = 1, annotator: Annotator | None = None) -> StoreWriter:
        """A writer analysing and writing in ``procs`` subprocesses (one segment each) when above 1.

        ``annotator`` finds each article's entities where the article is analysed; what it returns
        as ``extra`` comes back from :meth:`StoreWriter.commit`. Raises :class:`IndexBusy` when
        another process holds the write lock.
        """
        # imported here: multiprocessing and Whoosh's writers are of no use to a reading command
        from indexer.store.writing import POOL_MB, WRITER_BATCH, ParallelWriter, StoreWriter, remove_handbacks

        try:
            self.add_missing_fields()
            remove_handbacks(self.directory)
            options: dict[str, Any] = dict(limitmb=POOL_MB, compound=False, codec=InliningCodec())
            if procs > 1:
                w = ParallelWriter(
                    self._ix,
                    procs=procs,
                    multisegment=True,
                    batchsize=WRITER_BATCH,
                    subargs=dict(options),
                    _lk=self._lock is None,
                    **options,
                )
                w.annotator = annotator
                w.lock_fd = self._lock.fd if self._lock is not None else None
            else:
                w = self._segment_writer(**options)
        except LockError as error:
            raise IndexBusy(f"index is busy: another process is writing to {self.directory}") from error
        return StoreWriter(w, annotator)

    def _segment_writer(self, **options: Any) -> Any:
        """Whoosh's one-process writer, committing the Warta way; it locks unless the store holds the lock."""
        from indexer.store.writing import SafeSegmentWriter

        return SafeSegmentWriter(self._ix, _lk=self._lock is None, **options)

    def add_missing_fields(self, before_commit: Callable[[int], None] | None = None) -> bool:
        """Give an index made by an earlier version the fields of this one (their articles are re-indexed);
        ``before_commit(generation)`` is called before the commit. Returns whether it committed."""
        wanted = build_schema()
        missing = [name for name in wanted.names() if name not in self._ix.schema]
        if not missing:
            return False
        w = self._segment_writer(codec=InliningCodec())
        for name in missing:
            w.add_field(name, wanted[name])
        if before_commit is not None:
            before_commit(w.generation)
        w.commit()
        self._reopen()
        return True

    def _reopen(self) -> None:
        """Read the index again after this process committed to it."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._ix = index.open_dir(self.directory, indexname=INDEX_NAME)
        self._make_parsers()

    # consistency ---------------------------------------------------------------

    def generation(self) -> int:
        """The generation of the committed index (its table of contents, ``_warta_N.toc``)."""
        return int(self._ix.latest_generation())

    def toc_bytes(self) -> bytes:
        """The bytes of the current table of contents (the catalogue keeps a copy, to restore it)."""
        return read_toc(self.directory, self.generation())

    def id_documents(self, ids: Iterable[str] | None = None) -> dict[str, list[int]]:
        """Document numbers of each article id in the index (only of ``ids``, when given); an id with more
        than one number is in the index more than once."""
        reader = self.searcher().reader()
        if ids is None:
            ids = (term.decode("utf-8") if isinstance(term, bytes) else str(term) for term in reader.lexicon("id"))
        found: dict[str, list[int]] = {}
        for doc_id in ids:
            try:
                numbers = list(reader.postings("id", doc_id).all_ids())  # deleted documents left out
            except TermNotFound:
                continue
            if numbers:
                found[doc_id] = numbers
        return found

    def rows(self, numbers: Iterable[int]) -> list[dict[str, Any]]:
        """The stored fields of :data:`ROW_FIELDS` of documents by number."""
        reader = self.searcher().reader()
        rows = []
        for number in numbers:
            stored = reader.stored_fields(number)
            rows.append({name: stored.get(name) for name in ROW_FIELDS})
        return rows

    def stored_hashes(self) -> dict[str, str]:
        """Article id → stored content hash of every article (reads every stored document: slow)."""
        reader = self.searcher().reader()
        return {stored["id"]: stored.get("hash") or "" for _number, stored in reader.iter_docs()}

    def delete_documents(self, numbers: Sequence[int], before_commit: Callable[[int], None]) -> None:
        """Delete documents by number in one commit; ``before_commit(generation)`` is called before it."""
        w = self._segment_writer(codec=InliningCodec())
        try:
            for number in numbers:
                w.delete_document(number)
            before_commit(w.generation)
        except BaseException:
            w.cancel()
            raise
        w.commit()
        self._reopen()

    # reading -----------------------------------------------------------------

    def entities(self, kind: str | None = None) -> list[NamedEntity]:
        """Canonical entities (of one type, or all) with their article counts, most named first."""
        reader = self.searcher().reader()
        if "names" not in self._ix.schema:
            return []
        prefix = f"{kind}{NAME_PART}" if kind else ""
        deletions = reader.has_deletions()
        counts: dict[tuple[str, str], int] = {}
        spellings: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for term, info in reader.iter_prefix("names", prefix):
            text = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            if deletions:  # term statistics still count deleted articles until segments merge
                documents = sum(1 for doc in reader.postings("names", text).all_ids() if not reader.is_deleted(doc))
            else:
                documents = info.doc_frequency()
            if not documents:
                continue
            parts = text.split(NAME_PART)
            if len(parts) == 2:
                counts[(parts[0], parts[1])] = documents
            elif len(parts) == 3:
                spellings.setdefault((parts[0], parts[1]), []).append((parts[2], documents))
        named = [
            NamedEntity(key[0], key[1], documents, tuple(sorted(spellings.get(key, ()), key=lambda a: (-a[1], a[0]))))
            for key, documents in counts.items()
        ]
        named.sort(key=lambda e: (-e.documents, e.canonical, e.type))
        return named

    def get(self, doc_id: str) -> StoredDocument | None:
        """The stored article with this id, or None."""
        fields_ = self.searcher().document(id=doc_id)
        return _stored_document(fields_) if fields_ else None

    def search(
        self, text: str, limit: int = 20, sort: SortOrder = "relevance", *, snippets: bool = True, suggest: bool = True
    ) -> SearchResult:
        """Run a query of the Warta query language and return ranked hits with snippets.

        Without ``snippets`` every hit's snippet is empty; without ``suggest`` no correction is looked
        for when nothing matched (both cost far more than the search itself: ask :meth:`suggest` later).
        """
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
        terms = self.match_terms(q) if snippets else None
        hits = tuple(_hit(result, terms) for result in results)
        total = len(results)
        suggestion = None
        if suggest and total == 0 and text.strip():
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
            if ("text", STEMMER(lower)) in reader:
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
            field = getattr(node, "fieldname", None)
            if (field in ENTITY_FIELDS or field == "names") and isinstance(node, query.Term | query.Phrase):
                # the article may name the entity otherwise: mark every known way of writing it
                words = [str(node.text)] if isinstance(node, query.Term) else [str(w) for w in node.words]
                name = " ".join(words).split(NAME_PART)[-1]
                known = lookup(name)
                spellings = (known.canonical, *known.aliases) if known else (name,)
                found.update(STEMMER(word.lower()) for spelling in spellings for word in WORD.findall(spelling))
                return
            if field not in ("text", "title"):
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
        return match_spans(text, self.match_terms(q), STEMMER, limit=len(text))

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
            rewritten = rewrite(text, query_name)
            q = self._expand_fuzzy(known_names(common_grams(exact_to_text(self._parser.parse(rewritten)))))
            if has_error(q):
                raise QuerySyntaxError("malformed query")
            return q, None
        except Exception as error:  # Whoosh raises many types on odd input; any of them means "fall back"
            words = plain_words(text)
            reason = str(error) if isinstance(error, QuerySyntaxError) else "malformed query"
            notice = f"{reason}; searched for the plain words: {words or '(none)'}"
            if not words:
                return query.NullQuery, notice
            try:  # operator words are searched as words: "NOT NOT a" must not become Not(Not(a))
                return self._plain_parser.parse(plain_terms(words)), notice
            except Exception:  # the fallback must answer too, whatever Whoosh makes of the words
                return query.NullQuery, f"{reason}; the plain words could not be searched either"


def damage_message(directory: str, problem: str | None) -> str:
    """The one line that says an index is damaged, and how to mend it."""
    return (
        f"the index at {directory} is damaged: {problem or 'it cannot be read'};"
        f" run 'warta index --repair --index {directory}' to mend it"
    )


MAX_EXPANSION = 500
"""Most index words a prefix, wildcard or fuzzy term is expanded to for marking matches."""


def _hit(result: Any, terms: frozenset[str] | None) -> Hit:
    """A hit with its snippet around ``terms`` (no snippet when None)."""
    stored = result.fields()
    snippet: tuple[tuple[str, bool], ...] = ()
    if terms is not None:
        text = stored.get("text", "")
        snippet = make_snippet(text, match_spans(text, terms, STEMMER, most=SNIPPET_SPANS))
    return Hit(
        id=stored["id"],
        title=stored.get("title", ""),
        date=stored.get("date"),
        source=stored.get("source") or None,
        path=stored.get("path", ""),
        score=round(float(result.score or 0.0), 4),
        snippet=snippet,
    )


def _stored_document(stored: dict[str, Any]) -> StoredDocument:
    raw_bytes = stored.get("raw") or b""
    text = stored.get("text", "")
    entities = tuple(
        Entity(start, end, text[start:end], kind, canonical)
        for start, end, kind, canonical in stored.get("entities") or ()
        if 0 <= start < end <= len(text)
    )
    return StoredDocument(
        id=stored["id"],
        title=stored.get("title", ""),
        date=stored.get("date"),
        source=stored.get("source") or None,
        path=stored.get("path", ""),
        key=stored.get("key", ""),
        lang=stored.get("lang", "und"),
        url=stored.get("url"),
        text=text,
        raw=zlib.decompress(raw_bytes).decode("utf-8", "surrogatepass") if raw_bytes else "",
        entities=entities,
    )
