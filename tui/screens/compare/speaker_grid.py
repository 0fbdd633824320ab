"""SpeakerGridScreen: who each outlet of the compared articles quotes (``g`` on
the two-article screen; the story table shows the same grid under its table)."""
from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from annotators.speaker_grid import SpeakerGrid
from store import Store, StoreError

from ...widgets.compare_view import article_label, side_letter
from ...widgets.speaker_grid import SpeakerGridTable, load_speaker_grid, outlet_of
from .data import READER_ONLY_KEYS


class SpeakerGridScreen(Screen):
    CSS_PATH = "../../compare.tcss"
    BINDINGS = [
        Binding("escape,g", "close", "back"),
        *[Binding(key, "not_here", show=False) for key in READER_ONLY_KEYS if key != "enter"],
    ]

    def __init__(self, store: Store, article_ids: Sequence[int]) -> None:
        super().__init__()
        self.store = store
        self.article_ids = list(article_ids)

    def compose(self) -> ComposeResult:
        yield Static(Text("counting quotes…", style="dim"), id="grid-heading")
        yield SpeakerGridTable(id="speaker-grid")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#speaker-grid", SpeakerGridTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="compare")
    def load(self) -> None:
        store = self.store.reopen_for_thread()
        try:
            articles = []
            for i in self.article_ids:
                a = store.get_article(i)
                articles.append({"id": a.id, "source": a.source, "file": a.file, "title": a.title})
            grid = load_speaker_grid(store, articles)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        finally:
            store.close()
        self.app.call_from_thread(self._loaded, articles, grid)

    def _failed(self, message: str) -> None:
        self.query_one("#grid-heading", Static).update(Text(f"cannot count: {message}", style="red"))

    def _loaded(self, articles: list[dict], grid: SpeakerGrid) -> None:
        heading = Text("Who each outlet quotes (quotes by speaker and outlet)", style="bold")
        letters: dict[str, str] = {}
        for n, article in enumerate(articles):
            heading.append(f"\n {side_letter(n)} ", style="bold reverse")
            heading.append(f" {article_label(article, 120)}")
            outlet = outlet_of(article)
            letters[outlet] = f"{letters[outlet]} {side_letter(n)}" if outlet in letters else side_letter(n)
        self.query_one("#grid-heading", Static).update(heading)
        self.query_one("#speaker-grid", SpeakerGridTable).show(grid, self.size.width, letters)

    def action_not_here(self) -> None:
        self.notify("that key works in the reader: escape goes back to it", severity="warning")

    def action_close(self) -> None:
        self.dismiss(None)
