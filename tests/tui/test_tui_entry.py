"""``warta`` with no subcommand opens the browser; subcommands and --help still reach the scripting CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import SAMPLES

from tui.app import WartaApp
from tui.entry import BROWSER_USAGE, main
from tui.screens.welcome import SAMPLES_DIR
from tui.text import human_size, printable


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Index directories the browser was opened on (instead of running it)."""
    opened: list[str] = []

    def run(self: WartaApp, *args: object, **kwargs: object) -> None:
        opened.append(self.index_dir)

    monkeypatch.setattr(WartaApp, "run", run)
    return opened


def test_no_arguments_open_the_browser_on_the_default_index(launched: list[str]) -> None:
    assert main([]) == 0
    [index_dir] = launched
    assert index_dir.endswith("default-index-must-not-be-used")  # $WARTA_INDEX, set by tests/conftest.py


@pytest.mark.parametrize("argv", [["--index", "some/dir"], ["--index=some/dir"]])
def test_index_option_alone_opens_the_browser_on_that_index(launched: list[str], argv: list[str]) -> None:
    assert main(argv) == 0
    assert launched == ["some/dir"]


def test_subcommands_go_to_the_scripting_cli(
    launched: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--index", str(tmp_path / "none")]) == 1
    assert "no index at" in capsys.readouterr().err
    assert launched == []


def test_help_names_the_browser_and_the_subcommands(launched: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(BROWSER_USAGE)
    assert "search" in out and "index" in out
    assert launched == []


def test_the_welcome_screen_offers_the_bundled_samples() -> None:
    assert SAMPLES_DIR == SAMPLES and any(SAMPLES_DIR.glob("*.txt"))


def test_printable_keeps_offsets_and_shows_control_characters() -> None:
    text = "a\x1b[31mb\tc\r\nd\x07\x7f\x9b"
    shown = printable(text)
    assert len(shown) == len(text)
    assert shown == "a␛[31mb c \nd␇␡\ufffd"
    assert printable("x\ny", one_line=True) == "x y"


def test_printable_neutralises_bidi_overrides() -> None:
    title = "Laporan \u202egnp.exe\u202c dan \u2067isolasi\u2069"
    shown = printable(title, one_line=True)
    assert len(shown) == len(title)
    assert shown == "Laporan \ufffdgnp.exe\ufffd dan \ufffdisolasi\ufffd"
    assert (
        printable("\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd")
        == "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd"
    )


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 B"), (1023, "1023 B"), (1024, "1.0 KiB"), (198_969, "194 KiB"), (5 * 1024**3, "5.0 GiB")],
)
def test_human_size(size: int, shown: str) -> None:
    assert human_size(size) == shown
