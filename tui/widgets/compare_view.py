"""What the comparison screens show, without any widget: pairs, word-diff marks,
the summary bar, painted passages and the story table's cells.

Pure functions over ``annotators.align`` results and stored spans, so the rules
are tested without running the app. Text is data: everything returns
``rich.text.Text`` built with ``append``/``stylize``, never markup.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from rich.style import Style
from rich.text import Text

from annotators.align import ArticleView, Comparison, EntityGroup, QuoteGroup, fold_name, word_diff
from store import SpanRecord
from store.views import span_id_at

from .spanview import CURRENT, one_line, paint_line, visible

LINK_KINDS = ("same_quote", "same_claim", "contradicts")
PEOPLE_LABELS = ("PERSON", "ORG")

# Word differences inside a paired quote, and figures that disagree.
CHANGED = Style(bold=True, color="#1e1e1e", bgcolor="#ffb86c")
DELETED = Style(strike=True, color="#ff6e6e")
INSERTED = Style(bold=True, color="#69db7c")
CONFLICT = Style(bold=True, color="#1e1e1e", bgcolor="#ff6e6e")
SHARED = Style(bold=True)
DIM = Style(dim=True)
LINKED = Style(color="#8be9fd", bold=True)


def side_letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"#{index + 1}"


def article_label(article: dict[str, Any] | ArticleView, limit: int = 60) -> str:
    """'source: title' on one line, cut to ``limit``."""
    get = article.get if isinstance(article, dict) else lambda k: getattr(article, k, None)
    title = one_line(get("title") or get("file") or f"article {get('id')}")
    source = one_line(get("source") or "")
    return one_line(f"{source}: {title}" if source else title, limit)


# --- pairs ----------------------------------------------------------------------------


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


def diff_marks(text_a: str, text_b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges (relative to each text) of the words that differ
    between two quotes, from ``align.word_diff`` (whitespace-separated words)."""
    words_a = [m.span() for m in re.finditer(r"\S+", text_a)]
    words_b = [m.span() for m in re.finditer(r"\S+", text_b)]
    marks_a: list[tuple[int, int]] = []
    marks_b: list[tuple[int, int]] = []
    i = j = 0
    for op, part_a, part_b in word_diff(text_a, text_b):
        na, nb = len(part_a.split()), len(part_b.split())
        if op != "equal":
            if na:
                marks_a.append((words_a[i][0], words_a[i + na - 1][1]))
            if nb:
                marks_b.append((words_b[j][0], words_b[j + nb - 1][1]))
        i, j = i + na, j + nb
    return marks_a, marks_b


def diff_text(diff: Sequence[tuple[str, str, str]], limit: int | None = None) -> Text:
    """A quote with its differences inline: removed words struck, added words bold."""
    text = Text()
    for op, part_a, part_b in diff:
        if text.plain and not text.plain.endswith(" "):
            text.append(" ")
        if op == "equal":
            text.append(one_line(part_a))
            continue
        if part_a:
            text.append(one_line(part_a), DELETED)
        if part_a and part_b:
            text.append("→", DIM)
        if part_b:
            text.append(one_line(part_b), INSERTED)
    if limit is not None and len(text.plain) > limit:
        text.truncate(limit - 1)
        text.append("…")
    return text


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


# --- the summary bar ------------------------------------------------------------------


def _name_with_variants(group: EntityGroup) -> Text:
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
        line.append_text(_joined([_name_with_variants(g) for g in chosen], limit))
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


# --- passages -------------------------------------------------------------------------


@dataclass
class SideMarks:
    """Extra layers on one article's passages: word differences of paired
    quotes, figures in conflict, and the current pair."""

    changed: list[tuple[int, int]] = field(default_factory=list)
    conflicts: list[tuple[int, int]] = field(default_factory=list)


def side_marks(pairs: list[Pair]) -> tuple[SideMarks, SideMarks]:
    a, b = SideMarks(), SideMarks()
    for pair in pairs:
        if not pair.shared:
            continue
        if pair.kind == "quote":
            marks_a, marks_b = diff_marks(pair.a.text, pair.b.text)
            a.changed += [(pair.a.start + s, pair.a.start + e) for s, e in marks_a]
            b.changed += [(pair.b.start + s, pair.b.start + e) for s, e in marks_b]
        elif pair.conflict:
            a.conflicts.append((pair.a.start, pair.a.end))
            b.conflicts.append((pair.b.start, pair.b.end))
    return a, b


def paint_passage(text: str, start: int, end: int, spans: Sequence[SpanRecord], marks: SideMarks,
                  current: Member | None) -> Text:
    """One paragraph [start, end) of an article with its highlights (the
    reader's styles), the differing words and the current pair member."""
    passage = Text(visible(text[start:end]).replace("\t", " "))
    inside = [s for s in spans if s.start < end and s.end > start]
    paint_line(passage, start, inside, None)

    def mark(a: int, b: int, style: Style) -> None:
        a, b = max(a, start) - start, min(b, end) - start
        if a < b:
            passage.stylize(style, a, b)

    for a, b in marks.changed:
        mark(a, b, CHANGED)
    for a, b in marks.conflicts:
        mark(a, b, CONFLICT)
    if current is not None:
        mark(current.start, current.end, CURRENT)
    return passage


# --- the story table ------------------------------------------------------------------


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
        rows.append(TableRow(f"e{n}", kind, _name_with_variants(group), tuple(cells), group.articles))
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
