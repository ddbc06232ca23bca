"""Regenerate docs/browser.svg: the browser on the sample articles (``python docs/make_screenshot.py``).

Indexes data/samples into a temporary folder, drives the app headless (search, open the top hit, put
the entity cursor on a place and open its timeline) and saves what the screen shows as SVG.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.pipeline import index_paths  # noqa: E402
from tui.app import WartaApp  # noqa: E402

SIZE = (140, 36)


async def shoot(index_dir: Path, target: Path) -> None:
    app = WartaApp(index_dir, keys_file=index_dir / "no-keys.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"lukashenko", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        await pilot.press("g", "e", "e", "e", "t")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        app.save_screenshot(str(target.name), path=str(target.parent))


def main() -> None:
    target = ROOT / "docs" / "browser.svg"
    with tempfile.TemporaryDirectory() as folder:
        index_dir = Path(folder) / "index"
        index_paths([str(ROOT / "data" / "samples")], str(index_dir), workers=1)
        asyncio.run(shoot(index_dir, target))
    print(target)


if __name__ == "__main__":
    main()
