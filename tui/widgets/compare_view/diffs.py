"""Word differences between two wordings of a quote: marks and an inline view."""
from __future__ import annotations

import re
from typing import Sequence

from rich.text import Text

from annotators.align import word_diff

from ..spanview import one_line
from .styles import DELETED, DIM, INSERTED


def diff_marks(text_a: str, text_b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges (relative to each text) of the words that differ
    between two quotes, from ``align.word_diff`` (whitespace-separated words)."""
    words_a = [m.span() for m in re.finditer(r"\S+", text_a)]
    words_b = [m.span() for m in re.finditer(r"\S+", text_b)]
    marks_a: list[tuple[int, int]] = []
    marks_b: list[tuple[int, int]] = []
    i = j = 0
    for op, part_a, part_b in word_diff(text_a, text_b):
        na, nb = len(part_a.split()), len(part_b.split())
        if op != "equal":
            if na:
                marks_a.append((words_a[i][0], words_a[i + na - 1][1]))
            if nb:
                marks_b.append((words_b[j][0], words_b[j + nb - 1][1]))
        i, j = i + na, j + nb
    return marks_a, marks_b


def diff_text(diff: Sequence[tuple[str, str, str]], limit: int | None = None) -> Text:
    """A quote with its differences inline: removed words struck, added words bold."""
    text = Text()
    for op, part_a, part_b in diff:
        if text.plain and not text.plain.endswith(" "):
            text.append(" ")
        if op == "equal":
            text.append(one_line(part_a))
            continue
        if part_a:
            text.append(one_line(part_a), DELETED)
        if part_a and part_b:
            text.append("→", DIM)
        if part_b:
            text.append(one_line(part_b), INSERTED)
    if limit is not None and len(text.plain) > limit:
        text.truncate(limit - 1)
        text.append("…")
    return text
