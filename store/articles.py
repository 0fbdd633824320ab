"""Articles and their spans: add, list (paged), get, full-text search."""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Sequence

import sqlite_utils

from annotators.types import Span

from .actions import encode_span_fields, utc_now
from .schema_v4 import UsedUids, model_span_uid, new_uid, unique_uid
from .records import Article, ArticleSummary

FIRST_WORDS = 12

# Counts for one page of the list only: never aggregate over the whole table.
# Rejected and suggestion counts are the viewer's: a suggestion is a span they
# can see and have not judged.
_SUMMARY_SQL = """
select a.id, a.title, a.source, a.file, substr(a.text, 1, 200) as head,
  coalesce((select st.done from article_status st where st.article_id = a.id and st.annotator = :me
            and st.layer = 'annotation'), 0) as done,
  (select count(*) from spans s where s.article_id = a.id and s.kind = 'entity' {mine}) as entities,
  (select count(*) from spans s where s.article_id = a.id and s.kind = 'quote' {mine}) as quotes,
  (select count(*) from spans s where s.article_id = a.id and s.kind = 'claim' {mine}) as claims,
  (select count(*) from spans s where s.article_id = a.id and s.origin != 'human'
     and not exists (select 1 from judgments j where j.span_id = s.id and j.annotator = :me
                     and j.layer = 'annotation')) as suggested
from articles a
{where}
order by a.id
limit :limit offset :offset
"""
_MINE = ("and (s.origin != 'human' or s.annotator = :me) and not exists (select 1 from judgments j "
         "where j.span_id = s.id and j.annotator = :me and j.layer = 'annotation' and j.status = 'rejected')")


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word as a prefix."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words)


def list_filter(query: str | None, unseen_by: str | None = None) -> tuple[str, list[Any]]:
    """``query``: full-text words; ``unseen_by``: articles that annotator has not opened."""
    where, params = [], []
    if query and fts_query(query):
        where.append("a.id in (select rowid from articles_fts where articles_fts match ?)")
        params.append(fts_query(query))
    if unseen_by:
        where.append("a.id not in (select article_id from article_status where annotator = ? and layer = 'annotation')")
        params.append(unseen_by)
    return ("where " + " and ".join(where), params) if where else ("", [])


def count_articles(db: sqlite_utils.Database, query: str | None = None, unseen_by: str | None = None) -> int:
    where, params = list_filter(query, unseen_by)
    return db.execute(f"select count(*) from articles a {where}", params).fetchone()[0]


def list_articles(
    db: sqlite_utils.Database, offset: int = 0, limit: int = 100, query: str | None = None,
    annotator: str | None = None, unseen_by: str | None = None,
) -> list[ArticleSummary]:
    where, params = list_filter(query, unseen_by)
    named = {f"p{i}": p for i, p in enumerate(params)}
    for i in range(len(params)):
        where = where.replace("?", f":p{i}", 1)
    sql = _SUMMARY_SQL.format(where=where, mine=_MINE)
    rows = db.query(sql, {**named, "me": annotator or "", "limit": limit, "offset": offset})
    return [_summary(row) for row in rows]


def _summary(row: dict[str, Any]) -> ArticleSummary:
    first_words = " ".join(row["head"].split()[:FIRST_WORDS])
    return ArticleSummary(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        file=row["file"],
        first_words=first_words,
        entities=row["entities"],
        quotes=row["quotes"],
        claims=row["claims"],
        suggested=row["suggested"],
        done=bool(row["done"]),
    )


def get_article(db: sqlite_utils.Database, article_id: int) -> Article | None:
    rows = list(db["articles"].rows_where("id = ?", [article_id]))
    return Article.from_row(rows[0]) if rows else None


def article_ids(db: sqlite_utils.Database) -> list[int]:
    return [row[0] for row in db.execute("select id from articles order by id")]


def find_by_hash(db: sqlite_utils.Database, content_hash: str) -> int | None:
    row = db.execute("select id from articles where content_hash = ? limit 1", [content_hash]).fetchone()
    return row[0] if row else None


def find_by_path(db: sqlite_utils.Database, path: str) -> Article | None:
    rows = list(db["articles"].rows_where("path = ?", [path], order_by="id desc", limit=1))
    return Article.from_row(rows[0]) if rows else None


def find_by_file(db: sqlite_utils.Database, name: str) -> list[int]:
    return [row[0] for row in db.execute("select id from articles where file = ? order by id", [name])]


ARTICLE_COLUMNS = {
    "id", "source", "title", "byline", "published", "url", "file", "path", "text", "raw", "dropped",
    "content_hash", "meta", "imported_at",
}


def insert_article(db: sqlite_utils.Database, fields: dict[str, Any]) -> int:
    row = dict(fields)
    row["dropped"] = json.dumps(list(row.get("dropped") or []))
    row["meta"] = json.dumps(row.get("meta") or {})
    row.setdefault("imported_at", utc_now())
    unknown = set(row) - ARTICLE_COLUMNS
    if unknown:
        raise ValueError(f"not article columns: {sorted(unknown)}")
    # A plain statement: sqlite-utils' insert re-read the table's columns and
    # JSON-checked every value, per article (bench/run.py, import profile).
    columns = list(row)
    cursor = db.conn.execute(
        "insert into articles ({}) values ({})".format(", ".join(f'"{c}"' for c in columns), ", ".join("?" for _ in columns)),
        [row[c] for c in columns],
    )
    return cursor.lastrowid


def update_article_text(db: sqlite_utils.Database, article_id: int, fields: dict[str, Any]) -> None:
    row = dict(fields)
    row["dropped"] = json.dumps(list(row.get("dropped") or []))
    row["meta"] = json.dumps(row.get("meta") or {})
    row["imported_at"] = utc_now()
    db["articles"].update(article_id, row)


def suggestion_rows(article_id: int, spans: Iterable[Span], origin: str = "model", status: str = "accepted",
                    annotator: str | None = None, content_hash: str = "") -> list[dict[str, Any]]:
    """Span rows for ``insert_spans``.  A labelled import's spans carry their
    review status (from the file, else ``status``) as ``_status``: it becomes
    ``annotator``'s judgment."""
    now = utc_now()
    rows = []
    used = UsedUids()
    for span in spans:
        fields = dict(span.attrs)
        span_status = fields.pop("status", None) or status
        row = {
            "article_id": article_id, "start": span.start, "end": span.end, "label": span.label,
            "kind": span.kind, "origin": origin, "annotator": None if origin == "model" else annotator,
            "created_at": now, **encode_span_fields(fields),
        }
        row["uid"] = _span_uid(row, content_hash, used)
        if origin != "model":
            row["_status"] = span_status
        rows.append(row)
    return rows


def _span_uid(row: dict[str, Any], content_hash: str, used: set[str]) -> str:
    """The same span from the same file gets the same uid in every database
    (model output and labelled imports alike), so a merge matches it."""
    if not content_hash:
        return new_uid()
    key = content_hash if row["origin"] == "model" else f"{content_hash}|{row['origin']}"
    return unique_uid(model_span_uid(key, row["kind"], row["label"], row["start"], row["end"], row.get("fragments")), used)


SPAN_COLUMNS = (
    "uid", "article_id", "start", "end", "fragments", "label", "kind", "origin", "annotator", "created_at",
    "speaker", "speaker_start", "speaker_end", "speaker_kind", "cue", "tags", "verdict", "note", "normalized", "attrs",
)
_INSERT_SPANS = "insert into spans ({}) values ({})".format(
    ", ".join(f'"{c}"' for c in SPAN_COLUMNS), ", ".join("?" for _ in SPAN_COLUMNS)
)
_INSERT_JUDGMENTS = (
    'insert into judgments (span_id, annotator, layer, status, start, "end", fragments, label, speaker, speaker_start, '
    "speaker_end, speaker_kind, cue, tags, verdict, note, normalized, attrs, created_at, updated_at) "
    'select id, ?, \'annotation\', ?, start, "end", fragments, label, speaker, speaker_start, speaker_end, '
    "speaker_kind, cue, tags, verdict, note, normalized, attrs, created_at, created_at from spans where uid = ?"
)


def insert_spans(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> None:
    """One prepared statement for every row: sqlite-utils' insert_all
    JSON-checked each value and built a statement per chunk, which made it
    the costliest part of storing an import (bench/run.py). Rows hold encoded
    values (tags, attrs as JSON: see suggestion_rows); SQLite gives the id.
    A row's ``_status`` (labelled imports) becomes its annotator's judgment."""
    if not rows:
        return
    unknown = set().union(*rows) - set(SPAN_COLUMNS) - {"_status"}
    if unknown:
        raise ValueError(f"not span columns: {sorted(unknown)}")
    db.conn.executemany(_INSERT_SPANS, [tuple(row.get(c) for c in SPAN_COLUMNS) for row in rows])
    judged = [(row["annotator"] or "imported", row["_status"], row["uid"]) for row in rows
              if row.get("_status") not in (None, "suggested")]
    if judged:
        db.conn.executemany(_INSERT_JUDGMENTS, judged)


def links_for(db: sqlite_utils.Database, span_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Links touching any of ``span_ids``, each with its ``attrs`` decoded."""
    if not span_ids:
        return []
    marks = ", ".join("?" for _ in span_ids)
    rows = db.query(
        f"select * from links where a_span_id in ({marks}) or b_span_id in ({marks}) order by id",
        [*span_ids, *span_ids],
    )
    return [{**row, "attrs": json.loads(row["attrs"]) if row.get("attrs") else {}} for row in rows]


# --- reads for the reader app (tui) -------------------------------------------------


def article_position(db: sqlite_utils.Database, article_id: int, query: str | None = None) -> int | None:
    """Index of the article in ``list_articles`` order (by id), or None if the
    filter hides it."""
    where, params = list_filter(query)
    joiner = "and" if where else "where"
    row = db.execute(
        f"select (select count(*) from articles a {where} {joiner} a.id < ?),"
        f" exists(select 1 from articles a {where} {joiner} a.id = ?)",
        [*params, article_id, *params, article_id],
    ).fetchone()
    return row[0] if row[1] else None


def adjacent_article(db: sqlite_utils.Database, article_id: int, step: int, query: str | None = None) -> int | None:
    """The id of the next (step > 0) or previous article in list order, or None."""
    where, params = list_filter(query)
    joiner = "and" if where else "where"
    compare, order = (">", "asc") if step > 0 else ("<", "desc")
    row = db.execute(
        f"select a.id from articles a {where} {joiner} a.id {compare} ? order by a.id {order} limit 1",
        [*params, article_id],
    ).fetchone()
    return row[0] if row else None


def people(db: sqlite_utils.Database, article_id: int, annotator: str | None = None) -> list[str]:
    """Distinct PERSON entity texts and quote speakers of one article, most
    mentioned first (rejected suggestions left out), as
    annotators.people.speaker_choices makes them: possessives dropped, names
    seen only in headings left out, a surname alone folded into the full name."""
    rows = db.execute(
        """
        select substr(a.text, s.start + 1, s.end - s.start) as name, s.start as pos, 1 as mention
        from spans s join articles a on a.id = s.article_id
        where s.article_id = :a and s.kind = 'entity' and s.label = 'PERSON' and s.origin != 'human'
          and not exists (select 1 from judgments j where j.span_id = s.id and j.status = 'rejected'
                          and j.annotator = :me and j.layer = 'annotation')
        union all
        select j.speaker as name, j.start as pos, 0 from judgments j join spans s on s.id = j.span_id
        where s.article_id = :a and s.kind = 'quote' and j.annotator = :me and j.layer = 'annotation'
          and j.speaker is not null and j.speaker != '' and j.status != 'rejected'
        union all
        select s.speaker as name, s.start as pos, 0 from spans s
        where s.article_id = :a and s.kind = 'quote' and s.speaker is not null and s.speaker != ''
          and not exists (select 1 from judgments j where j.span_id = s.id and j.annotator = :me
                          and j.layer = 'annotation')
        order by pos
        """,
        {"a": article_id, "me": annotator or ""},
    ).fetchall()
    text = db.execute("select text from articles where id = ?", [article_id]).fetchone()
    # Imported here: annotators.people pulls in the aligner (numpy, rapidfuzz), which
    # the reader's start-up does not need (first paint, issue 16).
    from annotators.people import speaker_choices

    return speaker_choices(text[0] if text else "", [(row[0], row[1], bool(row[2])) for row in rows])


def progress(db: sqlite_utils.Database, annotator: str | None = None) -> dict[str, int]:
    """Review progress as ``annotator`` sees it, cheap enough to refresh after every action.

    No query filters the whole spans table on a column without an index (that
    scan cost 230 ms at 4.6M spans): all spans are counted on the smallest
    covering index, and people's spans through their judgments (a person's
    span is written with its maker's judgment, store/actions.add_span), which
    are indexed by annotator and few beside the model's spans."""
    q = db.execute
    me = annotator or ""
    every_span = q("select count(*) from spans").fetchone()[0]
    # CROSS JOIN keeps SQLite on the judgments first (it chose to scan every span).
    human = q("select count(*) from judgments j cross join spans s on s.id = j.span_id where j.layer = 'annotation' "
              "and s.origin = 'human' and j.annotator = s.annotator").fetchone()[0]
    own = q("select count(*) from judgments j join spans s on s.id = j.span_id where j.annotator = ? "
            "and j.layer = 'annotation' and s.origin = 'human' and s.annotator = ?", [me, me]).fetchone()[0]
    judged = q("select count(*) from judgments j join spans s on s.id = j.span_id where j.annotator = ? "
               "and j.layer = 'annotation' and s.origin != 'human'", [me]).fetchone()[0]
    spans = every_span - human
    return {
        "articles": q("select count(*) from articles").fetchone()[0],
        "done": q("select count(*) from article_status where annotator = ? and layer = 'annotation' and done = 1",
                  [me]).fetchone()[0],
        "spans": spans + own,
        "suggested": spans - judged,
    }


def summaries(db: sqlite_utils.Database, ids: Sequence[int], annotator: str | None = None) -> list[ArticleSummary]:
    """The list rows of ``ids`` (any order in, id order out)."""
    if not ids:
        return []
    sql = _SUMMARY_SQL.format(where="where a.id in (select value from json_each(:ids))", mine=_MINE)
    rows = db.query(sql, {"ids": json.dumps(list(ids)), "me": annotator or "", "limit": len(ids), "offset": 0})
    return [_summary(row) for row in rows]
