"""What one article says that tells its event from another of the same kind.

Besides its words: the dates it gives (the first one near the top is taken as
its publication date when the importer had none), the years it names, the
people, places and organisations it names (capitalised name sequences: cheap
enough to run on every imported article, no model), and its figures
(magnitudes, scores, sums: numbers other than years and small counts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..text import _stop_words

_MONTH_NAMES = [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
                ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
                ("october", "oct"), ("november", "nov"), ("december", "dec")]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}

_MONTH = r"(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s*{_YEAR}\b", re.I),          # December 15th, 2008 / Nov 12 2011
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s*{_YEAR}\b", re.I),          # 12 November 2011
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),  # 2011-11-12
]
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?:\s*(?:million|billion|bn|m|mm|k|%|percent))?", re.I)
NAME = re.compile(r"\b[A-Z][\w'\-]*(?:\s+(?:of\s+|de\s+|al-\s*)?[A-Z][\w'\-]*)*")
NOT_NAMES = frozenset(
    list(MONTHS) + ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                    "mr", "mrs", "ms", "dr", "am", "pm", "ap", "said", "update", "updated", "photo"])
HEAD_CHARS = 400  # a publication date is given near the top (dateline, by-line)


@dataclass(frozen=True)
class ArticleFeatures:
    words: str           # the text the word vector is made from
    names: tuple[str, ...]
    figures: frozenset[str]
    years: frozenset[int]
    dates: frozenset[date]
    published: date | None


def parse_dates(text: str) -> list[tuple[int, date]]:
    """(offset, date) of every calendar date written in ``text``, in text order."""
    found: list[tuple[int, date]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = m.group("m")
            month_n = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
            try:
                found.append((m.start(), date(int(m.group("y")), month_n, int(m.group("d")))))
            except (TypeError, ValueError):
                continue
    return sorted(found)


def parse_published(value: str | None) -> date | None:
    """An importer's ``published`` value (ISO date or date-time, or a written date)."""
    if not value:
        return None
    m = re.match(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    dates = parse_dates(value)
    return dates[0][1] if dates else None


def _figure(raw: str) -> str | None:
    text = re.sub(r"\s+", "", raw.lower()).replace(",", "")
    number = re.match(r"[\d.]+", text).group(0)
    unit = text[len(number):]
    if YEAR.fullmatch(number) and not unit:
        return None  # a year, counted apart
    try:
        value = float(number)
    except ValueError:
        return None
    if value < 11 and "." not in number and not unit:
        return None  # small counts ("two", "3 people") say little about which event
    return text


def names_in(text: str) -> list[str]:
    """Capitalised name sequences, lower-cased, without sentence-initial common words."""
    stop = _stop_words()
    out = []
    for m in NAME.finditer(text):
        words = [w for w in m.group(0).split() if w.lower() not in stop and w.lower() not in NOT_NAMES]
        if words and not (len(words) == 1 and len(words[0]) < 3):
            out.append(" ".join(words).lower())
    return out


def extract(text: str, published: str | date | None = None) -> ArticleFeatures:
    """The event features of one article; ``published`` from the importer when it knew it."""
    dates = parse_dates(text)
    pub = published if isinstance(published, date) else parse_published(published)
    if pub is None:
        pub = next((d for at, d in dates if at < HEAD_CHARS), None)
    figures = frozenset(f for f in (_figure(m.group(0)) for m in NUMBER.finditer(text)) if f)
    years = frozenset(int(y) for y in YEAR.findall(text)) | ({pub.year} if pub else frozenset())
    return ArticleFeatures(text, tuple(names_in(text)), figures, frozenset(years),
                           frozenset(d for _, d in dates), pub)
