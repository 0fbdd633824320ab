"""The pair list: quotes and figures of article A beside article B, one row each."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from rich.style import Style
from rich.text import Text

from annotators.align import ArticleView, Comparison, word_diff
from store.views import span_id_at

from ..spanview import one_line
from .diffs import diff_text
from .styles import CONFLICT, DIM, LINKED, SHARED


@dataclass(frozen=True)
class Member:
    article: int
    start: int
    end: int
    text: str
    span_id: int | None  # the stored span a link is made on (None: nothing to link)
    speaker: str | None = None


@dataclass(frozen=True)
class Pair:
    """One row of the pair list: a quote or figure in A and/or B."""

    key: str
    kind: str                      # quote | figure
    a: Member | None
    b: Member | None
    speaker: str | None = None
    conflict: bool = False         # figures whose values differ
    diff: tuple[tuple[str, str, str], ...] = ()
    context: str = ""              # figures: the words around the figure in A

    @property
    def shared(self) -> bool:
        return self.a is not None and self.b is not None

    @property
    def default_link(self) -> str:
        if self.kind == "quote":
            return "same_quote"
        return "contradicts" if self.conflict else "same_claim"


def _first_in(members: Iterable[Any], article: int) -> Any | None:
    return next((m for m in members if m.article == article), None)


def _quote_member(view: ArticleView, m) -> Member:
    return Member(m.article, m.start, m.end, m.text, span_id_at(view, "quote", m.start, m.end), m.speaker)


def _figure_member(view: ArticleView, m) -> Member:
    # A figure is linked through the claim holding it when there is one (the
    # claim is what contradicts), else through its own entity span.
    span_id = span_id_at(view, "claim", m.start, m.end) or span_id_at(view, "entity", m.start, m.end)
    return Member(m.article, m.start, m.end, m.text, span_id)


def build_pairs(comparison: Comparison, a_id: int, b_id: int) -> list[Pair]:
    """Shared quotes, then figures about the same thing (conflicts first), then
    the quotes only one side has, in text order."""
    views = {v.id: v for v in comparison.views}
    va, vb = views[a_id], views[b_id]
    shared, figures, single_a, single_b = [], [], [], []
    for n, group in enumerate(comparison.quotes):
        qa, qb = _first_in(group.members, a_id), _first_in(group.members, b_id)
        ma = _quote_member(va, qa) if qa else None
        mb = _quote_member(vb, qb) if qb else None
        if ma and mb:
            diff = tuple(word_diff(ma.text, mb.text))
            shared.append(Pair(f"q{n}", "quote", ma, mb, group.speaker, False, diff))
        elif ma:
            single_a.append(Pair(f"q{n}", "quote", ma, None, group.speaker))
        elif mb:
            single_b.append(Pair(f"q{n}", "quote", None, mb, group.speaker))
    for n, group in enumerate(comparison.figures):
        fa, fb = _first_in(group.members, a_id), _first_in(group.members, b_id)
        if fa and fb:
            figures.append(Pair(f"f{n}", "figure", _figure_member(va, fa), _figure_member(vb, fb),
                                None, group.conflict, context=snippet(va.text, fa.start, fa.end)))
    single_a.sort(key=lambda p: p.a.start)
    single_b.sort(key=lambda p: p.b.start)
    return shared + figures + single_a + single_b


def pair_prompt(pair: Pair, link_kinds: Sequence[str] = (), width: int | None = None) -> Text:
    """One line of the pair list (cut to ``width`` cells, links kept visible)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if pair.kind == "quote":
        where = "A+B" if pair.shared else ("A  " if pair.a else "  B")
        text.append(f"{where}  quote   ", SHARED if pair.shared else DIM)
        if pair.speaker:
            text.append(one_line(pair.speaker, 24), Style(color="#ffb86c"))
            text.append(": ")
        if pair.shared and any(op != "equal" for op, _, _ in pair.diff):
            text.append("“")
            text.append_text(diff_text(pair.diff, 110))
            text.append("”")
        else:
            member = pair.a or pair.b
            text.append(f"“{one_line(member.text, 110)}”", None if pair.shared else DIM)
            if pair.shared:
                text.append("  (same words)", DIM)
    else:
        text.append("A+B  figure  ", SHARED)
        style = CONFLICT if pair.conflict else None
        text.append(one_line(pair.a.text, 40), style)
        text.append("  vs  " if pair.conflict else "  =  ", DIM)
        text.append(one_line(pair.b.text, 40), style)
        text.append("   " + pair.context, DIM)
    tail = Text()
    for kind in link_kinds:
        tail.append(f"  ⇄ {kind}", LINKED)
    if width is not None and text.cell_len + tail.cell_len > width:
        text.truncate(max(width - tail.cell_len, 10), overflow="ellipsis")
    return text + tail


def snippet(text: str, start: int, end: int, width: int = 36) -> str:
    """The words around [start, end) on one line, for a figure's context."""
    left = text[max(0, start - width):start]
    right = text[end:end + width]
    left = left.split(" ", 1)[-1] if start > width and " " in left else left
    right = right.rsplit(" ", 1)[0] if " " in right else right
    return one_line(f"…{left}{text[start:end]}{right}…")
