"""A process killed with SIGKILL (no cleanup, no atexit) in the middle of an
import or of a run of annotation actions leaves a database that opens, passes
``PRAGMA integrity_check`` and holds every action that was committed; the
import can be re-run and completes without duplicates."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from collections import Counter

from store import Store
from store.ingest import import_paths
from tests.reliability.helpers import article_text, integrity, seed_store, worker
from tests.reliability.worker import blank_preannotator

ARTICLES = 240
BATCH = 8  # the worker's import batch size
GUARD_S = 90  # only so that a broken child cannot hang the suite


def _write_articles(folder, n):
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(article_text(i), encoding="utf-8")


def _count(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def _kill(proc):
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def _spans_by_path(store):
    rows = store.db.execute(
        "select a.path, s.start, s.end, s.label, s.kind from spans s join articles a on a.id = s.article_id"
    ).fetchall()
    return Counter(rows)


def test_import_killed_after_a_batch_commit_reruns_to_completion_without_duplicates(tmp_path):
    folder = tmp_path / "in"
    _write_articles(folder, ARTICLES)
    db = tmp_path / "crash.db"
    Store.open(db).close()  # the schema exists before the child starts writing
    proc = worker("import", str(db), str(folder), "0.02")
    start = time.monotonic()
    committed = 0
    while committed == 0:
        assert proc.poll() is None, f"import ended before it could be killed: {proc.stderr.read()}"
        assert time.monotonic() - start < GUARD_S, "the import never committed a batch"
        time.sleep(0.005)
        committed = _count(db, "select count(*) from articles")
    _kill(proc)

    assert integrity(db) == "ok"
    store = Store.open(db, annotator="ana")
    kept = store.count_articles()
    # Killed mid-import: whole batches only, and not all of them.
    assert 0 < kept < ARTICLES and kept % BATCH == 0
    report = import_paths(store.db, [folder], blank_preannotator(), batch_size=BATCH)
    assert not report.problems
    assert len(report.added) == ARTICLES - kept and len(report.unchanged) == kept
    assert store.count_articles() == ARTICLES
    assert store.db.execute("select count(distinct content_hash), count(distinct path) from articles").fetchone() == (
        ARTICLES, ARTICLES)

    # Same spans as an import that was never interrupted: nothing doubled, nothing lost.
    clean = Store.open(tmp_path / "clean.db")
    import_paths(clean.db, [folder], blank_preannotator(), batch_size=BATCH)
    assert _spans_by_path(store) == _spans_by_path(clean)
    assert integrity(db) == "ok"


# Where the last seen position lives: moved by every action, logged by none.
UNLOGGED = ("last_seen", "last_span_id", "first_seen")


def _current(store, target, target_id):
    """The row a log entry's target names, as it is now (None: absent)."""
    table, where, params = {
        "span": ("spans", "id = ?", [target_id]),
        "judgment": ("judgments", "span_id = ? and annotator = 'ana' and layer = 'annotation'", [target_id]),
        "article_status": ("article_status", "article_id = ? and annotator = 'ana' and layer = 'annotation'", [target_id]),
    }[target]
    rows = list(store.db.query(f"select * from {table} where {where}", params))
    if not rows:
        return None
    return {k: v for k, v in rows[0].items() if k not in UNLOGGED}


def test_annotator_killed_between_actions_loses_no_committed_action(tmp_path):
    db = tmp_path / "actions.db"
    seed_store(db, articles=20).close()
    proc = worker("annotate", str(db), "ana", "-1", "7")
    printed: list[int] = []
    for line in proc.stdout:
        if line.startswith("action "):
            printed.append(int(line.split()[1]))
        if len(printed) >= 80:
            break
    assert len(printed) >= 80, proc.stderr.read()
    _kill(proc)  # right after an action committed; maybe in the middle of the next one

    assert integrity(db) == "ok"
    store = Store.open(db, annotator="ana")
    logged = {r[0] for r in store.db.execute("select id from actions where annotator = 'ana'")}
    assert set(printed) <= logged
    # The stored state is the one the log says: the latest entry for every
    # target (undo and redo entries included) holds the row as it is now.
    latest = store.db.execute(
        "select target, target_id, after from actions where id in "
        "(select max(id) from actions group by target, target_id)"
    ).fetchall()
    assert latest
    for target, target_id, after in latest:
        expected = json.loads(after) if after else None
        if expected is not None:
            # a span's own judgment and links have log entries of their own
            expected = {k: v for k, v in expected.items() if not k.startswith("_") and k not in UNLOGGED}
        assert _current(store, target, target_id) == expected, (target, target_id)
    # Annotating goes on where it stopped.
    span_id = store.db.execute("select id from spans where origin = 'model' limit 1").fetchone()[0]
    assert store.accept(span_id).status in ("accepted", "corrected")
    assert store.undo() is not None
