"""An index keeps reading the same when it is written to again, and when another Whoosh wrote it.

The ``whoosh`` package is a fork we swap now and then (whoosh-reloaded, then whoosh3), and an index on
a user's disk was written by whichever was installed then. No index is committed for this: it would be
a binary that goes stale with each ``PIPELINE_VERSION`` (its files would be "updated", not
"unchanged"). So the index is built here with whatever Whoosh is installed, and the cross-version
check takes an index built beforehand with the other Whoosh, from this checkout (the same sample
paths, the same ``PIPELINE_VERSION``). For the move from whoosh-reloaded 2.7.5 to whoosh3:

    .venv/bin/pip uninstall -y whoosh3 && .venv/bin/pip install whoosh-reloaded==2.7.5  # both are ``whoosh``
    .venv/bin/warta index --index /tmp/old-idx data/samples
    .venv/bin/pip uninstall -y whoosh-reloaded && .venv/bin/pip install -e .
    WARTA_OLD_INDEX=/tmp/old-idx .venv/bin/python -m pytest tests/store/test_index_compat.py

:func:`test_an_index_another_whoosh_wrote_reads_like_a_new_one` then copies it (the given index is
left alone) and expects the same JSON from it as from a new index of the same files, before and
after indexing those files again ("3 unchanged") and a new article on top of it.

Indexing runs the installed command in a child process, as a user's would: an index built in the
test process would start from the word caches earlier tests left there (:mod:`indexer.language.memo`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import DATA, Cli, article, write_jsonl

QUERIES = (
    "presiden",
    "Rusia Belarus",
    '"Menteri Pertahanan"',
    "loc:Belarus",
    'person:"Vladimir Putin"',
    "senjat*",
    "Rusia NOT China",
    "kim~",
    "date:2023",
    "lukashenkx",
    "banjir",
)
ADDED = "3 files: 3 added, 0 updated, 0 unchanged, 0 skipped\n"
UNCHANGED = "3 files: 0 added, 0 updated, 3 unchanged, 0 skipped\n"
ONE_MORE = "4 files: 1 added, 0 updated, 3 unchanged, 0 skipped\n"


def index(index_dir: Path, *paths: Path) -> str:
    """What ``warta index`` (the installed command, in a child process) prints for ``paths``."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("warta")), "index", "--index", str(index_dir), *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    return done.stdout


def outputs(cli: Cli, index: Path) -> dict[str, str]:
    """What the read commands print as JSON for ``index`` (the human forms print a search's time)."""
    commands: list[tuple[str, ...]] = [("list",), ("entities",), ("events",)]
    for query in QUERIES:
        commands += [("search", query), ("search", query, "--sort", "date")]
    for doc in cli("list", "--json", "--index", index).json()["documents"]:
        commands += [("show", doc["id"]), ("related", doc["id"])]
    found: dict[str, str] = {}
    for command in commands:
        run = cli(*command, "--json", "--index", index)
        assert (run.rc, run.err) == (0, ""), command
        found[" ".join(command)] = run.out
    return found


def new_article(tmp_path: Path) -> Path:
    return write_jsonl(
        tmp_path / "more" / "banjir.jsonl",
        [
            article(
                "banjir",
                "Banjir besar melanda Jakarta Utara",
                "Banjir besar melanda Jakarta Utara pada Minggu pagi, dan Gubernur DKI Jakarta meminta warga "
                "mengungsi. Presiden Belarus Alexander Lukashenko menyampaikan belasungkawa.",
                date="2024-03-03",
                source="Antara",
            )
        ],
    )


def test_indexing_again_and_on_top_leaves_the_articles_reading_the_same(cli: Cli, tmp_path: Path) -> None:
    ix = tmp_path / "index"
    assert index(ix, DATA) == ADDED
    before = outputs(cli, ix)
    assert index(ix, DATA) == UNCHANGED
    assert outputs(cli, ix) == before
    more = new_article(tmp_path)
    assert index(ix, DATA, more) == ONE_MORE
    after = outputs(cli, ix)
    assert after["search banjir"] != before["search banjir"]
    for doc in cli("list", "--json", "--index", ix).json()["documents"]:
        if doc["path"] != str(more):
            assert after[f"show {doc['id']}"] == before[f"show {doc['id']}"]


@pytest.mark.skipif(not os.environ.get("WARTA_OLD_INDEX"), reason="WARTA_OLD_INDEX names no index (see above)")
def test_an_index_another_whoosh_wrote_reads_like_a_new_one(cli: Cli, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(os.environ["WARTA_OLD_INDEX"], old)
    new = tmp_path / "new"
    assert index(new, DATA) == ADDED
    assert outputs(cli, old) == outputs(cli, new)
    assert index(old, DATA) == UNCHANGED
    assert outputs(cli, old) == outputs(cli, new)
    more = new_article(tmp_path)
    assert (index(old, DATA, more), index(new, DATA, more)) == (ONE_MORE, ONE_MORE)
    assert outputs(cli, old) == outputs(cli, new)
