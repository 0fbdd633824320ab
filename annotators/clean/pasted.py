"""clean_pasted: pasted page text -> article body and its fields.
"""
from __future__ import annotations

from annotators.types import CleanedText

from .normalise import normalise_text
from .blocks import mark_blocks
from .lines import _Line, _split_lines
from .body import _body_lines, _body_span, _header_inside_body
from .edges import _extend_up_with_unstopped_sentences
from .repeats import repeat_only, repeats_inside
from .dates import _find_date
from .title import _find_title
from .byline import _find_byline
from .source import _find_source


def clean_pasted(raw: str, filename: str | None = None, *, title: str | None = None) -> CleanedText:
    """Article body and metadata from text pasted from a news page.

    ``filename`` is accepted for callers' symmetry but never used to infer
    metadata (hashed names carry none). ``title`` lets clean_markdown pass a
    heading it already identified.
    """
    text = normalise_text(raw)
    lines = mark_blocks(_split_lines(text))
    soft = repeat_only(lines)
    span = _body_span(lines, soft)
    if span is None:
        return CleanedText(text="", title=title, dropped=tuple(l.text for l in lines))
    first, last = span
    before, after = lines[:first], lines[last + 1 :]

    title_line = None if title else _find_title(before, lines)
    title = title or (title_line.text if title_line else None)
    first = _extend_up_with_unstopped_sentences(lines, first, title)
    before = lines[:first]
    header = _header_lines(before, title)
    # A byline sits between the title and the body (nearest the body first),
    # or alone on the line right after the body.
    byline = (_find_byline(list(reversed(header))[:_BYLINE_REACH]) or _find_byline(after[:1])
              or _find_byline(_above_title(before, title)))
    # Dates in photo captions are the photo's.
    meta_texts = ([byline.line.text] if byline else []) + [
        l.text for l in header + before + after[:3] if l.kind not in ("prose", "caption")]

    header_inside = _header_inside_body(lines[first : last + 1], title)
    own = repeats_inside(lines, first, last, soft)
    if lines[last].kind == "snippet":
        own.add(lines[last].index)  # the paragraph a paywall cut (body._extend_with_cut_paragraph)
    kept = [l for l in _body_lines(lines[first : last + 1], title, own) if id(l) not in header_inside]
    kept_ids = {id(l) for l in kept}
    dropped = tuple(l.text for l in lines if id(l) not in kept_ids)
    # Dek/standfirst: a one-sentence prose line right under the title is kept
    # in the body (it is the outlet's own summary, and dropping a real first
    # paragraph by mistake would cost more than keeping a dek).
    return CleanedText(
        text="\n\n".join(l.text for l in kept),
        title=title,
        byline=byline.byline if byline else None,
        source=_find_source(lines, kept, header, after, byline),
        published=_find_date(meta_texts),
        dropped=dropped,
    )


# How many lines above the body a byline may sit (title, dek, byline, date,
# caption, "listen" prompt...).
_BYLINE_REACH = 8


# How many lines above the headline a byline may sit ("Outlet / Section /
# Jane Doe / <headline>" on aggregator pages).
_BYLINE_ABOVE_TITLE = 2


def _above_title(before: list[_Line], title: str | None) -> list[_Line]:
    """The lines right above the first print of the title, nearest first."""
    if not title:
        return []
    first = next((i for i, l in enumerate(before) if l.text.casefold() == title.casefold()), None)
    if first is None:
        return []
    return list(reversed(before[max(0, first - _BYLINE_ABOVE_TITLE) : first]))


def _header_lines(before: list[_Line], title: str | None) -> list[_Line]:
    """Lines between the last print of the title and the body."""
    if not title:
        return before
    last_title = max((i for i, l in enumerate(before) if l.text.casefold() == title.casefold()), default=-1)
    return before[last_title + 1 :]
