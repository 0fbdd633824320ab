"""Chrome classes: each non-empty line of a page gets a kind (prose, short,
chrome, caption, snippet, tail, footer), first from its own shape, then
from its neighbours (caption pairs, credit blocks, author boxes, teaser lists).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .shapes import (
    _COPYRIGHT_LINE, _IMPERATIVE_PROMPT, _LINK_PROMPT, _LOWERCASE_START, _NEWS_COMMENT,
    _PROMO_SENTENCE, _PROMPT_WORDS, _SECOND_SENTENCE, _SELF_PROMO, _SENTENCE_END, _TAIL_MARKER,
    _TRUNCATED, _is_bare_close, _is_caption, _is_dateline, _is_meta_label, _is_prose,
    _QUOTED, _READER_ADDRESS, _READER_PARAGRAPH_WORDS, _looks_like_menu, _without_list_marker, _words,
)


@dataclass(frozen=True)
class _Line:
    """One non-empty line of the page with its shape-based class."""

    index: int
    text: str
    kind: str  # prose | short | chrome | caption | snippet | tail | footer | comment | box


# An embedded post's text ends with the link to its picture or page ("... use
# them whenever needed pic.twitter.com/MYwRz9euaq"); the line is judged by
# its words, without the link.
_TRAILING_POST_LINK = re.compile(r"\s*(?:https?://t\.co/\w+|pic\.twitter\.com/\w+)\s*$")


# ... and is signed "— Name (@handle) November 19, 2019": the quoted post's
# author, part of the quotation.
_POST_SIGNATURE = re.compile(r"^[—–-]\s*\S.{0,80}\(@\w{1,30}\)\s+\S.{0,30}\d{4}$")


def _classify(text: str, repeated: bool) -> str:
    kind = _shape_kind(text)
    # repetition is the last evidence a line is judged by
    return "chrome" if repeated and kind == "short" else kind


# Pages print the same lines many times (menus, labels), and the repeat rule
# asks again for the kind a repeated line would have alone.
@lru_cache(maxsize=8192)
def _shape_kind(text: str) -> str:
    """A line's kind from its own shape, before repetition is counted."""
    if not any(c.isalnum() for c in text):
        return "chrome"  # a bare bullet, a rule, a lone icon: no words to keep
    if "t.co/" in text or "pic.twitter.com/" in text:  # cheap test first: most lines have no post link
        words_only = _TRAILING_POST_LINK.sub("", text)
        if words_only != text and any(c.isalnum() for c in words_only):
            return _shape_kind(words_only)
    if "(@" in text and _POST_SIGNATURE.match(text):
        return "short"
    if _TRUNCATED.search(text) and len(_words(text)) >= 6:
        return "snippet"  # teaser of another story, cut mid-sentence
    if _is_caption(text):
        return "caption"
    # "© AAP 2024", "Copyright © 2014 Anadolu Agency": the page footer starts
    # here (checked before the prose test: "© 2024 X. All rights reserved."
    # has the shape of a sentence).
    if _COPYRIGHT_LINE.match(text) and len(_words(text)) <= 12:
        return "footer"
    # Before the prose test: "June 18, 2013 at 8:23 p.m." has six "words" and
    # a full stop, but a line of nothing but dates, times and filler is never
    # an article sentence.
    if _is_dateline(text):
        return "chrome"
    if _is_prose(text):
        promo = _IMPERATIVE_PROMPT.search(text) or _LINK_PROMPT.search(text) or _PROMO_SENTENCE.search(text)
        return "chrome" if promo else "prose"
    if _TAIL_MARKER.search(text.strip(" -–—:*#")):
        return "tail"
    if _SENTENCE_END.search(text) and _NEWS_COMMENT.search(text) and not _IMPERATIVE_PROMPT.search(text):
        return "short"  # "X could not immediately comment."
    if (_looks_like_menu(text) or _is_dateline(text) or _is_meta_label(text)
            or _PROMPT_WORDS.search(text) or _IMPERATIVE_PROMPT.search(text)
            or _PROMO_SENTENCE.search(text) or _SELF_PROMO.search(text)):
        return "chrome"
    return "short"


def _mark_widget_sentences(lines: list[_Line]) -> list[_Line]:
    """Widget sentences are chrome, unless paragraphs stand on both sides of
    one: "If you live in the county, you can sign up at any library." set
    between two paragraphs is the article talking to its reader."""
    out = list(lines)
    for pos, line in enumerate(lines):
        if line.kind != "prose" or not _is_widget_sentence(line.text):
            continue
        above, below = lines[pos - 1] if pos else None, lines[pos + 1] if pos + 1 < len(lines) else None
        if not (above and below and all(l.kind == "prose" and not _is_widget_sentence(l.text) for l in (above, below))):
            out[pos] = _Line(line.index, line.text, "chrome")
    return out


def _is_widget_sentence(text: str) -> bool:
    """A sign-up or paywall widget's sentence: short, addressed to the reader
    outside quotes, and naming the widget's business ("You have successfully
    subscribed.", "Check your email to activate your account.")."""
    return (len(_words(text)) < _READER_PARAGRAPH_WORDS and _WIDGET_WORDS.search(text) is not None
            and _READER_ADDRESS.search(_QUOTED.sub("", text)) is not None)


# The business of sign-up, login and paywall widgets (not sharing or
# networks: an article tells what people said on Twitter).
_WIDGET_WORDS = re.compile(
    r"\b(?:(?:un)?subscri(?:be[ds]?|bing|ption)|newsletters?|sign(?:ed|ing)? ?up|log(?:ged)? ?in|inbox|"
    r"e-?mail address|activation|spam|your account|create an account|registered users?)\b", re.IGNORECASE)


_INVISIBLE = " \u200b\u200c\u200d\u2060\u00ad"


def _split_lines(text: str) -> list[_Line]:
    raw = [(i, line.strip()) for i, line in enumerate(text.split("\n"))]
    # a line of nothing but zero-width characters (an image's empty caption)
    # is as blank as an empty one
    raw = [(i, t) for i, t in raw if t.strip(_INVISIBLE)]
    counts: dict[str, int] = {}
    for _, t in raw:
        key = _without_list_marker(t).casefold()
        counts[key] = counts.get(key, 0) + 1
    lines = [_Line(i, t, _classify(t, counts[_without_list_marker(t).casefold()] > 1)) for i, t in raw]
    lines = _mark_widget_sentences(lines)
    lines = _mark_caption_pairs(lines)
    lines = _mark_in_article_headings(lines)
    lines = _mark_continuations(lines)
    lines = _mark_credit_blocks(lines)
    lines = _mark_author_box(lines)
    return _mark_teaser_list(lines)


def _mark_credit_blocks(lines: list[_Line]) -> list[_Line]:
    """A photo credit broken over lines: "<caption>.(" / "ABC Illawarra: Kelly
    Fuller" / ")". The lone closing bracket shows the line above it is a
    credit (a few words), and the line above that its caption."""
    out = list(lines)
    for pos in range(1, len(lines)):
        if not _is_bare_close(lines[pos].text):
            continue
        credit = lines[pos - 1]
        if len(_words(credit.text)) > 6 or _SENTENCE_END.search(credit.text):
            continue
        out[pos] = _Line(lines[pos].index, lines[pos].text, "caption")
        out[pos - 1] = _Line(credit.index, credit.text, "caption")
        if pos >= 2 and lines[pos - 2].kind in ("prose", "short") and len(_words(lines[pos - 2].text)) <= _CAPTION_PAIR_WORDS:
            above = lines[pos - 2]
            out[pos - 2] = _Line(above.index, above.text, "caption")
    return out


# "Shelly Bradbury | Breaking News Reporter": the author box under an article.
_AUTHOR_BOX = re.compile(
    r"^((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+)\s*[|–—]\s*(?:[\w&-]+ ){0,5}"
    r"(?:reporter|writer|journalist|correspondent|editor|columnist|producer|photographer|contributor)s?$",
    re.IGNORECASE)


def _mark_author_box(lines: list[_Line]) -> list[_Line]:
    """The author box: "Name | Role" and the bio under it that opens with the
    same name ("Shelly Bradbury is a breaking news reporter who joined ...")."""
    out = list(lines)
    for pos, line in enumerate(lines):
        nxt = lines[pos + 1] if pos + 1 < len(lines) else None
        match = _AUTHOR_BOX.match(line.text.strip())
        if match:
            out[pos] = _Line(line.index, line.text, "chrome")
            if nxt is not None and nxt.text.startswith(match.group(1) + " "):
                out[pos + 1] = _Line(nxt.index, nxt.text, "chrome")
        elif nxt is not None and _AUTHOR_NAME.match(line.text) and _BIO_VERB.match(nxt.text[len(line.text):]) \
                and nxt.text.startswith(line.text) and len(_words(nxt.text)) <= _BIO_WORDS:
            # "Phil Helsel" / "Phil Helsel is a reporter for NBC News.": the
            # name alone, then the bio that opens with it
            out[pos] = _Line(line.index, line.text, "chrome")
            out[pos + 1] = _Line(nxt.index, nxt.text, "chrome")
    return out


_AUTHOR_NAME = re.compile(r"^(?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+$")
_BIO_VERB = re.compile(r"^ (?:is|was|has been|covers|writes|joined|reports)\b")
_BIO_WORDS = 60


# Other stories listed under the article: a headline, then its one-sentence
# summary, again and again ("Twin port shutdowns risk more damage ..." /
# "Business groups are raising concerns ..."). Three such pairs with no
# paragraph after them end the article.
_TEASER_PAIRS = 3


def _is_teaser_pair(head: _Line, summary: _Line) -> bool:
    return (head.kind == "short" and len(_words(head.text)) >= 4 and not _SENTENCE_END.search(head.text)
            and summary.kind == "prose" and not _SECOND_SENTENCE.search(summary.text))


def _mark_teaser_list(lines: list[_Line]) -> list[_Line]:
    out = list(lines)
    prose_at = [pos for pos, line in enumerate(lines) if line.kind == "prose"]
    if not prose_at:
        return out
    # walk back from the last paragraph over headline + summary pairs
    end = prose_at[-1]
    start = end + 1
    pairs = 0
    while start - 2 >= 0 and _is_teaser_pair(lines[start - 2], lines[start - 1]):
        start -= 2
        pairs += 1
    if pairs >= _TEASER_PAIRS:
        for pos in range(start, end + 1):
            out[pos] = _Line(lines[pos].index, lines[pos].text, "snippet")
    return out


def _mark_continuations(lines: list[_Line]) -> list[_Line]:
    """A short line opening in lowercase right under a chrome line is the rest
    of it, wrapped ("Watch more of our videos on ShotsTV.com" / "and on
    Freeview 262 or Freely 565")."""
    out = list(lines)
    for pos in range(1, len(lines)):
        line = lines[pos]
        if line.kind == "short" and out[pos - 1].kind == "chrome" and _LOWERCASE_START.match(line.text):
            out[pos] = _Line(line.index, line.text, "chrome")
    return out


# How many paragraphs in a row, right under a "Top Stories" / "Related" line,
# show that the line heads a section of the article, not a list of teasers.
_SECTION_PARAGRAPHS = 3


def _mark_in_article_headings(lines: list[_Line]) -> list[_Line]:
    """Lines that look like tail markers or teasers but sit inside the article.

    - A tail marker ("Top Stories") followed, within a few lines (a heading, a
      photo and its credit), by three paragraphs in a row heads a section of
      the article: teaser lists alternate headlines and standfirsts, comment
      threads alternate names and comments, neither gives three paragraphs
      back to back.
    - A line cut with an ellipsis between two paragraphs ("We asked people
      in the town centre about their views on the matter…") is the article's
      own lead-in (an ad slot or promo between them does not count): a
      teaser of another story sits under its headline."""
    out = list(lines)
    for pos, line in enumerate(lines):
        if line.kind == "tail":
            for start in range(pos + 1, min(pos + 6, len(lines))):
                block = lines[start : start + _SECTION_PARAGRAPHS]
                if len(block) == _SECTION_PARAGRAPHS and all(l.kind == "prose" for l in block):
                    out[pos] = _Line(line.index, line.text, "short")
                    break
                if lines[start].kind in ("prose", "tail", "snippet", "footer"):
                    break
        elif line.kind == "snippet":
            # neighbours past an ad slot or a promo ("Advertisement")
            above = [l.kind for l in lines[:pos] if l.kind not in ("chrome", "caption")][-1:]
            below = [l.kind for l in lines[pos + 1 :] if l.kind not in ("chrome", "caption")][:1]
            if above == ["prose"] and below == ["prose"]:
                out[pos] = _Line(line.index, line.text, "prose")
    return out


# Longest sentence-shaped line taken for a photo caption when it is printed
# twice in a row.
_CAPTION_PAIR_WORDS = 40


# ... and when the two prints are identical (no credit to show it is a photo's):
# the captions seen printed twice ran to 9 and 13 words; a sentence pasted
# twice is usually longer, and losing both of its copies would lose a sentence.
_BARE_CAPTION_PAIR_WORDS = 16


# Quoted words of three or more words: captions describe a picture, they do
# not quote anyone, so a doubled line holding a quotation is a paragraph.
_QUOTE_IN_LINE = re.compile(r"[“\"‘][^”\"’]*\s[^”\"’]*\s[^”\"’]*[”\"’]")


def _mark_caption_pairs(lines: list[_Line]) -> list[_Line]:
    """A photo's alt text and its caption: a sentence-shaped line followed at
    once by itself, or by itself plus a credit ("... in New Delhi. (PTI File
    Photo )"). Pages print captions twice in a row, not paragraphs (a
    paragraph pasted twice in a row would be lost with this rule: the cap on
    its length keeps long paragraphs out of it)."""
    out = list(lines)
    for pos in range(len(lines) - 1):
        line, nxt = lines[pos], lines[pos + 1]
        if line.kind not in ("prose", "short") or len(_words(line.text)) > _CAPTION_PAIR_WORDS:
            continue
        if line.kind == "short" and line.text == _without_list_marker(line.text):
            continue  # a short line doubled is left to the repeat rule
        if _QUOTE_IN_LINE.search(line.text):
            continue  # someone's words in quotation marks: a paragraph pasted twice, kept once
        a, b = _without_list_marker(line.text).casefold(), _without_list_marker(nxt.text).casefold()
        rest = nxt.text[len(line.text):].strip()
        # a slide's list entry ("• Drugs hidden ...") printed again as its
        # caption is a gallery's, however long; otherwise a long line doubled
        # without a credit is a paragraph pasted twice (kept once)
        gallery = a == b and (line.text != _without_list_marker(line.text)) != (nxt.text != _without_list_marker(nxt.text))
        if a == b and not gallery and len(_words(line.text)) > _BARE_CAPTION_PAIR_WORDS:
            continue
        if a == b or (b.startswith(a) and rest and (
                _is_caption(nxt.text) or re.fullmatch(r"\([^()]{1,60}\)", rest))):
            out[pos] = _Line(line.index, line.text, "caption")
            out[pos + 1] = _Line(nxt.index, nxt.text, "caption")
    return out
