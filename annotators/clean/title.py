"""The title field: the headline above the body.
"""
from __future__ import annotations

import re

from .shapes import (
    _BYLINE_PREFIX, _LOWERCASE_START, _PROMPT_WORDS, _is_caption, _is_dateline, _looks_like_menu,
    _words,
)
from .lines import _Line
from .dates import _after_date_and_time


# Social networks are prompt words on a button ("Share on Facebook") but news
# in a headline ("Instagram redesigned, TikTok gets ghosted").
_NETWORK_NAMES = {"facebook", "twitter", "whatsapp", "linkedin", "instagram", "telegram"}


# A line that stops on an article or a conjunction is the first line of a
# wrapped sentence ("The Standard Group Plc is a"), not a headline.
_DANGLING_END = re.compile(r"\b(?:a|an|the|and|or|of|is|are|was|were)\s*$", re.IGNORECASE)


def _is_headline(text: str) -> bool:
    """Headline shape: several words, no full stop at the end."""
    if _after_date_and_time(text) is not None:
        return False  # a date line with the author's name
    n = len(_words(text))
    prompts = [m.group(0).casefold() for m in _PROMPT_WORDS.finditer(text)]
    return (4 <= n <= 30 and 15 <= len(text) <= 250
            and not re.search(r"[.:;,]$", text) and not _DANGLING_END.search(text)
            and not _LOWERCASE_START.match(text)
            and not _looks_like_menu(text) and not _is_dateline(text)
            and not any(w not in _NETWORK_NAMES for w in prompts) and not _is_caption(text)
            and not _BYLINE_PREFIX.match(text))


# Photo-caption grammar: a name, then a present participle ("Mkaka assuming
# the chairmanship of ...", "President Obama greeting supporters ..."). A
# headline puts the verb in the present tense ("Mkaka assumes ..."). The
# -ing nouns a headline often has after a name are not participles here.
_CAPTION_PARTICIPLE = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,4}([a-z]+ing)\b")


_ING_NOUNS = {
    "morning", "evening", "building", "meeting", "wedding", "bombing", "shooting",
    "funding", "housing", "training", "spending", "hearing", "ruling", "warning",
    "briefing", "landing", "opening", "spring", "king", "thing", "string", "wing",
    "during", "according", "ceiling", "rating", "ring", "sibling", "listing",
}


def _is_caption_phrase(text: str) -> bool:
    match = _CAPTION_PARTICIPLE.match(text)
    return match is not None and match.group(1) not in _ING_NOUNS


def _find_title(before_body: list[_Line], page: list[_Line]) -> _Line | None:
    """The headline above the body.

    Pages print their headline more than once (the tab title, a breadcrumb
    "Home / India News / <headline>", the heading), while a weather widget
    or a site motto above it is printed once: the first headline-shaped line
    echoed elsewhere on the page wins, else the first headline-shaped line.
    A line with photo-caption grammar is never the title.
    """
    # A line whose sentence runs on into the line below (several words
    # opening in lowercase, not a "by ..." credit) is part of a hard-wrapped
    # paragraph, not a headline.
    runs_on = {id(l) for l, nxt in zip(page, page[1:])
               if _LOWERCASE_START.match(nxt.text) and len(_words(nxt.text)) >= 4
               and not _BYLINE_PREFIX.match(nxt.text)}
    candidates = [l for l in before_body if _is_headline(l.text) and not _is_caption_phrase(l.text)
                  and id(l) not in runs_on]
    for line in candidates:
        key = line.text.casefold()
        if any(o is not line and (o.text.casefold() == key
                                  or (o.text.casefold().endswith(key)
                                      and re.search(r"[/|>»:]\s*$", o.text[: -len(key)])))
               for o in page):
            return line
    return candidates[0] if candidates else None
