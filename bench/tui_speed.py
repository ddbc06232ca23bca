"""Speed of the browser on a full-corpus index: start-up, search as you type, opening an article, memory.

    python bench/tui_speed.py --index /tmp/bench-ix2 [--queries bench/queries.txt] [--count 20] [--starts 5]

Every figure is measured in a child process running the real app headless (Textual's ``run_test``, or
``App.run(headless=True)`` for start-up), so the memory figure is the app's own:

- start-up: from just before the child process is spawned to the first frame that shows the document
  list filled (the first catalogue page handled, then one refresh);
- keystroke → list: each query of the sample is typed one character at a time; the time from a key
  press to the list showing the results of the text typed so far (the results message handled, then
  one refresh), waiting for each before the next key (so no search is cancelled: the worst case);
- opening an article: Enter on the top hit → the article laid out with its matches and entities
  marked (the article message handled, then one refresh);
- memory: resident set (VmRSS) and its peak (VmHWM) of the child after all of the above.

Prints a table and the targets (start-up ≤ 1 s, keystroke p95 ≤ 150 ms, open ≤ 100 ms, memory ≤ 300 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"startup_s": 1.0, "keystroke_p95_ms": 150.0, "open_p95_ms": 100.0, "rss_mb": 300.0}


def read_queries(path: Path, count: int) -> list[str]:
    """The first ``count`` queries of a bench/queries.txt-style file (groups and comments skipped)."""
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "[")):
            queries.append(line)
    return queries[:count]


def memory_mb() -> dict[str, float]:
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024
    return {"rss_mb": fields.get("VmRSS", 0.0), "peak_rss_mb": fields.get("VmHWM", 0.0)}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


# children -----------------------------------------------------------------------------------------


def child_startup(index: str, spawned: float) -> None:
    from tui.app import WartaApp
    from tui.messages import ResultsReady
    from tui.screens.main import MainScreen

    shown: dict[str, float] = {}
    original = MainScreen.on_results_ready

    def on_results_ready(self: MainScreen, message: ResultsReady) -> None:
        original(self, message)
        if not shown:
            shown["handled"] = time.time()
            self.call_after_refresh(done, self)

    def done(screen: MainScreen) -> None:
        shown["painted"] = time.time()
        screen.app.exit()

    MainScreen.on_results_ready = on_results_ready  # type: ignore[method-assign]
    WartaApp(index).run(headless=True, size=(140, 40))
    print(json.dumps({"startup_s": shown["painted"] - spawned, **memory_mb()}))


def child_interactive(index: str, queries: list[str]) -> None:
    from tui.app import WartaApp
    from tui.messages import ArticleReady, ResultsReady
    from tui.screens.main import MainScreen
    from tui.widgets.search import SearchBar

    painted: dict[str, float] = {}
    results_ready = MainScreen.on_results_ready
    article_ready = MainScreen.on_article_ready

    def on_results_ready(self: MainScreen, message: ResultsReady) -> None:
        results_ready(self, message)
        if message.seq == self._search_seq and message.page.offset == 0:
            key = f"search:{message.page.query}"
            self.call_after_refresh(lambda: painted.setdefault(key, time.perf_counter()))

    def on_article_ready(self: MainScreen, message: ArticleReady) -> None:
        article_ready(self, message)
        if message.seq == self._article_seq:
            key = f"article:{message.doc_id}:{message.article.query if message.article else ''}"
            self.call_after_refresh(lambda: painted.setdefault(key, time.perf_counter()))

    MainScreen.on_results_ready = on_results_ready  # type: ignore[method-assign]
    MainScreen.on_article_ready = on_article_ready  # type: ignore[method-assign]

    async def wait_for(key: str, limit: float = 30.0) -> float:
        deadline = time.perf_counter() + limit
        while key not in painted:
            if time.perf_counter() > deadline:
                raise TimeoutError(key)
            await asyncio.sleep(0.0005)
        return painted[key]

    keystrokes: list[float] = []
    opens: list[float] = []

    async def run() -> None:
        app = WartaApp(index)
        async with app.run_test(size=(140, 40)) as pilot:
            await wait_for("search:")
            await app.workers.wait_for_complete()
            screen = app.screen
            assert isinstance(screen, MainScreen)
            for query in queries:
                bar = screen.query_one(SearchBar)
                bar.focus()
                bar.value = ""
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                painted.clear()
                typed = ""
                for character in query:
                    typed += character
                    started = time.perf_counter()
                    await pilot.press(character if character != " " else "space")
                    if typed.strip() == typed.rstrip() and typed.strip():  # trailing space: same query
                        keystrokes.append(await wait_for(f"search:{typed}") - started)
                await app.workers.wait_for_complete()
                await pilot.pause()
                from tui.widgets.results import ResultsList

                results = screen.query_one(ResultsList)
                if not results.doc_ids:
                    continue
                await pilot.press("enter")  # to the list
                await app.workers.wait_for_complete()
                await pilot.pause()
                doc_id = results.doc_ids[0]
                # the top hit is previewed already: move away and back so that Enter opens it afresh
                screen._article_wanted = None
                painted.clear()
                started = time.perf_counter()
                await pilot.press("enter")
                opens.append(await wait_for(f"article:{doc_id}:{query}") - started)
                await app.workers.wait_for_complete()

    asyncio.run(run())
    print(
        json.dumps(
            {"keystrokes_ms": [s * 1000 for s in keystrokes], "opens_ms": [s * 1000 for s in opens], **memory_mb()}
        )
    )


# the parent ---------------------------------------------------------------------------------------


def spawn(arguments: list[str]) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "WARTA_CONFIG": os.devnull + ".none"}
    environment.pop("COLUMNS", None)
    environment.pop("LINES", None)
    spawned = time.time()
    done = subprocess.run(
        [sys.executable, __file__, *arguments, "--spawned", repr(spawned)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"child failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="/tmp/bench-ix2")
    parser.add_argument("--queries", default=str(ROOT / "bench" / "queries.txt"))
    parser.add_argument("--count", type=int, default=20, help="queries typed (default 20)")
    parser.add_argument("--starts", type=int, default=5, help="start-ups measured (default 5)")
    parser.add_argument("--child", choices=["startup", "interactive"])
    parser.add_argument("--spawned", type=float, default=0.0)
    arguments = parser.parse_args()
    queries = read_queries(Path(arguments.queries), arguments.count)
    if arguments.child == "startup":
        child_startup(arguments.index, arguments.spawned)
        return
    if arguments.child == "interactive":
        child_interactive(arguments.index, queries)
        return

    print(f"index {arguments.index}; {len(queries)} queries; {arguments.starts} start-ups", file=sys.stderr)
    starts = [spawn(["--index", arguments.index, "--child", "startup"]) for _ in range(arguments.starts)]
    interactive = spawn(
        [
            "--index",
            arguments.index,
            "--child",
            "interactive",
            "--count",
            str(arguments.count),
            "--queries",
            arguments.queries,
        ]
    )
    startup = [run["startup_s"] for run in starts]
    keys = interactive["keystrokes_ms"]
    opens = interactive["opens_ms"]
    rows = [
        (
            "start-up to first list frame",
            f"median {statistics.median(startup):.2f} s, max {max(startup):.2f} s",
            max(startup) <= TARGETS["startup_s"],
            "≤ 1 s",
        ),
        (
            "keystroke → updated list",
            f"p50 {percentile(keys, 0.5):.0f} ms, p95 {percentile(keys, 0.95):.0f} ms, "
            f"max {max(keys):.0f} ms ({len(keys)} keys)",
            percentile(keys, 0.95) <= TARGETS["keystroke_p95_ms"],
            "p95 ≤ 150 ms",
        ),
        (
            "open article (matches + entities)",
            f"p50 {percentile(opens, 0.5):.0f} ms, p95 {percentile(opens, 0.95):.0f} "
            f"ms, max {max(opens):.0f} ms ({len(opens)} articles)",
            percentile(opens, 0.95) <= TARGETS["open_p95_ms"],
            "p95 ≤ 100 ms",
        ),
        (
            "resident memory after the session",
            f"{interactive['rss_mb']:.0f} MB (peak {interactive['peak_rss_mb']:.0f} MB)",
            interactive["peak_rss_mb"] <= TARGETS["rss_mb"],
            "≤ 300 MB",
        ),
        ("resident memory after start-up", f"{max(run['rss_mb'] for run in starts):.0f} MB", True, ""),
    ]
    for name, figure, met, target in rows:
        mark = ("ok" if met else "MISSED") if target else ""
        print(f"{name:36} {figure:58} {target:13} {mark}")


if __name__ == "__main__":
    main()
