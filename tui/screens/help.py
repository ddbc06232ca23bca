"""The help screen: every key of the screen it was opened from, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

HelpRow = tuple[str, str]
"""(keys, what they do)."""
HelpSection = tuple[str, list[HelpRow]]
"""(title, rows)."""
KEY_COLUMN = 18


def declared_bindings(node: DOMNode) -> list[Binding]:
    """The bindings Warta's own classes declare for ``node`` (most specific class first).

    Bindings inherited from Textual's widgets (an input's cursor keys…) are left out: the help
    is about what Warta adds, and each Warta class declares the inherited keys it relies on.
    """
    return class_bindings(type(node))


def class_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings Warta's own classes in the ancestry of ``node_class`` declare (most specific first)."""
    found: list[Binding] = []
    for cls in node_class.__mro__:
        if cls.__module__.split(".")[0] != "tui":
            continue
        declared: Sequence[BindingType] = cls.__dict__.get("BINDINGS", ())
        found.extend(Binding.make_bindings(declared))
    return found


def remapped(bindings: Iterable[Binding], keymap: Mapping[str, str]) -> Iterator[Binding]:
    """``bindings`` with the keys ``keymap`` gives their ids (as ``App.set_keymap`` applies it)."""
    done: set[str] = set()
    for binding in bindings:
        if binding.id is None or binding.id not in keymap:
            yield binding
        elif binding.id not in done:
            done.add(binding.id)
            for key in keymap[binding.id].split(","):
                yield binding.with_key(key.strip(), key_display=None)


def help_rows(app: App[object], bindings: Iterable[Binding], keymap: Mapping[str, str] | None = None) -> list[HelpRow]:
    """One row per action, its keys joined (``j, ↓``), in declaration order; keys bound twice count once.

    The keys are the effective ones: those of ``keymap`` (``keys.toml``) replace the declared ones.
    """
    keys_by_action: dict[tuple[str, str], list[str]] = {}
    seen_keys: set[str] = set()
    for binding in remapped(bindings, keymap or {}):
        if binding.key in seen_keys:
            continue  # overridden by a more specific class
        seen_keys.add(binding.key)
        keys = keys_by_action.setdefault((binding.action, binding.description or binding.action), [])
        keys.append(app.get_key_display(binding))
    return [(", ".join(keys), description) for (_action, description), keys in keys_by_action.items()]


def help_sections(screen: Screen[object], keymap: Mapping[str, str] | None = None) -> list[HelpSection]:
    """A section per kind of widget on ``screen`` that has keys, then the screen's and the app's."""
    nodes: list[DOMNode] = [*screen.walk_children(with_self=False), screen, screen.app]
    sections: list[HelpSection] = []
    seen: set[type[DOMNode]] = set()
    for node in nodes:
        if type(node) in seen:
            continue
        seen.add(type(node))
        rows = help_rows(screen.app, declared_bindings(node), keymap)
        if rows:
            title = node.BINDING_GROUP_TITLE or type(node).__name__
            sections.append((title, rows))
    return sections


def section_text(title: str, rows: Sequence[HelpRow]) -> Text:
    """A section of the help: its title, then a line per action."""
    text = Text(end="")
    text.append(title, "bold underline")
    for keys, description in rows:
        text.append("\n")
        text.append(keys.ljust(KEY_COLUMN), "bold")
        text.append(description)
    return text


class HelpScreen(ModalScreen[None]):
    """Keys of the screen below, grouped by pane; any of ``?``, Esc, ``q`` closes it."""

    BINDING_GROUP_TITLE = "Help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close help", id="help.close"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = list(sections)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "? or Esc closes"
            for title, rows in self.sections:
                yield Static(section_text(title, rows), classes="help-section")
