"""Stored articles as the comparison core sees them (``annotators.align.ArticleView``).

    view = article_view(store, 3)             # text + spans that are not rejected
    result = compare_articles(store, [2, 3])  # align.compare() with the stored links

Each span's ``attrs`` carries its database ``id`` (and ``status``), so a quote
or figure found by the comparison can be traced back to the span to link.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from annotators.align import ArticleView, Comparison, compare
from annotators.types import Span

from .records import SpanRecord

if TYPE_CHECKING:
    from . import Store

__all__ = ["article_view", "span_of_record", "span_id_at", "links_between", "compare_articles", "story_of", "story_candidates"]


def span_of_record(record: SpanRecord) -> Span:
    attrs: dict[str, Any] = {"id": record.id, "status": record.status}
    if record.kind == "quote":
        attrs.update(speaker=record.speaker, speaker_start=record.speaker_start,
                     speaker_end=record.speaker_end, cue=record.cue)
    elif record.kind == "claim":
        attrs.update(tags=list(record.tags), verdict=record.verdict, note=record.note,
                     normalized=record.normalized)
    return Span(record.start, record.end, record.label, record.kind, attrs)


def article_view(store: "Store", article_id: int) -> ArticleView:
    """The article's text and its spans that are not rejected."""
    article = store.get_article(article_id)
    records = [r for r in store.spans(article_id) if r.status != "rejected"]
    return ArticleView(article.id, article.title, article.source, article.text,
                       tuple(span_of_record(r) for r in records))


def span_id_at(view: ArticleView, kind: str, start: int, end: int) -> int | None:
    """The id of the smallest ``kind`` span of ``view`` holding [start, end):
    quote members are the quote span without its marks, figures are entity spans."""
    holders = [s for s in view.spans if s.kind == kind and s.start <= start and end <= s.end
               and s.attrs.get("id") is not None]
    if not holders:
        return None
    return min(holders, key=lambda s: s.end - s.start).attrs["id"]


def links_between(store: "Store", views: Sequence[ArticleView]) -> list[dict[str, Any]]:
    """Stored links whose two spans both belong to the compared articles, each
    with the linked text: {"id", "kind", "a_span_id", "b_span_id", "a": {...},
    "b": {...}, "annotator", "created_at"}."""
    spans: dict[int, tuple[ArticleView, Span]] = {}
    for view in views:
        for span in view.spans:
            if (span_id := span.attrs.get("id")) is not None:
                spans[span_id] = (view, span)
    out = []
    for link in store.links(sorted(spans)):
        a, b = spans.get(link["a_span_id"]), spans.get(link["b_span_id"])
        if a is None or b is None:
            continue
        out.append({
            "id": link["id"], "kind": link["kind"],
            "a_span_id": link["a_span_id"], "b_span_id": link["b_span_id"],
            "a": _span_ref(*a), "b": _span_ref(*b),
            "annotator": link.get("annotator"), "created_at": link.get("created_at"),
        })
    return out


def _span_ref(view: ArticleView, span: Span) -> dict[str, Any]:
    return {"article": view.id, "kind": span.kind, "label": span.label, "start": span.start,
            "end": span.end, "text": view.text[span.start:span.end]}


def compare_articles(store: "Store", article_ids: Iterable[int]) -> Comparison:
    """``align.compare`` over stored articles, with the links between them;
    each entry of ``articles`` also has the article's ``file``."""
    ids = list(article_ids)
    views = [article_view(store, i) for i in ids]
    result = compare(views)
    files = {i: store.get_article(i).file for i in ids}
    articles = [{**a, "file": files.get(a["id"])} for a in result.articles]
    return dataclasses.replace(result, articles=articles, links=links_between(store, views))


STORY_EXACT_LIMIT = 200   # up to this many articles, a story is found among all of them
STORY_NAMES = 4            # beyond, among those sharing one of the article's most mentioned names


def story_candidates(store: "Store", article_id: int, limit: int = STORY_EXACT_LIMIT) -> list[int]:
    """Articles that may report the same story: all of them in a small
    database; else those the full-text index finds for the article's most
    mentioned names (at most ``limit``), so finding a story stays cheap."""
    if store.count_articles() <= limit:
        return store.article_ids()
    from annotators.align import group_entities

    names = [g.name for g in group_entities([article_view(store, article_id)])
             if g.label in ("PERSON", "ORG", "GPE", "EVENT")][:STORY_NAMES]
    ids = {article_id}
    per_name = max(limit // max(len(names), 1), 1)
    for name in names:
        ids.update(a.id for a in store.list_articles(limit=per_name, query=name))
    return sorted(ids)


def story_of(store: "Store", article_id: int, threshold: float | None = None,
             limit: int = STORY_EXACT_LIMIT) -> list[int]:
    """The ids of the story ``article_id`` belongs to: the stored one (store.stories),
    else ``align.cluster_stories`` over ``story_candidates`` (``threshold`` given, or the
    article not grouped yet); the article itself is always included."""
    from annotators.align import cluster_stories
    from .stories import story_members

    if threshold is None:
        members = story_members(store.db, article_id)
        if members:
            return members

    ids = story_candidates(store, article_id, limit)
    if article_id not in ids:
        ids.append(article_id)
    arts = [store.get_article(i) for i in ids]
    for cluster in cluster_stories([(a.id, a.text) for a in arts], threshold, [a.published for a in arts]):
        if article_id in cluster:
            return cluster
    return [article_id]
