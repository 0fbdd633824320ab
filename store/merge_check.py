"""Every row ``copydesk merge`` would take from another database, checked first.

A source is read twice: :func:`validate` reads every row of every copied table
(by copydesk's own column names, :data:`store.schema_guard.COLUMNS`) and
refuses the whole file at its first bad value, naming the file, table, row and
column: a value of the wrong type (``start = 'abc'``), JSON that is broken,
nested too deep or of the wrong shape, bounds outside the article's text, a row
whose article or span is not in the file (an orphan).  Only a file that passes
is merged, and :func:`source_rows` reads it again for the merge.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterator

from .db import StoreError, explain
from .reading import parse_json
from .schema_guard import COLUMNS, shown

INT, INT_OPT, TEXT, TEXT_OPT = "integer", "integer or null", "text", "text or null"
JSON_LIST, JSON_DICT, JSON_ROW, FRAGMENTS, TAGS = "json list", "json object", "json snapshot", "fragments", "tags"

KINDS: dict[str, dict[str, str]] = {
    "articles": {"id": INT, "text": TEXT, "content_hash": TEXT, "dropped": JSON_LIST, "meta": JSON_DICT},
    "spans": {"id": INT, "uid": TEXT, "article_id": INT, "start": INT, "end": INT, "fragments": FRAGMENTS,
              "label": TEXT, "kind": TEXT, "origin": TEXT, "speaker_start": INT_OPT, "speaker_end": INT_OPT,
              "tags": TAGS, "attrs": JSON_DICT},
    "judgments": {"id": INT, "span_id": INT, "annotator": TEXT, "layer": TEXT, "status": TEXT, "start": INT,
                  "end": INT, "fragments": FRAGMENTS, "label": TEXT, "speaker_start": INT_OPT,
                  "speaker_end": INT_OPT, "tags": TAGS, "attrs": JSON_DICT},
    "article_status": {"article_id": INT, "annotator": TEXT, "layer": TEXT, "done": INT, "last_span_id": INT_OPT},
    "links": {"id": INT, "uid": TEXT, "a_span_id": INT, "b_span_id": INT, "kind": TEXT, "origin": TEXT,
              "attrs": JSON_DICT},
    "actions": {"id": INT, "uid": TEXT, "target_id": INT_OPT, "article_id": INT_OPT, "before": JSON_ROW,
                "after": JSON_ROW, "undone": INT_OPT, "redoable": INT_OPT, "undo_of": INT_OPT},
}


class BadRow(ValueError):
    """A value merge cannot take: the column and the reason."""

    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column = column


def source_rows(conn: sqlite3.Connection, table: str, path: Path, order: str = "") -> Iterator[dict[str, Any]]:
    """The rows of ``table`` by copydesk's column names (``table`` and the
    names are copydesk's constants); a damaged page names ``path``."""
    columns = COLUMNS[table]
    sql = f'select {", ".join(chr(34) + c + chr(34) for c in columns)} from "{table}"'
    if order:
        sql += f' order by "{order}"'
    try:
        for values in conn.execute(sql):
            yield dict(zip(columns, values))
    except sqlite3.DatabaseError as exc:
        raise StoreError(explain(exc, path)) from exc


def validate(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse ``path`` (StoreError naming table, row and column) unless every
    row merge would copy from it is one copydesk could have written."""
    lengths: dict[int, int] = {}  # article id -> length of its text
    span_length: dict[int, int] = {}  # span id -> its article's text length

    def span(row: dict[str, Any]) -> None:
        _in(row, "article_id", lengths)
        _check_bounds(row, lengths[row["article_id"]])
        span_length[row["id"]] = lengths[row["article_id"]]

    def judgment(row: dict[str, Any]) -> None:
        _in(row, "span_id", span_length)
        _check_bounds(row, span_length[row["span_id"]])

    def link(row: dict[str, Any]) -> None:
        _in(row, "a_span_id", span_length)
        _in(row, "b_span_id", span_length)

    def action(row: dict[str, Any]) -> None:
        if row["article_id"] is not None:
            _in(row, "article_id", lengths)

    _checked(conn, "articles", path, lambda row: lengths.__setitem__(row["id"], len(row["text"])))
    _checked(conn, "spans", path, span)
    _checked(conn, "judgments", path, judgment)
    _checked(conn, "article_status", path, lambda row: _in(row, "article_id", lengths))
    _checked(conn, "links", path, link)
    _checked(conn, "actions", path, action)


def _checked(conn: sqlite3.Connection, table: str, path: Path, relations: Callable[[dict[str, Any]], None]) -> None:
    kinds = KINDS[table]
    for row in source_rows(conn, table, path):
        try:
            for column in COLUMNS[table]:
                _check_value(column, kinds.get(column, TEXT_OPT), row[column])
            relations(row)
        except BadRow as exc:
            where = f"row {shown(row['id'])}" if "id" in row else f"the row of article {shown(row['article_id'])}"
            raise StoreError(f"{path}: not merged: table {table}, {where}, column {exc.column}: {exc}; "
                             f"nothing taken from it") from None


def _check_value(column: str, kind: str, value: Any) -> None:
    if value is None:
        if kind in (INT, TEXT):
            raise BadRow(column, "empty (copydesk always writes it)")
        return
    if kind in (INT, INT_OPT):
        if type(value) is not int:
            raise BadRow(column, f"{shown(value)} is not an integer")
        return
    if not isinstance(value, str):
        raise BadRow(column, f"{shown(value)} is not text")
    if kind in (TEXT, TEXT_OPT):
        return
    try:
        parsed = parse_json(value)
    except ValueError as exc:
        raise BadRow(column, str(exc)) from None
    _check_shape(column, kind, parsed)


def _check_shape(column: str, kind: str, parsed: Any) -> None:
    if parsed is None:
        return
    if kind == JSON_DICT and not isinstance(parsed, dict):
        raise BadRow(column, "not a JSON object")
    if kind == JSON_LIST and not isinstance(parsed, list):
        raise BadRow(column, "not a JSON list")
    if kind == JSON_ROW and not isinstance(parsed, (dict, list)):
        raise BadRow(column, "not a JSON object or list")
    if kind == TAGS and not (isinstance(parsed, list) and all(isinstance(t, str) for t in parsed)):
        raise BadRow(column, "not a JSON list of tags (text)")
    if kind == FRAGMENTS and not (isinstance(parsed, list) and all(
            isinstance(f, list) and len(f) == 2 and all(type(n) is int for n in f) for f in parsed)):
        raise BadRow(column, "not a JSON list of [start, end] pairs")


def _check_bounds(row: dict[str, Any], length: int) -> None:
    start, end = row["start"], row["end"]
    if not 0 <= start <= end <= length:
        raise BadRow("start", f"bounds {start}-{end} outside the article's text (0-{length})")
    for a, b in (parse_json(row["fragments"]) or []) if row["fragments"] else ():
        if not 0 <= a <= b <= length:
            raise BadRow("fragments", f"fragment {a}-{b} outside the article's text (0-{length})")


def _in(row: dict[str, Any], column: str, known: dict[int, int]) -> None:
    if row[column] not in known:
        raise BadRow(column, f"{row[column]} names no row of this file (an orphan row)")
