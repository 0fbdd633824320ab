"""What the reader shows, without any widget: safe text, span order, styles.

Pure functions and small classes, so the rules (which span n visits next,
which style a nested span gets) are tested without running the app.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Iterable, Sequence

from rich.style import Style
from rich.text import Text

from store import SpanRecord

# --- text is data ---------------------------------------------------------------------

# C0 controls (except \n, and \r of a \r\n pair), DEL, C1 controls and the other
# characters str.splitlines() breaks on. Each becomes ONE visible character so
# every offset into the article stays valid.
_CONTROL = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")


def _symbol(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return "\t" if char == "\t" else chr(0x2400 + code)  # ␀..␟ (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls, line/paragraph separators


def visible(text: str) -> str:
    """``text`` with control characters replaced one for one by visible symbols
    (tabs kept: the reader expands them)."""
    return _CONTROL.sub(lambda m: _symbol(m.group()), text)


def one_line(text: str | None, limit: int | None = None) -> str:
    """A title or name for a list row: visible, whitespace collapsed, cut."""
    flat = " ".join(visible(text or "").replace("\t", " ").split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat


# --- offsets <-> (row, column) ----------------------------------------------------------


class LineMap:
    """Character offsets to (row, column) and back, for the lines the TextArea's
    Document made, computed once per article."""

    def __init__(self, text: str, lines: Sequence[str]):
        self.starts: list[int] = []
        self.lengths: list[int] = []
        position = 0
        for line in lines:
            self.starts.append(position)
            self.lengths.append(len(line))
            position += len(line)
            # Skip the break itself, whatever it was (\n or \r\n).
            position += 2 if text.startswith("\r\n", position) else 1
        self.length = len(text)

    def location(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        row = max(bisect_right(self.starts, offset) - 1, 0)
        return row, min(offset - self.starts[row], self.lengths[row])

    def offset(self, location: tuple[int, int]) -> int:
        row, column = location
        row = max(0, min(row, len(self.starts) - 1))
        return self.starts[row] + min(column, self.lengths[row])

    def rows(self, start: int, end: int) -> range:
        """The rows a span [start, end) touches."""
        first, _ = self.location(start)
        last, _ = self.location(max(end - 1, start))
        return range(first, last + 1)


# --- span order and navigation ---------------------------------------------------------

KIND_ORDER = {"claim": 0, "quote": 1, "entity": 2}  # outer kinds first at the same start


def span_order(span: SpanRecord) -> tuple:
    return (span.start, -span.end, KIND_ORDER.get(span.kind, 3), span.id)


class SpanIndex:
    """The article's spans in text order (nested ones each in turn)."""

    def __init__(self, spans: Iterable[SpanRecord]):
        self.spans: list[SpanRecord] = sorted(spans, key=span_order)
        self.by_id = {span.id: span for span in self.spans}

    def __len__(self) -> int:
        return len(self.spans)

    def position(self, span_id: int | None) -> int | None:
        for i, span in enumerate(self.spans):
            if span.id == span_id:
                return i
        return None

    def step(self, current: int | None, caret: int, forward: bool) -> SpanRecord | None:
        """The span n (forward) or p moves to: the next suggestion still to
        review, wrapping around; when none is left, the next span of any status."""
        if not self.spans:
            return None
        order = self._walk(current, caret, forward)
        suggestions = [i for i in order if self.spans[i].is_suggestion]
        chosen = suggestions[0] if suggestions else order[0]
        return self.spans[chosen]

    def _walk(self, current: int | None, caret: int, forward: bool) -> list[int]:
        """Indices in the order n/p visits them, starting after the current span
        (or after the caret when no span is current), wrapping around."""
        count = len(self.spans)
        position = self.position(current)
        if position is None:
            if forward:
                first = next((i for i, s in enumerate(self.spans) if s.start >= caret), count)
            else:
                first = max((i for i, s in enumerate(self.spans) if s.start < caret), default=-1)
        else:
            first = position + 1 if forward else position - 1
        direction = 1 if forward else -1
        return [(first + direction * k) % count for k in range(count)]

    def at(self, offset: int) -> list[SpanRecord]:
        """Spans containing ``offset``, innermost (shortest) first."""
        inside = [s for s in self.spans if s.start <= offset < s.end]
        return sorted(inside, key=lambda s: (s.end - s.start, -KIND_ORDER.get(s.kind, 3)))

    def enclosing(self, span: SpanRecord, kind: str) -> SpanRecord | None:
        """``span`` itself if it is of ``kind``, else the smallest span of ``kind`` holding it."""
        if span.kind == kind:
            return span
        holders = [s for s in self.spans if s.kind == kind and s.start <= span.start and span.end <= s.end]
        return min(holders, key=lambda s: s.end - s.start, default=None)

    def of_kind(self, kind: str) -> list[SpanRecord]:
        return [s for s in self.spans if s.kind == kind]


# --- styles -----------------------------------------------------------------------------

# Colours per entity label, chosen to read on a dark background and to differ
# from the quote background; unknown labels get one from the spare list.
LABEL_COLOURS = {
    "PERSON": "#ffb86c",
    "ORG": "#8be9fd",
    "GPE": "#50fa7b",
    "NORP": "#ff79c6",
    "LOC": "#a6e22e",
    "DATE": "#bd93f9",
    "TIME": "#bd93f9",
    "MONEY": "#f1fa8c",
    "CARDINAL": "#e6db74",
    "PERCENT": "#f1fa8c",
    "QUANTITY": "#e6db74",
    "ORDINAL": "#e6db74",
    "EVENT": "#ff5555",
    "FAC": "#66d9ef",
    "PRODUCT": "#fd971f",
    "LAW": "#f4a6c0",
    "WORK_OF_ART": "#c3a6ff",
    "LANGUAGE": "#9ccc65",
}
SPARE_COLOURS = ("#ffd580", "#7fdbca", "#c792ea", "#f78c6c", "#82aaff", "#c3e88d")


def label_colour(label: str) -> str:
    if label in LABEL_COLOURS:
        return LABEL_COLOURS[label]
    return SPARE_COLOURS[sum(map(ord, label)) % len(SPARE_COLOURS)]


QUOTE_BG = {"suggested": "#2a2f3d", "reviewed": "#33415c"}
CLAIM_FG = {"suggested": "#c8c8c8", "reviewed": "#ffffff"}
REJECTED = Style(strike=True, dim=True)
SUGGESTED = Style(italic=True)
CURRENT = Style(reverse=True, bold=True)
DRAFT = Style(reverse=True, bold=True, color="#ffd700")


def kind_style(span: SpanRecord) -> Style:
    return _kind_style(span.kind, span.label, span.status)


@lru_cache(maxsize=512)
def _kind_style(kind: str, label: str, status: str) -> Style:
    """One layer: claims underline, quotes tint the background, entities colour
    the letters; so a quote's entities and a claim's quote all show at once."""
    if status == "rejected":
        return REJECTED
    suggested = status == "suggested"
    state = "suggested" if suggested else "reviewed"
    if kind == "claim":
        style = Style(underline=True, color=CLAIM_FG[state])
    elif kind == "quote":
        style = Style(bgcolor=QUOTE_BG[state])
    else:
        style = Style(color=label_colour(label), bold=not suggested)
    return style + SUGGESTED if suggested else style


# Outer kinds are painted first so inner ones draw over them.
PAINT_ORDER = {"claim": 0, "quote": 1, "entity": 2}


def paint_line(line: Text, line_start: int, spans: Iterable[SpanRecord], current: SpanRecord | None,
               draft: tuple[int, int] | None = None) -> Text:
    """Stylise one line of the article (in place) with its spans' layers."""
    length = len(line.plain)

    def clip(start: int, end: int) -> tuple[int, int]:
        return max(start - line_start, 0), min(end - line_start, length)

    for span in sorted(spans, key=lambda s: (PAINT_ORDER.get(s.kind, 3), s.start)):
        a, b = clip(span.start, span.end)
        if a < b:
            line.stylize(kind_style(span), a, b)
    if draft is not None:
        a, b = clip(*draft)
        if a < b:
            line.stylize(DRAFT, a, b)
    elif current is not None:
        a, b = clip(current.start, current.end)
        if a < b:
            line.stylize(CURRENT, a, b)
    return line


def legend(labels: Iterable[str]) -> Text:
    """Which colour is which label, and how kinds and review states look."""
    text = Text(no_wrap=False)
    for label in labels:
        text.append(f" {visible(label)} ", Style(color=label_colour(label), bold=True))
    text.append("  ")
    text.append(" quote ", Style(bgcolor=QUOTE_BG["reviewed"]))
    text.append(" ")
    text.append("claim", Style(underline=True, color=CLAIM_FG["reviewed"]))
    text.append("   ")
    text.append("italic", SUGGESTED)
    text.append(" = to review  ")
    text.append("struck", REJECTED)
    text.append(" = rejected  ")
    text.append("reversed", CURRENT)
    text.append(" = current")
    return text
