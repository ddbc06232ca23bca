"""The command palette (Ctrl+P): every key's action by name, and what has no key of its own.

:class:`WartaCommands` lists "Open document by title…", "Filter by entity…", "Re-index…" and
"Change theme", then the bindings Warta declares on the screen the palette was opened from, its widgets
and the app — each with its description, its effective key (after ``keys.toml``) and the pane it
acts on. The two searches with a palette of their own (titles, entities) ask the engine through the
screen's :class:`~tui.library.Library`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.widget import Widget

from tui.keys import effective_keys
from tui.library import EntityName
from tui.messages import OpenArticle
from tui.text import printable
from tui.widgets.filters import Filter

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

SKIPPED_ACTIONS = {"command_palette", "app.command_palette"}


@dataclass(frozen=True, slots=True)
class Command:
    """One entry of the palette."""

    name: str
    help: str
    run: Callable[[], Any]


def _main_screen(provider: Provider) -> MainScreen | None:
    from tui.screens.main import MainScreen

    return provider.screen if isinstance(provider.screen, MainScreen) else None


def _keymap(node: DOMNode) -> dict[str, str]:
    keymap = getattr(node.app, "keymap", {})
    return dict(keymap) if isinstance(keymap, dict) else {}


def binding_commands(provider: Provider) -> Iterator[Command]:
    """A command per binding of the calling screen's widgets, the screen and the app (by id, once)."""
    from tui.screens.help import declared_bindings

    screen = provider.screen
    app = provider.app
    keymap = _keymap(screen)
    seen: set[str] = set()
    nodes: list[DOMNode] = [*screen.walk_children(with_self=False), screen, app]
    for node in nodes:
        if isinstance(node, Widget) and not node.is_mounted:
            continue
        for binding in declared_bindings(node):
            key = binding.id or f"{type(node).__name__}.{binding.action}"
            if key in seen or binding.action in SKIPPED_ACTIONS:
                continue
            seen.add(key)
            if node.check_action(binding.action, ()) is False:
                continue
            keys = ", ".join(app.get_key_display(binding.with_key(k)) for k in _keys_of(binding, keymap))
            where = node.BINDING_GROUP_TITLE or type(node).__name__
            name = binding.description or binding.action
            yield Command(name, f"{keys}  ·  {where}", partial(_run, node, binding.action))


async def _run(node: DOMNode, action: str) -> None:
    """Run ``action`` on ``node`` (a widget's, the screen's or the app's), as its key would."""
    await node.app.run_action(action, node)


def _keys_of(binding: Any, keymap: dict[str, str]) -> list[str]:
    return [key for key in effective_keys(binding, keymap).split(",") if key]


class WartaCommands(Provider):
    """The palette's commands: those without a key first, then every action that has one, with its key.

    One provider, so that the order of the list is always the same (providers answer concurrently).
    """

    def _commands(self) -> list[Command]:
        commands = [*self._extra_commands(), *binding_commands(self)]
        # a binding with several keys (j, down) is declared once per key: keep the first
        unique: dict[str, Command] = {}
        for command in commands:
            unique.setdefault(f"{command.name}\0{command.help}", command)
        return list(unique.values())

    def _extra_commands(self) -> list[Command]:
        screen = _main_screen(self)
        commands = []
        if screen is not None:
            commands += [
                Command("Open document by title…", "Search the titles, open the one chosen", self._open_by_title),
                Command(
                    "Filter by entity…",
                    "Keep (or drop) the articles naming a person, organisation or place",
                    self._filter_by_entity,
                ),
                Command(
                    "Re-index…", "Index again the files already in the catalogue (changes only)", screen.action_reindex
                ),
            ]
        commands.append(Command("Change theme", "Pick the colours", self.app.action_change_theme))
        return commands

    def _open_by_title(self) -> None:
        self.app.push_screen(CommandPalette(providers=[TitleCommands], placeholder="Title words…"))

    def _filter_by_entity(self) -> None:
        self.app.push_screen(
            CommandPalette(providers=[EntityFilterCommands], placeholder="Name of a person, organisation or place…")
        )

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(_plain(command.name), command.run, text=command.name, help=_help(command.help))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:  # the names are Warta's own descriptions: highlight() reads them as markup
                yield Hit(score, matcher.highlight(command.name), command.run, help=_help(command.help))


def _plain(text: str) -> Content:
    """Untrusted text on one line, as Content: shown as written, never parsed as markup."""
    return Content(printable(text, one_line=True))


def _help(text: str) -> str | None:
    """Untrusted text as a hit's help (the key of a command, a title's date and source).

    Textual reads a help string as markup (``Content.from_markup``), but hands a Content through as it is;
    ``textual.markup.escape`` is not enough (it leaves ``[FOTO]``, ``[B]`` and ``$name`` to be read as
    styles and doubles backslashes), so the help is a Content of the plain text, typed as the ``str``
    Textual declares.
    """
    return cast(str, _plain(text)) if text else None


class TitleCommands(Provider):
    """Articles whose title matches what is typed (the engine's ``title:`` search)."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None or not query.strip():
            return
        rows = await asyncio.to_thread(screen.library.titles, query)
        for rank, row in enumerate(rows):
            title = printable(row.title or "(untitled)", one_line=True)
            details = " · ".join(part for part in (row.date, row.source) if part)
            yield Hit(
                1.0 - rank / (len(rows) + 1),
                _plain(title),
                partial(screen.post_message, OpenArticle(row.id)),
                text=title,
                help=_help(details),
            )


class EntityFilterCommands(Provider):
    """The index's people, organisations, places and other names whose name or alias holds what is typed.

    Each name comes twice: to keep the articles naming it, and to drop them (a filter chip either way).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._names: list[EntityName] = []

    async def startup(self) -> None:
        screen = _main_screen(self)
        self._names = [] if screen is None else await asyncio.to_thread(screen.library.entity_names)

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        wanted = " ".join(query.split()).casefold()
        if screen is None or not wanted:
            return
        matcher = self.matcher(query)
        found = 0
        for name in self._names:  # most named first: the first few that hold the words are enough
            spellings = [name.canonical, *name.aliases]
            if not any(wanted in spelling.casefold() for spelling in spellings):
                continue
            score = max(matcher.match(spelling) for spelling in spellings)
            articles = f"{name.articles:,} article" + ("" if name.articles == 1 else "s")
            for exclude in (False, True):
                item = Filter.for_entity(name.type, name.canonical, exclude)
                if item is None:
                    continue
                label = f"{'Without' if exclude else 'With'} {name.type.lower()} {name.canonical}"
                yield Hit(
                    max(score, 0.01) - exclude / 100,
                    _plain(label),
                    partial(screen.add_filter, item),
                    text=label,
                    help=_help(f"{item.fragment} · {articles}"),
                )
            found += 1
            if found >= ENTITY_HITS:
                return


ENTITY_HITS = 25
"""Names offered at most by "Filter by entity…"."""
