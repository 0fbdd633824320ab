"""Keys that arrive in one burst (a fast typist, a paste of keys, tmux
send-keys, a machine busy repainting) are all kept, in order (issue 15: "/blin"
typed at once left the filter empty and ran i, ignore, on the reader).

Pilot's press() waits for the app to go idle after every key, which hides the
bug: ``burst`` hands the driver every key at once, as a terminal does when the
app is slower than the typist."""
from __future__ import annotations

from textual import events
from textual.widgets import Input

from .conftest import SIZE, make_app

CHARACTERS = {"slash": "/", "space": " ", "enter": "\r", "escape": "\x1b", "backspace": "\x7f"}


async def burst(pilot, *keys: str, until=None) -> None:
    """Send every key before the app has handled the first, then wait for it."""
    app = pilot.app
    for key in keys:
        character = key if len(key) == 1 else CHARACTERS.get(key)
        app._driver.send_message(events.Key(key, character))
    for _ in range(40):  # the app works through the keys; stop as soon as it is done
        await pilot.pause()
        if until is not None and until():
            break


def first_span(app, kind: str, label: str | None = None):
    return next(s for s in app.reader.index.spans if s.kind == kind and (label is None or s.label == label))


async def test_keys_typed_at_once_after_slash_all_land_in_the_filter(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        spans_before = sample_store.spans(app.article.id)
        await burst(pilot, "slash", "b", "l", "i", "n", until=lambda: app.article_list.query == "blin")
        assert app.query_one("#filter", Input).value == "blin"
        assert app.focused is app.query_one("#filter", Input)
        assert sample_store.spans(app.article.id) == spans_before  # no i (ignore) or l (relabel) on the reader


async def test_a_burst_that_filters_then_comes_back_keeps_its_order(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "slash", "N", "A", "T", "O", "escape", "n", until=lambda: app.reader.current is not None)
        assert app.query_one("#filter", Input).value == ""
        assert app.focused is app.reader  # escape went back to the reader, then n moved there
        assert app.reader.current is not None


async def test_a_name_typed_at_once_in_the_speaker_picker_is_kept_whole(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        quote = first_span(app, "quote")
        app.reader.go_to_span(quote)
        await pilot.pause()
        await burst(pilot, "s", "R", "u", "t", "t", "e", "enter",
                    until=lambda: sample_store.spans(app.article.id, kinds=["quote"])[0].speaker == "Rutte")
        saved = {s.id: s for s in sample_store.spans(app.article.id)}[quote.id]
        assert saved.speaker == "Rutte"


async def test_a_label_typed_at_once_in_the_label_picker_chooses_it(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        person = first_span(app, "entity", "PERSON")
        app.reader.go_to_span(person)
        await pilot.pause()
        relabelled = lambda: {s.id: s for s in sample_store.spans(app.article.id)}[person.id].label == "GPE"  # noqa: E731
        await burst(pilot, "l", "g", "p", "e", "enter", until=relabelled)
        assert relabelled()


async def test_a_note_typed_at_once_is_saved_whole(sample_store):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        claim = first_span(app, "claim")
        app.reader.go_to_span(claim)
        await pilot.pause()
        noted = lambda: {s.id: s for s in sample_store.spans(app.article.id)}[claim.id].note == "check it"  # noqa: E731
        await burst(pilot, "enter", *"check", "space", *"it", "enter", until=noted)
        assert noted()


async def test_the_comparison_picker_keeps_a_filter_typed_at_once(sample_store):
    first = sample_store.list_articles(limit=1)[0].id
    if sample_store.story_members(first) not in (None, [first]):
        sample_store.split_story([first])  # alone in its story: o opens the picker
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "o", *"rutte", until=lambda: _pick_filter(app) == "rutte")
        assert _pick_filter(app) == "rutte"


def _pick_filter(app) -> str | None:
    try:
        return app.screen.query_one("#pick-filter", Input).value
    except Exception:
        return None


async def test_a_key_typed_at_once_after_a_picker_closes_goes_to_the_reader(sample_store):
    """enter on the picker's list posts OptionSelected, which closes it: the n
    behind it waits for that, then moves in the reader (it was typed into the
    closing picker)."""
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        person = first_span(app, "entity", "PERSON")
        app.reader.go_to_span(person)
        await pilot.pause()
        await burst(pilot, "l", "o", "r", "g", "enter", "n",
                    until=lambda: app.reader.current is not None and app.reader.current.id != person.id)
        assert {s.id: s for s in sample_store.spans(app.article.id)}[person.id].label == "ORG"
        assert app.screen is app.screen_stack[0]
        assert app.reader.current is not None and app.reader.current.id != person.id
