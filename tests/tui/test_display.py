"""What the screen shows: text as data, lazy list, long articles, nested styles."""
from __future__ import annotations


from annotators.types import Span
from store import Store
from store import articles as article_rows
from store.db import transaction
from tui.widgets.article_list import PAGE_SIZE
from tui.widgets.spanview import LineMap, SpanIndex, kind_style, paint_line, visible
from rich.console import Console
from rich.text import Text

from .conftest import SIZE, add_article, make_app

HOSTILE = (
    "Officials said [bold]nothing[/] about [link=https://evil.example]this[/link] "
    "or [@click=app.quit]click me[/].\n"
    "Clear: \x1b[2J. Clipboard: \x1b]52;c;aGVsbG8=\x07. Link: \x1b]8;;https://x.example\x1b\\x\x1b]8;;\x1b\\ end.\n"
    "Bell\x07 and form feed\x0c and nul\x00 here."
)


def screen_text(app) -> str:
    return "\n".join(app.reader.get_line(i).plain for i in range(app.reader.document.line_count))


async def test_markup_and_escape_sequences_show_literally_and_do_nothing(store: Store):
    title = "[red]Title[/] \x1b[31m"
    article_id = add_article(store, HOSTILE, [Span(0, 9, "ORG", "entity")], title=title)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_article(article_id)
        await pilot.pause()
        shown = screen_text(app)
        for literal in ("[bold]nothing[/]", "[link=https://evil.example]this[/link]", "[@click=app.quit]click me[/]"):
            assert literal in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\x00" not in shown
        assert "␛[2J" in shown and "␛]52;c;aGVsbG8=␇" in shown
        # One symbol for one control character: offsets into the article still hold.
        assert len(app.reader.text) == len(HOSTILE)
        # The title line and the list show the title literally too.
        assert "[red]Title[/]" in str(app.query_one("#article-title").content)
        row = app.article_list._title_line(app.article_list.row(0), 40).plain
        assert "[red]Title[/]" in row and "\x1b" not in row
        # Clicking the would-be link does nothing: the app is still running.
        x, y = app.reader.wrapped_document.location_to_offset(app.reader.location_of(HOSTILE.index("click me")))
        await pilot.click(app.reader, offset=(x + 1, y))
        await pilot.pause()
        assert app.is_running
        # What the terminal would be sent for the reader's rows: literal, no escapes.
        rows = ["".join(segment.text for segment in app.reader.render_line(y)) for y in range(app.reader.size.height)]
        painted = "".join(row.rstrip() for row in rows)
        assert "[@click=app.quit]click" in painted and "\x1b" not in painted


def test_visible_replaces_each_control_character_with_one_symbol():
    text = "a\x1bb\rc\r\nd\x85e\u2028f\tg"
    shown = visible(text)
    assert len(shown) == len(text)
    assert shown.splitlines() == ["a␛b␍c", "d\ufffde\ufffdf\tg"]


def test_line_map_round_trips_offsets_with_crlf():
    text = "one\r\ntwo\n\nthree"
    lines = visible(text).splitlines()
    line_map = LineMap(text, lines)
    for offset, char in enumerate(text):
        if char in "\r\n":
            continue
        row, column = line_map.location(offset)
        assert lines[row][column] == char
        assert line_map.offset((row, column)) == offset


def test_nested_spans_all_leave_their_mark():
    from store import SpanRecord

    def record(i, start, end, kind, label, status="suggested"):
        return SpanRecord(id=i, article_id=1, start=start, end=end, label=label, kind=kind, origin="model", status=status)

    claim = record(1, 0, 30, "claim", "CLAIM")
    quote = record(2, 5, 25, "quote", "QUOTE", "accepted")
    person = record(3, 10, 15, "entity", "PERSON")
    line = paint_line(Text("x" * 40), 0, [person, quote, claim], current=None)
    at_person = line.get_style_at_offset(Console(), 12)
    assert at_person.underline and at_person.bgcolor is not None and at_person.color is not None
    assert at_person.italic  # a suggestion
    order = SpanIndex([person, quote, claim]).spans
    assert [s.id for s in order] == [1, 2, 3]  # outer first: n visits each in turn
    assert kind_style(record(4, 0, 3, "entity", "ORG", "rejected")).strike


async def test_list_of_5000_articles_fetches_only_what_is_on_screen(store: Store):
    with transaction(store.db):
        for i in range(5000):
            article_rows.insert_article(store.db, {"text": f"Article number {i} about things.", "raw": "", "content_hash": f"h{i}",
                                                   "title": f"Story {i}", "path": f"/p/{i}"})
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        articles = app.article_list
        assert articles.total == 5000
        assert articles.rows_loaded <= PAGE_SIZE
        await pilot.press("N")
        assert app.article.title == "Story 1"
        articles.focus()
        await pilot.press("end")
        await pilot.pause()
        assert articles.highlighted.title == "Story 4999"
        assert articles.rows_loaded <= 2 * PAGE_SIZE
        await pilot.press("enter")
        assert app.article.title == "Story 4999"


async def test_a_20000_word_article_opens_and_p_wraps_to_its_last_span(store: Store):
    # How fast it opens is measured in bench/ (a ratio in one run), never asserted here.
    paragraph = "Minister Ana Costa said the budget of 4 billion euros would grow. " * 20
    text = "\n\n".join(paragraph.strip() for _ in range(160))
    assert len(text.split()) >= 20_000
    spans = []
    for at in range(0, len(text) - 20, 997):
        spans.append(Span(at, at + 8, "PERSON", "entity"))
    article_id = add_article(store, text, spans, title="Long")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_article(article_id)
        await pilot.pause()
        assert app.article.id == article_id
        await pilot.press("p")  # wraps to the last span
        last = max(SpanIndex(store.spans(article_id)).spans, key=lambda s: (s.start, -s.end))
        assert app.reader.current.id == last.id
        assert app.reader.scroll_offset.y > 100


async def test_a_long_title_is_cut_to_one_line_and_the_source_line_stays_visible(sample_store: Store):
    # All of sample_data's titles are wider than the centre column: wrapped, they
    # pushed the source / byline / date / file line out of the two-row title box.
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        article = next(a for a in (sample_store.get_article(i) for i in range(1, 6)) if a.source)
        app.open_article(article.id)
        await pilot.pause()
        title = app.query_one("#article-title")
        rows = ["".join(s.text for s in title.render_line(y)).strip() for y in range(title.size.height)]
        assert len(rows) == 2
        assert rows[0].endswith("…") and rows[0].startswith(article.title[:20])
        assert rows[1].startswith(article.source)
