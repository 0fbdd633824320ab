"""Opening the database: pragmas, schema version, migrations, transactions.

This module and its siblings in ``store/`` are the only code that knows the
schema.  Writes go through :func:`transaction`, which takes the write lock up
front (``BEGIN IMMEDIATE``) so that two annotators sharing a file never
deadlock on a lock upgrade, and retries a bounded number of times when another
process holds the lock.
"""
from __future__ import annotations

import os
import re
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

SCHEMA_VERSION = 6
BUSY_TIMEOUT_MS = 5_000
LOCK_RETRIES = 8


class StoreError(Exception):
    """A problem the user can act on, with a message that says what to do."""


class DatabaseBusy(StoreError):
    pass


class WriteLockHeld(DatabaseBusy):
    """Another connection holds the write lock (raised at once, before anything
    was written, by a write tried :func:`without_waiting`)."""


# ``scheme://...`` (a Path keeps one slash of the two); a drive letter is not a scheme.
URL_LIKE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):/+")


def url_refusal(path: str | Path) -> str | None:
    """For a --db that looks like a URL (postgresql://...), the one line saying
    it is not served by this version; None for a file name."""
    match = URL_LIKE.match(str(path))
    if match is None:
        return None
    shown = URL_LIKE.sub(lambda m: f"{m.group(1)}://", str(path), count=1)
    return (f"{shown}: a database URL; the PostgreSQL server mode is not available in this version "
            f"(give an SQLite file name with --db)")


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    refusal = url_refusal(path)
    if refusal:  # before anything is created: no file or folder named after the URL
        raise StoreError(refusal)
    path = Path(path)
    if path.exists() and not path.is_file():
        raise StoreError(f"{path}: not a database file (a folder or a device); give a file name with --db")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves
            check_same_thread=False,  # workers share it; writes are serialised by transaction()
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _set_wal(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        db = sqlite_utils.Database(conn)
        migrate(db)
    except sqlite3.OperationalError as exc:
        if _is_busy(exc):  # another process's write lock outlasted the busy timeout
            raise DatabaseBusy(f"{path}: the database is busy: another process holds its write lock; try again") from exc
        raise StoreError(explain(exc, path)) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(explain(exc, path)) from exc
    return db


def _set_wal(conn: sqlite3.Connection) -> None:
    """``PRAGMA journal_mode = WAL``, tried again while another process holds a
    lock SQLite does not wait for here (another connection creating the file or
    checkpointing it as it closes answers "locked" at once), within the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def explain(exc: sqlite3.DatabaseError, path: str | Path) -> str:
    """One line saying what is wrong with the database file, for the user."""
    path = Path(path)
    message = str(exc)
    if "readonly" in message:
        if os.access(path, os.W_OK) and not os.access(path.parent, os.W_OK):
            return (f"{path}: its folder is read-only, and SQLite needs to create {path.name}-wal and "
                    f"{path.name}-shm beside the database; move it, or make the folder writable")
        return f"{path}: the database is read-only (copydesk writes every action to it); make it writable"
    if "malformed" in message or "Could not decode" in message:
        return (f"{path}: the database is damaged ({message}); recover what is left with "
                f"sqlite3 {path} .recover > recovered.sql, or use a backup")
    if "not a database" in message:
        return f"{path}: not a copydesk database (not an SQLite file)"
    if "unable to open" in message or "disk I/O" in message:
        return f"{path}: cannot open or write the database file ({message})"
    return f"{path}: {message}"


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction: all of it is committed, or none of it."""
    _begin_immediate(db.conn, wait=not getattr(db, NO_WAIT, False))
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


NO_WAIT = "_copydesk_no_wait"  # set on a Database inside without_waiting()


@contextmanager
def without_waiting(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Writes in this block take the write lock at once or raise
    :class:`WriteLockHeld`: an app tries an action this way on its event loop
    and, when another process holds the lock, hands it to a thread that waits."""
    db.conn.execute("PRAGMA busy_timeout = 0")
    setattr(db, NO_WAIT, True)
    try:
        yield db
    finally:
        setattr(db, NO_WAIT, False)
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def checkpoint(db: sqlite_utils.Database) -> bool:
    """Copy the WAL into the main file and empty it (``wal_checkpoint(TRUNCATE)``),
    so that the .db file alone holds every commit.  Never waits: when another
    connection is reading or writing, SQLite copies what it can and the rest
    stays in the WAL (nothing is lost; the next checkpoint takes it).  True when
    the WAL was emptied."""
    conn = db.conn
    try:
        if conn.in_transaction:
            return False
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error:  # another connection is checkpointing or holds the lock; or closed already
        return False
    return busy == 0


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _begin_immediate(conn: sqlite3.Connection, wait: bool = True) -> None:
    for attempt in range(LOCK_RETRIES if wait else 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            if not wait:
                raise WriteLockHeld("the database's write lock is held by another process") from exc
            time.sleep(0.05 * (attempt + 1))
    raise DatabaseBusy(
        "the database is busy: another copydesk process has held its write lock "
        f"for more than {BUSY_TIMEOUT_MS * LOCK_RETRIES // 1000} s; try again"
    )


# --- migrations -----------------------------------------------------------------


def _v1_initial(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "source": str,
            "title": str,
            "byline": str,
            "published": str,
            "url": str,
            "file": str,  # the imported file's base name
            "path": str,  # where it came from (identity for re-imports)
            "text": str,  # cleaned text: every offset points into it
            "raw": str,  # the file's text as read
            "dropped": str,  # JSON list of lines cleaning removed
            "content_hash": str,
            "meta": str,  # JSON object (from .jsonl meta or the importer)
            "imported_at": str,
            "done": int,
            "done_by": str,
        },
        pk="id",
        not_null={"text", "content_hash"},
        defaults={"done": 0},
    )
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["path"])
    db["articles"].enable_fts(["title", "source", "text"], create_triggers=True, tokenize="porter")
    db["spans"].create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "label": str,
            "kind": str,  # entity | quote | claim
            "origin": str,  # model | human | imported
            "status": str,  # suggested | accepted | rejected | corrected
            "annotator": str,
            "created_at": str,
            "updated_at": str,
            "speaker": str,
            "speaker_start": int,
            "speaker_end": int,
            "cue": str,
            "tags": str,  # JSON list
            "verdict": str,
            "note": str,
            "normalized": str,
            "attrs": str,  # JSON object: anything else an annotator said
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "start", "end", "label", "kind", "origin", "status"},
    )
    db["spans"].create_index(["article_id", "start"])
    db["spans"].create_index(["status"])
    db["actions"].create(
        {
            "id": int,
            "at": str,
            "annotator": str,
            "action": str,  # accept, reject, relabel, add, delete, resize, tag, ...
            "target": str,  # span | article | link
            "target_id": int,
            "article_id": int,
            "before": str,  # JSON row before, null when created
            "after": str,  # JSON row after, null when deleted
            "undone": int,  # 1 while the action is undone
            "redoable": int,  # 1 while an undone action can be redone
            "undo_of": int,  # for undo/redo entries: the action they replay
        },
        pk="id",
        defaults={"undone": 0, "redoable": 0},
    )
    db["actions"].create_index(["annotator", "id"])
    db["actions"].create_index(["article_id"])


def _v2_links(db: sqlite_utils.Database) -> None:
    db["links"].create(
        {
            "id": int,
            "a_span_id": int,
            "b_span_id": int,
            "kind": str,  # same_quote | same_claim | contradicts
            "annotator": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("a_span_id", "spans", "id"), ("b_span_id", "spans", "id")],
    )
    db["links"].create_index(["a_span_id"])
    db["links"].create_index(["b_span_id"])


def _v3_ids_never_reused(db: sqlite_utils.Database) -> None:
    """spans and links get AUTOINCREMENT ids.

    SQLite otherwise gives a new row max(id)+1, so the id of a span deleted by
    an undo could be handed to someone else's new span; a later redo (which
    writes the logged row back by id) then overwrote that span, and the log
    named two spans by one id.  The tables are rebuilt (foreign keys are off
    while migrating, see :func:`migrate`) and each sequence starts above every
    id the action log has ever named.
    """
    conn = db.conn
    for table, target in (("spans", "span"), ("links", "link")):
        ddl = conn.execute("select sql from sqlite_master where type = 'table' and name = ?", [table]).fetchone()[0]
        indexes = [r[0] for r in conn.execute(
            "select sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null", [table])]
        new_ddl = ddl.replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{table}_v3"', 1)
        new_ddl = new_ddl.replace('"id" INTEGER PRIMARY KEY', '"id" INTEGER PRIMARY KEY AUTOINCREMENT', 1)
        assert new_ddl != ddl and "AUTOINCREMENT" in new_ddl, ddl
        conn.execute(new_ddl)
        conn.execute(f'INSERT INTO "{table}_v3" SELECT * FROM "{table}"')
        conn.execute(f'DROP TABLE "{table}"')
        conn.execute(f'ALTER TABLE "{table}_v3" RENAME TO "{table}"')
        for sql in indexes:
            conn.execute(sql)
        logged = conn.execute(
            "select max(target_id) from actions where target = ?", [target]).fetchone()[0] or 0
        if table == "links":  # links deleted with a span live on inside its snapshot
            nested = conn.execute(
                "select max(json_extract(l.value, '$.id')) from actions a, json_each(a.before, '$._links') l "
                "where a.target = 'span' and a.before is not null").fetchone()[0] or 0
            logged = max(logged, nested)
        current = conn.execute(f'select coalesce(max(id), 0) from "{table}"').fetchone()[0]
        conn.execute("delete from sqlite_sequence where name = ?", [table])
        conn.execute("insert into sqlite_sequence (name, seq) values (?, ?)", [table, max(logged, current)])
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise StoreError(f"cannot migrate: foreign key problems {problems[:5]}")


def _v4_judgments_and_layers(db: sqlite_utils.Database) -> None:
    from .schema_v4 import migrate_v4

    migrate_v4(db)
    problems = db.conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise StoreError(f"cannot migrate: foreign key problems {problems[:5]}")


def _v5_article_tokens(db: sqlite_utils.Database) -> None:
    """The tokens import cut, kept for the jsonl export (store.token_cache);
    an old database starts with none: its exports compute them as before."""
    from .token_cache import create_table

    create_table(db)


def _v6_stories(db: sqlite_utils.Database) -> None:
    """Which story each article is in (store.stories); an old database's
    articles are grouped the first time its stories are asked for."""
    from .stories import create_table

    create_table(db)


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _v1_initial,
    2: _v2_links,
    3: _v3_ids_never_reused,
    4: _v4_judgments_and_layers,
    5: _v5_article_tokens,
    6: _v6_stories,
}


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the schema to SCHEMA_VERSION, one version per transaction."""
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this copydesk "
            f"({SCHEMA_VERSION}): upgrade copydesk"
        )
    if current < SCHEMA_VERSION:
        # Tables are rebuilt with foreign keys off (SQLite's documented way to
        # change a table); each step checks them before it commits.
        db.conn.execute("PRAGMA foreign_keys = OFF")
    try:
        _migrate_steps(db, current)
    finally:
        db.conn.execute("PRAGMA foreign_keys = ON")
    return SCHEMA_VERSION


def _migrate_steps(db: sqlite_utils.Database, current: int) -> None:
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with transaction(db):
            # Read again under the write lock: another process opening the
            # same new file may have applied this step while we waited.
            if schema_version(db) >= version:
                continue
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version}")
