"""The summary bar: people, quotes and figures in both articles or only one."""
from __future__ import annotations

from collections import Counter

from rich.text import Text

from annotators.align import Comparison, EntityGroup

from ..spanview import one_line
from .pairs import Pair
from .styles import CONFLICT, DIM, PEOPLE_LABELS, SHARED


def name_with_variants(group: EntityGroup) -> Text:
    text = Text(one_line(group.name))
    others = [v for v in group.variants if one_line(v) != one_line(group.name)]
    if others:
        text.append(" (" + ", ".join(one_line(v) for v in others) + ")", DIM)
    return text


def _joined(items: list[Text], limit: int) -> Text:
    out = Text()
    for n, item in enumerate(items[:limit]):
        if n:
            out.append(", ")
        out.append_text(item)
    if len(items) > limit:
        out.append(f" +{len(items) - limit} more", DIM)
    if not items:
        out.append("none", DIM)
    return out


def _speakers(pairs: list[Pair]) -> Text:
    counts = Counter(p.speaker or "unattributed" for p in pairs)
    return Text(", ".join(f"{one_line(s)} ×{n}" if n > 1 else one_line(s) for s, n in counts.most_common()))


def summary_rows(comparison: Comparison, a_id: int, b_id: int, pairs: list[Pair]) -> list[tuple[str, Text]]:
    """(heading, line) rows of the summary bar: people and organisations in
    both / only A / only B (spellings grouped); quotes in both / only one, with
    speakers; figures that differ."""
    people = [g for g in comparison.entities if g.label in PEOPLE_LABELS]
    rows: list[tuple[str, Text]] = []
    for n, (name, chosen, limit) in enumerate((
        ("both", [g for g in people if a_id in g.articles and b_id in g.articles], 12),
        ("only A", [g for g in people if g.articles == (a_id,)], 8),
        ("only B", [g for g in people if g.articles == (b_id,)], 8),
    )):
        line = Text(f"{name}: ", SHARED)
        line.append_text(_joined([name_with_variants(g) for g in chosen], limit))
        rows.append(("People & orgs" if n == 0 else "", line))

    line = Text()
    for name, chosen in (("both", [p for p in pairs if p.kind == "quote" and p.shared]),
                         ("only A", [p for p in pairs if p.kind == "quote" and p.a and not p.b]),
                         ("only B", [p for p in pairs if p.kind == "quote" and p.b and not p.a])):
        if line.plain:
            line.append("   ")
        line.append(f"{name}: {len(chosen)}", SHARED)
        if chosen:
            line.append(" (")
            line.append_text(_speakers(chosen))
            line.append(")")
    rows.append(("Quotes", line))

    conflicts = [p for p in pairs if p.kind == "figure" and p.conflict]
    line = Text()
    if conflicts:
        line.append("differ: ", SHARED)
        for n, p in enumerate(conflicts):
            if n:
                line.append("; ")
            line.append(one_line(p.a.text, 30), CONFLICT)
            line.append(" (A) vs ")
            line.append(one_line(p.b.text, 30), CONFLICT)
            line.append(" (B)")
    else:
        line.append("no differing figures found", DIM)
    agree = sum(1 for p in pairs if p.kind == "figure" and not p.conflict)
    if agree:
        line.append(f"   {agree} agree", DIM)
    rows.append(("Figures", line))
    return rows


def summary_text(comparison: Comparison, a_id: int, b_id: int, pairs: list[Pair]) -> Text:
    """The summary bar as one Text, a line per row (headings padded)."""
    text = Text()
    for n, (heading, line) in enumerate(summary_rows(comparison, a_id, b_id, pairs)):
        if n:
            text.append("\n")
        text.append(f"{heading:<15}", SHARED)
        text.append_text(line)
    return text


def summary_grid(rows: list[tuple[str, Text]]):
    """The summary rows as a two-column grid: wrapped lines stay under their column."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for heading, line in rows:
        grid.add_row(Text(heading, SHARED), line)
    return grid
