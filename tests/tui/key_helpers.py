"""What the key tests share: finding spans, moving the caret, reading the screen."""
from __future__ import annotations

import io

from rich.console import Console

from store import Store


def first_article(store: Store) -> int:
    return store.list_articles(limit=1)[0].id


def first_of(store: Store, article_id: int, kind: str, nested_in: str | None = None):
    """The first span of ``kind`` (optionally one inside a span of ``nested_in``)."""
    spans = store.spans(article_id)
    for span in spans:
        if span.kind != kind:
            continue
        if nested_in is None:
            return span
        if any(o.kind == nested_in and o.start <= span.start and span.end <= o.end for o in spans):
            return span
    raise AssertionError(f"no {kind} in article {article_id}")


async def go_to(app, pilot, span_id: int) -> None:
    app.reader.go_to_span(app.reader.index.by_id[span_id])
    await pilot.pause()


async def select(app, pilot, start: int, end: int) -> None:
    """Put the caret at ``start`` and select to ``end`` with shift+right, as a user would."""
    app.reader.move_cursor(app.reader.location_of(start))
    await pilot.pause()
    await pilot.press(*["shift+right"] * (end - start))


def rendered_text(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def status_text(app) -> str:
    return str(app.query_one("#status").render())
