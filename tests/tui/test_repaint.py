"""A key repaints what it changed, and all of it in the same frame (issue 16):
the rows of the spans it touched, the side panel, one entry of the claim list."""
from __future__ import annotations

from annotators.types import Span
from store import Store

from .conftest import SIZE, add_article, make_app

# Far apart paragraphs: the first claim, a quote, then a second claim twenty rows down.
TEXT = (
    "The council said 42 new homes were built in 2024.\n\n"
    "“We are proud of the work,” said Mara Lind.\n\n"
    + "Filler paragraph without any spans at all.\n\n" * 20
    + "Rents rose 7 percent in the same year."
)


def spans_of(text: str) -> list[Span]:
    first = text.index("The council")
    quote = text.index("“We")
    last = text.index("Rents")
    return [
        Span(first, text.index("2024.") + 5, "CLAIM", "claim", {"tags": ["statistic"]}),
        Span(quote, text.index("”") + 1, "QUOTE", "quote", {"speaker": "Mara Lind", "cue": "said"}),
        Span(last, len(text), "CLAIM", "claim", {"tags": ["statistic"]}),
    ]


def open_odd_article(app, store: Store) -> int:
    article_id = add_article(store, TEXT, spans_of(TEXT), title="Homes")
    app.open_article(article_id)
    return article_id


async def test_moving_to_the_next_span_repaints_only_the_rows_of_the_old_and_new_current_span(sample_store: Store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        open_odd_article(app, sample_store)
        await pilot.pause()
        reader = app.reader
        reader.focus()
        await pilot.press("n")  # the first claim (row 0)
        await pilot.pause()
        painted_before = dict(reader._painted)
        await pilot.press("n")  # the quote (row 2): rows 0 and 2 change, the filler rows do not
        await pilot.pause()
        assert reader.current is not None and reader.current.kind == "quote"
        rebuilt = {row for row, text in reader._painted.items() if painted_before.get(row) is not text}
        assert rebuilt == {0, 2}
        assert any(s.style and "reverse" in str(s.style) for s in reader.get_line(2).spans)
        assert not any(s.style and "reverse" in str(s.style) for s in reader.get_line(0).spans)


async def test_the_side_panel_follows_the_current_span_before_any_message_is_delivered(sample_store: Store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        open_odd_article(app, sample_store)
        await pilot.pause()
        target = app.reader.step(forward=True)  # no await: CurrentChanged has not reached the app yet
        details = app.query_one("#details").render().plain
        assert target is not None and f"#{target.id}" in details


async def test_accepting_a_claim_replaces_its_entry_in_the_claim_list_and_keeps_the_others(sample_store: Store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        open_odd_article(app, sample_store)
        await pilot.pause()
        claims = app.query_one("#claims")
        options_before = list(claims._options)
        app.reader.focus()
        await pilot.press("n", "a")  # accept the first claim
        await pilot.pause()
        assert claims._options[1] is options_before[1]  # the other claim's entry was not rebuilt
        assert claims.render_line(0).text.startswith("✓")
        assert claims.get_option_at_index(1).prompt.plain.startswith("?")


async def test_an_accept_takes_the_stored_record_without_reading_the_article_again(sample_store: Store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        article_id = open_odd_article(app, sample_store)
        await pilot.pause()
        reads: list[int] = []
        spans = sample_store.spans
        sample_store.spans = lambda a, *args, **kwargs: reads.append(a) or spans(a, *args, **kwargs)
        app.reader.focus()
        await pilot.press("n", "a")
        await pilot.pause()
        accepted = [s for s in app.reader.index.spans if s.status == "accepted"]
        assert [s.kind for s in accepted] == ["claim"] and reads == []
        await pilot.press("u")  # undo returns an action, not a span: the spans are read again
        await pilot.pause()
        assert reads == [article_id]
        assert not [s for s in app.reader.index.spans if s.status == "accepted"]
