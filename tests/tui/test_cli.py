"""The ``warta`` command: the JSON contract, ids, ``--index`` and ``$WARTA_INDEX``, errors, untrusted text."""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from support import DATA, ISO_DATE, REPO, SUMMARY, TRACEBACK, BuiltIndex, Cli, Run, article, write_jsonl

from indexer.pipeline import open_catalog
from tui.cli import build_parser, main, make_console, progress_bar

WARTA = str(Path(sys.executable).with_name("warta"))
SEARCH_KEYS = {"query", "total", "hits", "notice", "suggestion", "expansion"}
HIT_KEYS = {"id", "title", "date", "source", "path", "score", "snippet"}
LIST_KEYS = {"id", "title", "date", "source", "path"}
SHOW_KEYS = {"id", "title", "date", "source", "path", "lang", "text", "entities", "events"}
ENTITY_KEYS = {"start", "end", "text", "type", "canonical"}


def warta(*args: str | os.PathLike[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed ``warta`` command in a child process."""
    return subprocess.run(
        [WARTA, *map(os.fspath, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def assert_date(value: Any) -> None:
    assert value is None or (isinstance(value, str) and ISO_DATE.match(value)), value


def assert_one_line_error(run: Any, *fragments: str) -> None:
    err = run.err if hasattr(run, "err") else run.stderr
    out = run.out if hasattr(run, "out") else run.stdout
    rc = run.rc if hasattr(run, "rc") else run.returncode
    assert rc == 1
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("warta: ")
    for fragment in fragments:
        assert fragment in err
    for marker in TRACEBACK:
        assert marker not in err


# ------------------------------------------------------------------------------------------- search --json


def test_search_json_contract(cli: Cli, sample_index: BuiltIndex) -> None:
    result = cli("search", "lukashenko", "--json", "--index", sample_index.dir).json()
    assert set(result) == SEARCH_KEYS
    assert result["query"] == "lukashenko"
    assert result["notice"] is None
    assert result["suggestion"] is None
    assert isinstance(result["total"], int) and result["total"] == len(result["hits"]) == 2
    for hit in result["hits"]:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["id"], str) and hit["id"] in sample_index.ids.values()
        assert isinstance(hit["title"], str) and hit["title"]
        assert_date(hit["date"])
        assert hit["source"] is None or isinstance(hit["source"], str)
        assert isinstance(hit["path"], str) and Path(hit["path"]).is_absolute() and Path(hit["path"]).is_file()
        assert Path(hit["path"]).parent == DATA
        assert isinstance(hit["score"], float) and hit["score"] > 0
        assert isinstance(hit["snippet"], str)
        assert "«Lukashenko»" in hit["snippet"]
        assert hit["snippet"].count("«") == hit["snippet"].count("»")
        assert "\n" not in hit["snippet"]


def test_search_json_dates_and_sources(cli: Cli, sample_index: BuiltIndex) -> None:
    result = cli("search", "kunjungan", "--json", "--index", sample_index.dir).json()
    by_file = {Path(hit["path"]).name: hit for hit in result["hits"]}
    hit = by_file["002_5aca17387d92f694.txt"]
    assert (hit["date"], hit["source"]) == ("2023-08-15", "afederasi.com")
    assert hit["title"] == "Tunjukkan Dukungan, Menteri Pertahanan China Kunjungi Rusia dan Belarus"


def test_search_hit_ids_work_with_show(cli: Cli, corpus_index: BuiltIndex) -> None:
    hits = cli("search", "the OR dan", "--json", "--index", corpus_index.dir).json()["hits"]
    assert len(hits) == len(corpus_index.ids)
    for hit in hits:
        doc = cli("show", hit["id"], "--json", "--index", corpus_index.dir).json()
        assert {k: doc[k] for k in LIST_KEYS} == {k: hit[k] for k in LIST_KEYS}


def test_search_json_no_hits(cli: Cli, sample_index: BuiltIndex) -> None:
    run = cli("search", "qqqqxxxxzzzz", "--json", "--index", sample_index.dir)
    assert run.json() == {
        "query": "qqqqxxxxzzzz",
        "total": 0,
        "hits": [],
        "notice": None,
        "suggestion": None,
        "expansion": None,
    }
    assert run.err == ""


def test_search_json_suggestion(cli: Cli, sample_index: BuiltIndex) -> None:
    result = cli("search", "lukashenkx", "--json", "--index", sample_index.dir).json()
    assert (result["total"], result["suggestion"]) == (0, "lukashenko")


def test_search_human_output(cli: Cli, sample_index: BuiltIndex) -> None:
    run = cli("search", "lukashenko", "--index", sample_index.dir)
    assert run.rc == 0 and run.err == ""
    lines = run.out.splitlines()
    assert lines[0].startswith("2 hits for 'lukashenko' (")
    assert "Lukashenko" in run.out
    assert "«" not in run.out
    assert sample_index.ids["003_c00b38141db1421f.txt"] in run.out


# ------------------------------------------------------------------------------------------- list --json


def test_list_json_contract(cli: Cli, sample_index: BuiltIndex) -> None:
    result = cli("list", "--json", "--index", sample_index.dir).json()
    assert set(result) == {"documents"}
    docs = result["documents"]
    assert len(docs) == 3
    for doc in docs:
        assert set(doc) == LIST_KEYS
        assert isinstance(doc["id"], str) and len(doc["id"]) == 12
        assert isinstance(doc["title"], str) and doc["title"]
        assert_date(doc["date"])
        assert doc["source"] is None or isinstance(doc["source"], str)
        assert Path(doc["path"]).parent == DATA
    assert {doc["id"] for doc in docs} == set(sample_index.ids.values())
    assert docs[0]["date"] == "2023-08-15"  # newest first, undated last


def test_list_json_is_newest_first_with_undated_last(cli: Cli, corpus_index: BuiltIndex) -> None:
    docs = cli("list", "--json", "--index", corpus_index.dir).json()["documents"]
    assert len(docs) == len(corpus_index.ids)
    dates = [doc["date"] for doc in docs]
    dated = [d for d in dates if d is not None]
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert dated == sorted(dated, reverse=True)
    assert dated[0] == "2023-09-01" and dated[-1] == "2019"
    for doc in docs:
        assert_date(doc["date"])


def test_list_ids_work_with_show(cli: Cli, sample_index: BuiltIndex) -> None:
    for doc in cli("list", "--json", "--index", sample_index.dir).json()["documents"]:
        shown = cli("show", doc["id"], "--json", "--index", sample_index.dir).json()
        assert {k: shown[k] for k in LIST_KEYS} == doc


def test_list_human_output(cli: Cli, sample_index: BuiltIndex) -> None:
    run = cli("list", "--index", sample_index.dir)
    assert run.rc == 0 and run.err == ""
    lines = run.out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(sample_index.ids["002_5aca17387d92f694.txt"] + "  2023-08-15")


# ------------------------------------------------------------------------------------------- show


def test_show_json_contract(cli: Cli, sample_index: BuiltIndex) -> None:
    doc_id = sample_index.ids["002_5aca17387d92f694.txt"]
    doc = cli("show", doc_id, "--json", "--index", sample_index.dir).json()
    assert set(doc) == SHOW_KEYS
    assert doc["id"] == doc_id
    assert doc["title"] == "Tunjukkan Dukungan, Menteri Pertahanan China Kunjungi Rusia dan Belarus"
    assert doc["date"] == "2023-08-15"
    assert doc["source"] == "afederasi.com"
    assert doc["path"] == str(DATA / "002_5aca17387d92f694.txt")
    assert doc["lang"] == "id"
    assert isinstance(doc["text"], str)
    assert doc["text"].startswith("Menteri Pertahanan China, Li Shangfu, telah memulai kunjungan")
    assert "15 Aug 2023 - 09:35" not in doc["text"]  # the dateline became the date
    entities = doc["entities"]
    assert entities and all(set(e) == ENTITY_KEYS for e in entities)
    assert all(doc["text"][e["start"] : e["end"]] == e["text"] for e in entities)
    assert [e["start"] for e in entities] == sorted(e["start"] for e in entities)
    named = {(e["text"], e["type"], e["canonical"]) for e in entities}
    assert ("Li Shangfu", "PERSON", "Li Shangfu") in named
    assert ("Ukraina", "LOC", "Ukraine") in named
    assert ("Belarus", "LOC", "Belarus") in named


def test_show_json_undated_article(cli: Cli, sample_index: BuiltIndex) -> None:
    doc = cli("show", sample_index.ids["003_c00b38141db1421f.txt"], "--json", "--index", sample_index.dir).json()
    assert (doc["date"], doc["source"]) == (None, None)
    assert "loading..." not in doc["text"]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_show_raw_is_the_input_as_read(cli: Cli, sample_index: BuiltIndex, name: str) -> None:
    doc_id = sample_index.ids[name]
    raw = cli("show", doc_id, "--json", "--raw", "--index", sample_index.dir).json()
    assert set(raw) == SHOW_KEYS
    assert raw["entities"] == []  # offsets point into the cleaned text only
    assert raw["text"] == (DATA / name).read_text(encoding="utf-8")
    cleaned = cli("show", doc_id, "--json", "--index", sample_index.dir).json()
    assert {k: v for k, v in raw.items() if k not in ("text", "entities")} == {
        k: v for k, v in cleaned.items() if k not in ("text", "entities")
    }
    assert cleaned["text"] != raw["text"]


def test_show_raw_of_a_jsonl_article_is_its_line(cli: Cli, corpus_index: BuiltIndex) -> None:
    lines = corpus_index.files[0].read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        key = json.loads(line)["id"]
        raw = cli("show", corpus_index.ids[key], "--json", "--raw", "--index", corpus_index.dir).json()
        assert raw["text"] == lines[number]


def test_show_human_output(cli: Cli, sample_index: BuiltIndex) -> None:
    doc_id = sample_index.ids["002_5aca17387d92f694.txt"]
    run = cli("show", doc_id, "--index", sample_index.dir)
    assert run.rc == 0 and run.err == ""
    lines = run.out.splitlines()
    assert lines[0] == "Tunjukkan Dukungan, Menteri Pertahanan China Kunjungi Rusia dan Belarus"
    assert lines[1] == f"2023-08-15 · afederasi.com · id · {doc_id}"
    assert lines[2] == str(DATA / "002_5aca17387d92f694.txt")
    assert lines[3] == ""
    assert lines[4].startswith("Menteri Pertahanan China, Li Shangfu")
    raw = cli("show", doc_id, "--raw", "--index", sample_index.dir)
    assert raw.out.startswith("Tunjukkan Dukungan, Menteri Pertahanan China Kunjungi Rusia dan Belarus\n\nMenteri")


def test_show_accepts_a_unique_prefix(cli: Cli, corpus_index: BuiltIndex) -> None:
    ids = sorted(corpus_index.ids.values())
    for doc_id in ids:
        prefix = next(doc_id[:n] for n in range(1, 13) if sum(other.startswith(doc_id[:n]) for other in ids) == 1)
        for wanted in (prefix, doc_id[:8], doc_id):
            doc = cli("show", wanted, "--json", "--index", corpus_index.dir).json()
            assert doc["id"] == doc_id


def test_show_ambiguous_prefix(cli: Cli, corpus_index: BuiltIndex) -> None:
    ids = sorted(corpus_index.ids.values())
    first_chars = [i[0] for i in ids]
    shared = next(c for c in first_chars if first_chars.count(c) > 1)  # 17 hex ids: pigeonhole
    for wanted in (shared, shared.upper()):
        for extra in ((), ("--json",), ("--raw",)):
            run = cli("show", wanted, *extra, "--index", corpus_index.dir)
            assert_one_line_error(run, f"ambiguous id {wanted!r}")


@pytest.mark.parametrize("wanted", ["zzzz", "0000000000000", "%", "_", "*", "' OR 1=1 --", ""])
def test_show_missing_id(cli: Cli, corpus_index: BuiltIndex, wanted: str) -> None:
    for extra in ((), ("--json",)):
        run = cli("show", *extra, "--index", corpus_index.dir, "--", wanted)
        assert_one_line_error(run, f"no article with id {wanted!r}")


# ------------------------------------------------------------------------------------------- --index, $WARTA_INDEX


def test_every_subcommand_takes_index(cli: Cli, tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl", [article("a", "Only article", "The only article here, said the editor.")]
    )
    index = tmp_path / "custom"
    assert cli("index", source, "--index", index).rc == 0
    (doc,) = cli("list", "--json", "--index", index).json()["documents"]
    assert cli("search", "editor", "--json", "--index", index).json()["total"] == 1
    assert cli("show", doc["id"], "--json", "--index", index).json()["title"] == "Only article"
    default = Path(os.environ["WARTA_INDEX"])
    assert not default.exists()


def test_warta_index_environment_is_the_default(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl", [article("a", "Only article", "The only article here, said the editor.")]
    )
    index = tmp_path / "from-env"
    monkeypatch.setenv("WARTA_INDEX", str(index))
    run = cli("index", source)
    assert (run.rc, run.out) == (0, "1 files: 1 added, 0 updated, 0 unchanged, 0 skipped\n")
    assert (index / "catalog.sqlite").is_file()
    (doc,) = cli("list", "--json").json()["documents"]
    assert cli("search", "editor", "--json").json()["hits"][0]["id"] == doc["id"]
    assert cli("show", doc["id"][:6], "--json").json()["id"] == doc["id"]
    # --index wins over the environment
    other = tmp_path / "other"
    assert cli("index", source, "--index", other).rc == 0
    assert cli("index", source).out == "1 files: 0 added, 0 updated, 1 unchanged, 0 skipped\n"


@pytest.mark.parametrize(
    "command", [("search", "x"), ("search", "x", "--json"), ("list",), ("list", "--json"), ("show", "abc")]
)
def test_missing_index_is_a_one_line_error(cli: Cli, tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "nowhere"
    run = cli(*command, "--index", missing)
    assert_one_line_error(run, f"no index at {missing}")
    assert not missing.exists()


def test_an_index_with_no_article_answers_nothing(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    index = tmp_path / "index"
    assert cli("index", empty, "--index", index).rc == 1  # no files: the index exists, with nothing committed
    for query in ("x", "NOT"):
        result = cli("search", query, "--json", "--index", index).json()
        assert (result["total"], result["hits"]) == (0, [])
        assert cli("search", query, "--index", index).rc == 0
    assert cli("entities", "--json", "--index", index).json() == {"entities": []}
    assert cli("entities", "--index", index) == Run(0, "", "")


@pytest.mark.parametrize(
    "command",
    [("list",), ("list", "--json"), ("search", "lukashenko"), ("search", "x", "--json"), ("entities",), ("--help",)],
)
def test_a_closed_pipe_is_no_error(sample_index: BuiltIndex, command: tuple[str, ...]) -> None:
    # the reader is gone before the first write (as `warta list | head -1` once it has its line)
    with subprocess.Popen(
        [WARTA, *command, "--index", sample_index.dir], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        err = process.stderr.read()
        assert (process.wait(timeout=120), err) == (0, b"")


def test_no_command_prints_help(cli: Cli) -> None:
    run = cli()
    assert run.rc == 0
    assert "usage: warta" in run.out
    for name in ("index", "search", "list", "show"):
        assert name in run.out


# ------------------------------------------------------------------------------------------- installed command


@pytest.mark.slow
def test_installed_command_end_to_end(tmp_path: Path) -> None:
    index = tmp_path / "index"
    env = {"WARTA_INDEX": str(index)}
    done = warta("index", DATA, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "3 files: 3 added, 0 updated, 0 unchanged, 0 skipped\n",
        "",
    )
    assert SUMMARY.match(done.stdout.strip())
    found = warta("search", "lukashenko", "--json", env=env)
    assert found.returncode == 0 and found.stderr == ""
    result = json.loads(found.stdout)
    assert set(result) == SEARCH_KEYS and result["total"] == 2
    listed = json.loads(warta("list", "--json", "--index", index).stdout)["documents"]
    assert len(listed) == 3
    shown = warta("show", listed[0]["id"][:5], "--json", "--raw", "--index", index)
    doc = json.loads(shown.stdout)
    assert set(doc) == SHOW_KEYS
    assert doc["text"] == Path(doc["path"]).read_text(encoding="utf-8")
    again = warta("index", DATA, "--index", index)
    assert again.stdout == "3 files: 0 added, 0 updated, 3 unchanged, 0 skipped\n"


@pytest.mark.slow
def test_installed_command_errors(tmp_path: Path) -> None:
    missing = warta("show", "abcdef", "--index", tmp_path / "none")
    assert_one_line_error(missing, "no index at")
    assert warta("index", DATA, "--index", tmp_path / "ix").returncode == 0
    unknown = warta("show", "zzzz", "--index", tmp_path / "ix")
    assert_one_line_error(unknown, "no article with id 'zzzz'")
    malformed = warta("search", "date:2023-13", "--json", "--index", tmp_path / "ix")
    assert malformed.returncode == 0
    assert malformed.stderr.splitlines() == [f"warta: {json.loads(malformed.stdout)['notice']}"]


# ------------------------------------------------------------------------------------------- untrusted text

MARKUP = "[bold]x[/], [/], [link=http://e]y[/link] [red on white]z[/red on white]"
ESC = "\x1b[31m"
OSC = "\x1b]0;pwned\x07"


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> BuiltIndex:
    folder = tmp_path_factory.mktemp("hostile")
    text_file = folder / "markup.txt"
    text_file.write_text(
        f"Markup {MARKUP} title\n\nThe harbour article says {MARKUP} and {ESC}red{ESC}{OSC} "
        "and then goes on about the boats for a while, as articles do.\n",
        encoding="utf-8",
    )
    jsonl = write_jsonl(
        folder / "markup.jsonl",
        [
            article(
                "j1",
                f"JSON {MARKUP} title {ESC}",
                f"The harbour master wrote {MARKUP} in the log{ESC}, and {OSC}nothing else happened that day.",
                source=f"[bold]Outlet[/bold]{ESC}",
                lang=f"{ESC}xx",
            )
        ],
    )
    index = folder / "index"
    from indexer.pipeline import index_paths

    summary = index_paths([str(text_file), str(jsonl)], str(index))
    assert (summary.added, summary.problems) == (2, [])
    catalog = open_catalog(str(index))
    try:
        ids = {("txt" if row.key == "" else "jsonl"): row.id for row in catalog.docs()}
    finally:
        catalog.close()
    return BuiltIndex(index, (text_file, jsonl), ids)


def test_markup_round_trips_through_json(cli: Cli, hostile_index: BuiltIndex) -> None:
    doc = cli("show", hostile_index.ids["txt"], "--json", "--index", hostile_index.dir).json()
    assert doc["title"] == f"Markup {MARKUP} title"
    assert MARKUP in doc["text"]
    raw = cli("show", hostile_index.ids["txt"], "--json", "--raw", "--index", hostile_index.dir).json()
    assert raw["text"] == hostile_index.files[0].read_text(encoding="utf-8")
    assert ESC in raw["text"] and OSC in raw["text"]
    doc = cli("show", hostile_index.ids["jsonl"], "--json", "--index", hostile_index.dir).json()
    assert MARKUP in doc["title"] and MARKUP in doc["text"]
    assert doc["source"].startswith("[bold]Outlet[/bold]")
    hits = cli("search", "harbour", "--json", "--index", hostile_index.dir).json()["hits"]
    assert len(hits) == 2
    for hit in hits:
        assert MARKUP in hit["title"]
        assert MARKUP in hit["snippet"]
    listed = cli("list", "--json", "--index", hostile_index.dir).json()["documents"]
    assert all(MARKUP in doc["title"] for doc in listed)


def _assert_inert(output: str) -> None:
    assert "\x1b" not in output
    assert "\x07" not in output
    assert " ".join(MARKUP.split()) in " ".join(output.split())  # human output may wrap lines at spaces


@pytest.mark.parametrize("key", ["txt", "jsonl"])
def test_human_show_prints_markup_literally_and_no_escapes(cli: Cli, hostile_index: BuiltIndex, key: str) -> None:
    run = cli("show", hostile_index.ids[key], "--index", hostile_index.dir)
    assert run.rc == 0
    _assert_inert(run.out)
    raw = cli("show", hostile_index.ids[key], "--raw", "--index", hostile_index.dir)
    assert raw.rc == 0
    _assert_inert(raw.out)
    if key == "txt":
        assert "\\x1b[31m" in raw.out
        assert "\\x1b]0;pwned\\x07" in raw.out


BIDI_AND_C1 = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\x80\x9b\x9f"


def test_bidi_and_c1_controls_never_reach_the_terminal(cli: Cli, tmp_path: Path) -> None:
    text_file = tmp_path / "bidi.txt"
    text_file.write_text(f"Harbour {BIDI_AND_C1} title\n\nThe harbour {BIDI_AND_C1}31m report.\n", encoding="utf-8")
    jsonl = write_jsonl(tmp_path / "bidi.jsonl", [article("b", f"Harbour {BIDI_AND_C1}", "The harbour report.")])
    index = tmp_path / "index"
    assert cli("index", text_file, jsonl, "--index", index).rc == 0
    ids = [doc["id"] for doc in cli("list", "--json", "--index", index).json()["documents"]]
    outputs = [
        cli(*command, "--index", index).out
        for doc_id in ids
        for command in (("show", doc_id), ("show", doc_id, "--raw"), ("show", doc_id, "--json"))
    ]
    outputs += [cli("search", "harbour", *flags, "--index", index).out for flags in ((), ("--json",))]
    outputs += [cli("list", *flags, "--index", index).out for flags in ((), ("--json",))]
    raw_json = [cli("show", doc_id, "--raw", "--json", "--index", index) for doc_id in ids]
    outputs += [run.out for run in raw_json]
    for output in outputs:
        assert not set(output) & set(BIDI_AND_C1), output
    assert {json.loads(run.out)["text"].count(BIDI_AND_C1) for run in raw_json} == {1, 2}  # the text as it is
    assert "\\u202e" in cli("show", ids[0], "--raw", "--index", index).out


def test_human_search_and_list_print_markup_literally(cli: Cli, hostile_index: BuiltIndex) -> None:
    run = cli("search", "harbour", "--index", hostile_index.dir)
    assert run.rc == 0
    _assert_inert(run.out)
    assert "[bold]Outlet[/bold]" in run.out
    run = cli("search", f"harbour {ESC}", "--index", hostile_index.dir)
    assert "\x1b" not in run.out and "\\x1b" in run.out
    run = cli("search", f"harbr{ESC}", "--index", hostile_index.dir)  # no hit: the query is echoed in a suggestion
    assert "\x1b" not in run.out + run.err
    listed = cli("list", "--index", hostile_index.dir)
    assert "\x1b" not in listed.out and "[bold]x[/]" in listed.out


@pytest.mark.slow
def test_escapes_stay_inert_when_colours_are_forced(hostile_index: BuiltIndex) -> None:
    """With colours on, Rich writes its own SGR codes, but never the article's."""
    for args in (("show", hostile_index.ids["txt"]), ("show", hostile_index.ids["jsonl"]), ("search", "harbour")):
        done = warta(*args, "--index", hostile_index.dir, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
        assert done.returncode == 0, done.stderr
        assert "\x1b[1m" in done.stdout  # colours are really on: bold titles
        assert ESC not in done.stdout
        assert "\x1b]" not in done.stdout and "\x07" not in done.stdout
        assert "[bold]x[/]" in done.stdout


# ------------------------------------------------------------------------------------------- --version, --help

COMMANDS = ("index", "search", "list", "show", "entities", "events", "related", "annotate")
CODE = [*Path(REPO, "indexer").rglob("*.py"), *Path(REPO, "tui").rglob("*.py")]


def _exits(cli_main: Any, *args: str) -> int:
    with pytest.raises(SystemExit) as exit_:
        cli_main(list(args))
    return int(exit_.value.code or 0)


def test_version_is_the_installed_package_version() -> None:
    done = warta("--version")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"warta {metadata.version('warta')}\n"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert done.stdout == f"warta {project['version']}\n"
    assert re.fullmatch(r"warta \d+\.\d+\.\d+\S*\n", done.stdout)


def test_version_when_the_package_is_not_installed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert _exits(main, "--version") == 0
    assert capsys.readouterr().out == "warta unknown (not installed)\n"


def test_help_lists_environment_exit_status_and_the_query_syntax_doc(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exits(main, "--help") == 0
    out = capsys.readouterr().out
    environment = out[out.index("\nenvironment:\n") : out.index("\nexit status:\n")]
    variable = re.compile(r"WARTA_[A-Z_]*[A-Z]")
    used = {name for path in CODE if path.name != "help.py" for name in variable.findall(path.read_text())}
    assert {"WARTA_INDEX", "WARTA_KNOWLEDGE", "WARTA_CONFIG"} <= used
    for name in sorted(used | {"WARTA_DEBUG", "NO_COLOR", "FORCE_COLOR"}):
        assert re.search(rf"^  {name} +\S", environment, re.MULTILINE), name
    statuses = out[out.index("\nexit status:\n") :]
    assert re.findall(r"^  (\d+) +\S", statuses, re.MULTILINE) == ["0", "1", "2", "70", "130"]
    assert "docs/query-language.md" in out
    for name in COMMANDS:
        assert re.search(rf"^    {name} +\S", out, re.MULTILINE), name


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_option_of_every_command_is_explained() -> None:
    parser = build_parser()
    commands = _subparsers(parser)
    assert sorted(commands) == sorted(COMMANDS)
    for name, command in [("warta", parser), *commands.items()]:
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, (name, action.option_strings or action.dest)
            assert len(action.help) > 10, (name, action.help)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _exits(main, name, "--help") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: warta {name} [-h]")
    for option in ("--color", "--verbose", "--quiet"):
        assert option in out
    assert ("--index DIR" in out) == (name != "annotate")


def test_search_help_explains_the_query_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    assert _exits(main, "search", "--help") == 0
    out = capsys.readouterr().out
    syntax = out[out.index("query syntax") :]
    for needle in (
        '"presiden china"',
        " OR ",
        "NOT ",
        "-rusia",
        "person:",
        "org:",
        "loc:",
        "misc:",
        "title:",
        "source:",
        "lang:",
        "exact:",
        "date:2023-03",
        "date:>=",
        "date:[2023-01 TO 2023-06]",
        "presid*",
        "?",
        "*nya",
        "[ka TO ke]",
        "most frequent words",
        "~2",
        "docs/query-language.md",
    ):
        assert needle in syntax, needle


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("zebra walrus", 1),
        ('"blue whale"', 1),
        ("zebra OR walrus", 3),
        ("zebra NOT walrus", 1),
        ("zebra -walrus", 1),
        ("source:reuters", 3),
        ("date:2023-03", 2),
        ("date:>=2023-07-01", 3),
        ("date:[2023-01 TO 2023-02]", 2),
        ("date:[* TO 2019]", 1),
        ("marsupi*", 1),
        ("peli?an", 1),
        ("*ican", 1),
        ("[pelia TO pelz]", 1),
        ("*", 17),
        ("?", 17),
        ("pelikan~", 1),
        ("kunjungan", 4),
        ("exact:kunjungan", 1),
    ],
)
def test_the_examples_of_the_search_help_work(cli: Cli, corpus_index: BuiltIndex, query: str, total: int) -> None:
    """Every form the help describes, on the feature corpus: the syntax is explained as it works."""
    result = cli("search", query, "--json", "--limit", "100", "--index", corpus_index.dir).json()
    assert (result["total"], result["notice"]) == (total, None), query


# ------------------------------------------------------------------------------------------- completion


def test_completion_scripts_come_from_the_parser() -> None:
    for shell in ("bash", "zsh"):
        done = warta("--print-completion", shell)
        assert done.returncode == 0 and done.stderr == ""
        for name in (*COMMANDS, "--index", "--color", "--json", "--prune", "--print-completion", "--version"):
            assert name in done.stdout, (shell, name)
    assert warta("--print-completion", "zsh").stdout.startswith("#compdef warta")
    assert warta("--print-completion", "tcsh").returncode == 2  # shtab completes only its first word


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_completes_commands_options_and_folders(tmp_path: Path) -> None:
    (tmp_path / "an-index-dir").mkdir()
    (tmp_path / "a-file.jsonl").write_text("")
    script = tmp_path / "warta.bash"
    script.write_text(warta("--print-completion", "bash").stdout)

    def complete(*words: str) -> list[str]:
        line = f"source {shlex.quote(str(script))}; COMP_WORDS=({' '.join(map(shlex.quote, words))}); "
        line += f'COMP_CWORD={len(words) - 1}; _shtab_warta; printf "%s\\n" "${{COMPREPLY[@]}}"'
        done = subprocess.run(["bash", "-c", line], capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert done.returncode == 0, done.stderr
        return sorted(done.stdout.split())

    assert complete("warta", "se") == ["search"]
    assert complete("warta", "search", "--so") == ["--sort"]
    assert complete("warta", "--color", "") == ["always", "auto", "never"]
    assert complete("warta", "list", "--index", "a") == ["an-index-dir"]  # folders only
    assert complete("warta", "index", "a") == ["a-file.jsonl", "an-index-dir"]


# ------------------------------------------------------------------------------------------- -v, -q


def test_quiet_index_prints_only_problems(cli: Cli, tmp_path: Path) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", [article("a", "Quiet one", "The quiet article, said the editor.")])
    for before, after in ((("-q",), ()), ((), ("--quiet",)), (("--quiet",), ())):
        run = cli(*before, "index", good, *after, "--index", tmp_path / f"index{len(before)}{len(after)}")
        assert (run.rc, run.out, run.err) == (0, "", "")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    run = cli("-q", "index", good, bad, "--index", tmp_path / "index")
    assert (run.rc, run.out) == (1, "")
    assert run.err_lines == [f"skipped {bad}:1: invalid JSON: Expecting value (column 1)"]
    empty = tmp_path / "empty"
    empty.mkdir()
    run = cli("index", empty, "-q", "--index", tmp_path / "index")
    assert (run.rc, run.out) == (1, "")
    assert run.err_lines == ["warta: no files to index (see 'warta index --help' for the formats read)"]


def test_verbose_index_prints_a_line_per_file(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    one = write_jsonl(folder / "one.jsonl", [article("a", "First", "The first article, said the editor.")])
    two = write_jsonl(
        folder / "two.jsonl",
        [article("b", "Second", "The second article, said the editor."), article("c", "Third", "The third one.")],
    )
    index = tmp_path / "index"
    run = cli("-v", "index", folder, "--index", index)
    assert (run.rc, run.out) == (0, "2 files: 3 added, 0 updated, 0 unchanged, 0 skipped\n")
    assert run.err_lines == [
        f"indexing 2 files into {index}",
        f"{one}: 1 added, 0 updated, 0 unchanged",
        f"{two}: 2 added, 0 updated, 0 unchanged",
    ]
    write_jsonl(two, [article("b", "Second", "The second article, changed.")])
    one.unlink()
    run = cli("index", folder, "--index", index, "--verbose", "--prune")
    assert (run.rc, run.out) == (0, "1 files: 0 added, 1 updated, 0 unchanged, 2 removed, 0 skipped\n")
    assert run.err_lines == [
        f"indexing 1 files into {index}",
        f"{two}: 0 added, 1 updated, 0 unchanged, 1 removed",
        f"{one}: 0 added, 0 updated, 0 unchanged, 1 removed",
    ]
    bad = folder / "bad.jsonl"
    bad.write_text("not json\n")
    run = cli("index", folder, "--index", index, "-v")
    assert run.rc == 1
    assert run.err_lines[1:] == [
        f"{bad}: 0 added, 0 updated, 0 unchanged",
        f"{two}: 0 added, 0 updated, 1 unchanged",
        f"skipped {bad}:1: invalid JSON: Expecting value (column 1)",
    ]


def test_verbose_and_quiet_together_are_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for args in (("-v", "-q", "list"), ("-v", "list", "-q"), ("list", "--quiet", "--verbose")):
        assert _exits(main, *args, "--index", str(tmp_path)) == 2
        assert "-q/--quiet" in capsys.readouterr().err


def test_global_options_go_before_or_after_the_command(cli: Cli, sample_index: BuiltIndex, tmp_path: Path) -> None:
    expected = cli("list", "--json", "--index", sample_index.dir).json()
    assert cli("--index", sample_index.dir, "list", "--json").json() == expected
    assert cli("--index", tmp_path / "elsewhere", "list", "--json", "--index", sample_index.dir).json() == expected
    run = cli("--index", sample_index.dir, "list", "--index", tmp_path / "none")  # the command's own wins
    assert_one_line_error(run, f"no index at {tmp_path / 'none'}")


# ------------------------------------------------------------------------------------------- --color

SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _colours(output: str) -> set[int]:
    """The foreground and background colour codes of the SGR sequences in ``output``."""
    codes = {int(code) for params in SGR.findall(output) for code in params.split(";") if code}
    return {code for code in codes if 30 <= code <= 49 or 90 <= code <= 107}


@pytest.fixture
def colour_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return monkeypatch


def test_color_option_and_environment(
    cli: Cli, sample_index: BuiltIndex, colour_environment: pytest.MonkeyPatch
) -> None:
    def search(*options: str) -> str:
        run = cli(*options, "search", "lukashenko", "--index", sample_index.dir)
        assert run.rc == 0
        return run.out

    plain = search()
    assert "\x1b" not in plain  # auto: not a terminal
    for options in (("--color", "always"), ("--color=always",)):
        assert _colours(search(*options)) and "\x1b[1m" in search(*options)
    assert SGR.sub("", search("--color", "always")).splitlines()[1:] == plain.splitlines()[1:]  # [0]: the time
    colour_environment.setenv("FORCE_COLOR", "1")
    assert _colours(search())  # auto honours FORCE_COLOR
    assert "\x1b" not in search("--color", "never")
    colour_environment.setenv("NO_COLOR", "1")
    forced_plain = search()
    assert "\x1b[1m" in forced_plain and not _colours(forced_plain)  # NO_COLOR: styles without colours
    assert _colours(search("--color", "always"))  # the option wins over NO_COLOR
    colour_environment.delenv("FORCE_COLOR")
    assert "\x1b" not in search()
    colour_environment.setenv("TERM", "dumb")
    assert _colours(search("--color", "always"))


def test_color_applies_to_the_problems_of_index(
    cli: Cli, tmp_path: Path, colour_environment: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    coloured = cli("index", bad, "--color", "always", "--index", tmp_path / "index")
    assert coloured.rc == 1 and 33 in _colours(coloured.err)  # yellow
    colour_environment.setenv("FORCE_COLOR", "1")
    plain = cli("index", bad, "--color", "never", "--index", tmp_path / "index")
    assert plain.rc == 1 and "\x1b" not in plain.err
    assert SGR.sub("", coloured.err) == plain.err


def test_markup_and_escapes_stay_inert_with_color_always(cli: Cli, hostile_index: BuiltIndex) -> None:
    for args in (("show", hostile_index.ids["txt"]), ("show", hostile_index.ids["jsonl"]), ("search", "harbour")):
        run = cli(*args, "--color", "always", "--index", hostile_index.dir)
        assert run.rc == 0
        assert ESC not in run.out and "\x1b]" not in run.out and "\x07" not in run.out
        assert "[bold]x[/]" in run.out


# ------------------------------------------------------------------------------------------- progress bar


def test_progress_description_is_plain_text() -> None:
    """The bar printed ``[progress.description]indexing`` literally; a description is never markup."""
    stream = io.StringIO()
    console = make_console("never", stream)
    bar = progress_bar(console, show=True)
    bar.add_task("[bold]x[/] indexing", total=10)
    console.print(bar.get_renderable())
    shown = stream.getvalue()
    assert "[bold]x[/] indexing" in shown
    assert "progress.description" not in shown


def _index_on_a_terminal(tmp_path: Path, *options: str) -> tuple[str, bytes]:
    """``warta index`` with stderr on a pseudo-terminal: its stdout, and what reached the terminal."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")}
    with subprocess.Popen(
        [WARTA, *options, "index", str(DATA), "--index", str(tmp_path / f"index{len(options)}")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**env, "TERM": "xterm-256color"},
    ) as process:
        os.close(slave)
        chunks = []
        while select.select([master], [], [], 60)[0]:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the process and its writers are done
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        assert process.stdout is not None
        out = process.stdout.read().decode()
        assert process.wait(timeout=60) == 0
    return out, b"".join(chunks)


def test_index_on_a_terminal_shows_a_bar_unless_quiet(tmp_path: Path) -> None:
    out, terminal = _index_on_a_terminal(tmp_path)
    assert out == "3 files: 3 added, 0 updated, 0 unchanged, 0 skipped\n"
    assert b"indexing " in terminal and b"kB" in terminal
    assert b"[progress" not in terminal
    assert _colours(terminal.decode())
    out, terminal = _index_on_a_terminal(tmp_path, "--color", "never")
    assert b"indexing " in terminal and not _colours(terminal.decode())
    out, terminal = _index_on_a_terminal(tmp_path, "-q")
    assert (out, terminal) == ("", b"")


def test_installed_command_reads_standard_input(tmp_path: Path) -> None:
    index = tmp_path / "index"
    piped = [
        article("ferry", "Ferry service resumes", "The ferry service resumed on Monday, said the operator."),
        {"title": "Market day", "body": "The market was busy on Saturday, and the sellers said so."},
    ]
    data = "".join(json.dumps(a) + "\n" for a in piped).encode()
    summaries = []
    for given in (data, gzip.compress(data)):  # the same articles, then the same compressed
        done = subprocess.run(
            [WARTA, "index", "-", "--index", str(index)], input=given, capture_output=True, timeout=120, check=False
        )
        assert (done.returncode, done.stderr) == (0, b"")
        summaries.append(done.stdout.decode())
    assert summaries == [
        "1 files: 2 added, 0 updated, 0 unchanged, 0 skipped\n",
        "1 files: 0 added, 0 updated, 2 unchanged, 0 skipped\n",
    ]
    listed = json.loads(warta("list", "--json", "--index", index).stdout)["documents"]
    assert sorted((doc["title"], doc["path"]) for doc in listed) == [
        ("Ferry service resumes", "<stdin>"),
        ("Market day", "<stdin>"),
    ]


# ------------------------------------------------------------------------------------------- hostile arguments


def test_index_prepares_the_word_lists_of_expansions(cli: Cli, tmp_path: Path) -> None:
    index = tmp_path / "index"
    assert cli("index", DATA, "--index", index).rc == 0
    assert any(name.startswith("warta-vocab-") and name.endswith(".vcb") for name in os.listdir(index))


@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        (("show", "\udcff"), "no article with id '\\udcff'"),
        (("show", "\udcff", "--json"), "no article with id '\\udcff'"),
        (("related", "\udcff"), "no article with id '\\udcff'"),
        (("events", "--entity", "\udcff"), "--entity '\\udcff' is not valid UTF-8"),
    ],
)
def test_undecodable_arguments_are_one_line_errors(
    cli: Cli, sample_index: BuiltIndex, command: tuple[str, ...], fragment: str
) -> None:
    # Python keeps the bytes of an argument that is not UTF-8 (warta show $'\xff') as lone surrogates
    assert_one_line_error(cli(*command, "--index", sample_index.dir), fragment)


def test_undecodable_query_gives_valid_json(sample_index: BuiltIndex) -> None:
    done = subprocess.run(
        [os.fsencode(WARTA), b"search", b"\xff", b"--json", b"--index", os.fsencode(sample_index.dir)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout.decode("utf-8"))["query"] == "\udcff"  # the escape, never the raw byte


CONTROLS = "\u202e\u061c\u200f\u2066\x9b\x85\x1b[31m\x07\r\x7f"


def _inert(text: str) -> bool:
    """No control (but newline and tab) and no bidi control in ``text``."""
    return not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", text)


def test_controls_in_paths_and_error_lines_are_neutralised(cli: Cli, sample_index: BuiltIndex, tmp_path: Path) -> None:
    missing = tmp_path / f"nowhere{CONTROLS}"
    for command in (("list",), ("search", "x"), ("show", "abc"), ("entities", "--json")):
        run = cli(*command, "--index", missing)
        assert run.rc == 1 and _inert(run.err), run.err
        assert "\\u202e" in run.err and "\\x1b[31m" in run.err
    folder = tmp_path / f"in{CONTROLS}put"
    folder.mkdir()
    (folder / f"note{CONTROLS}.txt").write_text("Harbour note\n\nThe harbour opens at dawn.\n", encoding="utf-8")
    index = tmp_path / "index"
    run = cli("index", folder, "-v", "--index", index)
    assert run.rc == 0 and _inert(run.out + run.err), run.out + run.err
    (doc,) = cli("list", "--json", "--index", index).json()["documents"]
    assert CONTROLS in doc["path"]  # the data is kept
    for command in (("show", doc["id"]), ("show", doc["id"], "--json"), ("list",), ("search", "harbour")):
        run = cli(*command, "--index", index)
        assert run.rc == 0 and _inert(run.out + run.err), (command, run.out)


def test_everything_written_goes_through_one_sanitiser(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.text import Text

    from tui.cli.console import SafeStream, make_console

    stream = io.StringIO()
    safe = SafeStream(stream)
    print(f"print {CONTROLS}", file=safe)
    safe.write(json.dumps({"text": CONTROLS}, ensure_ascii=False) + "\n")
    console = make_console("always", safe)  # colours on: Rich's own codes stay, the text's do not
    console.print(Text(f"rich {CONTROLS}", style="bold"))
    written = stream.getvalue()
    without_rich = written.replace("\x1b[1m", "").replace("\x1b[0m", "")
    assert _inert(without_rich), written
    assert "\x1b[1m" in written
    assert json.loads(written.splitlines()[1]) == {"text": CONTROLS}  # JSON stays JSON, the data as it was


def test_a_lone_surrogate_is_written_as_its_escape() -> None:
    from tui.cli.console import safe_text

    assert safe_text("a\udcffb") == "a\\udcffb"
    assert json.loads(json.dumps("x")[:-1] + safe_text("\udcff") + '"') == "x\udcff"


# ------------------------------------------------------------------------------------------- Ctrl-C

_SIGINT_AT_IMPORT = """
import importlib.abc, os, signal, sys

class _Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == os.environ["WARTA_TEST_SIGINT_AT"]:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, _Interrupt())
"""


@pytest.mark.parametrize("module", ["tui.entry", "tui.cli.commands", "whoosh.searching"])
def test_ctrl_c_while_starting_is_one_quiet_line(tmp_path: Path, sample_index: BuiltIndex, module: str) -> None:
    (tmp_path / "sitecustomize.py").write_text(_SIGINT_AT_IMPORT, encoding="utf-8")
    done = subprocess.run(
        [WARTA, "search", "lukashenko", "--index", str(sample_index.dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path), "WARTA_TEST_SIGINT_AT": module},
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, "warta: interrupted\n", "")


def test_ctrl_c_while_reading_the_arguments(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.cli

    def interrupted() -> argparse.ArgumentParser:
        raise KeyboardInterrupt

    monkeypatch.setattr(tui.cli, "build_parser", interrupted)
    assert main(["list"]) == 130
    assert capsys.readouterr() == ("", "warta: interrupted\n")


def test_ctrl_c_during_a_command(cli: Cli, sample_index: BuiltIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.store import Store

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "search", interrupted)
    assert cli("search", "x", "--index", sample_index.dir) == Run(130, "", "warta: interrupted\n")


def test_a_safe_stream_over_a_closed_stream_goes_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Collected after the stream under it closed (at exit), it raised in ``flush`` ("Exception ignored")."""
    import gc
    import io

    from tui.cli.console import SafeStream

    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    data = io.BytesIO()
    under = io.TextIOWrapper(data, encoding="utf-8")
    stream = SafeStream(under)
    stream.write("a\u202eb")
    stream.flush()
    assert data.getvalue() == b"a\\u202eb"
    under.close()
    stream.flush()
    del stream
    gc.collect()
    assert unraisable == []
