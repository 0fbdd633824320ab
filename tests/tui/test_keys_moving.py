"""Keys that move: n/p through spans, N/P through articles, / to filter, clicks."""
from __future__ import annotations

from tui.app import LIST_REFRESH_DELAY
from tui.widgets.spanview import SpanIndex

from .conftest import SIZE, make_app
from .key_helpers import first_article, first_of

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
