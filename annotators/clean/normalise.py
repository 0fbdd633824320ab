"""Normalisation every text gets before anything reads it: line breaks, controls, NFC.
"""
from __future__ import annotations

import re
import unicodedata


# Every character str.splitlines() treats as a boundary, except "\n" itself.
# Textual's Document splits with splitlines(), so any of these left in the
# text would shift line/column offsets against our string offsets.
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")


# C0 controls except \t and \n, DEL, and C1 controls (mojibake debris).
# \x1c-\x1e are splitlines() boundaries too, so they must go.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


def normalise_text(s: str) -> str:
    """Line breaks -> "\\n", no control chars or BOM, NFC, no trailing spaces."""
    s = s.replace("\ufeff", "")
    s = _LINE_BREAKS.sub("\n", s)
    s = _CONTROL_CHARS.sub("", s)
    s = unicodedata.normalize("NFC", s)
    return _TRAILING_SPACE.sub("", s)
