"""The people of one article, as a list a person can pick a speaker from."""
from __future__ import annotations

from typing import Sequence

from .align import fold_name


def _is_part_of(short: list[str], long: list[str]) -> bool:
    """``short``'s words appear in ``long``, in order: "Blinken" and "Antony
    Blinken" in "Antony J. Blinken"."""
    if len(short) >= len(long):
        return False
    rest = iter(long)
    return all(word in rest for word in short)


def fold_short_names(mentions: Sequence[tuple[str, int]]) -> list[str]:
    """Names from ``(name, times mentioned)`` in first-seen order, each short
    form folded into the one longer name it is part of ("Blinken" into
    "Antony Blinken", counts added), most mentioned first. A short form that
    fits two different people ("Smith": "Anna Smith" and "John Smith") stays
    as written: picking a speaker must never merge two people."""
    words = {name: fold_name(name).split() for name, _ in mentions}
    counts: dict[str, int] = {}
    for name, n in mentions:
        if not words[name]:
            continue
        holders = [other for other, _ in mentions if _is_part_of(words[name], words[other])]
        # "Blinken" is part of "Antony Blinken" and of "Antony J. Blinken": one
        # person if every holder is part of a single longest one.
        longest = [h for h in holders if not any(_is_part_of(words[h], words[o]) for o in holders)]
        target = longest[0] if len(longest) == 1 else name
        counts[target] = counts.get(target, 0) + n
    order = {name: k for k, (name, _) in enumerate(mentions)}
    return sorted(counts, key=lambda name: (-counts[name], order[name]))
