"""The CLI package's shape: the Typer app lives in tui/cli/app.py and the
command modules register on it; no module imports back one that imports it."""
from __future__ import annotations

import ast
from pathlib import Path

import tui.cli

PACKAGE = Path(tui.cli.__file__).parent


def cli_imports(path: Path) -> set[str]:
    """The tui.cli modules a file imports (at any depth of the file)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tui.cli"):
            if node.module == "tui.cli":
                found |= {f"tui.cli.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("tui.cli")}
    return found


def test_the_app_module_imports_no_command_module():
    assert cli_imports(PACKAGE / "app.py") == set()


def test_command_modules_import_only_the_app_module():
    commands = [p for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "app.py")]
    assert {p.stem for p in commands} >= {"imports", "annotate", "stats", "compare", "datasets"}
    for path in commands:
        assert cli_imports(path) <= {"tui.cli.app"}, path.name


def test_every_command_is_registered_in_help_order():
    names = [c.name or c.callback.__name__ for c in tui.cli.app.registered_commands]
    assert names == ["import", "annotate", "stats", "export", "train", "compare", "stories", "merge", "agreement", "review"]
