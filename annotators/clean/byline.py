"""The byline field: a person or a desk named above or below the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .shapes import _BYLINE_PREFIX, _MONTHS, _NAME_PARTICLES, _NAV_WORDS, _ORG_SUFFIX, _words
from .lines import _Line
from .dates import _after_date_and_time, _strip_dates_and_times


def _is_person_name(text: str) -> bool:
    """2-4 capitalised words, optionally after "By": a byline on its own."""
    words = _BYLINE_PREFIX.sub("", text).strip().split()
    if not 2 <= len(words) <= 4:
        return False
    # "Gauteng Premier Panyaza Lesufi.": a caption sentence ends in a full
    # stop, a name only after an initial or "Jr."
    if re.search(r"[^\W\d_]{3,}\.$", words[-1]) and words[-1].casefold() not in {"jr.", "sr."}:
        return False
    if any(w.casefold().strip("'’") in _NAV_WORDS for w in words):
        return False
    for w in words:
        if w.lower() in _NAME_PARTICLES:
            continue
        # Glued capitals ("PicturesReuters") are menu items run together.
        if (not re.fullmatch(r"[A-ZÀ-Þ][\w'’.-]*", w) or any(c.isdigit() for c in w)
                or re.search(r"[a-z][A-Z]", w)):
            return False
    return True


@dataclass(frozen=True)
class _Byline:
    line: _Line
    byline: str
    source: str | None


def _parse_byline(line: _Line) -> _Byline | None:
    """ "by The X news desk Nov 13, 2024", "- By Jane Doe The Associated Press",
    "Jane Doe", "Reuters Staff"."""
    text = line.text.strip(" -–—•*")
    after_date = _after_date_and_time(text)
    if after_date and _is_person_name(after_date):
        text = after_date  # "29 May 2018 - 12:17 Loni Prinsloo"
    explicit = _BYLINE_PREFIX.match(text) is not None
    if not explicit and not _is_person_name(text) and not _is_desk_name(text):
        return None
    name = _strip_partial_dates(_strip_dates_and_times(_BYLINE_PREFIX.sub("", text)))
    if not name or len(_words(name)) > 10:
        return None
    source = None
    org = _ORG_SUFFIX.search(name)
    if org:
        source = name[: org.start()].strip() or None
    elif " The " in name:  # "Jane Doe The Associated Press"
        name, org_name = name.split(" The ", 1)
        source = "The " + org_name
    return _Byline(line, name.strip(), source)


def _is_desk_name(text: str) -> bool:
    """An outlet's desk as the byline: "NewsDrum Desk", "HT Newsroom" (2-4
    capitalised words, the last a desk word; the outlet's name may be
    written in camel case, which _is_person_name takes for glued menus)."""
    words = text.split()
    return (2 <= len(words) <= 4 and all(re.fullmatch(r"[A-Z][\w'’&.-]*", w) for w in words)
            and _ORG_SUFFIX.search(text) is not None
            and not any(w.casefold() in _NAV_WORDS for w in words))


# Dates without a year, and the icon labels pasted next to them, cut off a
# byline: "SFC Media time Fri 25 Apr Men's First team" -> "SFC Media".
_PARTIAL_DATE = re.compile(
    rf"\b(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+"
    rf"(?=\d|{_MONTHS}\b)|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b)")


_ICON_LABELS = re.compile(r"(?:\s+(?:time|clock|calendar|icon|date|posted|published|updated|on|at))+\s*$",
                          re.IGNORECASE)


def _strip_partial_dates(name: str) -> str:
    match = _PARTIAL_DATE.search(name)
    if match and match.start() > 0:
        name = name[: match.start()]
        name = _ICON_LABELS.sub("", name.rstrip(" ,|-–—/")) or name
    return name.strip(" ,|-–—/")


def _find_byline(candidates: list[_Line]) -> _Byline | None:
    for line in candidates:
        if line.kind in ("short", "chrome"):
            found = _parse_byline(line)
            if found:
                return found
    return None
