"""The reader's story view (issue 24): ``o`` opens the open article's stored
story, the speaker x outlet grid, the article list grouped by story (Pilot,
on sample_data imported with the real import)."""
from __future__ import annotations

from store.stories import assign_stories
from tests.tui.test_compare import (  # noqa: F401 (fixtures)
    FIRM_A, FIRM_B, SIZE, article, compare_template, make_app, sample, settle,
)
from tui.screens.compare import CompareScreen, StoryTableScreen
from tui.screens.pickers import ArticlePicker


def group(store, *stories: list[int]) -> None:
    """Store the stories as given: every article grouped, then each list split off as one story."""
    assign_stories(store.db)
    for ids in stories:
        store.split_story(ids)


async def open_in_reader(pilot, article_id: int) -> None:
    pilot.app.open_article(article_id)
    await settle(pilot)


async def test_o_opens_the_other_outlets_of_the_articles_stored_story(sample):
    a, b = article(sample, FIRM_A), article(sample, FIRM_B)
    group(sample, [a, b])
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await open_in_reader(pilot, a)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, StoryTableScreen)
        assert app.screen.article_ids == [a, b]  # the open article first, then its story-mates
        await pilot.press("escape")
        await pilot.pause()
        assert app.article.id == a and not isinstance(app.screen, StoryTableScreen)


async def test_o_on_an_article_alone_in_its_story_picks_one_to_compare(sample):
    a, b = article(sample, FIRM_A), article(sample, FIRM_B)
    group(sample, [a], [b])
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await open_in_reader(pilot, a)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArticlePicker)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen) and app.screen.a_id == a
