"""The imports inside store/ run one way: ingest -> formats -> sources."""
from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "store"


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
            names.update(f"{base}.{a.name}" if base.endswith(".") is False else f"{base}{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_no_format_imports_the_importer():
    for path in sorted((STORE / "formats").glob("*.py")):
        bad = {n for n in imported_modules(path) if n.split(".")[-1] == "ingest" or "ingest." in n}
        assert not bad, f"{path.name} imports {bad}"


def test_sources_imports_neither_ingest_nor_formats():
    names = imported_modules(STORE / "sources.py")
    assert not {n for n in names if "ingest" in n or "formats" in n}, names
