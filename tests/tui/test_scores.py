"""The model's scores in the reader (issues 21 and 22): a claim's
check-worthiness and a quote's speaker confidence in the side panel and the
lists, ``z`` walking the suggestions from the least certain up, ``order =
"uncertain"`` in copydesk.toml making n / a / x / i follow it, and
``copydesk review`` putting quotes with a speaker confidence below 0.5 first.

The article is real news text (../shared/data/article-pages, the scrapinghub
benchmark, MIT); its spans carry the scores as the scorers write them
(``attrs["score"]``, ``attrs["speaker_score"]``)."""
from __future__ import annotations

from rich.text import Text

from annotators.types import Span
from store import Store
from tui.config import LabelSets, label_sets_from_mapping
from tui.screens.help import help_tables
from tui.screens.review import ReviewApp, review_items
from tui.widgets.panel import SpanDetails, SpanList

from .conftest import SIZE, add_article, make_app

TEXT = ("Toyota says the battery is mounted under the floor, giving the SUV a lower center of gravity. "
        "\u201cIt grabbed me by the heart the moment I heard it,\u201d he said. "
        "The new engine is 20% more powerful than the current model. "
        "VW says the car is a preview of a production vehicle for North America and Europe.")


def at(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


SURE_CLAIM = at("Toyota says the battery is mounted under the floor, giving the SUV a lower center of gravity.")
NEAR_CLAIM = at("The new engine is 20% more powerful than the current model.")
QUOTE = at("\u201cIt grabbed me by the heart the moment I heard it,\u201d")
UNSCORED = at("VW says the car is a preview of a production vehicle for North America and Europe.")
ENTITY = at("Toyota")


AT_HALF = LabelSets(claim_threshold=0.5)  # the certainties noted below are measured from 0.5


def scored_spans() -> list[Span]:
    return [
        Span(*SURE_CLAIM, "CLAIM", "claim", {"tags": ["attribution"], "score": 0.95}),   # certainty 0.9
        Span(*NEAR_CLAIM, "CLAIM", "claim", {"tags": ["statistic"], "score": 0.55}),     # certainty 0.1
        Span(*QUOTE, "QUOTE", "quote", {"speaker": "he", "cue": "said", "speaker_score": 0.42}),  # 0.42
        Span(*UNSCORED, "CLAIM", "claim", {"tags": ["attribution"]}),                   # no score: last
        Span(*ENTITY, "ORG", "entity"),                                                 # no score: last
    ]


def scored_store(tmp_path) -> tuple[Store, int]:
    store = Store.open(tmp_path / "scores.db", annotator="tester")
    article_id = add_article(store, TEXT, scored_spans(), title="Scores")
    return store, article_id


def span_at(store: Store, article_id: int, bounds: tuple[int, int], kind: str):
    return next(s for s in store.spans(article_id) if (s.start, s.end) == bounds and s.kind == kind)


def panel_text(app) -> Text:
    return app.query_one(SpanDetails).render()


async def test_the_panel_and_the_lists_show_the_claim_score_and_the_speaker_confidence(tmp_path):
    store, article_id = scored_store(tmp_path)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.reader.go_to_span(span_at(store, article_id, NEAR_CLAIM, "claim"))
        await pilot.pause()
        shown = panel_text(app)
        assert isinstance(shown, Text) and "score    0.55 (check-worthiness)" in shown.plain
        app.reader.go_to_span(span_at(store, article_id, QUOTE, "quote"))
        await pilot.pause()
        assert "sure     0.42 (the speaker's confidence)" in panel_text(app).plain
        app.reader.go_to_span(span_at(store, article_id, UNSCORED, "claim"))
        await pilot.pause()
        plain = panel_text(app).plain
        assert "score " not in plain and "sure " not in plain  # no score, no line
        lists = {lst.kind: [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]
                 for lst in app.query(SpanList)}
        assert [p.endswith(" 0.95") for p in lists["claim"]] == [True, False, False]
        assert lists["claim"][1].endswith(" 0.55") and lists["quote"][0].endswith("he 0.42")
    store.close()


async def test_w_walks_the_suggestions_from_the_least_certain_up_unscored_last(tmp_path):
    store, article_id = scored_store(tmp_path)
    expected = [(NEAR_CLAIM, "claim"), (QUOTE, "quote"), (SURE_CLAIM, "claim"), (ENTITY, "entity"),
                (UNSCORED, "claim"), (NEAR_CLAIM, "claim")]  # text order among the unscored, then round again
    app = make_app(store, labels=AT_HALF)
    async with app.run_test(size=SIZE) as pilot:
        visited = []
        for _ in expected:
            await pilot.press("z")
            current = app.reader.current
            visited.append(((current.start, current.end), current.kind))
        assert visited == expected
    store.close()


async def test_w_skips_what_is_reviewed_and_says_when_nothing_is_left(tmp_path):
    store, article_id = scored_store(tmp_path)
    store.accept(span_at(store, article_id, NEAR_CLAIM, "claim").id)
    app = make_app(store, labels=AT_HALF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")
        assert (app.reader.current.start, app.reader.current.end) == QUOTE
        await pilot.press("R")  # accept the rest
        await pilot.pause()
        await pilot.press("z")
        assert "no suggestion left to review" in str(app.query_one("#status").render())
    store.close()


async def test_order_uncertain_makes_accept_go_on_to_the_least_certain_left(tmp_path):
    store, article_id = scored_store(tmp_path)
    app = make_app(store, labels=LabelSets(order="uncertain", claim_threshold=0.5))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert (app.reader.current.start, app.reader.current.end) == NEAR_CLAIM
        await pilot.press("a")
        assert (app.reader.current.start, app.reader.current.end) == QUOTE
        await pilot.press("x")
        assert (app.reader.current.start, app.reader.current.end) == SURE_CLAIM
    assert span_at(store, article_id, NEAR_CLAIM, "claim").status == "accepted"
    store.close()


async def test_without_a_claim_threshold_z_measures_from_the_scorers_own(tmp_path):
    """Unset in copydesk.toml, the threshold is the shipped scorer's (0.85): the 0.95 claim, 0.10
    from it, is then the least sure (certainty 0.12), the 0.55 claim next (0.35), the 0.42 quote after."""
    store, _ = scored_store(tmp_path)
    app = make_app(store, labels=LabelSets())
    async with app.run_test(size=SIZE) as pilot:
        visited = []
        for _ in range(3):
            await pilot.press("z")
            visited.append((app.reader.current.start, app.reader.current.end))
        assert visited == [SURE_CLAIM, NEAR_CLAIM, QUOTE]
    store.close()


async def test_order_text_keeps_n_in_text_order(tmp_path):
    store, _ = scored_store(tmp_path)
    app = make_app(store, labels=LabelSets())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert (app.reader.current.start, app.reader.current.end) == SURE_CLAIM
    store.close()


def test_order_and_claim_threshold_are_read_from_copydesk_toml_and_bad_values_named():
    sets = label_sets_from_mapping({"order": "uncertain", "claim_threshold": 0.7}, "copydesk.toml")
    assert (sets.order, sets.claim_threshold, sets.problems) == ("uncertain", 0.7, ())
    bad = label_sets_from_mapping({"order": "random", "claim_threshold": 2}, "copydesk.toml")
    assert (bad.order, bad.claim_threshold) == ("text", None)  # None: the claim scorer's own threshold
    assert [p.split(":")[1].split()[0] for p in bad.problems] == ["order", "claim_threshold"]


def test_the_help_screen_lists_z():
    rows = " ".join(str(cell) for table in help_tables(LabelSets()) if hasattr(table, "columns")
                    for column in table.columns for cell in column._cells)
    assert "least certain up" in rows


def review_db(tmp_path) -> Store:
    """Two annotators who differ on both quotes of one article: the later quote's
    speaker is the one the model is unsure of."""
    path = tmp_path / "team.db"
    ana = Store.open(path, "ana")
    sure = Span(*at("Toyota says the battery"), "QUOTE", "quote", {"speaker": "Toyota", "speaker_score": 0.91})
    unsure = Span(*QUOTE, "QUOTE", "quote", {"speaker": "he", "speaker_score": 0.31})
    article_id = add_article(ana, TEXT, [sure, unsure], title="Team")
    ben = Store.open(path, "ben")
    for span in ana.spans(article_id):
        ana.accept(span.id)
        ben.reject(span.id)
    ana.mark_done(article_id), ben.mark_done(article_id)  # review takes articles every annotator finished
    ben.close()
    return ana


def test_review_puts_quotes_with_a_speaker_confidence_below_one_half_first(tmp_path):
    store = review_db(tmp_path)
    items = review_items(store)
    assert [(i.difference.start, i.speaker_score) for i in items] == [(QUOTE[0], 0.31), (0, 0.91)]
    store.close()


async def test_review_screen_shows_the_speaker_confidence(tmp_path):
    store = review_db(tmp_path)
    reviewer = Store.open(tmp_path / "team.db", "rita")
    app = ReviewApp(reviewer)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        where = str(app.screen.query_one("#review-where").render())
        assert "(speaker confidence 0.31)" in where
    reviewer.close()
    store.close()
