"""Moving the caret and selecting by keyboard (w, W, ( ), { }, S, ctrl+f, ] [):
adding "dual-use goods" takes a handful of keys, not the 66 arrows it took."""
from __future__ import annotations

from tui.screens.pickers import ChoicePicker

from .conftest import SIZE, make_app
from .key_helpers import first_article, status_text

PHRASE = "dual-use goods"


def selected(app) -> str:
    reader = app.reader
    a, b = sorted((reader.offset_of(reader.selection.start), reader.offset_of(reader.selection.end)))
    return reader.article_text[a:b]


async def test_an_entity_in_mid_paragraph_takes_at_most_eight_keys_from_the_span_under_the_caret(sample_store):
    article_id = first_article(sample_store)
    text = sample_store.get_article(article_id).text
    assert "Moscow is buying dual-use goods from China" in text
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        moscow = next((s for s in app.reader.index.spans if text[s.start:s.end] == "Moscow"), None)
        if moscow is not None:
            app.reader.go_to_span(moscow)
        else:
            app.reader.move_cursor(app.reader.location_of(text.index("Moscow is buying")))
        await pilot.pause()
        keys = ["w", "w", "w", "W", "W", "e", "1"]  # is, buying, dual-use; select two words; entity; PERSON
        await pilot.press(*keys[:5])
        assert selected(app) == PHRASE
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press(keys[-1])
        await pilot.pause()
    assert len(keys) <= 8
    made = [s for s in sample_store.spans(article_id) if s.origin == "human"]
    assert [(text[s.start:s.end], s.kind) for s in made] == [(PHRASE, "entity")]


async def test_find_selects_the_match_and_brackets_step_through_the_others(sample_store):
    article_id = first_article(sample_store)
    text = sample_store.get_article(article_id).text
    blinkens = [i for i in range(len(text)) if text.startswith("Blinken", i)]
    assert len(blinkens) >= 3
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"blinken", "enter")
        await pilot.pause()
        assert app.reader.has_focus and selected(app) == "Blinken"
        assert app.reader.offset_of(app.reader.selection.start) == blinkens[0]
        assert f"match 1 of {len(blinkens)}" in status_text(app)
        await pilot.press("right_square_bracket")
        assert app.reader.offset_of(app.reader.selection.start) == blinkens[1]
        await pilot.press("left_square_bracket", "left_square_bracket")  # back to the first, then wrap to the last
        assert app.reader.offset_of(app.reader.selection.start) == blinkens[-1]
        await pilot.press("ctrl+f", *"zzqx")
        await pilot.pause()
        assert "no match for" in status_text(app)
        await pilot.press("escape")
        assert app.reader.has_focus


async def test_sentence_and_paragraph_motions_and_select_the_sentence(sample_store):
    article_id = first_article(sample_store)
    text = sample_store.get_article(article_id).text
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.move_cursor((0, 0))
        await pilot.press("right_curly_bracket")  # the second paragraph
        second = text.index("\n") + 1
        while text[second].isspace():
            second += 1
        assert app.reader.caret_offset == second
        await pilot.press("S")
        sentence = selected(app)
        assert text.startswith(sentence, second) and sentence.endswith(".") and "\n" not in sentence
        await pilot.press("right_parenthesis")
        assert app.reader.caret_offset > second + len(sentence) - 1
        await pilot.press("left_parenthesis")  # the sentence before: the one selected
        assert app.reader.caret_offset == second
        await pilot.press("left_curly_bracket")
        assert app.reader.caret_offset == 0
