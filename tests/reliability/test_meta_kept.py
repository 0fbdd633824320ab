"""A jsonl line's own meta keys (beyond copydesk's) are exported back (issue
20): they were stored and then dropped from every export."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from store import Store
from tests.reliability.helpers import GOOD, run
from tui.cli import app

THEIRS = {"source_id": "wire-2291", "topics": ["transport", "Lagos"], "desk": {"editor": "K. Ade"}}


@pytest.fixture
def db(tmp_path, blank):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": GOOD, "meta": {"title": "Bridge", **THEIRS}}) + "\n", encoding="utf-8")
    store = Store.open(tmp_path / "c.db", annotator="x")
    assert run(store, blank, path).problems == []
    store.close()
    return tmp_path / "c.db"


@pytest.mark.parametrize("fmt", ["jsonl", "doccano"])
def test_the_lines_own_meta_keys_come_back_in_the_export(db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}.jsonl"
    result = CliRunner().invoke(app, ["export", "-f", fmt, "--include-suggestions", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {k: line["meta"].get(k) for k in THEIRS} == THEIRS
    assert line["meta"]["title"] == "Bridge"


def test_the_meta_survives_an_export_and_import_round_trip(db, tmp_path, blank):
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(app, ["export", "-f", "jsonl", "--include-suggestions", "--db", str(db),
                                    "--out", str(out)]).exit_code == 0
    again = Store.open(tmp_path / "again.db", annotator="x")
    assert run(again, blank, out).problems == []
    [article] = again.list_articles()
    assert {k: again.get_article(article.id).meta.get(k) for k in THEIRS} == THEIRS
    again.close()


def test_a_doccano_lines_id_comes_back_in_the_doccano_export(tmp_path, blank):
    path = tmp_path / "doccano.jsonl"
    start = GOOD.index("Lagos")
    path.write_text(json.dumps({"id": 4711, "text": GOOD, "label": [[start, start + 5, "GPE"]]}) + "\n",
                    encoding="utf-8")
    store = Store.open(tmp_path / "d.db", annotator="x")
    assert run(store, blank, path).problems == []
    store.close()
    out = tmp_path / "back.jsonl"
    result = CliRunner().invoke(app, ["export", "-f", "doccano", "--db", str(tmp_path / "d.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["id"] == 4711 and [start, start + 5, "GPE"] in line["label"]
