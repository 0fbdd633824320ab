"""The reader's story view (issue 24): ``o`` opens the open article's stored
story, the speaker x outlet grid, the article list grouped by story (Pilot,
on sample_data imported with the real import)."""
from __future__ import annotations

from rich.text import Text

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
        if sorted(store.story_members(ids[0])) != sorted(ids):  # already a story of its own
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


async def test_the_story_table_shows_who_each_outlet_quotes_names_folded(sample):
    from tui.widgets.speaker_grid import SpeakerGridTable

    ids = [a.id for a in sample.list_articles()]
    quotes = {i: sample.spans(i, kinds=["quote"]) for i in ids}
    blinken = [q for q in quotes[ids[0]] if q.speaker == "Antony Blinken"]
    assert len(blinken) >= 2, "the first sample article quotes Blinken"
    sample.set_speaker(blinken[0].id, "Blinken")  # a short form, as another outlet might write it
    sample.reject(blinken[1].id)  # a rejected quote is not counted
    expected = {i: sum(q.speaker in ("Antony Blinken", "Blinken") and q.status != "rejected"
                       for q in sample.spans(i, kinds=["quote"])) for i in ids}
    assert sample.story_members(ids[0]) == sorted(ids)  # the import grouped the five as one story
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await open_in_reader(pilot, ids[0])
        await pilot.press("o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoryTableScreen)
        table = screen.query_one("#speaker-grid", SpeakerGridTable)
        grid = table.grid
        articles = {a["id"]: a for a in screen.comparison.articles}
        outlets = [articles[i].get("source") or articles[i]["file"] for i in screen.article_ids]
        assert grid.outlets == outlets
        assert "Blinken" not in grid.speakers and grid.spellings["Antony Blinken"] == ["Blinken"]
        assert [grid.count("Antony Blinken", o) for o in outlets] == [expected[i] for i in screen.article_ids]
        assert grid.speakers[0] == "Antony Blinken"  # the most quoted first
        assert table.row_count == len(grid.speakers)
        row = table.get_row("s:Antony Blinken")
        assert all(isinstance(cell, Text) for cell in row)  # cells are data, never markup
        assert row[0].plain == "Antony Blinken (Blinken)"
        assert [c.plain for c in row[1:-1]] == [str(n) if n else "·" for n in expected_in(expected, screen)]
        assert row[-1].plain == f"{sum(n > 0 for n in expected.values())}/{len(ids)}"
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is table


def expected_in(expected: dict[int, int], screen) -> list[int]:
    return [expected[i] for i in screen.article_ids]


async def test_G_groups_the_list_by_story_with_outlets_and_dates_and_G_again_ungroups(sample):
    from store.story_list import StoryHeading

    ids = [a.id for a in sample.list_articles()]
    odd, even = ids[0::2], ids[1::2]
    group(sample, odd, even)
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await open_in_reader(pilot, even[-1])
        await pilot.press("G")
        await pilot.pause()
        listing = app.article_list
        assert listing.total == len(ids) + 2
        rows = [listing.row(i) for i in range(listing.total)]
        headings = [r for r in rows if isinstance(r, StoryHeading)]
        assert [h.articles for h in headings] == [len(odd), len(even)]
        assert [r.id for r in rows if not isinstance(r, StoryHeading)] == odd + even
        first = headings[0]
        outlets = sorted({sample.get_article(i).source for i in odd} - {None})
        assert list(first.sources) == outlets
        dates = sorted(d for d in (sample.get_article(i).published for i in odd) if d)
        assert (first.first_published, first.last_published) == (dates[0], dates[-1])
        screen_text = "\n".join(listing.render_line(y).text for y in range(4))
        assert f"{len(odd)} articles" in screen_text and outlets[0] in screen_text
        assert listing.cursor == rows.index(next(r for r in rows if getattr(r, "id", None) == even[-1]))
        listing.move_to(rows.index(headings[1]))
        listing.focus()
        await pilot.press("enter")  # on a heading: its first article
        await settle(pilot)
        assert app.article.id == even[0]
        await pilot.press("G")
        await pilot.pause()
        assert listing.total == len(ids) and not any(isinstance(listing.row(i), StoryHeading) for i in range(len(ids)))


async def test_g_on_the_two_article_screen_shows_the_speaker_grid_of_the_two(sample):
    from tests.tui.test_compare import open_compare
    from tui.screens.compare import SpeakerGridScreen
    from tui.widgets.speaker_grid import SpeakerGridTable

    a, b = article(sample, FIRM_A), article(sample, FIRM_B)
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        compare = await open_compare(pilot, a, b)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, SpeakerGridScreen)
        grid = app.screen.query_one("#speaker-grid", SpeakerGridTable).grid
        assert len(grid.outlets) == 2
        for outlet, article_id in zip(grid.outlets, (a, b)):
            quotes = [q for q in sample.spans(article_id, kinds=["quote"]) if q.status != "rejected"]
            assert sum(grid.count(s, outlet) for s in grid.speakers) == len(quotes)
        assert "Antony Blinken" in grid.speakers
        await pilot.press("g")
        await pilot.pause()
        assert app.screen is compare


async def test_a_filter_in_the_grouped_list_counts_articles_and_enter_opens_the_one_match(sample):
    from store.story_list import StoryHeading

    ids = [a.id for a in sample.list_articles()]
    word = next(w for w in ("Rubio", "Sullivan", "Borrell") if sample.count_articles(w) == 1)
    (match,) = [a.id for a in sample.list_articles(query=word)]
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await open_in_reader(pilot, ids[0] if ids[0] != match else ids[1])
        await pilot.press("G", "slash", *word, "enter")
        await settle(pilot)
        assert isinstance(app.article_list.row(0), StoryHeading) and app.article_list.total == 2
        assert app.article.id == match
        assert "opened the one match" in str(app.query_one("#status").render())
