"""The article list grouped by story (store.story_list): headings, order, filter, positions."""
from __future__ import annotations

import hashlib

from store.articles import insert_article
from store.db import transaction
from store.story_list import StoryHeading
from store.stories import assign_stories


def add(store, *rows: tuple[str, str | None, str | None]) -> list[int]:
    ids = []
    with transaction(store.db):
        for n, (text, source, published) in enumerate(rows):
            ids.append(insert_article(store.db, {
                "text": text, "title": f"t{n}", "source": source, "published": published, "file": f"f{n}.txt",
                "path": f"f{n}.txt", "content_hash": hashlib.sha1(text.encode()).hexdigest()}))
    return ids


def test_each_story_is_a_heading_then_its_articles_in_order_of_their_first_article(store):
    a, b, c, d = add(store, ("Quake hits Aceh.", "AP", "2024-01-02"), ("Election in Ghana.", "BBC", "2024-01-05"),
                     ("Aceh quake toll rises.", "Reuters", "2024-01-03T10:00"), ("Not grouped yet.", None, None))
    assign_stories(store.db)
    with transaction(store.db):  # the stories as an editor left them; d is not grouped yet
        store.db.execute("update article_stories set story = 7 where article_id in (?, ?)", [a, c])
        store.db.execute("update article_stories set story = 8 where article_id = ?", [b])
        store.db.execute("delete from article_stories where article_id = ?", [d])
    rows = store.story_list()
    assert store.count_story_list() == len(rows) == 7
    assert [r.story if isinstance(r, StoryHeading) else r.id for r in rows] == [7, a, c, 8, b, None, d]
    first = rows[0]
    assert (first.articles, first.sources, first.first_article) == (2, ("AP", "Reuters"), a)
    assert (first.first_published, first.last_published) == ("2024-01-02", "2024-01-03T10:00")
    assert rows[5].sources == () and rows[5].first_published is None and rows[5].unnamed == 1
    assert first.unnamed == 0
    assert [store.story_list_position(i) for i in (a, b, c, d)] == [1, 4, 2, 6]
    # a filter keeps the stories of the matching articles, counted over those alone
    assert [(r.articles if isinstance(r, StoryHeading) else r.id) for r in store.story_list(query="Aceh")] == [2, a, c]
    assert [(r.articles if isinstance(r, StoryHeading) else r.id) for r in store.story_list(query="toll")] == [1, c]
    assert store.story_list_position(b, query="Aceh") is None
    assert [len(store.story_list(offset=o, limit=3)) for o in (0, 3, 6)] == [3, 3, 1]  # paged
