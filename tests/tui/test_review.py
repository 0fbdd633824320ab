"""ReviewScreen (Pilot) on the sample database where ana and ben judged two
articles differently (tests/team_fixtures.py): two differences, GPE/ORG on
"Brussels" in article 1, accepted/rejected "Antony Blinken" in article 2."""
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
        assert isinstance(screen, ReviewScreen) and len(screen.items) == 2
        shown = versions_shown(app)
        assert "ana" in shown and "ben" in shown and "GPE" in shown and "ORG" in shown
        await pilot.press("1")  # ana's GPE
        assert screen.at == 1 and screen.open_count == 1
        await pilot.press("2")  # ben's rejection
        assert screen.open_count == 0
        assert "every difference is resolved" in str(screen.query_one("#review-status").render())
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
        assert screen.open_count == 0
        await pilot.press("u")  # takes back the rejection only
        assert screen.open_count == 1 and screen.at == 1
        await pilot.press("1")  # ana's accept
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
            assert screen.at == 1 and screen.open_count == 1  # moved on at once: 1 again decides the next one
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


async def test_a_label_that_is_not_one_token_is_refused_in_review(team_db, tmp_path):
    """Issue 20: `MY LABEL x;y` was stored, and the CoNLL export wrote `B-MY LABEL x;y` (read back as MY)."""
    store = Store.open(team_db, "rita")
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l")
        box = screen.query_one("#review-label")
        box.value = "MY LABEL x;y"
        await pilot.press("enter")
        status = str(screen.query_one("#review-status").render())
        assert "'MY LABEL x;y'" in status and "one token" in status and "nothing changed" in status
        assert screen.items[0].decided is None and screen.open_count == 2
    brussels = span_id(store, 1, "GPE", "Brussels")
    assert [j for j in store.judgments(brussels) if j.layer == "gold"] == []
    store.close()
