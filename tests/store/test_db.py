"""Opening, pragmas, schema version and migrations."""
from __future__ import annotations

import sqlite3

import pytest

from store import SCHEMA_VERSION, Store, StoreError
from tests.conftest import FIXTURES


def load_v1_database(path) -> None:
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text())
    conn.close()


def test_new_database_is_wal_with_foreign_keys_and_current_version(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert store.schema_version == SCHEMA_VERSION


def test_version_1_database_migrates_with_its_data_intact(tmp_path):
    path = tmp_path / "old.db"
    load_v1_database(path)
    store = Store.open(path, annotator="ana")
    assert store.schema_version == SCHEMA_VERSION
    article = store.get_article(1)
    assert article.title == "Blinken in Brussels"
    quote = store.spans(1, kinds=["quote"])[0]
    assert (quote.speaker, quote.status, article.text[quote.start:quote.end]) == ("Antony Blinken", "corrected", "we will act")
    assert store.actions()[0].action == "accept"
    # the table v2 added works on the migrated file
    store.link(1, 2, "same_quote")
    assert len(store.links([1])) == 1
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_migrated_database_still_searches_full_text(tmp_path):
    path = tmp_path / "old.db"
    load_v1_database(path)
    store = Store.open(path)
    assert [a.id for a in store.list_articles(query="brussels")] == [1]


def test_database_from_newer_copydesk_is_refused_with_clear_message(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this copydesk"):
        Store.open(path)


def test_file_that_is_not_a_database_is_refused_with_its_name(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="notes.db"):
        Store.open(path)


def test_a_store_that_wrote_leaves_its_work_in_the_db_file_when_it_closes(tmp_path):
    path = tmp_path / "ana.db"
    colleague = sqlite3.connect(path)  # open all along: ana's close is not the last one
    ana = Store.open(path, annotator="ana")
    ana.db.execute("insert into articles (text, content_hash) values ('a text', 'h1')")
    colleague.execute("select count(*) from articles").fetchone()
    ana.close()
    ana.close()  # again: nothing
    assert path.with_name("ana.db-wal").stat().st_size == 0  # truncated: every page is in the file
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    conn = sqlite3.connect(copy)
    assert conn.execute("select text from articles").fetchall() == [("a text",)]
    conn.close()
    colleague.close()


def test_a_checkpoint_a_reader_holds_up_neither_waits_nor_loses_anything(tmp_path):
    import time

    path = tmp_path / "ana.db"
    ana = Store.open(path, annotator="ana")
    ana.db.execute("insert into articles (text, content_hash) values ('first', 'h1')")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("begin")
    assert reader.execute("select count(*) from articles").fetchone() == (1,)  # a read transaction on this snapshot
    ana.db.execute("insert into articles (text, content_hash) values ('second', 'h2')")
    started = time.monotonic()
    assert ana.checkpoint() is False  # the reader needs the WAL: not emptied
    ana.close()
    assert time.monotonic() - started < 1  # the busy timeout is 5 s: it did not wait for the reader
    assert path.with_name("ana.db-wal").stat().st_size > 0
    reader.execute("commit")
    reader.close()
    again = Store.open(path, annotator="ana")
    assert [r[0] for r in again.db.execute("select text from articles order by id")] == ["first", "second"]
    assert again.checkpoint() is True
    again.close()


@pytest.mark.parametrize("url", ["postgresql://ana@localhost:5432/newsroom", "postgres://db.example/x",
                                 "sqlite:///tmp/x.db"])
def test_a_database_url_is_refused_and_nothing_is_created(tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="PostgreSQL server mode is not available"):
        Store.open(url)
    assert list(tmp_path.iterdir()) == []
