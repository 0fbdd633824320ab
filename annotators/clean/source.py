"""The source field: the outlet or agency the page credits.
"""
from __future__ import annotations

import re

from .shapes import (
    _BYLINE_PREFIX, _CLOCK_TIME, _COPYRIGHT, _DATE_PATTERNS, _MONTHS, _NAV_WORDS, _PROMPT_WORDS,
    _TAIL_MARKER, _WEEKDAYS, _words,
)
from .lines import _Line
from .dates import _RELATIVE_TIME, _strip_dates_and_times
from .byline import _Byline, _is_person_name


def _find_dateline_source(lines: list[_Line]) -> str | None:
    """Outlet named ahead of a dateline: "Xinhua, June 7, 2015",
    "Reuters | Ankara | Updated: ...", "RNZ News5 days ago"."""
    for line in lines:
        if line.kind == "prose":
            continue
        text = line.text
        if " | " in text and (_CLOCK_TIME.search(text) or any(p.search(text) for p in _DATE_PATTERNS)
                              or re.search(r"\b\d{1,2}-\d{1,2}-\d{4}\b", text)):
            prefix = text.split(" | ", 1)[0]
        elif any(p.search(text) for p in _DATE_PATTERNS):
            prefix = _strip_dates_and_times(text)
            # "Published: March 27, 2012", "Date: September 19, 2016": a
            # label ending in a colon names the field, not the outlet.
            if prefix == text.strip(" ,|-–—/") or prefix.endswith(":"):
                continue
        elif _RELATIVE_TIME.search(text):
            # "RNZ News5 days ago": the outlet's name may end in a section
            # word ("News"), so only a name made of nothing else is refused,
            # and so is a person's name (a byline with its age).
            prefix = text[: _RELATIVE_TIME.search(text).start()].strip(" ,|-–—·•")
            words = prefix.split()
            if (1 <= len(words) <= 4 and not _BYLINE_PREFIX.match(prefix) and not _is_person_name(prefix)
                    and all(re.fullmatch(r"[A-Z][\w&'’.-]*", w) for w in words)
                    and not all(w.casefold().strip(".") in _NAV_WORDS | _WEEKDAYS for w in words)):
                return prefix
            continue
        else:
            continue
        prefix = prefix.strip(" ,|-–—:")
        words = prefix.split()
        if (1 <= len(words) <= 4 and not _BYLINE_PREFIX.match(prefix)
                and all(re.fullmatch(r"[A-Z][\w&'’.-]*", w) for w in words)
                and not any(w.casefold().strip(".") in _NAV_WORDS | _WEEKDAYS for w in words)):
            return prefix
    return None


# Wire dateline opening the first paragraph: "New Delhi, Jan 17 (PTI) A fire
# ...", "DENGKIL, May 27 (Bernama) —", "LONDON (Reuters) -". Without a date
# the place must be in capitals ("The United Nations (UN) Secretary ..." is
# not a dateline).
_WIRE_DATELINE = re.compile(
    rf"^(?:[A-Z][\w.'’ -]{{1,40}},\s+(?:{_MONTHS}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTHS}\.?(?:\s+\d{{4}})?)"
    rf"|[A-Z][A-Z.'’ -]{{1,40}})\s*\(([A-Z][\w&.'’ -]{{1,30}})\)")


# Agency sign-off closing the last paragraph: "... in China. (NAN)",
# "... he said. — MANA", "... their rights.” -- BERNAMA".
_TRAILING_CREDIT = re.compile(
    r"[.!?”\"’)]\s*(?:\(([A-Z]{2,10})\)|(?:--|[—–])\s*([A-Z][A-Za-z]{1,15}))\s*$")


# The sign-off on a line of its own: "-- BERNAMA", "— MANA".
_SIGN_OFF_LINE = re.compile(r"^(?:--|[—–-])\s*([A-Z][\w&.'’]*(?:\s+[A-Z][\w&.'’]*){0,3})\s*$")


# "Source: National News Agency", "Via: Adomonline".
_SOURCE_LABEL = re.compile(r"^(?:source|via)\s*:\s*(\S.{0,60}?)\.?$", re.IGNORECASE)


# The outlet and the place it files from, on the line under the byline:
# "Hindustan Times, New Delhi", "Press Trust of India, Mumbai".
_OUTLET_AND_PLACE = re.compile(
    r"([A-Z][\w&'’.-]*(?:\s+(?:of|the|and|[A-Z][\w&'’.-]*)){0,4}),\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")


# Section labels printed in capitals above a story, never an agency.
_LABEL_WORDS = {"exclusive", "breaking", "watch", "opinion", "analysis", "editorial",
                "feature", "features", "review", "photos", "photo", "ad", "ads", "statement"}


def _find_source(lines: list[_Line], kept: list[_Line], header: list[_Line],
                 after: list[_Line], byline: _Byline | None) -> str | None:
    """Outlet or agency credited on the page, most explicit credit first:
    the wire dateline, the byline's outlet, a "Source:" line, an agency
    sign-off, an agency alone above the body, an outlet ahead of a dateline,
    a copyright notice, an outlet name alone on the page's last line."""
    def wire() -> str | None:
        match = _WIRE_DATELINE.match(kept[0].text) if kept else None
        return match.group(1).strip() if match else None

    def labelled() -> str | None:
        kept_ids = {id(l) for l in kept}
        for line in lines:
            match = _SOURCE_LABEL.match(line.text) if id(line) not in kept_ids else None
            if match and len(match.group(1).split()) <= 6 and not _PROMPT_WORDS.search(match.group(1)):
                return match.group(1).strip()
        return None

    def sign_off() -> str | None:
        match = _TRAILING_CREDIT.search(kept[-1].text) if kept else None
        if match:
            return match.group(1) or match.group(2)
        match = _SIGN_OFF_LINE.match(after[0].text) if after else None
        if match and not _is_label(match.group(1)):
            return match.group(1)
        return None

    def published_in() -> str | None:
        # "Published in Dawn, September 27th, 2024", "First published in The Age"
        for line in after[:4]:
            match = _PUBLISHED_IN.match(line.text.strip())
            if match and not _is_label(match.group(1)):
                return match.group(1).strip()
        return None

    def agency_above() -> str | None:
        # "MANA" alone between a photo caption and the first paragraph.
        for line in list(reversed(header))[:2]:
            if (re.fullmatch(r"[A-Z]{2,8}", line.text) and line.kind in ("short", "chrome")
                    and not _is_label(line.text)):
                return line.text
        return None

    def last_line_outlet() -> str | None:
        # "Vanguard" alone on the page's last line, right after the body.
        if len(after) != 1 or after[0].kind != "short" or (byline and byline.line is after[0]):
            return None
        words = after[0].text.split()
        if (1 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][\w&'’.-]*", w) for w in words)
                and not any(_is_label(w) for w in words)):
            return after[0].text
        return None

    def outlet_under_byline() -> str | None:
        if byline is None:
            return None
        position = next((i for i, line in enumerate(lines) if line is byline.line), None)
        for line in lines[position + 1: position + 3] if position is not None else ():
            if line.text.strip() == byline.line.text.strip():
                continue  # the byline printed twice
            match = _OUTLET_AND_PLACE.fullmatch(line.text.strip())
            outlet = match.group(1) if match else ""
            if outlet.isupper() and " " not in outlet and len(outlet) > 5:
                return None  # "WASHINGTON, D.C.": a dateline on its own line, not an outlet
            if (match and line.kind != "prose" and match.group(1) != byline.byline
                    and not _is_label(match.group(1)) and not any(p.search(line.text) for p in _DATE_PATTERNS)):
                return match.group(1)
            return None
        return None

    for finder in (wire, lambda: byline.source if byline else None, labelled, sign_off, published_in,
                   agency_above, lambda: _find_dateline_source(lines), outlet_under_byline,
                   lambda: _find_copyright_source(after), last_line_outlet):
        found = finder()
        if found:
            return found
    return None


# The paper's own credit under an article: "Published in Dawn, September 27th, 2024".
_PUBLISHED_IN = re.compile(
    r"^(?i:(?:first |originally )?(?:published|printed|appeared) (?:in|by) (?:the print edition of )?)"
    r"((?:The )?[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,4})(?:,|\s+on\b|\.?$)")


def _is_label(text: str) -> bool:
    key = text.casefold().strip(" .:")
    return (key in _NAV_WORDS or key in _LABEL_WORDS or _PROMPT_WORDS.search(text) is not None
            or _TAIL_MARKER.search(text) is not None)


def _find_copyright_source(lines: list[_Line]) -> str | None:
    for line in reversed(lines):
        match = _COPYRIGHT.search(line.text)
        if match and len(_words(line.text)) <= 10:
            return match.group(1).strip()
    return None
