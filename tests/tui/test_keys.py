"""Every key of the contract, driven with Pilot, checked in the database."""
from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.command import CommandPalette

from store import Store
from tui.app import LIST_REFRESH_DELAY
from tui.config import CLAIM_TAGS, ENTITY_LABELS, VERDICTS
from tui.screens.help import HelpScreen
from tui.screens.pickers import ArticlePicker, ChoicePicker, NoteEditor, SpeakerPicker, TagPicker
from tui.widgets.keymap import KEYS
from tui.widgets.spanview import SpanIndex

from .conftest import SIZE, make_app


def first_article(store: Store) -> int:
    return store.list_articles(limit=1)[0].id


def first_of(store: Store, article_id: int, kind: str, nested_in: str | None = None):
    """The first span of ``kind`` (optionally one inside a span of ``nested_in``)."""
    spans = store.spans(article_id)
    for span in spans:
        if span.kind != kind:
            continue
        if nested_in is None:
            return span
        if any(o.kind == nested_in and o.start <= span.start and span.end <= o.end for o in spans):
            return span
    raise AssertionError(f"no {kind} in article {article_id}")


async def go_to(app, pilot, span_id: int) -> None:
    app.reader.go_to_span(app.reader.index.by_id[span_id])
    await pilot.pause()


async def select(app, pilot, start: int, end: int) -> None:
    """Put the caret at ``start`` and select to ``end`` with shift+right, as a user would."""
    app.reader.move_cursor(app.reader.location_of(start))
    await pilot.pause()
    await pilot.press(*["shift+right"] * (end - start))


def rendered_text(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def status_text(app) -> str:
    return str(app.query_one("#status").render())


# --- moving -------------------------------------------------------------------------


async def test_n_visits_every_suggestion_in_text_order_nested_ones_too(sample_store):
    article_id = first_article(sample_store)
    expected = [s.id for s in SpanIndex(sample_store.spans(article_id)).spans if s.is_suggestion]
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        visited = []
        for _ in expected:
            await pilot.press("n")
            visited.append(app.reader.current.id)
        assert visited == expected
        # Nested spans are each reachable: a quote and an entity inside it.
        quote = first_of(sample_store, article_id, "quote")
        inner = [s.id for s in sample_store.spans(article_id) if s.kind == "entity" and quote.start <= s.start and s.end <= quote.end]
        assert quote.id in visited
        assert all(i in visited for i in inner)


async def test_n_prefers_suggestions_and_p_goes_back(sample_store):
    article_id = first_article(sample_store)
    spans = SpanIndex(sample_store.spans(article_id)).spans
    sample_store.accept(spans[1].id)  # the second span is reviewed: n skips it
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")
        assert app.reader.current.id == spans[2].id
        await pilot.press("p")
        assert app.reader.current.id == spans[0].id


async def test_n_falls_back_to_reviewed_spans_when_no_suggestion_is_left(sample_store):
    article_id = first_article(sample_store)
    spans = SpanIndex(sample_store.spans(article_id)).spans
    for span in spans:
        sample_store.accept(span.id)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")
        assert app.reader.current.id == spans[1].id


async def test_shift_n_and_shift_p_move_between_articles(sample_store):
    ids = [a.id for a in sample_store.list_articles()]
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.article.id == ids[0]
        await pilot.press("N", "N")
        assert app.article.id == ids[2]
        await pilot.press("P")
        assert app.article.id == ids[1]
        # the list's cursor follows after the article's repaint (LIST_REFRESH_DELAY)
        await pilot.pause(LIST_REFRESH_DELAY * 2)
        assert app.article_list.highlighted.id == ids[1]


async def test_after_shift_n_no_span_is_current_wherever_the_caret_was_so_n_reaches_the_first(sample_store):
    # The caret moved in the previous article used to make the span at the new
    # article's offset 0 current (a late SelectionChanged): n then skipped it.
    ids = [a.id for a in sample_store.list_articles()]
    first = SpanIndex(sample_store.spans(ids[1])).spans[0]
    for keys in (["N"], ["down", "down", "N"], ["n", "n", "n", "N"]):
        app = make_app(sample_store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            assert app.article.id == ids[1]
            assert app.reader.current is None, keys
            await pilot.press("n")
            assert app.reader.current.id == first.id, keys


async def test_slash_filters_the_list_with_full_text_search(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert app.focused.id == "filter"
        await pilot.press(*"Kyiv", "enter")
        await pilot.pause()
        expected = sample_store.count_articles("Kyiv")
        assert 0 < expected < sample_store.count_articles()
        assert app.article_list.total == expected
        assert app.focused is app.article_list
        await pilot.press("enter")
        assert app.article.id == sample_store.list_articles(query="Kyiv")[0].id
        assert app.focused is app.reader


async def test_clicking_in_the_text_makes_the_span_there_current(sample_store):
    article_id = first_article(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        target = first_of(sample_store, article_id, "entity")
        x, y = app.reader.wrapped_document.location_to_offset(app.reader.location_of(target.start + 1))
        padding = app.reader.styles.padding
        await pilot.click(app.reader, offset=(x + padding.left, y + padding.top))
        await pilot.pause()
        assert app.reader.caret_offset == target.start + 1
        assert app.reader.current.id == target.id


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


# --- making spans -------------------------------------------------------------------


async def test_e_makes_the_selection_an_entity(sample_store):
    article_id = first_article(sample_store)
    text = sample_store.get_article(article_id).text
    start = text.index("Secretary")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, start, start + len("Secretary"))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("1")
        await pilot.pause()
    made = [s for s in sample_store.spans(article_id) if s.origin == "human"]
    assert [(s.start, s.end, s.kind, s.label, s.status) for s in made] == [(start, start + 9, "entity", ENTITY_LABELS[0], "accepted")]


async def test_e_without_a_selection_only_warns(sample_store):
    article_id = first_article(sample_store)
    before = len(sample_store.spans(article_id))
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, ChoicePicker)
    assert len(sample_store.spans(article_id)) == before


async def test_q_makes_a_quote_with_one_of_the_articles_people(sample_store):
    article_id = first_article(sample_store)
    people = sample_store.people(article_id)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, 0, 20)
        await pilot.press("Q")  # by character: 0-20 as selected
        await pilot.pause()
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("2")
        await pilot.pause()
    quote = [s for s in sample_store.spans(article_id) if s.origin == "human"][0]
    assert (quote.kind, quote.start, quote.end, quote.speaker) == ("quote", 0, 20, people[1])


async def test_q_with_a_typed_speaker(sample_store):
    article_id = first_article(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, 0, 20)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press(*"Jane Roe", "enter")
        await pilot.pause()
    quote = [s for s in sample_store.spans(article_id) if s.origin == "human"][0]
    assert (quote.kind, quote.speaker, quote.speaker_start) == ("quote", "Jane Roe", None)


async def test_c_makes_the_selection_a_claim(sample_store):
    article_id = first_article(sample_store)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await select(app, pilot, 0, 30)
        await pilot.press("C")  # by character
        await pilot.pause()
        assert app.reader.current.kind == "claim"
    claim = [s for s in sample_store.spans(article_id) if s.origin == "human"][0]
    assert (claim.kind, claim.start, claim.end) == ("claim", 0, 30)


# --- quotes and claims --------------------------------------------------------------


async def test_s_sets_the_speaker_of_the_enclosing_quote(sample_store):
    article_id = next(a.id for a in sample_store.list_articles() if a.quotes)
    quote = first_of(sample_store, article_id, "quote")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_article(article_id)
        await go_to(app, pilot, quote.id)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SpeakerPicker)
        await pilot.press("tab", "ctrl+u")  # to the name box, cleared
        app.screen.query_one("#speaker-name").value = ""
        await pilot.press(*"Kaja Kallas", "enter")
        await pilot.pause()
    stored = sample_store.span(quote.id)
    assert (stored.speaker, stored.status) == ("Kaja Kallas", "corrected")


async def test_t_tags_a_claim(sample_store):
    article_id = first_article(sample_store)
    claim = first_of(sample_store, article_id, "claim")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, claim.id)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagPicker)
        await pilot.press("3", "4", "enter")
        await pilot.pause()
    expected = [t for t in CLAIM_TAGS if t in set(claim.tags) ^ {CLAIM_TAGS[2], CLAIM_TAGS[3]}]
    assert list(sample_store.span(claim.id).tags) == expected


async def test_v_sets_a_verdict_and_can_clear_it(sample_store):
    article_id = first_article(sample_store)
    claim = first_of(sample_store, article_id, "claim")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, claim.id)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert sample_store.span(claim.id).verdict == VERDICTS[1]
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("end", "enter")  # the last entry: no verdict
        await pilot.pause()
        assert sample_store.span(claim.id).verdict is None


async def test_enter_edits_a_claims_note_and_wording(sample_store):
    article_id = first_article(sample_store)
    claim = first_of(sample_store, article_id, "claim")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, claim.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"check the $8bn", "tab", *"US aid was 8 billion", "enter")
        await pilot.pause()
    stored = sample_store.span(claim.id)
    assert (stored.note, stored.normalized) == ("check the $8bn", "US aid was 8 billion")


async def test_quote_list_jumps_to_the_quote(sample_store):
    article_id = first_article(sample_store)
    quote = first_of(sample_store, article_id, "quote")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one("#quotes").focus()
        await pilot.press("home", "enter")
        await pilot.pause()
        assert app.reader.current.id == quote.id
        assert app.focused is app.reader


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


async def test_o_picks_another_article_then_says_comparison_is_not_there_yet(sample_store):
    ids = [a.id for a in sample_store.list_articles()]
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArticlePicker)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ArticlePicker)
        messages = [n.message for n in app._notifications]
        try:
            import tui.screens.compare  # noqa: F401
        except ImportError:
            assert "comparison not available yet" in messages
        assert app.article.id == ids[0]


async def test_ctrl_q_quits(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_clicking_again_reaches_each_span_under_the_caret(sample_store):
    """A quote and a claim with the very same bounds, and an entity inside
    them: the first click picks the innermost, each further click the next
    one out, and round again."""
    from annotators.types import Span

    from .conftest import add_article

    text = "\u201cWe will rebuild the port in Porto by 2026,\u201d the mayor said on Monday."
    quote_start, quote_end = 1, text.index(",\u201d")
    porto = text.index("Porto")
    article_id = add_article(sample_store, text, [
        Span(porto, porto + 5, "GPE", "entity"),
        Span(quote_start, quote_end, "QUOTE", "quote", {"speaker": None}),
        Span(quote_start, quote_end, "CLAIM", "claim", {"tags": ["prediction"]}),
    ])
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_article(article_id)
        await pilot.pause()
        x, y = app.reader.wrapped_document.location_to_offset(app.reader.location_of(porto + 1))
        padding = app.reader.styles.padding
        kinds, panels = [], []
        for _ in range(4):
            await pilot.click(app.reader, offset=(x + padding.left, y + padding.top))
            await pilot.pause()
            kinds.append(app.reader.current.kind)
            panels.append(app.query_one("#details").render().plain)
        assert kinds[0] == "entity"
        assert sorted(kinds[1:3]) == ["claim", "quote"]
        assert kinds[3] == "entity"
        # the side panel follows: the claim's tag shows while the claim is current
        assert "prediction" in panels[kinds.index("claim")]
        assert "prediction" not in panels[0]
