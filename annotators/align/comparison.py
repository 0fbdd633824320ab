"""All comparisons of a set of articles, bundled, with ``to_dict()`` for JSON."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .entities import EntityGroup, group_entities
from .figures import FigureGroup, compare_figures
from .passages import align_passages
from .quotes import QuoteGroup, align_quotes
from .text import ArticleView


@dataclass(frozen=True)
class Comparison:
    articles: list[dict[str, Any]]
    entities: list[EntityGroup]
    quotes: list[QuoteGroup]
    figures: list[FigureGroup]
    links: list[Any] = field(default_factory=list)
    views: tuple[ArticleView, ...] = field(default=(), repr=False, compare=False)

    def passages(self, a_id: int, b_id: int) -> list[tuple[int | None, int | None, float]]:
        """Paragraph alignment of two of the compared articles (computed on demand)."""
        by_id = {v.id: v for v in self.views}
        return align_passages(by_id[a_id], by_id[b_id])

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [dict(a) for a in self.articles],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
            "links": list(self.links),
        }


def compare(articles: Iterable[ArticleView]) -> Comparison:
    views = tuple(articles)
    entities = group_entities(views)
    return Comparison(
        articles=[{"id": v.id, "title": v.title, "source": v.source} for v in views],
        entities=entities,
        quotes=align_quotes(views, entities),
        figures=compare_figures(views),
        views=views,
    )
