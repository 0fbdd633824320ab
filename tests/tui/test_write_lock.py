"""The app never blocks its event loop on SQLite's write lock (issues 15, 16):
with another process in a write transaction, an action waits in the writer
thread, the status line says so, the keys keep working, and the action is
committed once the lock frees, exactly once and in the order made; past the
busy timeout it is refused, with the ones queued behind it, and said so."""
from __future__ import annotations

import pytest

import store.db as store_db
from store import Store, WriteLockHeld
from tui.actions.writing import WAITING
from tui.config import LabelSets

from .conftest import SIZE, make_app, write_lock_held
from .key_helpers import status_text


async def until(pilot, condition, rounds: int = 200) -> None:
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()


def own_actions(store: Store) -> list[tuple[str, int | None]]:
    return [tuple(row) for row in store.db.execute(
        "select action, target_id from actions where annotator = ? order by id", [store.annotator])]


def status_of(store: Store, article_id: int, span_id: int) -> str:
    return {s.id: s for s in store.spans(article_id)}[span_id].status


async def test_an_accept_waits_for_the_lock_while_n_still_moves_and_lands_once(sample_store, db_path):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        span = app.reader.current
        assert span is not None and span.status == "suggested"
        with write_lock_held(db_path):
            await pilot.press("a")
            assert WAITING in status_text(app)
            moved_to = app.reader.current  # a moved on at once (advance)
            await pilot.press("n")
            assert app.reader.current is not None and app.reader.current.id != moved_to.id
            assert status_of(sample_store, app.article.id, span.id) == "suggested"  # not written yet
            assert own_actions(sample_store) == []
        await until(pilot, lambda: app.writer.idle)
        assert app.writer.idle
        assert status_of(sample_store, app.article.id, span.id) == "accepted"
        assert own_actions(sample_store) == [("accept", span.id)]
        assert "saved" in status_text(app) and WAITING not in status_text(app)


async def test_actions_queued_behind_the_lock_are_committed_in_the_order_made(sample_store, db_path):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        first = app.reader.current
        with write_lock_held(db_path):
            await pilot.press("a")
            second = app.reader.current
            await pilot.press("x", "u")  # reject the next one, then undo that reject
            assert app.writer.pending == 3
            assert "3 actions queued" in status_text(app)
        await until(pilot, lambda: app.writer.idle)
        assert own_actions(sample_store) == [("accept", first.id), ("reject", second.id), ("undo", second.id)]
        assert status_of(sample_store, app.article.id, first.id) == "accepted"
        assert status_of(sample_store, app.article.id, second.id) == "suggested"


async def test_past_the_busy_timeout_an_action_and_those_behind_it_are_refused_and_said_so(
        sample_store, db_path, monkeypatch):
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store_db, "LOCK_RETRIES", 1)
    app = make_app(sample_store)
    told: list[str] = []  # every notification (a toast expires; a loaded machine is slow to look)
    notify = app.notify
    app.notify = lambda message, **kwargs: (told.append(message), notify(message, **kwargs))[1]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        with write_lock_held(db_path):
            await pilot.press("a", "a")
            await until(pilot, lambda: app.writer.idle)
            assert app.writer.idle
            assert "the database stayed locked by another process" in status_text(app)
            refusals = [m for m in told if "not saved" in m and "busy" in m]
            assert len(refusals) == 2, told
        assert own_actions(sample_store) == []
        await pilot.press("a")  # the lock is free again: the fast path writes at once
        assert len(own_actions(sample_store)) == 1


async def test_an_action_saved_while_a_dialog_is_open_shows_in_the_reader_behind_it(sample_store, db_path):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        span = app.reader.current
        with write_lock_held(db_path):
            await pilot.press("a", "question_mark")  # the help screen is on top when the accept lands
            await pilot.pause()
            assert app.screen is not app.screen_stack[0]
        await until(pilot, lambda: app.writer.idle)
        assert app.reader.index.by_id[span.id].status == "accepted"
        assert "saved" in status_text_of_main(app)


def status_text_of_main(app) -> str:
    return str(app.screen_stack[0].query_one("#status").render())


async def test_quitting_with_actions_queued_waits_until_they_are_saved(sample_store, db_path):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        span = app.reader.current
        with write_lock_held(db_path):
            await pilot.press("a", "ctrl+q")
            assert app.is_running
            assert "quitting once they are saved" in status_text(app)
        await until(pilot, lambda: not app.is_running)
    assert own_actions(sample_store) == [("accept", span.id)]


async def test_with_done_accepts_rest_one_u_undoes_the_accepts_and_the_done(sample_store):
    app = make_app(sample_store, labels=LabelSets(done_accepts_rest=True))
    async with app.run_test(size=SIZE) as pilot:
        article_id = app.article.id
        left = [s.id for s in sample_store.spans(article_id) if s.status == "suggested"]
        assert left
        await pilot.press("d", "d")
        assert sample_store.get_article(article_id).done
        assert not [s for s in sample_store.spans(article_id) if s.status == "suggested"]
        await pilot.press("u")
        assert not sample_store.get_article(article_id).done
        assert [s.id for s in sample_store.spans(article_id) if s.status == "suggested"] == left
        await pilot.press("ctrl+y")  # and one redo brings both back
        assert sample_store.get_article(article_id).done
        assert not [s for s in sample_store.spans(article_id) if s.status == "suggested"]


def test_a_write_tried_without_waiting_fails_at_once_and_writes_nothing(sample_store, db_path):
    article_id = sample_store.article_ids()[0]
    span = sample_store.spans(article_id)[0]
    with write_lock_held(db_path):
        with pytest.raises(WriteLockHeld):
            with sample_store.without_waiting():
                sample_store.accept(span.id)
    assert own_actions(sample_store) == []
    assert sample_store.db.execute("PRAGMA busy_timeout").fetchone()[0] == store_db.BUSY_TIMEOUT_MS
    sample_store.accept(span.id)  # waits as before outside the block
    assert own_actions(sample_store) == [("accept", span.id)]
