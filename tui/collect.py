"""Garbage collection out of the user's way: full collections wait for a pause in the input.

Drawing makes cyclic garbage (Textual's strips cache results that refer back to them), so Python's
automatic full collections come often, and each walks every object of the process: they took 60 to
120 ms, at their own moment, often in the middle of a keystroke. Here the objects of start-up are
frozen (never walked again), the automatic young collections stay (a few ms each), and a full
collection runs once nothing was typed or clicked for :data:`IDLE` seconds, or else at the latest
after :data:`FULL_AFTER` young collections (ten times Python's default), so memory stays bounded.
"""

from __future__ import annotations

import gc
import time

IDLE = 0.5
"""Seconds without input after which the garbage is collected."""
CHECK = 0.25
"""How often (seconds) the app looks whether it is idle."""
FULL_AFTER = 100
"""Young-generation collections after which Python collects everything anyway (its default is 10)."""


class Collector:
    """The app's garbage collection policy: :meth:`start` once up, :meth:`input` on each input event."""

    def __init__(self) -> None:
        self._last_input = time.monotonic()
        self._threshold: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Freeze what start-up made and defer full collections (until :meth:`stop`)."""
        if self._threshold is not None:
            return
        gc.freeze()
        self._threshold = young, middle, _full = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_AFTER)

    def stop(self) -> None:
        """Python's own policy again."""
        if self._threshold is None:
            return
        gc.set_threshold(*self._threshold)
        self._threshold = None
        gc.unfreeze()

    def input(self) -> None:
        """The user typed or clicked: no full collection for a while."""
        self._last_input = time.monotonic()

    def tick(self) -> None:
        """Collect everything when there is garbage and the user has been idle long enough."""
        if self._threshold is None or not gc.get_count()[2]:
            return  # no young collection since the last full one: little to find
        if time.monotonic() - self._last_input >= IDLE:
            gc.collect()
