"""What is kept: the SQLite database and the small API everything else uses.

    store = Store.open("copydesk.db", annotator="ana")
    store.list_articles(offset=0, limit=50, query="Blinken")
    store.accept(span_id); store.undo()
"""
from __future__ import annotations

from . import sqlite_import  # noqa: F401  (first: sqlite-utils without its pandas and numpy imports)

import getpass
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import dataclasses

from annotators.reach import waiting_for

from . import actions as _actions
from . import articles as _articles
from . import judgments as _judgments
from .db import checkpoint as _checkpoint
from .db import SCHEMA_VERSION, DatabaseBusy, StoreError, WriteLockHeld, connect, schema_version, without_waiting
from .records import ActionRecord, Article, ArticleSummary, Difference, Judgment, SpanRecord

if TYPE_CHECKING:  # merge is imported when used
    from .merge import MergeReport

DEFAULT_DB = "copydesk.db"
DB_ENV = "COPYDESK_DB"

__all__ = [
    "Store",
    "StoreError",
    "DatabaseBusy",
    "WriteLockHeld",
    "Article",
    "ArticleSummary",
    "SpanRecord",
    "ActionRecord",
    "Judgment",
    "Difference",
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

    def close(self, checkpoint: bool | None = None) -> None:
        """Close the connection (again: nothing).  A connection that wrote
        (or ``checkpoint=True``) first copies the WAL into the .db file when no
        other connection holds it, so the file alone carries every judgment."""
        conn = self.db.conn
        try:
            conn.total_changes
        except sqlite3.ProgrammingError:  # closed already
            return
        if checkpoint or (checkpoint is None and conn.total_changes > 0):
            self.checkpoint()
        conn.close()

    def checkpoint(self) -> bool:
        """The WAL copied into the .db file and emptied, without waiting (False:
        another connection held it; what was left stays in the WAL)."""
        return _checkpoint(self.db)

    def reopen_for_thread(self) -> "Store":
        """A second connection to the same file, for a worker thread."""
        return Store.open(self.path, self.annotator)

    def without_waiting(self):
        """A context in which an action takes the write lock at once or raises
        WriteLockHeld (nothing written) instead of waiting for another process."""
        return without_waiting(self.db)

    @property
    def schema_version(self) -> int:
        return schema_version(self.db)

    # --- reading --------------------------------------------------------------------

    def count_articles(self, query: str | None = None, unseen: bool = False) -> int:
        return _articles.count_articles(self.db, query, self.annotator if unseen else None)

    def list_articles(self, offset: int = 0, limit: int = 100, query: str | None = None,
                      unseen: bool = False) -> list[ArticleSummary]:
        """A page of the article list with this annotator's counts; ``unseen``:
        only articles they have not opened yet."""
        return _articles.list_articles(self.db, offset, limit, query, self.annotator,
                                       self.annotator if unseen else None)

    def article_ids(self) -> list[int]:
        return _articles.article_ids(self.db)

    def get_article(self, article_id: int) -> Article:
        """The article, ``done`` as this annotator marked it."""
        article = _articles.get_article(self.db, article_id)
        if article is None:
            raise StoreError(f"article {article_id} does not exist")
        done = self.annotator in _judgments.done_by(self.db, article_id)
        return dataclasses.replace(article, done=done, done_by=self.annotator if done else None)

    def article_position(self, article_id: int, query: str | None = None) -> int | None:
        """Where the article sits in ``list_articles(query=...)`` order (None: filtered out)."""
        return _articles.article_position(self.db, article_id, query)

    def adjacent_article(self, article_id: int, step: int = 1, query: str | None = None) -> int | None:
        """The next (step 1) or previous (step -1) article id in list order."""
        return _articles.adjacent_article(self.db, article_id, step, query)

    def people(self, article_id: int) -> list[str]:
        """The article's people (PERSON entities, quote speakers), most mentioned first."""
        return _articles.people(self.db, article_id, self.annotator)

    def progress(self) -> dict[str, int]:
        """This annotator's articles done, spans and suggestions left, for a status line."""
        return _articles.progress(self.db, self.annotator)

    def find_articles_by_file(self, name: str) -> list[int]:
        return _articles.find_by_file(self.db, name)

    def spans(self, article_id: int, kinds: Sequence[str] | None = None, statuses: Sequence[str] | None = None) -> list[SpanRecord]:
        """The article's spans as this annotator has them (docs/schema.md)."""
        return _judgments.effective_spans(self.db, article_id, self.annotator, kinds=kinds, statuses=statuses)

    def spans_for(self, article_id: int, annotator: str | None = None, layer: str = _judgments.ANNOTATION,
                  kinds: Sequence[str] | None = None, statuses: Sequence[str] | None = None) -> list[SpanRecord]:
        """The article's spans as ``annotator`` has them (layer 'gold': as reviewed)."""
        return _judgments.effective_spans(self.db, article_id, annotator or self.annotator, layer, kinds, statuses)

    def span(self, span_id: int) -> SpanRecord:
        record = _judgments.effective_span(self.db, span_id, self.annotator)
        if record is None:
            raise StoreError(f"span {span_id} does not exist")
        return record

    def judgments(self, span_id: int) -> list[Judgment]:
        """Everyone's view of one span (annotators, and the gold)."""
        return _judgments.judgments_of_span(self.db, span_id)

    def annotators(self, article_id: int | None = None) -> list[str]:
        return _judgments.annotators(self.db, article_id)

    def articles_worked(self, annotator: str | None = None) -> list[int]:
        return _judgments.articles_worked(self.db, annotator)

    def done_by(self, article_id: int) -> set[str]:
        return _judgments.done_by(self.db, article_id)

    def differences(self, article_id: int, include_resolved: bool = False) -> list[Difference]:
        return _judgments.differences(self.db, article_id, include_resolved)

    def not_reached(self, article_id: int) -> dict[int, tuple[int, int]]:
        """Spans not every annotator has reached yet: id -> (start, end) (annotators.reach)."""
        return _judgments.not_reached(self.db, article_id)

    def waiting_for(self, article_id: int) -> list[str]:
        """The article's annotators who have not marked it done."""
        return waiting_for(self.annotators(article_id), self.done_by(article_id))

    def gold_spans(self, article_id: int) -> tuple[list[SpanRecord], list[Difference]]:
        return _judgments.gold_spans(self.db, article_id)

    def gold_done(self, article_id: int) -> bool:
        return _judgments.gold_done(self.db, article_id)

    def last_position(self) -> tuple[int, int | None] | None:
        """Where this annotator last worked: (article id, span id)."""
        row = self.db.execute(
            "select article_id, last_span_id from article_status where annotator = ? and layer = 'annotation' "
            "order by last_seen desc limit 1", [self.annotator]).fetchone()
        return (row[0], row[1]) if row else None

    def last_span(self, article_id: int) -> int | None:
        """The span this annotator last worked on in the article (None: none yet)."""
        row = self.db.execute(
            "select last_span_id from article_status where article_id = ? and annotator = ? and layer = 'annotation'",
            [article_id, self.annotator]).fetchone()
        return row[0] if row else None

    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def links(self, span_ids: Sequence[int]) -> list[dict[str, Any]]:
        return _articles.links_for(self.db, span_ids)

    def actions(self, article_id: int | None = None, limit: int = 100) -> list[ActionRecord]:
        where, params = ("where article_id = ?", [article_id]) if article_id is not None else ("", [])
        rows = self.db.query(f"select * from actions {where} order by id desc limit ?", [*params, limit])
        return [ActionRecord.from_row(r) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts by kind, label and this annotator's status."""
        from .team_stats import LABEL_ROWS_SELF

        q = self.db.execute
        by_label = q(LABEL_ROWS_SELF, {"a": self.annotator}).fetchall()  # a relabelled span under its new label
        progress = self.progress()
        return {
            "articles": progress["articles"],
            "done": progress["done"],
            "spans": progress["spans"],
            "suggested": progress["suggested"],
            "reviewed": progress["spans"] - progress["suggested"],
            "actions": q("select count(*) from actions").fetchone()[0],
            "annotators": self.annotators(),
            "by_label": [dict(zip(("kind", "label", "status", "count"), row)) for row in by_label],
        }

    def team_stats(self, annotator: str | None = None) -> dict[str, Any]:
        """One row per annotator (articles opened and done, spans judged,
        suggestions left, spans reviewed, last active) and totals; with
        ``annotator``, that person alone (store.team_stats)."""
        from .team_stats import team_stats

        return team_stats(self.db, annotator)

    # --- annotation actions (each one transaction, logged, undoable) ----------------

    def _judge(self, action: str, span_id: int, changes: dict[str, Any], status: str | None = None) -> SpanRecord:
        return _actions.judge(self.db, self.annotator, action, span_id, changes, status)

    def accept(self, span_id: int) -> SpanRecord:
        return self._judge("accept", span_id, {})

    def ignore(self, span_id: int) -> SpanRecord:
        """A span this annotator cannot judge: reviewed, but no answer."""
        return self._judge("ignore", span_id, {}, status="ignored")

    def accept_many(self, span_ids: Sequence[int]) -> int:
        """Accept many suggestions as one action (one undo)."""
        return _actions.judge_many(self.db, self.annotator, "accept_many", list(span_ids))

    def reject(self, span_id: int) -> SpanRecord | None:
        """Reject a suggestion, or delete a span you made."""
        return _actions.remove_span(self.db, self.annotator, span_id)

    def relabel(self, span_id: int, label: str) -> SpanRecord:
        return self._judge("relabel", span_id, {"label": label})

    def resize(self, span_id: int, start: int, end: int) -> SpanRecord:
        return self._judge("resize", span_id, {"start": start, "end": end, "fragments": None})

    def add_span(self, article_id: int, start: int, end: int, kind: str, label: str, **fields: Any) -> SpanRecord:
        return _actions.add_span(self.db, self.annotator, article_id, start, end, kind, label, **fields)

    def set_speaker(self, span_id: int, speaker: str | None, start: int | None = None, end: int | None = None,
                    kind: str | None = None) -> SpanRecord:
        changes = {"speaker": speaker, "speaker_start": start, "speaker_end": end}
        if kind is not None or not speaker:
            changes["speaker_kind"] = kind
        return self._judge("speaker", span_id, changes)

    def set_tags(self, span_id: int, tags: Sequence[str]) -> SpanRecord:
        return self._judge("tag", span_id, _actions.encode_span_fields({"tags": tags}))

    def set_verdict(self, span_id: int, verdict: str | None) -> SpanRecord:
        return self._judge("verdict", span_id, {"verdict": verdict})

    def set_note(self, span_id: int, note: str | None, normalized: str | None = None) -> SpanRecord:
        return self._judge("note", span_id, {"note": note, "normalized": normalized})

    def mark_done(self, article_id: int, done: bool = True) -> None:
        _actions.set_done(self.db, self.annotator, article_id, done)

    def accept_rest_and_finish(self, article_id: int, span_ids: Sequence[int]) -> int:
        """Accept the suggestions left and mark the article done: one action, one undo."""
        return _actions.accept_rest_and_finish(self.db, self.annotator, article_id, list(span_ids))

    def touch(self, article_id: int, span_id: int | None = None) -> None:
        """Remember that this annotator opened the article (at a span): resume, 'not seen by me'."""
        _actions.touch(self.db, article_id, self.annotator, span_id)

    def link(self, a_span_id: int, b_span_id: int, kind: str) -> int:
        return _actions.add_link(self.db, self.annotator, a_span_id, b_span_id, kind)

    def undo(self) -> ActionRecord | None:
        return _actions.undo(self.db, self.annotator)

    # --- stories (store.stories) ------------------------------------------------------

    def story_members(self, article_id: int) -> list[int] | None:
        """The ids of the stored story the article is in (None: not grouped yet)."""
        from .stories import story_members
        return story_members(self.db, article_id)

    def count_story_list(self, query: str | None = None, unseen: bool = False) -> int:
        """Rows of the article list grouped by story (store.story_list): articles and story headings."""
        from .story_list import count_story_list
        return count_story_list(self.db, query, self.annotator if unseen else None)

    def story_list(self, offset: int = 0, limit: int = 100, query: str | None = None, unseen: bool = False) -> list:
        """A page of the grouped list: ``StoryHeading`` and ``ArticleSummary`` rows."""
        from .story_list import story_list_page
        return story_list_page(self.db, offset, limit, query, self.annotator, self.annotator if unseen else None)

    def story_list_position(self, article_id: int, query: str | None = None, unseen: bool = False) -> int | None:
        from .story_list import story_list_position
        return story_list_position(self.db, article_id, query, self.annotator if unseen else None)

    # --- story corrections (store.story_edits), undoable -----------------------------

    def move_to_story(self, article_id: int, story: int) -> int:
        from .story_edits import move_to_story
        return move_to_story(self.db, self.annotator, article_id, story)

    def split_story(self, article_ids: Sequence[int]) -> int:
        from .story_edits import split_story
        return split_story(self.db, self.annotator, article_ids)

    def merge_stories(self, keep: int, other: int) -> int:
        from .story_edits import merge_stories
        return merge_stories(self.db, self.annotator, keep, other)

    def redo(self) -> ActionRecord | None:
        return _actions.redo(self.db, self.annotator)

    # --- review: the gold, recorded with the reviewer's name -------------------------

    def take_version(self, span_id: int, annotator: str) -> SpanRecord:
        """Make ``annotator``'s version of the span the gold (theirs absent: rejected)."""
        own = _judgments.judgment_row(self.db, span_id, annotator)
        if own is None:
            return _actions.judge(self.db, self.annotator, "review", span_id, {}, "rejected", _judgments.GOLD)
        values = {c: own[c] for c in _judgments.JUDGED_COLUMNS}
        return _actions.judge(self.db, self.annotator, "review", span_id, values, own["status"], _judgments.GOLD)

    def review_edit(self, span_id: int, status: str | None = None, **changes: Any) -> SpanRecord:
        """The reviewer's own version of the span as the gold (e.g. label=..., status='rejected')."""
        if "tags" in changes:
            changes = {**changes, **_actions.encode_span_fields({"tags": changes["tags"]})}
        return _actions.judge(self.db, self.annotator, "review", span_id, changes, status, _judgments.GOLD)

    def review_add(self, article_id: int, start: int, end: int, kind: str, label: str, **fields: Any) -> SpanRecord:
        """A span every annotator missed, added by the reviewer straight into the gold."""
        return _actions.add_span(self.db, self.annotator, article_id, start, end, kind, label, _judgments.GOLD,
                                 **fields)

    def mark_reviewed(self, article_id: int, reviewed: bool = True) -> None:
        _actions.set_done(self.db, self.annotator, article_id, reviewed, _judgments.GOLD)

    # --- databases -------------------------------------------------------------------

    def foreign_objects(self) -> list[str]:
        """Triggers and views in this database that copydesk did not create
        (a trigger runs on copydesk's own writes: tell the user)."""
        from .schema_guard import foreign_objects

        return foreign_objects(self.db.conn)

    def merge_from(self, other: str | Path) -> MergeReport:
        """Bring another copydesk database's articles, spans, judgments and log in (idempotent)."""
        from .merge import merge_database

        return merge_database(self, Path(other))
