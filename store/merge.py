"""Bringing another copydesk database in: annotators who work on their own machines.

    report = store.merge_from("ben.db")

Articles are matched by content hash, spans and links by ``uid`` (a model
span's uid is derived from its article's hash and bounds, so two databases made
from the same files by the same pipeline agree), judgments by (span, layer,
annotator), action-log entries by ``uid``.  Everything the other database has
and this one lacks is copied; merging twice changes nothing.  Two people's
different judgments are both kept (``copydesk review`` decides); the same
person's judgment of a span found in both, with different values, keeps the
newer and is counted.  The other file is read from a copy, never changed.
"""
from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .db import StoreError, connect, transaction
from .merge_check import source_rows, validate
from .schema_guard import COLUMNS, check_columns, trigger_free_snapshot

if TYPE_CHECKING:
    from . import Store

ARTICLE_COPY = ("source", "title", "byline", "published", "url", "file", "path", "text", "raw", "dropped",
                "content_hash", "meta", "imported_at")
SPAN_TARGETS = ("judgment", "gold", "span")
STATUS_TARGETS = ("article_status", "gold_status")


@dataclass
class MergeReport:
    source: str
    added: Counter = field(default_factory=Counter)  # table -> rows copied in
    matched: Counter = field(default_factory=Counter)  # table -> rows already here
    newer_kept: int = 0  # one person's judgment differing between the files: the newer kept
    annotators: set[str] = field(default_factory=set)
    foreign: list[str] = field(default_factory=list)  # the source's triggers and views copydesk did not make

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) or self.newer_kept)

    def lines(self) -> list[str]:
        out = [f"{self.source}: " + ", ".join(
            f"{table} {self.added[table]} new / {self.matched[table]} already here"
            for table in ("articles", "spans", "judgments", "article_status", "links", "actions"))]
        if self.newer_kept:
            out.append(f"{self.newer_kept} judgments the same person made differently in both files: kept the newer")
        if self.foreign:
            out.append(f"{self.source}: not copied: " + ", ".join(self.foreign[:5]) + " (copydesk did not create "
                       "them; they did not run)")
        if self.annotators:
            out.append("annotators: " + ", ".join(sorted(self.annotators)))
        return out


def open_source(path: Path, folder: Path):
    """The other database, read from a copy with no trigger or view left in
    it (nothing planted there runs), migrated, its schema and every row it
    would give checked (store.merge_check).  StoreError names ``path``."""
    copy = folder / "source.db"
    foreign = trigger_free_snapshot(path, copy)
    try:
        source = connect(copy)
    except StoreError as exc:
        raise StoreError(str(exc).replace(str(copy), str(path))) from None
    except Exception as exc:  # noqa: BLE001  (the migration of a schema copydesk did not write: any failure is its)
        raise StoreError(f"{path}: not a database copydesk wrote: its schema cannot be brought to this "
                         f"version ({type(exc).__name__}: {str(exc)[:120]}); nothing taken from it") from None
    try:
        check_columns(source.conn, path)
        validate(source.conn, path)
    except BaseException:
        source.conn.close()
        raise
    return source, foreign


def merge_database(store: "Store", other: Path) -> MergeReport:
    """Merge ``other`` in one transaction of its own: all of it, or (a
    StoreError naming ``other``) nothing."""
    if other.resolve() == Path(store.path).resolve():
        raise StoreError(f"{other}: cannot merge a database into itself")
    report = MergeReport(source=other.name)
    with tempfile.TemporaryDirectory() as folder:
        source, report.foreign = open_source(other, Path(folder))
        try:
            conn = source.conn
            with transaction(store.db):
                articles = _merge_articles(store.db, conn, other, report)
                spans = _merge_spans(store.db, conn, other, articles, report)
                _merge_judgments(store.db, conn, other, spans, report)
                _merge_statuses(store.db, conn, other, articles, spans, report)
                links = _merge_links(store.db, conn, other, spans, report)
                _merge_actions(store.db, conn, other, articles, spans, links, report)
        finally:
            source.conn.close()
    return report


def _rows(db, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    return list(db.query(sql, params))


def _insert(db, table: str, row: dict[str, Any]) -> int:
    """Insert ``row`` into ``table``: the names are copydesk's own (COLUMNS),
    never the source's; the values are bound."""
    columns = [c for c in COLUMNS[table] if c in row]
    cursor = db.conn.execute(
        f'insert into "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
        f'values ({", ".join("?" for _ in columns)})', [row[c] for c in columns])
    return cursor.lastrowid


def _merge_articles(db, source, path: Path, report: MergeReport) -> dict[int, int]:
    mapping = {}
    for row in source_rows(source, "articles", path):
        found = db.execute("select id from articles where content_hash = ?", [row["content_hash"]]).fetchone()
        if found:
            mapping[row["id"]] = found[0]
            report.matched["articles"] += 1
        else:
            mapping[row["id"]] = _insert(db, "articles", {c: row[c] for c in ARTICLE_COPY})
            report.added["articles"] += 1
    return mapping


def _copy_by_uid(db, source, path: Path, table: str, remap, report: MergeReport) -> dict[int, int]:
    """Rows of ``table`` matched by uid; the missing ones copied with their
    foreign keys moved to this database's ids by ``remap(row)``."""
    mapping = {}
    for row in source_rows(source, table, path, order="id"):
        found = db.execute(f"select id from {table} where uid = ?", [row["uid"]]).fetchone()
        if found:
            mapping[row["id"]] = found[0]
            report.matched[table] += 1
            continue
        values = {k: v for k, v in row.items() if k != "id"}
        values.update(remap(row))
        mapping[row["id"]] = _insert(db, table, values)
        report.added[table] += 1
    return mapping


def _merge_spans(db, source, path: Path, articles: dict[int, int], report: MergeReport) -> dict[int, int]:
    return _copy_by_uid(db, source, path, "spans", lambda row: {"article_id": articles[row["article_id"]]}, report)


_JUDGMENT_VALUES = ("status", "start", "end", "fragments", "label", "speaker", "speaker_start", "speaker_end",
                    "speaker_kind", "cue", "tags", "verdict", "note", "normalized", "attrs")


def _merge_judgments(db, source, path: Path, spans: dict[int, int], report: MergeReport) -> None:
    for row in source_rows(source, "judgments", path, order="id"):
        span_id = spans[row["span_id"]]
        report.annotators.add(row["annotator"])
        who = "" if row["layer"] == "gold" else "and annotator = :annotator"
        here = _rows(db, f"select * from judgments where span_id = :span and layer = :layer {who}",
                     {"span": span_id, "layer": row["layer"], "annotator": row["annotator"]})
        values = {k: v for k, v in row.items() if k != "id"}
        values["span_id"] = span_id
        if not here:
            _insert(db, "judgments", values)
            report.added["judgments"] += 1
            continue
        mine = here[0]
        same = all(mine[k] == row[k] for k in _JUDGMENT_VALUES) and mine["annotator"] == row["annotator"]
        report.matched["judgments"] += 1
        if not same and (row["updated_at"] or "") > (mine["updated_at"] or ""):
            changed = [c for c in COLUMNS["judgments"] if c != "id"]
            db.conn.execute(f'update judgments set {", ".join(chr(34) + c + chr(34) + " = ?" for c in changed)} '
                            f'where id = ?', [values[c] for c in changed] + [mine["id"]])
            report.newer_kept += 1


def _merge_statuses(db, source, path: Path, articles: dict[int, int], spans: dict[int, int],
                    report: MergeReport) -> None:
    for row in source_rows(source, "article_status", path):
        key = [articles[row["article_id"]], row["annotator"], row["layer"]]
        here = _rows(db, "select * from article_status where article_id = ? and annotator = ? and layer = ?", key)
        values = {**row, "article_id": key[0], "last_span_id": spans.get(row["last_span_id"])}
        if not here:
            _insert(db, "article_status", values)
            report.added["article_status"] += 1
            continue
        report.matched["article_status"] += 1
        mine = here[0]
        newer = (row["last_seen"] or "") > (mine["last_seen"] or "")
        merged = {
            "done": max(mine["done"], row["done"]),
            "done_at": max(mine["done_at"] or "", row["done_at"] or "") or None,
            "last_seen": row["last_seen"] if newer else mine["last_seen"],
            "last_span_id": mine["last_span_id"],
        }
        if any(merged[k] != mine[k] for k in merged):
            db.execute("update article_status set done = ?, done_at = ?, last_seen = ?, last_span_id = ? "
                       "where article_id = ? and annotator = ? and layer = ?", [*merged.values(), *key])


def _merge_links(db, source, path: Path, spans: dict[int, int], report: MergeReport) -> dict[int, int]:
    return _copy_by_uid(db, source, path, "links", lambda row: {"a_span_id": spans[row["a_span_id"]],
                                                            "b_span_id": spans[row["b_span_id"]]}, report)


def _merge_actions(db, source, path: Path, articles, spans, links, report: MergeReport) -> None:
    """The other file's log comes in as history: kept, shown, never undone here
    (its snapshots name the other file's row ids)."""
    for row in source_rows(source, "actions", path, order="id"):
        if db.execute("select 1 from actions where uid = ?", [row["uid"]]).fetchone():
            report.matched["actions"] += 1
            continue
        values = {k: v for k, v in row.items() if k not in ("id", "undo_of")}
        values["article_id"] = articles.get(row["article_id"]) if row["article_id"] is not None else None
        values["target_id"] = _mapped_target(row, articles, spans, links)
        values["merged_from"] = row["merged_from"] or report.source
        values["redoable"] = 0
        values["after"] = row["after"] if row["after"] is None else json.dumps(json.loads(row["after"]))
        _insert(db, "actions", values)
        report.added["actions"] += 1
        if row["annotator"]:
            report.annotators.add(row["annotator"])


def _mapped_target(row: dict[str, Any], articles, spans, links) -> int | None:
    target, target_id = row["target"], row["target_id"]
    if target_id is None:
        return None
    if target in SPAN_TARGETS:
        return spans.get(target_id)
    if target in STATUS_TARGETS:
        return articles.get(target_id)
    if target == "link":
        return links.get(target_id)
    return None  # pre-v4 history: the ids named the other file's rows
