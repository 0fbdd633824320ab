"""The new pipeline folder replaces the old one whole; a killed run's leftovers go."""
from __future__ import annotations

import os
import subprocess

from store.train_swap import cleanup_leftovers, partial_folder, sibling, swap_by_renames, swap_into_place


def folder_with(path, text):
    path.mkdir()
    (path / "meta.json").write_text(text, encoding="utf-8")
    return path


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_swap_replaces_the_previous_folder_and_leaves_nothing_beside_it(tmp_path):
    out = folder_with(tmp_path / "model", "old")
    (out / "stale").write_text("only in the old one")
    new = partial_folder(out)
    (new / "meta.json").write_text("new", encoding="utf-8")
    swap_into_place(new, out)
    assert (out / "meta.json").read_text() == "new" and not (out / "stale").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]


def test_swap_into_a_new_output(tmp_path):
    new = partial_folder(tmp_path / "model")
    (new / "meta.json").write_text("new", encoding="utf-8")
    swap_into_place(new, tmp_path / "model")
    assert (tmp_path / "model" / "meta.json").read_text() == "new" and not new.exists()


def test_cleanup_removes_a_dead_runs_partial_folder_and_keeps_a_live_ones(tmp_path):
    out = folder_with(tmp_path / "model", "old")
    dead = folder_with(sibling(out, "partial", dead_pid()), "half")
    live = partial_folder(out)  # this process is alive
    assert cleanup_leftovers(out) == [f"removed {dead.name}, left by a killed run"]
    assert not dead.exists() and live.exists() and (out / "meta.json").read_text() == "old"


def test_cleanup_puts_back_a_previous_pipeline_a_kill_left_under_its_backup_name(tmp_path):
    out = tmp_path / "model"
    folder_with(sibling(out, "old", dead_pid()), "old")
    lines = cleanup_leftovers(out)
    assert len(lines) == 1 and lines[0].startswith("put back the previous pipeline")
    assert (out / "meta.json").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
    assert os.path.isdir(out)


def test_swap_by_renames_where_renameat2_is_missing(tmp_path):
    out = folder_with(tmp_path / "model", "old")
    new = partial_folder(out)
    (new / "meta.json").write_text("new", encoding="utf-8")
    swap_by_renames(new, out)
    assert (out / "meta.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]
