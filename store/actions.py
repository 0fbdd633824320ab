"""Every annotation change, applied in one transaction and appended to the log.

An action changes only rows that belong to the person acting: their judgment
of a span, a span they made, their article status, a link they made
(docs/schema.md).  Each log entry stores that row before and after, so undo
and redo are one operation (write a snapshot back), and nobody's undo can
revert somebody else's work.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any, Sequence

import sqlite_utils

from annotators.types import KINDS

from .db import StoreError, transaction
from .judgments import ANNOTATION, GOLD, base_values, effective_span, judgment_row
from .records import ActionRecord, SpanRecord, encode_fragments
from .schema_v4 import new_uid

# Target names in the log, by layer: a judgment and an article status of the
# annotation layer, or of the reviewer's gold layer.
JUDGMENT_TARGET = {ANNOTATION: "judgment", GOLD: "gold"}
STATUS_TARGET = {ANNOTATION: "article_status", GOLD: "gold_status"}
UNDOABLE_TARGETS = ("judgment", "gold", "judgments", "span", "article_status", "gold_status", "link", "steps",
                    "stories")
# Fields where a person's version differs from the model's = a correction.
MODEL_OUTPUT = ("start", "end", "fragments", "label", "speaker", "speaker_start", "speaker_end")


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class ActionError(StoreError):
    pass


def span_row(db: sqlite_utils.Database, span_id: int) -> dict[str, Any]:
    rows = list(db.query("select * from spans where id = ?", [span_id]))
    if not rows:
        raise ActionError(f"span {span_id} does not exist")
    return rows[0]


def _span_snapshot(db: sqlite_utils.Database, span_id: int) -> dict[str, Any]:
    """A span row with its judgments and links (deleting a span removes all three)."""
    snapshot = span_row(db, span_id)
    snapshot["_judgments"] = list(db.query("select * from judgments where span_id = ?", [span_id]))
    snapshot["_links"] = list(db.query("select * from links where a_span_id = ? or b_span_id = ?", [span_id, span_id]))
    return snapshot


def _status_row(db, article_id: int, annotator: str, layer: str) -> dict | None:
    rows = list(db.query("select * from article_status where article_id = ? and annotator = ? and layer = ?",
                         [article_id, annotator, layer]))
    return rows[0] if rows else None


def _write_snapshot(db: sqlite_utils.Database, target: str, target_id: int | None, row: Any, owner: str) -> None:
    """Make the stored state of ``target`` equal to ``row`` (None: absent)."""
    if target in ("judgment", "gold"):
        layer = GOLD if target == "gold" else ANNOTATION
        if row is None:
            who = "" if layer == GOLD else "and annotator = ?"
            db.execute(f"delete from judgments where span_id = ? and layer = ? {who}",
                       [target_id, layer] + ([] if layer == GOLD else [owner]))
        else:
            who = "" if layer == GOLD else "and annotator = :annotator"
            db.execute(f"delete from judgments where span_id = :span_id and layer = :layer {who} and id != :id", row)
            db["judgments"].upsert(row, pk="id")
    elif target == "judgments":
        for item in row or []:
            _write_snapshot(db, "judgment", item["span_id"], item["row"], owner)
    elif target == "steps":
        for item in row or []:
            _write_snapshot(db, item["target"], item["target_id"], item["row"], owner)
    elif target == "span":
        if row is None:
            db.execute("delete from spans where id = ?", [target_id])  # judgments and links cascade
            return
        db["spans"].upsert({k: v for k, v in row.items() if not k.startswith("_")}, pk="id")
        for judgment in row.get("_judgments", []):
            db["judgments"].upsert(judgment, pk="id")
        for link in row.get("_links", []):
            db["links"].upsert(link, pk="id")
    elif target in ("article_status", "gold_status"):
        layer = GOLD if target == "gold_status" else ANNOTATION
        if row is None:
            db.execute("delete from article_status where article_id = ? and annotator = ? and layer = ?",
                       [target_id, owner, layer])
        else:
            db["article_status"].upsert(row, pk=("article_id", "annotator", "layer"))
    elif target == "link":
        if row is None:
            db.execute("delete from links where id = ?", [target_id])
        else:
            db["links"].upsert(row, pk="id")
    elif target == "stories":  # store.story_edits: rows of article_stories
        from .story_edits import write_rows

        write_rows(db, row)
    else:  # pragma: no cover - undo only picks the targets above
        raise ActionError(f"unknown action target {target!r}")


def _log(db, annotator: str, action: str, target: str, target_id: int | None, article_id: int | None,
         before: Any, after: Any, undo_of: int | None = None) -> int:
    if undo_of is None:
        # A new action ends the redo chain, as in every editor.
        db.execute("update actions set redoable = 0 where annotator = ? and redoable = 1", [annotator])
    cursor = db.conn.execute(
        "insert into actions (uid, at, annotator, action, target, target_id, article_id, before, after, undone, "
        "redoable, undo_of) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
        [new_uid(), utc_now(), annotator, action, target, target_id, article_id,
         json.dumps(before) if before is not None else None, json.dumps(after) if after is not None else None,
         undo_of])
    return cursor.lastrowid


log_action = _log  # the log entry other store modules write (store.story_edits)


# --- validation ---------------------------------------------------------------------


def check_bounds(db: sqlite_utils.Database, article_id: int, start: int, end: int) -> None:
    row = db.execute("select length(text) from articles where id = ?", [article_id]).fetchone()
    if row is None:
        raise ActionError(f"article {article_id} does not exist")
    if not (0 <= start < end <= row[0]):
        raise ActionError(f"span {start}-{end} is outside article {article_id}'s text (0-{row[0]}) or empty")


# --- judgments ----------------------------------------------------------------------


def _kept_status(span: dict, values: dict[str, Any]) -> str:
    """'corrected' when a person's version changes what the model (or the
    labelled file) said, else 'accepted': resizing back to the suggestion's
    exact bounds is an accept again."""
    if span["origin"] == "human":
        return "accepted"
    changed = any(values.get(f) != span.get(f) for f in MODEL_OUTPUT)
    return "corrected" if changed else "accepted"


def _judgment_values(db, span: dict, annotator: str, layer: str, changes: dict[str, Any], status: str | None) -> tuple[dict | None, dict]:
    before = judgment_row(db, span["id"], annotator, layer)
    values = dict(before) if before else base_values(span)
    values.update(changes)
    if "start" in changes or "end" in changes:
        check_bounds(db, span["article_id"], values["start"], values["end"])
    now = utc_now()
    row = {k: values.get(k) for k in ("start", "end", "fragments", "label", "speaker", "speaker_start",
                                        "speaker_end", "speaker_kind", "cue", "tags", "verdict", "note",
                                        "normalized", "attrs")}
    row.update({
        "span_id": span["id"], "annotator": annotator, "layer": layer,
        "status": status if status is not None else _kept_status(span, row),
        "created_at": before["created_at"] if before else now, "updated_at": now,
    })
    if before:
        row["id"] = before["id"]
    return before, row


def judge(db: sqlite_utils.Database, annotator: str, action: str, span_id: int, changes: dict[str, Any],
          status: str | None = None, layer: str = ANNOTATION) -> SpanRecord:
    """Record ``annotator``'s version of one span (their judgment) as a
    logged, undoable action.  ``status`` None: kept (accepted, or corrected
    when it differs from the suggestion)."""
    with transaction(db):
        span = span_row(db, span_id)
        before, row = _judgment_values(db, span, annotator, layer, changes, status)
        if "id" in row:
            db["judgments"].update(row["id"], row)
        else:
            row["id"] = db["judgments"].insert(row).last_pk
        after = judgment_row(db, span_id, annotator, layer)
        _log(db, annotator, action, JUDGMENT_TARGET[layer], span_id, span["article_id"], before, after)
        if layer == ANNOTATION:
            _touch(db, span["article_id"], annotator, span_id)
    return effective_span(db, span_id, annotator, layer)


def _judge_rows(db, annotator: str, span_ids: Sequence[int], status: str | None) -> tuple[list, list, int | None]:
    """Write the judgments of many spans (inside a transaction); their rows
    before and after, as a ``judgments`` snapshot, and their article."""
    items_before, items_after, article_id = [], [], None
    for span_id in span_ids:
        span = span_row(db, span_id)
        article_id = span["article_id"]
        before, row = _judgment_values(db, span, annotator, ANNOTATION, {}, status)
        if "id" in row:
            db["judgments"].update(row["id"], row)
        else:
            db["judgments"].insert(row)
        items_before.append({"span_id": span_id, "row": before})
        items_after.append({"span_id": span_id, "row": judgment_row(db, span_id, annotator)})
    return items_before, items_after, article_id


def judge_many(db: sqlite_utils.Database, annotator: str, action: str, span_ids: Sequence[int], status: str | None = None) -> int:
    """One action over many spans (accept every DATE, accept the rest): one
    log entry, so one undo takes it back."""
    with transaction(db):
        items_before, items_after, article_id = _judge_rows(db, annotator, span_ids, status)
        if items_after:
            _log(db, annotator, action, "judgments", None, article_id, items_before, items_after)
            _touch(db, article_id, annotator, span_ids[-1])
    return len(items_after)


def accept_rest_and_finish(db: sqlite_utils.Database, annotator: str, article_id: int, span_ids: Sequence[int]) -> int:
    """Accept the suggestions left and mark the article done, as one action
    (``done_accepts_rest``): one log entry of ``steps``, so one undo takes
    both back."""
    with transaction(db):
        items_before, items_after, _ = _judge_rows(db, annotator, span_ids, None)
        status_before, status_after = _done_rows(db, annotator, article_id, True, ANNOTATION)
        steps_before = [{"target": "judgments", "target_id": None, "row": items_before},
                        {"target": "article_status", "target_id": article_id, "row": status_before}]
        steps_after = [{"target": "judgments", "target_id": None, "row": items_after},
                       {"target": "article_status", "target_id": article_id, "row": status_after}]
        _log(db, annotator, "accept_rest_done", "steps", None, article_id, steps_before, steps_after)
    return len(items_after)


def add_span(db: sqlite_utils.Database, annotator: str, article_id: int, start: int, end: int, kind: str,
             label: str, layer: str = ANNOTATION, **fields: Any) -> SpanRecord:
    if kind not in KINDS:
        raise ActionError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not label:
        raise ActionError("a span needs a label")
    with transaction(db):
        check_bounds(db, article_id, start, end)
        now = utc_now()
        row = {"uid": new_uid(), "article_id": article_id, "start": start, "end": end, "label": label, "kind": kind,
               "origin": "human", "annotator": annotator, "created_at": now, **encode_span_fields(fields)}
        span_id = db["spans"].insert(row).last_pk
        judgment = {**base_values(span_row(db, span_id)), "span_id": span_id, "annotator": annotator,
                    "layer": layer, "status": "accepted", "created_at": now, "updated_at": now}
        db["judgments"].insert(judgment)
        _log(db, annotator, "add", "span", span_id, article_id, None, _span_snapshot(db, span_id))
        if layer == ANNOTATION:
            _touch(db, article_id, annotator, span_id)
    return effective_span(db, span_id, annotator, layer)


def remove_span(db: sqlite_utils.Database, annotator: str, span_id: int) -> SpanRecord | None:
    """``x``: a suggestion (or someone else's span) is rejected, kept as a
    negative example; a span this person made is deleted (the log keeps it),
    unless someone else has judged it, when it is rejected instead."""
    row = span_row(db, span_id)
    others = db.execute("select count(*) from judgments where span_id = ? and annotator != ?",
                        [span_id, annotator]).fetchone()[0]
    if row["origin"] != "human" or row["annotator"] != annotator or others:
        return judge(db, annotator, "reject", span_id, {}, status="rejected")
    with transaction(db):
        before = _span_snapshot(db, span_id)
        _write_snapshot(db, "span", span_id, None, annotator)
        _log(db, annotator, "delete", "span", span_id, row["article_id"], before, None)
    return None


def encode_span_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Map keyword attributes onto columns; unknown keys go to ``attrs``."""
    columns = {"speaker", "speaker_start", "speaker_end", "speaker_kind", "cue", "verdict", "note", "normalized"}
    out: dict[str, Any] = {k: fields[k] for k in columns if k in fields}
    if "tags" in fields:
        out["tags"] = json.dumps(list(fields["tags"] or []))
    if "fragments" in fields:
        out["fragments"] = encode_fragments(fields["fragments"])
    extra = {k: v for k, v in fields.items() if k not in columns and k not in ("tags", "fragments", "status")}
    if extra:
        out["attrs"] = json.dumps(extra)
    return out


# --- article status and links -------------------------------------------------------


def _touch(db, article_id: int, annotator: str, span_id: int | None = None) -> None:
    """Remember where a person was (resume); not an action, never undone."""
    now = utc_now()
    db.execute(
        "insert into article_status (article_id, annotator, layer, done, first_seen, last_seen, last_span_id) "
        "values (?, ?, 'annotation', 0, ?, ?, ?) on conflict (article_id, annotator, layer) do update set "
        "last_seen = excluded.last_seen, last_span_id = coalesce(excluded.last_span_id, last_span_id)",
        [article_id, annotator, now, now, span_id])


def touch(db: sqlite_utils.Database, article_id: int, annotator: str, span_id: int | None = None) -> None:
    with transaction(db):
        _touch(db, article_id, annotator, span_id)


def _done_rows(db, annotator: str, article_id: int, done: bool, layer: str) -> tuple[dict | None, dict | None]:
    """Write the person's article status (inside a transaction); the row before and after."""
    if db.execute("select 1 from articles where id = ?", [article_id]).fetchone() is None:
        raise ActionError(f"article {article_id} does not exist")
    before = _status_row(db, article_id, annotator, layer)
    now = utc_now()
    row = dict(before) if before else {"article_id": article_id, "annotator": annotator, "layer": layer,
                                       "first_seen": now, "last_seen": now, "last_span_id": None}
    row.update({"done": int(done), "done_at": now if done else None})
    db["article_status"].upsert(row, pk=("article_id", "annotator", "layer"))
    return before, _status_row(db, article_id, annotator, layer)


def set_done(db: sqlite_utils.Database, annotator: str, article_id: int, done: bool, layer: str = ANNOTATION) -> None:
    with transaction(db):
        before, after = _done_rows(db, annotator, article_id, done, layer)
        name = ("reviewed" if done else "unreviewed") if layer == GOLD else ("done" if done else "not done")
        _log(db, annotator, name, STATUS_TARGET[layer], article_id, article_id, before, after)


LINK_KINDS = ("same_quote", "same_claim", "contradicts")


def add_link(db: sqlite_utils.Database, annotator: str, a_span_id: int, b_span_id: int, kind: str) -> int:
    if kind not in LINK_KINDS:
        raise ActionError(f"link kind must be one of {', '.join(LINK_KINDS)}, not {kind!r}")
    if a_span_id == b_span_id:
        raise ActionError("a span cannot be linked to itself")
    with transaction(db):
        a = span_row(db, a_span_id)
        span_row(db, b_span_id)
        link_id = db["links"].insert({"uid": new_uid(), "a_span_id": a_span_id, "b_span_id": b_span_id, "kind": kind,
                                      "origin": "human", "annotator": annotator, "created_at": utc_now()}).last_pk
        after = list(db.query("select * from links where id = ?", [link_id]))[0]
        _log(db, annotator, "link", "link", link_id, a["article_id"], None, after)
    return link_id


# --- undo / redo --------------------------------------------------------------------


def _last(db: sqlite_utils.Database, where: str, params: list[Any]) -> dict | None:
    rows = list(db.query(f"select * from actions where {where} order by id desc limit 1", params))
    return rows[0] if rows else None


_OWN = "annotator = ? and merged_from is null and target in ({})".format(", ".join(f"'{t}'" for t in UNDOABLE_TARGETS))


def _check_not_overtaken(db, record: ActionRecord, expected: Any) -> None:
    """The gold and the stories are shared: undoing a decision someone has
    since replaced would revert their work, so it is refused."""
    if record.target == "stories":
        from .story_edits import overtaken

        if overtaken(db, expected):
            raise ActionError("cannot undo: those articles have been regrouped since")
        return
    if record.target != "gold":
        return
    current = judgment_row(db, record.target_id, record.annotator, GOLD)
    # Who and when: two reviews within one millisecond share updated_at.
    stamp = ("annotator", "updated_at")
    if [(current or {}).get(k) for k in stamp] != [(expected or {}).get(k) for k in stamp]:
        who = current["annotator"] if current else "someone"
        raise ActionError(f"cannot undo: {who} has reviewed span {record.target_id} since")


def undo(db: sqlite_utils.Database, annotator: str) -> ActionRecord | None:
    """Undo this annotator's latest action that is not undone (never anyone
    else's: every row an action wrote belongs to the one who made it)."""
    with transaction(db):
        row = _last(db, f"{_OWN} and undone = 0 and action not in ('undo', 'redo')", [annotator])
        if row is None:
            return None
        record = ActionRecord.from_row(row)
        _check_not_overtaken(db, record, record.after)
        _write_snapshot(db, record.target, record.target_id, record.before, annotator)
        db.execute("update actions set undone = 1, redoable = 1 where id = ?", [record.id])
        _log(db, annotator, "undo", record.target, record.target_id, record.article_id,
             record.after, record.before, undo_of=record.id)
    return record


def redo(db: sqlite_utils.Database, annotator: str) -> ActionRecord | None:
    """Redo the action this annotator undid most recently. None: nothing to redo."""
    with transaction(db):
        undo_entry = _last(
            db, "annotator = ? and action = 'undo' and undo_of in "
            "(select id from actions where redoable = 1 and annotator = ?)", [annotator, annotator])
        if undo_entry is None:
            return None
        original = ActionRecord.from_row(_last(db, "id = ?", [undo_entry["undo_of"]]))
        _check_not_overtaken(db, original, original.before)
        _write_snapshot(db, original.target, original.target_id, original.after, annotator)
        db.execute("update actions set undone = 0, redoable = 0 where id = ?", [original.id])
        _log(db, annotator, "redo", original.target, original.target_id, original.article_id,
             original.before, original.after, undo_of=original.id)
    return original
