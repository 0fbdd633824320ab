"""Issue 25 without a server: `copydesk stats` counts every annotator of a
merged database, a command that wrote leaves its work in the .db file itself
(copied alone, it holds every judgment), and a URL given as --db is refused."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from store import Store
from tests.compare_fixtures import build_sample_db
from tui.cli import app

RUNNER = CliRunner()


def finish_everything(path, name, relabel_to=None):
    """``name`` judges the first entity of every article (ben relabels it) and marks all of them done."""
    store = Store.open(path, annotator=name)
    try:
        for article in store.article_ids():
            first = store.spans(article, kinds=["entity"])[0]
            store.relabel(first.id, relabel_to) if relabel_to else store.accept(first.id)
            store.mark_done(article)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def team(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("team")
    ana = finish_everything(build_sample_db(folder / "ana.db", nlp), "ana")
    ben = finish_everything(build_sample_db(folder / "ben.db", nlp), "ben", relabel_to="WORK_OF_ART")
    team = folder / "team.db"
    assert RUNNER.invoke(app, ["merge", str(ana), "--into", str(team)]).exit_code == 0
    # A colleague has the team file open (their reader): closing the merge's
    # connection is then not the last close, which SQLite would checkpoint itself.
    colleague = sqlite3.connect(team)
    colleague.execute("select count(*) from articles").fetchone()
    try:
        result = RUNNER.invoke(app, ["merge", str(ben), "--into", str(team)])
        assert result.exit_code == 0, result.output
        copy = folder / "copy.db"
        shutil.copy(team, copy)  # the .db file alone, no -wal beside it
    finally:
        colleague.close()
    return team, copy


def judgments_by_annotator(path):
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("select annotator, count(*) from judgments group by annotator").fetchall())
    finally:
        conn.close()


def test_a_database_copied_alone_after_a_merge_holds_every_judgment(team):
    path, copy = team
    assert not copy.with_name("copy.db-wal").exists()
    assert judgments_by_annotator(copy) == judgments_by_annotator(path) == {"ana": 5, "ben": 5}


def test_stats_counts_every_annotator_of_a_merged_database(team):
    path, _ = team
    result = RUNNER.invoke(app, ["stats", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "ana: 5 of 5 articles done, 5 spans judged" in result.output
    assert "ben: 5 of 5 articles done, 5 spans judged" in result.output
    assert "5 articles" in result.output and "2 annotators" in result.output
    store = Store.open(path, annotator="rita")
    try:
        stats = store.team_stats()
        rows = {row["annotator"]: row for row in stats["annotators"]}
        assert rows["ana"]["done"] == rows["ben"]["done"] == 5
        assert rows["ana"]["opened"] == 5 and rows["ana"]["reviewed"] == 5
        assert stats["totals"]["done"] == 5 and stats["totals"]["judged"] == 10
        # the five spans both judged are reviewed once in the totals
        assert stats["totals"]["reviewed"] == 5
        every_suggestion = store.db.execute("select count(*) from spans where origin != 'human'").fetchone()[0]
        assert stats["totals"]["suggested"] == every_suggestion - 5
    finally:
        store.close()


def test_stats_for_one_annotator_and_a_relabelled_span_under_its_new_label(team):
    path, _ = team
    result = RUNNER.invoke(app, ["stats", "--db", str(path), "--annotator", "ben"])
    assert result.exit_code == 0, result.output
    assert "ben: 5 of 5 articles done" in result.output and "ana:" not in result.output
    store = Store.open(path, annotator="rita")
    try:
        ben = store.team_stats("ben")["by_label"]
        assert {"kind": "entity", "label": "WORK_OF_ART", "status": "corrected", "count": 5} in ben
        everyone = store.team_stats()["by_label"]
        assert {"kind": "entity", "label": "WORK_OF_ART", "status": "corrected", "count": 5} in everyone
        assert sum(r["count"] for r in everyone if r["status"] == "accepted") == 5  # ana's, under their labels
    finally:
        store.close()
    unknown = RUNNER.invoke(app, ["stats", "--db", str(path), "--annotator", "zoe"])
    assert unknown.exit_code == 2 and "zoe" in unknown.output and "ana, ben" in unknown.output


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_database_url_is_refused_in_one_line_and_creates_nothing(tmp_path, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    url = "postgresql://ana@localhost:5432/newsroom"
    if how == "option":
        result = RUNNER.invoke(app, ["import", "x.txt", "--db", url])
    else:
        monkeypatch.setenv("COPYDESK_DB", url)
        result = RUNNER.invoke(app, ["stats"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and url in lines[0] and "PostgreSQL server mode is not available" in lines[0]
    assert list(tmp_path.iterdir()) == []
