"""Side-by-side comparison of several reports of one story.

Pure functions over articles and their spans (no store, no UI):

* ``group_entities``  - one person/organisation/place across spellings;
* ``align_quotes``    - the same (or nearly the same) quote in several articles,
  with a word diff;
* ``compare_figures`` - figures about the same thing, flagged when they differ;
* ``align_passages``  - monotone paragraph alignment of two articles;
* ``cluster_stories`` - which articles report the same story (TF-IDF cosine);
* ``compare``         - all of the above bundled, with ``to_dict()`` for JSON.

Everything here is a candidate list for an editor: thresholds favour precision.
"""
from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .types import Span

__all__ = [
    "ArticleView", "EntityGroup", "QuoteMember", "QuoteGroup", "FigureMember", "FigureGroup",
    "Comparison", "group_entities", "align_quotes", "compare_figures", "align_passages",
    "split_paragraphs", "cluster_stories", "story_similarities", "compare", "fold_name",
]


@dataclass(frozen=True)
class ArticleView:
    id: int
    title: str | None
    source: str | None
    text: str
    spans: tuple[Span, ...] = ()

    def spans_of(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]


# --------------------------------------------------------------------------- text helpers

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    """Lower-cased word tokens; curly apostrophes straightened so we're == we’re."""
    return _WORD.findall(_strip_accents(text.translate(_APOSTROPHES)).lower())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    # spaCy lists "n't"-style tokens with curly apostrophes too; our tokens are straight.
    return frozenset(w.translate(_APOSTROPHES).lower() for w in STOP_WORDS)


def _stem(word: str) -> str:
    # Truncation stemming: cheap and good enough to make ukraine/ukrainian,
    # inaugurated/inauguration, military/militarily meet.
    return word[:5]


# --------------------------------------------------------------------------- entities

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Short lowercase words inside names that don't count as initials of acronyms.
_NAME_PARTICLES = frozenset({"of", "the", "and", "for", "in", "on", "de", "la", "du", "van", "von", "der"})

# Common Latin-script transliteration variants, applied in order to a
# lower-cased, accent-free name: the point is that two romanisations of one
# Cyrillic/Arabic name fold to the same string, not that the fold is readable.
_TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    (r"ph", "f"),
    (r"w", "v"),
    (r"kh", "h"),
    (r"tz", "ts"),
    (r"(?<=[aeiou])j", "i"),        # Sergej/Sergei
    (r"y", "i"),                    # Andriy/Andrii, Zelenskyy/Zelenskiy, Yevhen/Ievhen
    (r"(?<![cszt])h", "g"),         # Ukrainian h vs Russian g: Sybiha/Sybiga, Hennadiy/Gennadiy
    (r"ie(?=[a-z])", "e"),          # Ievgen/Evgen (after y->i)
    (r"ou", "u"),                   # Iouri/Yuri
    (r"ck", "k"),
    (r"([a-z])\1+", r"\1"),         # double letters: Zelenskii, Sybiha/Sybbiha
)
_TRANSLIT = tuple((re.compile(p), r) for p, r in _TRANSLIT_RULES)


def fold_name(name: str) -> str:
    """A matching key for a name: case, accents, dots, possessives, whitespace
    and common transliteration variants folded away."""
    s = _strip_accents(name.translate(_APOSTROPHES)).lower()
    s = re.sub(r"'s\b|'$", "", s)
    s = s.replace(".", "")
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    for pattern, repl in _TRANSLIT:
        s = pattern.sub(repl, s)
    return s


def _display_name(surface: str) -> str:
    """The spelling an editor reads: one line, single spaces, no possessive or leading 'the'."""
    s = surface.split("\n")[0]
    s = re.sub(r"\s+", " ", s.translate({0x2019: "'"})).strip()
    s = re.sub(r"'s$|'$", "", s)
    return re.sub(r"^(?:the)\s+", "", s, flags=re.I).strip()


@dataclass(frozen=True)
class EntityGroup:
    name: str
    label: str
    variants: tuple[str, ...]
    mentions: dict[int, int]
    articles: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "variants": list(self.variants),
                "in": list(self.articles)}


class _NameCluster:
    """Mentions sharing one folded key; merged into each other by union-find."""

    def __init__(self, key: str, order: int):
        self.key = key
        self.tokens = key.split()
        self.order = order  # first appearance, for stable tie-breaking
        self.surfaces: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self.mentions: Counter[int] = Counter()

    @property
    def total(self) -> int:
        return sum(self.mentions.values())

    @property
    def majority_label(self) -> str:
        return self.labels.most_common(1)[0][0]


def _collect_name_clusters(articles: Sequence[ArticleView]) -> list[_NameCluster]:
    clusters: dict[str, _NameCluster] = {}
    for art in articles:
        for span in art.spans_of("entity"):
            if span.label not in NAME_LABELS:
                continue
            display = _display_name(span.text_in(art.text))
            key = fold_name(display)
            if not key or not re.search(r"[a-z]", key):
                continue
            cluster = clusters.setdefault(key, _NameCluster(key, len(clusters)))
            cluster.surfaces[display] += 1
            cluster.labels[span.label] += 1
            cluster.mentions[art.id] += 1
    return list(clusters.values())


def _tokens_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two multi-word names of one entity: same words (fuzzily, for spelling
    slips the fold misses), or the shorter is the tail of the longer
    ("nato chief mark rutte" / "mark rutte", "president joe biden" / "joe biden")."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == len(long_):
        return all(fuzz.ratio(x, y) >= 85 for x, y in zip(short, long_))
    tail = long_[-len(short):]
    return all(fuzz.ratio(x, y) >= 85 for x, y in zip(short, tail))


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return list(out.values())


def _merge_multiword(clusters: list[_NameCluster], uf: _UnionFind) -> None:
    # Block on the last word (surname / head noun) so this stays ~linear:
    # candidates are clusters whose last words are near-equal.
    multi = [i for i, c in enumerate(clusters) if len(c.tokens) >= 2]
    by_last: dict[str, list[int]] = defaultdict(list)
    for i in multi:
        by_last[clusters[i].tokens[-1]].append(i)
    lasts = list(by_last)
    if not lasts:
        return
    sim = process.cdist(lasts, lasts, scorer=fuzz.ratio, score_cutoff=85, workers=1)
    for x, y in zip(*np.nonzero(sim)):
        if x > y:
            continue
        for i in by_last[lasts[x]]:
            for j in by_last[lasts[y]]:
                if i < j and _tokens_compatible(clusters[i].tokens, clusters[j].tokens):
                    uf.union(i, j)


def _person_like(c: _NameCluster) -> bool:
    # The small model often tags a bare surname GPE or ORG ("Blinken", "Trump");
    # any PERSON vote, or a non-place majority, lets it attach to a full name.
    return "PERSON" in c.labels or c.majority_label not in PLACE_LABELS


def _attach_single_words(clusters: list[_NameCluster], uf: _UnionFind) -> None:
    """A bare surname joins the full name ending in it; if several full names
    end in it (Joe Biden, Hunter Biden), the most mentioned one."""
    full_by_last: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if len(c.tokens) >= 2 and c.labels.get("PERSON", 0) > 0:
            full_by_last[c.tokens[-1]].append(i)
    for i, c in enumerate(clusters):
        if len(c.tokens) != 1 or not _person_like(c):
            continue
        candidates = full_by_last.get(c.tokens[0], [])
        # Variants of one full name count together before picking the most mentioned.
        roots: Counter[int] = Counter()
        for j in candidates:
            roots[uf.find(j)] += clusters[j].total
        if roots:
            best = max(roots, key=lambda r: (roots[r], -r))
            uf.union(i, best)


def _acronym(tokens_surface: str) -> str:
    words = [w for w in re.split(r"[\s-]+", tokens_surface) if w and w.lower() not in _NAME_PARTICLES]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def _attach_acronyms(clusters: list[_NameCluster], uf: _UnionFind) -> None:
    """'EU' joins 'European Union', 'OSCE' the organisation it abbreviates."""
    by_acronym: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        if len(c.tokens) >= 2 and "PERSON" not in c.labels:
            surface = c.surfaces.most_common(1)[0][0]
            if acr := _acronym(surface):
                by_acronym[acr].append(i)
    for i, c in enumerate(clusters):
        surface = c.surfaces.most_common(1)[0][0]
        if len(c.tokens) == 1 and surface.replace(".", "").isupper() and len(c.key) >= 2:
            for j in by_acronym.get(c.key, []):
                uf.union(i, j)


def _entity_group(members: list[_NameCluster]) -> EntityGroup:
    surfaces: Counter[str] = Counter()
    mentions: Counter[int] = Counter()
    for c in members:
        surfaces.update(c.surfaces)
        mentions.update(c.mentions)
    multi = [c for c in members if len(c.tokens) >= 2]
    # Fullest spelling = most frequent multi-word spelling (a role prefix like
    # "NATO chief Mark Rutte" is rarer than the plain name), else most frequent.
    pool = Counter({s: n for c in multi for s, n in c.surfaces.items()}) or surfaces
    first_seen = {s: min(c.order for c in members if s in c.surfaces) for s in pool}
    name = max(pool, key=lambda s: (pool[s], len(s.split()) <= 3, -first_seen[s]))
    label_votes: Counter[str] = Counter()
    for c in multi or members:
        label_votes.update(c.labels)
    label = label_votes.most_common(1)[0][0]
    variants = tuple(sorted(surfaces, key=lambda s: (-surfaces[s], s)))
    return EntityGroup(name, label, variants, dict(sorted(mentions.items())), tuple(sorted(mentions)))


def group_entities(articles: Sequence[ArticleView]) -> list[EntityGroup]:
    """People, organisations and places across articles, one group per entity,
    most widely reported first."""
    clusters = _collect_name_clusters(articles)
    uf = _UnionFind(len(clusters))
    _merge_multiword(clusters, uf)
    _attach_single_words(clusters, uf)
    _attach_acronyms(clusters, uf)
    groups = [_entity_group([clusters[i] for i in idx]) for idx in uf.groups()]
    # NORP ("Ukrainian", "Democrats") is only used to let mislabelled names join; it isn't listed.
    groups = [g for g in groups if g.label != "NORP"]
    groups.sort(key=lambda g: (-len(g.articles), -sum(g.mentions.values()), g.name))
    return groups


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"})


def _resolve_name(name: str | None, groups: Sequence[EntityGroup]) -> str | None:
    """The group name a speaker string belongs to, else the speaker as written."""
    if not name:
        return None
    display = _display_name(name)
    if display.lower() in _PRONOUNS:
        return None  # an unresolved "he said" names nobody an editor can compare
    tokens = fold_name(display).split()
    if not tokens:
        return display or None
    for g in groups:
        for v in g.variants:
            vt = fold_name(v).split()
            if vt == tokens or (len(tokens) >= 2 and len(vt) >= 2 and _tokens_compatible(tokens, vt)):
                return g.name
    if len(tokens) == 1:
        for g in groups:  # most mentioned first
            if g.label == "PERSON" and fold_name(g.name).split()[-1] == tokens[0]:
                return g.name
    return display


# --------------------------------------------------------------------------- quotes

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


# --------------------------------------------------------------------------- figures

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


# --------------------------------------------------------------------------- passages

PASSAGE_MIN_SCORE = 50.0     # below this, two paragraphs of one story share topic words, not content


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph. Paragraphs are split on blank lines; a
    text pasted with single newlines only (no blank line) is split on those."""
    sep = r"\n[ \t]*\n\s*" if re.search(r"\n[ \t]*\n", text) else r"\n+"
    bounds, pos = [], 0
    for m in re.finditer(sep, text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _content_string(text: str) -> str:
    stop = _stop_words()
    return " ".join(w for w in _words(text) if w not in stop)


def _similarity_matrix(pa: list[str], pb: list[str]) -> np.ndarray:
    ca = [_content_string(p) for p in pa]
    cb = [_content_string(p) for p in pb]
    sim = process.cdist(ca, cb, scorer=fuzz.token_set_ratio, dtype=np.float32, workers=1)
    # token_set_ratio is 100 for any subset: a one-line chrome paragraph ("Politics")
    # would match everything. Scale by how much of the longer side the shorter covers.
    la = np.array([max(len(c.split()), 1) for c in ca], dtype=np.float32)[:, None]
    lb = np.array([max(len(c.split()), 1) for c in cb], dtype=np.float32)[None, :]
    coverage = np.minimum(la, lb) / np.maximum(la, lb)
    # And two-word lines ("News Line" / "News Feed") are page chrome, not anchors.
    substance = np.sqrt(np.minimum(np.minimum(la, lb) / 4.0, 1.0))
    scaled = sim * (0.5 + 0.5 * np.sqrt(coverage)) * substance
    # ... unless they are the very same line, which is an anchor whatever its length.
    rows_of: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(ca):
        rows_of[c].append(i)
    for j, c in enumerate(cb):
        for i in rows_of.get(c, []) if c else []:
            scaled[i, j] = 100.0
    return scaled


def _monotone_path(sim: np.ndarray, min_score: float) -> list[tuple[int | None, int | None, float]]:
    """Needleman-Wunsch with free gaps: maximise the summed (score - min_score)
    of matched pairs, so only pairs above min_score are ever matched."""
    n, m = sim.shape
    gain = sim - min_score
    best = np.zeros((n + 1, m + 1), dtype=np.float64)
    for i in range(1, n + 1):
        row_gain = gain[i - 1]
        prev, cur = best[i - 1], best[i]
        for j in range(1, m + 1):
            g = row_gain[j - 1]
            cur[j] = max(prev[j], cur[j - 1], prev[j - 1] + g if g > 0 else -1.0)
    path: list[tuple[int | None, int | None, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and gain[i - 1, j - 1] > 0 and best[i, j] == best[i - 1, j - 1] + gain[i - 1, j - 1]:
            path.append((i - 1, j - 1, round(float(sim[i - 1, j - 1]), 1)))
            i, j = i - 1, j - 1
        elif i > 0 and (j == 0 or best[i, j] == best[i - 1, j]):
            path.append((i - 1, None, 0.0))
            i -= 1
        else:
            path.append((None, j - 1, 0.0))
            j -= 1
    path.reverse()
    return path


def align_passages(a: ArticleView, b: ArticleView,
                   min_score: float = PASSAGE_MIN_SCORE) -> list[tuple[int | None, int | None, float]]:
    """Monotone paragraph alignment of two articles: (index in a, index in b,
    similarity 0-100), with None on the side that has no counterpart."""
    pa = [a.text[s:e] for s, e in split_paragraphs(a.text)]
    pb = [b.text[s:e] for s, e in split_paragraphs(b.text)]
    if not pa or not pb:
        return [(i, None, 0.0) for i in range(len(pa))] + [(None, j, 0.0) for j in range(len(pb))]
    return _monotone_path(_similarity_matrix(pa, pb), min_score)


# --------------------------------------------------------------------------- stories

STORY_THRESHOLD = 0.15  # see cluster_stories' docstring for the measurement behind it


def _tfidf(docs: Sequence[str]) -> np.ndarray:
    stop = _stop_words()
    counts = [Counter(w for w in _words(d) if w not in stop and len(w) > 2 and not w.isdigit()) for d in docs]
    vocab = {w: k for k, w in enumerate(sorted({w for c in counts for w in c}))}
    tf = np.zeros((len(docs), len(vocab)), dtype=np.float64)
    for row, c in enumerate(counts):
        for w, n in c.items():
            tf[row, vocab[w]] = 1.0 + math.log(n)  # sublinear tf
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    x = tf * idf
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1, norms)


def story_similarities(texts: Sequence[str]) -> np.ndarray:
    """Pairwise TF-IDF cosine of texts (what ``cluster_stories`` thresholds)."""
    x = _tfidf(texts)
    return x @ x.T


def _average_link(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative average-link clustering, merging while the best pair of
    clusters has mean similarity >= threshold (Lance-Williams update, so each
    merge is one vectorised row update, not a recomputation)."""
    n = sim.shape[0]
    link = sim.astype(np.float64).copy()
    np.fill_diagonal(link, -np.inf)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    alive = np.ones(n, dtype=bool)
    while len(members) > 1:
        masked = np.where(alive[:, None] & alive[None, :], link, -np.inf)
        x, y = np.unravel_index(int(np.argmax(masked)), masked.shape)
        if masked[x, y] < threshold:
            break
        nx, ny = len(members[x]), len(members[y])
        link[x] = (nx * link[x] + ny * link[y]) / (nx + ny)
        link[:, x] = link[x]
        link[x, x] = -np.inf
        alive[y] = False
        members[x] = sorted(members[x] + members.pop(y))
    return list(members.values())


def cluster_stories(docs: list[tuple[int, str]], threshold: float = STORY_THRESHOLD) -> list[list[int]]:
    """Article ids grouped into stories: TF-IDF (sublinear tf, spaCy stop words)
    cosine, average-link agglomerative clustering stopped below ``threshold``.

    Default 0.15, from a measurement (``bench/align_bench.py`` prints it): the
    five sample reports of one event have pairwise cosines 0.19-0.28 (they are
    pasted pages, chrome included) and average-link keeps them together up to
    0.21; against two unrelated fixtures (tests/fixtures/unrelated_*.txt) every
    cosine is 0.01-0.04. 0.2 would hold the story by a 0.01 margin, so 0.15:
    clear of both. Not measured: different stories on the same topic, which
    will sit between and may merge at 0.15; raise the threshold for those.
    """
    if not docs:
        return []
    ids = [i for i, _ in docs]
    clusters = _average_link(story_similarities([t for _, t in docs]), threshold)
    out = [sorted(ids[k] for k in c) for c in clusters]
    out.sort(key=lambda c: (-len(c), c[0]))
    return out


# --------------------------------------------------------------------------- bundle


@dataclass(frozen=True)
class Comparison:
    articles: list[dict[str, Any]]
    entities: list[EntityGroup]
    quotes: list[QuoteGroup]
    figures: list[FigureGroup]
    links: list[Any] = field(default_factory=list)
    views: tuple[ArticleView, ...] = field(default=(), repr=False, compare=False)

    def passages(self, a_id: int, b_id: int) -> list[tuple[int | None, int | None, float]]:
        """Paragraph alignment of two of the compared articles (computed on demand)."""
        by_id = {v.id: v for v in self.views}
        return align_passages(by_id[a_id], by_id[b_id])

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [dict(a) for a in self.articles],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
            "links": list(self.links),
        }


def compare(articles: Iterable[ArticleView]) -> Comparison:
    views = tuple(articles)
    entities = group_entities(views)
    return Comparison(
        articles=[{"id": v.id, "title": v.title, "source": v.source} for v in views],
        entities=entities,
        quotes=align_quotes(views, entities),
        figures=compare_figures(views),
        views=views,
    )
