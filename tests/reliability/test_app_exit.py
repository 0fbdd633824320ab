"""`copydesk annotate` in a terminal that it cannot use, or that it crashes
in: a clear line and a non-zero exit code, never escape codes in a pipe or a
traceback with exit 0."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.reliability.helpers import ROOT, seed_store

CLI = [sys.executable, "-c", "from tui.cli import main; main()"]


def env(tmp_path: Path) -> dict[str, str]:
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return dict(os.environ, PYTHONPATH=pythonpath, TERM="xterm-256color", COLUMNS="120", LINES="40",
                XDG_CACHE_HOME=str(tmp_path / "cache"))


def run_in_terminal(args: list[str], tmp_path: Path, timeout: float = 60) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as stdin, stdout and stderr."""
    master, slave = pty.openpty()
    child = subprocess.Popen(CLI + args, cwd=ROOT, env=env(tmp_path), stdin=slave, stdout=slave, stderr=slave,
                             close_fds=True)
    os.close(slave)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif child.poll() is not None:
                break
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    return child.returncode, output.decode("utf-8", "replace")


def test_annotate_refuses_to_start_without_a_terminal(tmp_path):
    seed_store(tmp_path / "a.db", 1).close()
    result = subprocess.run(CLI + ["annotate", "--db", str(tmp_path / "a.db")], cwd=ROOT, env=env(tmp_path),
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "\x1b" not in result.stdout  # before: the app's escape codes went into the pipe, and it never exited


def test_a_crash_in_the_app_exits_non_zero_with_one_line_and_the_traceback_in_a_log(tmp_path):
    db = tmp_path / "bad.db"
    seed_store(db, 2).close()
    import sqlite3

    conn = sqlite3.connect(db)  # text that is not UTF-8: integrity_check is ok, reading it fails
    conn.execute("update articles set text = cast(x'4a616e65ff20' as text) where id = 1")
    conn.commit()
    conn.close()
    code, output = run_in_terminal(["annotate", "--db", str(db)], tmp_path)
    assert code == 1, output
    assert "copydesk stopped on an error" in output
    [log] = list((tmp_path / "cache" / "copydesk").glob("crash-*.log"))
    assert "Traceback" in log.read_text() and str(log) in output.replace("\r\n", "").replace("\n", "")
    assert "Traceback" not in output
