"""The small things of issue 23, each as a user meets it (Pilot, the sample database)."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import SelectionList

from tui.screens.help import KEY_WIDTH, help_tables
from tui.screens.pickers import NoteEditor, TagPicker
from tui.widgets.panel import hanging

from .conftest import make_app
from .key_helpers import first_article, first_of, go_to, rendered_text, status_text

SIZE = (160, 48)


async def test_filter_then_enter_opens_the_one_match(sample_store):
    malta = next(a for a in sample_store.article_ids() if "Malta" in sample_store.get_article(a).text)
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.article.id != malta
        await pilot.press("slash", *"Malta", "enter")
        await pilot.pause()
        assert app.article.id == malta and app.focused is app.reader
        assert "opened the one match" in status_text(app)


async def test_opening_an_article_from_the_list_puts_the_caret_on_the_span_last_worked_on(sample_store):
    article_ids = sample_store.article_ids()
    second = article_ids[1]
    span = sample_store.spans(second)[5]
    sample_store.accept(span.id)  # remembered as where this annotator was in that article
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_article(article_ids[0])
        await pilot.pause()
        app.article_list.focus()
        app.article_list.move_to(1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.article.id == second and app.reader.current is not None and app.reader.current.id == span.id


async def test_u_with_nothing_left_to_undo_says_so_and_status_lines_speak_plainly(sample_store):
    article_id = first_article(sample_store)
    claim = first_of(sample_store, article_id, "claim")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")  # accept the rest: one action
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        status = status_text(app)
        assert "undid the accept of several suggestions" in status and "accept_many" not in status
        await go_to(app, pilot, claim.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"check", "enter")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        status = status_text(app)
        assert status.startswith(" saved  undid the note on claim") and "judgment" not in status
        await pilot.press("u")
        await pilot.pause()
        assert "nothing to undo" in status_text(app)


def test_help_has_the_rule_it_points_to_and_a_narrow_key_column():
    from tui.config import LabelSets

    parts = help_tables(LabelSets())
    shown = "\n".join(rendered_text(p) for p in parts)
    assert "under the tables" not in shown and "How n chooses the next span" in shown
    widths = [p.columns[0].width for p in parts if hasattr(p, "columns")]
    assert widths and max(widths) <= KEY_WIDTH


async def test_at_80_by_24_the_header_keeps_suggestions_left_and_the_footer_keeps_help(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.load_progress()
        for _ in range(20):
            if app.progress:
                break
            await pilot.pause()
        header = str(app.query_one("#title-bar").render())
        assert "suggestions left" in header and len(header) <= 80
        help_keys = [k for k in app.screen.query("FooterKey") if k.description == "help"]
        assert help_keys and 0 < help_keys[0].region.width and help_keys[0].region.right <= 80


async def test_ticked_and_unticked_tags_differ_by_a_mark(sample_store):
    article_id = first_article(sample_store)
    claim = first_of(sample_store, article_id, "claim")
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(app, pilot, claim.id)
        await pilot.press("t")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, TagPicker)
        tags = picker.query_one("#tags", SelectionList)

        def prompt(i: int) -> str:
            return str(tags.get_option_at_index(i).prompt)

        assert prompt(0).startswith("[ ] ")
        await pilot.press("1")
        await pilot.pause()
        assert prompt(0).startswith("[x] ") and prompt(1).startswith("[ ] ")


def test_a_wrapped_side_panel_value_continues_under_the_value():
    text = Text("CLAIM CLAIM\nthe span\n\nnote     a very long note that must wrap over several lines\nby       ana")
    lines = hanging(text, 30).plain.split("\n")
    assert lines[3:7] == ["note     a very long note that", "         must wrap over", "         several lines",
                          "by       ana"]
