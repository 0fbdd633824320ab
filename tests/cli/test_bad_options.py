"""Bad options are one line and exit 2, never a traceback (issue 20)."""
from __future__ import annotations

from typer.testing import CliRunner

from tests.reliability.helpers import GOOD
from tui.cli import app


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_n_process_zero_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    result = invoke("import", str(tmp_path / "a.txt"), "--n-process", "0", "--db", str(tmp_path / "c.db"))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "--n-process" in result.output and "Traceback" not in result.output


def test_a_model_folder_with_a_bad_meta_json_names_it(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    model = tmp_path / "my-model"
    model.mkdir()
    (model / "meta.json").write_text("{bad")
    result = invoke("import", str(tmp_path / "a.txt"), "--model", str(model), "--db", str(tmp_path / "c.db"))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.exception
    assert "cannot load spaCy pipeline" in result.output and "my-model" in result.output
