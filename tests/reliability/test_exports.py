"""Exports are complete or not there: written beside the target and renamed
into place, so a kill -9 or a full disk leaves the previous export intact;
every bad --out is a one-line error; CSV cells cannot run as formulas."""
from __future__ import annotations

import csv
import os
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from store.formats.csv import neutralise
from tests.reliability.helpers import seed_store, worker
from tui.cli import app

ARTICLES = 40


@pytest.fixture
def seeded(tmp_path) -> Path:
    path = tmp_path / "seeded.db"
    seed_store(path, ARTICLES).close()
    return path


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def export_old(db: Path, out: Path) -> bytes:
    result = cli("export", "--format", "jsonl", "--include-suggestions", "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.count(b"\n") == ARTICLES
    return data


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".partial-" in p.name]


def test_an_export_killed_mid_way_leaves_the_previous_file_intact(seeded, tmp_path):
    out = tmp_path / "out.jsonl"
    old = export_old(seeded, out)
    child = worker("export", str(seeded), str(out), "0.05")
    try:
        for _ in range(10):  # wait until it has written several articles
            assert child.stdout.readline().strip() == "article"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    assert out.read_bytes() == old  # before: a shorter file that ended on a newline


def test_a_full_disk_leaves_the_previous_file_intact_and_says_so(seeded, tmp_path):
    out = tmp_path / "out.jsonl"
    old = export_old(seeded, out)
    child = worker("export", str(seeded), str(out), "0", str(len(old) // 3))
    stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 2, stderr
    assert "cannot write" in stdout and "unchanged" in stdout
    assert out.read_bytes() == old
    assert leftovers(tmp_path) == []


def test_a_completed_export_replaces_the_old_file_and_leaves_nothing_beside_it(seeded, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("an old export\n")
    result = cli("export", "--format", "jsonl", "--include-suggestions", "--db", str(seeded), "--out", str(out))
    assert result.exit_code == 0
    assert len(out.read_text().splitlines()) == ARTICLES and leftovers(tmp_path) == []


def bad_out_cases(tmp_path: Path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x")
    return [
        (["--format", "jsonl"], folder, "is a folder"),
        (["--format", "jsonl"], Path("/dev/full"), "not a regular file"),
        (["--format", "spacy"], Path("/dev/full"), "not a regular file"),
        (["--format", "jsonl"], a_file / "under-a-file.jsonl", "not a folder"),
        (["--format", "jsonl"], Path("/proc/copydesk-export.jsonl"), "cannot write"),
        (["--format", "brat"], a_file, "is a file"),
        (["--format", "csv"], a_file, "is a file"),
        (["--format", "jsonl", "--split", "0.5"], a_file, "is a file"),
    ]


def test_every_bad_out_is_a_one_line_error(seeded, tmp_path):
    for flags, out, reason in bad_out_cases(tmp_path):
        result = cli("export", *flags, "--db", str(seeded), "--out", str(out))
        assert result.exit_code == 2, (flags, out, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert reason in result.output and str(out) in result.output, (flags, out, result.output)
    assert not Path("/dev/full.spacy").exists()
    assert (tmp_path / "a-file.txt").read_text() == "x"


def test_csv_cells_that_start_like_a_formula_are_neutralised(seeded, tmp_path):
    from store import Store

    store = Store.open(seeded, annotator="ana")
    claim = next(s for s in store.spans(1) if s.kind == "claim")
    store.set_note(claim.id, '=HYPERLINK("http://evil.example","click")', normalized="+1 555 0100")
    store.set_verdict(claim.id, "@SUM(A1:A9)")
    store.close()
    out = tmp_path / "tables"
    result = cli("export", "--format", "csv", "--include-suggestions", "--db", str(seeded), "--out", str(out))
    assert result.exit_code == 0, result.output
    with (out / "claims.csv").open(encoding="utf-8", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["article"] == "1")
    assert row["note"] == "'" + '=HYPERLINK("http://evil.example","click")'
    assert row["normalized"] == "'+1 555 0100" and row["verdict"] == "'@SUM(A1:A9)"
    assert row["start"].isdigit()  # numbers as they are
    assert [neutralise(v) for v in ("-2%", "\tx", "plain", 5)] == ["'-2%", "'\tx", "plain", 5]
