"""Remappable keys: binding ids → keys, read from ``keys.toml``.

Every key of the browser is a Textual ``Binding`` with an ``id`` (``article.next-match``…); the
file maps ids to the keys wanted instead, and the app hands that to ``App.set_keymap``::

    [keys]
    "article.next-match" = "n"
    "results.down" = "j,down"

The file is ``$WARTA_CONFIG`` when set, else ``keys.toml`` in the user config folder
(``platformdirs.user_config_dir("warta")``). A missing file is no keymap; a file that cannot be read,
is not TOML, or names an unknown binding gives a one-line warning, and the keys it could not apply
keep their defaults.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_dir
from textual.binding import Binding

CONFIG_ENV = "WARTA_CONFIG"
CONFIG_NAME = "keys.toml"
_KEY = re.compile(r"^[A-Za-z0-9_+\-]+$")
"""A key as Textual names it (``ctrl+d``, ``question_mark``, ``F``, ``f2``) or a single printable character."""


def config_path() -> Path:
    """Where the keys are read from: ``$WARTA_CONFIG``, else the user config folder."""
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(user_config_dir("warta")) / CONFIG_NAME


@dataclass(frozen=True)
class KeyConfig:
    """The keymap read from the file, and what went wrong reading it (one line, or None)."""

    keymap: dict[str, str] = field(default_factory=dict)
    warning: str | None = None
    path: Path | None = None


def _valid_keys(value: str) -> bool:
    keys = [key.strip() for key in value.split(",")]
    return bool(keys) and all(key and (len(key) == 1 or _KEY.match(key)) for key in keys)


def parse_keymap(data: Mapping[str, object], known_ids: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """The usable ``[keys]`` entries of a parsed file, and a problem per entry left out.

    Ids may be written with ``_`` for ``-`` (``article.next_match``).
    """
    known = set(known_ids)
    problems: list[str] = []
    section = data.get("keys", {})
    if not isinstance(section, Mapping):
        return {}, ["[keys] is not a table"]
    unknown_top = sorted(set(data) - {"keys"})
    if unknown_top:
        problems.append(f"unknown section {unknown_top[0]!r}")
    keymap: dict[str, str] = {}
    for raw_id, value in section.items():
        binding_id = raw_id if raw_id in known else raw_id.replace("_", "-")
        if binding_id not in known:
            problems.append(f"unknown binding {raw_id!r}")
        elif not isinstance(value, str) or not _valid_keys(value):
            problems.append(f"bad keys for {raw_id!r}: {value!r}")
        else:
            keymap[binding_id] = ",".join(key.strip() for key in value.split(","))
    return keymap, problems


def load_keys(known_ids: Iterable[str], path: Path | None = None) -> KeyConfig:
    """Read the keymap at ``path`` (default :func:`config_path`); never raises."""
    path = config_path() if path is None else path
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        return KeyConfig(path=path)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return KeyConfig(warning=f"{path}: {reason}; default keys kept", path=path)
    keymap, problems = parse_keymap(data, known_ids)
    warning = None
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        warning = f"{path}: {problems[0]}{more}; default kept for it"
    return KeyConfig(keymap, warning, path)


def effective_keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys that trigger ``binding`` once ``keymap`` is applied (comma-separated)."""
    if binding.id is not None and binding.id in keymap:
        return keymap[binding.id]
    return binding.key
