"""Two reports side by side (CompareScreen) and many in a table (StoryTableScreen).

CompareScreen(store, a_id, b_id): each article in its own column with its
highlights, laid out passage by passage as ``align_passages`` pairs them, so
one scroll moves both. Paired quotes have their differing words marked; a
summary bar lists people and organisations, quotes and figures in both and in
one only; the pair list (n / p) walks the pairs and L links the current pair's
two spans (same quote, same claim, contradicts) through ``Store.link``.

StoryTableScreen(store, article_ids): rows are quotes, people and
organisations, and figures; columns are the articles; each cell says whether
and how that article has it. Enter on a row compares two of its articles.

The comparison is computed in a worker thread on a connection of its own (the
first one imports spaCy's stop-word list: ~1 s); widgets are built when it is
back. Text is data: every article text, name and quote is a rich Text.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from annotators.align import Comparison, split_paragraphs
from store import SpanRecord, Store, StoreError
from store.views import compare_articles, story_of

from ..crash import CrashReport
from ..screen_text import PlainNotifications
from ..widgets.compare_view import (
    LINK_KINDS,
    Member,
    Pair,
    SideMarks,
    TableRow,
    article_label,
    build_pairs,
    paint_passage,
    side_letter,
    side_marks,
    story_rows,
    summary_grid,
    summary_rows,
    summary_text,
)
from ..widgets.spanview import one_line

__all__ = ["CompareScreen", "StoryTableScreen", "CompareApp", "CompareData"]

# Single keys the reader binds at app level (tui/widgets/keymap.py) that act on
# the article open behind this screen; here they only say so.
READER_ONLY_KEYS = ("a", "x", "l", "b", "d", "e", "q", "c", "s", "v", "N", "P", "o", "enter", "slash")


@dataclass
class CompareData:
    """Everything the two-article screen shows, computed off the UI thread."""

    comparison: Comparison
    a_id: int
    b_id: int
    texts: dict[int, str]
    spans: dict[int, list[SpanRecord]]
    paragraphs: dict[int, list[tuple[int, int]]]
    rows: list[tuple[int | None, int | None, float]]
    pairs: list[Pair]
    links: list[dict]

    @classmethod
    def load(cls, store: Store, a_id: int, b_id: int) -> "CompareData":
        comparison = compare_articles(store, [a_id, b_id])
        views = {v.id: v for v in comparison.views}
        return cls(
            comparison=comparison,
            a_id=a_id,
            b_id=b_id,
            texts={i: views[i].text for i in (a_id, b_id)},
            spans={i: [r for r in store.spans(i) if r.status != "rejected"] for i in (a_id, b_id)},
            paragraphs={i: split_paragraphs(views[i].text) for i in (a_id, b_id)},
            rows=comparison.passages(a_id, b_id),
            pairs=build_pairs(comparison, a_id, b_id),
            links=list(comparison.links),
        )

    def link_kinds(self, pair: Pair) -> list[str]:
        if not pair.shared or pair.a.span_id is None or pair.b.span_id is None:
            return []
        ends = {pair.a.span_id, pair.b.span_id}
        return [link["kind"] for link in self.links if {link["a_span_id"], link["b_span_id"]} == ends]


class PassageRow(Horizontal):
    """One aligned passage: A's paragraph, a gutter, B's paragraph (either may be empty)."""

    def __init__(self, index: int, a_para: int | None, b_para: int | None, score: float,
                 a_text: Text | None = None, b_text: Text | None = None) -> None:
        super().__init__(classes="passage-row")
        self.index = index
        self.a_para = a_para
        self.b_para = b_para
        self.score = score
        self._texts = (a_text, b_text)
        self.texts: dict[str, Text | None] = {"a": a_text, "b": b_text}  # what each side shows now

    def compose(self) -> ComposeResult:
        a_text, b_text = self._texts
        yield Static(a_text or Text(""), classes="passage passage-a" + (" passage-empty" if self.a_para is None else ""))
        yield Static(Text("↔" if self.a_para is not None and self.b_para is not None else " ", style="dim"),
                     classes="passage-gutter")
        yield Static(b_text or Text(""), classes="passage passage-b" + (" passage-empty" if self.b_para is None else ""))


class CompareScreen(Screen):
    """Article ``a_id`` (A, left) and ``b_id`` (B, right) side by side."""

    CSS_PATH = "../compare.tcss"
    BINDINGS = [
        Binding("escape", "close", "back"),
        Binding("n", "next_pair(1)", "next pair"),
        Binding("p", "next_pair(-1)", "prev pair"),
        Binding("L", "link", "link pair"),
        Binding("t", "story_table", "story table"),
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
        from ..widgets.compare_view import pair_prompt

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
        from .pickers import ChoicePicker

        def chosen(kind: str | None) -> None:
            if kind:
                self.link_pair(pair, kind)

        self.app.push_screen(ChoicePicker("Link the two spans as", LINK_KINDS, current=pair.default_link), chosen)

    def link_pair(self, pair: Pair, kind: str) -> int | None:
        """Store the link between the pair's spans (committed at once) and show it."""
        try:
            link_id = self.store.link(pair.a.span_id, pair.b.span_id, kind)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return None
        self.data.links.append({"id": link_id, "kind": kind, "a_span_id": pair.a.span_id,
                                "b_span_id": pair.b.span_id})
        self.query_one("#compare-pairs", OptionList).replace_option_prompt(pair.key, self._prompt(pair))
        self.show_status(Text(f"linked span {pair.a.span_id} (A) and {pair.b.span_id} (B) as {kind}", style="bold"))
        return link_id

    def action_undo(self) -> None:
        self._replay("undo")

    def action_redo(self) -> None:
        self._replay("redo")

    def _replay(self, which: str) -> None:
        """Undo/redo (any action of this annotator, as in the reader), then reload the
        comparison so a link made or removed shows."""
        try:
            record = self.store.undo() if which == "undo" else self.store.redo()
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        if record is None:
            self.notify(f"nothing to {which}", severity="warning")
            return
        self.notify(f"{which}: {record.action} {record.target} {record.target_id}")
        self.load()

    def action_not_here(self) -> None:
        self.notify("that key works in the reader: escape goes back to it", severity="warning")

    # --- elsewhere ------------------------------------------------------------------

    def action_story_table(self) -> None:
        self.app.push_screen(StoryTableScreen(self.store, None, around=self.a_id))

    def action_close(self) -> None:
        self.dismiss(None)

    def show_status(self, message: str | Text) -> None:
        self.query_one("#compare-status", Static).update(message if isinstance(message, Text) else Text(message))


class StoryTableScreen(Screen):
    """Many articles of one story: what each has of the others' quotes, people and figures.

    ``article_ids`` None with ``around``: the story ``around`` belongs to
    (``cluster_stories`` over the database, in the worker)."""

    CSS_PATH = "../compare.tcss"
    BINDINGS = [
        Binding("escape", "close", "back"),
        *[Binding(key, "not_here", show=False) for key in READER_ONLY_KEYS if key != "enter"],
        Binding("enter", "compare_row", "compare two"),  # DataTable's own enter selects the cell first
    ]

    def __init__(self, store: Store, article_ids: Sequence[int] | None, around: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.article_ids = list(article_ids) if article_ids is not None else None
        self.around = around
        self.comparison: Comparison | None = None
        self.rows: list[TableRow] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("comparing…", style="dim"), id="story-heading")
        yield DataTable(id="story-table", cursor_type="cell", zebra_stripes=True)
        yield Static(id="compare-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#story-table", DataTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="compare")
    def load(self) -> None:
        store = self.store.reopen_for_thread()
        try:
            ids = self.article_ids or story_of(store, self.around)
            comparison = compare_articles(store, ids)
            rows = story_rows(comparison)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        finally:
            store.close()
        self.app.call_from_thread(self._loaded, comparison, rows)

    def _failed(self, message: str) -> None:
        self.query_one("#story-heading", Static).update(Text(f"cannot compare: {message}", style="red"))

    def _loaded(self, comparison: Comparison, rows: list[TableRow]) -> None:
        self.comparison = comparison
        self.article_ids = [a["id"] for a in comparison.articles]
        self.rows = rows
        heading = Text(f"{len(comparison.articles)} articles", style="bold")
        for n, article in enumerate(comparison.articles):
            heading.append(f"\n {side_letter(n)} ", style="bold reverse")
            heading.append(f" {article_label(article, 120)}  (id {article['id']})")
        self.query_one("#story-heading", Static).update(heading)
        table = self.query_one("#story-table", DataTable)
        table.clear(columns=True)
        table.add_column(Text("kind"), key="kind", width=6)
        count = max(len(comparison.articles), 1)
        what_width = 48 if count <= 4 else 40
        # Article columns share what is left of the screen (DataTable scrolls past it).
        column_width = max(12, min(24, (self.size.width - what_width - 8) // count - 2))
        table.add_column(Text("what"), key="what", width=what_width)
        for n, article in enumerate(comparison.articles):
            label = Text(side_letter(n), style="bold")
            label.append(f" {one_line(article.get('source') or article.get('title') or '', column_width - 2)}")
            table.add_column(label, key=f"a{article['id']}", width=column_width)
        for row in rows:
            table.add_row(Text(row.kind), row.what, *row.cells, key=row.key)
        counts = {k: sum(r.kind == k for r in rows) for k in ("quote", "person", "org", "figure")}
        self.query_one("#compare-status", Static).update(Text(
            f"{counts['quote']} quotes, {counts['person']} people, {counts['org']} organisations, "
            f"{counts['figure']} figures · enter compares two articles of the row side by side", style="dim"))

    def action_not_here(self) -> None:
        self.notify("that key works in the reader: escape goes back to it", severity="warning")

    @on(DataTable.CellSelected, "#story-table")
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.action_compare_row()

    def action_compare_row(self) -> None:
        table = self.query_one("#story-table", DataTable)
        if not self.rows or self.article_ids is None:
            return
        row = self.rows[table.cursor_row]
        column = table.cursor_column - 2
        having = [i for i in self.article_ids if i in row.articles]
        first = self.article_ids[column] if 0 <= column < len(self.article_ids) else (having[0] if having else None)
        if first is None:
            return
        others = [i for i in having if i != first] or [i for i in self.article_ids if i != first]
        if others:
            self.app.push_screen(CompareScreen(self.store, first, others[0]))

    def action_close(self) -> None:
        self.dismiss(None)


class CompareApp(CrashReport, PlainNotifications, App):
    """The comparison on its own (``copydesk compare A B --tui``): quits when it is closed."""

    CSS_PATH = "../app.tcss"
    TITLE = "copydesk compare"

    def __init__(self, store: Store, article_ids: Sequence[int]) -> None:
        super().__init__()
        self.store = store
        self.article_ids = list(article_ids)

    def on_mount(self) -> None:
        if len(self.article_ids) == 2:
            screen: Screen = CompareScreen(self.store, *self.article_ids)
        else:
            screen = StoryTableScreen(self.store, self.article_ids)
        self.push_screen(screen, lambda _: self.exit())
