"""The many-article story table: a row per quote, person, organisation or figure, a cell per article."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from rich.style import Style
from rich.text import Text

from annotators.align import ArticleView, Comparison, EntityGroup, QuoteGroup, fold_name, word_diff

from ..spanview import one_line
from .diffs import diff_text
from .pairs import snippet
from .styles import CONFLICT, DELETED, DIM, INSERTED, PEOPLE_LABELS
from .summary import name_with_variants


@dataclass(frozen=True)
class TableRow:
    key: str
    kind: str                       # quote | person | org | figure
    what: Text
    cells: tuple[Text, ...]         # one per article, in comparison order
    articles: tuple[int, ...]       # the articles that have it


_POSSESSIVE = re.compile(r"['’]s$|['’]$")


def _spellings(view: ArticleView, groups: Sequence[EntityGroup]) -> dict[int, Counter]:
    """Per group index, the spellings this article uses (for the table cells)."""
    by_fold: dict[str, int] = {}
    for n, g in enumerate(groups):
        for v in g.variants:
            by_fold.setdefault(fold_name(v), n)
    out: dict[int, Counter] = {}
    for span in view.spans_of("entity"):
        surface = _POSSESSIVE.sub("", one_line(span.text_in(view.text)))
        n = by_fold.get(fold_name(surface))
        if n is not None:
            out.setdefault(n, Counter())[surface] += 1
    return out


def _quote_cell(group: QuoteGroup, article: int) -> Text:
    members = [m for m in group.members if m.article == article]
    if not members:
        return Text("—", DIM)
    reference = group.members[0]
    if len(group.articles) == 1:
        return Text("✓ only here" if len(members) == 1 else f"✓ only here ×{len(members)}")
    if reference.article == article:
        return Text("✓ as quoted")
    diff = word_diff(reference.text, members[0].text)
    changes = [(a, b) for op, a, b in diff if op != "equal"]
    if not changes:
        return Text("✓ same words")
    cell = Text("≈ ")
    for n, (old, new) in enumerate(changes[:3]):
        if n:
            cell.append(", ")
        if old:
            cell.append(one_line(old, 20), DELETED)
        if old and new:
            cell.append("→", DIM)
        if new:
            cell.append(one_line(new, 20), INSERTED)
    return cell


def story_rows(comparison: Comparison, full: bool = False) -> list[TableRow]:
    """Rows of the many-article table: quotes, then people and organisations,
    then figures; one cell per article saying whether and how it has it.
    ``full``: whole quotes, shared ones with their word differences inline
    (for a table that wraps, as the command line's)."""
    ids = [a["id"] for a in comparison.articles]
    rows: list[TableRow] = []
    for n, group in enumerate(comparison.quotes):
        what = Text()
        if group.speaker:
            what.append(one_line(group.speaker, 22), Style(color="#ffb86c"))
            what.append(": ")
        if full and len(group.articles) > 1 and any(op != "equal" for op, _, _ in group.diff):
            what.append("“")
            what.append_text(diff_text(group.diff))
            what.append("”")
        else:
            what.append(f"“{one_line(group.members[0].text, None if full else 70)}”")
        rows.append(TableRow(f"q{n}", "quote", what, tuple(_quote_cell(group, i) for i in ids), group.articles))
    views = {v.id: v for v in comparison.views}
    people = [g for g in comparison.entities if g.label in PEOPLE_LABELS]
    spellings = {i: _spellings(views[i], people) for i in ids if i in views}
    for n, group in enumerate(people):
        cells = []
        for i in ids:
            count = group.mentions.get(i, 0)
            if not count:
                cells.append(Text("—", DIM))
                continue
            used = spellings.get(i, {}).get(n)
            spelling = used.most_common(1)[0][0] if used else group.name
            cell = Text(one_line(spelling, 24), None if fold_name(spelling) == fold_name(group.name) else Style(italic=True))
            cell.append(f" ×{count}", DIM)
            cells.append(cell)
        kind = "person" if group.label == "PERSON" else "org"
        rows.append(TableRow(f"e{n}", kind, name_with_variants(group), tuple(cells), group.articles))
    for n, group in enumerate(comparison.figures):
        cells = []
        for i in ids:
            members = [m for m in group.members if m.article == i]
            if not members:
                cells.append(Text("—", DIM))
            else:
                cells.append(Text(", ".join(one_line(m.text, 20) for m in members),
                                  CONFLICT if group.conflict else None))
        first = group.members[0]
        what = Text(f"{group.kind}: ")
        if first.article in views:
            what.append(snippet(views[first.article].text, first.start, first.end, 30), DIM)
        what.append("  differ" if group.conflict else "  agree", CONFLICT if group.conflict else DIM)
        rows.append(TableRow(f"f{n}", "figure", what, tuple(cells),
                             tuple(sorted({m.article for m in group.members}))))
    return rows
