"""The article list grouped by story: each stored story as a heading row
(its outlets and date range) followed by its articles.

Stories come in the order of their first article (as the plain list is in
import order); an article not grouped yet is a story of its own.  A filter
(full text, unseen) picks the articles first: a heading counts and dates only
the articles shown.  Rows are read a page at a time, like ``list_articles``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

import sqlite_utils

from .articles import list_filter, summaries
from .records import ArticleSummary
from .stories import TABLE


@dataclass(frozen=True)
class StoryHeading:
    """A story's heading row in the grouped list."""

    story: int | None  # None: an article not grouped yet
    articles: int
    sources: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    first_article: int  # the story's first article shown (enter on the heading opens it)
    unnamed: int = 0  # articles shown with no outlet (source) named


StoryListRow = Union[StoryHeading, ArticleSummary]

# Every row of the grouped list in order: part 0 is a story's heading, part 1 its articles.
_ROWS = """
with f as (select a.id, coalesce(s.story, -a.id) as g from articles a
           left join {table} s on s.article_id = a.id {where}),
     groups as (select g, min(id) as first from f group by g),
     rows as (select groups.first as first, 0 as part, groups.first as id, groups.g as g from groups
              union all
              select groups.first, 1, f.id, f.g from f join groups on groups.g = f.g)
"""


def _rows_sql(query: str | None, unseen_by: str | None) -> tuple[str, list[Any]]:
    where, params = list_filter(query, unseen_by)
    return _ROWS.format(table=TABLE, where=where), params


def count_story_list(db: sqlite_utils.Database, query: str | None = None, unseen_by: str | None = None) -> int:
    """Rows of the grouped list: the articles shown and one heading per story among them."""
    head, params = _rows_sql(query, unseen_by)
    return db.execute(head + "select count(*) from rows", params).fetchone()[0]


def story_list_page(db: sqlite_utils.Database, offset: int, limit: int, query: str | None = None,
                    annotator: str | None = None, unseen_by: str | None = None) -> list[StoryListRow]:
    head, params = _rows_sql(query, unseen_by)
    rows = db.execute(head + "select part, id, g from rows order by first, part, id limit ? offset ?",
                      [*params, limit, offset]).fetchall()
    articles = {s.id: s for s in summaries(db, [i for part, i, _ in rows if part == 1], annotator)}
    headings = _headings(db, [g for part, _, g in rows if part == 0], query, unseen_by)
    return [headings[g] if part == 0 else articles[i] for part, i, g in rows]


def _headings(db: sqlite_utils.Database, groups: list[int], query: str | None,
              unseen_by: str | None) -> dict[int, StoryHeading]:
    if not groups:
        return {}
    where, params = list_filter(query, unseen_by)
    joiner = "and" if where else "where"
    out = {}
    for g in groups:
        if g < 0:  # not grouped yet: the article alone
            member = f"a.id = ? and not exists (select 1 from {TABLE} s where s.article_id = a.id)"
            value = -g
        else:
            member = f"a.id in (select article_id from {TABLE} where story = ?)"
            value = g
        n, first, last, sources, first_id, named = db.execute(
            f"select count(*), min(a.published), max(a.published), group_concat(distinct a.source), min(a.id), "
            f"count(a.source) "
            f"from articles a {where} {joiner} {member}", [*params, value]).fetchone()
        out[g] = StoryHeading(g if g >= 0 else None, n, tuple(sorted(sources.split(","))) if sources else (),
                              first, last, first_id, n - named)
    return out


def story_list_position(db: sqlite_utils.Database, article_id: int, query: str | None = None,
                        unseen_by: str | None = None) -> int | None:
    """Where the article's row sits in the grouped list (None: the filter hides it)."""
    head, params = _rows_sql(query, unseen_by)
    row = db.execute(head + "select n from (select part, id, row_number() over (order by first, part, id) - 1 as n "
                     "from rows) where part = 1 and id = ?", [*params, article_id]).fetchone()
    return row[0] if row else None
