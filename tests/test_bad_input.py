"""Hostile input through ``warta index`` and ``warta annotate --jsonl``: a bad record costs itself only,
records without an id keep their ids when lines move, and nothing is deleted because it could not be read.

Every bad file is made here, small.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from support import SUMMARY, TRACEBACK, Cli, Run

from indexer.store import Store
from tui.cli import main

DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "7" * 5000


def news(number: int) -> dict[str, Any]:
    """An article without an id."""
    return {
        "title": f"Berita nomor {number}",
        "body": f"Isi berita nomor {number}: harga beras di pasar kota naik lagi minggu ini, kata pedagang.",
    }


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def summary_of(run: Run) -> str:
    (line,) = run.out.splitlines()
    assert SUMMARY.match(line), line
    return line


def listed(cli: Cli, index: Path) -> dict[str, str]:
    """Article id → title."""
    return {doc["id"]: doc["title"] for doc in cli("list", "--json", "--index", index).json()["documents"]}


def index_size(index: Path) -> int:
    with Store.open(str(index)) as store:
        return store.doc_count()


# ------------------------------------------------------------------------------------ one bad record


@pytest.mark.parametrize(
    "bad",
    [
        json.dumps(news(101)).replace("harga", "har\x00ga"),
        json.dumps({**news(101), "views": 0}).replace('"views": 0', f'"views": {HUGE}'),
        DEEP,
    ],
    ids=["nul", "huge-number", "deep"],
)
def test_one_bad_line_costs_that_line_only(cli: Cli, tmp_path: Path, fresh_index: Path, bad: str) -> None:
    lines = [json.dumps(news(n)) for n in range(1, 201)]
    source = write_lines(tmp_path / "news.jsonl", lines)
    assert summary_of(cli("index", source, "--index", fresh_index)).startswith("1 files: 200 added")
    # the file changes: line 101 goes bad, and a new record comes in at the end
    lines[100] = bad
    lines.append(json.dumps(news(201)))
    write_lines(source, lines)
    run = cli("index", source, "--index", fresh_index)
    assert run.rc == 1
    assert summary_of(run) == "1 files: 1 added, 0 updated, 199 unchanged, 1 removed, 1 skipped"
    (problem,) = run.err_lines
    assert problem.startswith(f"skipped {source}:101: ")
    titles = set(listed(cli, fresh_index).values())
    assert "Berita nomor 201" in titles and "Berita nomor 101" not in titles
    assert len(titles) == 200 == index_size(fresh_index)


def test_a_bad_csv_field_costs_its_row_only(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    rows = ["judul,isi"] + [f"Berita {n},Isi berita nomor {n} tentang pasar." for n in range(1, 51)]
    rows[10] = rows[10].replace("pasar", "pa\x00sar")
    source = tmp_path / "news.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run = cli("index", source, "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (1, "1 files: 49 added, 0 updated, 0 unchanged, 1 skipped")
    assert run.err_lines == [f"skipped {source}:11: a NUL byte in a field, skipped"]


def test_a_json_id_with_a_lone_surrogate_is_stored_escaped(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    source = write_lines(
        tmp_path / "ids.jsonl",
        [
            '{"id": "\\ud800", "title": "Satu", "body": "Isi berita pertama tentang pasar."}',
            '{"id": "ok", "title": "Dua", "body": "Isi berita kedua \\udc00 tentang kapal."}',
        ],
    )
    run = cli("index", source, "--index", fresh_index)
    assert (run.rc, summary_of(run), run.err) == (0, "1 files: 2 added, 0 updated, 0 unchanged, 0 skipped", "")
    assert sorted(listed(cli, fresh_index).values()) == ["Dua", "Satu"]
    assert index_size(fresh_index) == 2
    run = cli("index", source, "--index", fresh_index)
    assert summary_of(run) == "1 files: 0 added, 0 updated, 2 unchanged, 0 skipped"


# ------------------------------------------------------------------------------------ ids from content


def test_a_line_inserted_at_the_top_is_one_added(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    lines = [json.dumps(news(n)) for n in range(1, 31)]
    source = write_lines(tmp_path / "news.jsonl", lines)
    cli("index", source, "--index", fresh_index)
    before = listed(cli, fresh_index)
    write_lines(source, [json.dumps(news(0)), *lines])
    run = cli("index", source, "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "1 files: 1 added, 0 updated, 30 unchanged, 0 skipped")
    after = listed(cli, fresh_index)
    assert all(after[doc_id] == title for doc_id, title in before.items())  # every old id, the same article
    # and lines moved about, or one taken out, leave the other ids alone
    write_lines(source, [lines[5], *lines[:5], *lines[6:29]])
    run = cli("index", source, "--index", fresh_index)
    assert summary_of(run) == "1 files: 0 added, 0 updated, 29 unchanged, 2 removed, 0 skipped"
    assert set(listed(cli, fresh_index).items()) <= set(after.items())


def test_identical_records_in_one_file_are_two_stable_articles(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    same = json.dumps(news(1))
    source = write_lines(tmp_path / "news.jsonl", [same, json.dumps(news(2)), same])
    run = cli("index", source, "--index", fresh_index)
    assert summary_of(run) == "1 files: 3 added, 0 updated, 0 unchanged, 0 skipped"
    write_lines(source, [json.dumps(news(3)), same, same, json.dumps(news(2))])
    run = cli("index", source, "--index", fresh_index)
    assert summary_of(run) == "1 files: 1 added, 0 updated, 3 unchanged, 0 skipped"
    write_lines(source, [same, json.dumps(news(2))])
    run = cli("index", source, "--index", fresh_index)
    assert summary_of(run) == "1 files: 0 added, 0 updated, 2 unchanged, 2 removed, 0 skipped"
    assert sorted(listed(cli, fresh_index).values()) == ["Berita nomor 1", "Berita nomor 2"]


# ------------------------------------------------------------------------------------ files that changed kind


def _deny_stat(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Looking at ``denied`` fails as in a folder without search permission (the tests run as root)."""
    real_stat = os.stat

    def guarded_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path) == str(denied):
            raise PermissionError(13, "Permission denied", str(denied))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", guarded_stat)


def test_prune_keeps_the_articles_of_a_file_it_cannot_look_at(
    cli: Cli, tmp_path: Path, fresh_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    kept = write_lines(folder / "a.jsonl", [json.dumps(news(1))])
    hidden = write_lines(tmp_path / "elsewhere.jsonl", [json.dumps(news(2)), json.dumps(news(3))])
    cli("index", folder, hidden, "--index", fresh_index)
    _deny_stat(monkeypatch, hidden)
    run = cli("index", folder, "--prune", "--index", fresh_index)
    monkeypatch.undo()
    assert run.rc == 1
    assert summary_of(run) == "1 files: 0 added, 0 updated, 1 unchanged, 1 skipped"
    assert run.err_lines == [f"skipped {hidden}: permission denied (its articles are kept)"]
    assert len(listed(cli, fresh_index)) == 3 == index_size(fresh_index)
    _deny_stat(monkeypatch, hidden)  # named in the run too: said once
    run = cli("index", folder, hidden, "--prune", "--index", fresh_index)
    monkeypatch.undo()
    assert (run.rc, run.err_lines) == (1, [f"skipped {hidden}: permission denied"])
    assert len(listed(cli, fresh_index)) == 3 == index_size(fresh_index)
    # once it can be seen again, and is gone, --prune drops it
    hidden.unlink()
    run = cli("index", folder, "--prune", "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (0, "1 files: 0 added, 0 updated, 1 unchanged, 2 removed, 0 skipped")
    assert kept.exists() and list(listed(cli, fresh_index).values()) == ["Berita nomor 1"]


@pytest.mark.parametrize("prune", [False, True])
def test_a_file_replaced_by_a_folder_is_the_folder_now(
    cli: Cli, tmp_path: Path, fresh_index: Path, prune: bool
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    turned = folder / "a.txt"
    turned.write_text("Judul lama\n\nIsi berita lama tentang pasar.\n")
    (folder / "b.txt").write_text("Judul tetap\n\nIsi berita tetap tentang kapal.\n")
    options = ["--prune"] if prune else []
    cli("index", folder, *options, "--index", fresh_index)
    turned.unlink()
    turned.mkdir()
    (turned / "inside.txt").write_text("Judul baru\n\nIsi berita baru tentang kereta.\n")
    for _ in range(2):  # and the next run has nothing left to say
        run = cli("index", folder, *options, "--index", fresh_index)
        assert (run.rc, run.err) == (0, "")
        assert sorted(listed(cli, fresh_index).values()) == ["Judul baru", "Judul tetap"]
    assert index_size(fresh_index) == 2
    # named on its own, too
    turned2 = folder / "c.txt"
    turned2.write_text("Judul c\n\nIsi berita c tentang bus.\n")
    cli("index", turned2, "--index", fresh_index)
    turned2.unlink()
    turned2.mkdir()
    run = cli("index", turned2, "--index", fresh_index)
    assert "Judul c" not in listed(cli, fresh_index).values()


@pytest.mark.parametrize("name", ["news.txt", "news.jsonl", "news.csv", "news.json"])
def test_a_file_truncated_to_empty_has_no_articles(cli: Cli, tmp_path: Path, fresh_index: Path, name: str) -> None:
    source = tmp_path / name
    if name.endswith(".txt"):
        source.write_text("Judul\n\nIsi berita tentang pasar.\n")
    elif name.endswith(".csv"):
        source.write_text("judul,isi\nSatu,Isi satu.\nDua,Isi dua.\n")
    else:
        source.write_text(json.dumps([news(1), news(2)]) if name.endswith(".json") else json.dumps(news(1)) + "\n")
    first = cli("index", source, "--index", fresh_index)
    assert first.rc == 0 and listed(cli, fresh_index)
    source.write_bytes(b"")
    run = cli("index", source, "--index", fresh_index)
    assert run.err_lines == [f"skipped {source}: empty file"]
    assert " removed" in summary_of(run)
    assert listed(cli, fresh_index) == {} and index_size(fresh_index) == 0
    run = cli("index", source, "--index", fresh_index)  # nothing to say any more
    assert (run.rc, run.err, summary_of(run)) == (0, "", "1 files: 0 added, 0 updated, 0 unchanged, 0 skipped")


@pytest.mark.skipif(os.name != "posix", reason="file names are bytes on POSIX only")
def test_a_file_name_that_is_not_utf8_costs_that_file_only(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(27):
        (folder / f"good{number:02}.txt").write_text(f"Judul {number}\n\nIsi berita nomor {number}.\n")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w") as handle:
        handle.write("Judul kafe\n\nIsi berita tentang kafe.\n")
    run = cli("index", folder, "--index", fresh_index)
    assert (run.rc, summary_of(run)) == (1, "27 files: 27 added, 0 updated, 0 unchanged, 1 skipped")
    assert run.err_lines == [f"skipped {folder}/caf\\xe9.txt: name is not valid UTF-8, skipped"]
    assert len(listed(cli, fresh_index)) == 27


# ------------------------------------------------------------------------------------ warta annotate --jsonl


def annotate_jsonl(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: str) -> Run:
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode()), encoding="utf-8"))
    rc = main(["annotate", "--jsonl"])
    out, err = capsys.readouterr()
    for marker in TRACEBACK:
        assert marker not in err
    return Run(rc, out, err)


def test_annotate_jsonl_skips_bad_lines_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": 1, "text": "Jokowi ke Bandung."}),
        DEEP,
        '{"id": ' + HUGE + ', "text": "Jokowi ke Bandung."}',
        '{"id": ' + "[" * 990 + "]" * 990 + ', "text": "Jokowi."}',
        '{"id": "sep", "text": "Jokowi\u2028ke Bandung."}',  # a raw U+2028 is no line break in JSON Lines
        json.dumps({"id": 2, "text": "Jokowi ke Bandung."}),
    ]
    run = annotate_jsonl(monkeypatch, capsys, "\n".join(lines) + "\n")
    assert run.rc == 1
    assert [json.loads(line)["id"] for line in run.out.splitlines()] == [1, "sep", 2]
    err = run.err_lines
    assert err[:2] == [
        "warta: stdin:2: invalid JSON: nested too deeply",
        "warta: stdin:3: a number of more than 4300 digits",
    ]
    assert len(err) == 3 and err[2].startswith("warta: stdin:4: ")


# ------------------------------------------------------------------------------------ random edits


def test_random_edits_converge_to_the_good_records(cli: Cli, tmp_path: Path, fresh_index: Path) -> None:
    """Lines inserted, removed, moved, repeated or broken, the file emptied: after every run the index holds
    exactly the good records of the file (once each, or as often as they are repeated), and the same ids for
    the records that stayed."""
    import random
    from collections import Counter

    rng = random.Random(2323)
    source = tmp_path / "news.jsonl"
    bad_lines = [DEEP, '{"body": ' + HUGE + "}", json.dumps(news(0)).replace("harga", "har\x00ga"), "{oops"]
    lines = [json.dumps(news(n)) for n in range(1, 6)]
    fresh = 6
    held: Counter[str] = Counter()  # titles the index should hold
    ids: dict[str, str] = {}  # title → id, for titles seen once
    recorded: str | None = None  # the content of the file the index last took in
    for _round in range(12):
        action = rng.choice(["insert", "insert", "remove", "move", "repeat", "break", "empty"])
        if action == "insert":
            lines.insert(rng.randrange(len(lines) + 1), json.dumps(news(fresh)))
            fresh += 1
        elif action == "remove" and lines:
            lines.pop(rng.randrange(len(lines)))
        elif action == "move" and lines:
            lines.insert(rng.randrange(len(lines)), lines.pop(rng.randrange(len(lines))))
        elif action == "repeat" and lines:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
        elif action == "break":  # one NUL byte in a file, not a few: those would make it binary
            bad = rng.choice([line for line in bad_lines if line not in lines or "\x00" not in line])
            lines.insert(rng.randrange(len(lines) + 1), bad)
        elif action == "empty":
            lines = []
        text = "".join(line + "\n" for line in lines)
        source.write_text(text, encoding="utf-8")
        run = cli("index", source, "--index", fresh_index)
        good = [json.loads(line)["title"] for line in lines if line not in bad_lines]
        if text != recorded:  # read: each bad line said once, with its number; an empty file said to be empty
            expected = sum(line in bad_lines for line in lines) or int(not lines)
            assert (run.rc, len(run.err_lines)) == (int(expected > 0), expected), run.err
        else:  # the content the index last took in: nothing to read or say
            assert (run.rc, run.err) == (0, "")
        if good or not any(line in bad_lines for line in lines):
            held = Counter(good)
            recorded = text  # taken in; a file of bad lines only is not, and keeps what it had
        docs = cli("list", "--json", "--index", fresh_index).json()["documents"]
        assert Counter(doc["title"] for doc in docs) == held, action
        assert index_size(fresh_index) == len(docs)
        for doc in docs:  # a record that stayed keeps its id
            if held[doc["title"]] == 1:
                assert ids.setdefault(doc["title"], doc["id"]) == doc["id"]
