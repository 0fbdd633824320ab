"""Keys that decide: accept, reject, relabel, boundaries, done, undo and redo."""
from __future__ import annotations

from tui.config import ENTITY_LABELS
from tui.screens.pickers import ChoicePicker

from .conftest import SIZE, make_app
from .key_helpers import first_article, first_of, go_to, status_text

# --- reviewing ----------------------------------------------------------------------


async def test_a_accepts_the_current_suggestion(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        accepted = app.reader.current.id
        await pilot.press("a")
        span = sample_store.span(accepted)
        assert (span.status, span.annotator) == ("accepted", "tester")
        assert "saved" in status_text(app)


async def test_x_rejects_a_suggestion_and_deletes_a_human_span(sample_store):
    article_id = first_article(sample_store)
    made = sample_store.add_span(article_id, 3, 9, "entity", "ORG")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        suggestion = app.reader.current.id
        await pilot.press("x")
        assert sample_store.span(suggestion).status == "rejected"
        await go_to(app, pilot, made.id)
        await pilot.press("x")
        assert made.id not in [s.id for s in sample_store.spans(article_id)]


async def test_l_relabels_with_a_number_key(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        while app.reader.current.kind != "entity":  # the first sentence may be a suggested claim
            await pilot.press("n")
        span_id = app.reader.current.id
        label = next(l for l in ENTITY_LABELS[:9] if l != app.reader.current.label)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press(str(ENTITY_LABELS.index(label) + 1))
        await pilot.pause()
        assert (sample_store.span(span_id).label, sample_store.span(span_id).status) == (label, "corrected")


async def test_b_moves_the_boundaries_and_enter_saves(sample_store):
    article_id = first_article(sample_store)
    target = next(s for s in sample_store.spans(article_id) if s.kind == "entity" and s.end - s.start > 4)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, target.id)
        await pilot.press("b", "right", "shift+left", "shift+left", "enter")
        await pilot.pause()
        stored = sample_store.span(target.id)
        assert (stored.start, stored.end, stored.status) == (target.start + 1, target.end - 2, "corrected")


async def test_b_then_escape_changes_nothing_and_keys_are_not_leaked(sample_store):
    article_id = first_article(sample_store)
    target = first_of(sample_store, article_id, "entity")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, target.id)
        await pilot.press("b", "shift+right", "a", "x", "escape")
        await pilot.pause()
        stored = sample_store.span(target.id)
        assert (stored.start, stored.end, stored.status) == (target.start, target.end, "suggested")


async def test_b_by_word_with_ctrl(sample_store):
    article_id = first_article(sample_store)
    text = sample_store.get_article(article_id).text
    target = next(s for s in sample_store.spans(article_id) if s.kind == "entity" and " " not in text[s.start:s.end] and s.start > 0)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, target.id)
        await pilot.press("b", "ctrl+shift+right", "enter")
        await pilot.pause()
        stored = sample_store.span(target.id)
        assert stored.start == target.start and stored.end > target.end + 1
        assert text[stored.end - 1].isalnum()


async def test_d_toggles_done(sample_store):
    article_id = first_article(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        left = sum(1 for s in sample_store.spans(article_id) if s.is_suggestion)
        assert left
        await pilot.press("d")  # work left: the first d only warns, with the count
        assert sample_store.get_article(article_id).done is False
        assert f"{left} suggestions not reviewed yet" in status_text(app)
        await pilot.press("d")
        assert sample_store.get_article(article_id).done is True
        await pilot.press("d")
        assert sample_store.get_article(article_id).done is False


# --- history ------------------------------------------------------------------------


async def test_u_ctrl_z_undo_and_ctrl_y_redo(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        span_id = app.reader.current.id
        await pilot.press("a")
        assert sample_store.span(span_id).status == "accepted"
        await pilot.press("u")
        assert sample_store.span(span_id).status == "suggested"
        await pilot.press("ctrl+y")
        assert sample_store.span(span_id).status == "accepted"
        await pilot.press("ctrl+z")
        assert sample_store.span(span_id).status == "suggested"


async def test_undo_of_another_articles_action_opens_that_article(sample_store):
    ids = [a.id for a in sample_store.list_articles()]
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "d", "N")
        assert app.article.id == ids[1]
        await pilot.press("u")
        assert app.article.id == ids[0]
        assert sample_store.get_article(ids[0]).done is False
