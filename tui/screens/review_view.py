"""What the review screen shows of one difference: each annotator's version
of the paragraph(s) around it, their spans painted (INCEpTION's curation:
the annotators above the merged document).  Text is data: rich Text only."""
from __future__ import annotations

from typing import Sequence

from rich.style import Style
from rich.text import Text

from store import Difference, SpanRecord

from ..widgets.spanview import paint_line, visible

PARAGRAPH_LIMIT = 600  # characters shown each side of the span in a very long paragraph
MISSING = Style(underline=True, dim=True)  # where the span is, for one who does not have it


def paragraph_bounds(text: str, start: int, end: int, limit: int = PARAGRAPH_LIMIT) -> tuple[int, int]:
    """The paragraph(s) holding ``text[start:end]``: from the line break
    before it to the one after it (at most ``limit`` characters each side)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    return max(lo, start - limit), min(hi, end + limit)


def context_text(text: str, start: int, end: int, spans: Sequence[SpanRecord] = (),
                 own: SpanRecord | None = None) -> Text:
    """The paragraph(s) around the span, one person's ``spans`` painted in
    them; their version of the span (``own``) reversed, or, when they do not
    have it, its place underlined.  Blank lines between paragraphs are dropped."""
    lo, hi = paragraph_bounds(text, start, end)
    shown = Text(visible(text[lo:hi]))
    paint_line(shown, lo, [s for s in spans if s.start < hi and s.end > lo], own)
    if own is None:
        shown.stylize(MISSING, start - lo, end - lo)
    lines = [line for line in shown.split("\n") if line.plain.strip()]
    out = Text("…" if lo > 0 and text[lo - 1] != "\n" else "")
    out.append_text(Text("\n").join(lines))
    if hi < len(text) and text[hi] != "\n":
        out.append("…")
    return out


def version_line(key: int, person: str, judgment) -> Text:
    line = Text(f" {key} ", style="bold cyan")
    line.append(person, style="bold")
    line.append("  ")
    if judgment is None:
        line.append("does not have this span (finished the article without it)", style="dim")
    else:
        line.append(judgment.describe())
    return line


def versions_text(text: str, difference: Difference, people: Sequence[str],
                  spans_of: dict[str, Sequence[SpanRecord]], decided: str | None) -> Text:
    """Each annotator's version line and their paragraph, then this difference's gold."""
    blocks = []
    for key, person in enumerate(people, 1):
        spans = spans_of.get(person, ())
        own = next((s for s in spans if s.id == difference.span_id), None)
        block = version_line(key, person, difference.versions.get(person))
        block.append("\n")
        block.append_text(context_text(text, difference.start, difference.end, spans, own))
        blocks.append(block)
    out = Text("\n\n").join(blocks)
    out.append("\n\ngold: ", style="bold green")
    out.append(decided or "open (1-9 take a version, x rejects, l relabels, b resizes in the gold below)",
               style="" if decided else "dim")
    return out


