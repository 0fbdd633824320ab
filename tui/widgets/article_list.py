"""The article list: a Line-API ScrollView that fetches rows page by page.

Only the pages that come into view are ever read (``list_articles(offset,
limit)``), so 100,000 articles cost what one screenful costs. The widget holds
no SQL: it is given two callables, ``count(query)`` and ``page(offset, limit,
query)``.
"""
from __future__ import annotations

from typing import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import ArticleSummary
from store.story_list import StoryHeading

from .spanview import one_line
from .story_heading import heading_lines

PAGE_SIZE = 100
ROW_HEIGHT = 2  # title line, then source and counts

CountFn = Callable[[str | None], int]
PageFn = Callable[[int, int, str | None], list[ArticleSummary | StoryHeading]]


class ArticleList(ScrollView, can_focus=True):
    """Titles, sources, span counts and review progress, loaded lazily."""

    BINDINGS = [
        Binding("up", "cursor(-1)", "up", show=False),
        Binding("down", "cursor(1)", "down", show=False),
        Binding("pageup", "page(-1)", "page up", show=False),
        Binding("pagedown", "page(1)", "page down", show=False),
        Binding("home", "jump(0)", "first", show=False),
        Binding("end", "jump(-1)", "last", show=False),
        Binding("enter", "choose", "open", show=False),
    ]

    COMPONENT_CLASSES = {"article-list--cursor", "article-list--open", "article-list--dim"}

    cursor = reactive(0, always_update=True)

    class Chosen(Message):
        def __init__(self, article_list: "ArticleList", article_id: int) -> None:
            super().__init__()
            self.article_list = article_list
            self.article_id = article_id

        @property
        def control(self) -> "ArticleList":
            return self.article_list

    def __init__(self, count: CountFn, page: PageFn, **kwargs) -> None:
        super().__init__(**kwargs)
        self._count_fn = count
        self._page_fn = page
        self.query: str | None = None
        self.total = 0
        self.pages: dict[int, list[ArticleSummary]] = {}
        self.open_id: int | None = None  # the article in the reader
        self.empty_message = " no articles yet"  # the app says "importing …" while it does

    # --- data -----------------------------------------------------------------------

    @property
    def rows_loaded(self) -> int:
        """How many rows have been fetched (the lazy-loading test reads it)."""
        return sum(len(rows) for rows in self.pages.values())

    def reload(self, query: str | None = None, keep_query: bool = False) -> None:
        """Count again and drop every fetched page (after a filter or an action)."""
        if not keep_query:
            self.query = query or None
        self.total = self._count_fn(self.query)
        self.pages.clear()
        self.virtual_size = Size(0, self.total * ROW_HEIGHT)
        self.cursor = min(self.cursor, max(self.total - 1, 0))
        self.refresh()

    def row(self, index: int) -> ArticleSummary | None:
        if not 0 <= index < self.total:
            return None
        page = index // PAGE_SIZE
        if page not in self.pages:
            self.pages[page] = self._page_fn(page * PAGE_SIZE, PAGE_SIZE, self.query)
        rows = self.pages[page]
        offset = index - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    @property
    def highlighted(self) -> ArticleSummary | None:
        return self.row(self.cursor)

    # --- moving ---------------------------------------------------------------------

    def move_to(self, index: int, scroll: bool = True) -> None:
        if self.total == 0:
            return
        self.cursor = max(0, min(index, self.total - 1))
        if scroll:
            self.scroll_to_region(self._row_region(self.cursor), animate=False)

    def _row_region(self, index: int):
        from textual.geometry import Region

        return Region(0, index * ROW_HEIGHT, self.size.width, ROW_HEIGHT)

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        rows = max(self.scrollable_content_region.height // ROW_HEIGHT - 1, 1)
        self.move_to(self.cursor + direction * rows)

    def action_jump(self, index: int) -> None:
        self.move_to(index if index >= 0 else self.total - 1)

    def action_choose(self) -> None:
        row = self.highlighted
        if isinstance(row, StoryHeading):  # grouped by story: its first article
            self.post_message(self.Chosen(self, row.first_article))
        elif row is not None:
            self.post_message(self.Chosen(self, row.id))

    def on_click(self, event) -> None:
        index = (event.y + int(self.scroll_offset.y)) // ROW_HEIGHT
        if 0 <= index < self.total:
            self.move_to(index, scroll=False)
            self.action_choose()

    def watch_cursor(self) -> None:
        self.refresh()

    # --- drawing --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_y = int(self.scroll_offset.y)
        index, part = divmod(scroll_y + y, ROW_HEIGHT)
        width = self.scrollable_content_region.width
        base = self.rich_style
        summary = self.row(index)
        if summary is None:
            if index == 0 and part == 0 and self.total == 0:
                return self._strip(Text(" no articles match" if self.query else self.empty_message), width, base)
            return Strip.blank(width, base)
        if isinstance(summary, StoryHeading):
            text = heading_lines(summary, width)[part]
        else:
            text = self._title_line(summary, width) if part == 0 else self._detail_line(summary, width)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("article-list--cursor")
        elif getattr(summary, "id", None) == self.open_id:
            style = base + self.get_component_rich_style("article-list--open")
        return self._strip(text, width, style)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = [Segment(s.text, style + s.style if s.style else style) for s in text.render(self.app.console)]
        return Strip(segments, width).crop(0, width)

    def _title_line(self, summary: ArticleSummary, width: int) -> Text:
        mark = "✓ " if summary.done else "  "
        text = Text(mark, style="bold green" if summary.done else "")
        text.append(one_line(summary.display_title), style="bold" if summary.id == self.open_id else "")
        return text

    def _detail_line(self, summary: ArticleSummary, width: int) -> Text:
        counts = f"E{summary.entities} Q{summary.quotes} C{summary.claims} "
        left = f"{summary.suggested} left" if summary.suggested else "reviewed"
        tail = Text(counts, style="")
        tail.append(left, style="yellow" if summary.suggested else "green")
        source = one_line(summary.source or summary.file or "", max(width - tail.cell_len - 4, 0))
        text = Text("  ")
        text.append(source, style=self.get_component_rich_style("article-list--dim"))
        gap = max(width - 2 - len(source) - tail.cell_len, 1)
        text.append(" " * gap)
        text.append_text(tail)
        return text
