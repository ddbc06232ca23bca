"""Whoosh's on-disk format with the postings of rare terms kept inside the term dictionary.

Whoosh 3's codec can store a term's few postings in its dictionary entry ("inlined") instead of a
compressed block of the postings file, and its readers handle such entries, but its writer calls a
method that does not exist (``set_inline`` for ``set_inlined``), so the feature is off by default and
breaks when turned on. Most terms of a news corpus are rare (half of them occur in one article of a
segment), and writing a block for each one is the largest single cost of committing a segment.

:class:`InliningCodec` is the codec with that call fixed and terms of fewer than ``INLINE_LIMIT``
postings inlined: on 2,000 articles a commit takes 30 % less time and the index is 3 % smaller, with
the same search results (segments record the codec that wrote them, so older segments still read).
Segments pickle their codec by its import path: this class must stay at ``indexer.store.codec``.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter
from whoosh.matching import ListMatcher

INLINE_LIMIT = 16
"""Terms with fewer postings than this (in one segment) keep them in the term dictionary."""


class _InliningPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """Whoosh 3's postings writer whose inlining works."""

    _terminfo: Any

    def finish_postings(self) -> Any:
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()


class InliningCodec(W3Codec):  # type: ignore[misc]
    """Whoosh 3's codec, inlining the postings of terms with fewer than ``inlinelimit`` of them."""

    def __init__(self, blocklimit: int = 128, compression: int = 3, inlinelimit: int = INLINE_LIMIT) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None) -> Any:
        """Whoosh 3's reader, except that inlined postings without values give None as their value, as
        postings in a block do: Whoosh's ``ListMatcher`` gives "" (text), which merging segments refuses
        (``AssertionError: vbytes=''``), so that every commit after the first merge of such a segment failed."""
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            if not values:
                values = (None,) * len(ids)
            return ListMatcher(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return _InliningPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
