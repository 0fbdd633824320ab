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

from .certainty import score_of, short
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


FIELD_WIDTH = 9  # a field's name column; a value that wraps continues under the value, not at column 0


def _field(text: Text, name: str, value: str | None, style: str = "") -> None:
    text.append(f"{name:<{FIELD_WIDTH}}", style="dim")
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
        if (score := score_of(span)) is not None:
            _field(text, "sure", f"{short(score)} (the speaker's confidence)")
        _field(text, "cue", span.cue)
    if span.kind == "claim":
        if (score := score_of(span)) is not None:
            _field(text, "score", f"{short(score)} (check-worthiness)")
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
        text = span_details(span, article_text, index, draft, others)
        if text != self._text:  # the app shows it on the move and again on CurrentChanged
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return hanging(self._text, self.size.width)


def hanging(text: Text, width: int, indent: int = FIELD_WIDTH) -> Text:
    """The fields' lines (those after the first blank line) wrapped at
    ``width`` with the value's continuation lines indented under the value."""
    if width <= indent + 8:
        return text
    out: list[Text] = []
    fields = False
    for line in text.split("\n"):
        fields = fields or not line.plain
        while fields and line.cell_len > width:
            plain = line.plain
            cut = plain.rfind(" ", indent + 1, width + 1)
            cut = cut if cut > indent else width
            out.append(line[:cut])
            rest = cut + 1 if plain[cut:cut + 1] == " " else cut
            line = Text(" " * indent) + line[rest:]
        out.append(line)
    return Text("\n").join(out)


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
    _score_mark(text, span)
    return text


def _score_mark(text: Text, span: SpanRecord) -> None:
    """`` 0.83`` after a listed span the model scored (nothing when it did not)."""
    if (score := score_of(span)) is not None:
        text.append(f" {short(score)}", style="dim")


def claim_prompt(span: SpanRecord, article_text: str) -> Text:
    text = _status_mark(span)
    text.append(one_line(article_text[span.start:span.end], 80), style="italic" if span.is_suggestion else "")
    if span.tags:
        text.append(" [" + ", ".join(visible(t) for t in span.tags) + "]", style="cyan")
    if span.verdict:
        text.append(f" {visible(span.verdict)}", style="bold")
    _score_mark(text, span)
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
        # Rebuilding costs a layout pass (the list's virtual size goes to zero
        # and back): skip it when nothing shown changed, and when the same spans
        # are listed in the same order, replace only the prompts that changed.
        listed = spans[:MAX_LISTED]
        rows = tuple((s.id, s.status, s.start, s.end, s.speaker, tuple(s.tags or ()), s.verdict, score_of(s))
                     for s in listed)
        shown = (article_text, rows, len(spans))
        previous, self._shown = self._shown, shown
        if shown == previous:
            return
        prompt = quote_prompt if self.kind == "quote" else claim_prompt
        if (previous is not None and previous[0] == article_text and previous[2] == len(spans)
                and [r[0] for r in previous[1]] == [r[0] for r in rows]):
            for index, (before, after, span) in enumerate(zip(previous[1], rows, listed)):
                if before != after:
                    self._replace_in_place(index, prompt(span, article_text))
            return
        highlighted = self.highlighted
        self.clear_options()
        # OptionList measures every option it holds (0.25 ms each): a very long
        # article lists its first MAX_LISTED; n / p still reach all the others.
        options = [Option(prompt(span, article_text), id=str(span.id)) for span in listed]
        if len(spans) > MAX_LISTED:
            more = Text(f"… {len(spans) - MAX_LISTED} more: n / p reach them in the text", style="dim")
            options.append(Option(more, disabled=True))
        self.add_options(options)
        if spans:
            self.highlighted = min(highlighted or 0, len(options) - 1)

    def _replace_in_place(self, index: int, prompt: Text) -> None:
        """One option's new prompt, repainting its lines only. OptionList's own
        replace_option_prompt re-measures every option; when the height is
        unchanged (a status mark, a speaker of the same length) nothing else
        moves. Private API (_line_cache, _option_render_cache): Textual is
        pinned to 8.2 and tests/tui/test_repaint.py checks the entry."""
        option = self.get_option_at_index(index)
        lines = self._line_cache
        height = lines.heights.get(index)
        option._set_prompt(prompt)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        if height is None or index not in lines.index_to_line or width <= 0 or (
                self._get_visual(option).get_height(self.styles, width) + option._divider != height):
            self._clear_caches()
            return
        self._option_render_cache.clear()  # keyed by the option object, whose prompt changed
        self.refresh_lines(lines.index_to_line[index], height)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(int(event.option.id)))
