"""Stories stored in the database: grouped incrementally, read back, rebuilt."""
from __future__ import annotations

import hashlib
import json

from store import SCHEMA_VERSION
from store.articles import insert_article
from store.db import transaction
from store.stories import (
    assign_stories, rebuild_stories, story_count, story_members, stored_stories, ungrouped_count,
)
from tests.conftest import FIXTURES

ECB = [json.loads(line) for line in (FIXTURES / "stories" / "ecbplus_sample.jsonl").read_text(encoding="utf-8").splitlines()]


def add(store, rows) -> list[int]:
    ids = []
    with transaction(store.db):
        for r in rows:
            ids.append(insert_article(store.db, {
                "text": r["text"], "title": r["meta"].get("title"), "source": (r["meta"].get("url") or "unknown//outlet").split("/")[2],
                "file": r["meta"]["file"], "path": r["meta"]["file"],
                "content_hash": hashlib.sha1(r["text"].encode()).hexdigest()}))
    return ids


def events(ids, rows):
    return {i: r["event"] for i, r in zip(ids, rows)}


def test_the_table_comes_with_the_current_schema(store):
    assert SCHEMA_VERSION >= 6
    assert ungrouped_count(store.db) == 0 and story_count(store.db) == 0 and stored_stories(store.db) == []


def test_new_articles_join_the_stored_stories_of_their_event(store):
    murders = [r for r in ECB if r["topic"] == "32"]
    first = add(store, murders[:2] + murders[3:5])  # two reports of each murder
    assert assign_stories(store.db) == 4
    assert ungrouped_count(store.db) == 0
    before = {s.story: set(s.article_ids) for s in stored_stories(store.db)}
    later = add(store, [murders[2], murders[5]])  # a third report of each arrives in a later import
    assert assign_stories(store.db) == 2  # only the new articles are grouped
    assert assign_stories(store.db) == 0
    gold = events(first + later, murders[:2] + murders[3:5] + [murders[2], murders[5]])
    for story in stored_stories(store.db):
        assert len({gold[i] for i in story.article_ids}) == 1
        assert story.story in before and before[story.story] <= set(story.article_ids)  # old grouping kept
    assert sorted(story_members(store.db, later[0])) == sorted(i for i in gold if gold[i] == gold[later[0]])


def test_rebuild_regroups_everything_the_same_way(store):
    ids = add(store, ECB)
    assign_stories(store.db)
    once = sorted(sorted(s.article_ids) for s in stored_stories(store.db))
    assert rebuild_stories(store.db) == len(ids)
    assert sorted(sorted(s.article_ids) for s in stored_stories(store.db)) == once
    assert rebuild_stories(store.db, threshold=1.0) == len(ids)
    assert story_count(store.db) == len(ids)  # nothing reaches probability 1: every article alone


def test_stories_list_the_biggest_first_with_outlets_and_limit(store):
    add(store, ECB)
    assign_stories(store.db)
    stories = stored_stories(store.db)
    assert [len(s.article_ids) for s in stories] == sorted((len(s.article_ids) for s in stories), reverse=True)
    assert all(s.sources for s in stories)
    assert len(stored_stories(store.db, limit=2)) == 2
    assert story_members(store.db, 10_000) is None


def test_a_deleted_article_leaves_its_story(store):
    ids = add(store, ECB[:2])
    assign_stories(store.db)
    with transaction(store.db):
        store.db.execute("delete from spans where article_id = ?", [ids[0]])
        store.db.execute("delete from articles where id = ?", [ids[0]])
    assert all(ids[0] not in s.article_ids for s in stored_stories(store.db))


# --------------------------------------------------------------------------- an editor's corrections


def grouping(store) -> list[list[int]]:
    return sorted(sorted(s.article_ids) for s in stored_stories(store.db))


def grouped_sample(store) -> list[int]:
    ids = add(store, [r for r in ECB if r["topic"] == "32"])
    assign_stories(store.db)
    return ids


def test_move_split_and_merge_are_logged_and_undone_in_turn(store):
    from store.stories import story_members

    ids = grouped_sample(store)
    start = grouping(store)
    a, b = start[0], start[1]
    story_b = next(s.story for s in stored_stories(store.db) if a[0] not in s.article_ids and b[0] in s.article_ids)
    store.move_to_story(a[0], story_b)
    assert a[0] in story_members(store.db, b[0])
    new = store.split_story([a[0]])
    assert story_members(store.db, a[0]) == [a[0]] and new > story_b
    story_a = next(s.story for s in stored_stories(store.db) if a[1] in s.article_ids)
    store.merge_stories(story_a, new)
    store.merge_stories(story_a, story_b)
    assert grouping(store) == [sorted(ids)]
    assert [r.action for r in store.actions(limit=4)][:4] == ["story_merge", "story_merge", "story_split", "story_move"]
    for _ in range(4):
        assert store.undo() is not None
    assert grouping(store) == start
    store.redo()
    assert a[0] in story_members(store.db, b[0])


def test_an_undo_is_refused_when_another_editor_regrouped_since(tmp_path):
    from store import Store
    from store.actions import ActionError

    ana, ben = Store.open(tmp_path / "s.db", annotator="ana"), Store.open(tmp_path / "s.db", annotator="ben")
    try:
        grouped_sample(ana)
        (first, second) = stored_stories(ana.db)
        ana.move_to_story(first.article_ids[0], second.story)
        ben.split_story([first.article_ids[0]])
        try:
            ana.undo()
            raise AssertionError("the undo should have been refused")
        except ActionError as exc:
            assert "regrouped since" in str(exc)
    finally:
        ana.close()
        ben.close()


def test_bad_corrections_say_what_is_wrong(store):
    import pytest

    from store.actions import ActionError

    ids = grouped_sample(store)
    (first, second) = stored_stories(store.db)
    with pytest.raises(ActionError, match="story 999 does not exist"):
        store.move_to_story(ids[0], 999)
    with pytest.raises(ActionError, match="not in a story"):
        store.move_to_story(12345, first.story)
    with pytest.raises(ActionError, match="different stories"):
        store.split_story([first.article_ids[0], second.article_ids[0]])
    with pytest.raises(ActionError, match="not none or all"):
        store.split_story(list(first.article_ids))
    with pytest.raises(ActionError, match="merged with itself"):
        store.merge_stories(first.story, first.story)
    assert grouping(store) == sorted([sorted(first.article_ids), sorted(second.article_ids)])


def test_an_old_databases_articles_are_grouped_when_asked(tmp_path):
    from store import Store
    from tests.store.test_db import load_v1_database

    load_v1_database(tmp_path / "old.db")
    old = Store.open(tmp_path / "old.db")
    try:
        n = old.count_articles()
        assert n > 0 and ungrouped_count(old.db) == n  # migrated: the table is there, empty
        assert assign_stories(old.db) == n
        assert sum(len(s.article_ids) for s in stored_stories(old.db)) == n
    finally:
        old.close()
