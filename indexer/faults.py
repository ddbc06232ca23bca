"""Crash points: named instants of the write path where a test can make the indexing run fail.

``WARTA_CRASH_AT=NAME`` makes the process that reaches the crash point ``NAME`` kill the indexing run
there, the first time it gets there; ``NAME@N`` the N-th time (counted in each process). A suffix
``:ACTION`` says what happens (``NAME@N:int``):

- ``kill`` (the default): SIGKILL to the indexing process (and to the writer process that reached the
  point), as ``kill -9`` or a power cut would: nothing is cleaned up.
- ``int``: SIGINT to the process group, as Ctrl-C in a terminal; the run goes on until Python delivers it.
- ``full``: the point raises ``OSError(ENOSPC)``, as a full disk would.

Unset (always, outside tests), a crash point costs one comparison. :data:`CRASH_POINTS` names them all;
``docs/crash-safety.md`` says where they are.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import signal

CRASH_POINTS: dict[str, str] = {
    "run-locked": "the write lock is taken; nothing is mended or written yet",
    "mend-journal-written": "mending: the journal of a commit that mends the index (duplicates) is written",
    "mend-index-committed": "mending: the index dropped its duplicates; the catalogue does not know yet",
    "batch-full": "a batch is complete and about to be committed; the writer processes are still writing",
    "journal-written": "the catalogue's journal names the batch's articles; the index is not committed",
    "worker-document": "a writer process added an article to its segment (during segment writing)",
    "worker-segment-written": "a writer process finished its segment and has not handed it back",
    "merge-segment": "the indexing process merged a small segment into a new one (during merging)",
    "toc-before": "every segment of the commit is written; the index's table of contents is not",
    "toc-temp-written": "the new table of contents is written under a temporary name, not renamed yet",
    "toc-written": "the new table of contents is in place; the files of old segments are not deleted",
    "index-committed": "the index is committed; the catalogue is not (between the two commits)",
    "catalog-committed": "the catalogue is committed too: the batch is done",
    "stories-linked": "stories are linked in the catalogue, not committed",
    "events-linked": "events are linked in the catalogue, not committed",
}
"""Every crash point, with the instant it stands for, in the order a run reaches them."""

_SPEC = os.environ.get("WARTA_CRASH_AT") or None
_counts: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Fail here when ``$WARTA_CRASH_AT`` names this point (see the module's documentation)."""
    if _SPEC is None:
        return
    _reached(name)


def _reached(name: str) -> None:
    point, _, action = (_SPEC or "").partition(":")
    wanted, _, nth = point.partition("@")
    if name != wanted:
        return
    _counts[name] = _counts.get(name, 0) + 1
    if _counts[name] != (int(nth) if nth else 1):
        return
    if action == "full":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if action == "int":
        os.killpg(os.getpgrp(), signal.SIGINT)
        return
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:  # a writer process: the indexing run dies with it
        os.kill(parent.pid, signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)
