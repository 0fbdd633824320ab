"""Bidirectional controls in file names reach the terminal escaped (issue 20):
U+202E in "report\u202etxt.exe" made the name show reversed (a spoofed name)."""
from __future__ import annotations

from typer.testing import CliRunner

from tui.cli import app
from tui.screen_text import visible_line

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_every_bidi_control_is_shown_by_its_code_point():
    assert visible_line("report\u202etxt.exe") == "report<U+202E>txt.exe"
    assert not any(c in visible_line("x".join(BIDI)) for c in BIDI)
    assert visible_line("\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd") == "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd"


def test_the_cli_names_a_bidi_file_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report\u202etxt.md").write_bytes(b"")  # empty: named in a "skipped" line
    result = CliRunner().invoke(app, ["import", str(folder), "--db", str(tmp_path / "c.db")])
    assert "report<U+202E>txt.md" in result.output
    assert not any(c in result.output for c in BIDI)
