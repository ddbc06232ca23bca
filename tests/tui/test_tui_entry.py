"""``warta`` with no subcommand opens the browser (on a terminal only); subcommands and --help reach the
scripting CLI."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from tui_support import SAMPLES

import tui.entry
from tui.app import WartaApp
from tui.entry import BROWSER_USAGE, INTERRUPTED_LINE, NO_TERMINAL, NO_TERMINAL_STATUS, TERMINATED_LINE, main
from tui.screens.welcome import SAMPLES_DIR
from tui.text import human_size, printable


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Index directories the browser was opened on (instead of running it)."""
    opened: list[str] = []

    def run(self: WartaApp, *args: object, **kwargs: object) -> None:
        opened.append(self.index_dir)

    monkeypatch.setattr(WartaApp, "run", run)
    monkeypatch.setattr(tui.entry, "has_terminal", lambda: True)  # pytest captures stdin and stdout
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
    assert out.startswith(f"usage: {BROWSER_USAGE}\n       warta ")
    assert "opens the terminal browser" in out and "needs a terminal" in out
    assert f"  {NO_TERMINAL_STATUS}    usage error" in out and "the browser without a terminal" in out
    assert "search" in out and "index" in out
    assert launched == []


# ------------------------------------------------------------------------------------------- no terminal

WARTA = str(Path(sys.executable).with_name("warta"))


def test_the_browser_refuses_to_start_without_a_terminal(
    launched: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(tui.entry, "has_terminal", lambda: False)
    for argv in ([], ["--index", "some/dir"]):
        assert main(argv) == NO_TERMINAL_STATUS == 2
        captured = capsys.readouterr()
        assert (captured.out, captured.err) == ("", NO_TERMINAL + "\n")
    assert launched == []


def test_has_terminal_under_pytest_is_false() -> None:
    assert tui.entry.has_terminal() is False  # pytest's stdin and captured stdout are no terminals


def _run_without_terminal(tmp_path: Path, *args: str, stdin: int | None, stdout: int | None) -> tuple[int, str, str]:
    """``warta ARGS`` with the given stdin and stdout (DEVNULL, a pipe when None, or a pty's fd)."""
    done = subprocess.run(
        [WARTA, *args],
        stdin=subprocess.DEVNULL if stdin is None else stdin,
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, "WARTA_INDEX": str(tmp_path / "index"), "TERM": "xterm-256color"},
        timeout=60,  # the bug was a browser waiting forever for keys
        check=False,
    )
    out = done.stdout.decode() if done.stdout is not None else ""
    return done.returncode, out, done.stderr.decode()


@pytest.mark.parametrize("args", [(), ("--index", "elsewhere")])
def test_installed_command_without_a_terminal_says_so_and_exits_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    """``warta </dev/null >file`` wrote full-screen escape codes and hung."""
    assert _run_without_terminal(tmp_path, *args, stdin=None, stdout=None) == (2, "", NO_TERMINAL + "\n")
    assert not (tmp_path / "index").exists()


def _pty_output(master: int) -> bytes:
    """What was written to a pty whose other end is closed."""
    chunks = []
    while select.select([master], [], [], 10)[0]:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the other end is closed
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def test_a_terminal_on_one_side_only_is_not_enough(tmp_path: Path) -> None:
    master, slave = pty.openpty()
    try:
        # stdin a terminal, stdout a pipe (warta > file)
        assert _run_without_terminal(tmp_path, stdin=slave, stdout=None) == (2, "", NO_TERMINAL + "\n")
        # stdout a terminal, stdin not (warta < /dev/null): nothing at all is written to the terminal
        rc, _out, err = _run_without_terminal(tmp_path, stdin=None, stdout=slave)
        assert (rc, err) == (2, NO_TERMINAL + "\n")
    finally:
        os.close(slave)
    try:
        assert _pty_output(master) == b""
    finally:
        os.close(master)


def _read_until(master: int, wanted: bytes, seconds: float = 30.0) -> bytes:
    """What a pty's program wrote, read until ``wanted`` shows (or it closed, or time is up)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        if not select.select([master], [], [], 0.2)[0]:
            continue
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the program closed the terminal
            break
        if not data:
            break
        seen += data
    return seen


@pytest.mark.parametrize(
    ("how", "expected"),
    [("ctrl+c", (130, INTERRUPTED_LINE)), ("sigint", (130, INTERRUPTED_LINE)), ("sigterm", (143, TERMINATED_LINE))],
)
def test_ctrl_c_sigint_and_sigterm_quit_the_browser_with_one_line(
    samples_index: Path, tmp_path: Path, how: str, expected: tuple[int, str]
) -> None:
    """Ctrl-C in the browser only said to press ctrl+q; ``kill -INT`` quit with status 0 and nothing said;
    ``kill -TERM`` ended it at once and left the terminal in the browser's modes (alternate screen, mouse)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 110, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", "WARTA_CONFIG": str(tmp_path / "no-keys.toml")}
    for name in ("COLUMNS", "LINES"):
        environment.pop(name, None)
    # Textual draws on stderr: all three on the terminal, as in a shell
    browser = subprocess.Popen(
        [WARTA, "--index", str(samples_index)], stdin=slave, stdout=slave, stderr=slave, env=environment
    )
    os.close(slave)
    try:
        assert b"3 articles" in _read_until(master, b"3 articles"), "the browser did not start"
        if how == "ctrl+c":
            os.write(master, b"\x03")  # what the key sends to a terminal in raw mode
        else:
            browser.send_signal(signal.SIGINT if how == "sigint" else signal.SIGTERM)
        written = _read_until(master, b"\0never")  # until it closes the terminal (a full pty would block it)
        status = browser.wait(timeout=30)
    finally:
        if browser.poll() is None:
            browser.kill()
            browser.wait()
        os.close(master)
    after = written.rpartition(LEAVE_FULL_SCREEN)[2]  # what is left on the terminal once the browser is gone
    said = re.sub(rb"\x1b\[[0-9;?<>=]*[a-zA-Z]|\x1b\][^\x07]*\x07", b"", after).strip().decode()
    assert LEAVE_FULL_SCREEN in written  # the terminal was given back
    assert (status, said) == expected
    assert b"Traceback" not in written


LEAVE_FULL_SCREEN = b"\x1b[?1049l"
"""The escape sequence that ends the terminal's alternate screen, the browser's last."""


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
