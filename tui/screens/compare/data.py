"""What the two-article screen shows (CompareData, loaded off the UI thread) and
one aligned passage row (PassageRow); the keys the comparison screens refuse."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from annotators.align import Comparison, split_paragraphs
from store import SpanRecord, Store
from store.views import compare_articles

from ...widgets.compare_view import Pair, build_pairs

# Single keys the reader binds at app level (tui/widgets/keymap.py) that act on
# the article open behind this screen; here they only say so.
READER_ONLY_KEYS = ("a", "x", "l", "b", "d", "e", "q", "c", "s", "v", "N", "P", "G", "o", "enter", "slash")


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
