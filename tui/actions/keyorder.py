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
calls land); and again while the key left messages queued on that way (enter on
a list runs the list's binding, which posts OptionSelected, which dismisses a
dialog).  Then the next key goes
to whatever has focus by then.
"""
from __future__ import annotations

from collections import deque

from textual import events

# A handler that waits on something else (a screen awaited inside a key
# handler, say) must not freeze the keyboard: past this many seconds the next
# key is let through as Textual would have done.
KEY_SETTLE_LIMIT = 3.0
# Rounds along the path while messages the key caused are still queued (an
# option chosen, a dialog dismissed); a blinking cursor's timer can keep a
# queue busy forever, hence a bound.
KEY_ROUNDS = 4
CURRENT_SCREEN = object()  # in a round's path: the screen current when the round gets there


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
        self._follow_key(token, path, 0, 1, False)

    def _follow_key(self, token: object, path: list, step: int, round_: int, busy: bool) -> None:
        """Queue a callback behind the key at the next node of the round: the
        key's path, then the screen current by then, then the app."""
        if token is not self._key_in_flight:
            return
        nodes = [*path, CURRENT_SCREEN, self]
        if step == len(nodes):
            # A binding runs in the app, after its widget was passed: enter on
            # a list queues OptionSelected there; hence a look back at them all.
            busy = busy or any(n.message_queue_size for n in (*path, self.screen) if n is not self)
            if busy and round_ < KEY_ROUNDS:
                self._follow_key(token, path, 0, round_ + 1, False)
            else:
                self._key_settled(token)
            return
        node = nodes[step]
        if node is CURRENT_SCREEN:
            node = self.screen
        if not node.call_later(self._key_reached, token, path, step, round_, busy, node):
            self._follow_key(token, path, step + 1, round_, busy)  # closed (a dismissed screen): skip it

    def _key_reached(self, token: object, path: list, step: int, round_: int, busy: bool, node) -> None:
        """Runs in ``node``'s queue once what was queued before it is handled.
        Messages queued since (an OptionList's OptionSelected after enter, an
        Input's Submitted) are consequences of the key too: then another round.
        (Not the app's queue: what the key left there came before this callback,
        and what is there now is mostly the keys typed since.)"""
        self._follow_key(token, path, step + 1, round_, busy or (node is not self and node.message_queue_size > 0))

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
