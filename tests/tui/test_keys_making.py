"""Keys that make spans (entities, quotes, claims) and edit quotes and claims."""
from __future__ import annotations

from tui.config import CLAIM_TAGS, ENTITY_LABELS, VERDICTS
from tui.screens.pickers import ChoicePicker, NoteEditor, SpeakerPicker, TagPicker

from .conftest import SIZE, make_app
from .key_helpers import first_article, first_of, go_to, select

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
