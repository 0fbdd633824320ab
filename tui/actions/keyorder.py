"""Keys are handled one at a time, each to the end, before the next is read.

Textual forwards every key to the focused widget the moment the app reads it,
while an app binding runs only when the key has bubbled back up to the app,
and ``focus()`` and a pushed screen's focus take effect one message later.
So when keys come faster than the app handles them (a fast typist, a busy
machine, tmux send-keys), the keys typed right after ``/`` reached the reader
before the filter had focus ("/blin" ran i, ignore, and left the filter empty),
and the letters typed after ``s`` went to the reader or to the speaker list.

The gate here holds each key read from the terminal until the previous one has
gone all the way: through the widget it went to and every ancestor it bubbled
to, through the app (its binding and the action), then through the screen that
is current afterwards (a pushed screen handles a message only once it is
mounted, after its own ``focus()`` calls), and the app again (where those focus
calls land).  Then the next key goes to whatever has focus by then.
"""
from __future__ import annotations

from collections import deque

from textual import events

# A handler that waits on something else (a screen awaited inside a key
# handler, say) must not freeze the keyboard: past this many seconds the next
# key is let through as Textual would have done.
KEY_SETTLE_LIMIT = 1.0


class KeyOrderMixin:
    _held_keys: deque | None = None
    _key_in_flight: object | None = None  # a token for the key being handled, None: none
    _key_limit_timer = None

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if self._held_keys is None:
            self._held_keys = deque()
        if self._key_in_flight is not None:
            self._held_keys.append(event)
            return
        await self._handle_key_in_order(event)

    async def _handle_key_in_order(self, event: events.Key) -> None:
        token = self._key_in_flight = object()
        target = self.focused or self.screen
        await super().on_event(event)  # priority bindings, else forwarded to ``target``
        path = list(target.ancestors_with_self) if event.is_forwarded else [self]
        if path[-1] is not self:
            path.append(self)
        if self._key_limit_timer is not None:
            self._key_limit_timer.stop()
        self._key_limit_timer = self.set_timer(KEY_SETTLE_LIMIT, lambda: self._key_settled(token))
        self._follow_key(token, path, 0, settled_screen=False)

    def _follow_key(self, token: object, path: list, step: int, settled_screen: bool) -> None:
        """Queue a callback behind the key at ``path[step]``; it queues the next."""
        if token is not self._key_in_flight:
            return
        if step == len(path):
            if settled_screen:
                self._key_settled(token)
                return
            path, step, settled_screen = [self.screen, self], 0, True
        node = path[step]
        if not node.call_later(self._follow_key, token, path, step + 1, settled_screen):
            self._follow_key(token, path, step + 1, settled_screen)  # closed (a dismissed screen): skip it

    def _key_settled(self, token: object) -> None:
        if token is not self._key_in_flight:
            return
        if self._key_limit_timer is not None:
            self._key_limit_timer.stop()
            self._key_limit_timer = None
        if not self._held_keys:
            self._key_in_flight = None
            return
        # Still in flight (a key read meanwhile waits behind the held ones)
        # until the app's own turn hands the next key on.
        self._key_in_flight = object()
        self.call_later(self._handle_key_in_order, self._held_keys.popleft())
