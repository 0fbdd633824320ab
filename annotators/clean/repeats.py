"""Lines printed more than once on a page: chrome outside the article, the
article's own structure inside it.

A menu, a share bar or a list of other stories printed twice is chrome, and
repetition is the only sign some of it gives (a section name, "Play Now").
But an article can repeat its own lines too: a meal plan's "Lunch" under
every day, a schedule's "Eat every 2-3 hours", an interview's question put
to each guest. Repetition alone is therefore weak evidence: it ends a run
of paragraphs only where the page shows something else ends it, and a line
whose every print lies inside the article is the article's.
"""
from __future__ import annotations

from .lines import _Line, _classify
from .shapes import _LIST_ITEM, _without_list_marker


# An article's own repeated lines come from its structure (each day, plan
# or guest gets the same headings), so three prints or more; a box of links
# or a photo credit printed twice is the page's.
_TEMPLATE_PRINTS = 3


def repeat_only(lines: list[_Line]) -> dict[int, int]:
    """Index -> number of prints, for the chrome lines whose only sign of
    chrome is that they are printed more than once on the page (not items
    of a list: a bulleted list repeated is a menu's, and link lists have
    their own rule)."""
    keys = [_key(line) for line in lines]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return {line.index: counts[key] for pos, (line, key) in enumerate(zip(lines, keys))
            if line.kind == "chrome" and counts[key] > 1 and not _in_a_list(lines, pos)
            and _classify(line.text, False) != "chrome"}


def _in_a_list(lines: list[_Line], pos: int) -> bool:
    """A list item with another item next to it (a menu's entries come in
    lists; the article's "* Buy it now" under each product stands alone)."""
    if not _LIST_ITEM.match(lines[pos].text):
        return False
    return any(0 <= at < len(lines) and _LIST_ITEM.match(lines[at].text) for at in (pos - 1, pos + 1))


_CLOSE_PRINTS = 2


def repeats_inside(lines: list[_Line], first: int, last: int, soft: dict[int, int]) -> set[int]:
    """Indices of the lines between ``first`` and ``last`` (positions) that
    are chrome by repetition alone and whose every print lies inside that
    stretch, never two prints within a line of each other (a doubled line
    is a picture's alt text and caption, or a link's image and its title,
    maybe with its section label between)."""
    wanted = {_key(lines[pos]) for pos in range(first, last + 1) if lines[pos].index in soft}
    if not wanted:
        return set()
    prints: dict[str, list[int]] = {}
    for pos, line in enumerate(lines):
        if (key := _key(line)) in wanted:
            prints.setdefault(key, []).append(pos)
    kept = set()
    for pos in range(first, last + 1):
        line = lines[pos]
        if line.index not in soft:
            continue
        at = prints[_key(line)]
        if all(first <= p <= last for p in at) and all(b - a > _CLOSE_PRINTS for a, b in zip(at, at[1:])):
            kept.add(line.index)
    return kept


def only_repeats(between: list[_Line], soft: dict[int, int]) -> bool:
    """A stretch holding nothing but lines of no kind (short) and lines that
    are chrome by repetition alone, one of them a template's (three prints
    or more): no sign that the article stops there."""
    return (all(l.kind == "short" or l.index in soft for l in between)
            and any(soft.get(l.index, 0) >= _TEMPLATE_PRINTS for l in between))


def _key(line: _Line) -> str:
    return _without_list_marker(line.text).casefold()
