"""The comparison's styles and the names it gives articles and sides."""
from __future__ import annotations

from typing import Any

from rich.style import Style

from annotators.align import ArticleView

from ..spanview import one_line

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
