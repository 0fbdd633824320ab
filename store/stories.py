"""Stories in the database: which story each article belongs to.

Articles are grouped as they are imported (``assign_stories`` after each
import: the new articles join the stories of recent articles or start their
own, ``annotators.align.stories.StoryStream``), so reading the stories is one
query.  ``rebuild_stories`` regroups everything, in import order.  Work per
article is bounded by the stream's window, and articles are read in pages, so
memory does not grow with the database.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Sequence

import sqlite_utils

from .db import transaction

TABLE = "article_stories"
PAGE = 500  # articles read and written per transaction


@dataclass(frozen=True)
class StoredStory:
    story: int
    article_ids: tuple[int, ...]
    first_published: str | None
    last_published: str | None
    sources: tuple[str, ...]


def create_table(db: sqlite_utils.Database) -> None:
    """Schema v6: one row per grouped article (an article with none is not grouped yet)."""
    db.execute(f"""create table if not exists {TABLE} (
        article_id integer primary key references articles(id) on delete cascade,
        story integer not null,
        score real not null default 0,
        grouped_at text
    )""")
    db.execute(f"create index if not exists {TABLE}_story on {TABLE}(story)")


def ungrouped_count(db: sqlite_utils.Database) -> int:
    return db.execute(f"select count(*) from articles a where not exists "
                      f"(select 1 from {TABLE} s where s.article_id = a.id)").fetchone()[0]


def _stream(db: sqlite_utils.Database, threshold: float | None, seed: bool):
    from annotators.align.stories import StoryStream, extract

    stream = StoryStream(threshold=threshold)
    top = db.execute(f"select coalesce(max(story), 0) from {TABLE}").fetchone()[0]
    stream.next_story = top + 1
    if seed:  # the most recent grouped articles make up the window new ones are matched against
        rows = db.execute(
            f"select a.id, a.text, a.published, s.story from {TABLE} s join articles a on a.id = s.article_id "
            f"order by a.id desc limit ?", [stream.window.capacity]).fetchall()
        for article_id, text, published, story in reversed(rows):
            stream.seed(article_id, extract(text, published), story)
    return stream


def assign_stories(db: sqlite_utils.Database, threshold: float | None = None,
                   on_progress: Callable[[int, int], None] | None = None) -> int:
    """Group every article not grouped yet, in import (id) order; returns how many."""
    from annotators.align.stories import extract

    todo = ungrouped_count(db)
    if not todo:
        return 0
    stream = _stream(db, threshold, seed=True)
    done, last = 0, 0
    while True:
        rows = db.execute(
            f"select id, text, published from articles a where id > ? and not exists "
            f"(select 1 from {TABLE} s where s.article_id = a.id) order by id limit ?", [last, PAGE]).fetchall()
        if not rows:
            break
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        assignments = [stream.add(i, extract(text, published)) for i, text, published in rows]
        with transaction(db):
            for a in assignments:
                db.execute(f"insert or replace into {TABLE} (article_id, story, score, grouped_at) values (?, ?, ?, ?)",
                           [a.article_id, a.story, a.score, now])
                for old in a.merged:
                    db.execute(f"update {TABLE} set story = ? where story = ?", [a.story, old])
        last = rows[-1][0]
        done += len(rows)
        if on_progress:
            on_progress(done, todo)
    return done


def rebuild_stories(db: sqlite_utils.Database, threshold: float | None = None,
                    on_progress: Callable[[int, int], None] | None = None) -> int:
    """Forget every story and group all articles again."""
    with transaction(db):
        db.execute(f"delete from {TABLE}")
    return assign_stories(db, threshold, on_progress)


def stored_stories(db: sqlite_utils.Database, limit: int | None = None) -> list[StoredStory]:
    """The stories, biggest first (ties: oldest first), each with its articles,
    date range and outlets."""
    sql = (f"select story, group_concat(article_id) from (select s.story, s.article_id from {TABLE} s "
           f"order by s.article_id) group by story order by count(*) desc, min(article_id)")
    params: list = []
    if limit is not None:
        sql += " limit ?"
        params.append(limit)
    out = []
    for story, ids in db.execute(sql, params).fetchall():
        first, last, sources = db.execute(
            f"select min(a.published), max(a.published), group_concat(distinct a.source) from {TABLE} s "
            f"join articles a on a.id = s.article_id where s.story = ?", [story]).fetchone()
        out.append(StoredStory(story, tuple(int(i) for i in ids.split(",")), first, last,
                               tuple(sorted(sources.split(","))) if sources else ()))
    return out


def story_count(db: sqlite_utils.Database) -> int:
    return db.execute(f"select count(distinct story) from {TABLE}").fetchone()[0]


def stories_of(db: sqlite_utils.Database, article_ids: Sequence[int]) -> dict[int, int]:
    """article id -> its stored story, for those of ``article_ids`` that are grouped."""
    rows = db.execute(f"select article_id, story from {TABLE} where article_id in (select value from json_each(?))",
                      [json.dumps(list(article_ids))]).fetchall()
    return dict(rows)


def story_members(db: sqlite_utils.Database, article_id: int) -> list[int] | None:
    """The ids of the stored story ``article_id`` is in (None: not grouped yet)."""
    rows = db.execute(f"select t.article_id from {TABLE} s join {TABLE} t on t.story = s.story "
                      f"where s.article_id = ? order by t.article_id", [article_id]).fetchall()
    return [r[0] for r in rows] or None
