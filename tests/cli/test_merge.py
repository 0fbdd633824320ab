"""`copydesk merge`: two annotators' own databases, each made from the same
sample folder by its own import, brought into one team database."""
from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from store import Store
from tests.compare_fixtures import build_sample_db
from tui.cli import app

RUNNER = CliRunner()
TABLES = ("articles", "spans", "judgments", "article_status", "links", "actions")


@pytest.fixture(scope="module")
def two_databases(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("merge")
    ana_db, ben_db = build_sample_db(folder / "ana.db", nlp), build_sample_db(folder / "ben.db", nlp)
    ana, ben = Store.open(ana_db, annotator="ana"), Store.open(ben_db, annotator="ben")
    article = ana.article_ids()[0]
    first, second = ana.spans(article, kinds=["entity"])[:2]
    ana.accept(first.id)
    ana.reject(second.id)
    ana.mark_done(article)
    theirs = {(s.start, s.end, s.label): s.id for s in ben.spans(ben.article_ids()[0], kinds=["entity"])}
    ben.relabel(theirs[(first.start, first.end, first.label)], "ORG")
    ben.add_span(ben.article_ids()[0], 0, 5, "entity", "PERSON")
    ana.close()
    ben.close()
    return folder, ana_db, ben_db, (first.start, first.end)


def counts(path):
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def test_merge_keeps_both_annotators_judgments_and_is_idempotent(two_databases):
    folder, ana_db, ben_db, first_bounds = two_databases
    team = folder / "team.db"
    result = RUNNER.invoke(app, ["merge", str(ana_db), str(ben_db), "--into", str(team)])
    assert result.exit_code == 0, result.output
    assert "annotators: ana" in result.output and "ben" in result.output

    store = Store.open(team, annotator="rita")
    assert store.count_articles() == 5  # matched by content: not ten
    assert store.annotators() == ["ana", "ben"]
    article = store.articles_worked("ana")[0]
    assert store.articles_worked("ben") == [article]
    (span,) = [s for s in store.spans_for(article, "ana", kinds=["entity"]) if (s.start, s.end) == first_bounds]
    assert [(j.annotator, j.status, j.label) for j in store.judgments(span.id)] == [
        ("ana", "accepted", span.label), ("ben", "corrected", "ORG")]
    # left for review: the relabel, and ben's own span (ana marked the article
    # done without it); ana's rejection is no difference, ben gave no answer there
    assert sorted(d.label for d in store.differences(article)) == sorted([span.label, "PERSON"])
    assert store.done_by(article) == {"ana"}
    merged_log = store.db.execute("select count(*) from actions where merged_from is not null").fetchone()[0]
    assert merged_log == counts(ana_db)["actions"] + counts(ben_db)["actions"]
    store.close()

    before = counts(team)
    again = RUNNER.invoke(app, ["merge", str(ana_db), str(ben_db), "--into", str(team)])
    assert again.exit_code == 0 and again.output.count("nothing new (already merged)") == 2
    assert counts(team) == before


def test_merged_history_is_not_undone_in_the_team_database(two_databases):
    folder, ana_db, _, _ = two_databases
    team = folder / "team-undo.db"
    assert RUNNER.invoke(app, ["merge", str(ana_db), "--into", str(team)]).exit_code == 0
    ana = Store.open(team, annotator="ana")
    assert ana.undo() is None  # her actions were made in ana.db: undo them there


def test_merging_a_file_that_is_not_a_database_names_it(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database\n" * 100)
    result = RUNNER.invoke(app, ["merge", str(bad), "--into", str(tmp_path / "team.db")])
    assert result.exit_code == 1 and "notes.db" in result.output
