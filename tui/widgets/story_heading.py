"""A story's heading in the article list grouped by story (two lines): how
many articles, the date range, then the outlets."""
from __future__ import annotations

from rich.text import Text

from store.story_list import StoryHeading

from .spanview import one_line

HEADING_STYLE = "bold #8be9fd"


def date_range(first: str | None, last: str | None) -> str:
    """'2024-11-13', '2024-11-12 – 2024-11-13', or 'no date' (dates cut to the day)."""
    first, last = (first or "")[:10], (last or "")[:10]
    if not first and not last:
        return "no date"
    return first if first == last or not last else f"{first} – {last}" if first else last


def heading_lines(heading: StoryHeading, width: int) -> tuple[Text, Text]:
    articles = f"{heading.articles} article" + ("" if heading.articles == 1 else "s")
    title = Text("▾ ", style=HEADING_STYLE)
    name = f"story {heading.story}" if heading.story is not None else "not grouped yet"
    title.append(name, style=HEADING_STYLE)
    title.append(f" · {articles} · {date_range(heading.first_published, heading.last_published)}", style="bold")
    outlets = ", ".join(one_line(s) for s in heading.sources) if heading.sources else "no outlet named"
    if heading.sources and heading.unnamed:
        outlets += f" +{heading.unnamed} unnamed"
    count = len(heading.sources)
    detail = Text("  ")
    detail.append(f"{count} outlet{'' if count == 1 else 's'}: " if count else "", style="dim")
    detail.append(one_line(outlets, max(width - 16, 8)), style="italic")
    return title, detail
