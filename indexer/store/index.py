"""An open index: reading, query parsing, search, snippets and matches."""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import re
import sys
import time
import zlib
from array import array
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
from indexer.store.vocabulary import FieldWords, Vocabulary, glob_pattern, literal_prefix, segment_file, top
from indexer.store.vocabulary import load as load_vocabulary

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
        self._vocabulary: tuple[tuple[str | None, ...], Vocabulary] | None = None
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
        try:
            doc_id.encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes (an argument): no id has them
            return None
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
        q, notice, expansion = self._prepare(text)
        searcher = self.searcher()
        alike = _alike(q)
        if alike is not None:
            # every article (a bare * or ?), or the articles holding any of a few words (a prefix,
            # wildcard or range alone): they all match alike, so the newest come first, unscored
            total, hits = self._newest(*alike, limit, self.match_terms(q) if snippets else None)
        else:
            if sort == "date":
                results = searcher.search(q, limit=limit, sortedby=sorting.FieldFacet("day", reverse=True))
            else:
                # Score every match and count it in the same pass: the total is always shown, and Whoosh's
                # block skipping (with matcher replacement) would need a second pass to count.
                collector = collectors.TopCollector(limit=limit, usequality=False, replace=0)
                searcher.search_with_collector(q, collector)
                results = collector.results()
            terms = self.match_terms(q) if snippets else None
            hits = tuple(_hit(result.fields(), result.score, terms) for result in results)
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
            expansion=expansion,
        )

    def _newest(
        self, field: str | None, words: list[str], limit: int, terms: frozenset[str] | None
    ) -> tuple[int, tuple[Hit, ...]]:
        """How many articles hold any of ``words`` in ``field`` (every article when ``field`` is None),
        and the ``limit`` newest of them (undated last, then in index order), from the postings and the
        ``day`` column, without a matcher or a collector: a term's ids cost a fraction of a scored match.
        ``terms`` are marked in the snippets (none without)."""
        searcher = self.searcher()
        total = 0
        best: list[tuple[int, int]] = []  # (day, -document number), the newest of each segment
        for leaf, offset in searcher.reader().leaf_readers():
            days = _day_column(leaf)
            if field is None:
                ids: list[int] = list(leaf.all_doc_ids() if leaf.has_deletions() else range(leaf.doc_count_all()))
            else:
                found: set[int] = set()
                for word in words:
                    with contextlib.suppress(TermNotFound):
                        found.update(leaf.postings(field, word).all_ids())
                if leaf.has_deletions():
                    found = {doc for doc in found if not leaf.is_deleted(doc)}
                ids = sorted(found)
            total += len(ids)
            newest = heapq.nlargest(limit, ids, key=lambda doc: days[doc] if doc < len(days) else 0)
            best += [(days[doc] if doc < len(days) else 0, -(offset + doc)) for doc in newest]
        best.sort(reverse=True)
        return total, tuple(_hit(searcher.stored_fields(-negated), 1.0, terms) for _day, negated in best[:limit])

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
            if isinstance(node, query.MultiTerm):  # not left by parse(); bounded all the same
                for term in itertools.islice(node._btexts(reader), MAX_EXPANSIONS):
                    found.add(term.decode("utf-8") if isinstance(term, bytes) else str(term))
            else:
                for _field, text in node.iter_all_terms():
                    found.update(str(text).split(GRAM_JOINER))

        visit(q)
        return frozenset(found)

    def matches(self, query_text: str, text: str) -> list[tuple[int, int]]:
        """Spans of ``text`` matched by ``query_text``: what the reader marks in an open article."""
        q, _notice, _expansion = self._prepare(query_text)
        return match_spans(text, self.match_terms(q), STEMMER, limit=len(text))

    # bounded expansion ------------------------------------------------------------------------------------

    def vocabulary(self) -> Vocabulary:
        """The words of the index with their document frequencies (see :mod:`.vocabulary`): loaded from
        its cache files, or made (and cached) when the segments changed."""
        leaves = [leaf for leaf, _offset in self.searcher().reader().leaf_readers()]
        key = tuple(segment_file(leaf) for leaf in leaves)
        if self._vocabulary is None or self._vocabulary[0] != key:
            self._vocabulary = (key, load_vocabulary(self.directory, leaves, INDEX_NAME))
        return self._vocabulary[1]

    def _bounded(self, q: query.Query) -> tuple[query.Query, str | None]:
        """Every prefix, wildcard, range and fuzzy term replaced by its most frequent words (at most
        :data:`MAX_EXPANSIONS`, :data:`FUZZY_EXPANSIONS` for fuzzy terms, and postings for
        :data:`POSTINGS_PER_ARTICLE` of the articles shared by all of them); a bare ``*`` of an ordinary
        field means every article.
        Returns the query and what was left out, in words, or None."""
        multi = [node for node in q.leaves() if isinstance(node, query.MultiTerm | query.Every)]
        if not multi:
            return q, None
        budget = max(MIN_POSTINGS, int(self.searcher().doc_count() * POSTINGS_PER_ARTICLE))
        share = max(1, budget // len(multi))
        said: list[str] = []

        def visit(node: query.Query) -> query.Query:
            if isinstance(node, query.Every):
                if node.fieldname in (None, "", "text", "title", "exact"):
                    return query.Every(boost=node.boost)  # every article has words
                node = query.Prefix(node.fieldname, "", boost=node.boost)
            if isinstance(node, query.MultiTerm):
                replacement, notice = self._expand(node, share)
                if notice:
                    said.append(notice)
                return replacement
            if node.is_leaf():
                return node
            return node.apply(visit)

        bounded = visit(q)
        return bounded, "; ".join(said) or None

    def _expand(self, node: query.MultiTerm, postings: int) -> tuple[query.Query, str | None]:
        """One multi-term query as an OR of its most frequent words, and a notice when some were left out."""
        field = "text" if node.fieldname == "exact" else str(node.fieldname)
        label = str(node).removeprefix("text:")
        most = FUZZY_EXPANSIONS if isinstance(node, query.FuzzyTerm) else MAX_EXPANSIONS
        try:
            words = self.vocabulary().field(field)
        except Exception:  # a damaged segment: Whoosh's own walk below is still bounded
            words = None
        if words is None:
            return self._walk(node, field, label, most)
        if isinstance(node, query.Prefix):
            candidates = words.in_span(words.prefixed(str(node.text)), most)
        elif isinstance(node, query.Wildcard):
            text = str(node.text)
            candidates = words.matching(words.prefixed(literal_prefix(text)), text, most)
        elif isinstance(node, query.TermRange):
            span = words.span(_text(node.start), _text(node.end), bool(node.startexcl), bool(node.endexcl))
            candidates = words.in_span(span, most)
        elif isinstance(node, query.FuzzyTerm):
            prefix = max(int(node.prefixlength), FUZZY_PREFIX)
            candidates = words.near(str(node.text), int(node.maxdist), prefix, most)
        else:
            return self._walk(node, field, label, most)
        chosen, cut = top(candidates, words, most, postings)
        replacement = _any_of(field, [words.term(i) for i in chosen], node.boost)
        if not isinstance(node, query.FuzzyTerm):
            replacement = _alike_score(replacement, node.boost)
        if not cut:
            return replacement, None
        return replacement, _expansion_notice(label, words, chosen, candidates.count)

    def _walk(self, node: query.MultiTerm, field: str, label: str, most: int) -> tuple[query.Query, str | None]:
        """A field without vocabulary: its first words in order, Whoosh's walk cut short."""
        reader = self.searcher().reader()
        texts: Any
        if isinstance(node, query.FuzzyTerm):
            prefix = max(int(node.prefixlength), FUZZY_PREFIX)
            texts = sorted(IndexReader.terms_within(reader, field, node.text, node.maxdist, prefix=prefix))
        elif isinstance(node, query.TermRange):
            texts = node._btexts(reader)
        elif isinstance(node, query.Prefix | query.Wildcard):
            text = str(node.text)
            pattern = re.compile(glob_pattern(text) + r"\Z")
            start = text if isinstance(node, query.Prefix) else literal_prefix(text)
            scanned = itertools.islice(reader.expand_prefix(field, start), MAX_WALK)
            texts = (t for t in scanned if isinstance(node, query.Prefix) or pattern.match(_text(t) or ""))
        else:
            texts = node._btexts(reader)
        found = [_text(t) or "" for t in itertools.islice(texts, most + 1)]
        replacement = _any_of(field, found[:most], node.boost)
        if not isinstance(node, query.FuzzyTerm):
            replacement = _alike_score(replacement, node.boost)
        if len(found) <= most:
            return replacement, None
        return replacement, f"{label} stands for its first {most:,} words in alphabetical order"

    def _prepare(self, text: str) -> tuple[query.Query, str | None, str | None]:
        """The query to run, the parse notice and the expansion notice."""
        q, notice = self._parse(text)
        try:
            bounded, expansion = self._bounded(q)
        except Exception:  # no query may fail here: what cannot be expanded matches nothing
            return query.NullQuery, notice, "a part of the query could not be expanded and was left out"
        return bounded, notice, expansion

    def parse(self, text: str) -> tuple[query.Query, str | None]:
        """The query to run for ``text`` (multi-term parts bounded) and the parse notice."""
        q, notice, _expansion = self._prepare(text)
        return q, notice

    def _parse(self, text: str) -> tuple[query.Query, str | None]:
        """Parse the query language; on a syntax error fall back to plain words and say so."""
        if not text.strip() or _BARE.fullmatch(text):
            return query.Every(), None  # nothing, or only wildcards: every article, newest first
        try:
            rewritten = rewrite(text, query_name)
            q = known_names(common_grams(exact_to_text(self._parser.parse(rewritten))))
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


MAX_EXPANSIONS = 100
"""Most index words a prefix, wildcard or range stands for: its most frequent ones (Lucene's top terms)."""
FUZZY_EXPANSIONS = 50
"""Most index words a fuzzy term stands for (Elasticsearch's ``max_expansions``)."""
POSTINGS_PER_ARTICLE = 0.5
"""Postings the chosen words of a query's multi-term parts may have in all, per article of the index:
what reading them costs bounds the query, not their number. Each part gets its share, and always its
most frequent word; so an expansion reads no more than a word found in half of the articles."""
MIN_POSTINGS = 2_000
"""The postings budget of a small index."""
MAX_WALK = 5_000
"""Words looked at, in order, for a multi-term part of a field without vocabulary (``names``)."""
_BARE = re.compile(r"[\s*?]+")
"""A query of wildcards alone."""


def damage_message(directory: str, problem: str | None) -> str:
    """The one line that says an index is damaged, and how to mend it."""
    return (
        f"the index at {directory} is damaged: {problem or 'it cannot be read'};"
        f" run 'warta index --repair --index {directory}' to mend it"
    )


def _text(value: Any) -> str | None:
    """A term or range end as text (Whoosh may hand bytes)."""
    if value is None:
        return None
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _any_of(field: str, terms: list[str], boost: float) -> query.Query:
    """A query for any of ``terms`` of ``field`` (nothing for none)."""
    if not terms:
        return query.NullQuery
    if len(terms) == 1:
        return query.Term(field, terms[0], boost=boost)
    return query.Or([query.Term(field, term, boost=boost) for term in terms])


class _AnyWord(query.ConstantScoreQuery):  # type: ignore[misc]
    """Articles holding any of some words of a field, all with the same score.

    Whoosh's :class:`~whoosh.query.ConstantScoreQuery` reads the ids through a matcher of the OR, one
    id at a time in Python; here each word's ids go into one set, a fraction of the cost.
    """

    def matcher(self, searcher: Searcher, context: Any = None) -> Any:
        if context is not None and context.needs_current:
            return super().matcher(searcher, context)
        from whoosh import matching

        reader = searcher.reader()
        found: set[int] = set()
        for field, text in self.child.iter_all_terms():
            with contextlib.suppress(TermNotFound):
                found.update(reader.postings(field, text).all_ids())
        if not found:
            return matching.NullMatcher()
        return matching.ListMatcher(array("I", sorted(found)), all_weights=self.score)


def _alike_score(q: query.Query, boost: float) -> query.Query:
    """Lucene's constant-score rewrite of a prefix, wildcard or range: every article holding one of its
    words scores the same (a word is no better a match of ``ke*`` for being rarer)."""
    return q if q is query.NullQuery else _AnyWord(q, score=boost)


def _alike(q: query.Query) -> tuple[str | None, list[str]] | None:
    """For a query whose matches all score alike, the field and words any of which an article must
    hold (``(None, [])`` for every article); None for any other query."""
    if isinstance(q, query.Every) and not q.fieldname:
        return None, []
    if not isinstance(q, query.ConstantScoreQuery):
        return None
    child = q.child
    terms = [child] if isinstance(child, query.Term) else list(child.children()) if isinstance(child, query.Or) else []
    if not terms or not all(isinstance(t, query.Term) for t in terms) or len({t.fieldname for t in terms}) != 1:
        return None
    return str(terms[0].fieldname), [_text(t.text) or "" for t in terms]


def _expansion_notice(label: str, words: FieldWords, chosen: list[int], count: int | None) -> str:
    """``s* stands for its 2 most frequent words of 14,021 (said, sebut)``."""
    shown = [words.key(i) for i in chosen[:5]] + (["…"] if len(chosen) > 5 else [])
    what = "most frequent word" if len(chosen) == 1 else f"{len(chosen):,} most frequent words"
    of = f" of {count:,}" if count is not None else ""
    return f"{label} stands for its {what}{of} ({', '.join(shown)})"


def _day_column(leaf: Any) -> array[int]:
    """The ``day`` of every document of a segment (0 for undated), read in one piece."""
    values = array("I")
    try:
        column = leaf.column_reader("day", translate=False)
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        if column._fixedlen != values.itemsize or column._typecode != "I":
            raise TypeError("not an unsigned 32-bit column")
        values.frombytes(raw)
        if sys.byteorder == "little":
            values.byteswap()  # stored big-endian
    except Exception:  # another column format, or none: ask Whoosh document by document
        try:
            column = leaf.column_reader("day")
            values = array("I", (int(v or 0) for v in column))
        except Exception:
            values = array("I", [0]) * leaf.doc_count_all()
    return values


def _hit(stored: dict[str, Any], score: float | None, terms: frozenset[str] | None) -> Hit:
    """A hit with its snippet around ``terms`` (no snippet when None)."""
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
        score=round(float(score or 0.0), 4),
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
