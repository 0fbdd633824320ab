"""The reader: a read-only TextArea that paints the article's spans.

TextArea renders only the lines on screen and asks ``get_line`` for each, so a
20,000-word article costs what its visible lines cost. Spans are grouped by
row once per change (``LineMap`` + ``_by_row``), never searched per line.

A key repaints only what it changed: an action repaints the rows of the spans
whose record changed, a move the rows of the old and the new current span
(``repaint_rows``). TextArea's own line cache is keyed on the whole selection
when it soft-wraps, so every caret move re-rendered every visible line; the
reader keys its rendered lines on what each row shows instead (its own
selection part, the caret if it is on that row, and the row's paint
generation), so a caret move re-renders the rows it touched and the
others come from the cache.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from store import SpanRecord

from .spanview import LineMap, SpanIndex, paint_line, visible

WORD_CHARS = str.isalnum


class Reader(TextArea):
    """Shows one article; knows its spans and which one is current."""

    # A read-only TextArea would take ctrl+z / ctrl+y for its own (empty) edit
    # history: send them to the app's undo and redo instead.
    BINDINGS = [
        Binding("ctrl+z", "app.undo", "undo", show=False),
        Binding("ctrl+y", "app.redo", "redo", show=False),
    ]

    class CurrentChanged(Message):
        """The span under the caret (or chosen with n/p) changed."""

        def __init__(self, span: SpanRecord | None) -> None:
            super().__init__()
            self.span = span

    class DraftMoved(Message):
        """In boundary mode, the span's draft edges moved (the side panel shows them)."""

    class BoundariesDone(Message):
        """Boundary mode ended: new (start, end), or None when cancelled."""

        def __init__(self, span: SpanRecord, bounds: tuple[int, int] | None) -> None:
            super().__init__()
            self.span = span
            self.bounds = bounds

    def __init__(self, **kwargs) -> None:
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            **kwargs,
        )
        self.cursor_blink = False
        self.article_text = ""
        self.index = SpanIndex([])
        self.current: SpanRecord | None = None
        self.draft: tuple[int, int] | None = None  # boundaries being adjusted
        self._map = LineMap("", [""])
        self._by_row: dict[int, list[SpanRecord]] = {}
        self._moving_to_span = False
        self._chose_on_caret = False  # set when a caret move picked the current span
        # Where show_article put the caret: the SelectionChanged that move
        # arrives after show_article returns, and must not pick a span.
        self._placed: Selection | None = None
        # Painted lines until the next repaint: TextArea asks for a whole
        # paragraph once per wrapped row it draws, so paint each only once.
        self._painted: dict[int, Text] = {}
        # Called at once when the current span changes, before CurrentChanged is
        # delivered: the side panel then changes in the same frame as the text
        # (the message reaches the app after the next frame, ~17-33 ms later).
        self.on_current: Callable[[SpanRecord | None], None] | None = None
        # Bumped to repaint: every row (_generation) or one row (_row_generation).
        self._generation = 0
        self._row_generation: dict[int, int] = {}

    # --- content --------------------------------------------------------------------

    def show_article(self, text: str, spans: list[SpanRecord]) -> None:
        """Load a new article (control characters made visible, offsets kept)."""
        self.article_text = text
        self.draft = None
        self.current = None
        self.index = SpanIndex([])  # set_spans repaints every row of a new article
        self._painted.clear()
        self.load_text(visible(text))
        self._map = LineMap(self.text, self.document.lines)
        self.set_spans(spans)
        self.move_cursor((0, 0))
        self._placed = self.selection
        self.scroll_home(animate=False)

    def set_spans(self, spans: list[SpanRecord]) -> None:
        """New span state (after any action): keep the current span if it still
        exists; repaint the rows of the spans that changed (and of the current
        span, if it went or changed)."""
        before, before_current = self.index.by_id, self.current
        self.index = SpanIndex(spans)
        by_row: dict[int, list[SpanRecord]] = defaultdict(list)
        rows_of = self._map.rows
        for span in self.index.spans:
            for row in rows_of(span.start, span.end):
                by_row[row].append(span)
        self._by_row = dict(by_row)
        current_id = self.current.id if self.current else None
        self.current = self.index.by_id.get(current_id) if current_id is not None else None
        after = self.index.by_id
        changed = [span for span_id, span in before.items() if after.get(span_id) != span]
        changed += [span for span_id, span in after.items() if before.get(span_id) != span]
        if before_current is not None and self.current != before_current:
            changed += [before_current] + ([self.current] if self.current else [])
        if not before or len(changed) > len(after) // 2:
            self.repaint()  # a new article, or most spans changed (accept the rest)
        else:
            self.repaint_rows(row for span in changed for row in rows_of(span.start, span.end))

    def replace_span(self, span: SpanRecord) -> bool:
        """One span's new record (as the store returned it after an action),
        without reading the article's spans again; False if it is not here or
        its bounds moved (then the caller reloads them all)."""
        old = self.index.by_id.get(span.id)
        if old is None or (old.start, old.end) != (span.start, span.end):
            return False
        self.set_spans([span if s.id == span.id else s for s in self.index.spans])
        return True

    def repaint(self) -> None:
        """Every row (a new article, boundary mode): the line caches do not know our spans."""
        self._line_cache.clear()
        self._painted.clear()
        self._generation += 1
        self._row_generation.clear()
        self.refresh()

    def repaint_rows(self, rows) -> None:
        """Only these document rows, each on every wrapped line it covers."""
        wrapped = self.wrapped_document
        lines = len(self.document.lines)
        for row in set(rows):
            if not 0 <= row < lines:
                continue
            self._painted.pop(row, None)
            self._row_generation[row] = self._row_generation.get(row, 0) + 1
            try:
                first = wrapped.location_to_offset((row, 0)).y
                height = len(wrapped.get_offsets(row)) + 1
            except (IndexError, ValueError):
                self.refresh()
                continue
            self.refresh_lines(first, height)

    def render_line(self, y: int) -> Strip:
        # TextArea's cache key holds the whole selection when soft-wrapping, so
        # a caret move missed it on every line: key each line on what its row
        # shows instead, and keep TextArea's cache (cleared on resize, rewrap
        # and style changes) as the store. Private API: Textual pinned to 8.2.
        scroll_x, scroll_y = self.scroll_offset
        absolute_y = scroll_y + y
        info = self.wrapped_document._offset_to_line_info
        if not 0 <= absolute_y < len(info) or (not self.text and self.placeholder):
            return super().render_line(y)
        row = info[absolute_y][0]
        selection = self.selection
        top, bottom = sorted(selection)
        cursor_row = selection.end[0]
        bracket = self._matching_bracket_location
        key = (
            "reader",
            self.size,
            scroll_x,
            absolute_y,
            row,
            self._generation,
            self._row_generation.get(row, 0),
            selection if top != bottom and top[0] <= row <= bottom[0] else None,
            (selection.end, self._draw_cursor, self._cursor_visible) if row == cursor_row else None,
            bracket if bracket is not None and row in (bracket[0], cursor_row) else None,
            self.theme,
            self.show_cursor,
        )
        cached = self._line_cache.get(key)
        if cached is None:
            cached = self._render_line(y)
            self._line_cache[key] = cached
        return cached

    def get_line(self, line_index: int) -> Text:
        painted = self._painted.get(line_index)
        if painted is None:
            painted = super().get_line(line_index)
            spans = self._by_row.get(line_index, ())
            if spans or self.draft:
                start = self._map.starts[line_index] if line_index < len(self._map.starts) else 0
                paint_line(painted, start, spans, self.current, self.draft)
            self._painted[line_index] = painted
        # TextArea stylises what it gets (selection, cursor): hand out a copy.
        return painted.copy()

    # --- offsets --------------------------------------------------------------------

    def offset_of(self, location: tuple[int, int]) -> int:
        return self._map.offset(location)

    def location_of(self, offset: int) -> tuple[int, int]:
        return self._map.location(offset)

    @property
    def caret_offset(self) -> int:
        return self.offset_of(self.selection.end)

    def select_offsets(self, start: int, end: int) -> None:
        """Select article offsets ``start``..``end`` (the caret at ``end``), scrolled into view."""
        self.selection = Selection(self.location_of(start), self.location_of(end))
        self.scroll_cursor_visible(center=True, animate=False)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as article offsets, trimmed of surrounding whitespace."""
        a, b = sorted((self.offset_of(self.selection.start), self.offset_of(self.selection.end)))
        while a < b and self.article_text[a].isspace():
            a += 1
        while b > a and self.article_text[b - 1].isspace():
            b -= 1
        return (a, b) if a < b else None

    # --- the current span -----------------------------------------------------------

    def _make_current(self, span: SpanRecord | None) -> None:
        """Repaint the rows of the span that was current and of the new one."""
        before, self.current = self.current, span
        self.repaint_rows(row for s in (before, span) if s is not None for row in self._map.rows(s.start, s.end))
        if self.on_current is not None:
            self.on_current(span)

    def go_to_span(self, span: SpanRecord | None) -> None:
        """Make ``span`` current, put the caret on its start and scroll it into view."""
        self._make_current(span)
        if span is not None:
            self._moving_to_span = True
            self.move_cursor(self.location_of(span.start), center=True)
            self.scroll_cursor_visible(center=True, animate=False)
            self._moving_to_span = False
        self.post_message(self.CurrentChanged(span))

    def step(self, forward: bool) -> SpanRecord | None:
        target = self.index.step(self.current.id if self.current else None, self.caret_offset, forward)
        self.go_to_span(target)
        return target

    def _on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        placed, self._placed = self._placed, None
        if placed is not None and event.selection == placed:
            return  # the new article's caret, not the user's: no span current, n starts at the top
        if self._moving_to_span or self.draft is not None:
            return
        caret = self.caret_offset
        if self.current is not None and self.current.start <= caret < self.current.end:
            return  # still inside: keep the span n/p chose, even if an inner one is here
        under = self.index.at(caret)
        chosen = under[0] if under else None
        if chosen != self.current:
            self._chose_on_caret = True  # the click that moved the caret picked this span: no cycling
            self._make_current(chosen)
            self.post_message(self.CurrentChanged(chosen))

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        self._chose_on_caret = False
        await super()._on_mouse_down(event)

    def _on_click(self, event: events.Click) -> None:
        """A click on the current span makes the next span under the caret
        current (innermost first, then outwards, wrapping): nested spans, and
        a quote and a claim with the very same bounds, are each reachable by
        mouse. The click that moved the caret onto a span only picks it."""
        chose, self._chose_on_caret = self._chose_on_caret, False
        if chose or self.draft is not None or not self.selection.is_empty:
            return
        under = self.index.at(self.caret_offset)
        if len(under) < 2 or self.current not in under:
            return
        self._make_current(under[(under.index(self.current) + 1) % len(under)])
        self.post_message(self.CurrentChanged(self.current))

    # --- boundary mode (b) ------------------------------------------------------------

    def start_boundaries(self) -> bool:
        if self.current is None:
            return False
        self.draft = (self.current.start, self.current.end)
        self.repaint()
        return True

    def _word_step(self, offset: int, forward: bool) -> int:
        """The next word start (forward) or previous word start."""
        text, n = self.article_text, len(self.article_text)
        if forward:
            while offset < n and WORD_CHARS(text[offset]):
                offset += 1
            while offset < n and not WORD_CHARS(text[offset]):
                offset += 1
            return offset
        while offset > 0 and not WORD_CHARS(text[offset - 1]):
            offset -= 1
        while offset > 0 and WORD_CHARS(text[offset - 1]):
            offset -= 1
        return offset

    def _word_end(self, offset: int, forward: bool) -> int:
        """The next word end (forward) or previous word end."""
        text, n = self.article_text, len(self.article_text)
        if forward:
            while offset < n and not WORD_CHARS(text[offset]):
                offset += 1
            while offset < n and WORD_CHARS(text[offset]):
                offset += 1
            return offset
        while offset > 0 and WORD_CHARS(text[offset - 1]):
            offset -= 1
        while offset > 0 and not WORD_CHARS(text[offset - 1]):
            offset -= 1
        return offset

    def move_draft(self, key: str) -> bool:
        """Apply one boundary key; False if the key is not a boundary key."""
        assert self.draft is not None
        start, end = self.draft
        n = len(self.article_text)
        moves = {
            "left": lambda: (max(start - 1, 0), end),
            "right": lambda: (min(start + 1, end - 1), end),
            "shift+left": lambda: (start, max(end - 1, start + 1)),
            "shift+right": lambda: (start, min(end + 1, n)),
            "ctrl+left": lambda: (self._word_step(start, False), end),
            "ctrl+right": lambda: (min(self._word_step(start, True), end - 1), end),
            "ctrl+shift+left": lambda: (start, max(self._word_end(end, False), start + 1)),
            "ctrl+shift+right": lambda: (start, self._word_end(end, True)),
        }
        if key not in moves:
            return False
        self.draft = moves[key]()
        self._moving_to_span = True
        self.move_cursor(self.location_of(self.draft[0] if "shift" not in key else self.draft[1]))
        self._moving_to_span = False
        self.repaint()
        self.post_message(self.DraftMoved())
        return True

    def _finish_boundaries(self, confirm: bool) -> None:
        span, bounds = self.current, self.draft
        self.draft = None
        self.repaint()
        if span is not None:
            self.post_message(self.BoundariesDone(span, bounds if confirm else None))

    async def _on_key(self, event: events.Key) -> None:
        # In boundary mode the arrows move the span's edges, not the caret;
        # stopping the event keeps TextArea's and the app's bindings out of it.
        if self.draft is None:
            await super()._on_key(event)
            return
        if event.key == "ctrl+q":
            return
        event.stop()
        event.prevent_default()
        if event.key == "enter":
            self._finish_boundaries(True)
        elif event.key == "escape":
            self._finish_boundaries(False)
        else:
            self.move_draft(event.key)
