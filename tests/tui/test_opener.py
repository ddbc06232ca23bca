"""The system opener: only web addresses and the absolute paths of files Warta indexed are handed over."""

from __future__ import annotations

import pytest

from tui.opener import is_url, system_opener


@pytest.mark.parametrize(
    ("target", "web"),
    [
        ("https://example.org/", True),
        ("HTTP://Example.org/berita?id=1#atas", True),
        ("http:///etc/passwd", False),  # no host
        ("https://example.org/a b", False),
        ("https://example.org/\x1b[31m", False),
        ("https://example.org/\u202e", False),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("/etc/passwd", False),
        ("www.example.org", False),
        ("", False),
    ],
)
def test_is_url(target: str, web: bool) -> None:
    assert is_url(target) is web


def test_the_system_opener_takes_only_web_addresses_and_absolute_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr("tui.opener._desktop_command", lambda: ["xdg-open"])
    monkeypatch.setattr("subprocess.Popen", lambda command, **_options: started.append(command))
    assert system_opener("https://example.org/") is None
    assert system_opener(__file__) is None
    for target in ("README.md", "-v", "file:///etc/passwd", "/no/such/file", "javascript:alert(1)"):
        assert system_opener(target) is not None
    assert started == [["xdg-open", "https://example.org/"], ["xdg-open", __file__]]
