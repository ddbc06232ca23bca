"""Time of story linking on a full index: every article linked again, as a fresh build links them.

    python bench/run.py --keep /tmp/full-index      # build an index of ../shared/corpus once
    python bench/stories_speed.py --index /tmp/full-index

Works on a COPY of the index's catalogue (its story tables are rewritten): marks every article
pending, clears the stories and runs :meth:`indexer.catalog.stories.StoryTables.link`, then relinks
the events (which depends on the stories). Prints the seconds of each, the stories made, the
process's peak memory, and each time as a share of ``--build-seconds`` (default: the fresh Warta
build of ``bench/results/latest.json``, if it was made on the same corpus).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from indexer.catalog.articles import CATALOG_NAME, Catalog  # noqa: E402

LATEST = REPO / "bench" / "results" / "latest.json"


def build_seconds() -> float | None:
    try:
        report = json.loads(LATEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    index = report.get("index")
    return float(index["seconds"]) if isinstance(index, dict) and "seconds" in index else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", required=True, type=Path)
    parser.add_argument("--build-seconds", type=float, help="seconds of the fresh build to compare with")
    args = parser.parse_args()
    source = args.index / CATALOG_NAME
    if not source.exists():
        print(f"{source}: not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="warta-stories-speed-") as tmp:
        copy = Path(tmp) / CATALOG_NAME
        shutil.copyfile(source, copy)
        db = sqlite3.connect(copy)
        db.execute("DELETE FROM stories")
        db.execute("INSERT OR IGNORE INTO story_pending SELECT doc_id FROM story_profiles")
        db.commit()
        db.close()
        catalog = Catalog(str(copy))
        articles = catalog.doc_count()
        began = time.perf_counter()
        changed = catalog.stories.link()
        catalog.commit()
        link_seconds = time.perf_counter() - began
        stories = catalog.stories.story_of()
        began = time.perf_counter()
        events = catalog.events.relink()
        catalog.commit()
        relink_seconds = time.perf_counter() - began
        catalog.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    total = args.build_seconds or build_seconds()
    print(f"{articles:,} articles: {len(set(stories.values())):,} stories of 2+ articles ({len(stories):,} articles)")
    print(f"story linking   {link_seconds:7.1f} s  ({changed:,} articles given a story)")
    print(f"event relinking {relink_seconds:7.1f} s  ({events:,} events)")
    print(f"peak memory     {peak:7.0f} MiB")
    if total:
        print(f"story linking = {100 * link_seconds / total:.1f} % of a {total:.1f} s fresh build (target ≤ 20 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
