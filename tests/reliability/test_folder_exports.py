"""Folder exports are swapped in whole (issue 20): brat replaced its files one
by one, so a kill while they were moved left a mix of old and new files, and
``.NAME.partial-*`` folders of killed runs piled up beside the export."""
from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.reliability.helpers import ROOT, seed_store
from tui.cli import app

ARTICLES = 12


@pytest.fixture
def seeded(tmp_path) -> Path:
    path = tmp_path / "seeded.db"
    seed_store(path, ARTICLES).close()
    return path


def export_brat(db: Path, out: Path, *flags: str) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "brat", *flags, "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output


def anns(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.ann"))}


# A child exporting with suggestions (every .ann holds T lines) that is killed
# while the export is moved into place: at the second file renamed one by one,
# or right after a whole folder is swapped in.
KILLED_WHILE_MOVING = """
import os, signal, sys
from pathlib import Path
from store import Store, export
moves = []
real_replace, real_rename = os.replace, os.rename

def dying(real):
    def move(a, b, *rest, **kw):
        if ".partial-" in str(a) and len(moves) == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        moves.append(a)
        return real(a, b, *rest, **kw)
    return move

os.replace, os.rename = dying(real_replace), dying(real_rename)
try:  # the swap of a whole folder: killed right after it, before the old folder is removed
    from store import atomic_folder
    real_exchange = atomic_folder._exchange

    def exchange_then_die(a, b):
        swapped = real_exchange(a, b)
        os.kill(os.getpid(), signal.SIGKILL)
        return swapped

    atomic_folder._exchange = exchange_then_die
except ImportError:
    pass
store = Store.open(sys.argv[1], annotator="exporter")
export.export_dataset(store, export.Selection.from_flags(include_suggestions=True), "brat", Path(sys.argv[2]))
"""


def test_a_brat_export_killed_while_moving_into_place_leaves_old_or_new_not_a_mix(seeded, tmp_path):
    out = tmp_path / "corpus"
    export_brat(seeded, out, "--include-suggestions")
    for ann in out.glob("*.ann"):  # the old export: every .ann emptied, the new one fills them
        ann.write_text("")
    assert len(anns(out)) == ARTICLES
    (out / "my-notes.txt.keep").write_text("the user's own file\n")
    child = subprocess.run([sys.executable, "-c", KILLED_WHILE_MOVING, str(seeded), str(out)], cwd=ROOT,
                           capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT)})
    assert child.returncode == -signal.SIGKILL, child.stderr[-400:]
    now = anns(out) if out.is_dir() else {}
    filled = [name for name, text in now.items() if text]
    assert len(now) == ARTICLES and filled in ([], sorted(now)), f"a mix: {len(filled)} of {len(now)} new"
    assert (out / "my-notes.txt.keep").read_text() == "the user's own file\n"
    export_brat(seeded, out, "--include-suggestions")  # the next run cleans what the kill left beside it
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".corpus.")] == []


def test_the_next_export_cleans_what_killed_runs_left_and_keeps_the_users_files(seeded, tmp_path):
    out = tmp_path / "corpus"
    export_brat(seeded, out, "--include-suggestions")
    (out / "annotation-notes.md").write_text("kept\n")
    stale = tmp_path / ".corpus.partial-k1ll3d"
    (stale / "corpus").mkdir(parents=True)
    (stale / "corpus" / "half.ann").write_text("T1\tPERSON 0 4\tJane\n")
    export_brat(seeded, out, "--include-suggestions")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".corpus.")] == []
    assert len(anns(out)) == ARTICLES and all(anns(out).values())
    assert (out / "annotation-notes.md").read_text() == "kept\n"


def test_an_old_folder_whose_swap_never_finished_is_put_back(seeded, tmp_path):
    """A kill between the two renames (file systems without an atomic swap)
    leaves only ``.NAME.old-*``: the next export starts from it."""
    out = tmp_path / "corpus"
    export_brat(seeded, out)
    (out / "annotation-notes.md").write_text("kept\n")
    out.rename(tmp_path / ".corpus.old-0123abcd")
    export_brat(seeded, out, "--include-suggestions")
    assert (out / "annotation-notes.md").read_text() == "kept\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".corpus.")] == []
