"""Random sequences of changes to the inputs (add, change, delete, remove a file), runs killed at random crash
points, and plain runs (Hypothesis): after every plain run, the index and the catalogue hold each input
article exactly once."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest
from crash_support import WORDS, assert_agree, input_ids, warta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import pipeline
from indexer.faults import CRASH_POINTS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and SIGKILL"),
]

FILES = ("a.jsonl", "b.jsonl", "c.jsonl")
POINTS = sorted(CRASH_POINTS)

Model = dict[str, dict[str, int]]
"""File name → {article key: version of its text}."""

steps = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(FILES), st.integers(1, 5)),
    st.tuples(st.just("change"), st.sampled_from(FILES), st.integers(0, 30)),
    st.tuples(st.just("delete"), st.sampled_from(FILES), st.integers(0, 30)),
    st.tuples(st.just("remove"), st.sampled_from(FILES), st.just(0)),
    st.tuples(st.just("kill"), st.sampled_from(POINTS), st.integers(1, 3)),
    st.tuples(st.just("run"), st.just(""), st.just(0)),
)


def _write(folder: Path, model: Model) -> None:
    for name in FILES:
        path = folder / name
        if name not in model:
            path.unlink(missing_ok=True)
            continue
        with path.open("w", encoding="utf-8") as out:
            for key, version in model[name].items():
                n = int(key.rpartition("-")[2])
                body = f"Story {key} about the {WORDS[n % 10]}, told for the {version} time by reporter {n % 7}."
                out.write(json.dumps({"id": key, "title": f"{key} v{version}", "body": body}) + "\n")


def _apply(model: Model, step: tuple[str, str, int], counter: list[int]) -> None:
    kind, name, number = step
    keys = list(model.get(name, {}))
    if kind == "add":
        for _ in range(number):
            counter[0] += 1
            model.setdefault(name, {})[f"{name[0]}-{counter[0]}"] = 0
    elif kind == "change" and keys:
        key = keys[number % len(keys)]
        model[name][key] += 1
    elif kind == "delete" and keys:
        del model[name][keys[number % len(keys)]]
    elif kind == "remove":
        model.pop(name, None)


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(steps, min_size=2, max_size=6))
def test_random_changes_kills_and_runs(sequence: list[tuple[str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "input"
        folder.mkdir()
        index = Path(scratch) / "index"
        model: Model = {"a.jsonl": {f"a-{n}": 0 for n in range(8)}}
        counter = [100]
        _write(folder, model)
        pipeline.index_paths([str(folder)], str(index), prune=True, workers=2)
        for step in [*sequence, ("run", "", 0)]:
            kind, name, number = step
            if kind == "kill":
                outcome = warta(index, folder, "--prune", crash=f"{name}@{number}")
                # -9: killed; 0: the point was not reached; 1: every file was removed
                assert outcome.rc in (0, -9) or (outcome.rc == 1 and "no files to index" in outcome.err), outcome
                assert "Traceback" not in outcome.err
            elif kind == "run":
                summary = pipeline.index_paths([str(folder)], str(index), prune=True, workers=2)
                assert summary.problems == []
                assert_agree(index, input_ids(*(folder / name for name in model)))
            else:
                _apply(model, step, counter)
                _write(folder, model)
