"""``copydesk stats`` for a team: one row per annotator, totals, spans by label.

A span's label is the one its judge gave it (a relabelled span counts under
its new label); a suggestion nobody judged counts under the model's label.
"""
from __future__ import annotations

from typing import Any

import sqlite_utils

from .articles import progress
from .judgments import annotators

LABEL_ROWS_SELF = (
    "select kind, label, status, count(*) from (select s.kind, coalesce(j.label, s.label) as label, "
    "coalesce(j.status, 'suggested') as status from spans s left join judgments j on j.span_id = s.id "
    "and j.annotator = :a and j.layer = 'annotation' where s.origin != 'human' or s.annotator = :a "
    "or j.id is not null) group by kind, label, status order by kind, label, status")

# Everyone: each person's judgment of a span counts once, under its label and
# status; a suggestion nobody judged counts once as suggested.
LABEL_ROWS_ALL = (
    "select kind, label, status, count(*) from ("
    "select s.kind, j.label, j.status from judgments j join spans s on s.id = j.span_id "
    "where j.layer = 'annotation' "
    "union all select s.kind, s.label, 'suggested' from spans s where s.origin != 'human' and not exists "
    "(select 1 from judgments j where j.span_id = s.id and j.layer = 'annotation')"
    ") group by kind, label, status order by kind, label, status")


def annotator_row(db: sqlite_utils.Database, name: str) -> dict[str, Any]:
    """What ``name`` has done: articles opened and done, spans judged, the
    suggestions they have left and the spans they reviewed, last active (UTC)."""
    q = db.execute
    counts = progress(db, name)
    opened, seen = q("select count(*), max(last_seen) from article_status where annotator = ? "
                     "and layer = 'annotation'", [name]).fetchone()
    acted = q("select max(at) from actions where annotator = ?", [name]).fetchone()[0]
    return {
        "annotator": name,
        "opened": opened,
        "done": counts["done"],
        "judged": q("select count(*) from judgments where annotator = ? and layer = 'annotation'",
                    [name]).fetchone()[0],
        "suggested": counts["suggested"],
        "reviewed": counts["spans"] - counts["suggested"],
        "last_active": max((t for t in (seen, acted) if t), default=None),
    }


def totals(db: sqlite_utils.Database) -> dict[str, Any]:
    """The team as a whole: articles anyone opened or finished, every judgment,
    suggestions nobody judged yet, spans somebody judged."""
    q = db.execute
    opened, seen = q("select count(distinct article_id), max(last_seen) from article_status "
                     "where layer = 'annotation'").fetchone()
    acted = q("select max(at) from actions").fetchone()[0]
    return {
        "annotator": "(all)",
        "opened": opened,
        "done": q("select count(distinct article_id) from article_status where layer = 'annotation' "
                  "and done = 1").fetchone()[0],
        "judged": q("select count(*) from judgments where layer = 'annotation'").fetchone()[0],
        "suggested": q("select count(*) from spans s where s.origin != 'human' and not exists (select 1 from "
                       "judgments j where j.span_id = s.id and j.layer = 'annotation')").fetchone()[0],
        "reviewed": q("select count(distinct span_id) from judgments where layer = 'annotation'").fetchone()[0],
        "last_active": max((t for t in (seen, acted) if t), default=None),
    }


def team_stats(db: sqlite_utils.Database, annotator: str | None = None) -> dict[str, Any]:
    """Per-annotator rows and totals, and spans by label: ``annotator``'s
    judgments (None: everyone's)."""
    names = [annotator] if annotator is not None else annotators(db)
    label_sql, params = (LABEL_ROWS_SELF, {"a": annotator}) if annotator is not None else (LABEL_ROWS_ALL, {})
    by_label = db.execute(label_sql, params).fetchall()
    return {
        "articles": db.execute("select count(*) from articles").fetchone()[0],
        "spans": db.execute("select count(*) from spans").fetchone()[0],
        "actions": db.execute("select count(*) from actions").fetchone()[0],
        "annotators": [annotator_row(db, name) for name in names],
        "totals": totals(db) if annotator is None else None,
        "by_label": [dict(zip(("kind", "label", "status", "count"), row)) for row in by_label],
    }
