"""Long jobs of the main screen: exporting the hits, re-indexing; their progress in the status line.

They run in thread workers; while one runs, :attr:`LongJobs._busy` says what it is doing (the status
line shows it, and another job has to wait).
"""

from __future__ import annotations

import os

from textual import work
from textual.screen import Screen

from indexer.pipeline import IndexSummary, input_bytes
from tui.export import ExportError, write_rows
from tui.library import Library, reindex
from tui.screens.export import ExportScreen
from tui.widgets.status import StatusLine


class LongJobs(Screen[None]):
    """The export (``x``) and re-index actions of a screen showing the hits of a query."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._total = 0
        """Hits of the current query (articles when it is blank)."""
        self._busy: str | None = None
        """What a long job (export, re-index) is doing, while it runs."""

    @property
    def effective_query(self) -> str:
        """The query whose hits are exported."""
        raise NotImplementedError

    # exporting -------------------------------------------------------------------------------------

    def action_export(self) -> None:
        """``x``: ask for a path, then write every hit of the current query there (in a worker)."""
        if self._busy:
            self.query_one(StatusLine).say(f"Wait: {self._busy}", warning=True)
            return
        query = self.effective_query
        self.app.push_screen(ExportScreen(self._total, query), lambda path: self._export_to(path, query))

    def _export_to(self, path: str | None, query: str) -> None:
        if path is None:
            return
        self._set_busy(f"exporting to {path}…")
        self._export(query, path)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, query: str, path: str) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._set_busy, f"exporting to {path}… {done:,} of {total:,}")

        try:
            rows = self.library.export_rows(query, progress)
            write_rows(path, rows)
        except ExportError as error:
            self.app.call_from_thread(self._done, f"Export failed: {error}", True)
        except Exception as error:  # the engine: say so, keep running
            self.app.call_from_thread(self._done, f"Export failed: {type(error).__name__}: {error}", True)
        else:
            self.app.call_from_thread(self._done, f"Exported {len(rows):,} hits to {path}", False)

    def _set_busy(self, what: str) -> None:
        self._busy = what
        self.query_one(StatusLine).say(what[:1].upper() + what[1:])

    def _done(self, message: str, warning: bool) -> None:
        self._busy = None
        self.query_one(StatusLine).say(message, warning=warning)

    # re-indexing -----------------------------------------------------------------------------------

    def action_reindex(self) -> None:
        """Index again the files the catalogue lists (what changed on disk is updated), in a worker."""
        if self._busy:
            self.query_one(StatusLine).say(f"Wait: {self._busy}", warning=True)
            return
        self._set_busy("re-indexing…")
        self._reindex()

    @work(thread=True, exclusive=True, group="reindex")
    def _reindex(self) -> None:
        paths = [path for path in self.library.indexed_paths() if os.path.exists(path)]
        if not paths:
            self.app.call_from_thread(self._done, "Nothing to re-index: the indexed files are gone.", True)
            return
        total = max(input_bytes(paths), 1)
        done = 0

        def progress(step: int) -> None:
            nonlocal done
            done += step
            self.app.call_from_thread(self._set_busy, f"re-indexing… {min(done * 100 // total, 100)}%")

        try:
            summary = reindex(self.library.index_dir, paths, progress)
            self.library.reread()  # else the watcher would take our own change for another process's
        except Exception as error:  # busy index, vanished files…
            self.app.call_from_thread(self._done, f"Re-indexing failed: {error}", True)
            return
        self.app.call_from_thread(self._reindexed, summary)

    def _reindexed(self, summary: IndexSummary) -> None:
        """The index was re-indexed from here (the screen shows it afresh)."""
        self._done(f"Re-indexed: {summary.line()}", False)
