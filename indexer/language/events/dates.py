"""When an event happened: the DATE entity of its sentence nearest its trigger, as a partial date.

A DATE entity's canonical value (``2023-03-01``, ``2023-03``, ``2023``, ``2023-W09``) becomes a
:class:`~indexer.model.PartialDate` of its precision; a week becomes the month of its Thursday. An
event is dated by the sentence's date nearest its trigger (in the trigger's clause first), else by
the publication date, else not at all; a statement by the dates outside what is said ("kata X,
Jumat"), not by dates in the reported words.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from indexer.language.entities.model import Entity
from indexer.model import PartialDate

__all__ = ["nearest_date", "to_partial_date"]


def to_partial_date(canonical: str | None) -> PartialDate | None:
    """A DATE entity's canonical value as a date of its precision; a week becomes the month of its
    Thursday; anything else (None, unreadable) is None."""
    if not canonical:
        return None
    size = len(canonical)
    if size == 10 and canonical[4] == "-":
        return PartialDate(canonical, "day")
    if size == 7 and canonical[4] == "-":
        return PartialDate(canonical, "month")
    if size == 4 and canonical.isdigit():
        return PartialDate(canonical, "year")
    if size == 8 and canonical[5] == "W":
        try:
            thursday = datetime.date.fromisocalendar(int(canonical[:4]), int(canonical[6:]), 4)
        except ValueError:
            return None
        return PartialDate(thursday.isoformat()[:7], "month")
    return None


def nearest_date(
    dates: Sequence[Entity], position: int, clause: tuple[int, int] | None, fallback: PartialDate | None
) -> PartialDate | None:
    """The date of the DATE entity of ``dates`` nearest ``position`` (those inside ``clause`` first,
    when it has any), or ``fallback`` when there is none."""
    if not dates:
        return fallback
    pool: Sequence[Entity] = dates
    if clause is not None:
        c_start, c_end = clause
        pool = [d for d in dates if c_start <= d.start < c_end] or dates
    nearest = min(pool, key=lambda d: abs(d.start - position))
    return to_partial_date(nearest.canonical)
