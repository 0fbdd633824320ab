"""Nothing is skipped without a word (issue 20): a brat .ann with no .txt
(138 of a real corpus went unsaid, rc 0), a FIFO or a socket in a folder, an
empty .jsonl: each is named, and the exit code says something was skipped."""
from __future__ import annotations

import os
import socket

from typer.testing import CliRunner

from tests.reliability.helpers import GOOD, run
from tui.cli import app


def test_an_ann_without_its_txt_a_fifo_a_socket_and_an_empty_jsonl_are_named(store, blank, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "lonely.ann").write_text("T1\tPERSON 0 4\tJane\n")
    (folder / "empty.jsonl").write_text("\n\n")
    os.mkfifo(folder / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "sock.txt"))
        report = run(store, blank, folder)
    finally:
        sock.close()
    named = {os.path.basename(p.file): p.reason for p in report.problems}
    assert set(named) == {"lonely.ann", "empty.jsonl", "pipe.txt", "sock.txt"}, named
    assert "no lonely.txt beside it" in named["lonely.ann"]
    assert "empty" in named["empty.jsonl"]
    assert "named pipe" in named["pipe.txt"] and "socket" in named["sock.txt"]
    assert len(store.article_ids()) == 1


def test_a_fifo_given_by_name_is_named_and_never_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "pipe.txt"), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1 and "pipe.txt" in result.output and "named pipe" in result.output
