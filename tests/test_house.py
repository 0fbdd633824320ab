"""The house rules a reader of the code relies on, checked over the whole tree."""
from __future__ import annotations

from pathlib import Path

import pyflakes.api
import pyflakes.reporter
import pyflakes.messages

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("annotators", "store", "tui", "bench")


class Collect(pyflakes.reporter.Reporter):
    def __init__(self) -> None:
        self.found: list = []

    def flake(self, message) -> None:
        self.found.append(message)

    def unexpectedError(self, filename, msg) -> None:
        self.found.append(f"{filename}: {msg}")

    def syntaxError(self, filename, msg, lineno, offset, text) -> None:
        self.found.append(f"{filename}:{lineno}: {msg}")


def test_no_name_is_used_that_is_not_defined():
    """An undefined name is a NameError waiting on the one path no test took
    (an export option's error message said NameError instead of its reason)."""
    collect = Collect()
    for package in PACKAGES:
        pyflakes.api.checkRecursive([str(ROOT / package)], collect)
    undefined = [str(m) for m in collect.found
                 if isinstance(m, str) or isinstance(m, (pyflakes.messages.UndefinedName,
                                                         pyflakes.messages.UndefinedLocal,
                                                         pyflakes.messages.UndefinedExport))]
    assert undefined == []
