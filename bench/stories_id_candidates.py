"""Draw candidate article pairs for the Indonesian same-story gold set (bench/stories-id-gold.md).

Uses no Warta code and no similarity threshold over bodies: candidates come from titles, dates,
a list of event-kind words and a list of prominent names, in four strata, each sampled with a fixed
seed. Every pair it prints was then judged by reading both articles; the decisions live in
bench/stories-id-gold.jsonl, not here.

    python bench/stories_id_candidates.py [corpus.jsonl] > /tmp/candidates.jsonl
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import json
import random
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "clickid-id-2019.jsonl"

MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
MONTHS.update(
    {
        m: i + 1
        for i, m in enumerate(
            "januari februari maret april mei juni juli agustus september oktober november desember".split()
        )
    }
)
MONTHS.update({"mar": 3, "mei": 5, "agu": 8, "agt": 8, "okt": 10, "des": 12})

STOP = set(
    """yang dan di ke dari ini itu untuk dengan pada akan tak tidak jadi ada karena soal usai saat
bagi oleh juga atau kini masih sudah belum bisa dalam jelang hingga sebut minta kata begini ini inilah
para pun lagi baru hari the of a to in rp vs dia mereka kami kita apa siapa jokowi""".split()
)

# event kinds for stratum (b): title must hold one of the words
KINDS = {
    "gempa": r"\bgempa\b",
    "banjir": r"\bbanjir\b",
    "kebakaran": r"\b(kebakaran|terbakar|karhutla)\b",
    "ott": r"\b(ott|operasi tangkap tangan)\b",
    "demo": r"\b(demo|demonstrasi|unjuk rasa)\b",
    "kecelakaan": r"\b(kecelakaan|tabrakan|terguling|tertabrak)\b",
    "pelantikan": r"\b(pelantikan|dilantik|lantik)\b",
    "ditangkap": r"\b(ditangkap|diringkus|dibekuk|tertangkap)\b",
    "tewas": r"\b(tewas|meninggal)\b",
    "pembunuhan": r"\b(pembunuhan|dibunuh)\b",
    "tersangka": r"\btersangka\b",
}
# prominent names for stratum (c)
ENTITIES = ["jokowi", "prabowo", "kpk", "anies", "ma'ruf", "megawati", "wiranto", "papua", "dpr", "persija", "timnas"]


def parse_date(row: dict) -> dt.date | None:
    m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", row.get("url", ""))
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    d = (row.get("date") or "").strip().lower()
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", d):
            return dt.date.fromisoformat(d)
        if m := re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", d):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d\d?)-(\w+)-(\d\d)", d):
            return dt.date(2000 + int(m[3]), MONTHS[m[2][:3]], int(m[1]))
        if m := re.fullmatch(r"([a-z]+) (\d\d?), (\d{4})", d):
            return dt.date(int(m[3]), MONTHS.get(m[1], MONTHS.get(m[1][:3])), int(m[2]))
        if m := re.fullmatch(r"(\d\d?) ([a-z]+) (\d{4})", d):
            return dt.date(int(m[3]), MONTHS.get(m[2], MONTHS.get(m[2][:3])), int(m[1]))
    except (KeyError, ValueError, TypeError):
        return None
    return None


def title_words(title: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", title.lower()) if len(w) > 2 and w not in STOP}


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    news = [r for r in rows if len(r.get("body") or "") > 400]
    for r in news:
        r["_d"] = parse_date(r)
        r["_w"] = title_words(r["title"])
    return [r for r in news if r["_d"]]


def close(a: dict, b: dict, days: int) -> bool:
    return a["source"] != b["source"] and abs((a["_d"] - b["_d"]).days) <= days


def title_overlap(news: list[dict], rng: random.Random) -> list[tuple[str, dict, dict]]:
    """(a) different outlets, close dates, overlapping title words; sampled in bands of overlap."""
    inv = collections.defaultdict(list)
    for i, r in enumerate(news):
        for w in r["_w"]:
            inv[w].append(i)
    shared = collections.Counter()
    for ids in inv.values():
        if len(ids) > 150:
            continue
        for i, j in itertools.combinations(ids, 2):
            shared[i, j] += 1
    bands = collections.defaultdict(list)
    for (i, j), n in shared.items():
        if n >= 2 and close(news[i], news[j], 2):
            bands[min(n, 4)].append((i, j))
    out = []
    for n, quota in ((2, 40), (3, 50), (4, 50)):
        for i, j in rng.sample(sorted(bands[n]), min(quota, len(bands[n]))):
            out.append((f"a-title{n}", news[i], news[j]))
    return out


def same_kind(news: list[dict], rng: random.Random) -> list[tuple[str, dict, dict]]:
    """(b) same kind of event, different outlets, any date within a month."""
    out = []
    for kind, rx in KINDS.items():
        members = [r for r in news if re.search(rx, r["title"].lower())]
        pairs = [(a, b) for a, b in itertools.combinations(members, 2) if close(a, b, 30)]
        for a, b in rng.sample(pairs, min(8, len(pairs))):
            out.append((f"b-kind-{kind}", a, b))
    return out


def same_entity(news: list[dict], rng: random.Random) -> list[tuple[str, dict, dict]]:
    """(c) same prominent name in both titles, within three days."""
    out = []
    for ent in ENTITIES:
        members = [r for r in news if ent in r["_w"] or ent in r["title"].lower().split()]
        pairs = [(a, b) for a, b in itertools.combinations(members, 2) if close(a, b, 3)]
        for a, b in rng.sample(pairs, min(6, len(pairs))):
            out.append((f"c-entity-{ent}", a, b))
    return out


def main() -> None:
    news = load(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
    rng = random.Random(19)
    out = title_overlap(news, rng) + same_kind(news, rng) + same_entity(news, rng)
    for _ in range(20):  # (d) random pairs
        a, b = rng.sample(news, 2)
        out.append(("d-random", a, b))
    seen = set()
    for stratum, a, b in out:
        key = tuple(sorted((a["id"], b["id"])))
        if key in seen:
            continue
        seen.add(key)
        print(json.dumps({"stratum": stratum, "a": key[0], "b": key[1]}))


if __name__ == "__main__":
    main()
