"""Helpers and data shared by the tests of the ``warta`` command, the pipeline and search."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from indexer.pipeline import open_catalog

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "samples"
SUMMARY = re.compile(r"^\d+ files: \d+ added, \d+ updated, \d+ unchanged(?:, \d+ removed)?, \d+ skipped$")
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
TRACEBACK = ("Traceback (most recent call last)", 'File "')
"""Text that must never reach stderr."""


def load_script(relative: str) -> ModuleType:
    """A script of the repository that is not in a package (``bench/ner_score.py``), loaded by path
    and registered under its file name."""
    path = REPO / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Run:
    """What one ``warta`` command did."""

    rc: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.rc == 0, self.err
        return json.loads(self.out)

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


Cli = Callable[..., Run]


def work_of(call: Callable[[], Any]) -> int:
    """Function calls and returns made by ``call()``: a deterministic measure of its work (no clock)."""
    events = 0

    def count(_frame: object, _event: str, _arg: object) -> None:
        nonlocal events
        events += 1

    sys.setprofile(count)
    try:
        call()
    finally:
        sys.setprofile(None)
    return events


def write_jsonl(path: Path, articles: Iterable[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def article(key: str, title: str, body: str, **extra: str) -> dict[str, Any]:
    return {"id": key, "title": title, "body": body, **extra}


# Each article carries a key (its JSONL "id") used below to name it; the index id is derived from path and key.
# Words are chosen so that each query in test_search.py has exactly one right answer.
FEATURE_ARTICLES: list[dict[str, Any]] = [
    article(
        "zebra-herd",
        "Zebra herd crosses the river",
        "The zebra herd crossed the river at dawn, and the wardens counted the animals as they went by.",
        date="2023-01-15",
        source="Kompas.com",
    ),
    article(
        "walrus-colony",
        "Walrus colony on the coast",
        "A walrus colony was seen on the northern coast, and the wardens said that it has grown this year.",
        date="2023-03-05",
        source="Tempo",
    ),
    article(
        "zoo",
        "Zebra and walrus in one zoo",
        "The zoo has a zebra and a walrus, which is rare, said the keeper who has worked there for years.",
        date="2023-03-20",
        source="Detik",
    ),
    article(
        "falcon-island",
        "Falcon over the island",
        "A peregrine falcon was seen over the island by the birdwatchers, who said it is a rare visitor.",
        date="2023-06-30",
        source="Kompas.com",
    ),
    article(
        "pelican",
        "Pelican and falcon",
        "The pelican flew with the falcon towards the lagoon, and the crowd said it was a fine sight.",
        date="2022-11",
        source="Antara",
    ),
    article(
        "blue-whale",
        "Sighting near the shore",
        "The blue whale was spotted near the shore, and the boats kept their distance from it all day.",
        date="2021",
        source="Reuters",
    ),
    article(
        "whale-boat",
        "Harbour visitor",
        "A whale and a blue boat were seen in the harbour, and the whale swam away from the boat at noon.",
        date="2023-02-10",
        source="Reuters",
    ),
    article(
        "marsupials",
        "Animals of the outback",
        "Marsupials such as the wombat live in the outback, and the guides say that a marsupial is shy.",
        date="2023-07-01",
        source="Reuters",
    ),
    article(
        "marsh",
        "Birds of the marsh",
        "The marsh is home to herons and to a kangaroo that was left there by a travelling circus.",
        source="Tempo",
    ),
    article(
        "council",
        "Council meeting held",
        "The meeting of the council was held on Monday, and the members said that it went well for all.",
        date="2020-05-04",
        source="Antara",
    ),
    article(
        "kunjungan",
        "Presiden melakukan perjalanan kenegaraan",
        "Presiden melakukan kunjungan kenegaraan ke Jakarta dan bertemu dengan para menteri yang ada di sana.",
        date="2023-04-02",
        source="Kompas.com",
    ),
    article(
        "kunjungi",
        "Menteri meninjau pabrik",
        "Menteri akan kunjungi pabrik itu pada hari Senin dan bertemu dengan para pekerja yang ada di sana.",
        date="2023-05-09",
        source="Antara",
    ),
    article(
        "berkunjung",
        "Wisatawan ramai di pantai",
        "Banyak wisatawan berkunjung ke pantai itu dan mereka senang dengan suasana yang ada di sana.",
        date="2022-12-24",
        source="Detik",
    ),
    article(
        "kunjungannya",
        "Pejabat tiba di Bali",
        "Kunjungannya ke Bali dilakukan pada akhir pekan dan dia bertemu dengan para pejabat yang ada di sana.",
        source="Detik",
    ),
    article(
        "market",
        "Prices at the market",
        "The price of rice at the market rose again this week, and the traders said that they expect more.",
        date="2023-08-15",
        source="Tempo",
    ),
    article(
        "harvest",
        "Harvest season begins",
        "The harvest season began early this year, and the farmers said that the weather has been kind.",
        date="2023-09-01",
    ),
    article(
        "festival",
        "Lantern festival",
        "Thousands of people came to the lantern festival, and the organisers said it was the largest yet.",
        date="2019",
        source="Kompas.com",
    ),
]
"""More than 16 articles, so two of their hexadecimal ids surely share a first character."""

FEATURE_KEYS = [a["id"] for a in FEATURE_ARTICLES]


@dataclass(frozen=True)
class BuiltIndex:
    """A read-only index and what it was built from."""

    dir: Path
    files: tuple[Path, ...]
    ids: dict[str, str]
    """Input key (JSONL ``id``, or file name for text files) → article id in the index."""

    @property
    def key_of(self) -> dict[str, str]:
        return {doc_id: key for key, doc_id in self.ids.items()}


def ids_by_key(index_dir: Path) -> dict[str, str]:
    catalog = open_catalog(str(index_dir))
    try:
        return {(row.key or Path(row.path).name): row.id for row in catalog.docs()}
    finally:
        catalog.close()
