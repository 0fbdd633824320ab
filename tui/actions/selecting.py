"""Moving the caret and selecting by keyboard as in an editor: by word,
sentence and paragraph, the sentence at once, and find in the article.
The text rules are annotators.motions; the reader only moves its caret."""
from __future__ import annotations

from textual.widgets.text_area import Selection

from annotators import motions

from ..widgets.findbox import FindBox


class SelectingMixin:
    def _caret_to(self, offset: int) -> None:
        reader = self.reader
        reader.move_cursor(reader.location_of(offset))
        reader.scroll_cursor_visible(animate=False)
        reader.focus()

    def action_word_forward(self) -> None:
        self._caret_to(motions.next_word_start(self.reader.article_text, self.reader.caret_offset))

    def action_word_backward(self) -> None:
        self._caret_to(motions.previous_word_start(self.reader.article_text, self.reader.caret_offset))

    def action_extend_word(self) -> None:
        """Extend the selection (from the caret, if none) to the end of the next word."""
        reader = self.reader
        anchor = reader.selection.start
        end = motions.word_end(reader.article_text, reader.caret_offset)
        reader.selection = Selection(anchor, reader.location_of(end))
        reader.scroll_cursor_visible(animate=False)
        reader.focus()

    def action_sentence_forward(self) -> None:
        self._caret_to(motions.next_sentence_start(self.reader.article_text, self.reader.caret_offset))

    def action_sentence_backward(self) -> None:
        self._caret_to(motions.previous_sentence_start(self.reader.article_text, self.reader.caret_offset))

    def action_paragraph_forward(self) -> None:
        self._caret_to(motions.next_paragraph_start(self.reader.article_text, self.reader.caret_offset))

    def action_paragraph_backward(self) -> None:
        self._caret_to(motions.previous_paragraph_start(self.reader.article_text, self.reader.caret_offset))

    def action_select_sentence(self) -> None:
        start, end = motions.sentence_bounds(self.reader.article_text, self.reader.caret_offset)
        if start < end:
            self.reader.select_offsets(start, end)
            self.reader.focus()

    @property
    def find_box(self) -> FindBox:
        return self.query_one("#find", FindBox)

    def action_find(self) -> None:
        if self.article is not None:
            self.find_box.open(self.reader)

    def action_find_next(self) -> None:
        self.find_box.step(forward=True)

    def action_find_previous(self) -> None:
        self.find_box.step(forward=False)
