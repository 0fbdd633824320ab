"""The command palette (ctrl+p): every action of the key table, by name."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from .keymap import KEYS

# Actions the palette itself offers no use for.
_SKIPPED = {"command_palette"}


class CopydeskCommands(Provider):
    def _entries(self):
        for key in KEYS:
            if key.action in _SKIPPED:
                continue
            name = f"{key.description.capitalize()} ({key.shown_keys})"
            yield name, key

    def _runner(self, action: str):
        return partial(self.app.run_action, action)

    async def discover(self) -> Hits:
        for name, key in self._entries():
            yield DiscoveryHit(name, self._runner(key.action), help=key.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key in self._entries():
            score = max(matcher.match(name), matcher.match(key.help) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._runner(key.action), help=key.help)
