"""A fixed-height line of rich Text that repaints without a layout pass.

Static.update re-measures the whole screen on every call (a layout pass cost
~0.1-0.3 s per key on the 2-core bench machine); the header, the status line,
the article title and the side headings have fixed heights (app.tcss), so
they only need a repaint, and none at all when the text is unchanged.
"""
from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TextLine(Widget):
    def __init__(self, text: Text | str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = Text(text) if isinstance(text, str) else text

    def update(self, text: Text | str) -> None:
        text = Text(text) if isinstance(text, str) else text
        if text == self._text:
            return
        self._text = text
        self.refresh()

    @property
    def content(self) -> Text:
        """What is shown (the name Static uses)."""
        return self._text

    def render(self) -> Text:
        return self._text
