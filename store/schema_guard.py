"""The schema copydesk writes, by its own constant names, and what is not its own.

``COLUMNS`` names every column of the tables ``copydesk merge`` copies: merge
reads and writes those columns and no other, so no SQL is ever built from a
name found in another database.  :func:`foreign_objects` lists the triggers and
views of a database that copydesk did not create (a trigger runs on every write
copydesk makes: the user is told when such a database is opened), and
:func:`trigger_free_snapshot` makes the copy merge reads another database from,
with every trigger and view removed before anything is written to it.
"""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from .db import StoreError, explain
from .schema_v4 import VIEWS

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "source", "title", "byline", "published", "url", "file", "path", "text", "raw", "dropped",
                 "content_hash", "meta", "imported_at"),
    "spans": ("id", "uid", "article_id", "start", "end", "fragments", "label", "kind", "origin", "annotator",
              "created_at", "speaker", "speaker_start", "speaker_end", "speaker_kind", "cue", "tags", "verdict",
              "note", "normalized", "attrs"),
    "judgments": ("id", "span_id", "annotator", "layer", "status", "start", "end", "fragments", "label", "speaker",
                  "speaker_start", "speaker_end", "speaker_kind", "cue", "tags", "verdict", "note", "normalized",
                  "attrs", "created_at", "updated_at"),
    "article_status": ("article_id", "annotator", "layer", "done", "done_at", "first_seen", "last_seen",
                       "last_span_id"),
    "links": ("id", "uid", "a_span_id", "b_span_id", "kind", "origin", "annotator", "attrs", "note", "created_at"),
    "actions": ("id", "uid", "at", "annotator", "action", "target", "target_id", "article_id", "before", "after",
                "undone", "redoable", "undo_of", "merged_from"),
}

FTS_TRIGGERS = {
    "articles_ai": 'CREATE TRIGGER "articles_ai" AFTER INSERT ON "articles" BEGIN INSERT INTO "articles_fts" '
                   '(rowid, "title", "source", "text") VALUES (new.rowid, new."title", new."source", new."text"); END',
    "articles_ad": 'CREATE TRIGGER "articles_ad" AFTER DELETE ON "articles" BEGIN INSERT INTO "articles_fts" '
                   '("articles_fts", rowid, "title", "source", "text") VALUES(\'delete\', old.rowid, old."title", '
                   'old."source", old."text"); END',
    "articles_au": 'CREATE TRIGGER "articles_au" AFTER UPDATE ON "articles" BEGIN INSERT INTO "articles_fts" '
                   '("articles_fts", rowid, "title", "source", "text") VALUES(\'delete\', old.rowid, old."title", '
                   'old."source", old."text"); INSERT INTO "articles_fts" (rowid, "title", "source", "text") '
                   'VALUES (new.rowid, new."title", new."source", new."text"); END',
}

_QUOTES_AND_SPACE = re.compile(r'[\s"\[\]`]+')


def _normal(sql: str | None) -> str:
    return _QUOTES_AND_SPACE.sub("", sql or "").lower()


_OWN = {("trigger", name): _normal(sql) for name, sql in FTS_TRIGGERS.items()} | {
    ("view", name): _normal(f'CREATE VIEW "{name}" AS {sql}') for name, sql in VIEWS.items()}


def foreign_objects(conn: sqlite3.Connection) -> list[str]:
    """The triggers and views of the database that copydesk did not create
    (or that were changed since), as ``'trigger "name"'``; empty for a database
    only copydesk wrote."""
    found = conn.execute(
        "select type, name, sql from sqlite_master where type in ('trigger', 'view') order by type, name").fetchall()
    return [f"{kind} {shown(name)}" for kind, name, sql in found if _OWN.get((kind, name)) != _normal(sql)]


def shown(name: object) -> str:
    """A name or value found in a database, quoted (a number as it is) and
    cut for a one-line message."""
    text = str(name) if type(name) is int else repr(name)
    return text if len(text) <= 80 else text[:77] + "..."


def warning(path: str | Path, foreign: list[str]) -> str:
    listed = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
    return (f"{path}: has {listed} that copydesk did not create; a trigger runs on copydesk's own writes: "
            f"drop it (sqlite3 {path} .schema shows it) unless you made it")


def trigger_free_snapshot(path: Path, copy: Path) -> list[str]:
    """Copy the database at ``path`` to ``copy`` page by page (nothing runs),
    then remove every trigger and view from the copy before anything writes to
    it (its migration included).  Returns the foreign objects the original has.
    Raises StoreError naming ``path``."""
    if not path.is_file():
        raise StoreError(f"{path}: no such database")
    try:
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(copy)
            src.backup(dst)
            dst.close()
        finally:
            src.close()
        conn = sqlite3.connect(copy, isolation_level=None)
        try:
            foreign = foreign_objects(conn)
            # No statement names them: the schema rows go, by type, in one
            # write (triggers and views own no pages), and the copy is reopened.
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("delete from sqlite_master where type in ('trigger', 'view')")
            conn.execute("PRAGMA writable_schema = OFF")
        finally:
            conn.close()
        conn = sqlite3.connect(copy)
        try:
            problems = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(explain(exc, path)) from exc
    if problems != [("ok",)]:
        raise StoreError(f"{path}: the database is damaged ({str(problems[0][0])[:120]}); recover what is left with "
                         f"sqlite3 {path} .recover > recovered.sql, or use a backup")
    return foreign


def check_columns(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database whose copied tables are not the ones copydesk writes:
    a missing table, a missing column or one copydesk does not know is named."""
    for table, columns in COLUMNS.items():
        kind = conn.execute("select type from sqlite_master where name = ?", [table]).fetchone()
        if kind is None or kind[0] != "table":
            raise StoreError(f"{path}: not a database copydesk wrote: no table {table}; nothing taken from it")
        found = [row[1] for row in conn.execute("select * from pragma_table_info(?)", [table])]
        unknown = [c for c in found if c not in columns]
        if unknown:
            raise StoreError(f"{path}: not a database copydesk wrote: table {table} has a column {shown(unknown[0])} "
                             f"copydesk does not know; nothing taken from it")
        missing = [c for c in columns if c not in found]
        if missing:
            raise StoreError(f"{path}: not a database copydesk wrote: table {table} has no column {missing[0]}; "
                             f"nothing taken from it")
