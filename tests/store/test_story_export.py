"""Stories go out as a labelled set for event clustering: ``meta.story`` in
jsonl, ``stories.csv`` in the csv folder; a jsonl line's story is not taken
back in as the article's own meta."""
from __future__ import annotations

import json

import pandas as pd

from store.export import Selection, export_dataset
from store.stories import assign_stories, stories_of
from store.story_edits import split_story
from tests.store._datasets import imported_store
from tests.store.test_stories import ECB, add

EVERY = Selection.from_flags(include_suggestions=True)


def grouped(store):
    """Two reports each of two murders, grouped, then one article not grouped yet."""
    murders = [r for r in ECB if r["topic"] == "32"]
    ids = add(store, murders[:2] + murders[3:5])
    assign_stories(store.db)
    late = add(store, murders[2:3])[0]
    return ids, late


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_meta_carries_the_stored_story_and_none_when_not_grouped(store, tmp_path):
    ids, late = grouped(store)
    split_story(store.db, "ana", [ids[0]])  # an editor's correction is what goes out
    export_dataset(store, EVERY, "jsonl", tmp_path / "out.jsonl")
    meta = {m["article_id"]: m for m in (r["meta"] for r in lines(tmp_path / "out.jsonl"))}
    stored = stories_of(store.db, ids)
    assert {i: meta[i]["story"] for i in ids} == stored and len(set(stored.values())) >= 2
    assert "story" not in meta[late]


def test_imported_story_key_is_not_kept_as_the_articles_own(store, tmp_path):
    ids, late = grouped(store)
    store.db.execute("update article_stories set story = story + 100")  # ids the new database will not have
    export_dataset(store, EVERY, "jsonl", tmp_path / "out.jsonl")
    assert all(r["meta"]["story"] > 100 for r in lines(tmp_path / "out.jsonl") if r["meta"]["article_id"] != late)
    again = imported_store(tmp_path / "b.db", tmp_path / "out.jsonl")
    export_dataset(again, EVERY, "jsonl", tmp_path / "again.jsonl")
    back = lines(tmp_path / "again.jsonl")
    stored = stories_of(again.db, again.article_ids())
    assert len(back) == 5 and len(stored) == 5
    assert {r["meta"]["article_id"]: r["meta"]["story"] for r in back} == stored  # its own ids, not the line's
    first = min(stored)
    again.db.execute("delete from article_stories where article_id = ?", [first])  # not grouped (yet) here
    export_dataset(again, EVERY, "jsonl", tmp_path / "again.jsonl")
    meta = {r["meta"]["article_id"]: r["meta"] for r in lines(tmp_path / "again.jsonl")}
    assert "story" not in meta[first] and meta[min(stored) + 1]["story"] == stored[first + 1]


def test_csv_stories_table_read_by_pandas(store, tmp_path):
    ids, late = grouped(store)
    export_dataset(store, EVERY, "csv", tmp_path / "tables")
    table = pd.read_csv(tmp_path / "tables" / "stories.csv", keep_default_na=False)
    assert list(table.columns) == ["story", "article", "title", "source", "published"]
    assert dict(zip(table["article"], table["story"])) == stories_of(store.db, ids)
    assert late not in set(table["article"])
    titles = {a.id: a.title or "" for a in (store.get_article(i) for i in ids)}
    assert dict(zip(table["article"], table["title"])) == titles


def test_csv_stories_table_is_header_only_when_nothing_is_grouped(store, tmp_path):
    murders = [r for r in ECB if r["topic"] == "32"]
    add(store, murders[:2])
    export_dataset(store, EVERY, "csv", tmp_path / "tables")
    assert (tmp_path / "tables" / "stories.csv").read_bytes() == b"story,article,title,source,published\r\n"
