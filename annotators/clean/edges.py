"""The edges of the body: lines past the run of paragraphs that are still
the article (a sentence that lost its full stop, a closing list or table).
"""
from __future__ import annotations

import re

from .lines import _POST_SIGNATURE, _Line
from .shapes import _LIST_ITEM, _SENTENCE_END, _is_unstopped_sentence, _words


def _extend_with_unstopped_sentences(lines: list[_Line], first: int, last: int) -> tuple[int, int]:
    """Take in the sentences that lost their full stop right under the
    body's last paragraph: a line of no kind in sentence shape, next to the
    article's paragraphs, is the article's; not when a paragraph or a cut
    one follows it, since past the body that is a teaser's headline and its
    summary. So is the signature of a post the article quotes last."""
    if last + 1 < len(lines) and _POST_SIGNATURE.match(lines[last + 1].text):
        last += 1
    while (last + 1 < len(lines) and lines[last + 1].kind == "short" and _is_unstopped_sentence(lines[last + 1].text)
           and not (last + 2 < len(lines) and lines[last + 2].kind in ("prose", "snippet"))):
        last += 1
    return first, last


# A paywall cuts the article's last shown paragraph with an ellipsis, right
# under its previous paragraph; a teaser's summary is cut too, but sits
# under its own headline.
_CUT_PARAGRAPH_WORDS = 15


def _extend_with_cut_paragraph(lines: list[_Line], last: int) -> int:
    """Take in a paragraph cut with an ellipsis right under the body's last
    paragraph (no headline between them): the article, cut by a paywall.
    It keeps its kind (snippet), so nothing past it joins the body."""
    nxt = last + 1
    if (nxt < len(lines) and lines[last].kind == "prose" and lines[nxt].kind == "snippet"
            and len(_words(lines[nxt].text)) >= _CUT_PARAGRAPH_WORDS):
        return nxt
    return last


def _extend_up_with_unstopped_sentences(lines: list[_Line], first: int, title: str | None) -> int:
    """The same over the body's first paragraph ("Chelsea have this morning
    paid the fee ..."), up to the headline: a headline in sentence case is
    no paragraph of the article, and the first line under the page's menu
    (a chrome line) is its headline."""
    while (first > 1 and lines[first - 1].kind == "short" and _is_unstopped_sentence(lines[first - 1].text)
           and not (title and lines[first - 1].text.casefold() == title.casefold())
           and lines[first - 2].kind != "chrome"):
        first -= 1
    return first


# A sentence signed off with a wire slug: "Further details are awaited. PTI
# SSJ NB" (agency, then the desk's initials), "... on Friday. AFP".
_SLUG_AFTER_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"'”’)]*\s+(?:[A-Z]{2,}\s*){1,5}$")


def _extend_with_closing_sentences(lines: list[_Line], last: int) -> int:
    """Keep short final paragraphs ("He declined to comment.", "Further
    details are awaited. PTI SSJ NB") after the run, and a list or table
    that closes the article ("June 9 – West Palm Beach, FL @ Coral Sky
    Amphitheatre", a standings table): lines of several words, none of
    them chrome, at least three in a row."""
    pos = last + 1
    while pos < len(lines):
        line = lines[pos]
        if (line.kind != "short" or len(_words(line.text)) < 3
                or not (_SENTENCE_END.search(line.text) or _SLUG_AFTER_SENTENCE.search(line.text))):
            break
        last = pos
        pos += 1
    rows = _closing_list_rows(lines, pos)
    if rows < _CLOSING_LIST_ROWS and pos + 1 < len(lines) and lines[pos].kind == "short":
        rows = _closing_list_rows(lines, pos + 1)  # under the list's heading
        rows = rows + 1 if rows >= _CLOSING_LIST_ROWS else 0
    return last + rows if rows >= _CLOSING_LIST_ROWS else last


# How many rows make a closing list, and how many words a row has.
_CLOSING_LIST_ROWS = 3
_LIST_ROW_WORDS = 3


def _closing_list_rows(lines: list[_Line], pos: int) -> int:
    """How many lines from ``pos`` are the rows of one list: several words
    each, and a mark they all share (a digit, a separator such as "–", "@",
    "|", ":", or columns set apart by spaces), so a run of unrelated short
    lines ("No comments:", "Post a comment") is no list."""
    rows, shared = 0, None
    while pos + rows < len(lines):
        line = lines[pos + rows]
        if not (line.kind == "short" and len(_words(line.text)) >= _LIST_ROW_WORDS or _BARE_URL.match(line.text)):
            break
        marks = _row_marks(line.text)
        if shared is not None and not (shared & marks):
            break
        shared = marks if shared is None else shared & marks
        rows += 1
    return rows


# A link printed as its address: in a list of products or sources it is an entry's.
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$")


def _row_marks(text: str) -> set[str]:
    marks = {c for c in text if c in "–—-@|:/()$%"}
    if _LIST_ITEM.match(text):
        marks.add("bullet")  # the items of one bulleted list
    if any(c.isdigit() for c in text):
        marks.add("digit")
    if "  " in text:
        marks.add("columns")
    return marks


# A page whose article is a list or a table (a race calendar, a results
# table) has no run of paragraphs worth the name: its longest list is the
# article when the best run of paragraphs is weaker than one good paragraph
# and the list outweighs it.
_LIST_BODY_ROWS = 5
_WEAK_RUN_CHARS = 200


def _list_body(lines: list[_Line], run_chars: int) -> tuple[int, int] | None:
    """Positions of the first and last line of the page's longest list
    (with its heading), if the article is that list."""
    if run_chars >= _WEAK_RUN_CHARS:
        return None
    best, best_chars = None, run_chars
    pos = 0
    while pos < len(lines):
        rows = _closing_list_rows(lines, pos)
        chars = sum(len(l.text) for l in lines[pos : pos + rows])
        if rows >= _LIST_BODY_ROWS and chars > best_chars:
            best, best_chars = (pos, pos + rows - 1), chars
        pos += max(rows, 1)
    if best is None:
        return None
    first, last = best
    if first and lines[first - 1].kind == "short":
        first -= 1  # the list's heading
    return first, last
