"""What a label a person enters may be: one token of letters (any script),
digits, ``_`` and ``-``.  A label with a space or punctuation would be cut or
misread by the formats it is exported to (CoNLL's ``B-MY LABEL x;y`` reads back
as ``MY``); it is refused where it is entered: the reader's and the review's
relabel, a new span, ``entity_labels`` in copydesk.toml.
"""
from __future__ import annotations

import re

RULE = "a label is one token of letters, digits, _ and - (no spaces or punctuation)"


def is_label(label: object) -> bool:
    return isinstance(label, str) and re.fullmatch(r"[\w-]+", label) is not None


def label_problem(label: object) -> str | None:
    """None for a good label, else the one-line reason naming it."""
    return None if is_label(label) else f"label {label!r}: {RULE}"
