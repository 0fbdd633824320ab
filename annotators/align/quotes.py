"""The same (or nearly the same) quote in several articles, with a word diff."""
from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Sequence

from rapidfuzz import fuzz

from ..types import Span
from .entities import EntityGroup, _UnionFind, _resolve_name, group_entities
from .text import ArticleView, _words


DiffOp = tuple[str, str, str]

QUOTE_MIN_WORDS = 4          # shorter quotes are scare quotes: pair only when (nearly) identical
QUOTE_NEAR_EQUAL = 85        # fuzz.ratio on normalised text: same quote, a word or two changed
QUOTE_CONTAINED = 90         # fuzz.partial_ratio: the shorter quote inside the longer one
QUOTE_SHINGLE = 3            # candidate pairs share a run of this many words


@dataclass(frozen=True)
class QuoteMember:
    article: int
    start: int
    end: int
    text: str
    speaker: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end,
                "text": self.text, "speaker": self.speaker}


@dataclass(frozen=True)
class QuoteGroup:
    speaker: str | None
    members: tuple[QuoteMember, ...]
    diff: list[DiffOp]
    score: float = 0.0      # similarity of the closest pair (0-100); 0 for a singleton

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({m.article for m in self.members}))

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "members": [m.to_dict() for m in self.members],
                "diff": [list(op) for op in self.diff]}


_QUOTE_MARKS = "\"'“”‘’«»„ \n\t"


def _quote_bounds(art: ArticleView, span: Span) -> tuple[int, int]:
    """The span without its quotation marks and edge whitespace (spans may or
    may not include the marks), so member offsets and text always agree."""
    start, end = span.start, span.end
    while start < end and art.text[start] in _QUOTE_MARKS:
        start += 1
    while end > start and art.text[end - 1] in _QUOTE_MARKS:
        end -= 1
    return start, end


def word_diff(a: str, b: str) -> list[DiffOp]:
    """Word-level diff of two quotes: matched on normalised words, reported in
    the original spelling."""
    sa, sb = a.split(), b.split()
    na = [" ".join(_words(w)) for w in sa]
    nb = [" ".join(_words(w)) for w in sb]
    matcher = difflib.SequenceMatcher(None, na, nb, autojunk=False)
    return [(op, " ".join(sa[i1:i2]), " ".join(sb[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()]


@dataclass
class _Quote:
    art: ArticleView
    span: Span
    start: int
    end: int
    text: str
    words: list[str]

    @property
    def norm(self) -> str:
        return " ".join(self.words)


def _quote_score(a: _Quote, b: _Quote) -> float:
    """How surely two quotes are the same words; 0 when they aren't."""
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if len(short.words) < QUOTE_MIN_WORDS:
        # Length guard: "strength" is inside many quotes without being one of them.
        same_length = len(long_.words) <= len(short.words) + 1
        return fuzz.ratio(a.norm, b.norm) if same_length and fuzz.ratio(a.norm, b.norm) >= 90 else 0.0
    ratio = fuzz.ratio(a.norm, b.norm)
    if ratio >= QUOTE_NEAR_EQUAL:
        return ratio
    contained = fuzz.partial_ratio(short.norm, long_.norm)
    return contained if contained >= QUOTE_CONTAINED else 0.0


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    n = QUOTE_SHINGLE
    if len(words) < n:
        return {tuple(words)}
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _candidate_quote_pairs(quotes: list[_Quote]) -> set[tuple[int, int]]:
    # Inverted index on word 3-grams: only quotes sharing one are scored, so a
    # story of many articles with many quotes is not quadratic in rapidfuzz calls.
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        for sh in _shingles(q.words):
            index[sh].append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in index.values():
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = ids[x], ids[y]
                if quotes[i].art.id != quotes[j].art.id:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def _quotes_of(articles: Sequence[ArticleView]) -> list[_Quote]:
    quotes = []
    for art in articles:
        for span in sorted(art.spans_of("quote"), key=lambda s: s.start):
            start, end = _quote_bounds(art, span)
            text = art.text[start:end]
            if words := _words(text):
                quotes.append(_Quote(art, span, start, end, text, words))
    return quotes


def _quote_group(members: list[_Quote], best_pair: tuple[_Quote, _Quote] | None, score: float,
                 entities: Sequence[EntityGroup]) -> QuoteGroup:
    ordered = sorted(members, key=lambda q: (q.art.id, q.span.start))
    speakers = [_resolve_name(q.span.attrs.get("speaker"), entities) for q in ordered]
    qm = tuple(QuoteMember(q.art.id, q.start, q.end, q.text, s) for q, s in zip(ordered, speakers))
    named = Counter(s for s in speakers if s)
    speaker = named.most_common(1)[0][0] if named else None
    diff: list[DiffOp] = []  # a singleton has nothing to differ from
    if best_pair is not None:
        # Groups of 3+ show the diff of their closest pair; the members carry the rest.
        a, b = sorted(best_pair, key=lambda q: (q.art.id, q.span.start))
        diff = word_diff(a.text, b.text)
    return QuoteGroup(speaker, qm, diff, round(score, 1))


def align_quotes(articles: Sequence[ArticleView], entities: Sequence[EntityGroup] | None = None) -> list[QuoteGroup]:
    """Quotes grouped across articles (singletons for quotes only one article
    has); shared quotes first, then by article and position."""
    quotes = _quotes_of(articles)
    entities = group_entities(articles) if entities is None else entities
    uf = _UnionFind(len(quotes))
    best: dict[int, tuple[float, int, int]] = {}
    for i, j in _candidate_quote_pairs(quotes):
        score = _quote_score(quotes[i], quotes[j])
        if score > 0:
            uf.union(i, j)
            best[i] = max(best.get(i, (0, i, j)), (score, i, j))
            best[j] = max(best.get(j, (0, i, j)), (score, i, j))
    groups = []
    for idx in uf.groups():
        pair_scores = [best[i] for i in idx if i in best]
        if pair_scores:
            score, i, j = max(pair_scores)
            groups.append(_quote_group([quotes[k] for k in idx], (quotes[i], quotes[j]), score, entities))
        else:
            groups.append(_quote_group([quotes[k] for k in idx], None, 0.0, entities))
    groups.sort(key=lambda g: (-len(g.articles), g.members[0].article, g.members[0].start))
    return groups
