"""Two annotators on one database at the same time lose no action, and a
writer that cannot get the lock gets DatabaseBusy with a clear message after
a bounded wait, never sqlite's bare "database is locked"."""
from __future__ import annotations

import json
import sqlite3

import pytest

import store.db as store_db
from store import DatabaseBusy, Store, StoreError
from tests.reliability.helpers import integrity, seed_store, worker

ACTIONS_EACH = 250


def _finish(proc):
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert "locked" not in err and "Traceback" not in err, err
    done = [line for line in out.splitlines() if line.startswith("done ")]
    printed = [int(line.split()[1]) for line in out.splitlines() if line.startswith("action ")]
    return json.loads(done[0][5:]), printed


def test_two_processes_annotating_at_once_lose_no_action(tmp_path):
    db = tmp_path / "shared.db"
    seed_store(db, articles=10).close()
    a = worker("annotate", str(db), "ana", str(ACTIONS_EACH), "1")
    b = worker("annotate", str(db), "ben", str(ACTIONS_EACH), "2")
    tally_a, printed_a = _finish(a)
    tally_b, printed_b = _finish(b)
    assert sum(tally_a.values()) == sum(tally_b.values()) == ACTIONS_EACH

    assert integrity(db) == "ok"
    store = Store.open(db, annotator="check")
    for name, tally, printed in (("ana", tally_a, printed_a), ("ben", tally_b, printed_b)):
        rows = store.db.execute("select id, action from actions where annotator = ?", [name]).fetchall()
        assert len(rows) == ACTIONS_EACH
        assert {i for i, _ in rows} == set(printed)
        by_action = {}
        for _, action in rows:
            key = "tags" if action == "tag" else action
            key = "done" if action == "not done" else key
            by_action[key] = by_action.get(key, 0) + 1
        assert by_action == tally
    # Each process's spans, as the log says: every add not undone is there.
    added = store.db.execute(
        "select count(*) from actions where action = 'add' and undone = 0"
    ).fetchone()[0]
    assert store.db.execute("select count(*) from spans where origin = 'human'").fetchone()[0] == added


def test_two_processes_creating_a_new_database_at_once_both_succeed(tmp_path):
    db = tmp_path / "fresh.db"
    procs = [worker("annotate-empty", str(db), name) for name in ("ana", "ben", "cy", "dee")]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    store = Store.open(db)
    assert store.schema_version == store_db.SCHEMA_VERSION
    assert integrity(db) == "ok"


def test_a_held_write_lock_gives_database_busy_with_a_clear_message(tmp_path, monkeypatch):
    db = tmp_path / "busy.db"
    seed_store(db, articles=1).close()
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store_db, "LOCK_RETRIES", 2)
    store = Store.open(db, annotator="ana")
    span_id = store.db.execute("select id from spans limit 1").fetchone()[0]
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("begin immediate")
    try:
        with pytest.raises(DatabaseBusy) as caught:
            store.accept(span_id)
    finally:
        holder.execute("rollback")
        holder.close()
    message = str(caught.value)
    assert isinstance(caught.value, StoreError)
    assert "busy" in message and "another copydesk process" in message and "try again" in message
    assert "database is locked" not in message
    # Nothing half-done: the action is not logged, and works once the lock is free.
    assert store.db.execute("select count(*) from actions").fetchone()[0] == 0
    assert store.accept(span_id).status == "accepted"


def test_a_redo_never_overwrites_another_annotators_span(tmp_path):
    # SQLite hands out max(id)+1: the id of a span deleted by an undo used to
    # go to the next new span, which the redo then overwrote.
    db = tmp_path / "ids.db"
    seed_store(db, articles=1).close()
    ana, ben = Store.open(db, annotator="ana"), Store.open(db, annotator="ben")
    mine = ana.add_span(1, 0, 8, "entity", "PERSON")
    assert ana.undo().action == "add"
    theirs = ben.add_span(1, 9, 14, "entity", "ORG")
    assert theirs.id != mine.id
    assert ana.redo().action == "add"
    assert ben.span(theirs.id).label == "ORG" and ana.span(mine.id).label == "PERSON"
    assert ben.undo().target_id == theirs.id
    assert ana.span(mine.id).label == "PERSON"
