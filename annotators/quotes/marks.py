"""Quotation marks paired by surface rules, and paragraph bounds.

Works on any text (raw pastes included) and never gives up on an article
with an odd number of marks."""
from __future__ import annotations

import re
from dataclasses import dataclass


DOUBLE = {"\u201c": "open", "\u201d": "close", "\u201e": "open", '"': "straight",
           "\u00ab": "open", "\u00bb": "close"}
SINGLE = {"\u2018": "open", "\u2019": "close", "'": "straight", "\u201a": "open"}
_OPENING_CONTEXT = set("([{<\u2014\u2013-/\u201c\u2018\u00ab")
_CLOSING_CONTEXT = set(".,;:!?)]}\u2014\u2013-\u2026\u201d\u2019\u00bb'\"")
# Elisions whose leading apostrophe looks like an opening quote: '90s, 'em, rock 'n' roll.
_ELISION = re.compile(r"[\u2019\u2018'](?:\d\d?s?\b|em\b|tis\b|twas\b|til\b|cause\b|n[\u2019\u2018'](?=\s))", re.I)


@dataclass
class _Mark:
    pos: int
    can_open: bool
    can_close: bool
    weak: bool = False  # a closer that is more likely a plural possessive (allies')


def _is_word_char(ch: str | None) -> bool:
    return ch is not None and ch.isalnum()


def _mark_roles(text: str, pos: int, kind: str) -> tuple[bool, bool]:
    prev = text[pos - 1] if pos > 0 else None
    nxt = text[pos + 1] if pos + 1 < len(text) else None
    open_ctx = (prev is None or prev.isspace() or prev in _OPENING_CONTEXT) and nxt is not None and not nxt.isspace()
    close_ctx = prev is not None and not prev.isspace() and (nxt is None or nxt.isspace() or nxt in _CLOSING_CONTEXT)
    if kind == "open":  # directional marks are trusted unless the context says otherwise
        return True, close_ctx and not open_ctx
    if kind == "close":
        return open_ctx and not close_ctx, True
    if not open_ctx and not close_ctx:  # x"y or a floating mark: either way
        return True, True
    return open_ctx, close_ctx


def _apostrophe_positions(text: str, start: int, end: int) -> set[int]:
    """Single marks that are apostrophes, not quotes."""
    found = set()
    for m in _ELISION.finditer(text, start, end):
        found.add(m.start())
        if m.group(0)[-1] in "\u2019\u2018'":
            found.add(m.end() - 1)
    for i in range(start, end):
        if text[i] in SINGLE and _is_word_char(text[i - 1] if i else None) and _is_word_char(text[i + 1] if i + 1 < len(text) else None):
            found.add(i)  # don't, Trump's, NATO’s
    return found


def _marks(text: str, start: int, end: int, family: dict[str, str]) -> list[_Mark]:
    skip = _apostrophe_positions(text, start, end) if family is SINGLE else set()
    marks = []
    for i in range(start, end):
        ch = text[i]
        if ch not in family or i in skip:
            continue
        can_open, can_close = _mark_roles(text, i, family[ch])
        weak = family is SINGLE and can_close and not can_open and text[i - 1] in "sS"
        marks.append(_Mark(i, can_open, can_close, weak))
    return marks


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Plain-text articles wrapped at a fixed width: only blank lines end paragraphs."""
    full = [l for l in lines if l.strip()]
    if len(full) < 5:
        return False
    lengths = sorted(len(l) for l in full)
    unterminated = sum(1 for l in full if not re.search(r"[.!?:\"'\u201d\u2019]\s*$", l))
    return lengths[-1] <= 100 and lengths[len(lengths) // 2] >= 40 and unterminated >= len(full) / 3


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank lines always separate paragraphs,
    single newlines too unless the text is hard-wrapped prose."""
    # Hard-wrapped text marks paragraphs with a blank line or an indented first line.
    separator = r"\n[ \t\u00a0]*\n\s*|\n(?:[ \t]{2,}|\t)" if _looks_hard_wrapped(text.split("\n")) else r"\n\s*"
    bounds, pos = [], 0
    for m in re.finditer(separator, text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


@dataclass(frozen=True)
class QuotePiece:
    start: int
    end: int
    group: int  # pieces of one quote continued across paragraphs share a group


def _first_mark_opens(text: str, para: tuple[int, int], family: dict[str, str]) -> bool:
    stripped = text[para[0]:para[1]].lstrip()
    return bool(stripped) and stripped[0] in family and family[stripped[0]] in ("open", "straight")


def _later_closer_before_opener(marks: list[_Mark], k: int) -> bool:
    for m in marks[k + 1:]:
        if m.can_close and not m.weak:
            return True
        if m.can_open and not m.can_close:
            return False
    return False


def _pair_family(text: str, paras: list[tuple[int, int]], family: dict[str, str],
                 blocked: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(start, end, continues) for one family of marks; marks inside ``blocked``
    ranges (quotes already found) are ignored. ``continues`` flags a piece whose
    quote goes on in the next paragraph."""
    pairs = []
    for p_index, para in enumerate(paras):
        marks = [m for m in _marks(text, *para, family) if not any(s - 1 <= m.pos <= e for s, e in blocked)]
        opened: _Mark | None = None
        for k, mark in enumerate(marks):
            if opened is None:
                if mark.can_open:
                    opened = mark
            elif mark.can_close and not (mark.weak and _later_closer_before_opener(marks, k)):
                pairs.append((opened.pos + 1, mark.pos, False))
                opened = None
            elif mark.can_open and not mark.can_close:
                opened = mark  # the earlier mark was never closed: start again here
        if opened is None:
            continue
        if p_index + 1 < len(paras) and _first_mark_opens(text, paras[p_index + 1], family):
            pairs.append((opened.pos + 1, para[1], True))
        elif _opens_paragraph_unclosed(text, para, opened, marks):
            # the last paragraph of a quote whose closing mark was left out:
            # "Tonight I could keep it up ... playing well.<no mark>" then prose
            pairs.append((opened.pos + 1, para[1], False))
    return pairs


def _opens_paragraph_unclosed(text: str, para: tuple[int, int], opened: _Mark, marks: list[_Mark]) -> bool:
    """The paragraph's first character opens a quote no later mark closes,
    and the paragraph ends a sentence: a quote paragraph missing its closer."""
    first = para[0] + len(text[para[0]:para[1]]) - len(text[para[0]:para[1]].lstrip())
    return (opened.pos == first and not any(m.pos > opened.pos and m.can_close for m in marks)
            and text[para[0]:para[1]].rstrip()[-1:] in (".", "!", "?", "\u2026"))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    # A trailing comma belongs to the sentence around the quote, not to the speech.
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def quote_pieces(text: str) -> list[QuotePiece]:
    """Quote pieces in text order, with continuation groups."""
    paras = paragraph_bounds(text)
    doubles = _pair_family(text, paras, DOUBLE, [])
    singles = _pair_family(text, paras, SINGLE, [(s, e) for s, e, _ in doubles])
    # A single-quoted quote that encloses double-quoted ones is the outer quote (UK style).
    doubles = [d for d in doubles if not any(s <= d[0] and d[1] <= e for s, e, _ in singles)]
    raw = sorted(doubles + singles)
    pieces, group, continuing = [], -1, False
    para_starts = {s + len(text[s:e]) - len(text[s:e].lstrip()) for s, e in paras}
    for start, end, continues in raw:
        start, end = _trim(text, start, end)
        if start >= end or any(start < p.end and p.start < end for p in pieces):
            continue
        # a continued quote goes on only in a piece that opens a paragraph
        if not (continuing and (start - 1 in para_starts or start in para_starts)):
            group += 1
        pieces.append(QuotePiece(start, end, group))
        continuing = continues
    return pieces


def pair_quote_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted words, marks excluded, in text order."""
    return [(p.start, p.end) for p in quote_pieces(text)]
