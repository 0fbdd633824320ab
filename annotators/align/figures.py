"""Figures about the same thing in several articles, flagged when they differ."""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Sequence

from .entities import _UnionFind
from .text import ArticleView, _stem, _stop_words, _words


FIGURE_LABELS = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY", "DATE"})
FIGURE_WINDOW = 8            # content words each side of a figure, within its sentence
FIGURE_MIN_SHARED = 2        # shared context stems for two figures to be "about the same thing"
FIGURE_MIN_OVERLAP = 0.25    # ... and that share of the smaller context
FIGURE_NEAR = 3              # content words each side that must share a stem (the head, roughly)

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "half": 0.5, "quarter": 0.25, "dozen": 12,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
           "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "thousands": 1e3, "millions": 1e6,
           "billions": 1e9}
_CURRENCIES = {"$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD",
               "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR", "£": "GBP", "pound": "GBP",
               "pounds": "GBP", "gbp": "GBP", "¥": "JPY", "yen": "JPY", "hryvnia": "UAH",
               "hryvnias": "UAH", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB"}
_DURATION_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
                   "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
                   "decade": "decade", "decades": "decade"}
_PLURAL_SCALES = frozenset({"dozens", "hundreds", "thousands", "millions", "billions"})
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_APPROX = re.compile(r"\b(?:over|more than|about|around|almost|nearly|roughly|some|up to|at least|"
                     r"less than|under|approximately|close to|just over|just under)\b", re.I)
_DATE_RANGE_WORDS = re.compile(r"\b(?:end|start|beginning|early|late|mid|middle|until|by)\b", re.I)

# Nouns that name the same thing in money reporting, folded to one concept so
# "$6bn in funding for military support" meets "$8bn in security assistance".
_CONCEPTS = {
    **dict.fromkeys(["aid", "assistance", "support", "funding", "funds", "fund", "package", "help",
                     "appropriated", "appropriation", "financing", "backing"], "#aid"),
    **dict.fromkeys(["military", "security", "defense", "defence", "weapons", "arms", "munitions"],
                    "#military"),
    **dict.fromkeys(["killed", "dead", "deaths", "died", "fatalities"], "#dead"),
    **dict.fromkeys(["injured", "wounded", "hurt", "injuries"], "#injured"),
}


@dataclass(frozen=True)
class FigureValue:
    kind: str                  # money | count | percent | duration | date | quantity
    value: float | tuple[int | None, int | None, int | None]
    unit: str | None = None
    approx: bool = False


def _parse_number(words: list[str]) -> float | None:
    """'8', '1,200', '8bn', 'half a billion', 'two and a half', '175 billion' -> float."""
    total, current, seen = 0.0, None, False
    for w in words:
        w = w.replace(",", "")
        if m := re.fullmatch(r"(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)?", w):
            scale = {"k": 1e3, None: 1.0}.get(m.group(2)) or _SCALES[m.group(2)]
            current = (current or 0) + float(m.group(1)) * scale
            seen = True
        elif w in ("a", "an"):
            current = 1 if current is None else current  # "a billion"; "half a billion" keeps the half
        elif w in _NUMBER_WORDS:
            current = (current or 0) + _NUMBER_WORDS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in _SCALES:
            total += (current if current is not None else 1) * _SCALES[w]
            current, seen = None, True
    if not seen:
        return None
    return total + (current or 0)


def _number_tokens(text: str) -> list[str]:
    t = text.lower().replace("-", " ")
    return re.findall(r"\d[\d,]*(?:\.\d+)?(?:mn|bn|tn|m|b|k)?\b|[a-z]+|[$€£¥%]", t)


def _parse_date(text: str) -> tuple[int | None, int | None, int | None] | None:
    t = text.lower().replace(".", " ")
    month = next((_MONTHS[w] for w in re.findall(r"[a-z]+", t) if w in _MONTHS), None)
    day_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b(?!\d)", t)
    year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", t)
    day = int(day_m.group(1)) if day_m and 1 <= int(day_m.group(1)) <= 31 else None
    year = int(year_m.group(1)) if year_m else None
    if month is None and year is None:
        return None  # "Wednesday", "next year": relative, nothing to compare
    if month is None:
        day = None
    return (year, month, day)


def parse_figure(text: str, label: str | None = None) -> FigureValue | None:
    """The value of a figure as written, or None when it has none to compare."""
    tokens = _number_tokens(text)
    # "thousands of troops" is an order of magnitude, not a count.
    approx = bool(_APPROX.search(text)) or any(w in _PLURAL_SCALES for w in tokens)
    if label == "DATE" or (label is None and any(w in _MONTHS for w in re.findall(r"[a-z]+", text.lower()))):
        unit = next((_DURATION_UNITS[w] for w in tokens if w in _DURATION_UNITS), None)
        if unit and (n := _parse_number(tokens)) is not None:
            return FigureValue("duration", n, unit, approx)
        date = _parse_date(text)
        return FigureValue("date", date, None, approx or bool(_DATE_RANGE_WORDS.search(text))) if date else None
    n = _parse_number(tokens)
    if n is None:
        return None
    currency = next((_CURRENCIES[w] for w in tokens if w in _CURRENCIES), None)
    if currency or label == "MONEY":
        return FigureValue("money", n, currency or "?", approx)
    if label == "PERCENT" or "%" in tokens or "percent" in tokens or ("per" in tokens and "cent" in tokens):
        return FigureValue("percent", n, "%", approx)
    unit = next((_DURATION_UNITS[w] for w in tokens if w in _DURATION_UNITS), None)
    if unit:
        return FigureValue("duration", n, unit, approx)
    if label == "QUANTITY":
        return FigureValue("quantity", n, tokens[-1] if tokens else None, approx)
    return FigureValue("count", n, None, approx)


def _values_differ(a: FigureValue, b: FigureValue) -> bool:
    if a.kind == "date":
        # A less specific date agrees with a more specific one ("January" / "January 20").
        return any(x is not None and y is not None and x != y for x, y in zip(a.value, b.value))
    if a.unit != b.unit and "?" not in (a.unit, b.unit):
        return True
    return not math.isclose(float(a.value), float(b.value), rel_tol=1e-6)


@dataclass(frozen=True)
class FigureMember:
    article: int
    start: int
    end: int
    text: str
    kind: str
    value: Any
    unit: str | None
    approx: bool

    def to_dict(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text,
                "kind": self.kind, "value": value, "unit": self.unit, "approx": self.approx}


@dataclass(frozen=True)
class FigureGroup:
    kind: str
    members: tuple[FigureMember, ...]
    context: tuple[str, ...]   # the context words the members share (why they were grouped)
    conflict: bool

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "conflict": self.conflict, "context": list(self.context),
                "members": [m.to_dict() for m in self.members]}


@dataclass
class _Figure:
    article: int
    start: int
    end: int
    text: str
    value: FigureValue
    context: frozenset[str]
    near: frozenset[str]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“A-Z0-9])|\n+")
_REGEX_FIGURE = re.compile(
    r"(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent|(?:m|bn|million|billion|trillion|thousand)\b))?")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=0)
    right_m = _SENTENCE_END.search(text, end)
    return left, right_m.start() if right_m else len(text)


def _context_stems(text: str, start: int, end: int) -> tuple[frozenset[str], frozenset[str]]:
    """Content words around a figure (same sentence, a few each side), stemmed,
    with money-reporting synonyms folded to a concept: the wide window, and the
    few words next to the figure (what it counts, roughly its head)."""
    left, right = _sentence_bounds(text, start, end)
    stop = _stop_words()

    def content(words: list[str]) -> list[str]:
        return [_CONCEPTS.get(w, _stem(w)) for w in words
                if w not in stop and not w.isdigit() and w not in _NUMBER_WORDS and w not in _SCALES
                and w not in _CURRENCIES and w not in _MONTHS and len(w) > 1]

    before = content(_words(text[left:start]))
    after = content(_words(text[end:right]))
    wide = before[-FIGURE_WINDOW:] + after[:FIGURE_WINDOW]
    near = before[-FIGURE_NEAR:] + after[:FIGURE_NEAR]
    return frozenset(wide), frozenset(near)


def _figure_spans(art: ArticleView) -> list[tuple[int, int, str | None]]:
    spans = [(s.start, s.end, s.label) for s in art.spans_of("entity") if s.label in FIGURE_LABELS]
    if spans or any(s.kind == "entity" for s in art.spans):
        return spans
    # No NER ran on this article: plain numbers found by pattern.
    return [(m.start(), m.end(), None) for m in _REGEX_FIGURE.finditer(art.text)]


def _figures_of(articles: Sequence[ArticleView]) -> list[_Figure]:
    figures = []
    for art in articles:
        for start, end, label in _figure_spans(art):
            text = art.text[start:end]
            value = parse_figure(text, label)
            if value is None:
                continue
            figures.append(_Figure(art.id, start, end, text, value, *_context_stems(art.text, start, end)))
    return figures


def _figures_related(a: _Figure, b: _Figure) -> bool:
    if a.article == b.article or a.value.kind != b.value.kind:
        return False
    shared = a.context & b.context
    smaller = min(len(a.context), len(b.context)) or 1
    # Two sentences on one topic share words anywhere; the same figure also
    # shares something right next to it ("two-way street" vs "thousands of troops").
    return (len(shared) >= FIGURE_MIN_SHARED and len(shared) / smaller >= FIGURE_MIN_OVERLAP
            and bool(a.near & b.near))


def _candidate_figure_pairs(figures: list[_Figure]) -> set[tuple[int, int]]:
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(figures):
        for stem in f.context:
            index[(f.value.kind, stem)].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in index.values():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                shared[(ids[x], ids[y])] += 1
    return {p for p, n in shared.items() if n >= FIGURE_MIN_SHARED}


def compare_figures(articles: Sequence[ArticleView]) -> list[FigureGroup]:
    """Figures in different articles whose contexts say they measure the same
    thing; ``conflict`` when their values differ. Conflicts first."""
    figures = _figures_of(articles)
    uf = _UnionFind(len(figures))
    for i, j in _candidate_figure_pairs(figures):
        if _figures_related(figures[i], figures[j]):
            uf.union(i, j)
    groups = []
    for idx in uf.groups():
        members = sorted((figures[i] for i in idx), key=lambda f: (f.article, f.start))
        if len({f.article for f in members}) < 2:
            continue
        conflict = any(_values_differ(members[0].value, f.value) for f in members[1:])
        shared = frozenset.intersection(*(f.context for f in members))
        groups.append(FigureGroup(
            members[0].value.kind,
            tuple(FigureMember(f.article, f.start, f.end, f.text, f.value.kind, f.value.value,
                               f.value.unit, f.value.approx) for f in members),
            tuple(sorted(shared)),
            conflict,
        ))
    groups.sort(key=lambda g: (not g.conflict, g.members[0].article, g.members[0].start))
    return groups
