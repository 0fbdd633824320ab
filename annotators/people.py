"""The people of one article, as a list a person can pick a speaker from."""
from __future__ import annotations

import re
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


_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_SENTENCE_END = ".!?:;\"'”’)…"


def strip_possessive(name: str) -> str:
    """"Donald Trump's" -> "Donald Trump"; "Jones'" -> "Jones"."""
    stripped = _POSSESSIVE.sub(lambda m: "s" if m.group(0).startswith("s") else "", name.strip())
    return stripped or name.strip()


def is_heading(line: str) -> bool:
    """A headline or section heading: a short line, mostly capitalised words,
    not ending as a sentence does."""
    words = line.split()
    if not words or len(words) > 14 or line.rstrip()[-1] in _SENTENCE_END:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or not w[0].isalpha())
    return capitalised / len(words) >= 0.6


def speaker_choices(text: str, mentions: Sequence[tuple[str, int, bool]]) -> list[str]:
    """The names a speaker can be picked from: ``(name, offset, is a mention
    in the text)`` in text order (quote speakers: not a mention).  A
    possessive is dropped; a name the text has only in headings ("Ukraine
    Support", a headline's "Blinken's Strategic Discussions") is no person;
    the rest folded by ``fold_short_names``."""
    counts: dict[str, int] = {}
    in_text: set[str] = set()
    for name, offset, mention in mentions:
        name = strip_possessive(name)
        if not name:
            continue
        counts[name] = counts.get(name, 0) + 1
        if not mention:
            in_text.add(name)
            continue
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        if not is_heading(text[start:len(text) if end < 0 else end]):
            in_text.add(name)
    return fold_short_names([(name, n) for name, n in counts.items() if name in in_text])


def fold_speakers(names: Sequence[str]) -> dict[str, str]:
    """Each speaker name as written -> the one name its person goes by, for
    counting across articles: spellings equal under ``fold_name`` (case,
    accents, possessives, transliteration) are one, written as most often;
    a short form is folded into the one longer name it is part of
    ("Blinken" -> "Antony Blinken"), as ``fold_short_names`` does, and stays
    as written when it fits two people ("Smith": "Anna Smith", "John Smith")."""
    spellings: dict[str, dict[str, int]] = {}
    key_of: dict[str, str] = {}
    for name in names:
        written = strip_possessive(name)
        key = fold_name(written)
        if not key:
            continue
        key_of[name] = key
        seen = spellings.setdefault(key, {})
        seen[written] = seen.get(written, 0) + 1
    words = {key: key.split() for key in spellings}
    target: dict[str, str] = {}
    for key in spellings:
        holders = [other for other in spellings if _is_part_of(words[key], words[other])]
        longest = [h for h in holders if not any(_is_part_of(words[h], words[o]) for o in holders)]
        target[key] = longest[0] if len(longest) == 1 else key
    shown = {key: max(seen, key=lambda s: (seen[s], len(s))) for key, seen in spellings.items()}
    return {name: shown[target[key]] for name, key in key_of.items()}
