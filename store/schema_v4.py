"""Schema version 4: judgments per annotator, span layers, relations (docs/schema.md).

The old single ``spans.status`` becomes the recorded annotator's judgment; a
model span a person had changed gets the model's values back from the first
snapshot the action log kept of it, so suggestion and correction both survive.
"""
from __future__ import annotations

import hashlib
import json
import uuid

import sqlite_utils

SPANS_DDL = """
CREATE TABLE "spans" (
   "id" INTEGER PRIMARY KEY AUTOINCREMENT,
   "uid" TEXT NOT NULL UNIQUE,
   "article_id" INTEGER NOT NULL REFERENCES "articles"("id"),
   "start" INTEGER NOT NULL,
   "end" INTEGER NOT NULL,
   "fragments" TEXT,
   "label" TEXT NOT NULL,
   "kind" TEXT NOT NULL,
   "origin" TEXT NOT NULL,
   "annotator" TEXT,
   "created_at" TEXT,
   "speaker" TEXT,
   "speaker_start" INTEGER,
   "speaker_end" INTEGER,
   "speaker_kind" TEXT,
   "cue" TEXT,
   "tags" TEXT,
   "verdict" TEXT,
   "note" TEXT,
   "normalized" TEXT,
   "attrs" TEXT
)"""

JUDGMENTS_DDL = """
CREATE TABLE "judgments" (
   "id" INTEGER PRIMARY KEY AUTOINCREMENT,
   "span_id" INTEGER NOT NULL REFERENCES "spans"("id") ON DELETE CASCADE,
   "annotator" TEXT NOT NULL,
   "layer" TEXT NOT NULL DEFAULT 'annotation',
   "status" TEXT NOT NULL,
   "start" INTEGER NOT NULL,
   "end" INTEGER NOT NULL,
   "fragments" TEXT,
   "label" TEXT NOT NULL,
   "speaker" TEXT,
   "speaker_start" INTEGER,
   "speaker_end" INTEGER,
   "speaker_kind" TEXT,
   "cue" TEXT,
   "tags" TEXT,
   "verdict" TEXT,
   "note" TEXT,
   "normalized" TEXT,
   "attrs" TEXT,
   "created_at" TEXT,
   "updated_at" TEXT
)"""

ARTICLE_STATUS_DDL = """
CREATE TABLE "article_status" (
   "article_id" INTEGER NOT NULL REFERENCES "articles"("id"),
   "annotator" TEXT NOT NULL,
   "layer" TEXT NOT NULL DEFAULT 'annotation',
   "done" INTEGER NOT NULL DEFAULT 0,
   "done_at" TEXT,
   "first_seen" TEXT,
   "last_seen" TEXT,
   "last_span_id" INTEGER,
   PRIMARY KEY ("article_id", "annotator", "layer")
)"""

LINKS_DDL = """
CREATE TABLE "links" (
   "id" INTEGER PRIMARY KEY AUTOINCREMENT,
   "uid" TEXT NOT NULL UNIQUE,
   "a_span_id" INTEGER NOT NULL REFERENCES "spans"("id") ON DELETE CASCADE,
   "b_span_id" INTEGER NOT NULL REFERENCES "spans"("id") ON DELETE CASCADE,
   "kind" TEXT NOT NULL,
   "origin" TEXT NOT NULL DEFAULT 'human',
   "annotator" TEXT,
   "attrs" TEXT,
   "note" TEXT,
   "created_at" TEXT
)"""

ACTIONS_DDL = """
CREATE TABLE "actions" (
   "id" INTEGER PRIMARY KEY AUTOINCREMENT,
   "uid" TEXT NOT NULL UNIQUE,
   "at" TEXT,
   "annotator" TEXT,
   "action" TEXT,
   "target" TEXT,
   "target_id" INTEGER,
   "article_id" INTEGER REFERENCES "articles"("id"),
   "before" TEXT,
   "after" TEXT,
   "undone" INTEGER DEFAULT 0,
   "redoable" INTEGER DEFAULT 0,
   "undo_of" INTEGER,
   "merged_from" TEXT
)"""

INDEXES = [
    'CREATE INDEX "idx_spans_article_start" ON "spans" ("article_id", "start")',
    'CREATE UNIQUE INDEX "idx_judgments_one_per_person" ON "judgments" ("span_id", "layer", "annotator")',
    "CREATE UNIQUE INDEX \"idx_judgments_one_gold\" ON \"judgments\" (\"span_id\") WHERE layer = 'gold'",
    'CREATE INDEX "idx_judgments_annotator" ON "judgments" ("annotator", "layer")',
    'CREATE INDEX "idx_article_status_annotator" ON "article_status" ("annotator", "layer", "done")',
    'CREATE INDEX "idx_links_a" ON "links" ("a_span_id")',
    'CREATE INDEX "idx_links_b" ON "links" ("b_span_id")',
    'CREATE INDEX "idx_actions_annotator" ON "actions" ("annotator", "id")',
    'CREATE INDEX "idx_actions_article" ON "actions" ("article_id")',
]

# Views for people browsing the file (datasette copydesk.db): the text of
# every span, quotes with speakers, claims with their review, and progress.
VIEWS = {
    "span_text": """
        select s.id as span_id, s.article_id, a.file, s.kind, s.label, s.origin, s.start, s."end",
               substr(a.text, s.start + 1, s."end" - s.start) as text
        from spans s join articles a on a.id = s.article_id""",
    "judgment_text": """
        select j.id as judgment_id, j.span_id, s.article_id, a.file, j.layer, j.annotator, j.status, s.kind,
               j.label, j.start, j."end", substr(a.text, j.start + 1, j."end" - j.start) as text,
               j.speaker, j.tags, j.verdict, j.note, j.updated_at
        from judgments j join spans s on s.id = j.span_id join articles a on a.id = s.article_id""",
    "quote_speakers": """
        select j.span_id, s.article_id, a.file, j.layer, j.annotator, j.status,
               substr(a.text, j.start + 1, j."end" - j.start) as quote, j.speaker, j.speaker_kind, j.cue
        from judgments j join spans s on s.id = j.span_id join articles a on a.id = s.article_id
        where s.kind = 'quote'""",
    "claim_reviews": """
        select j.span_id, s.article_id, a.file, j.layer, j.annotator, j.status,
               substr(a.text, j.start + 1, j."end" - j.start) as claim, j.tags, j.verdict, j.note, j.normalized
        from judgments j join spans s on s.id = j.span_id join articles a on a.id = s.article_id
        where s.kind = 'claim'""",
    "annotator_progress": """
        select p.annotator,
               (select count(*) from article_status st where st.annotator = p.annotator
                  and st.layer = 'annotation' and st.done = 1) as articles_done,
               (select count(*) from judgments j where j.annotator = p.annotator and j.layer = 'annotation') as judgments,
               (select count(*) from judgments j where j.annotator = p.annotator and j.layer = 'annotation'
                  and j.status in ('accepted', 'corrected')) as kept,
               (select count(*) from judgments j where j.annotator = p.annotator and j.layer = 'annotation'
                  and j.status = 'rejected') as rejected,
               (select max(at) from actions ac where ac.annotator = p.annotator) as last_action
        from (select distinct annotator from judgments where layer = 'annotation'
              union select distinct annotator from article_status where layer = 'annotation') p""",
}

JUDGED = ("start", "end", "label", "speaker", "speaker_start", "speaker_end", "cue", "tags", "verdict", "note",
          "normalized", "attrs")


def model_span_uid(content_hash: str, kind: str, label: str, start: int, end: int, fragments: str | None = None) -> str:
    """The same suggestion gets the same uid in every database made from the
    same file by the same pipeline, so a merge can match it."""
    key = f"{content_hash}|{kind}|{label}|{start}|{end}|{fragments or ''}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def new_uid() -> str:
    return uuid.uuid4().hex


def create_views(db: sqlite_utils.Database) -> None:
    for name, sql in VIEWS.items():
        db.execute(f'DROP VIEW IF EXISTS "{name}"')
        db.execute(f'CREATE VIEW "{name}" AS {sql}')


def migrate_v4(db: sqlite_utils.Database) -> None:
    conn = db.conn
    _dedupe_content_hashes(conn)
    conn.execute('DROP INDEX IF EXISTS "idx_articles_content_hash"')
    conn.execute('CREATE UNIQUE INDEX "idx_articles_content_hash" ON "articles" ("content_hash")')
    old_spans = [dict(zip([c[0] for c in cur.description], row)) for cur in [conn.execute(
        "select s.*, a.content_hash from spans s join articles a on a.id = s.article_id order by s.id")] for row in cur]
    first_snapshots = _first_span_snapshots(conn)
    old_sequences = dict(conn.execute("select name, seq from sqlite_sequence").fetchall())
    conn.execute('ALTER TABLE "spans" RENAME TO "spans_v3"')
    for sql in (SPANS_DDL, JUDGMENTS_DDL, ARTICLE_STATUS_DDL):
        conn.execute(sql)
    _copy_spans(conn, old_spans, first_snapshots)
    _rebuild_links(conn)
    conn.execute('DROP TABLE "spans_v3"')
    _article_status_from_done(conn)
    _rebuild_actions(conn)
    for sql in INDEXES:
        conn.execute(sql)
    _carry_sequences(conn, old_sequences)
    create_views(db)


def _dedupe_content_hashes(conn) -> None:
    conn.execute(
        "update articles set content_hash = content_hash || ':dup:' || id where id not in "
        "(select min(id) from articles group by content_hash)")


def _first_span_snapshots(conn) -> dict[int, dict]:
    """For each span the log has a 'before' of: the oldest one (the model's values)."""
    out: dict[int, dict] = {}
    for target_id, before in conn.execute(
            "select target_id, before from actions where target = 'span' and before is not null order by id"):
        if target_id not in out:
            out[target_id] = json.loads(before)
    return out


def _copy_spans(conn, old_spans: list[dict], first_snapshots: dict[int, dict]) -> None:
    used = UsedUids()
    for row in old_spans:
        base = dict(row)
        if row["origin"] == "model" and row["status"] != "suggested":
            snapshot = first_snapshots.get(row["id"])
            if snapshot and snapshot.get("status") == "suggested":
                base.update({k: snapshot.get(k, base[k]) for k in JUDGED})
        uid = unique_uid(_span_uid(base), used)
        conn.execute(
            'insert into spans (id, uid, article_id, start, "end", label, kind, origin, annotator, created_at, speaker, '
            "speaker_start, speaker_end, cue, tags, verdict, note, normalized, attrs) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row["id"], uid, row["article_id"], base["start"], base["end"], base["label"], row["kind"], row["origin"],
             row["annotator"] if row["origin"] != "model" else None, row["created_at"], base["speaker"],
             base["speaker_start"], base["speaker_end"], base["cue"], base["tags"], base["verdict"], base["note"],
             base["normalized"], base["attrs"]])
        if row["status"] != "suggested":
            conn.execute(
                'insert into judgments (span_id, annotator, layer, status, start, "end", label, speaker, speaker_start, '
                "speaker_end, cue, tags, verdict, note, normalized, attrs, created_at, updated_at) "
                "values (?, ?, 'annotation', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row["id"], row["annotator"] or "unknown", row["status"], row["start"], row["end"], row["label"],
                 row["speaker"], row["speaker_start"], row["speaker_end"], row["cue"], row["tags"], row["verdict"],
                 row["note"], row["normalized"], row["attrs"], row["updated_at"] or row["created_at"],
                 row["updated_at"] or row["created_at"]])


def _span_uid(row: dict) -> str:
    if row["origin"] == "model":
        return model_span_uid(row["content_hash"], row["kind"], row["label"], row["start"], row["end"])
    return new_uid()


class UsedUids(set):
    """The uids given so far, and for each base uid the last suffix it got:
    ``k`` identical spans (an .ann of thousands of identical lines) cost ``k``
    steps, not ``k²``."""

    def __init__(self) -> None:
        super().__init__()
        self.last: dict[str, int] = {}


def unique_uid(uid: str, used: set[str]) -> str:
    """``uid``, or ``uid-2``, ``uid-3`` ... when an identical span already took it."""
    n = used.last.get(uid, 1) if isinstance(used, UsedUids) else 1
    candidate = uid if n == 1 else f"{uid}-{n}"
    while candidate in used:
        n += 1
        candidate = f"{uid}-{n}"
    used.add(candidate)
    if isinstance(used, UsedUids):
        used.last[uid] = n
    return candidate


def _rebuild_links(conn) -> None:
    conn.execute('ALTER TABLE "links" RENAME TO "links_v3"')
    conn.execute(LINKS_DDL)
    for row in conn.execute("select id, a_span_id, b_span_id, kind, annotator, created_at from links_v3").fetchall():
        conn.execute(
            "insert into links (id, uid, a_span_id, b_span_id, kind, origin, annotator, created_at) "
            "values (?, ?, ?, ?, ?, 'human', ?, ?)", [row[0], new_uid(), *row[1:]])
    conn.execute('DROP TABLE "links_v3"')


def _article_status_from_done(conn) -> None:
    conn.execute(
        "insert into article_status (article_id, annotator, layer, done, done_at) "
        "select id, coalesce(done_by, 'unknown'), 'annotation', 1, imported_at from articles where done = 1")
    conn.execute(
        "insert or ignore into article_status (article_id, annotator, layer, done, first_seen, last_seen) "
        "select article_id, annotator, 'annotation', 0, min(at), max(at) from actions "
        "where article_id is not null and annotator is not null and annotator != 'copydesk-import' "
        "and article_id in (select id from articles) group by article_id, annotator")
    conn.execute('ALTER TABLE "articles" DROP COLUMN "done"')
    conn.execute('ALTER TABLE "articles" DROP COLUMN "done_by"')


def _rebuild_actions(conn) -> None:
    """Foreign key on article_id, uids; pre-v4 entries kept as history (their
    snapshots are of the old span rows and cannot be written back)."""
    conn.execute('DROP INDEX IF EXISTS "idx_actions_annotator_id"')
    conn.execute('DROP INDEX IF EXISTS "idx_actions_article_id"')
    conn.execute('ALTER TABLE "actions" RENAME TO "actions_v3"')
    conn.execute(ACTIONS_DDL)
    rows = conn.execute(
        "select id, at, annotator, action, target, target_id, article_id, before, after, undone, undo_of "
        "from actions_v3 order by id").fetchall()
    for row in rows:
        values = list(row)
        values[4] = f"v3:{values[4]}"
        if values[6] is not None and conn.execute("select 1 from articles where id = ?", [values[6]]).fetchone() is None:
            values[6] = None
        conn.execute(
            "insert into actions (id, uid, at, annotator, action, target, target_id, article_id, before, after, "
            "undone, redoable, undo_of) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            [values[0], new_uid(), *values[1:]])
    conn.execute('DROP TABLE "actions_v3"')


def _carry_sequences(conn, old_sequences: dict[str, int]) -> None:
    """Ids are never reused (see v3): each AUTOINCREMENT table starts above the
    highest id it, or the log, has ever used."""
    for table in ("spans", "links", "actions", "judgments"):
        highest = conn.execute(f'select coalesce(max(id), 0) from "{table}"').fetchone()[0]
        highest = max(highest, old_sequences.get(table, 0))
        if table == "spans":
            logged = conn.execute("select max(target_id) from actions where target = 'v3:span'").fetchone()[0] or 0
            highest = max(highest, logged)
        conn.execute("delete from sqlite_sequence where name = ?", [table])
        conn.execute("insert into sqlite_sequence (name, seq) values (?, ?)", [table, highest])
