"""Selecting what goes out: statuses, annotator, articles."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Sequence

from .records import Article, SpanRecord


@dataclass(frozen=True)
class Selection:
    statuses: tuple[str, ...] = ("accepted", "corrected")
    annotator: str | None = None
    article_ids: tuple[int, ...] | None = None

    @classmethod
    def from_flags(cls, include_suggestions: bool = False, include_rejected: bool = False,
                   annotator: str | None = None, article_ids: Sequence[int] | None = None) -> "Selection":
        statuses = ["accepted", "corrected"]
        if include_suggestions:
            statuses.append("suggested")
        if include_rejected:
            statuses.append("rejected")
        return cls(tuple(statuses), annotator, tuple(article_ids) if article_ids else None)

    def keeps(self, span: SpanRecord) -> bool:
        if span.status not in self.statuses:
            return False
        # Suggestions have no annotator; the filter applies to reviewed spans.
        return self.annotator is None or span.status == "suggested" or span.annotator == self.annotator


def selected(store, selection: Selection) -> Iterator[tuple[Article, list[SpanRecord], list[dict]]]:
    """Each article in the selection with its kept spans and their links."""
    ids = selection.article_ids or store.article_ids()
    for article_id in ids:
        article = store.get_article(article_id)
        spans = [s for s in store.spans(article_id) if selection.keeps(s)]
        links = store.links([s.id for s in spans])
        kept = {s.id for s in spans}
        links = [l for l in links if l["a_span_id"] in kept and l["b_span_id"] in kept]
        yield article, spans, links
