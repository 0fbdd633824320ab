"""An article's passages painted for the comparison: spans, differing words, the current pair."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from rich.style import Style
from rich.text import Text

from store import SpanRecord

from ..spanview import CURRENT, paint_line, visible
from .diffs import diff_marks
from .pairs import Member, Pair
from .styles import CHANGED, CONFLICT


@dataclass
class SideMarks:
    """Extra layers on one article's passages: word differences of paired
    quotes, figures in conflict, and the current pair."""

    changed: list[tuple[int, int]] = field(default_factory=list)
    conflicts: list[tuple[int, int]] = field(default_factory=list)


def side_marks(pairs: list[Pair]) -> tuple[SideMarks, SideMarks]:
    a, b = SideMarks(), SideMarks()
    for pair in pairs:
        if not pair.shared:
            continue
        if pair.kind == "quote":
            marks_a, marks_b = diff_marks(pair.a.text, pair.b.text)
            a.changed += [(pair.a.start + s, pair.a.start + e) for s, e in marks_a]
            b.changed += [(pair.b.start + s, pair.b.start + e) for s, e in marks_b]
        elif pair.conflict:
            a.conflicts.append((pair.a.start, pair.a.end))
            b.conflicts.append((pair.b.start, pair.b.end))
    return a, b


def paint_passage(text: str, start: int, end: int, spans: Sequence[SpanRecord], marks: SideMarks,
                  current: Member | None) -> Text:
    """One paragraph [start, end) of an article with its highlights (the
    reader's styles), the differing words and the current pair member."""
    passage = Text(visible(text[start:end]).replace("\t", " "))
    inside = [s for s in spans if s.start < end and s.end > start]
    paint_line(passage, start, inside, None)

    def mark(a: int, b: int, style: Style) -> None:
        a, b = max(a, start) - start, min(b, end) - start
        if a < b:
            passage.stylize(style, a, b)

    for a, b in marks.changed:
        mark(a, b, CHANGED)
    for a, b in marks.conflicts:
        mark(a, b, CONFLICT)
    if current is not None:
        mark(current.start, current.end, CURRENT)
    return passage
