"""The three columns give way on narrow terminals so the text keeps room."""
from __future__ import annotations

from .conftest import make_app


async def test_at_80_columns_the_list_hides_and_slash_brings_it_back_in_place_of_the_side_panel(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        left, side, reader = app.query_one("#left"), app.query_one("#side"), app.reader
        assert not left.display and side.display
        assert reader.size.width >= 40  # the text, not the panels, has the room
        await pilot.press("slash")
        await pilot.pause()
        assert left.display and not side.display
        assert app.query_one("#filter").has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert reader.has_focus and not left.display and side.display


async def test_choosing_an_article_from_the_list_on_a_narrow_screen_opens_it_and_hides_the_list(sample_store):
    second = sample_store.list_articles(limit=2)[1].id
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "enter", "down", "enter")
        await pilot.pause()
        assert app.article.id == second
        assert not app.query_one("#left").display


async def test_at_120_columns_all_three_columns_show_with_a_wider_text(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.query_one("#left").display and app.query_one("#side").display
        assert app.reader.size.width >= 50
