"""CompareScreen and StoryTableScreen (Pilot), on sample_data imported with the
real import, pushed onto the real app as the reader's `o` key does."""
from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from store import Store
from tests.compare_fixtures import ANNOTATOR, FIRM_A, FIRM_B, build_sample_db, copy_db, preannotator_for
from tui.actions.moving import TOUCH_DELAY
from tui.screens.compare import CompareScreen, PassageRow, StoryTableScreen
from tui.widgets.compare_view import CHANGED, diff_marks, pair_prompt

SIZE = (160, 48)
SYBIGA = "003_9ba706641fd40a01.txt"  # "Andriy Sybiga" (001 has "Andrii Sybiha")


@pytest.fixture(scope="session")
def compare_template(tmp_path_factory, nlp) -> Path:
    return build_sample_db(tmp_path_factory.mktemp("compare-tui") / "sample.db", nlp)


@pytest.fixture
def sample(compare_template, tmp_path) -> Store:
    store = Store.open(copy_db(compare_template, tmp_path), annotator=ANNOTATOR)
    yield store
    store.close()


def make_app(store: Store):
    from tui.app import CopydeskApp

    return CopydeskApp(store, db_label="sample.db")


def article(store: Store, name: str) -> int:
    return store.find_articles_by_file(name)[0]


async def settle(pilot) -> None:
    """Until the comparison worker is back and its widgets are laid out."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


async def open_compare(pilot, a_id: int, b_id: int) -> CompareScreen:
    screen = CompareScreen(pilot.app.store, a_id, b_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    assert pilot.app.screen is screen and screen.data is not None
    return screen


def row_with(screen: CompareScreen, side: str, words: str) -> PassageRow:
    rows = [r for r in screen.query(PassageRow) if r.texts[side] is not None and words in r.texts[side].plain]
    assert rows, f"no {side} passage with {words!r}"
    return rows[0]


def styled(text: Text, style) -> list[str]:
    return [text.plain[s.start:s.end] for s in text.spans if s.style == style]


def firm_pair(screen: CompareScreen):
    (pair,) = [p for p in screen.data.pairs if p.shared and "firm response" in p.a.text]
    return pair


# --------------------------------------------------------------------------- panes


async def test_panes_align_the_firm_response_passages_and_mark_the_difference(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        row = row_with(screen, "a", "will get a firm response")
        # The two reports' paragraphs with the quote sit side by side, in one row.
        assert row.texts["b"] is not None and "will receive a firm response" in row.texts["b"].plain
        assert styled(row.texts["a"], CHANGED) == ["get"]
        assert styled(row.texts["b"], CHANGED) == ["receive"]
        # Both panes show every paragraph of their article, in order.
        rows = list(screen.query(PassageRow))
        for side, article_id in (("a", screen.a_id), ("b", screen.b_id)):
            paras = [r.a_para if side == "a" else r.b_para for r in rows]
            paras = [p for p in paras if p is not None]
            assert paras == list(range(len(screen.data.paragraphs[article_id])))
        # The first pair is the shared quote, current, and scrolled to.
        assert screen.current == firm_pair(screen)
        assert screen.query_one("#compare-passages").scroll_y > 0


async def test_pair_list_shows_the_word_diff(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        prompt = pair_prompt(firm_pair(screen)).plain
        assert "get→receive" in prompt and "Antony Blinken" in prompt
        assert ("replace", "get", "receive") in firm_pair(screen).diff


async def test_summary_lists_people_quotes_and_figures(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        lines = screen.summary.plain.splitlines()
        both = next(line for line in lines if "both:" in line and "People" in line)
        assert "Antony Blinken (Blinken)" in both and "Mark Rutte" in both
        assert any("only A:" in line and "Andrii Sybiha" in line for line in lines)
        assert any("only B:" in line and "Jake Sullivan" in line for line in lines)
        quotes = next(line for line in lines if line.startswith("Quotes"))
        assert "both: 1 (Antony Blinken)" in quotes and "only A:" in quotes and "only B:" in quotes
        assert any(line.startswith("Figures") for line in lines)


async def test_transliterated_foreign_minister_is_one_person(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, FIRM_A), article(sample, SYBIGA))
        both = next(line for line in screen.summary.plain.splitlines() if "both:" in line)
        assert "Andrii Sybiha (Andriy Sybiga" in both
        assert "Sybiga" not in next(line for line in screen.summary.plain.splitlines() if "only B:" in line)


async def test_figures_that_differ_are_in_the_summary_and_pairs(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, "000_bd3c123d996fe42b.txt"), article(sample, FIRM_B))
        assert "$8 billion (A) vs over $6 billion (B)" in screen.summary.plain
        (pair,) = [p for p in screen.data.pairs if p.kind == "figure" and p.conflict and p.a.text == "$8 billion"]
        assert pair.default_link == "contradicts"


# --------------------------------------------------------------------------- linking


async def test_link_key_writes_a_link_row(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        pair = firm_pair(screen)
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("1")  # same_quote
        await pilot.pause()
        assert "⇄ same_quote" in str(screen.query_one("#compare-pairs").get_option(pair.key).prompt)
    other = Store.open(sample.path)
    (link,) = other.links([pair.a.span_id])
    other.close()
    assert (link["a_span_id"], link["b_span_id"], link["kind"]) == (pair.a.span_id, pair.b.span_id, "same_quote")
    assert link["annotator"] == ANNOTATOR
    quote_a, quote_b = sample.span(pair.a.span_id), sample.span(pair.b.span_id)
    assert quote_a.kind == quote_b.kind == "quote"


async def test_link_kind_is_chosen_and_undo_removes_it(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        pair = firm_pair(screen)
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("3")  # contradicts
        await pilot.pause()
        assert [l["kind"] for l in sample.links([pair.a.span_id])] == ["contradicts"]
        await pilot.press("u")
        await settle(pilot)
        assert sample.links([pair.a.span_id]) == []
        assert screen.current is not None and screen.current.key == pair.key  # still on the pair
        assert "⇄" not in str(screen.query_one("#compare-pairs").get_option(pair.key).prompt)


async def test_escape_in_the_kind_picker_links_nothing(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        await pilot.press("L", "escape")
        await pilot.pause()
        assert app.screen is screen
        assert sample.links([firm_pair(screen).a.span_id]) == []


async def test_n_walks_pairs_and_single_quotes_cannot_be_linked(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        first = screen.current
        await pilot.press("n")
        await pilot.pause()
        assert screen.current is not None and screen.current != first
        assert not screen.current.shared  # after the one shared quote come those only one side has
        member = screen.current.a or screen.current.b
        side = "a" if screen.current.a else "b"
        row = row_with(screen, side, member.text[:30])
        from tui.widgets.spanview import CURRENT

        assert member.text[:20] in "".join(styled(row.texts[side], CURRENT))
        await pilot.press("L")
        await pilot.pause()
        assert app.screen is screen  # no picker
        await pilot.press("p")
        await pilot.pause()
        assert screen.current == first


async def test_reader_keys_do_not_act_behind_the_comparison(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # opening the first article is remembered for resume after TOUCH_DELAY, in a worker
        await pilot.pause(TOUCH_DELAY * 2)
        await settle(pilot)
        before = sample.stats()
        await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        await pilot.press("a", "x", "d")
        await pilot.pause()
        assert sample.stats() == before


# --------------------------------------------------------------------------- entry points


async def test_o_in_the_reader_opens_the_comparison_and_escape_returns(sample):
    sample.split_story([sample.list_articles(limit=1)[0].id])  # alone in its story: o picks the other article
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader_screen = app.screen
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the list's second article
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.a_id != app.screen.b_id and app.screen.data is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reader_screen


async def test_the_article_picker_starts_past_the_open_article(sample):
    first_id, second = (a.id for a in sample.list_articles(limit=2))
    sample.split_story([first_id])  # alone in its story: o picks the other article
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.article.id
        await pilot.press("o", "down", "enter")  # down to the list, enter: the first other article
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.a_id, app.screen.b_id) == (first, second)


async def test_story_table_has_a_column_per_source_and_a_cell_per_finding(sample):
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_compare(pilot, article(sample, FIRM_A), article(sample, FIRM_B))
        await pilot.press("t")  # the story these articles belong to
        await settle(pilot)
        table_screen = app.screen
        assert isinstance(table_screen, StoryTableScreen)
        assert sorted(table_screen.article_ids) == sorted(sample.article_ids())  # the five are one story
        table = table_screen.query_one("#story-table")
        assert len(table.columns) == 2 + 5
        firm = next(r for r in table_screen.rows if r.kind == "quote" and "firm response" in r.what.plain)
        cells = {i: c.plain for i, c in zip(table_screen.article_ids, firm.cells)}
        assert cells[article(sample, FIRM_A)] == "✓ as quoted"
        assert cells[article(sample, FIRM_B)] == "≈ get→receive"
        assert list(cells.values()).count("—") == 3
        sybiha = next(r for r in table_screen.rows if r.kind == "person" and "Andrii Sybiha" in r.what.plain)
        assert "Andriy Sybiga" in sybiha.what.plain
        assert any(c.plain.startswith("Andriy Sybiga") for c in sybiha.cells)
        kinds = {r.kind for r in table_screen.rows}
        assert {"quote", "person", "org", "figure"} <= kinds
        # enter on the firm-response row compares two articles that have it.
        table.move_cursor(row=table_screen.rows.index(firm), column=1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert {app.screen.a_id, app.screen.b_id} == {article(sample, FIRM_A), article(sample, FIRM_B)}


# --------------------------------------------------------------------------- text is data


async def test_article_text_with_markup_is_shown_literally(sample, nlp, tmp_path):
    from store.ingest import import_paths

    folder = tmp_path / "odd"
    folder.mkdir()
    hostile = "[bold]Loud[/] [@click=app.quit]click[/] [red"
    (folder / "odd_a.txt").write_text(
        f"Odd one\n\n{hostile} said Anna Smith.\n\n\"We will [b]not[/b] stop now,\" Anna Smith said.\n", encoding="utf-8")
    (folder / "odd_b.txt").write_text(
        f"Odd two\n\n{hostile} said Anna Smith.\n\n\"We will [b]never[/b] stop now,\" Anna Smith said.\n", encoding="utf-8")
    import_paths(sample.db, [folder], preannotator_for(nlp))
    a, b = article(sample, "odd_a.txt"), article(sample, "odd_b.txt")
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await open_compare(pilot, a, b)
        shown = "\n".join(r.texts[s].plain for r in screen.query(PassageRow) for s in "ab" if r.texts[s])
        assert hostile in shown and "[b]not[/b]" in shown and "[b]never[/b]" in shown
        await pilot.press("n", "p")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, CompareScreen)


def test_diff_marks_are_offsets_of_the_differing_words():
    a, b = "demands and will get a firm response", "demands and will receive a firm response."
    marks_a, marks_b = diff_marks(a, b)
    assert [a[s:e] for s, e in marks_a] == ["get"]
    assert [b[s:e] for s, e in marks_b] == ["receive"]
    marks_a, marks_b = diff_marks("one two three", "one three four")
    assert [("one two three")[s:e] for s, e in marks_a] == ["two"]
    assert [("one three four")[s:e] for s, e in marks_b] == ["four"]


async def test_article_picker_enter_in_the_filter_compares_with_the_first_other_match(sample):
    ids = [a.id for a in sample.list_articles()]
    sample.split_story([ids[0]])  # alone in its story: o picks the other article
    app = make_app(sample)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.article.id
        await pilot.press("o", "enter")  # no filter: the first article that is not the open one
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert (app.screen.a_id, app.screen.b_id) == (first, ids[1])
        await pilot.press("escape")
        await settle(pilot)
        # a filter that matches only the open article: nothing is chosen
        query = sample.get_article(first).title or sample.get_article(first).text.split("\n")[0]
        only_open = [w for w in query.split() if sample.count_articles(w) == 1 and w.isalpha()]
        assert only_open, "the first sample article has a word of its own"
        await pilot.press("o", *only_open[0], "enter")
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen)
        assert "no other article matches" in " ".join(n.message for n in app._notifications)
