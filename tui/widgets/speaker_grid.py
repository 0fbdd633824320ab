"""Who each outlet quotes: the speaker x outlet grid of the comparison screens.

``load_speaker_grid`` reads the compared articles' quote spans through the
Store API (in the screens' worker); ``annotators.speaker_grid`` counts them;
``SpeakerGridTable`` shows the counts in a DataTable whose every cell is a
rich Text (names are data, never markup).
"""
from __future__ import annotations

from typing import Any, Sequence

from rich.text import Text
from textual.widgets import DataTable

from annotators.speaker_grid import UNATTRIBUTED, SpeakerGrid, speaker_grid
from store import Store

from .spanview import one_line


def outlet_of(article: dict[str, Any]) -> str:
    """The column an article counts in: its source, else its file, else its id."""
    return one_line(article.get("source") or article.get("file") or f"article {article['id']}")


def load_speaker_grid(store: Store, articles: Sequence[dict[str, Any]]) -> SpeakerGrid:
    """The grid of ``articles`` (dicts with id, source, file): their quotes as
    this annotator has them, rejected ones left out."""
    quotes = []
    for article in articles:
        outlet = outlet_of(article)
        quotes += [(outlet, span.speaker) for span in store.spans(article["id"], kinds=["quote"])
                   if span.status != "rejected"]
    return speaker_grid(quotes, [outlet_of(a) for a in articles])


class SpeakerGridTable(DataTable):
    """Rows: speakers (most quoted first); columns: outlets; cells: quote counts."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)
        self.grid: SpeakerGrid | None = None

    def show(self, grid: SpeakerGrid, width: int, letters: dict[str, str] | None = None) -> None:
        """``letters``: outlet -> the letters of its articles in the story table ("A", "B D")."""
        self.grid = grid
        self.clear(columns=True)
        count = max(len(grid.outlets), 1)
        name_width = 32
        column_width = max(8, min(20, (width - name_width - 14) // count - 2))
        self.add_column(Text("speaker"), key="speaker", width=name_width)
        for outlet in grid.outlets:
            label = Text()
            if letters and letters.get(outlet):
                label.append(letters[outlet] + " ", style="bold")
            label.append(one_line(outlet, max(column_width - label.cell_len, 4)))
            self.add_column(label, key=f"o:{outlet}", width=column_width)
        self.add_column(Text("outlets"), key="outlets", width=7)
        for speaker in grid.speakers:
            self.add_row(*self.cells(grid, speaker), key=f"s:{speaker}")

    @staticmethod
    def cells(grid: SpeakerGrid, speaker: str) -> list[Text]:
        name = Text(speaker, style="dim italic" if speaker == UNATTRIBUTED else "bold")
        if grid.spellings.get(speaker):
            name.append(" (" + ", ".join(grid.spellings[speaker]) + ")", style="dim")
        counts = [grid.count(speaker, outlet) for outlet in grid.outlets]
        cells = [name]
        cells += [Text(str(n), style="bold") if n else Text("·", style="dim") for n in counts]
        cells.append(Text(f"{sum(n > 0 for n in counts)}/{len(counts)}"))
        return cells
