"""ReviewScreen (Pilot) on the sample database where ana and ben judged two
articles differently and marked both done (tests/team_fixtures.py): three
differences, GPE/ORG on "Brussels" in article 1, accepted/rejected "Antony
Blinken" and ben's "Christopher Cavoli" (ana finished without it) in article 2."""
from __future__ import annotations

import json

import pytest

from store import Store
from tests.compare_fixtures import copy_db
from tests.store._datasets import cli
from tests.team_fixtures import span_id, two_annotators
from tui.screens.review import ReviewApp, ReviewScreen

from .conftest import write_lock_held

SIZE = (120, 40)


@pytest.fixture
def team_db(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    two_annotators(db)
    return db


def exported(db, out) -> dict[int, list[tuple[str, str]]]:
    result = cli("export", "-f", "jsonl", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {i: sorted((r["text"][s["start"]:s["end"]], s["label"]) for s in r["spans"]) for i, r in enumerate(rows, 1)}


def versions_shown(app) -> str:
    return str(app.screen.query_one("#review-versions").render())


async def test_keys_take_each_annotators_version_and_the_export_is_the_reviewed_gold(team_db, tmp_path):
    before = exported(team_db, tmp_path / "before.jsonl")
    assert ("Brussels", "GPE") not in before[1] and ("Antony Blinken", "PERSON") not in before[2]  # unresolved
    store = Store.open(team_db, "rita")
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and len(screen.items) == 3
        shown = versions_shown(app)
        assert "ana" in shown and "ben" in shown and "GPE" in shown and "ORG" in shown
        await pilot.press("1")  # ana's GPE
        assert screen.at == 1 and screen.open_count == 2
        await pilot.press("2")  # ben's rejection of Blinken
        await pilot.press("2")  # ben's Cavoli
        assert screen.open_count == 0
        assert "Every difference is resolved" in str(screen.query_one("#review-status").render())
    brussels = span_id(store, 1, "GPE", "Brussels")
    gold = [j for j in store.judgments(brussels) if j.layer == "gold"]
    assert [(j.annotator, j.label) for j in gold] == [("rita", "GPE")]
    assert store.differences(1) == [] and store.differences(2) == []
    store.close()
    after = exported(team_db, tmp_path / "after.jsonl")
    assert after[1] == [("Antony Blinken", "PERSON"), ("Brussels", "GPE")]
    assert after[2] == [("Christopher Cavoli", "PERSON")]  # Blinken rejected, as ben had it


async def test_reviewer_relabels_rejects_undoes_and_moves(team_db, tmp_path):
    store = Store.open(team_db, "rita")
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("n")
        assert screen.at == 1
        await pilot.press("p")
        assert screen.at == 0
        await pilot.press("l")
        box = screen.query_one("#review-label")
        assert box.display and box.value == "GPE"
        box.value = ""
        await pilot.press("L", "O", "C", "enter")
        assert not box.display and screen.items[0].decided == "relabelled LOC by the reviewer"
        await pilot.press("x")  # article 2's Blinken: rejected by the reviewer
        await pilot.press("1")  # ana's "not a span" for Cavoli: rejected
        assert screen.open_count == 0
        await pilot.press("u")  # takes back the last decision only
        assert screen.open_count == 1 and screen.at == 2
        await pilot.press("p", "u")  # and the Blinken rejection
        assert screen.open_count == 2 and screen.at == 1
        await pilot.press("1", "2")  # ana's accept of Blinken, ben's Cavoli
    after = exported(team_db, tmp_path / "after.jsonl")
    store.close()
    assert after[1] == [("Antony Blinken", "PERSON"), ("Brussels", "LOC")]
    assert after[2] == [("Antony Blinken", "PERSON"), ("Christopher Cavoli", "PERSON")]


def test_review_with_one_annotator_says_there_is_nothing_to_review(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    ana = Store.open(db, "ana")
    ana.accept(span_id(ana, 1, "PERSON", "Antony Blinken"))
    ana.close()
    result = cli("review", "--db", db, "--annotator", "rita")
    output = " ".join(result.output.split())
    assert result.exit_code == 0 and "nothing to review: one annotator (ana)" in output


async def test_a_review_decision_waits_for_another_process_lock_and_lands_once(team_db):
    store = Store.open(team_db, "rita")
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        with write_lock_held(team_db):
            await pilot.press("1")  # ana's GPE, queued behind the lock
            assert screen.at == 1 and screen.open_count == 2  # moved on at once: 1 again decides the next one
            assert not app.writer.idle
        for _ in range(200):
            if app.writer.idle:
                break
            await pilot.pause()
        assert app.writer.idle
    brussels = span_id(store, 1, "GPE", "Brussels")
    assert [(j.annotator, j.label) for j in store.judgments(brussels) if j.layer == "gold"] == [("rita", "GPE")]
    assert store.db.execute("select count(*) from actions where annotator = 'rita'").fetchone()[0] == 1
    store.close()


async def test_an_article_not_every_annotator_finished_is_waiting_not_reviewable(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    two_annotators(db, finished=False)
    Store.open(db, "ana").mark_done(1)
    result = cli("review", "--db", db, "--annotator", "rita")
    output = " ".join(result.output.split())
    assert "nothing to review" in output
    assert "article 1 (ben has not finished)" in output and "article 2 (ana, ben have not finished)" in output
    Store.open(db, "ben").mark_done(1)
    store = Store.open(db, "rita")
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert [item.article_id for item in screen.items] == [1]  # Brussels only: article 2 waits
        assert "waiting: article 2 (ana, ben have not finished)" in str(screen.query_one("#review-where").render())
        await pilot.press("1", "d")
        await pilot.pause()
        status = str(screen.query_one("#review-status").render())
        assert "article 1 marked reviewed: its unmarked text is negative in the gold (ana, ben finished it)" in status
    assert store.gold_done(1) and not store.gold_done(2)
    store.close()


async def test_the_gold_line_under_a_difference_describes_that_difference(team_db):
    store = Store.open(team_db, "rita")
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("1")  # difference 1 (Brussels): ana's GPE
        assert screen.at == 1
        shown = versions_shown(app)
        assert "gold: open" in shown and "GPE" not in shown  # difference 2's gold is still open
        status = str(screen.query_one("#review-status").render())
        assert status.startswith("difference 1: gold is ana's version (accepted GPE); now difference 2")
        await pilot.press("p")
        assert "gold: ana's version (accepted GPE)" in versions_shown(app)
    store.close()


async def test_each_annotators_version_shows_the_whole_paragraph_without_empty_rows(team_db):
    store = Store.open(team_db, "rita")
    text = store.get_article(2).text
    app = ReviewApp(store)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        await pilot.press("n", "n")  # Cavoli: ben kept it, ana finished without it
        shown = versions_shown(app)
        paragraph = next(p for p in text.split("\n") if "Christopher Cavoli" in p)
        assert len(paragraph) > 2 * 80 and shown.count(paragraph) == 2  # ana's and ben's version of it, whole
        assert "ana  does not have this span" in shown and "ben  accepted" in shown
        assert "\n\n\n" not in shown
        versions = screen.query_one("#review-top")
        assert versions.size.height <= 12  # no rows of nothing under the context
        gold = screen.query_one("#review-gold")
        assert gold.size.height >= 20 and gold.current is not None and gold.current.start == text.index("Christopher")
    store.close()


async def test_the_reviewer_resizes_a_span_and_adds_one_both_annotators_missed(team_db, tmp_path):
    store = Store.open(team_db, "rita")
    text = store.get_article(1).text
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        gold = screen.query_one("#review-gold")
        assert gold.has_focus and gold.current.start == text.index("Brussels")
        await pilot.press("b", "ctrl+shift+right", "ctrl+shift+right", "enter")  # "Brussels for urgent"
        assert screen.items[0].decided.startswith("resized to 45-64 by the reviewer")
        await pilot.press("p")  # back to article 1 (the decision moved on to article 2)
        # "urgent discussions" in the second paragraph: nobody has it
        at = text.index("urgent discussions")
        gold.move_cursor(gold.location_of(at))
        await pilot.press("ctrl+shift+right", "ctrl+shift+right", "e")
        await pilot.pause()
        await pilot.press("6")  # DATE, the sixth label
        await pilot.pause()
    gold_spans, _ = store.gold_spans(1)
    kept = {(text[r.start:r.end], r.label) for r in gold_spans if r.status in ("accepted", "corrected")}
    assert ("Brussels for urgent", "GPE") in kept and ("urgent discussions", "DATE") in kept
    assert store.differences(1) == []
    ana = Store.open(team_db, "ana")
    assert "urgent discussions" not in {text[s.start:s.end] for s in ana.spans(1)}  # the gold's, not ana's
    ana.close(), store.close()


async def test_the_reviewer_sets_a_quotes_speaker_and_a_claims_verdict_with_the_readers_keys(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    ana, ben = Store.open(db, "ana"), Store.open(db, "ben")
    quote = next(s for s in ana.spans(1) if s.kind == "quote")
    claim = next(s for s in ana.spans(1) if s.kind == "claim")
    ana.set_speaker(quote.id, "Josep Borrell"), ben.set_speaker(quote.id, "Antony Blinken")
    ana.set_verdict(claim.id, "supported"), ben.set_verdict(claim.id, "opinion")
    for person in (ana, ben):
        person.mark_done(1), person.close()
    store = Store.open(db, "rita")
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        kinds = [item.difference.kind for item in screen.items]
        screen.at = kinds.index("quote")
        screen.show()
        await pilot.press("v")  # a verdict is for a claim
        assert "a verdict is for a claim" in str(screen.query_one("#review-status").render())
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("tab", *"Mark Rutte", "enter")
        await pilot.pause()
        screen.at = kinds.index("claim")
        screen.show()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("3")  # the third verdict: unverifiable
        await pilot.pause()
    gold = {j.span_id: j for j in (*store.judgments(quote.id), *store.judgments(claim.id)) if j.layer == "gold"}
    assert gold[quote.id].speaker == "Mark Rutte" and gold[claim.id].verdict == "unverifiable"
    store.close()


async def test_a_steps_through_the_agreed_spans_too_and_back(team_db):
    store = Store.open(team_db, "rita")
    text = store.get_article(1).text
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("A")
        agreed = [i for i in screen.items if i.decided and i.decided.startswith("agreed")]
        assert [(i.article_id, text[i.difference.start:i.difference.end]) for i in agreed] == [(1, "Antony Blinken")]
        assert screen.open_count == 3 and screen.current.difference.label == "GPE"  # still on the first difference
        await pilot.press("p")
        assert "agreed by every annotator" in versions_shown(app) and "ana  accepted" in versions_shown(app)
        await pilot.press("A")
        assert len(screen.items) == 3
    store.close()


async def test_q_and_c_add_a_quote_and_a_claim_to_the_gold_as_in_the_reader(team_db):
    store = Store.open(team_db, "rita")
    text = store.get_article(1).text
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        gold = app.screen.query_one("#review-gold")
        at = text.index("urgent discussions")
        gold.move_cursor(gold.location_of(at))
        await pilot.press("ctrl+shift+right", "ctrl+shift+right", "c")
        await pilot.pause()
        gold.move_cursor(gold.location_of(text.index("Biden")))
        await pilot.press("ctrl+shift+right", "q")
        await pilot.pause()
        assert app.is_running  # q is the reader's quote key here too, not quit
    kept = {(text[r.start:r.end], r.kind) for r in store.gold_spans(1)[0] if r.status == "accepted"}
    assert ("urgent discussions", "claim") in kept and ("Biden", "quote") in kept
    store.close()


async def test_a_label_that_is_not_one_token_is_refused_in_review(team_db, tmp_path):
    """Issue 20: `MY LABEL x;y` was stored, and the CoNLL export wrote `B-MY LABEL x;y` (read back as MY)."""
    store = Store.open(team_db, "rita")
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        open_before = screen.open_count
        await pilot.press("l")
        box = screen.query_one("#review-label")
        box.value = "MY LABEL x;y"
        await pilot.press("enter")
        status = str(screen.query_one("#review-status").render())
        assert "'MY LABEL x;y'" in status and "one token" in status and "nothing changed" in status
        assert screen.items[0].decided is None and screen.open_count == open_before
    brussels = span_id(store, 1, "GPE", "Brussels")
    assert [j for j in store.judgments(brussels) if j.layer == "gold"] == []
    store.close()
