"""StoryTableScreen: many articles of one story in a table, one column each."""
from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from annotators.align import Comparison
from annotators.speaker_grid import SpeakerGrid
from store import Store, StoreError
from store.views import compare_articles, story_of

from ...widgets.compare_view import TableRow, article_label, side_letter, story_rows
from ...widgets.spanview import one_line
from ...widgets.speaker_grid import SpeakerGridTable, load_speaker_grid, outlet_of
from .data import READER_ONLY_KEYS
from .screen import CompareScreen


class StoryTableScreen(Screen):
    """Many articles of one story: what each has of the others' quotes, people and figures.

    ``article_ids`` None with ``around``: the story ``around`` belongs to
    (``cluster_stories`` over the database, in the worker)."""

    CSS_PATH = "../../compare.tcss"
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
        yield Static(Text("Who each outlet quotes (quotes by speaker and outlet; tab moves here)", style="bold"),
                     id="speaker-grid-heading")
        yield SpeakerGridTable(id="speaker-grid")
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
            grid = load_speaker_grid(store, comparison.articles)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        finally:
            store.close()
        self.app.call_from_thread(self._loaded, comparison, rows, grid)

    def _failed(self, message: str) -> None:
        self.query_one("#story-heading", Static).update(Text(f"cannot compare: {message}", style="red"))

    def _loaded(self, comparison: Comparison, rows: list[TableRow], grid: SpeakerGrid) -> None:
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
        letters: dict[str, str] = {}
        for n, article in enumerate(comparison.articles):
            outlet = outlet_of(article)
            letters[outlet] = f"{letters[outlet]} {side_letter(n)}" if outlet in letters else side_letter(n)
        self.query_one("#speaker-grid", SpeakerGridTable).show(grid, self.size.width, letters)
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
