"""Find in the article (ctrl+f): each keystroke selects the first match at or
after where the search began; enter keeps the match selected (``e``, ``q``,
``c`` then make it a span) and goes back to the reader; ``]`` / ``[`` select
the next / previous match afterwards; escape closes.  The matching is
annotators.motions.find_all (case and runs of white space ignored)."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from annotators.motions import find_all

from .reader import Reader
from .spanview import one_line


class FindBox(Input):
    BINDINGS = [Binding("escape", "close", "close", show=False)]

    def __init__(self, **kwargs) -> None:
        super().__init__(placeholder="find in the article: enter selects the match · ] / [ next / previous · escape",
                         **kwargs)
        self.reader: Reader | None = None
        self.query_text = ""
        self.matches: list[tuple[int, int]] = []
        self.origin = 0
        self.at: int | None = None

    def open(self, reader: Reader) -> None:
        self.reader = reader
        self.origin = reader.caret_offset
        self.display = True
        self.focus()
        if self.value:  # the last search, ready to run again or to change
            self._search(self.value)

    def _say(self, message: str) -> None:
        show = getattr(self.app, "show_status", None)
        if show is not None:
            show(message)

    def _select(self, index: int) -> None:
        assert self.reader is not None
        self.at = index
        start, end = self.matches[index]
        self.reader.select_offsets(start, end)
        self._say(f"match {index + 1} of {len(self.matches)} for “{one_line(self.query_text, 40)}”"
                  " (] / [ next / previous)")

    def _search(self, value: str) -> None:
        if self.reader is None:
            return
        self.query_text = value
        self.matches = find_all(self.reader.article_text, value)
        if not self.matches:
            self.at = None
            if value.strip():
                self._say(f"no match for “{one_line(value, 40)}” in this article")
            return
        after = [i for i, (start, _) in enumerate(self.matches) if start >= self.origin]
        self._select(after[0] if after else 0)

    def step(self, forward: bool) -> None:
        """The next (previous) match after (before) the caret, wrapping."""
        if self.reader is None or not self.query_text:
            self._say("nothing searched yet: ctrl+f finds in the article")
            return
        self.matches = find_all(self.reader.article_text, self.query_text)
        if not self.matches:
            self._say(f"no match for “{one_line(self.query_text, 40)}” in this article")
            return
        caret = self.reader.offset_of(self.reader.selection.start)
        if forward:
            index = next((i for i, (s, _) in enumerate(self.matches) if s > caret), 0)
        else:
            index = next((i for i in range(len(self.matches) - 1, -1, -1) if self.matches[i][0] < caret),
                         len(self.matches) - 1)
        self._select(index)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.at is None:
            self._search(event.value)
        self._leave()

    def action_close(self) -> None:
        self._leave()

    def _leave(self) -> None:
        self.display = False
        if self.reader is not None:
            self.reader.focus()
