"""Opening the database: only `import` and `annotate PATH` create one; a
missing, read-only, damaged or not-a-file database is one line and exit 2."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.reliability.helpers import GOOD, ROOT, seed_store
from tui.cli import app


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("copydesk: "), result.output
    for word in words:
        assert word in lines[0], result.output


@pytest.mark.parametrize("command", [
    ["stats"], ["export", "--out", "x.jsonl"], ["train"], ["compare", "1", "2"], ["stories"], ["annotate"],
])
def test_a_missing_database_is_an_error_and_is_not_created(tmp_path, command):
    db = tmp_path / "typo" / "copydsek.db"
    result = cli(*command, "--db", str(db))
    one_line_error(result, "no database at", str(db))
    assert not db.exists() and not db.parent.exists()


def test_import_creates_the_database(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "new" / "c.db"
    result = cli("import", str(tmp_path / "a.txt"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert db.is_file()


@pytest.mark.parametrize("command", [["stats"], ["import", "."]])
def test_dev_null_and_a_folder_are_not_databases(tmp_path, command):
    for target in ("/dev/null", str(tmp_path)):
        one_line_error(cli(*command, "--db", target), "not a database file")


def damage(db: Path) -> None:
    """Overwrite a page in the middle of the file: opening the database (page
    1, the schema) still works; reading the articles does not."""
    size = db.stat().st_size
    with db.open("r+b") as fh:
        for page in range(size // 4096 // 2, size // 4096):
            fh.seek(page * 4096)
            fh.write(b"\xde\xad\xbe\xef" * 1024)


def test_a_damaged_page_is_one_line_in_stats_and_export(tmp_path):
    db = tmp_path / "damaged.db"
    store = seed_store(db, 200)
    store.db.execute("pragma wal_checkpoint(truncate)")
    store.close()
    damage(db)
    for command in (["stats"], ["export", "--format", "jsonl", "--include-suggestions", "--out", str(tmp_path / "o.jsonl")]):
        one_line_error(cli(*command, "--db", str(db)), "damaged", str(db))


def test_text_that_is_not_utf8_in_the_database_is_one_line_in_export(tmp_path):
    db = tmp_path / "badtext.db"
    seed_store(db, 3).close()
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("update articles set text = cast(x'4a616e65ff20' as text) where id = 2")
    conn.commit()
    conn.close()
    one_line_error(cli("export", "--include-suggestions", "--out", str(tmp_path / "o.jsonl"), "--db", str(db)),
                   "damaged")


def without_root_powers() -> list[str]:
    """A prefix that makes file permissions apply: as root, drop the
    capabilities that override them (the tests may run as root)."""
    if os.geteuid() != 0:
        return []
    return [shutil.which("setpriv") or "setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def import_as_unprivileged(db: Path, article: Path) -> subprocess.CompletedProcess:
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    return subprocess.run(
        without_root_powers() + [sys.executable, "-c", "from tui.cli import main; main()", "import", str(article),
                                 "--db", str(db)],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=pythonpath), capture_output=True, text=True, timeout=120)


@pytest.fixture
def shared_folder():
    folder = Path(tempfile.mkdtemp(prefix="copydesk-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def test_a_read_only_database_and_one_in_a_read_only_folder_get_a_reason(shared_folder):
    article = shared_folder / "a.txt"
    article.write_text(GOOD, encoding="utf-8")
    read_only = shared_folder / "ro.db"
    seed_store(read_only, 1).close()
    read_only.chmod(0o444)
    inner = shared_folder / "locked"
    inner.mkdir()
    in_locked = inner / "c.db"
    seed_store(in_locked, 1).close()
    for leftover in inner.glob("c.db-*"):
        leftover.unlink()
    in_locked.chmod(0o666)
    inner.chmod(0o555)

    result = import_as_unprivileged(read_only, article)
    assert result.returncode == 2, result.stderr
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    result = import_as_unprivileged(in_locked, article)
    assert result.returncode == 2, result.stderr
    assert "folder is read-only" in result.stderr and "-wal" in result.stderr and "Traceback" not in result.stderr
