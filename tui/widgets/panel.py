"""The side panel: the current span's details, and the article's quotes and claims.

Everything shown here is built as rich Text from data, never as markup.
"""
from __future__ import annotations

from typing import Sequence

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store import Judgment, SpanRecord

from .spanview import SpanIndex, kind_style, label_colour, one_line, visible

MAX_LISTED = 150
MAX_OTHERS = 4  # other annotators' judgments shown for the current span

STATUS_STYLE = {
    "suggested": "italic yellow",
    "accepted": "green",
    "corrected": "cyan",
    "rejected": "strike dim",
    "ignored": "dim",
}


def _field(text: Text, name: str, value: str | None, style: str = "") -> None:
    text.append(f"{name:<9}", style="dim")
    text.append(visible(value) if value else "—", style=style if value else "dim")
    text.append("\n")


def span_details(span: SpanRecord | None, article_text: str, index: SpanIndex,
                 draft: tuple[int, int] | None = None, others: Sequence[Judgment] = ()) -> Text:
    """The side panel's description of one span (``draft``: the boundaries
    being adjusted; ``others``: what the other annotators and the gold say)."""
    if span is None:
        return Text("No span under the caret.\nn / p move between spans; select text and press e, q or c to add one.", style="dim")
    text = Text()
    text.append(f"{span.kind.upper()} ", style="bold")
    colour = label_colour(span.label) if span.kind == "entity" else None
    text.append(visible(span.label), style=Style(color=colour, bold=True) if colour else Style(bold=True))
    text.append(f"  #{span.id}\n", style="dim")
    start, end = draft or (span.start, span.end)
    text.append(one_line(article_text[start:end], 160), style=kind_style(span))
    text.append("\n\n")
    _field(text, "status", span.status, STATUS_STYLE.get(span.status, ""))
    _field(text, "origin", span.origin)
    _field(text, "by", span.annotator)
    was = f" (was {span.start}-{span.end})" if draft and draft != (span.start, span.end) else ""
    _field(text, "offsets", f"{start}-{end}{was}")
    if span.kind == "quote":
        _field(text, "speaker", span.speaker, "bold")
        _field(text, "cue", span.cue)
    if span.kind == "claim":
        _field(text, "tags", ", ".join(span.tags) if span.tags else None)
        _field(text, "verdict", span.verdict, "bold")
        _field(text, "note", span.note)
        _field(text, "wording", span.normalized)
    holders = [s for s in (index.enclosing(span, "quote"), index.enclosing(span, "claim")) if s and s.id != span.id]
    if holders:
        _field(text, "inside", ", ".join(f"{s.kind} #{s.id}" for s in holders))
    for judgment in others[:MAX_OTHERS]:
        who = "gold" if judgment.layer == "gold" else judgment.annotator
        _field(text, one_line(who, 8), judgment.describe(), STATUS_STYLE.get(judgment.status, ""))
    if len(others) > MAX_OTHERS:
        text.append(f"… {len(others) - MAX_OTHERS} more annotators\n", style="dim")
    return text


class SpanDetails(Widget):
    """Fixed height (in app.tcss) and refreshed without a layout pass: a
    Static's update re-measures the whole screen, quote and claim lists
    included, on every caret move."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = span_details(None, "", SpanIndex([]))

    def show(self, span: SpanRecord | None, article_text: str, index: SpanIndex,
             draft: tuple[int, int] | None = None, others: Sequence[Judgment] = ()) -> None:
        self._text = span_details(span, article_text, index, draft, others)
        self.refresh()

    def render(self) -> Text:
        return self._text


def _status_mark(span: SpanRecord) -> Text:
    marks = {"suggested": ("? ", "yellow"), "accepted": ("✓ ", "green"), "corrected": ("✎ ", "cyan"), "rejected": ("✗ ", "dim"),
             "ignored": ("– ", "dim")}
    mark, style = marks.get(span.status, ("  ", ""))
    return Text(mark, style=style)


def quote_prompt(span: SpanRecord, article_text: str) -> Text:
    text = _status_mark(span)
    text.append(one_line(article_text[span.start:span.end], 70), style="italic" if span.is_suggestion else "")
    text.append(" — ", style="dim")
    text.append(one_line(span.speaker, 30) if span.speaker else "speaker?", style="bold" if span.speaker else "dim")
    return text


def claim_prompt(span: SpanRecord, article_text: str) -> Text:
    text = _status_mark(span)
    text.append(one_line(article_text[span.start:span.end], 80), style="italic" if span.is_suggestion else "")
    if span.tags:
        text.append(" [" + ", ".join(visible(t) for t in span.tags) + "]", style="cyan")
    if span.verdict:
        text.append(f" {visible(span.verdict)}", style="bold")
    return text


class SpanList(OptionList):
    """The article's quotes or claims; enter (or a click) jumps to one."""

    class Jump(Message):
        def __init__(self, span_id: int) -> None:
            super().__init__()
            self.span_id = span_id

    def __init__(self, kind: str, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.kind = kind
        self._shown: tuple | None = None

    def show(self, spans: list[SpanRecord], article_text: str) -> None:
        # Rebuilding costs a layout pass: skip it when nothing shown changed
        # (accepting an entity leaves the quote and claim lists as they were).
        shown = (id(article_text), tuple((s.id, s.status, s.start, s.end, s.speaker, tuple(s.tags or ()), s.verdict)
                                         for s in spans[:MAX_LISTED]), len(spans))
        if shown == self._shown:
            return
        self._shown = shown
        prompt = quote_prompt if self.kind == "quote" else claim_prompt
        highlighted = self.highlighted
        self.clear_options()
        # OptionList measures every option it holds (0.25 ms each): a very long
        # article lists its first MAX_LISTED; n / p still reach all the others.
        options = [Option(prompt(span, article_text), id=str(span.id)) for span in spans[:MAX_LISTED]]
        if len(spans) > MAX_LISTED:
            more = Text(f"… {len(spans) - MAX_LISTED} more: n / p reach them in the text", style="dim")
            options.append(Option(more, disabled=True))
        self.add_options(options)
        if spans:
            self.highlighted = min(highlighted or 0, len(options) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(int(event.option.id)))
