"""Hostile input at the reader: one bad record is a problem with its place, never the loss of its file.

Every fixture is made here, small: a NUL byte, a number of 5,000 digits, nesting 100,000 deep, a lone
surrogate, names that are not UTF-8. Keys of records without an id come from their content.
"""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from indexer.ingest import reading as ingest
from indexer.ingest.discovery import discover
from indexer.ingest.fields import content_key
from indexer.ingest.json_guard import MAX_DEPTH, JsonGuard, flaw
from indexer.ingest.reading import parse_bytes
from indexer.model import Problem, Record

DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "7" * 5000


def article(number: int) -> dict[str, Any]:
    return {"title": f"Berita {number}", "body": f"Isi berita nomor {number} tentang harga beras di pasar."}


def lines_with(bad: str, at: int, count: int = 200) -> bytes:
    """``count`` JSON lines of articles, line ``at`` (from 1) replaced by ``bad``."""
    lines = [json.dumps(article(n)) for n in range(1, count + 1)]
    lines[at - 1] = bad
    return ("\n".join(lines) + "\n").encode()


def bodies(records: list[Record]) -> list[str]:
    return [record.fields["body"] for record in records]


def where(problems: list[Problem]) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.message) for problem in problems]


# ------------------------------------------------------------------------------------ one bad JSON line


@pytest.mark.parametrize("at", [1, 101, 200])
def test_a_nul_byte_in_one_jsonl_line_skips_that_line_alone(tmp_path: Path, at: int) -> None:
    bad = json.dumps(article(at)).replace("harga", "har\x00ga")
    records, problems = parse_bytes(str(tmp_path / "nul.jsonl"), lines_with(bad, at))
    assert len(records) == 199
    assert f"Isi berita nomor {at} tentang" not in " ".join(bodies(records))
    assert len(problems) == 1 and problems[0].line == at
    assert problems[0].message.startswith("invalid JSON: a NUL byte (column ")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"title": "x", "views": ' + HUGE + ', "body": "y"}', "a number of more than 4300 digits, skipped"),
        ('{"title": "x", "body": ' + HUGE + "}", "a number of more than 4300 digits, skipped"),
        (DEEP, "invalid JSON: nested too deeply"),
        ('{"body": "x", "extra": ' + DEEP + "}", "invalid JSON: nested too deeply"),
        # deep enough for the parser, too deep to turn into text
        ('{"body": ' + "[" * 900 + '"x"' + "]" * 900 + "}", "nested too deeply, skipped"),
    ],
    ids=["huge-number", "huge-number-body", "deep", "deep-value", "deep-body"],
)
def test_one_bad_jsonl_line_is_a_problem_with_its_number(tmp_path: Path, bad: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    records, problems = parse_bytes(str(path), lines_with(bad, 101))
    assert len(records) == 199
    assert where(problems) == [(101, message)]
    assert str(problems[0]).startswith(f"{path}:101: ")


# ------------------------------------------------------------------------------------ CSV


def test_a_nul_byte_in_one_csv_field_skips_that_row_alone(tmp_path: Path) -> None:
    rows = ["title,body"] + [f"Berita {n},Isi berita nomor {n} di pasar" for n in range(1, 201)]
    rows[101] = rows[101].replace("pasar", "pa\x00sar")  # the row of article 101, on line 102
    records, problems = parse_bytes(str(tmp_path / "nul.csv"), ("\n".join(rows) + "\n").encode())
    assert len(records) == 199
    assert where(problems) == [(102, "a NUL byte in a field, skipped")]


# ------------------------------------------------------------------------------------ JSON, whole and streamed


def json_items_with(bad: str, at: int, count: int = 200) -> bytes:
    items = [json.dumps(article(n)) for n in range(1, count + 1)]
    items[at - 1] = bad
    return ('{"status": "ok", "articles": [' + ",\n".join(items) + "]}").encode()


JSON_BAD_ITEMS = {
    "huge-number": ('{"title": "x", "views": ' + HUGE + ', "body": "y"}', "a number of more than 4300 digits"),
    "deep": ('{"title": "x", "body": "y", "extra": ' + DEEP + "}", f"nested more than {MAX_DEPTH} deep"),
    "nul": ('{"title": "x", "body": "y\x00z"}', "a NUL byte in a string"),
}


@pytest.mark.parametrize("case", list(JSON_BAD_ITEMS))
@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_one_bad_json_item_is_a_problem_with_its_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, streamed: bool
) -> None:
    if streamed:
        monkeypatch.setattr(ingest, "JSON_IN_MEMORY", 1024)  # read item by item (ijson)
    bad, message = JSON_BAD_ITEMS[case]
    path = tmp_path / "feed.json"
    path.write_bytes(json_items_with(bad, 101))
    reader = ingest.read_records(str(path))
    items = list(reader)
    records = [item for item in items if isinstance(item, Record)]
    problems = [item for item in items if isinstance(item, Problem)]
    assert len(records) == 199
    assert [problem.message for problem in problems] == [f"item 101: {message}, skipped"]
    assert reader.complete


@pytest.mark.parametrize(
    "number",
    ["12345678901234567890", "-9223372036854775808", "9" * 4000, "1e400", "-1e309", "2.5e-400"],
    ids=["20-digits", "int64-min", "4000-digits", "1e400", "-1e309", "2.5e-400"],
)
def test_numbers_ijson_cannot_read_are_read_item_by_item_as_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: str
) -> None:
    """ijson's C parser stops at integers beyond 64 bits and doubles beyond the largest; Python reads them.
    Item by item, they are carried past ijson and put back: the records are those of the whole document."""
    data = json_items_with('{"body": "y", "n": ' + number + ', "m": [' + number + "]}", 3, count=5)
    path = str(tmp_path / "f.json")
    whole = parse_bytes(path, data)
    monkeypatch.setattr(ingest, "JSON_IN_MEMORY", 64)
    streamed = parse_bytes(path, data)
    assert streamed == whole
    records, problems = streamed
    assert len(records) == 5 and problems == []
    assert json.loads(records[2].raw)["n"] == json.loads(number)


@pytest.mark.parametrize(
    "bad", ['{"body": "a", "n": ' + HUGE + "}", '{"body": "a", "n": ' + DEEP + "}"], ids=["huge-number", "deep"]
)
def test_json_lines_saved_as_json_with_a_bad_first_line(tmp_path: Path, bad: str) -> None:
    data = "\n".join([bad, json.dumps(article(2)), json.dumps(article(3))]).encode()
    records, problems = parse_bytes(str(tmp_path / "lines.json"), data)
    assert len(records) == 2
    assert [problem.line for problem in problems] == [1]


def test_a_huge_number_outside_the_articles_costs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = json_items_with(json.dumps(article(1)), 1, count=3).replace(b'"status": "ok"', b'"total": ' + HUGE.encode())
    for limit in (1 << 30, 64):
        monkeypatch.setattr(ingest, "JSON_IN_MEMORY", limit)
        records, problems = parse_bytes(str(tmp_path / "f.json"), data)
        assert (len(records), problems) == (3, [])


def test_a_one_article_text_file_with_a_nul_is_still_binary(tmp_path: Path) -> None:
    """Text and HTML files are one article each: a NUL byte in one is a NUL byte in its only record."""
    data = ("Judul\n\n" + "Isi berita tentang pasar. " * 500 + "\x00 akhir.\n").encode()
    for name in ("a.txt", "a.html"):
        records, problems = parse_bytes(str(tmp_path / name), data)
        assert (records, [problem.message for problem in problems]) == ([], ["binary file, skipped"])


# ------------------------------------------------------------------------------------ the guard itself


GUARD_CASES = [
    '{"a": "x\\"y\\\\", "b": [1, -2.5e3, {"c": "]}"}]}',
    '[{"body": "ok"}, {"body": "y", "n": ' + "9" * 6000 + "}, 3]",
    '[{"x": ' + "[" * 700 + "]" * 700 + '}, {"body": "after"}]',
    '[{"body": "a\x00b"}, {"body": "c"}]',
    '{"n": -' + "1" * 5000 + '.5e2, "m": 1e999, "k": 12}',
    '[NaN, -Infinity, "-", "\\u0000"]',
]


@pytest.mark.parametrize("text", GUARD_CASES, ids=["escapes", "long-int", "deep", "nul", "long-float", "odd"])
def test_the_guard_gives_the_same_text_in_any_pieces(text: str) -> None:
    whole = JsonGuard(max_depth=600)
    expected = whole.feed(text, final=True)
    rng = random.Random(len(text))
    for _ in range(30):
        guard = JsonGuard(max_depth=600)
        cuts = sorted(rng.sample(range(1, len(text)), min(6, len(text) - 1)))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        got = "".join(guard.feed(piece) for piece in pieces) + guard.feed("", final=True)
        assert got == expected
        assert (guard.changed, guard.nul) == (whole.changed, whole.nul)
    json.loads(expected)  # whatever it held, it now parses
    assert len(expected) < 2000


def _random_value(rng: random.Random, depth: int) -> Any:
    kind = rng.randrange(7 if depth < 6 else 4)
    if kind == 0:
        return "".join(rng.choice('ab"\\[]{}-1 \u2028\n') for _ in range(rng.randrange(8)))
    if kind == 1:
        return rng.choice([0, -1, 12345678901234567890, -2.5e-3, 1e300, True, None])
    if kind == 2:
        return rng.random() * 10 ** rng.randrange(-5, 5)
    if kind == 3:
        return -rng.randrange(10**6)
    if kind in (4, 5):
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {str(rng.randrange(100)): _random_value(rng, depth + 1) for _ in range(rng.randrange(4))}


def test_the_guard_leaves_any_good_json_alone_in_any_pieces() -> None:
    rng = random.Random(23)
    for _ in range(300):
        text = json.dumps([_random_value(rng, 0)], ensure_ascii=rng.random() < 0.5)
        guard = JsonGuard()
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randrange(1, 12))))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        guarded = "".join(guard.feed(piece) for piece in pieces) + guard.feed("", final=True)
        value = json.loads(guarded)
        assert flaw(value, guard.nul) is None
        assert value == json.loads(text)  # numbers carried as markers are put back
        assert guard.changed or guarded == text


def test_the_guard_leaves_good_json_alone() -> None:
    text = json.dumps({"articles": [article(1), {"body": "x", "n": [1.5, -3, 10**17, {"d": [[["z"]]]}]}]})
    guard = JsonGuard()
    assert guard.feed(text, final=True) == text
    assert not guard.changed and not guard.nul
    assert flaw(json.loads(text), nul=False) is None


# ------------------------------------------------------------------------------------ keys


def test_keys_of_records_without_an_id_do_not_depend_on_their_place(tmp_path: Path) -> None:
    path = str(tmp_path / "news.jsonl")
    before, _ = parse_bytes(path, b"".join(json.dumps(article(n)).encode() + b"\n" for n in range(1, 6)))
    added = {"title": "Baru", "body": "Berita baru di baris pertama."}
    lines = [json.dumps(added), *[json.dumps(article(n)) for n in (1, 2, 4, 5, 3)]]
    after, _ = parse_bytes(path, ("\n".join(lines) + "\n").encode())
    old = {record.key: record.fields["body"] for record in before}
    new = {record.key: record.fields["body"] for record in after}
    assert len(old) == 5 and len(new) == 6
    assert all(new[key] == body for key, body in old.items())  # every old key names the same article


def test_the_content_key_ignores_spacing_and_key_order_but_not_words() -> None:
    one = content_key({"title": "Harga  beras", "body": "Naik\nlagi.", "url": "https://x.example/a"})
    same = content_key({"url": "https://x.example/a", "body": " Naik lagi. ", "title": "Harga beras"})
    assert one == same and one.startswith("sha:")
    assert one != content_key({"title": "Harga beras", "body": "Naik lagi.", "url": "https://x.example/b"})
    assert one != content_key({"title": "Harga beras", "body": "Turun lagi.", "url": "https://x.example/a"})


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_identical_records_are_numbered_in_file_order(tmp_path: Path, fmt: str) -> None:
    """Two records with the same content are two articles, ``k`` and ``k#2``: either may be either."""
    same = {"title": "Sama", "body": "Isi yang sama."}
    other = {"title": "Lain", "body": "Isi yang lain."}
    rows = [same, other, same]
    if fmt == "jsonl":
        data = "".join(json.dumps(row) + "\n" for row in rows)
    elif fmt == "json":
        data = json.dumps(rows)
    else:
        data = "title,body\n" + "".join(f"{row['title']},{row['body']}\n" for row in rows)
    records, problems = parse_bytes(str(tmp_path / f"dupes.{fmt}"), data.encode())
    key = content_key(same)
    assert problems == []
    assert [record.key for record in records] == [key, content_key(other), f"{key}#2"]


def test_an_id_with_a_lone_surrogate_is_kept_escaped(tmp_path: Path) -> None:
    data = b'{"id": "a\\ud800", "body": "x"}\n{"id": "a\\udfff", "body": "y"}\n{"id": "ok", "body": "z"}\n'
    records, problems = parse_bytes(str(tmp_path / "s.jsonl"), data)
    assert problems == []
    assert [record.key for record in records] == ["a\\ud800", "a\\udfff", "ok"]
    for record in records:
        record.key.encode("utf-8")  # storable


def test_an_item_with_a_lone_surrogate_gets_storable_raw_text(tmp_path: Path) -> None:
    records, problems = parse_bytes(str(tmp_path / "s.json"), b'[{"id": "\\udc80", "body": "x\\ud800"}]')
    assert problems == []
    (record,) = records
    record.raw.encode("utf-8")
    assert record.key == "\\udc80"


# ------------------------------------------------------------------------------------ file names


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_is_skipped_alone(tmp_path: Path) -> None:
    root = os.fsencode(tmp_path)
    for number in range(27):
        (tmp_path / f"good{number:02}.txt").write_text(f"Judul {number}\n\nIsi.\n")
    with open(os.path.join(root, b"caf\xe9.txt"), "w") as handle:
        handle.write("Judul\n\nIsi.\n")
    os.mkdir(os.path.join(root, b"\xffdir"))
    with open(os.path.join(root, b"\xffdir", b"inside.txt"), "w") as handle:
        handle.write("Judul\n\nIsi.\n")
    files, problems = discover([str(tmp_path)])
    assert len(files) == 27
    assert [(problem.path, problem.message) for problem in problems] == [
        (f"{tmp_path}/\\xffdir", "name is not valid UTF-8, skipped"),
        (f"{tmp_path}/caf\\xe9.txt", "name is not valid UTF-8, skipped"),
    ]
    for problem in problems:
        str(problem).encode("utf-8")  # printable
    named, problems = discover([os.fsdecode(os.path.join(root, b"caf\xe9.txt"))])
    assert named == [] and [problem.message for problem in problems] == ["name is not valid UTF-8, skipped"]


def test_standard_input_with_a_bad_line_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    data = lines_with(DEEP, 2, count=4)
    stdin = io.BytesIO(data)
    reader = ingest.RecordReader(ingest.STDIN, lambda: stdin, reopen=False)
    items = list(reader)
    assert sum(isinstance(item, Record) for item in items) == 3
    assert [(item.line, item.message) for item in items if isinstance(item, Problem)] == [
        (2, "invalid JSON: nested too deeply")
    ]


@pytest.mark.skipif(os.name != "posix", reason="links and FIFOs")
def test_paths_that_cannot_be_read_say_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    denied = tmp_path / "hidden" / "a.txt"
    real_stat = os.stat

    def guarded_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path) == str(denied):  # as in a folder without search permission (tests run as root)
            raise PermissionError(13, "Permission denied", str(denied))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", guarded_stat)
    names = ["link.txt", "pipe.txt", "hidden/a.txt", "absent.txt"]
    files, problems = discover([str(tmp_path / name) for name in names])
    assert files == []
    assert [problem.message for problem in problems] == [
        "broken symbolic link",
        "not a regular file or folder",
        "permission denied",
        "no such file or directory",
    ]


def test_the_content_key_of_a_long_text_is_made_in_pieces_as_of_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import unicodedata

    from indexer.ingest import fields

    rng = random.Random(7)
    alphabet = "ab \n\t\u00a0e\u0301\u3000x\u2028"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(60)))
        monkeypatch.setattr(fields, "_PIECE", rng.randrange(1, 8))
        assert "".join(fields._collapsed(text)) == unicodedata.normalize("NFC", " ".join(text.split()))
