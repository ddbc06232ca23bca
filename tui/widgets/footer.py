"""The footer of keys: one line drawn in place, as Textual's footer looks.

Textual's :class:`~textual.widgets.Footer` rebuilds itself, one widget per key removed and mounted
again, whenever the screen's bindings may have changed: at every focus change, often twice. The
rebuild, the layout it starts and the repaint of the whole screen that followed took 50 to 150 ms
of the UI thread, right when Enter had moved the focus to the article being opened. This footer is
one widget: a change of keys redraws its line, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class FooterItem:
    """A key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool
    palette: bool = False
    """The command palette's key, shown on the right."""


class KeysFooter(Widget):
    """The keys of the focused widget, the screen and the app; a click presses the key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
        "keys-footer--separator",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keys-footer--hover {
            background: $block-hover-background;
        }
        & > .keys-footer--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._items: tuple[FooterItem, ...] = ()
        self._spans: list[tuple[int, int, FooterItem]] = []
        """Cells each item takes on the line, as last drawn."""
        self._hover: FooterItem | None = None

    @property
    def items(self) -> tuple[FooterItem, ...]:
        return self._items

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        items = self._active_items()
        if items != self._items:
            self._items = items
            self.refresh()

    def _active_items(self) -> tuple[FooterItem, ...]:
        """One item per action shown (its first key), as Textual's footer lists them; the palette's last."""
        app = self.app
        seen: set[str] = set()
        items: list[FooterItem] = []
        palette: FooterItem | None = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = FooterItem(key, app.get_key_display(binding), binding.description, enabled, True)
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                items.append(FooterItem(key, app.get_key_display(binding), binding.description, enabled))
        return (*items, *((palette,) if palette is not None else ()))

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        description_style = self.get_component_rich_style("keys-footer--description")
        hover = self.get_component_rich_style("keys-footer--hover", partial=True)
        dim = Style(dim=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        right: FooterItem | None = None
        for item in self._items:
            if item.palette:
                right = item
                continue
            extra = (hover if item == self._hover else Style()) + (dim if not item.enabled else Style())
            start = len(line)
            line.append(f" {item.display} ", key_style + extra)
            if item.description:
                line.append(f"{item.description} ", description_style + extra)
            self._spans.append((start, len(line), item))
        if right is not None:
            label = Text.assemble(("▏", self.get_component_rich_style("keys-footer--separator")))
            label.append(right.display, key_style)
            label.append(f" {right.description} ", description_style)
            start = max(self.size.width - len(label), len(line))
            line.append(" " * (start - len(line)))
            line.append_text(label)
            self._spans.append((start, len(line), right))
        return line

    def _item_at(self, x: int) -> FooterItem | None:
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hover = self._item_at(event.x)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        item = self._item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
