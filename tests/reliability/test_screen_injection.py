"""File names that are terminal escapes or Textual markup reach the screen as
text: in the CLI's messages and in the app's toasts, each control character
shown as a symbol (␛ for ESC, ␇ for BEL), markup shown as written."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from store import Store
from tests.reliability.worker import blank_preannotator
from tui.app import CopydeskApp
from tui.cli import app as cli_app
from tui.screen_text import plain, visible_line

HOSTILE_NAMES = [
    "title\x1b]0;pwned\x07.txt",          # sets the terminal's title
    "clip\x1b]52;c;ZXZpbA==\x07.txt",     # writes the clipboard (OSC 52)
    "clear\x1b[2J.txt",                   # clears the screen
    "[@click=app.quit]boom.txt",          # Textual markup: clicking the toast quit the app
    "c1\x9b31m.txt",                      # a C1 control (CSI)
]
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in HOSTILE_NAMES:
        (folder / name).write_bytes(b"")  # empty: each is named in a "skipped" line
    return folder


def test_visible_line_shows_every_control_and_keeps_the_rest():
    assert visible_line("a\x1b]0;t\x07b\x9bc\nd") == "a\u241b]0;t\u2407b\ufffdc\u240ad"
    assert plain("[@click=app.quit]x").plain == "[@click=app.quit]x"


def test_the_cli_prints_hostile_file_names_as_text(hostile_folder, tmp_path):
    result = CliRunner().invoke(cli_app, ["import", str(hostile_folder), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    out = result.output
    assert not CONTROL.search(out), repr(out)
    assert "title\u241b]0;pwned\u2407.txt" in out and "clip\u241b]52;c;ZXZpbA==\u2407.txt" in out
    assert "clear\u241b[2J.txt" in out and "c1\ufffd31m.txt" in out
    assert "[@click=app.quit]boom.txt" in out


async def test_the_app_toasts_hostile_file_names_as_text(hostile_folder, tmp_path):
    store = Store.open(tmp_path / "t.db", annotator="tester")
    app = CopydeskApp(store, db_label="t.db", import_from=[hostile_folder], preannotator=blank_preannotator())
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(100):  # the import worker's report, then its toasts
            if app.import_report is not None:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        notes = list(app._notifications)
        skipped = [n for n in notes if n.message.startswith("skipped")]
        assert len(skipped) == len(HOSTILE_NAMES)
        for note in notes:
            assert not note.markup and not CONTROL.search(note.message), repr(note.message)
        shown = "\n".join(n.message for n in skipped)
        assert "[@click=app.quit]boom.txt" in shown and "title\u241b]0;pwned\u2407.txt" in shown
        # What a toast renders: the message as Content, markup off.
        from textual.content import Content

        for note in skipped:
            assert Content(note.message).plain == note.message
        assert app.is_running
    store.close()
