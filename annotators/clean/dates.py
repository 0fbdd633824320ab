"""Dates and times in page lines: finding, parsing and stripping them.
"""
from __future__ import annotations

import re
from datetime import date

from .shapes import _CLOCK_TIME, _DATE_PATTERNS


def _after_date_and_time(text: str) -> str | None:
    """What follows a date and a clock time that open the line ("29 May 2018
    - 12:17 Loni Prinsloo" -> "Loni Prinsloo"), else None."""
    date = next((m for m in (p.match(text) for p in _DATE_PATTERNS) if m), None)
    if date is None:
        return None
    time = _CLOCK_TIME.match(text[date.end():].lstrip(" ,|-–—/"))
    if time is None:
        return None
    rest = text[date.end():].lstrip(" ,|-–—/")[time.end():]
    return rest.strip(" ,|-–—/") or None


def _find_date(texts: list[str]) -> str | None:
    for text in texts:
        for pattern in _DATE_PATTERNS:
            match = pattern.search(text)
            if match:
                parsed = _parse_date(match.group(0))
                if parsed:
                    return parsed.isoformat()
    return None


def _parse_date(s: str) -> date | None:
    from dateutil import parser as dateparser_util

    try:
        return dateparser_util.parse(s.replace(".", " "), fuzzy=True).date()
    except (ValueError, OverflowError):
        return None


def _strip_dates_and_times(text: str) -> str:
    for pattern in _DATE_PATTERNS:
        text = pattern.split(text)[0]
    text = _CLOCK_TIME.split(text)[0]
    return text.strip(" ,|-–—/")


# An age at the end of a line: "5 days ago", "3h ago", "an hour ago".
_RELATIVE_TIME = re.compile(
    r"(?:(?:\ban?\s+|\d+\s*)(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?|years?)"
    r"\s+ago)\s*$", re.IGNORECASE)
