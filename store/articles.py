"""Articles and their spans: add, list (paged), get, full-text search."""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Sequence

import sqlite_utils

from annotators.people import fold_short_names
from annotators.types import Span

from .actions import encode_span_fields, utc_now
from .records import Article, ArticleSummary, SpanRecord

FIRST_WORDS = 12

# Counts for one page of the list only: never aggregate over the whole table.
_SUMMARY_SQL = """
select a.id, a.title, a.source, a.file, substr(a.text, 1, 200) as head, a.done,
  (select count(*) from spans s where s.article_id = a.id and s.kind = 'entity' and s.status != 'rejected') as entities,
  (select count(*) from spans s where s.article_id = a.id and s.kind = 'quote' and s.status != 'rejected') as quotes,
  (select count(*) from spans s where s.article_id = a.id and s.kind = 'claim' and s.status != 'rejected') as claims,
  -- '+' keeps SQLite off the status index here: in a fresh import nearly every
  -- span is 'suggested', and that index made one page take minutes at 100k articles.
  (select count(*) from spans s where s.article_id = a.id and +s.status = 'suggested') as suggested
from articles a
{where}
order by a.id
limit ? offset ?
"""


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word as a prefix."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words)


def _filter(query: str | None) -> tuple[str, list[Any]]:
    if not query or not fts_query(query):
        return "", []
    return (
        "where a.id in (select rowid from articles_fts where articles_fts match ?)",
        [fts_query(query)],
    )


def count_articles(db: sqlite_utils.Database, query: str | None = None) -> int:
    where, params = _filter(query)
    return db.execute(f"select count(*) from articles a {where}", params).fetchone()[0]


def list_articles(
    db: sqlite_utils.Database, offset: int = 0, limit: int = 100, query: str | None = None
) -> list[ArticleSummary]:
    where, params = _filter(query)
    rows = db.query(_SUMMARY_SQL.format(where=where), [*params, limit, offset])
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
    "content_hash", "meta", "imported_at", "done", "done_by",
}


def insert_article(db: sqlite_utils.Database, fields: dict[str, Any]) -> int:
    row = dict(fields)
    row["dropped"] = json.dumps(list(row.get("dropped") or []))
    row["meta"] = json.dumps(row.get("meta") or {})
    row.setdefault("imported_at", utc_now())
    row.setdefault("done", 0)
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


def get_spans(
    db: sqlite_utils.Database,
    article_id: int,
    kinds: Sequence[str] | None = None,
    statuses: Sequence[str] | None = None,
) -> list[SpanRecord]:
    where = ["article_id = ?"]
    params: list[Any] = [article_id]
    if kinds:
        where.append(f"kind in ({', '.join('?' for _ in kinds)})")
        params.extend(kinds)
    if statuses:
        where.append(f"status in ({', '.join('?' for _ in statuses)})")
        params.extend(statuses)
    rows = db["spans"].rows_where(" and ".join(where), params, order_by="start, end desc, id")
    return [SpanRecord.from_row(row) for row in rows]


def suggestion_rows(article_id: int, spans: Iterable[Span], origin: str = "model", status: str = "suggested", annotator: str | None = None) -> list[dict[str, Any]]:
    now = utc_now()
    rows = []
    for span in spans:
        fields = dict(span.attrs)
        # Labelled imports carry each span's review status; model output is a suggestion.
        span_status = fields.pop("status", status) if origin != "model" else status
        rows.append(
            {
                "article_id": article_id,
                "start": span.start,
                "end": span.end,
                "label": span.label,
                "kind": span.kind,
                "origin": origin,
                "status": span_status,
                "annotator": annotator,
                "created_at": now,
                "updated_at": now,
                **encode_span_fields(fields),
            }
        )
    return rows


SPAN_COLUMNS = (
    "id", "article_id", "start", "end", "label", "kind", "origin", "status", "annotator", "created_at",
    "updated_at", "speaker", "speaker_start", "speaker_end", "cue", "tags", "verdict", "note", "normalized", "attrs",
)
_INSERT_SPANS = "insert into spans ({}) values ({})".format(
    ", ".join(f'"{c}"' for c in SPAN_COLUMNS), ", ".join("?" for _ in SPAN_COLUMNS)
)


def insert_spans(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> None:
    """One prepared statement for every row: sqlite-utils' insert_all
    JSON-checked each value and built a statement per chunk, which made it
    the costliest part of storing an import (bench/run.py). Rows hold encoded
    values (tags, attrs as JSON: see suggestion_rows); SQLite gives the id."""
    if not rows:
        return
    unknown = set().union(*rows) - set(SPAN_COLUMNS)
    if unknown:
        raise ValueError(f"not span columns: {sorted(unknown)}")
    db.conn.executemany(_INSERT_SPANS, [tuple(row.get(c) for c in SPAN_COLUMNS) for row in rows])


def links_for(db: sqlite_utils.Database, span_ids: Sequence[int]) -> list[dict[str, Any]]:
    if not span_ids:
        return []
    marks = ", ".join("?" for _ in span_ids)
    return list(
        db.query(
            f"select * from links where a_span_id in ({marks}) or b_span_id in ({marks}) order by id",
            [*span_ids, *span_ids],
        )
    )


# --- reads for the reader app (tui) -------------------------------------------------


def article_position(db: sqlite_utils.Database, article_id: int, query: str | None = None) -> int | None:
    """Index of the article in ``list_articles`` order (by id), or None if the
    filter hides it."""
    where, params = _filter(query)
    joiner = "and" if where else "where"
    row = db.execute(
        f"select (select count(*) from articles a {where} {joiner} a.id < ?),"
        f" exists(select 1 from articles a {where} {joiner} a.id = ?)",
        [*params, article_id, *params, article_id],
    ).fetchone()
    return row[0] if row[1] else None


def adjacent_article(db: sqlite_utils.Database, article_id: int, step: int, query: str | None = None) -> int | None:
    """The id of the next (step > 0) or previous article in list order, or None."""
    where, params = _filter(query)
    joiner = "and" if where else "where"
    compare, order = (">", "asc") if step > 0 else ("<", "desc")
    row = db.execute(
        f"select a.id from articles a {where} {joiner} a.id {compare} ? order by a.id {order} limit 1",
        [*params, article_id],
    ).fetchone()
    return row[0] if row else None


def people(db: sqlite_utils.Database, article_id: int) -> list[str]:
    """Distinct PERSON entity texts and quote speakers of one article, most
    mentioned first (rejected suggestions left out), a surname alone folded
    into the full name it belongs to."""
    rows = db.execute(
        """
        select name, count(*) as n, min(pos) as first from (
          select substr(a.text, s.start + 1, s.end - s.start) as name, s.start as pos
          from spans s join articles a on a.id = s.article_id
          where s.article_id = ? and s.kind = 'entity' and s.label = 'PERSON' and s.status != 'rejected'
          union all
          select s.speaker as name, s.start as pos from spans s
          where s.article_id = ? and s.kind = 'quote' and s.speaker is not null and s.speaker != ''
            and s.status != 'rejected'
        ) group by name order by first
        """,
        [article_id, article_id],
    ).fetchall()
    return fold_short_names([(row[0], row[1]) for row in rows])


def progress(db: sqlite_utils.Database) -> dict[str, int]:
    """Overall review progress, cheap enough to refresh after every action."""
    q = db.execute
    return {
        "articles": q("select count(*) from articles").fetchone()[0],
        "done": q("select count(*) from articles where done = 1").fetchone()[0],
        "spans": q("select count(*) from spans").fetchone()[0],
        "suggested": q("select count(*) from spans where status = 'suggested'").fetchone()[0],
    }
