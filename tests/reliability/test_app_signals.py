"""SIGTERM or SIGHUP to the reader (issue 20): before, it died at once and left
the terminal in the alternate screen with mouse tracking on. Now it exits as
on ctrl+q, restoring the terminal, with exit code 128 + the signal."""
from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time

import pytest

from tests.reliability.helpers import ROOT, seed_store
from tests.reliability.test_app_exit import CLI, env

ALT_SCREEN_ON, ALT_SCREEN_OFF, MOUSE_OFF = "\x1b[?1049h", "\x1b[?1049l", "\x1b[?1000l"


def read_until(master: int, child: subprocess.Popen, wanted: str | None, timeout: float) -> str:
    out, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            if wanted and wanted in out.decode("utf-8", "replace"):
                break
        elif child.poll() is not None:
            break
    return out.decode("utf-8", "replace")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_the_reader_restores_the_terminal(tmp_path, signum):
    db = tmp_path / "a.db"
    seed_store(db, 2).close()
    master, slave = pty.openpty()
    child = subprocess.Popen(CLI + ["annotate", "--db", str(db)], cwd=ROOT, env=env(tmp_path), stdin=slave,
                             stdout=slave, stderr=slave, close_fds=True, start_new_session=True)
    os.close(slave)
    try:
        before = read_until(master, child, "Bridge 1", 60)  # the first paint shows the article list
        assert ALT_SCREEN_ON in before, before[-300:]
        time.sleep(0.5)
        os.kill(child.pid, signum)
        after = read_until(master, child, None, 30)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    assert child.returncode == 128 + signum
    assert ALT_SCREEN_OFF in after and MOUSE_OFF in after
