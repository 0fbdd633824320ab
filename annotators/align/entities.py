"""One person, organisation or place across spellings and articles."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .text import ArticleView, _APOSTROPHES, _strip_accents


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
