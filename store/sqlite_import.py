"""sqlite-utils, imported without its optional numpy and pandas hooks.

``sqlite_utils.db`` imports pandas and numpy at import time when they are
installed, only to map their value types when it creates a table from values;
the store creates its tables with SQL and writes Python values. pandas (a test
dependency) cost 0.2-0.3 s of the reader's first paint and numpy ~45 ms
(issue 16). One already imported is left as it is, and both import normally
afterwards: only sqlite-utils' own look at them is skipped.
"""
from __future__ import annotations

import sys

_HIDDEN = [name for name in ("pandas", "numpy") if name not in sys.modules]
for _name in _HIDDEN:
    sys.modules[_name] = None  # type: ignore[assignment]  # importing it raises ImportError meanwhile
try:
    import sqlite_utils  # noqa: F401
finally:
    for _name in _HIDDEN:
        if sys.modules.get(_name, False) is None:
            del sys.modules[_name]
