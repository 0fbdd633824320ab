"""Where the caret goes by word, sentence and paragraph, and where a search
matches: pure functions over the article text (character offsets), for the
reader's keyboard motions.  No UI.

- A *word* is a run of letters and digits, joined by a hyphen, an apostrophe
  or a full stop between two of them ("dual-use", "Biden's", "U.S", "8.5"):
  one press per word of the text, as it reads.
- A *sentence* ends after ``.``, ``!``, ``?`` or ``…`` (and any closing quotes
  or brackets) followed by white space and a capital, a digit or an opening
  quote, unless the full stop ends a common title or abbreviation ("Gen.",
  "Mr.", "U.S.", a single initial); and at every line break.
- A *paragraph* is a run of non-empty lines.
"""
from __future__ import annotations

import re

JOINERS = "-'’."
CLOSERS = "\"'”’)]»"
OPENERS = "\"'“‘([«"
ENDS = ".!?…"
# Full stops that do not end a sentence in news copy (case-insensitive, without the stop).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt cmdr adm sen rep gov pres st sr jr rev hon fr
no vs etc inc corp ltd co dept est approx jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u d.c a.m p.m
""".split())


def _is_word(text: str, i: int) -> bool:
    """Whether character ``i`` belongs to a word (a joiner between two word characters does)."""
    c = text[i]
    if c.isalnum():
        return True
    return (c in JOINERS and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum())


def next_word_start(text: str, offset: int) -> int:
    """The start of the next word after the one at ``offset`` (the end of the text if none)."""
    n = len(text)
    i = offset
    while i < n and _is_word(text, i):
        i += 1
    while i < n and not _is_word(text, i):
        i += 1
    return i


def previous_word_start(text: str, offset: int) -> int:
    """The start of the word before ``offset`` (or of the word it is inside)."""
    i = offset
    while i > 0 and not _is_word(text, i - 1):
        i -= 1
    while i > 0 and _is_word(text, i - 1):
        i -= 1
    return i


def word_end(text: str, offset: int) -> int:
    """The end of the word at or after ``offset``."""
    n = len(text)
    i = offset
    while i < n and not _is_word(text, i):
        i += 1
    while i < n and _is_word(text, i):
        i += 1
    return i


_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]»]*(?=\s+[\"'“‘(\[«]?[A-Z0-9])")


def _abbreviation(text: str, stop: int) -> bool:
    """The full stop at ``stop`` ends a title, abbreviation or initial."""
    if text[stop] != ".":
        return False
    start = stop
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:stop].casefold()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_starts(text: str) -> list[int]:
    """The offsets where sentences start, in order (0 first if the text has any)."""
    starts = {0} if text.strip() else set()
    for match in _CANDIDATE.finditer(text):
        if _abbreviation(text, match.start()):
            continue
        i = match.end()
        while i < len(text) and text[i].isspace():
            i += 1
        starts.add(i)
    at = text.find("\n")
    while at >= 0:
        i = at + 1
        while i < len(text) and text[i].isspace():
            i += 1
        if i < len(text):
            starts.add(i)
        at = text.find("\n", at + 1)
    first = next((i for i, c in enumerate(text) if not c.isspace()), None)
    if first is not None:
        starts.discard(0)
        starts.add(first)
    return sorted(starts)


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """The sentence holding ``offset``: (start, end), trailing white space left out."""
    starts = sentence_starts(text)
    start = max((s for s in starts if s <= offset), default=0)
    end = min((s for s in starts if s > offset), default=len(text))
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def next_sentence_start(text: str, offset: int) -> int:
    return min((s for s in sentence_starts(text) if s > offset), default=len(text))


def previous_sentence_start(text: str, offset: int) -> int:
    """The start of the sentence holding ``offset``, or of the one before if already at its start."""
    return max((s for s in sentence_starts(text) if s < offset), default=0)


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """The line (paragraph) holding ``offset``: (start, end) without its line break."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def next_paragraph_start(text: str, offset: int) -> int:
    """The start of the next non-empty line after ``offset``'s."""
    i = text.find("\n", offset)
    if i < 0:
        return len(text)
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def previous_paragraph_start(text: str, offset: int) -> int:
    """The start of ``offset``'s paragraph, or of the previous non-empty one if already there."""
    start, _ = paragraph_bounds(text, offset)
    if start < offset:
        return start
    i = start - 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return paragraph_bounds(text, i)[0] if i > 0 else 0


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text``, case and runs of white space ignored."""
    words = query.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]
