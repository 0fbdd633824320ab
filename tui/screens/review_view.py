"""What the review screen shows of one difference: each annotator's version
of the paragraph(s) around it, their spans painted (INCEpTION's curation:
the annotators above the merged document).  Text is data: rich Text only."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.style import Style
from rich.text import Text

from store import Difference, SpanRecord, Store

from ..widgets.certainty import score_of
from ..widgets.spanview import paint_line, visible

PARAGRAPH_LIMIT = 600  # characters shown each side of the span in a very long paragraph
MISSING = Style(underline=True, dim=True)  # where the span is, for one who does not have it


def paragraph_bounds(text: str, start: int, end: int, limit: int = PARAGRAPH_LIMIT) -> tuple[int, int]:
    """The paragraph(s) holding ``text[start:end]``: from the line break
    before it to the one after it (at most ``limit`` characters each side)."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    return max(lo, start - limit), min(hi, end + limit)


def context_text(text: str, start: int, end: int, spans: Sequence[SpanRecord] = (),
                 own: SpanRecord | None = None) -> Text:
    """The paragraph(s) around the span, one person's ``spans`` painted in
    them; their version of the span (``own``) reversed, or, when they do not
    have it, its place underlined.  Blank lines between paragraphs are dropped."""
    lo, hi = paragraph_bounds(text, start, end)
    shown = Text(visible(text[lo:hi]))
    paint_line(shown, lo, [s for s in spans if s.start < hi and s.end > lo], own)
    if own is None:
        shown.stylize(MISSING, start - lo, end - lo)
    lines = [line for line in shown.split("\n") if line.plain.strip()]
    out = Text("…" if lo > 0 and text[lo - 1] != "\n" else "")
    out.append_text(Text("\n").join(lines))
    if hi < len(text) and text[hi] != "\n":
        out.append("…")
    return out


def version_line(key: int, person: str, judgment) -> Text:
    line = Text(f" {key} ", style="bold cyan")
    line.append(person, style="bold")
    line.append("  ")
    if judgment is None:
        line.append("does not have this span (finished the article without it)", style="dim")
    else:
        line.append(judgment.describe())
    return line


def versions_text(text: str, difference: Difference, people: Sequence[str],
                  spans_of: dict[str, Sequence[SpanRecord]], decided: str | None) -> Text:
    """Each annotator's version line and their paragraph, then this difference's gold."""
    blocks = []
    for key, person in enumerate(people, 1):
        spans = spans_of.get(person, ())
        own = next((s for s in spans if s.id == difference.span_id), None)
        block = version_line(key, person, difference.versions.get(person))
        block.append("\n")
        block.append_text(context_text(text, difference.start, difference.end, spans, own))
        blocks.append(block)
    out = Text("\n\n").join(blocks)
    out.append("\n\ngold: ", style="bold green")
    out.append(decided or "open (1-9 take a version, x rejects, l relabels, b resizes in the gold below)",
               style="" if decided else "dim")
    return out


@dataclass
class Item:
    """One difference to decide, and what the reviewer decided (None: open)."""

    article_id: int
    difference: Difference
    decided: str | None = None
    speaker_score: float | None = None  # a quote's: the model's confidence in its speaker

    @property
    def people(self) -> list[str]:
        return sorted(self.difference.versions)


def reviewable_articles(store: Store) -> list[int]:
    """Articles two or more annotators worked on and all of them marked done (annotators.reach)."""
    return [a for a in store.articles_worked() if len(store.annotators(a)) >= 2 and not store.waiting_for(a)]


LOW_SPEAKER_SCORE = 0.5  # quotes whose speaker the model is less sure of than this are reviewed first


def review_items(store: Store) -> list[Item]:
    """Open differences of every reviewable article: the quotes whose
    speaker_score is below LOW_SPEAKER_SCORE first (the least sure first), then
    the others in article then text order."""
    items = []
    for article_id in reviewable_articles(store):
        differences = store.differences(article_id)
        scores = {}
        if any(d.kind == "quote" for d in differences):
            scores = {s.id: score_of(s) for s in store.spans(article_id, kinds=["quote"])}
        items += [Item(article_id, d, speaker_score=scores.get(d.span_id)) for d in differences]
    return sorted(items, key=review_rank)  # stable: the others keep their order


def review_rank(item: Item) -> tuple[int, float]:
    score = item.speaker_score
    return (0, score) if score is not None and score < LOW_SPEAKER_SCORE else (1, 0.0)


AGREED = "agreed by every annotator (1-9 or an edit still changes the gold)"


def agreed_items(store: Store, article_ids: Sequence[int]) -> list[Item]:
    """The spans every annotator of a reviewable article kept the same way, as
    items already decided (``A`` in review steps through them too)."""
    out = []
    for article_id in article_ids:
        people = set(store.annotators(article_id))
        records, _ = store.gold_spans(article_id)
        for record in records:
            if record.status not in ("accepted", "corrected") or set((record.annotator or "").split(",")) != people:
                continue
            versions = {j.annotator: j for j in store.judgments(record.id) if j.layer == "annotation"}
            difference = Difference(record.id, article_id, record.kind, record.start, record.end, record.label,
                                    {p: versions.get(p) for p in sorted(people)})
            out.append(Item(article_id, difference, decided=AGREED))
    return out


def waiting_articles(store: Store) -> list[tuple[int, list[str]]]:
    """Articles two or more annotators worked on that some have not marked
    done yet: (article id, who has not finished).  Not reviewable yet."""
    out = []
    for article_id in store.articles_worked():
        if len(store.annotators(article_id)) >= 2 and (missing := store.waiting_for(article_id)):
            out.append((article_id, missing))
    return out


def waiting_text(waiting: list[tuple[int, list[str]]], limit: int = 6) -> str:
    """"waiting: article 3 (ben has not finished), ..." or ""."""
    if not waiting:
        return ""
    shown = [f"article {a} ({', '.join(who)} {'has' if len(who) == 1 else 'have'} not finished)"
             for a, who in waiting[:limit]]
    more = f", and {len(waiting) - limit} more" if len(waiting) > limit else ""
    return "waiting: " + ", ".join(shown) + more
