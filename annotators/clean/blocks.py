"""Chrome blocks: evidence that needs a line's neighbours, not just its shape.

Each rule marks a block by what it is (a list of links, a list of other
stories' teasers, a comment thread), so the body is cut where the page
shows a block of chrome, never at a guess about where the article ends.
"""
from __future__ import annotations

import re

from .lines import _Line
from .shapes import COMMENT_HEADING, _LIST_ITEM, _SECOND_SENTENCE, _SENTENCE_END, _TAIL_MARKER, _is_dateline, _words

# A menu or link label is a few words, most of them capitalised; a list in
# the article ("1 cup asparagus", "presenting a live webinar") is not.
_LINK_LABEL_WORDS = 12
# Three list items of link shape in a row are a menu or a link list.
_LINK_LIST_ITEMS = 3


def _list_item_text(text: str) -> str | None:
    match = _LIST_ITEM.match(text)
    return text[match.end():] if match else None


def _is_link_label(text: str) -> bool:
    """A link's words: short, no sentence end, capitalised like a title."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if not words or len(words) > _LINK_LABEL_WORDS or _SENTENCE_END.search(text):
        return False
    capitalised = sum(1 for w in words if not w[0].islower())
    return capitalised * 3 >= len(words) * 2


def _mark_link_lists(lines: list[_Line]) -> list[_Line]:
    """Runs of list items that are link labels ("* Politics", "+ Ab Workouts",
    "* Epstein's Jail Guards Charged With Conspiracy") are menus, section
    lists and "more stories" lists."""
    out = list(lines)
    pos = 0
    while pos < len(lines):
        end = pos
        while end < len(lines) and _is_link_item(lines[end].text):
            end += 1
        if end - pos >= _LINK_LIST_ITEMS:
            for at in range(pos, end):
                out[at] = _Line(lines[at].index, lines[at].text, "chrome")
        pos = max(end, pos + 1)
    return out


def _is_link_item(text: str) -> bool:
    item = _list_item_text(text)
    return item is not None and _is_link_label(item)


# A comment's header: "29. MightyMidwest says:", "Jane on December 30, 2015
# at 4:36 am said:", "John Smith says" (a name, maybe a date, then a speech
# verb and nothing after it).
_COMMENT_HEADER = re.compile(r"^(?:\d+\.\s*)?\S.{0,120}?\b(?:says|said|wrote|writes|replied|commented)\s*:?\s*$",
                             re.IGNORECASE)
_COMMENT_HEADER_WORDS = 25


def _is_comment_header(text: str) -> bool:
    return (_COMMENT_HEADER.match(text) is not None and len(_words(text)) <= _COMMENT_HEADER_WORDS
            and not _SENTENCE_END.search(text))


# The heading of the readers' part of the page: a comment form or thread.
_COMMENT_SECTION = re.compile(
    rf"^(?:{COMMENT_HEADING}|(?:\d+\s+)?(?:responses?|replies)|"
    r"join the (?:conversation|discussion)|discussion)\s*(?:\(\d+\))?:?$", re.IGNORECASE)


def _mark_comment_threads(lines: list[_Line]) -> list[_Line]:
    """Two comment headers on the page show a comment thread: each header is
    a boundary (kind comment), so the comments under it are never joined to the
    article, and a thread is the only place such headers come twice. A
    "Leave a Reply" heading opens the comment form, whose consent sentences
    have the shape of paragraphs: a boundary too."""
    heads = [pos for pos, line in enumerate(lines) if line.kind != "prose" and _is_comment_header(line.text)]
    out = list(lines)
    for pos, line in enumerate(lines):
        if line.kind == "tail" and _COMMENT_SECTION.match(line.text.strip(" -–—:*#")):
            out[pos] = _Line(line.index, line.text, "comment")
    if len(heads) >= 2:
        for pos in heads:
            out[pos] = _Line(lines[pos].index, lines[pos].text, "comment")
    # "Jane on December 30, 2015 at 4:36 am said:": a header with its
    # timestamp right before the speech verb is a comment's even alone (a
    # sentence introducing a quote puts its time elsewhere)
    for pos, line in enumerate(lines):
        if line.text.endswith((":", "said", "says", "wrote", "replied")) and _STAMPED_COMMENT_HEADER.search(line.text):
            out[pos] = _Line(line.index, line.text, "comment")
    return out


_STAMPED_COMMENT_HEADER = re.compile(
    r"(?:^|,|\bon)\s*(?:\d{1,2}\s+)?[^\W\d_]+\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?\d{4},?\s+(?:at\s+)?"
    r"\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:said|says|wrote|replied)\s*:?\s*$", re.IGNORECASE)


# Other stories' teasers, anywhere on the page: a headline, at most two
# short lines under it (author, date, section), then a one- or two-sentence
# summary, three times or more in a row.
_TEASER_UNITS = 3
_TEASER_EXTRA_LINES = 2
_TEASER_SUMMARY_SENTENCES = 2


def _is_teaser_headline(line: _Line) -> bool:
    text = _list_item_text(line.text) or line.text
    n = len(_words(text))
    return line.kind in ("short", "chrome") and 3 <= n <= 25 and not _SENTENCE_END.search(text.rstrip("?!"))


def _is_teaser_summary(line: _Line) -> bool:
    return (line.kind == "prose" and len(_SECOND_SENTENCE.findall(line.text)) < _TEASER_SUMMARY_SENTENCES
            and len(_words(line.text)) <= 60)


# A listing's line under a headline: its date or age ("21 hours ago",
# "Nov 18, 2019"), a count of shares or comments ("1", "445 shares").
_LISTING_DETAIL = re.compile(r"^\d[\d,.]*(?:\s+\w+)?$")


def _teaser_unit_end(lines: list[_Line], pos: int) -> int | None:
    """End (exclusive) of a teaser unit starting at ``pos``, else None: a
    headline with its summary, or a headline with its date or count."""
    if pos >= len(lines) or not _is_teaser_headline(lines[pos]):
        return None
    details = pos + 1
    while details < len(lines) and details - pos <= _TEASER_EXTRA_LINES and _is_listing_detail(lines[details]):
        details += 1
    if details > pos + 1 and (details >= len(lines) or _is_teaser_headline(lines[details])):
        return details
    for gap in range(_TEASER_EXTRA_LINES + 1):
        at = pos + 1 + gap
        if at >= len(lines):
            return None
        if _is_teaser_summary(lines[at]):
            return at + 1
        line = lines[at]
        if line.kind == "prose" or len(_words(line.text)) > 6:
            return None
    return None


def _is_listing_detail(line: _Line) -> bool:
    return (line.kind == "chrome" and _is_dateline(line.text)) or _LISTING_DETAIL.match(line.text) is not None


def _mark_teaser_blocks(lines: list[_Line]) -> list[_Line]:
    out = list(lines)
    pos = 0
    while pos < len(lines):
        units, end = 0, pos
        while (nxt := _teaser_unit_end(lines, end)) is not None:
            units, end = units + 1, nxt
        if units >= _TEASER_UNITS:
            for at in range(pos, end):
                out[at] = _Line(lines[at].index, lines[at].text, "snippet")
            pos = end
        else:
            pos += 1
    return out


# "Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's championship run was
# foiled ...": a teaser's link text glued to its summary (the paste lost the
# break between them): title-case words, then a capital straight after a
# lowercase letter, then a sentence.
_GLUED_TEASER = re.compile(
    r"^(?:[A-Z0-9&$‘'\"“][\w'’:,&$%.?!‘’“”\"-]*\s+|(?:a|an|the|at|of|in|on|to|for|and|or|with|by|from|is|are)\s+){2,}"
    r"[\w'’,.-]*(?:[a-z]{2}|\d)[?!)’”\"]?[A-Z][a-z'’]*\s+\w+")


def _mark_glued_teasers(lines: list[_Line]) -> list[_Line]:
    """Two or more glued teasers in a row (chrome between them aside) are a
    list of other stories."""
    out = list(lines)
    glued = [pos for pos, line in enumerate(lines) if _GLUED_TEASER.match(line.text)]
    for pos in glued:
        neighbours = [p for p in glued if p != pos and abs(p - pos) <= 2]
        if neighbours:
            out[pos] = _Line(lines[pos].index, lines[pos].text, "snippet")
    return out


def _mark_link_boxes(lines: list[_Line]) -> list[_Line]:
    """The headlines under a "Related" or "Read more" heading, up to the next
    paragraph: a box of links set into the article (kind box: dropped, but
    no gap in the article, which goes on below it)."""
    out = list(lines)
    for pos, line in enumerate(lines):
        # a heading the article's paragraphs follow was read as the
        # article's own section heading; it is a box when links follow it
        if line.kind != "tail" and not (line.kind == "short" and _TAIL_MARKER.search(line.text.strip(" -–—:*#"))):
            continue
        boxed = 0
        for at in range(pos + 1, len(lines)):
            nxt = lines[at]
            if nxt.kind in ("short", "chrome") and _is_teaser_headline(nxt):
                out[at] = _Line(nxt.index, nxt.text, "box")
                boxed += 1
            elif nxt.kind != "tail" and not _TAIL_MARKER.search(nxt.text.strip(" -–—:*#")):
                break
        if boxed and line.kind == "short":
            out[pos] = _Line(line.index, line.text, "box")
    return out


def mark_blocks(lines: list[_Line]) -> list[_Line]:
    lines = _mark_link_boxes(lines)
    lines = _mark_link_lists(lines)
    lines = _mark_comment_threads(lines)
    lines = _mark_glued_teasers(lines)
    return _mark_teaser_blocks(lines)
