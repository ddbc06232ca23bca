"""Very long articles: end-to-end ``warta index`` and ``warta annotate`` times and peak memory.

Generates articles of the given sizes in three variants, each from real sentences:

- ``news``: sentences of the sample articles (``data/samples``) and of CLICK-ID and Reuters bodies
  (``../shared/corpus``, read in place when present), shuffled, in paragraphs;
- ``names``: the same kind of text dense with names: every sentence names persons (known ones from the
  tables and made-up ones), organisations and places, many of them again by their surname;
- ``oneline``: the ``news`` text as one line, with no newline at all.

For each variant and size it runs, in a child process each, ``warta index FILE --index NEW_DIR`` and
``warta annotate < FILE``, and reports seconds, the peak resident memory of the largest process of the
command (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a fresh intermediate process) and the ratio of the
time to that of the same variant at ``--baseline`` characters (an ordinary article), measured in the
same run. Then it times recognition itself (``indexer.language.entities.annotate``, in this process)
with the per-article limit switched off, on the ``names`` text at ``--scaling`` sizes, and prints the
time per character at each, relative to the smallest: a flat line means linear. Last, the same for
cleaning (``indexer.clean.boilerplate.clean_record``) on a plain text and an HTML page.

    python bench/big_article.py                          # sizes 1 MB, 3 MB, 50 MB (about 10 minutes)
    python bench/big_article.py --sizes 1e6,3e6 --variants news,names
    python bench/big_article.py --write /tmp/big        # only write the articles, for trying by hand

Targets (issue 23): a 50 MB one-line article indexes in at most 60 s with a peak memory of at most
1 GB; a 3 MB article annotates in at most 5 s.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CORPUS_DIR = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "data" / "samples"
KNOWLEDGE = REPO / "data" / "knowledge"
SEED = 23
VARIANTS = ("news", "names", "oneline")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")

_FIRST = (
    "Budi", "Agus", "Siti", "Dewi", "Rudi", "Andi", "Yusuf", "Fajar", "Rina", "Hendra", "Wahyu", "Indah",
    "Bambang", "Sri", "Joko", "Slamet", "Putri", "Dimas", "Arief", "Nurul", "Teguh", "Ratna", "Eko", "Lestari",
)  # fmt: skip
_LAST = (
    "Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Pratama", "Nugroho", "Siregar",
    "Simanjuntak", "Lubis", "Nasution", "Harahap", "Gunawan", "Susanto", "Rahman", "Hakim", "Purnomo",
    "Wibowo", "Sembiring", "Tanjung", "Rangkuti", "Sitompul", "Ginting",
)  # fmt: skip
_TITLES = ("Presiden", "Menteri", "Gubernur", "Bupati", "Kapolda", "Ketua", "Direktur", "juru bicara")
_VERBS = ("bertemu", "menelepon", "mengkritik", "mendukung", "mengunjungi", "menggugat", "memuji")
_ORG_HEADS = ("Kementerian", "Dinas", "Badan", "Komisi", "Universitas", "Partai", "PT")
_ORG_TAILS = ("Keuangan", "Pendidikan", "Perhubungan", "Kesehatan", "Nusantara", "Persatuan", "Sejahtera")


def _table_names(name: str, limit: int = 400) -> list[str]:
    """Canonical names of a knowledge table (``people``, ``organisations``, ``cities``)."""
    path = KNOWLEDGE / f"{name}.tsv"
    names: list[str] = []
    with path.open(encoding="utf-8") as handle:
        next(handle, None)
        for line in handle:
            canonical = line.split("\t", 1)[0].strip()
            if canonical:
                names.append(canonical)
            if len(names) >= limit:
                break
    return names


def sentences(limit: int = 4000) -> list[str]:
    """Real sentences: the sample articles', then CLICK-ID's and Reuters' bodies' (when the corpus is
    there), split at sentence ends."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    for name in ("clickid-id-2019.jsonl", "reuters21578-en-1987.jsonl"):
        path = CORPUS_DIR / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if number >= limit // 2:
                    break
                body = json.loads(line).get("body")
                if isinstance(body, str):
                    texts.append(body)
    found: list[str] = []
    for text in texts:
        for paragraph in text.split("\n"):
            found.extend(part.strip() for part in _SENTENCE_END.split(paragraph) if len(part.strip()) > 20)
    return found


def _name_sentence(rng: random.Random, people: list[str], orgs: list[str], cities: list[str], said: list[str]) -> str:
    """A sentence dense with names: two persons, an organisation, a place, a surname named again."""
    made = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    known = rng.choice(people)
    org = rng.choice(orgs) if rng.random() < 0.5 else f"{rng.choice(_ORG_HEADS)} {rng.choice(_ORG_TAILS)}"
    city = rng.choice(cities)
    again = rng.choice(said) if said else made
    said.append(made.split()[-1])
    del said[:-50]
    return (
        f"{rng.choice(_TITLES)} {made} {rng.choice(_VERBS)} {known} dari {org} di {city}, "
        f"kata {again} kepada wartawan di {rng.choice(cities)}."
    )


def generate(variant: str, size: int, seed: int = SEED, pool: list[str] | None = None) -> str:
    """An article of about ``size`` characters (exactly ``size`` or less) of the ``variant``."""
    rng = random.Random(f"{seed}:{variant}")
    parts: list[str] = []
    total = 0
    if variant == "names":
        people, orgs, cities = _table_names("people"), _table_names("organisations"), _table_names("cities")
        said: list[str] = []
        while total < size:
            sentence = _name_sentence(rng, people, orgs, cities, said)
            parts.append(sentence)
            total += len(sentence) + 1
    else:
        pool = pool if pool is not None else sentences()
        while total < size:
            sentence = rng.choice(pool)
            parts.append(sentence)
            total += len(sentence) + 1
    if variant == "oneline":
        text = " ".join(parts)
    else:
        paragraphs = [" ".join(parts[k : k + 4]) for k in range(0, len(parts), 4)]
        text = "\n\n".join(paragraphs)
    return text[:size].rsplit(" ", 1)[0] if len(text) > size else text


# ------------------------------------------------------------------------------------------ measuring

_MEASURE = """
import resource, subprocess, sys, time
stdin = open(sys.argv[1], "rb") if sys.argv[1] != "-" else subprocess.DEVNULL
began = time.perf_counter()
done = subprocess.run(sys.argv[2:], stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - began
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(done.returncode, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
"""
"""Runs a command in a fresh process and prints its exit status, wall seconds, CPU seconds (all its
processes) and the peak resident memory of its largest process (KiB): a fresh process, so that the
figures of ``RUSAGE_CHILDREN`` are this command's alone."""


def warta_command() -> list[str]:
    """The ``warta`` of this Python's environment."""
    script = Path(sys.executable).with_name("warta")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from tui.entry import main; sys.exit(main())"]


def measure(command: list[str], stdin: Path | None = None) -> dict[str, float]:
    """Wall and CPU seconds and peak memory (MiB, largest process) of one run of ``command``."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(stdin) if stdin else "-", *command],
        capture_output=True,
        text=True,
        check=True,
    )
    status, seconds, cpu, maxrss = done.stdout.split()
    if status != "0":
        raise RuntimeError(f"{' '.join(command)} exited {status}: {done.stderr.strip()}")
    return {"seconds": float(seconds), "cpu": float(cpu), "peak_mb": int(maxrss) / 1024}


def index_and_annotate(path: Path, work: Path) -> dict[str, dict[str, float]]:
    """``warta index`` of ``path`` into a new index, then ``warta annotate`` of it."""
    index = work / f"index-{path.stem}"
    warta = warta_command()
    figures = {"index": measure([*warta, "index", str(path), "--index", str(index), "-q"])}
    figures["annotate"] = measure([*warta, "annotate"], stdin=path)
    shutil.rmtree(index, ignore_errors=True)
    return figures


def timed(call: Callable[[], object], repeat: int = 1) -> float:
    """The fastest of ``repeat`` runs of ``call``, in CPU seconds of this process."""
    best = float("inf")
    for _ in range(repeat):
        began = time.process_time()
        call()
        best = min(best, time.process_time() - began)
    return best


def _page(text: str) -> bytes:
    """An HTML page of ``text``'s paragraphs."""
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in text.split("\n\n"))
    head = "<html><head><title>Berita panjang</title></head><body><article><h1>Berita panjang</h1>"
    return (head + paragraphs + "</article></body></html>").encode("utf-8")


def scaling(sizes: list[int], text: str) -> list[dict[str, float]]:
    """CPU seconds at each size of recognition (no limit), of cleaning, and of reading the text as an HTML
    page (trafilatura, then cleaning), and each per character relative to the smallest size (1.0
    everywhere: linear)."""
    from indexer.clean.boilerplate import clean_record
    from indexer.ingest.reading import parse_bytes
    from indexer.language.entities import annotate
    from indexer.model import Record

    annotate(text[:2000], "id", limit=None)  # tables, model and HTML extractor loaded, out of the timing
    parse_bytes("/in/warm-up.html", _page(text[:2000]))
    rows: list[dict[str, float]] = []
    for size in sizes:
        part = text[:size]
        record = Record("/in/big.txt", "", "text", {"body": part}, part)
        page = _page(part)

        def html(page: bytes = page) -> None:
            records, _ = parse_bytes("/in/big.html", page)
            for found in records:
                clean_record(found)

        rows.append(
            {
                "chars": len(part),
                "recognise": timed(lambda part=part: annotate(part, "id", limit=None)),  # type: ignore[misc]
                "clean": timed(lambda record=record: clean_record(record), repeat=2),  # type: ignore[misc]
                "html": timed(html),
            }
        )
    first = rows[0]
    for row in rows:
        for name in ("recognise", "clean", "html"):
            row[f"{name}_per_char"] = (row[name] / row["chars"]) / max(first[name] / first["chars"], 1e-12)
    return rows


def _sizes(text: str) -> list[int]:
    return [int(float(part)) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", default=",".join(VARIANTS), help="news, names, oneline")
    parser.add_argument("--sizes", default="1e6,3e6", help="characters of each article (default 1 MB, 3 MB)")
    parser.add_argument("--oneline-sizes", default="50e6", help="further sizes of the oneline variant only")
    parser.add_argument("--baseline", type=int, default=2000, help="characters of the ordinary article")
    parser.add_argument("--scaling", default="1e5,2e5,4e5,8e5", help="sizes for the in-process scaling")
    parser.add_argument("--write", type=Path, help="only write the articles into this folder")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results" / "big_article.json")
    args = parser.parse_args(argv)
    variants = [v for v in args.variants.split(",") if v]
    unknown = sorted(set(variants) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variant: {', '.join(unknown)}")
    pool = sentences()
    plan = {v: _sizes(args.sizes) + (_sizes(args.oneline_sizes) if v == "oneline" else []) for v in variants}
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for variant, sizes in plan.items():
            for size in sizes:
                path = args.write / f"{variant}-{size}.txt"
                path.write_text(generate(variant, size, pool=pool), encoding="utf-8")
                print(path)
        return 0
    report: dict[str, object] = {"date": time.strftime("%Y-%m-%d"), "runs": [], "scaling": {}}
    runs: list[dict[str, object]] = report["runs"]  # type: ignore[assignment]
    print(f"{'variant':8} {'chars':>11} {'command':9} {'seconds':>8} {'cpu s':>7} {'peak MB':>8} {'x baseline':>10}")
    with tempfile.TemporaryDirectory(prefix="warta-big-") as tmp:
        work = Path(tmp)
        for variant, sizes in plan.items():
            baseline: dict[str, dict[str, float]] = {}
            for size in [args.baseline, *sizes]:
                path = work / f"{variant}-{size}.txt"
                path.write_text(generate(variant, size, pool=pool), encoding="utf-8")
                figures = index_and_annotate(path, work)
                path.unlink()
                baseline = baseline or figures
                for command, row in figures.items():
                    ratio = row["seconds"] / baseline[command]["seconds"]
                    runs.append({"variant": variant, "chars": size, "command": command, **row, "ratio": ratio})
                    print(
                        f"{variant:8} {size:>11,} {command:9} {row['seconds']:>8.2f} {row['cpu']:>7.2f} "
                        f"{row['peak_mb']:>8.0f} {ratio:>10.1f}",
                        flush=True,
                    )
    print("\nin-process CPU seconds; per character relative to the smallest size (1.0: linear)")
    print(
        f"{'variant':8} {'chars':>9} {'recognise':>9} {'/char':>6} {'clean':>7} {'/char':>6} {'html':>7} {'/char':>6}"
    )
    for variant in variants:
        text = generate(variant, max(_sizes(args.scaling)), pool=pool)
        rows = scaling(_sizes(args.scaling), text)
        report["scaling"][variant] = rows  # type: ignore[index]
        for row in rows:
            print(
                f"{variant:8} {row['chars']:>9,.0f} {row['recognise']:>9.3f} {row['recognise_per_char']:>6.2f} "
                f"{row['clean']:>7.3f} {row['clean_per_char']:>6.2f} {row['html']:>7.3f} {row['html_per_char']:>6.2f}",
                flush=True,
            )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
