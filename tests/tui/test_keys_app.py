"""Keys of the app: help, the command palette, the article picker, quitting."""
from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tui.screens.help import HelpScreen
from tui.screens.pickers import ArticlePicker
from tui.widgets.keymap import KEYS

from .conftest import SIZE, make_app
from .key_helpers import rendered_text

# --- app ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_lists_every_key(sample_store, key):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(rendered_text(w.content) for w in app.screen.query(".help-part"))
        for entry in KEYS:
            assert entry.help in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_ctrl_p_palette_runs_an_action(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        span_id = app.reader.current.id
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"accept")
        await pilot.pause(0.3)  # the palette searches in a worker
        await pilot.press("enter")
        await pilot.pause()
        assert sample_store.span(span_id).status == "accepted"


async def test_o_picks_another_article_and_opens_the_two_side_by_side(sample_store):
    from tui.screens.compare import CompareScreen

    ids = [a.id for a in sample_store.list_articles()]
    if sample_store.story_members(ids[0]) not in (None, [ids[0]]):
        sample_store.split_story([ids[0]])  # alone in its story: o picks the other article
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArticlePicker)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.a_id == ids[0] and app.screen.b_id not in (None, ids[0])
        assert app.article.id == ids[0]  # the reader behind it stays where it was


async def test_ctrl_q_quits(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
