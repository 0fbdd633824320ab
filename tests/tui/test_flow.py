"""The annotator's flow (issue 16): decide and move on, bulk accepts, resume,
token snapping, the done guard, labels beyond ten, fresh counts, others' judgments."""
from __future__ import annotations

import asyncio

from store import Store
from tui.config import LabelSets
from tui.screens.help import HelpScreen
from tui.screens.pickers import ChoicePicker
from tui.widgets.spanview import SpanIndex

from .conftest import SIZE, add_article, make_app
from .key_helpers import first_article, select, status_text


def suggestions(store: Store, article_id: int):
    return [s for s in SpanIndex(store.spans(article_id)).spans if s.is_suggestion]


async def test_a_x_and_i_decide_then_move_to_the_next_suggestion(sample_store):
    article_id = first_article(sample_store)
    first, second, third, fourth = suggestions(sample_store, article_id)[:4]
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert app.reader.current.id == first.id
        await pilot.press("a")
        assert app.reader.current.id == second.id
        await pilot.press("x")
        assert app.reader.current.id == third.id
        await pilot.press("i")
        assert app.reader.current.id == fourth.id
    assert [sample_store.span(s.id).status for s in (first, second, third)] == ["accepted", "rejected", "ignored"]


async def test_with_advance_off_a_stays_on_the_span(sample_store):
    app = make_app(sample_store, labels=LabelSets(advance=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        span_id = app.reader.current.id
        await pilot.press("a")
        assert app.reader.current.id == span_id
        assert sample_store.span(span_id).status == "accepted"


async def test_shift_a_accepts_every_suggestion_of_the_label_and_one_u_undoes_it(sample_store):
    article_id = first_article(sample_store)
    labels = [s.label for s in suggestions(sample_store, article_id) if s.kind == "entity"]
    label = max(set(labels), key=labels.count)
    target = next(s for s in suggestions(sample_store, article_id) if s.label == label and s.kind == "entity")
    same = {s.id for s in suggestions(sample_store, article_id) if s.label == label and s.kind == "entity"}
    others = {s.id for s in suggestions(sample_store, article_id)} - same
    assert len(same) > 1
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.go_to_span(app.reader.index.by_id[target.id])
        await pilot.pause()
        await pilot.press("A")
        assert {sample_store.span(i).status for i in same} == {"accepted"}
        assert {sample_store.span(i).status for i in others} == {"suggested"}
        assert f"accepted {len(same)} suggestions" in status_text(app)
        await pilot.press("u")
        assert {sample_store.span(i).status for i in same} == {"suggested"}


async def test_shift_r_accepts_the_rest_of_the_article_in_one_undoable_action(sample_store):
    article_id = first_article(sample_store)
    left = suggestions(sample_store, article_id)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        assert not suggestions(sample_store, article_id)
        assert f"accepted {len(left)} suggestions" in status_text(app)
        await pilot.press("u")
        assert len(suggestions(sample_store, article_id)) == len(left)


async def test_reopening_lands_on_the_span_where_one_stopped(sample_store):
    ids = [a.id for a in sample_store.list_articles()]
    app = make_app(sample_store, resume=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("N", "n", "n")
        where = (app.article.id, app.reader.current.id)
        await asyncio.sleep(0.8)  # the position is remembered after a short pause on a span
        await app.workers.wait_for_complete()
    assert where[0] == ids[1]
    app = make_app(sample_store, resume=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert (app.article.id, app.reader.current.id) == where


async def test_a_fresh_start_opens_the_first_article_not_done_and_N_skips_done_ones(sample_store):
    ids = [a.id for a in sample_store.list_articles()]
    sample_store.mark_done(ids[2])
    sample_store.mark_done(ids[0])  # the last article touched: resume goes to the next not done
    app = make_app(sample_store, resume=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.article.id == ids[1]
        await pilot.press("N")
        assert app.article.id == ids[3]  # ids[2] is done by me
        await pilot.press("D", "P")
        assert app.article.id == ids[2]  # D: done ones included


async def test_a_selection_begun_inside_a_word_makes_whole_tokens(sample_store):
    article_id = first_article(sample_store)
    text = sample_store.get_article(article_id).text
    start = text.index("Secretary")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, start + 2, start + 5)  # "cre"
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await select(app, pilot, start + 2, start + 5)
        await pilot.press("E")  # by character
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    made = sorted((s.start, s.end) for s in sample_store.spans(article_id) if s.origin == "human")
    assert made == [(start, start + len("Secretary")), (start + 2, start + 5)]


async def test_the_label_picker_filters_as_one_types_and_takes_a_labels_own_key(sample_store):
    app = make_app(sample_store, labels=LabelSets(label_keys=(("WORK_OF_ART", "w"),)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        while app.reader.current.kind != "entity":  # the first sentence may be a suggested claim
            await pilot.press("n")
        span_id = app.reader.current.id
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press(*"quan")  # QUANTITY, the 16th label: beyond the number keys
        assert [app.screen.choices[i] for i in app.screen.shown] == ["QUANTITY"]
        await pilot.press("1")
        await pilot.pause()
        assert sample_store.span(span_id).label == "QUANTITY"
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert sample_store.span(span_id).label == "WORK_OF_ART"


async def test_another_processs_import_shows_in_the_open_reader_without_a_key(sample_store, db_path):
    # The reader polls PRAGMA data_version every FRESH_POLL (1 s); the bound
    # below is generous for a loaded CI machine, the 2 s figure is the design.
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        before = app.article_list.total
        articles_before = app.progress["articles"]
        other = Store.open(db_path, annotator="ben")
        try:
            add_article(other, "A new story from another process about the budget.", title="Late arrival")
        finally:
            other.close()
        for _ in range(100):
            await asyncio.sleep(0.1)
            await pilot.pause()
            if app.article_list.total == before + 1 and app.progress["articles"] == articles_before + 1:
                break
        assert app.article_list.total == before + 1
        assert app.progress["articles"] == articles_before + 1


async def test_a_poll_that_fires_while_the_app_shuts_down_does_nothing(sample_store, db_path):
    # On a loaded machine the FRESH_POLL interval fired after the screen's
    # widgets were gone (CI: NoMatches '#articles' from check_fresh).
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        other = Store.open(db_path, annotator="ben")
        try:
            add_article(other, "A story filed as the reader closes.", title="Filed at close")
        finally:
            other.close()
        await app.article_list.remove()
        app.check_fresh()  # the version moved and there is no list to reload
        await pilot.pause()


async def test_the_side_panel_shows_what_other_annotators_said(sample_store, db_path):
    article_id = first_article(sample_store)
    span = suggestions(sample_store, article_id)[0]
    other = Store.open(db_path, annotator="ben")
    try:
        other.reject(span.id)
    finally:
        other.close()
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.go_to_span(app.reader.index.by_id[span.id])
        await pilot.pause()
        details = str(app.query_one("#details").render())
        assert "ben" in details and "rejected" in details
        assert app.reader.current.status == "suggested"  # ben's answer is not mine


async def test_unseen_toggle_lists_only_articles_i_have_not_opened(sample_store):
    ids = [a.id for a in sample_store.list_articles()]
    sample_store.touch(ids[0])
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("U")
        await pilot.pause()
        assert app.article_list.total == len(ids) - 1
        assert app.article_list.row(0).id == ids[1]
        assert "1 article" not in status_text(app) or len(ids) == 2


async def test_boundary_mode_shows_the_new_offsets_in_the_side_panel(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        span = app.reader.current
        await pilot.press("b", "shift+right")
        details = str(app.query_one("#details").render())
        assert f"{span.start}-{span.end + 1} (was {span.start}-{span.end})" in details


async def test_help_fits_80_by_24_without_clipping(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.region.right <= 80
        assert body.max_scroll_x == 0  # long lines wrap: nothing cut at the right edge
        for part in app.screen.query(".help-part"):
            assert part.region.right <= body.region.right


async def test_a_single_filter_match_is_one_article(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE):
        add_article(sample_store, "Quixotically unique zebra text.", title="Zebra")
        app.apply_filter("Quixotically")
        assert "1 article matches" in status_text(app)
