"""`copydesk merge` of databases it should not trust (issue 20): a crafted
schema, planted triggers, damaged files, orphan rows, bad JSON, wrong types.
Each source is checked before anything is taken from it; a bad one is named
and refused whole, the others are merged, the exit code says one was refused."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from store import Store
from tests.conftest import FIXTURES
from tests.reliability.helpers import integrity, seed_store
from tui.cli import app

RUNNER = CliRunner()
TABLES = ("articles", "spans", "judgments", "article_status", "links", "actions")

# The column of the issue, made to work: with the old INSERT built from the
# source's names it turned into an upsert rewriting every judgment in the team
# database ("judgments 3 new", rc 0).
_SELECTED = ('span_id, annotator, layer, status, start, "end", fragments, label, speaker, speaker_start, speaker_end, '
             'speaker_kind, cue, tags, verdict, note, normalized, attrs, created_at, updated_at, status')
INJECTED = (f'status") select {_SELECTED} from judgments where ({"||".join(f"?{i}" for i in range(1, 22))}) is null '
            f"or 1 on conflict(span_id, layer, annotator) do update set status='rejected', label='PWNED' --")


def annotated(path, annotator: str, articles: int = 3):
    """A copydesk database whose spans ``annotator`` accepted."""
    store = seed_store(path, articles)
    store.annotator = annotator
    for article in store.article_ids():
        for span in store.spans(article):
            store.accept(span.id)
    store.close()
    return path


def damaged(path, *statements: str):
    """``path`` changed behind copydesk's back (foreign keys off, as any SQLite client)."""
    conn = sqlite3.connect(path)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()
    return path


def dump(path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        return {t: sorted(map(repr, conn.execute(f"select * from {t}"))) for t in TABLES}
    finally:
        conn.close()


def test_a_column_copydesk_does_not_know_is_refused_and_nothing_changes(tmp_path):
    team = annotated(tmp_path / "team.db", "ana")
    evil = annotated(tmp_path / "evil.db", "mallory")
    damaged(evil, "update judgments set annotator = 'mallory2'",
            'alter table judgments add column "' + INJECTED.replace('"', '""') + '" text')
    before = dump(team)
    result = RUNNER.invoke(app, ["merge", str(evil), "--into", str(team)])
    assert result.exit_code == 1, result.output
    assert "evil.db" in result.output and "table judgments" in result.output
    assert 'status") select span_id' in result.output  # the column, named
    assert "team.db" not in result.output
    assert dump(team) == before
    conn = sqlite3.connect(team)
    assert conn.execute("select count(*) from judgments where label = 'PWNED'").fetchone()[0] == 0


def test_merge_writes_only_copydesk_columns_into_the_target(tmp_path):
    """A source missing a column copydesk writes is refused too (named)."""
    team = annotated(tmp_path / "team.db", "ana")
    short = damaged(annotated(tmp_path / "short.db", "ben"), 'alter table links drop column "note"')
    result = RUNNER.invoke(app, ["merge", str(short), "--into", str(team)])
    assert result.exit_code == 1
    assert "short.db" in result.output and "table links has no column note" in result.output


def planted_v1(path):
    """An old (schema v1) database with a trigger its migration would fire:
    two articles of one content hash make the v4 step update ``articles``."""
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text())
    conn.execute("insert into articles (source, title, text, content_hash) "
                 "select source, 'copy', text, content_hash from articles where id = 1")
    conn.execute("create trigger planted after update on articles begin "
                 "select raise(abort, 'the planted trigger ran'); end")
    conn.execute("create view planted_view as select 1")
    conn.commit()
    conn.close()
    return path


def test_a_trigger_planted_in_a_source_does_not_run_is_named_and_not_copied(tmp_path):
    source = planted_v1(tmp_path / "old.db")
    team = tmp_path / "team.db"
    result = RUNNER.invoke(app, ["merge", str(source), "--into", str(team)])
    assert result.exit_code == 0, result.output
    assert "planted trigger ran" not in result.output
    assert "trigger 'planted'" in result.output and "view 'planted_view'" in result.output
    conn = sqlite3.connect(team)
    names = {r[0] for r in conn.execute("select name from sqlite_master where type in ('trigger', 'view')")}
    assert "planted" not in names and "planted_view" not in names
    assert conn.execute("select count(*) from articles").fetchone()[0] == 2
    # the user's file is as it was
    assert sqlite3.connect(source).execute("pragma user_version").fetchone()[0] == 1


def test_opening_a_database_with_a_trigger_copydesk_did_not_create_warns(tmp_path):
    path = annotated(tmp_path / "ana.db", "ana")
    clean = RUNNER.invoke(app, ["stats", "--db", str(path)])
    assert clean.exit_code == 0 and "warning" not in clean.output  # copydesk's own triggers and views: no word
    damaged(path, "create trigger audit after insert on judgments begin select 1; end")
    result = RUNNER.invoke(app, ["stats", "--db", str(path)])
    assert result.exit_code == 0
    assert "warning" in result.output and "trigger 'audit'" in result.output and "ana.db" in result.output


BAD_ROWS = {
    "judgment start 'abc'": (["update judgments set start = 'abc' where id = 2"], "table judgments, row 2, column start"),
    "orphan judgment": (["update judgments set span_id = 999 where id = 3"], "table judgments, row 3, column span_id"),
    "orphan span": (["update spans set article_id = 77 where id = 1"], "table spans, row 1, column article_id"),
    "orphan link": (["insert into links (uid, a_span_id, b_span_id, kind) values ('x', 1, 555, 'same_quote')"],
                    "table links, row 1, column b_span_id"),
    "broken JSON in the log": (["update actions set after = '{not json' where id = 1"],
                               "table actions, row 1, column after"),
    "deep JSON in the log": ([f"update actions set before = '{'[' * 100_000}' where id = 2"],
                             "table actions, row 2, column before"),
    "tags a string": (["update judgments set tags = '\"abc\"' where id = 1"], "table judgments, row 1, column tags"),
    "span past the text": (["update spans set \"end\" = 10000 where id = 4"], "table spans, row 4, column start"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_bad_source_among_three_is_named_and_the_others_merged(tmp_path, case):
    statements, where = BAD_ROWS[case]
    ana = annotated(tmp_path / "ana.db", "ana")
    bad = damaged(annotated(tmp_path / "bad.db", "mallory"), *statements)
    ben = annotated(tmp_path / "ben.db", "ben")
    team = tmp_path / "team.db"
    result = RUNNER.invoke(app, ["merge", str(ana), str(bad), str(ben), "--into", str(team)])
    assert result.exit_code == 1, result.output
    line = next(line for line in result.output.splitlines() if "bad.db" in line)
    assert where in line and "nothing taken" in line, result.output
    store = Store.open(team)
    assert store.annotators() == ["ana", "ben"]  # both merged, nothing of mallory's
    assert store.db.execute("select count(*) from actions where annotator = 'mallory'").fetchone()[0] == 0
    store.close()


def test_a_damaged_source_is_named_not_the_target_and_the_next_one_merged(tmp_path):
    ana = annotated(tmp_path / "ana.db", "ana")
    bad = annotated(tmp_path / "bad.db", "mallory", articles=12)
    ben = annotated(tmp_path / "ben.db", "ben")
    data = bytearray(bad.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):
        data[offset + 8:offset + 400] = b"\xff" * 392  # cell pointers and cells of every page but the first
    bad.write_bytes(bytes(data))
    team = tmp_path / "team.db"
    result = RUNNER.invoke(app, ["merge", str(ana), str(bad), str(ben), "--into", str(team)])
    assert result.exit_code == 1, result.output
    assert "bad.db" in result.output and "team.db" not in result.output
    assert Store.open(team).annotators() == ["ana", "ben"]
    assert integrity(team) == "ok"


def test_merge_columns_are_copydesks_whole_schema(tmp_path):
    """COLUMNS, what merge copies, is every column of a database copydesk makes today."""
    from store.schema_guard import COLUMNS

    store = Store.open(tmp_path / "fresh.db")
    for table, columns in COLUMNS.items():
        assert tuple(r[1] for r in store.db.execute(f"pragma table_info({table})")) == columns
    assert store.foreign_objects() == []
    store.close()


def test_merging_twice_after_a_refusal_changes_nothing(tmp_path):
    ana = annotated(tmp_path / "ana.db", "ana")
    team = tmp_path / "team.db"
    shutil.copy(ana, tmp_path / "again.db")
    assert RUNNER.invoke(app, ["merge", str(ana), "--into", str(team)]).exit_code == 0
    before = dump(team)
    again = RUNNER.invoke(app, ["merge", str(tmp_path / "again.db"), "--into", str(team)])
    assert again.exit_code == 0 and "nothing new" in again.output
    assert dump(team) == before


def test_an_old_schema_copydesk_did_not_write_is_refused_by_name(tmp_path):
    """A crafted "version 2" file: its migration fails (here on a spans table
    without copydesk's id column); the failure names the source, no traceback."""
    crafted = tmp_path / "crafted.db"
    conn = sqlite3.connect(crafted)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text())
    conn.executescript('drop table spans; create table spans (x text); pragma user_version = 2;')
    conn.close()
    ana = annotated(tmp_path / "ana.db", "ana")
    team = tmp_path / "team.db"
    result = RUNNER.invoke(app, ["merge", str(crafted), str(ana), "--into", str(team)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception  # no traceback
    line = next(line for line in result.output.splitlines() if "crafted.db" in line)
    assert "not a database copydesk wrote" in line and "nothing taken" in line
    assert Store.open(team).annotators() == ["ana"]
