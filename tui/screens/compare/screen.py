"""CompareScreen: two articles side by side, passage by passage, with the pair list."""
from __future__ import annotations


from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store import Store, StoreError

from ...widgets.compare_view import (
    LINK_KINDS,
    Member,
    Pair,
    SideMarks,
    article_label,
    paint_passage,
    side_marks,
    summary_grid,
    summary_rows,
    summary_text,
)
from .data import READER_ONLY_KEYS, CompareData, PassageRow


class CompareScreen(Screen):
    """Article ``a_id`` (A, left) and ``b_id`` (B, right) side by side."""

    CSS_PATH = "../../compare.tcss"
    BINDINGS = [
        Binding("escape", "close", "back"),
        Binding("n", "next_pair(1)", "next pair"),
        Binding("p", "next_pair(-1)", "prev pair"),
        Binding("L", "link", "link pair"),
        Binding("t", "story_table", "story table"),
        Binding("g", "speaker_grid", "who quotes whom"),
        Binding("pagedown", "scroll_passages(1)", "page down", show=False),
        Binding("pageup", "scroll_passages(-1)", "page up", show=False),
        Binding("u,ctrl+z", "undo", "undo", show=False),
        Binding("ctrl+y", "redo", "redo", show=False),
        # The reader's keys would act on its hidden current span: not here.
        *[Binding(key, "not_here", show=False) for key in READER_ONLY_KEYS],
    ]

    def __init__(self, store: Store, a_id: int, b_id: int) -> None:
        super().__init__()
        self.store = store
        self.a_id = a_id
        self.b_id = b_id
        self.data: CompareData | None = None
        self.current: Pair | None = None
        self.summary = Text()
        self.marks: tuple[SideMarks, SideMarks] = (SideMarks(), SideMarks())
        self._rows_of: dict[tuple[str, int], PassageRow] = {}

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-titles"):
            yield Static(id="compare-title-a", classes="compare-title")
            yield Static(classes="passage-gutter")
            yield Static(id="compare-title-b", classes="compare-title")
        with VerticalScroll(id="compare-summary-box"):
            yield Static(Text("comparing…", style="dim"), id="compare-summary")
        yield VerticalScroll(id="compare-passages")
        yield OptionList(markup=False, id="compare-pairs")
        yield Static(id="compare-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#compare-pairs", OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="compare")
    def load(self) -> None:
        store = self.store.reopen_for_thread()
        try:
            data = CompareData.load(store, self.a_id, self.b_id)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        finally:
            store.close()
        self.app.call_from_thread(self._loaded, data)

    def _failed(self, message: str) -> None:
        self.query_one("#compare-summary", Static).update(Text(f"cannot compare: {message}", style="red"))

    async def _loaded(self, data: CompareData) -> None:
        self.data = data
        articles = {a["id"]: a for a in data.comparison.articles}
        for side, article_id in (("a", data.a_id), ("b", data.b_id)):
            title = Text(f" {side.upper()} ", style="bold reverse")
            title.append(f" {article_label(articles[article_id], 90)}", style="bold")
            self.query_one(f"#compare-title-{side}", Static).update(title)
        self.summary = summary_text(data.comparison, data.a_id, data.b_id, data.pairs)
        bar = summary_rows(data.comparison, data.a_id, data.b_id, data.pairs)
        self.query_one("#compare-summary", Static).update(summary_grid(bar))
        self.marks = side_marks(data.pairs)
        rows = [PassageRow(n, i, j, score, self._passage("a", i), self._passage("b", j))
                for n, (i, j, score) in enumerate(data.rows)]
        self._rows_of = {}
        for row in rows:
            if row.a_para is not None:
                self._rows_of[("a", row.a_para)] = row
            if row.b_para is not None:
                self._rows_of[("b", row.b_para)] = row
        passages = self.query_one("#compare-passages", VerticalScroll)
        await passages.remove_children()
        await passages.mount_all(rows)
        pairs = self.query_one("#compare-pairs", OptionList)
        pairs.clear_options()
        pairs.add_options([Option(self._prompt(p), id=p.key) for p in data.pairs])
        if data.pairs:
            keep = self.current.key if self.current is not None else None
            self.current = None
            self.call_after_refresh(self._select_first, keep)
        else:
            self.show_status("no quotes or figures to pair in these two articles")

    def _select_first(self, key: str | None = None) -> None:
        """Highlight the pair ``key`` (after a reload), else the first one."""
        if self.data is None:
            return
        pairs = self.query_one("#compare-pairs", OptionList)
        keys = [p.key for p in self.data.pairs]
        index = keys.index(key) if key in keys else 0
        if pairs.highlighted != index:
            pairs.highlighted = index
        else:
            self.select_pair(self.data.pairs[index])

    def _prompt(self, pair: Pair) -> Text:
        from ...widgets.compare_view import pair_prompt

        width = self.query_one("#compare-pairs", OptionList).size.width or self.size.width or 160
        return pair_prompt(pair, self.data.link_kinds(pair) if self.data else (), width - 3)

    # --- painting -------------------------------------------------------------------

    def _passage(self, side: str, para: int | None) -> Text | None:
        if para is None or self.data is None:
            return None
        article_id = self.data.a_id if side == "a" else self.data.b_id
        start, end = self.data.paragraphs[article_id][para]
        marks = self.marks[0] if side == "a" else self.marks[1]
        return paint_passage(self.data.texts[article_id], start, end, self.data.spans[article_id],
                             marks, self._current_member(side))

    def _paint_row(self, row: PassageRow) -> None:
        for side, para in (("a", row.a_para), ("b", row.b_para)):
            if para is not None:
                row.texts[side] = self._passage(side, para)
                row.query_one(f".passage-{side}", Static).update(row.texts[side])

    def _current_member(self, side: str) -> Member | None:
        if self.current is None:
            return None
        return self.current.a if side == "a" else self.current.b

    def _row_for(self, side: str, member: Member | None) -> PassageRow | None:
        if member is None or self.data is None:
            return None
        article_id = self.data.a_id if side == "a" else self.data.b_id
        for n, (start, end) in enumerate(self.data.paragraphs[article_id]):
            if start <= member.start < end:
                return self._rows_of.get((side, n))
        return None

    # --- pairs ----------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#compare-pairs")
    def _pair_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.data is None:
            return
        pair = next((p for p in self.data.pairs if p.key == event.option.id), None)
        self.select_pair(pair)

    def select_pair(self, pair: Pair | None) -> None:
        before = {self._row_for("a", self._current_member("a")), self._row_for("b", self._current_member("b"))}
        self.current = pair
        after = {self._row_for("a", self._current_member("a")), self._row_for("b", self._current_member("b"))}
        for row in (before | after) - {None}:
            self._paint_row(row)
        if pair is None:
            return
        target = self._row_for("a", pair.a) or self._row_for("b", pair.b)
        if target is not None:
            # After the repaint's layout, so the row's place is current.
            self.call_after_refresh(self._scroll_to, target)
        self.show_status(self._describe(pair))

    def _scroll_to(self, row: PassageRow) -> None:
        self.query_one("#compare-passages", VerticalScroll).scroll_to_widget(row, animate=False, top=True)

    def _describe(self, pair: Pair) -> Text:
        text = Text()
        if pair.shared:
            row_a, row_b = self._row_for("a", pair.a), self._row_for("b", pair.b)
            text.append(f"{pair.kind} in A and B", style="bold")
            if row_a is not None and row_b is not None and row_a is not row_b:
                text.append(f"  (B's passage is {row_b.index - row_a.index:+d} rows from A's)", style="dim")
            kinds = self.data.link_kinds(pair) if self.data else []
            text.append("   linked: " + ", ".join(kinds) if kinds else "   L links the two spans", style="dim")
        else:
            text.append(f"{pair.kind} only in {'A' if pair.a else 'B'}", style="bold")
            text.append("   nothing to link it to", style="dim")
        return text

    def action_next_pair(self, step: int) -> None:
        pairs = self.query_one("#compare-pairs", OptionList)
        if pairs.option_count == 0:
            return
        current = pairs.highlighted if pairs.highlighted is not None else -step
        pairs.highlighted = (current + step) % pairs.option_count

    def action_scroll_passages(self, direction: int) -> None:
        passages = self.query_one("#compare-passages", VerticalScroll)
        passages.scroll_page_down() if direction > 0 else passages.scroll_page_up()

    # --- linking --------------------------------------------------------------------

    def action_link(self) -> None:
        pair = self.current
        if pair is None or self.data is None:
            return
        if not pair.shared:
            self.notify("this quote is in one article only: nothing to link", severity="warning")
            return
        if pair.a.span_id is None or pair.b.span_id is None:
            self.notify("no stored span under this figure to link", severity="warning")
            return
        from ..pickers import ChoicePicker

        def chosen(kind: str | None) -> None:
            if kind:
                self.link_pair(pair, kind)

        self.app.push_screen(ChoicePicker("Link the two spans as", LINK_KINDS, current=pair.default_link), chosen)

    def link_pair(self, pair: Pair, kind: str) -> None:
        """Store the link between the pair's spans (through the app's writer:
        at once, or once another process's write lock frees) and show it."""
        a_id, b_id = pair.a.span_id, pair.b.span_id

        def linked(link_id: int) -> None:
            self.data.links.append({"id": link_id, "kind": kind, "a_span_id": a_id, "b_span_id": b_id})
            self.query_one("#compare-pairs", OptionList).replace_option_prompt(pair.key, self._prompt(pair))
            self.show_status(Text(f"linked span {a_id} (A) and {b_id} (B) as {kind}", style="bold"))

        self.app.commit(f"linked span {a_id} and {b_id} as {kind}", lambda store: store.link(a_id, b_id, kind),
                        linked, refresh=False)

    def action_undo(self) -> None:
        self._replay("undo")

    def action_redo(self) -> None:
        self._replay("redo")

    def _replay(self, which: str) -> None:
        """Undo/redo (any action of this annotator, as in the reader), then reload the
        comparison so a link made or removed shows."""
        def replayed(record) -> None:
            if record is None:
                self.notify(f"nothing to {which}", severity="warning")
                return
            self.notify(f"{which}: {record.action} {record.target} {record.target_id}")
            self.load()

        self.app.commit("", lambda store: store.undo() if which == "undo" else store.redo(), replayed)

    def action_not_here(self) -> None:
        self.notify("that key works in the reader: escape goes back to it", severity="warning")

    # --- elsewhere ------------------------------------------------------------------

    def action_story_table(self) -> None:
        from .story_table import StoryTableScreen  # it imports this module: resolve at call time

        self.app.push_screen(StoryTableScreen(self.store, None, around=self.a_id))

    def action_speaker_grid(self) -> None:
        from .speaker_grid import SpeakerGridScreen

        self.app.push_screen(SpeakerGridScreen(self.store, [self.a_id, self.b_id]))

    def action_close(self) -> None:
        self.dismiss(None)

    def show_status(self, message: str | Text) -> None:
        self.query_one("#compare-status", Static).update(message if isinstance(message, Text) else Text(message))
