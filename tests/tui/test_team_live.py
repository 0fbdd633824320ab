"""Issue 25 in the reader: a colleague's judgment of the span under the caret
shows without moving, and after ctrl+q the .db file alone holds the session's
judgments (copied without its -wal)."""
from __future__ import annotations

import shutil
import sqlite3
import time

from store import Store

from .conftest import ANNOTATOR, SIZE, make_app


def details(app) -> str:
    return app.query_one("#details").render().plain


async def until(pilot, condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_a_colleagues_judgment_of_the_span_under_the_caret_shows_without_moving(sample_store, db_path):
    app = make_app(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        span = app.reader.current
        assert span is not None and "ben" not in details(app)
        ben = Store.open(db_path, annotator="ben")  # a second process's connection
        try:
            ben.reject(span.id)
        finally:
            ben.close()
        # the app polls for other connections' commits every second; a loaded machine gets some slack
        assert await until(pilot, lambda: "ben" in details(app), seconds=5), details(app)
        assert "rejected" in details(app)
        assert app.reader.current.id == span.id and app.reader.current.status == "suggested"  # not mine


async def test_after_ctrl_q_the_database_file_copied_alone_holds_the_judgments(sample_store, db_path, tmp_path):
    # A colleague's reader has the file open all along: the app's connection
    # closing is then not the last, which SQLite would checkpoint by itself.
    colleague = sqlite3.connect(db_path)
    colleague.execute("select count(*) from articles").fetchone()
    try:
        app = make_app(sample_store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            first = app.reader.current
            await pilot.press("a")
            second = app.reader.current
            await pilot.press("x")
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert not app.is_running
        copy = tmp_path / "copy.db"
        shutil.copy(db_path, copy)  # the .db file alone
        conn = sqlite3.connect(copy)
        try:
            judged = dict(conn.execute("select span_id, status from judgments where annotator = ?", [ANNOTATOR]))
        finally:
            conn.close()
        assert judged == {first.id: "accepted", second.id: "rejected"}
    finally:
        colleague.close()
