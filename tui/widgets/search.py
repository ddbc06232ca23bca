"""The search bar: an input that tells the screen what the user is looking for.

Its editing keys are run where they arrive (:class:`InlineKeysInput`), so keys typed in a fast burst are
applied in the order they were typed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input

from tui.messages import QueryChanged, QuerySubmitted

PLACEHOLDER = 'Search: words, "a phrase", title:…, source:…, date:2023-03, -word'


class InlineKeysInput(Input):
    """An input whose own key bindings (backspace, delete, arrows, ctrl+w, enter…) run as the key arrives.

    Textual inserts a typed character as soon as the input gets its key, but runs a binding of the
    input (backspace is one) only once the key has bubbled up to the app, through the message queues of
    the screen and the app. Keys that arrived meanwhile — a burst typed quickly, or sent by tmux or a
    paste of keystrokes — were inserted first, and the backspace then erased them: "kecil presiden 2"
    typed after a run of backspaces arrived as "kecil pre" (Textual issue #6605). Here the input's own
    non-priority bindings run when the key reaches the input, the place Textual would look first;
    keys bound elsewhere still bubble as before.
    """

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls the ``_on_key`` of each class of the MRO in turn (Input's next) unless prevented
        if not event.is_printable and await self._run_own_binding(event.key):
            event.stop()
            event.prevent_default()

    async def _run_own_binding(self, key: str) -> bool:
        """Run this input's binding of ``key`` (as ``keys.toml`` sets it), if it has an enabled one."""
        active = self.screen.active_bindings.get(key)
        if active is None or active.node is not self or active.binding.priority or not active.enabled:
            return False  # a priority binding already had its turn before the key came here
        return await self.app.run_action(active.binding.action, self)


class SearchBar(InlineKeysInput):
    """Search as you type; Enter runs the query and moves to the results."""

    BINDING_GROUP_TITLE = "Search bar"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Go to results", id="search.submit"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(QueryChanged(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(QuerySubmitted(event.value))
