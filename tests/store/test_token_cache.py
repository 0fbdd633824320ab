"""The tokens import keeps for the jsonl export (store.token_cache, schema v5):
an export with them writes the very bytes an export computing them writes, and
tokens that are no longer the article's text's (or its tokenizer's) are never
used."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from store import SCHEMA_VERSION, Store
from store import token_cache
from store.export import Selection, export_dataset, items_for, selected
from store.formats import jsonl
from store.ingest import import_paths

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "sample_data"
EVERYTHING = Selection.from_flags(include_suggestions=True)


def computed_lines(store: Store) -> list[str]:
    """The jsonl lines with every article's tokens cut again by the tokenizer."""
    return [jsonl.task_line(*item) for item in selected(store, EVERYTHING, tokens=False)]


def exported_lines(store: Store, tmp_path: Path) -> list[str]:
    out = tmp_path / "out.jsonl"
    export_dataset(store, EVERYTHING, "jsonl", out)
    return out.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def imported(tmp_path, preannotator) -> Store:
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE_DATA, folder)
    store = Store.open(tmp_path / "kept.db", annotator="ana")
    import_paths(store.db, [folder], preannotator)
    return store


def kept_rows(store: Store) -> int:
    return store.db.execute("select count(*) from article_tokens").fetchone()[0]


def test_import_keeps_every_articles_tokens_and_the_export_uses_them(imported):
    ids = imported.article_ids()
    assert kept_rows(imported) == len(ids) == 5
    items = list(items_for(imported, EVERYTHING, jsonl))
    assert all(article.tokens is not None for article, _, _ in items)


def test_kept_tokens_give_the_bytes_computed_tokens_give(imported, tmp_path):
    lines = exported_lines(imported, tmp_path)
    assert lines == computed_lines(imported)
    items = list(items_for(imported, EVERYTHING, jsonl))
    assert lines == [json.dumps(jsonl.article_record(*item), ensure_ascii=False) for item in items]


def test_tokens_of_an_older_text_are_not_used(imported, tmp_path):
    """The text changed behind the kept row (its key is the old text's): the
    export cuts the new text's tokens; writing the old ones would put wrong
    offsets and words in the line."""
    article_id = imported.article_ids()[0]
    old = imported.get_article(article_id).text
    with imported.db.conn:
        imported.db.conn.execute("update articles set text = ? where id = ?", ["Breaking. " + old, article_id])
    assert kept_rows(imported) == 5  # the stale row is still there
    lines = exported_lines(imported, tmp_path)
    assert lines == computed_lines(imported)
    first = json.loads(lines[[a.id for a, _, _ in selected(imported, EVERYTHING)].index(article_id)])
    assert first["tokens"][0] == {"text": "Breaking", "start": 0, "end": 8, "id": 0, "ws": False}


def test_tokens_of_another_tokenizer_are_not_used(imported, tmp_path):
    article_id = imported.article_ids()[0]
    text = imported.get_article(article_id).text
    with imported.db.conn:
        imported.db.conn.execute("update article_tokens set key = ?, tokens = '[]' where article_id = ?",
                                 [token_cache.key("another tokenizer", text), article_id])
    assert exported_lines(imported, tmp_path) == computed_lines(imported)


def test_reimport_of_a_changed_file_keeps_the_new_texts_tokens(imported, tmp_path, preannotator):
    path = sorted((tmp_path / "in").iterdir())[0]
    path.write_text("Breaking update.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    report = import_paths(imported.db, [tmp_path / "in"], preannotator)
    (article_id,) = report.updated
    text = imported.get_article(article_id).text
    assert token_cache.kept(imported.db, {article_id: text})[article_id].starts[0] == 0
    assert exported_lines(imported, tmp_path) == computed_lines(imported)


def test_an_export_never_writes_kept_tokens(imported, tmp_path):
    with imported.db.conn:
        imported.db.conn.execute("delete from article_tokens")
    lines = exported_lines(imported, tmp_path)
    assert kept_rows(imported) == 0
    assert lines == computed_lines(imported)


def test_a_version_4_database_migrates_and_exports_as_before(imported, tmp_path):
    before = exported_lines(imported, tmp_path)
    path = imported.path
    imported.close()
    conn = sqlite3.connect(path)
    conn.execute("drop table article_tokens")
    conn.execute("pragma user_version = 4")
    conn.close()
    store = Store.open(path, annotator="ana")
    assert store.schema_version == SCHEMA_VERSION >= 5  # to the current schema (6: stories)
    assert kept_rows(store) == 0  # an old database starts with none
    assert exported_lines(store, tmp_path) == before
