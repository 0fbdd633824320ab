"""Every annotation change, applied in one transaction and appended to the log.

Each action stores the full row before and after it, so undo and redo are the
same operation (write one snapshot back) and nothing is ever silently lost:
even a deleted span stays in the log.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import sqlite_utils

from annotators.types import KINDS

from .db import StoreError, transaction
from .records import ActionRecord, SpanRecord

STACK_ACTIONS_EXCLUDED = ("undo", "redo")


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class ActionError(StoreError):
    pass


# --- snapshots ----------------------------------------------------------------------


def span_row(db: sqlite_utils.Database, span_id: int) -> dict[str, Any]:
    rows = list(db["spans"].rows_where("id = ?", [span_id]))
    if not rows:
        raise ActionError(f"span {span_id} does not exist")
    return rows[0]


def _span_snapshot(db: sqlite_utils.Database, span_id: int) -> dict[str, Any]:
    """The span row plus the links that hang on it (a delete removes both)."""
    snapshot = span_row(db, span_id)
    snapshot["_links"] = list(
        db["links"].rows_where("a_span_id = ? or b_span_id = ?", [span_id, span_id])
    )
    return snapshot


def _article_state(db: sqlite_utils.Database, article_id: int) -> dict[str, Any]:
    rows = list(db.query("select id, done, done_by from articles where id = ?", [article_id]))
    if not rows:
        raise ActionError(f"article {article_id} does not exist")
    return rows[0]


def _write_snapshot(db: sqlite_utils.Database, target: str, target_id: int, row: dict | None) -> None:
    """Make the stored state of ``target`` equal to ``row`` (None: absent)."""
    if target == "span":
        if row is None:
            db.execute("delete from links where a_span_id = ? or b_span_id = ?", [target_id, target_id])
            db.execute("delete from spans where id = ?", [target_id])
            return
        links = row.get("_links", [])
        db["spans"].upsert({k: v for k, v in row.items() if k != "_links"}, pk="id")
        for link in links:
            db["links"].upsert(link, pk="id")
    elif target == "link":
        if row is None:
            db.execute("delete from links where id = ?", [target_id])
        else:
            db["links"].upsert(row, pk="id")
    elif target == "article":
        assert row is not None
        db["articles"].update(target_id, {"done": row["done"], "done_by": row["done_by"]})
    else:  # pragma: no cover - the log only holds the targets above
        raise ActionError(f"unknown action target {target!r}")


def _log(
    db: sqlite_utils.Database,
    annotator: str,
    action: str,
    target: str,
    target_id: int,
    article_id: int | None,
    before: dict | None,
    after: dict | None,
    undo_of: int | None = None,
) -> int:
    if undo_of is None:
        # A new action ends the redo chain, as in every editor.
        db.execute("update actions set redoable = 0 where annotator = ? and redoable = 1", [annotator])
    return db["actions"].insert(
        {
            "at": utc_now(),
            "annotator": annotator,
            "action": action,
            "target": target,
            "target_id": target_id,
            "article_id": article_id,
            "before": json.dumps(before) if before is not None else None,
            "after": json.dumps(after) if after is not None else None,
            "undone": 0,
            "redoable": 0,
            "undo_of": undo_of,
        }
    ).last_pk


# --- validation ---------------------------------------------------------------------


def _article_text_length(db: sqlite_utils.Database, article_id: int) -> int:
    row = db.execute("select length(text) from articles where id = ?", [article_id]).fetchone()
    if row is None:
        raise ActionError(f"article {article_id} does not exist")
    return row[0]


def check_bounds(db: sqlite_utils.Database, article_id: int, start: int, end: int) -> None:
    length = _article_text_length(db, article_id)
    if not (0 <= start < end <= length):
        raise ActionError(
            f"span {start}-{end} is outside article {article_id}'s text (0-{length}) or empty"
        )


# --- span actions -------------------------------------------------------------------


def _status_after_edit(row: dict[str, Any], changes_model_output: bool) -> str:
    """A person's edit of a suggestion: 'corrected' if it changes what the
    model said (label, bounds, speaker), else 'accepted' (tags, notes)."""
    if row["origin"] == "human":
        return "accepted"
    if changes_model_output:
        return "corrected"
    return "corrected" if row["status"] == "corrected" else "accepted"


def update_span(
    db: sqlite_utils.Database,
    annotator: str,
    action: str,
    span_id: int,
    changes: dict[str, Any],
    changes_model_output: bool = False,
) -> SpanRecord:
    """Apply ``changes`` to one span as a logged, undoable action."""
    with transaction(db):
        before = _span_snapshot(db, span_id)
        if "start" in changes or "end" in changes:
            check_bounds(db, before["article_id"], changes.get("start", before["start"]), changes.get("end", before["end"]))
        values = dict(changes)
        values.setdefault("status", _status_after_edit(before, changes_model_output))
        values["annotator"] = annotator
        values["updated_at"] = utc_now()
        db["spans"].update(span_id, values)
        after = _span_snapshot(db, span_id)
        _log(db, annotator, action, "span", span_id, before["article_id"], before, after)
    return SpanRecord.from_row({k: v for k, v in after.items() if k != "_links"})


def add_span(
    db: sqlite_utils.Database,
    annotator: str,
    article_id: int,
    start: int,
    end: int,
    kind: str,
    label: str,
    **fields: Any,
) -> SpanRecord:
    if kind not in KINDS:
        raise ActionError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not label:
        raise ActionError("a span needs a label")
    with transaction(db):
        check_bounds(db, article_id, start, end)
        now = utc_now()
        row = {
            "article_id": article_id,
            "start": start,
            "end": end,
            "label": label,
            "kind": kind,
            "origin": "human",
            "status": "accepted",
            "annotator": annotator,
            "created_at": now,
            "updated_at": now,
            **encode_span_fields(fields),
        }
        span_id = db["spans"].insert(row).last_pk
        after = _span_snapshot(db, span_id)
        _log(db, annotator, "add", "span", span_id, article_id, None, after)
    return SpanRecord.from_row({k: v for k, v in after.items() if k != "_links"})


def remove_span(db: sqlite_utils.Database, annotator: str, span_id: int) -> SpanRecord | None:
    """``x``: a suggestion is rejected (kept as a negative example);
    a span a person made is deleted (the log keeps it)."""
    row = span_row(db, span_id)
    if row["origin"] != "human":
        return update_span(db, annotator, "reject", span_id, {"status": "rejected"})
    with transaction(db):
        before = _span_snapshot(db, span_id)
        _write_snapshot(db, "span", span_id, None)
        _log(db, annotator, "delete", "span", span_id, before["article_id"], before, None)
    return None


def encode_span_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Map keyword attributes onto columns; unknown keys go to ``attrs``."""
    columns = {"speaker", "speaker_start", "speaker_end", "cue", "verdict", "note", "normalized"}
    out: dict[str, Any] = {k: fields[k] for k in columns if k in fields}
    if "tags" in fields:
        out["tags"] = json.dumps(list(fields["tags"] or []))
    extra = {k: v for k, v in fields.items() if k not in columns and k != "tags"}
    if extra:
        out["attrs"] = json.dumps(extra)
    return out


# --- article and link actions -------------------------------------------------------


def set_done(db: sqlite_utils.Database, annotator: str, article_id: int, done: bool) -> None:
    with transaction(db):
        before = _article_state(db, article_id)
        db["articles"].update(article_id, {"done": int(done), "done_by": annotator if done else None})
        after = _article_state(db, article_id)
        _log(db, annotator, "done" if done else "undone", "article", article_id, article_id, before, after)


LINK_KINDS = ("same_quote", "same_claim", "contradicts")


def add_link(db: sqlite_utils.Database, annotator: str, a_span_id: int, b_span_id: int, kind: str) -> int:
    if kind not in LINK_KINDS:
        raise ActionError(f"link kind must be one of {', '.join(LINK_KINDS)}, not {kind!r}")
    if a_span_id == b_span_id:
        raise ActionError("a span cannot be linked to itself")
    with transaction(db):
        a = span_row(db, a_span_id)
        span_row(db, b_span_id)
        link_id = db["links"].insert(
            {"a_span_id": a_span_id, "b_span_id": b_span_id, "kind": kind, "annotator": annotator, "created_at": utc_now()}
        ).last_pk
        after = list(db["links"].rows_where("id = ?", [link_id]))[0]
        _log(db, annotator, "link", "link", link_id, a["article_id"], None, after)
    return link_id


# --- undo / redo --------------------------------------------------------------------


def _last(db: sqlite_utils.Database, where: str, params: list[Any]) -> dict | None:
    rows = list(db.query(f"select * from actions where {where} order by id desc limit 1", params))
    return rows[0] if rows else None


def undo(db: sqlite_utils.Database, annotator: str) -> ActionRecord | None:
    """Undo this annotator's latest action that is not undone. None: nothing to undo."""
    with transaction(db):
        row = _last(
            db,
            "annotator = ? and undone = 0 and action not in ('undo', 'redo')",
            [annotator],
        )
        if row is None:
            return None
        record = ActionRecord.from_row(row)
        _write_snapshot(db, record.target, record.target_id, record.before)
        db.execute("update actions set undone = 1, redoable = 1 where id = ?", [record.id])
        _log(db, annotator, "undo", record.target, record.target_id, record.article_id,
             record.after, record.before, undo_of=record.id)
    return record


def redo(db: sqlite_utils.Database, annotator: str) -> ActionRecord | None:
    """Redo the action this annotator undid most recently. None: nothing to redo."""
    with transaction(db):
        undo_entry = _last(
            db,
            "annotator = ? and action = 'undo' and undo_of in "
            "(select id from actions where redoable = 1 and annotator = ?)",
            [annotator, annotator],
        )
        if undo_entry is None:
            return None
        original = ActionRecord.from_row(_last(db, "id = ?", [undo_entry["undo_of"]]))
        _write_snapshot(db, original.target, original.target_id, original.after)
        db.execute("update actions set undone = 0, redoable = 0 where id = ?", [original.id])
        _log(db, annotator, "redo", original.target, original.target_id, original.article_id,
             original.before, original.after, undo_of=original.id)
    return original
