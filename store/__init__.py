"""What is kept: the SQLite database and the small API everything else uses.

    store = Store.open("copydesk.db", annotator="ana")
    store.list_articles(offset=0, limit=50, query="Blinken")
    store.accept(span_id); store.undo()
"""
from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any, Sequence

from . import actions as _actions
from . import articles as _articles
from .db import SCHEMA_VERSION, DatabaseBusy, StoreError, connect, schema_version
from .records import ActionRecord, Article, ArticleSummary, SpanRecord

DEFAULT_DB = "copydesk.db"
DB_ENV = "COPYDESK_DB"

__all__ = [
    "Store",
    "StoreError",
    "DatabaseBusy",
    "Article",
    "ArticleSummary",
    "SpanRecord",
    "ActionRecord",
    "DEFAULT_DB",
    "DB_ENV",
    "SCHEMA_VERSION",
]


def default_annotator() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "annotator"


class Store:
    """One open database and the annotator whose actions it records."""

    def __init__(self, db, path: Path, annotator: str | None = None):
        self.db = db
        self.path = path
        self.annotator = annotator or default_annotator()

    @classmethod
    def open(cls, path: str | Path, annotator: str | None = None) -> "Store":
        path = Path(path)
        return cls(connect(path), path, annotator)

    def close(self) -> None:
        self.db.conn.close()

    def reopen_for_thread(self) -> "Store":
        """A second connection to the same file, for a worker thread."""
        return Store.open(self.path, self.annotator)

    @property
    def schema_version(self) -> int:
        return schema_version(self.db)

    # --- reading --------------------------------------------------------------------

    def count_articles(self, query: str | None = None) -> int:
        return _articles.count_articles(self.db, query)

    def list_articles(self, offset: int = 0, limit: int = 100, query: str | None = None) -> list[ArticleSummary]:
        return _articles.list_articles(self.db, offset, limit, query)

    def article_ids(self) -> list[int]:
        return _articles.article_ids(self.db)

    def get_article(self, article_id: int) -> Article:
        article = _articles.get_article(self.db, article_id)
        if article is None:
            raise StoreError(f"article {article_id} does not exist")
        return article

    def article_position(self, article_id: int, query: str | None = None) -> int | None:
        """Where the article sits in ``list_articles(query=...)`` order (None: filtered out)."""
        return _articles.article_position(self.db, article_id, query)

    def adjacent_article(self, article_id: int, step: int = 1, query: str | None = None) -> int | None:
        """The next (step 1) or previous (step -1) article id in list order."""
        return _articles.adjacent_article(self.db, article_id, step, query)

    def people(self, article_id: int) -> list[str]:
        """The article's people (PERSON entities, quote speakers), most mentioned first."""
        return _articles.people(self.db, article_id)

    def progress(self) -> dict[str, int]:
        """Articles, done articles, spans and suggestions left, for a status line."""
        return _articles.progress(self.db)

    def find_articles_by_file(self, name: str) -> list[int]:
        return _articles.find_by_file(self.db, name)

    def spans(self, article_id: int, kinds: Sequence[str] | None = None, statuses: Sequence[str] | None = None) -> list[SpanRecord]:
        return _articles.get_spans(self.db, article_id, kinds, statuses)

    def span(self, span_id: int) -> SpanRecord:
        return SpanRecord.from_row(_actions.span_row(self.db, span_id))

    def links(self, span_ids: Sequence[int]) -> list[dict[str, Any]]:
        return _articles.links_for(self.db, span_ids)

    def actions(self, article_id: int | None = None, limit: int = 100) -> list[ActionRecord]:
        where, params = ("where article_id = ?", [article_id]) if article_id is not None else ("", [])
        rows = self.db.query(f"select * from actions {where} order by id desc limit ?", [*params, limit])
        return [ActionRecord.from_row(r) for r in rows]

    def stats(self) -> dict[str, Any]:
        q = self.db.execute
        by_label = q(
            "select kind, label, status, count(*) from spans group by kind, label, status order by kind, label, status"
        ).fetchall()
        return {
            "articles": q("select count(*) from articles").fetchone()[0],
            "done": q("select count(*) from articles where done = 1").fetchone()[0],
            "spans": q("select count(*) from spans").fetchone()[0],
            "suggested": q("select count(*) from spans where status = 'suggested'").fetchone()[0],
            "reviewed": q("select count(*) from spans where status != 'suggested'").fetchone()[0],
            "actions": q("select count(*) from actions").fetchone()[0],
            "by_label": [dict(zip(("kind", "label", "status", "count"), row)) for row in by_label],
        }

    # --- annotation actions (each one transaction, logged, undoable) ----------------

    def accept(self, span_id: int) -> SpanRecord:
        row = _actions.span_row(self.db, span_id)
        status = "corrected" if row["status"] == "corrected" else "accepted"
        return _actions.update_span(self.db, self.annotator, "accept", span_id, {"status": status})

    def reject(self, span_id: int) -> SpanRecord | None:
        """Reject a suggestion, or delete a span a person made."""
        return _actions.remove_span(self.db, self.annotator, span_id)

    def relabel(self, span_id: int, label: str) -> SpanRecord:
        return _actions.update_span(self.db, self.annotator, "relabel", span_id, {"label": label}, changes_model_output=True)

    def resize(self, span_id: int, start: int, end: int) -> SpanRecord:
        return _actions.update_span(self.db, self.annotator, "resize", span_id, {"start": start, "end": end}, changes_model_output=True)

    def add_span(self, article_id: int, start: int, end: int, kind: str, label: str, **fields: Any) -> SpanRecord:
        return _actions.add_span(self.db, self.annotator, article_id, start, end, kind, label, **fields)

    def set_speaker(self, span_id: int, speaker: str | None, start: int | None = None, end: int | None = None) -> SpanRecord:
        changes = {"speaker": speaker, "speaker_start": start, "speaker_end": end}
        return _actions.update_span(self.db, self.annotator, "speaker", span_id, changes, changes_model_output=True)

    def set_tags(self, span_id: int, tags: Sequence[str]) -> SpanRecord:
        return _actions.update_span(self.db, self.annotator, "tag", span_id, _actions.encode_span_fields({"tags": tags}))

    def set_verdict(self, span_id: int, verdict: str | None) -> SpanRecord:
        return _actions.update_span(self.db, self.annotator, "verdict", span_id, {"verdict": verdict})

    def set_note(self, span_id: int, note: str | None, normalized: str | None = None) -> SpanRecord:
        return _actions.update_span(self.db, self.annotator, "note", span_id, {"note": note, "normalized": normalized})

    def mark_done(self, article_id: int, done: bool = True) -> None:
        _actions.set_done(self.db, self.annotator, article_id, done)

    def link(self, a_span_id: int, b_span_id: int, kind: str) -> int:
        return _actions.add_link(self.db, self.annotator, a_span_id, b_span_id, kind)

    def undo(self) -> ActionRecord | None:
        return _actions.undo(self.db, self.annotator)

    def redo(self) -> ActionRecord | None:
        return _actions.redo(self.db, self.annotator)
