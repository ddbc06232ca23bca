"""The words of each field with their document frequencies: what a bounded expansion chooses from.

A prefix (``ke*``), wildcard (``*nya``), range (``[a TO z]``) or fuzzy term (``indonesai~``) stands for
many index words. Whoosh finds them by walking the term dictionary of every segment, in Python, at
every query (seconds for ``s*`` on 41,000 articles), and then reads the postings of every one of them.
Lucene and Elasticsearch bound this ("top terms" rewrites, ``max_expansions``): a multi-term query
stands for its most frequent words only. To choose those without any walk, the vocabulary of a field
is kept as one sorted list with the document frequency of each word (summed over segments) and the
order of the words by frequency; the list is one string, sliced by binary search and scanned with
``str.find`` at C speed.

Index words are matched by their *key*: the word as written, so a stem (``kunjung``) and an exact form
(``=kunjungan``, key ``kunjungan``) both answer ``kunj*``; common-word pairs (``di+dalam``) are left out.

The lists are derived data, cached beside the segments: ``warta_<segment>.vcb`` holds one segment's
words (Whoosh deletes it with its segment, its name being a segment file's), ``warta-vocab-<hash>.vcb``
the merged lists of a set of segments (a name Whoosh leaves alone; the next one written replaces it).
A cache that cannot be written (a read-only index) or read (damaged) is rebuilt in memory; nothing
here ever fails a search.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import heapq
import itertools
import json
import os
import re
import struct
import sys
import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from indexer.store.analysis import GRAM_JOINER
from indexer.store.stemming import EXACT_MARK

FIELDS = ("text", "title", "source", "person", "org", "loc", "misc", "id", "lang", "path")
"""Fields with a vocabulary; others (``names``, inner fields) are expanded by a bounded walk."""
WORDS_FIELDS = frozenset(("text", "title"))
"""Fields of stems and exact forms, with common-word pairs to leave out."""
_MAGIC = b"WARTA-VOCAB-1\n"
_LENGTHS = struct.Struct("!ii")
_DF = struct.Struct("!I")
_DF_OFFSET = 5
"""Where Whoosh 3's term info keeps the document frequency (``!BfI``: flags, weight, doc freq)."""
MERGED_MARK = "-vocab-"
"""In the name of the merged lists: ``warta-vocab-<hash of the segment names>.vcb``."""
STALE_SECONDS = 600
"""A temporary cache file older than this was left by a killed process."""
DENSE = 20_000
"""Past this many candidate words, the most frequent are found by walking the words by frequency."""


@dataclass(frozen=True, slots=True)
class Candidates:
    """The words an expansion may choose from: their indices, most frequent first, and how many there are
    (None when there are too many to count them all)."""

    indices: Iterator[int]
    count: int | None


class FieldWords:
    """One field's words, sorted by key, with their document frequencies.

    The keys are kept joined in one string (scanned at C speed, split only in small slices), with the
    offset of each: a list of 160,000 strings would cost more to load than a search may take.
    """

    def __init__(self, joined: str, exact: bytes, dfs: array[int], order: array[int], starts: array[int]) -> None:
        self.joined = joined
        """The keys, each followed by a newline."""
        self.exact = exact
        """1 where the index word is the exact form (``=`` + key), 0 where it is the key itself."""
        self.dfs = dfs
        self.order = order
        """Indices of the words, most frequent first (ties in key order)."""
        self.starts = starts
        """Offset of each key in :attr:`joined`, and the length of :attr:`joined` at the end."""

    def __len__(self) -> int:
        return len(self.dfs)

    def key(self, index: int) -> str:
        """The key at ``index``: the word as written."""
        return self.joined[self.starts[index] : self.starts[index + 1] - 1]

    def keys(self, span: range) -> list[str]:
        """The keys of ``span``, in order."""
        if not span:
            return []
        return self.joined[self.starts[span.start] : self.starts[span.stop] - 1].split("\n")

    def term(self, index: int) -> str:
        """The index word (as the field holds it) at ``index``."""
        return EXACT_MARK + self.key(index) if self.exact[index] else self.key(index)

    def _bisect(self, value: str, right: bool = False) -> int:
        """First index whose key is above (``right``) or not below ``value``."""
        low, high = 0, len(self)
        while low < high:
            middle = (low + high) // 2
            key = self.key(middle)
            if key < value or (right and key == value):
                low = middle + 1
            else:
                high = middle
        return low

    # candidates -------------------------------------------------------------------------------------

    def span(self, low: str | None, high: str | None, low_excluded: bool = False, high_excluded: bool = False) -> range:
        """Indices of the keys from ``low`` to ``high`` (None or empty: open), ends included unless excluded."""
        start = self._bisect(low, right=low_excluded) if low else 0
        end = self._bisect(high, right=not high_excluded) if high else len(self)
        return range(start, max(start, end))

    def prefixed(self, prefix: str) -> range:
        """Indices of the keys that start with ``prefix``."""
        if not prefix:
            return range(len(self))
        start = self._bisect(prefix)
        last = ord(prefix[-1])
        end = self._bisect(prefix[:-1] + chr(last + 1)) if last < 0x10FFFF else len(self)
        return range(start, max(start, end))

    def in_span(self, span: range, most: int) -> Candidates:
        """The keys of ``span``, most frequent first (``most`` + 1 of them are enough to choose from)."""
        return Candidates(self._most_frequent(span, most), len(span))

    def _most_frequent(self, indices: Iterable[int] | range, most: int) -> Iterator[int]:
        """``indices``, most frequent first: a heap over a small set, a walk down :attr:`order` for a
        large range (its most frequent words come early in it)."""
        if isinstance(indices, range) and len(indices) > DENSE:
            start, stop = indices.start, indices.stop
            return (i for i in self.order if start <= i < stop)
        return iter(heapq.nlargest(most + 1, indices, key=self.dfs.__getitem__))

    def matching(self, span: range, glob: str, most: int) -> Candidates:
        """The keys of ``span`` that the wildcard ``glob`` (``*`` any letters, ``?`` one) matches."""
        whole = re.compile(glob_pattern(glob) + "\\Z")
        if len(span) <= DENSE:
            found = [i for i, key in zip(span, self.keys(span), strict=True) if whole.match(key)]
            return Candidates(self._most_frequent(found, most), len(found))
        literal = max(re.split(r"[*?]+", glob), key=len)
        if literal:
            # the keys holding the pattern's longest literal part, found by a C-speed scan
            low, high = self.starts[span.start], self.starts[span.stop]
            hits = itertools.islice(_occurrences(self.joined, literal, low, high), DENSE + 1)
            offsets = list(hits)
            if len(offsets) <= DENSE:
                starts = self.starts
                indices = sorted({bisect.bisect_right(starts, offset) - 1 for offset in offsets})
                found = [i for i in indices if whole.match(self.key(i))]
                return Candidates(self._most_frequent(found, most), len(found))
        # the pattern matches many keys: the most frequent ones are found early in the walk by frequency
        start, stop, key = span.start, span.stop, self.key
        return Candidates((i for i in self.order if start <= i < stop and whole.match(key(i))), None)

    def near(self, word: str, distance: int, prefix: int, most: int) -> Candidates:
        """Keys within ``distance`` edits of ``word`` (a swap of two neighbours is one edit) that share its
        first ``prefix`` letters.

        The keys are walked in order as the paths of a trie: a row of the edit-distance table is worked
        out once for all keys that share a beginning, and a beginning already too far from ``word``
        skips every key that starts with it.
        """
        span = self.prefixed(word[:prefix])
        keys = self.keys(span)
        found: list[int] = []
        rows: list[list[int]] = [list(range(len(word) + 1))]
        path = ""  # the key (or the beginning of one) whose rows are in ``rows``
        i = 0
        while i < len(keys):
            key = keys[i]
            common = 0
            limit = min(len(path), len(key), len(rows) - 1)
            while common < limit and path[common] == key[common]:
                common += 1
            del rows[common + 1 :]
            dead = None
            for depth in range(common, len(key)):
                row = _next_row(rows, depth, key, word)
                rows.append(row)
                if min(row) > distance:
                    dead = depth + 1  # no key that starts with key[:dead] can come close enough
                    break
            if dead is None:
                path = key
                if rows[len(key)][-1] <= distance:
                    found.append(span.start + i)
                i += 1
            else:
                path = key[:dead]
                i = _after_prefix(keys, path, i + 1)
        return Candidates(self._most_frequent(found, most), len(found))


def _next_row(rows: list[list[int]], depth: int, key: str, word: str) -> list[int]:
    """The edit-distance row of ``key[: depth + 1]`` against ``word`` (optimal string alignment)."""
    previous = rows[depth]
    before = rows[depth - 1] if depth else None
    char = key[depth]
    last = key[depth - 1] if depth else ""
    row = [depth + 1]
    for j in range(1, len(word) + 1):
        value = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (word[j - 1] != char))
        if before is not None and j > 1 and char == word[j - 2] and last == word[j - 1]:
            value = min(value, before[j - 2] + 1)
        row.append(value)
    return row


def _after_prefix(keys: list[str], prefix: str, start: int) -> int:
    """Index of the first key from ``start`` on that does not start with ``prefix`` (keys are sorted)."""
    last = ord(prefix[-1])
    if last >= 0x10FFFF:
        return len(keys)
    return bisect.bisect_left(keys, prefix[:-1] + chr(last + 1), start)


def _occurrences(text: str, literal: str, start: int, end: int) -> Iterator[int]:
    """Offsets of ``literal`` in ``text[start:end]``."""
    find = text.find
    position = find(literal, start, end)
    while position >= 0:
        yield position
        position = find(literal, position + 1, end)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance of ``a`` and ``b`` (a swap of two neighbours is one edit)."""
    rows = [list(range(len(b) + 1))]
    for depth in range(len(a)):
        rows.append(_next_row(rows, depth, a, b))
    return rows[-1][-1]


class Vocabulary:
    """The words of the vocabulary fields of one set of segments."""

    def __init__(self, fields: dict[str, FieldWords]) -> None:
        self._fields = fields

    def field(self, name: str) -> FieldWords | None:
        """The words of field ``name``, or None when it has no vocabulary."""
        return self._fields.get(name)


# building -------------------------------------------------------------------------------------------


SegmentWords = dict[str, dict[str, int]]
"""Field → {index word: document frequency} of one segment."""


def _segment_words(segment_reader: Any) -> SegmentWords:
    """The words of one segment's vocabulary fields, read from its term file in one pass."""
    out: SegmentWords = {}
    try:
        terms = segment_reader._terms
        table = terms._tindex
        fieldmap: dict[str, int] = terms._fieldmap
    except AttributeError:
        return _segment_words_slowly(segment_reader)
    for name in FIELDS:
        number = fieldmap.get(name)
        if number is None:
            continue
        start = table.closest_key_pos(struct.pack("!H", number))
        if start is None:
            continue
        end = table.closest_key_pos(struct.pack("!H", number + 1)) if number < 0xFFFF else None
        end = table.endofdata if end is None else end
        data = table.dbfile.get(start, end - start)
        words: dict[str, int] = {}
        pair = GRAM_JOINER.encode() if name in WORDS_FIELDS else b"\n"  # common-word pairs are no words
        position, size, lengths, df = 0, len(data), _LENGTHS.unpack_from, _DF.unpack_from
        while position < size:
            key_length, value_length = lengths(data, position)
            key = position + 8
            term = data[key + 2 : key + key_length]
            if term and pair not in term and b"\n" not in term:
                words[term.decode("utf-8", "replace")] = df(data, key + key_length + _DF_OFFSET)[0]
            position = key + key_length + value_length
        out[name] = words
    return out


def _segment_words_slowly(segment_reader: Any) -> SegmentWords:
    """The same through Whoosh's reader API (for a segment of another codec)."""
    out: SegmentWords = {}
    for name in FIELDS:
        if name not in segment_reader.schema:
            continue
        words: dict[str, int] = {}
        for term, info in segment_reader.iter_field(name):
            text = term.decode("utf-8", "replace") if isinstance(term, bytes) else str(term)
            if text and "\n" not in text and not (name in WORDS_FIELDS and GRAM_JOINER in text):
                words[text] = int(info.doc_frequency())
        out[name] = words
    return out


def _field_words(name: str, words: dict[str, int]) -> FieldWords:
    """Merged words of a field as :class:`FieldWords`."""
    words_field = name in WORDS_FIELDS
    rows = sorted(
        (term[1:], 1, df) if words_field and term[:1] == EXACT_MARK and len(term) > 1 else (term, 0, df)
        for term, df in words.items()
    )
    dfs = array("I", (min(df, 0xFFFFFFFF) for _key, _exact, df in rows))
    order = array("I", sorted(range(len(rows)), key=dfs.__getitem__, reverse=True))  # stable: ties in key order
    keys = [key for key, _exact, _df in rows]
    starts = array("I", itertools.accumulate((len(key) + 1 for key in keys), initial=0))
    joined = "".join(key + "\n" for key in keys)
    return FieldWords(joined, bytes(exact for _key, exact, _df in rows), dfs, order, starts)


def merge(segments: Iterable[SegmentWords]) -> Vocabulary:
    """One vocabulary of several segments: document frequencies summed."""
    merged: dict[str, dict[str, int]] = {}
    for words in segments:
        for name, field in words.items():
            target = merged.setdefault(name, {})
            if not target:
                target.update(field)
                continue
            get = target.get
            for term, df in field.items():
                target[term] = get(term, 0) + df
    return Vocabulary({name: _field_words(name, words) for name, words in merged.items()})


# cache files ----------------------------------------------------------------------------------------
# A magic line, a JSON line ({"segment" or "merged": {field: [words, bytes of the joined words]}}), then
# per field the words joined by newlines and the arrays (native unsigned 32-bit integers).


def _dump_segment(words: SegmentWords) -> bytes:
    blobs = {name: "\n".join(field).encode("utf-8", "surrogatepass") for name, field in words.items()}
    header = {name: [len(words[name]), len(blob)] for name, blob in blobs.items()}
    parts = [_MAGIC, json.dumps({"segment": header, "byteorder": sys.byteorder}).encode() + b"\n"]
    for name, blob in blobs.items():
        parts.append(blob)
        parts.append(array("I", (min(df, 0xFFFFFFFF) for df in words[name].values())).tobytes())
    return b"".join(parts)


def _load_segment(data: bytes) -> SegmentWords:
    header, position = _header(data, "segment")
    out: SegmentWords = {}
    for name, (count, size) in header.items():
        terms, position = _lines(data, position, count, size)
        dfs, position = _ints(data, position, count)
        out[name] = dict(zip(terms, dfs, strict=True))
    _check_end(data, position)
    return out


def _dump_merged(vocabulary: Vocabulary) -> bytes:
    fields = vocabulary._fields
    blobs = {name: words.joined.encode("utf-8", "surrogatepass") for name, words in fields.items()}
    header = {name: [len(fields[name]), len(blob)] for name, blob in blobs.items()}
    parts = [_MAGIC, json.dumps({"merged": header, "byteorder": sys.byteorder}).encode() + b"\n"]
    for name, words in fields.items():
        parts += [blobs[name], words.exact, words.dfs.tobytes(), words.order.tobytes(), words.starts.tobytes()]
    return b"".join(parts)


def _load_merged(data: bytes) -> Vocabulary:
    header, position = _header(data, "merged")
    fields: dict[str, FieldWords] = {}
    for name, (count, size) in header.items():
        joined = data[position : position + size].decode("utf-8", "surrogatepass")
        position += size
        exact = data[position : position + count]
        position += count
        dfs, position = _ints(data, position, count)
        order, position = _ints(data, position, count)
        starts, position = _ints(data, position, count + 1)
        if len(exact) != count or starts[-1] != len(joined) or joined.count("\n") != count:
            raise ValueError("damaged vocabulary")
        words = FieldWords(joined, exact, dfs, order, starts)
        fields[name] = words
    _check_end(data, position)
    return Vocabulary(fields)


def _header(data: bytes, kind: str) -> tuple[dict[str, tuple[int, int]], int]:
    if not data.startswith(_MAGIC):
        raise ValueError("not a vocabulary file")
    end = data.index(b"\n", len(_MAGIC))
    meta = json.loads(data[len(_MAGIC) : end])
    if meta.get("byteorder") != sys.byteorder or not isinstance(meta.get(kind), dict):
        raise ValueError("vocabulary file of another kind")
    return {str(k): (int(v[0]), int(v[1])) for k, v in meta[kind].items()}, end + 1


def _lines(data: bytes, position: int, count: int, size: int) -> tuple[list[str], int]:
    text = data[position : position + size].decode("utf-8", "surrogatepass")
    lines = text.split("\n") if count else []
    if len(lines) != count or position + size > len(data):
        raise ValueError("damaged vocabulary")
    return lines, position + size


def _ints(data: bytes, position: int, count: int) -> tuple[array[int], int]:
    values = array("I")
    end = position + count * values.itemsize
    if end > len(data):
        raise ValueError("truncated vocabulary")
    values.frombytes(data[position:end])
    return values, end


def _check_end(data: bytes, position: int) -> None:
    if position != len(data):
        raise ValueError("vocabulary file of the wrong length")


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _write(path: str, data: bytes) -> None:
    """Write a cache file atomically; a failure (read-only index, full disk) only loses the cache."""
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)


def segment_file(segment_reader: Any) -> str | None:
    """The cache file name of a segment (``warta_<id>.vcb``), or None for a reader of no segment."""
    segment = segment_reader.segment() if hasattr(segment_reader, "segment") else None
    return str(segment.make_filename(".vcb")) if segment is not None else None


def load(directory: str, leaves: list[Any], indexname: str, cache: bool = True) -> Vocabulary:
    """The vocabulary of the segments read by ``leaves`` (segment readers), from the cache files when
    they are there and sound, else read from the term files (and cached when ``cache``)."""
    names = [segment_file(leaf) for leaf in leaves]
    known = [name for name in names if name]
    digest = hashlib.sha1("\n".join(sorted(known)).encode()).hexdigest()[:16]
    merged_name = f"{indexname}{MERGED_MARK}{digest}.vcb"
    merged_path = os.path.join(directory, merged_name)
    if cache and len(known) == len(leaves):
        data = _read(merged_path)
        if data is not None:
            try:
                return _load_merged(data)
            except (ValueError, KeyError, UnicodeDecodeError, json.JSONDecodeError):
                pass
    segments: list[SegmentWords] = []
    for leaf, name in zip(leaves, names, strict=True):
        words: SegmentWords | None = None
        path = os.path.join(directory, name) if name else None
        if cache and path is not None and (data := _read(path)) is not None:
            try:
                words = _load_segment(data)
            except (ValueError, KeyError, UnicodeDecodeError, json.JSONDecodeError):
                words = None
        if words is None:
            words = _segment_words(leaf)
            if cache and path is not None:
                _write(path, _dump_segment(words))
        segments.append(words)
    vocabulary = merge(segments)
    if cache and len(known) == len(leaves):
        _write(merged_path, _dump_merged(vocabulary))
        _remove_stale(directory, indexname, merged_name)
    return vocabulary


def _remove_stale(directory: str, indexname: str, current: str) -> None:
    """Delete the merged lists of other sets of segments, and temporary files a killed process left."""
    now = time.time()
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        stale = name.startswith(indexname + MERGED_MARK) and name.endswith(".vcb") and name != current
        if name.endswith(".tmp") and ".vcb." in name:  # a write in progress, unless it is old
            with contextlib.suppress(OSError):
                stale = now - os.path.getmtime(os.path.join(directory, name)) > STALE_SECONDS
        if stale:
            with contextlib.suppress(OSError):
                os.remove(os.path.join(directory, name))


def top(candidates: Candidates, words: FieldWords, most: int, postings: int) -> tuple[list[int], bool]:
    """The most frequent candidates, at most ``most`` of them and, after the first, no more than
    ``postings`` postings in all; and whether any candidate was left out."""
    chosen: list[int] = []
    total = 0
    dfs = words.dfs
    for index in candidates.indices:
        df = dfs[index]
        if len(chosen) >= most or (chosen and total + df > postings):
            return chosen, True
        chosen.append(index)
        total += df
    return chosen, False


def glob_pattern(text: str) -> str:
    """A wildcard of the query language (``*`` any letters, ``?`` one) as a regular expression over one key."""
    return "".join("[^\\n]*" if c == "*" else "[^\\n]" if c == "?" else re.escape(c) for c in text)


def literal_prefix(text: str) -> str:
    """The letters of a wildcard before its first ``*`` or ``?``."""
    match = re.match(r"[^*?]*", text)
    return match.group() if match else ""
