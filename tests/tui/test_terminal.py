"""The app in a real terminal: `copydesk annotate` inside tmux, keys sent, screen read.

Runs on its own tmux socket, so it never touches a user's sessions.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from store import Store

from .conftest import ANNOTATOR

TMUX = shutil.which("tmux") or "/usr/bin/tmux"
COPYDESK = Path(sys.executable).parent / "copydesk"
WAIT = 20.0  # seconds, an upper bound for slow CI machines; we poll, never sleep blindly


class Tmux:
    def __init__(self) -> None:
        self.socket = f"copydesk-test-{uuid.uuid4().hex[:8]}"
        self.session = "app"

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=check)
        return done.stdout

    def start(self, command: str) -> None:
        env_command = f"env TERM=xterm-256color COLUMNS=160 LINES=48 {command}"
        self.run("new-session", "-d", "-s", self.session, "-x", "160", "-y", "48", env_command)

    def screen(self) -> str:
        return self.run("capture-pane", "-t", self.session, "-p", check=False)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def alive(self) -> bool:
        return subprocess.run([TMUX, "-L", self.socket, "has-session", "-t", self.session], capture_output=True).returncode == 0

    def kill(self) -> None:
        self.run("kill-server", check=False)


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_copydesk_annotate_in_tmux_shows_the_article_and_a_key_changes_the_database(snapshot_template_db, tmp_path):
    assert Path(TMUX).exists(), "tmux is needed for this test (.ci/run installs it)"
    db = tmp_path / "terminal.db"
    shutil.copy(snapshot_template_db, db)
    store = Store.open(db, annotator=ANNOTATOR)  # reads the judgments the app's annotator makes
    first = store.list_articles(limit=1)[0]
    first_span = min(store.spans(first.id), key=lambda s: (s.start, -s.end))
    words = " ".join(first.display_title.split()[:5])
    tmux = Tmux()
    try:
        tmux.start(f"{COPYDESK} annotate --db {db} --annotator {ANNOTATOR}")
        wait_for(lambda: words in tmux.screen(), f"the article title {words!r} on screen")
        assert "annotator tester" in tmux.screen()
        tmux.keys("n")
        wait_for(lambda: f"#{first_span.id}" in tmux.screen(), "the side panel to show the first span")
        tmux.keys("a")
        stored = wait_for(lambda: (s := store.span(first_span.id)).status == "accepted" and s, "span accepted in the database")
        assert stored.annotator == ANNOTATOR
        wait_for(lambda: "saved" in tmux.screen(), "the status line to say saved")
        tmux.keys("C-q")
        wait_for(lambda: not tmux.alive(), "the app to quit on ctrl+q")
    finally:
        screen = tmux.screen() if tmux.alive() else ""
        tmux.kill()
        store.close()
    assert "Traceback" not in screen
