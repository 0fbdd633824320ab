"""The reader's start-up imports no data-frame or array library (issue 16: first paint).

sqlite-utils would import pandas and numpy when they are installed (both are,
with the test extras); the store imports it without them (store/sqlite_import.py).
"""
from __future__ import annotations

import subprocess
import sys


def imported_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(m for m in ('pandas', 'numpy') if m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_opening_the_store_and_the_app_imports_neither_pandas_nor_numpy():
    assert imported_after("import store, tui.app") == set()


def test_pandas_and_numpy_still_import_normally_after_the_store():
    assert imported_after("import store\nimport pandas, numpy") == {"pandas", "numpy"}

