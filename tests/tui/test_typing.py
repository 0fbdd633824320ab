"""Keys typed fast into copydesk's text fields are all kept (issue 15:
"Sybiha", six backspaces and "Rutte" gave "SRutt")."""
from __future__ import annotations

from textual.widgets import Input

from tui.app import FILTER_DELAY

from .conftest import SIZE, make_app

WORD = ["S", "y", "b", "i", "h", "a"] + ["backspace"] * 6 + ["R", "u", "t", "t", "e"]


async def test_the_filter_keeps_every_key_typed_with_no_pause(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        for attempt in range(3):
            await pilot.press(*WORD)
            assert app.query_one("#filter", Input).value == "Rutte"
            await pilot.pause(FILTER_DELAY * 2)  # the filter runs once typing pauses
            assert app.query_one("#filter", Input).value == "Rutte"
            assert app.article_list.query == "Rutte"
            await pilot.press(*["backspace"] * 5)
            await pilot.pause(FILTER_DELAY / 3)  # mid-debounce: the next keys land while a filter is due

