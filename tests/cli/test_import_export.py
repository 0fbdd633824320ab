"""The foundation's acceptance path, as a user types it:
`copydesk import sample_data/` then `copydesk export --format jsonl --include-suggestions`."""
from __future__ import annotations

import json

from store import Store

import pytest
from typer.testing import CliRunner

from tests.conftest import SAMPLE_DATA
from tui.cli import app

CHROME = ["Skip to content", "ON NOW", "* indicates required", "Follow us on", "Subscribe",
          "Leave a review", "Edit post", "This audio is created with AI assistance", "Getty Images"]
TITLES = {
    "001_d0109b297222dfef.txt": "Blinken Wraps Up Europe Trip, Pledges To Shore Up Ukraine Support Ahead Of Transition",
    "002_4e7804ae877db5ab.txt": "Blinken meets NATO's Rutte, pledges to 'shore up' Ukraine support before Trump transition",
    "003_9ba706641fd40a01.txt": "Blinken To Meet NATO Allies In Brussels Amid Rising Concerns For Ukraine Over Trump Victory",
}
RUNNER = CliRunner()


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    imported = RUNNER.invoke(app, ["import", str(SAMPLE_DATA), "--db", str(d / "demo.db")])
    assert imported.exit_code == 0, imported.output
    out = d / "demo.jsonl"
    result = RUNNER.invoke(app, ["export", "--format", "jsonl", "--include-suggestions", "--db", str(d / "demo.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return imported.output, [json.loads(line) for line in out.read_text().splitlines()]


def test_import_reports_five_new_articles(exported):
    output, _ = exported
    assert "imported 5 new" in output


def test_export_has_five_articles_with_no_page_chrome(exported):
    _, records = exported
    assert len(records) == 5
    for record in records:
        for chrome in CHROME:
            assert chrome not in record["text"], (record["meta"]["file"], chrome)


def test_the_three_printed_titles_are_found(exported):
    _, records = exported
    titles = {r["meta"]["file"]: r["meta"]["title"] for r in records}
    for name, title in TITLES.items():
        assert titles[name] == title


def test_exported_records_have_the_documented_fields(exported):
    _, records = exported
    record = records[0]
    assert set(record) >= {"text", "meta", "spans", "quotes", "claims", "answer"}
    assert set(record["meta"]) >= {"article_id", "file", "title", "source", "byline", "published"}
    assert set(record["spans"][0]) >= {"start", "end", "label", "token_start", "token_end", "status", "origin"}
    assert set(record["quotes"][0]) >= {"start", "end", "text", "speaker", "speaker_start", "speaker_end", "cue", "status"}
    assert set(record["claims"][0]) >= {"start", "end", "text", "tags", "verdict", "note", "status"}
    for q in record["quotes"]:
        assert record["text"][q["start"]:q["end"]] == q["text"]
        assert q["text"][0] not in "\"\u201c\u201d" and q["text"][-1] not in "\"\u201c\u201d"


def test_quotes_are_attributed_to_people_by_full_name(exported):
    _, records = exported
    speakers = {q["speaker"] for r in records for q in r["quotes"]}
    assert {"Antony Blinken", "Josep Borrell", "Andrii Sybiha", "Mark Rutte", "Jake Sullivan"} <= speakers
    assert not speakers & {"he", "He", "Blinken", "the Secretary", "Secretary"}


def test_default_export_holds_only_reviewed_spans_of_articles_someone_worked_on(tmp_path):
    db = str(tmp_path / "a.db")
    for name in ("000_bd3c123d996fe42b.txt", "001_d0109b297222dfef.txt"):
        assert RUNNER.invoke(app, ["import", str(SAMPLE_DATA / name), "--db", db]).exit_code == 0
    out = tmp_path / "a.jsonl"
    assert RUNNER.invoke(app, ["export", "--format", "jsonl", "--db", db, "--out", str(out)]).exit_code == 0
    assert out.read_text() == ""  # nobody opened either article: nothing in them is known
    store = Store.open(db, annotator="ana")
    article_id = store.article_ids()[0]
    entity = store.spans(article_id, kinds=["entity"])[0]
    store.accept(entity.id)
    store.close()
    assert RUNNER.invoke(app, ["export", "--format", "jsonl", "--db", db, "--out", str(out)]).exit_code == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(s["start"], s["end"]) for s in record["spans"]] == [(entity.start, entity.end)]
    assert record["quotes"] == [] and record["claims"] == []


def test_import_with_a_bad_file_names_it_and_exits_1(tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"caf\xe9 au lait\n")
    result = RUNNER.invoke(app, ["import", str(bad), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert "broken.txt:1" in result.output and "not UTF-8" in result.output


def test_missing_named_model_is_a_clear_error(tmp_path):
    result = RUNNER.invoke(app, ["import", str(SAMPLE_DATA), "--model", "no_such_pipeline", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 2 and "no_such_pipeline" in result.output


def test_stats_counts_articles_and_suggestions(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_DB", str(tmp_path / "env.db"))
    assert RUNNER.invoke(app, ["import", str(SAMPLE_DATA / "001_d0109b297222dfef.txt")]).exit_code == 0
    assert (tmp_path / "env.db").exists(), "COPYDESK_DB chooses the database"
    result = RUNNER.invoke(app, ["stats"])
    assert result.exit_code == 0 and "1 articles" in result.output and "QUOTE" in result.output
