"""An editor's corrections to the stories: move an article, split, merge.

Each is one entry in the action log (target ``stories``: the affected rows of
``article_stories`` before and after), so ``undo``/``redo`` write a snapshot
back as for every other action.  Stories are shared by the whole desk: an undo
is refused when someone has regrouped those articles since.
"""
from __future__ import annotations

import json
from typing import Any, Sequence

import sqlite_utils

from .actions import ActionError, log_action
from .db import transaction
from .stories import TABLE

TARGET = "stories"


def rows_of(db: sqlite_utils.Database, article_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The ``article_stories`` rows of ``article_ids`` (grouped ones only), by article id."""
    cursor = db.execute(f"select article_id, story, score, grouped_at from {TABLE} "
                        f"where article_id in (select value from json_each(?)) order by article_id",
                        [json.dumps(list(article_ids))])
    return [dict(zip(("article_id", "story", "score", "grouped_at"), r)) for r in cursor.fetchall()]


def write_rows(db: sqlite_utils.Database, rows: Sequence[dict[str, Any]] | None) -> None:
    """Make the stored rows equal to ``rows`` (an undo or redo)."""
    for r in rows or []:
        db.execute(f"insert or replace into {TABLE} (article_id, story, score, grouped_at) values (?, ?, ?, ?)",
                   [r["article_id"], r["story"], r["score"], r["grouped_at"]])


def overtaken(db: sqlite_utils.Database, expected: Sequence[dict[str, Any]] | None) -> bool:
    """Whether the rows an action left have changed since (someone regrouped them)."""
    rows = list(expected or [])
    return [(r["article_id"], r["story"]) for r in rows_of(db, [r["article_id"] for r in rows])] != \
        [(r["article_id"], r["story"]) for r in rows]


def _story_of(db, article_id: int) -> int:
    row = db.execute(f"select story from {TABLE} where article_id = ?", [article_id]).fetchone()
    if row is None:
        raise ActionError(f"article {article_id} is not in a story (no such article, or not grouped yet: "
                          f"run copydesk stories)")
    return row[0]


def _exists(db, story: int) -> None:
    if db.execute(f"select 1 from {TABLE} where story = ? limit 1", [story]).fetchone() is None:
        raise ActionError(f"story {story} does not exist")


def _change(db, annotator: str, action: str, article_ids: Sequence[int], story: int) -> int:
    before = rows_of(db, article_ids)
    db.execute(f"update {TABLE} set story = ?, score = 1.0 where article_id in (select value from json_each(?))",
               [story, json.dumps(list(article_ids))])
    after = rows_of(db, article_ids)
    log_action(db, annotator, action, TARGET, story, article_ids[0] if len(article_ids) == 1 else None,
               before, after)
    return story


def _new_story(db) -> int:
    return db.execute(f"select coalesce(max(story), 0) + 1 from {TABLE}").fetchone()[0]


def move_to_story(db: sqlite_utils.Database, annotator: str, article_id: int, story: int) -> int:
    """Move one article into ``story``."""
    with transaction(db):
        _story_of(db, article_id)
        _exists(db, story)
        return _change(db, annotator, "story_move", [article_id], story)


def split_story(db: sqlite_utils.Database, annotator: str, article_ids: Sequence[int]) -> int:
    """Take ``article_ids`` (all of one story, not all of it) out into a new story; returns its id."""
    ids = sorted(set(article_ids))
    with transaction(db):
        stories = {_story_of(db, i) for i in ids}
        if len(stories) != 1:
            raise ActionError(f"articles {', '.join(map(str, ids))} are in different stories; split one story")
        (story,) = stories
        size = db.execute(f"select count(*) from {TABLE} where story = ?", [story]).fetchone()[0]
        if not ids or len(ids) == size:
            raise ActionError(f"split story {story}: name some of its articles, not none or all")
        return _change(db, annotator, "story_split", ids, _new_story(db))


def merge_stories(db: sqlite_utils.Database, annotator: str, keep: int, other: int) -> int:
    """Put every article of story ``other`` into story ``keep``."""
    with transaction(db):
        _exists(db, keep)
        _exists(db, other)
        if keep == other:
            raise ActionError(f"story {keep} cannot be merged with itself")
        ids = [r[0] for r in db.execute(f"select article_id from {TABLE} where story = ? order by article_id",
                                        [other]).fetchall()]
        return _change(db, annotator, "story_merge", ids, keep)
