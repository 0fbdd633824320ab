"""Inter-annotator agreement, as pure functions (no database, no UI).

    work = {"ana": {1: [AnnotatedSpan("entity", "PERSON", 0, 14), ...], 2: []},
            "ben": {1: [...], 3: [...]}}
    report = agreement(work, tokens={1: [(0, 6), (7, 14), ...], ...})
    report.pairs[0].overall["f1_exact"].value, report.average.labels["entity:PERSON"]["kappa"]

``work`` holds, per annotator and per article they worked on, the spans they
*kept* (accepted or corrected); an article with an empty list was worked on
and has none.  Only articles both annotators of a pair worked on count for
that pair.  ``tokens`` gives each article's token boundaries (character
offsets; ``token_bounds`` makes them with spaCy's English tokenizer).

Figures, per label (keyed ``kind:label``) and overall, for each pair:

- ``f1_exact``: span F1 with the other annotator as reference, a match being
  the same kind, label, start and end: 2·matches / (spans of A + spans of B).
- ``f1_overlap``: the same with a match being the same kind and label and any
  shared character; spans are paired one to one, largest overlap first.
- ``kappa`` (Cohen) and ``alpha`` (Krippendorff, nominal, from the
  ``krippendorff`` package) on token-level labels.  Per label, each token of
  the shared articles is 1 when a span of that label covers it, else 0.
  Overall, each token gets, per kind, the labels of that kind covering it
  (joined, "O" for none); the kinds counted are those either annotator used in
  the shared articles.  Cohen's kappa is (p_o - p_e) / (1 - p_e): p_o the share
  of units given the same value, p_e the sum over values of the product of
  the two annotators' shares of that value.  A figure whose units show a
  single value (no variation) is undefined (None), as both coefficients are.
- ``speaker`` (overall only): on quotes both kept (paired by overlap), the
  share that name the same speaker (case and spacing ignored), counting the
  pairs where at least one named one.
- ``tags``: on claims both kept, the mean Jaccard similarity of the two tag
  sets, counting the pairs where at least one gave a tag.
- ``verdict``: on claims both kept, the share with the same verdict, counting
  the pairs where at least one gave one.

Each figure says the number of units it rests on (spans, tokens, quote or
claim pairs) and of articles those units come from.  The average over pairs
is the mean of each defined pairwise value; its units and articles are summed.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any, Iterable, Mapping, Sequence

OUTSIDE = "O"
Bounds = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class AnnotatedSpan:
    """A span one annotator kept."""

    kind: str
    label: str
    start: int
    end: int
    speaker: str | None = None
    tags: tuple[str, ...] = ()
    verdict: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.label}"

    @classmethod
    def from_record(cls, record: Any) -> "AnnotatedSpan":
        """From anything with these attributes (a store SpanRecord)."""
        return cls(record.kind, record.label, record.start, record.end, record.speaker,
                   tuple(record.tags or ()), record.verdict)


@dataclass(frozen=True)
class Figure:
    value: float | None  # None: undefined (no units, or no variation in them)
    units: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "units": self.units, "articles": self.articles}


@dataclass
class Agreement:
    """The figures of one pair of annotators, or their average."""

    annotators: tuple[str, ...]
    articles: int
    labels: dict[str, dict[str, Figure]] = field(default_factory=dict)
    overall: dict[str, Figure] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"annotators": list(self.annotators), "articles": self.articles,
                "overall": {k: f.to_dict() for k, f in self.overall.items()},
                "labels": {label: {k: f.to_dict() for k, f in figures.items()}
                           for label, figures in sorted(self.labels.items())}}


@dataclass
class Report:
    annotators: list[str]
    pairs: list[Agreement]
    average: Agreement | None

    def to_dict(self) -> dict[str, Any]:
        return {"annotators": self.annotators, "pairs": [p.to_dict() for p in self.pairs],
                "average": self.average.to_dict() if self.average else None}


@lru_cache(maxsize=1)
def _blank_english():
    import spacy

    return spacy.blank("en")


def token_bounds(text: str) -> list[tuple[int, int]]:
    """Character bounds of the tokens of spaCy's English tokenizer (the
    exports' tokens), whitespace tokens left out."""
    return [(t.idx, t.idx + len(t)) for t in _blank_english().make_doc(text) if not t.is_space]


def tokens_outside(bounds: Bounds, ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The tokens that share no character with any of ``ranges`` (spans left
    out of the comparison: their tokens are no units either)."""
    ranges = sorted(ranges)
    if not ranges:
        return list(bounds)
    return [(a, b) for a, b in bounds if not any(s < b and a < e for s, e in ranges)]


# --- coefficients ---------------------------------------------------------------------


def cohen_kappa(a: Sequence[Any], b: Sequence[Any]) -> float | None:
    """(p_o - p_e) / (1 - p_e) for two coders' nominal values of the same units."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum((count_a[v] / n) * (count_b[v] / n) for v in count_a.keys() | count_b.keys())
    if expected >= 1.0:  # one value everywhere: undefined
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(a: Sequence[Any], b: Sequence[Any]) -> float | None:
    """Nominal alpha of two coders (the ``krippendorff`` package)."""
    import krippendorff
    import numpy as np

    codes = {v: i for i, v in enumerate(sorted(set(a) | set(b), key=str))}
    if len(codes) < 2:
        return None
    data = np.array([[codes[v] for v in a], [codes[v] for v in b]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


# --- spans ----------------------------------------------------------------------------


def _overlap(x: AnnotatedSpan, y: AnnotatedSpan) -> int:
    return min(x.end, y.end) - max(x.start, y.start)


def pair_by_overlap(xs: Sequence[AnnotatedSpan], ys: Sequence[AnnotatedSpan], same_label: bool = True
                    ) -> list[tuple[AnnotatedSpan, AnnotatedSpan]]:
    """One-to-one pairs of overlapping spans of the same kind (and label),
    the largest overlap first (ties: text order)."""
    candidates = [(-_overlap(x, y), x.start, y.start, i, j)
                  for i, x in enumerate(xs) for j, y in enumerate(ys)
                  if x.kind == y.kind and (not same_label or x.label == y.label) and _overlap(x, y) > 0]
    used_x, used_y, pairs = set(), set(), []
    for *_, i, j in sorted(candidates):
        if i not in used_x and j not in used_y:
            used_x.add(i), used_y.add(j)
            pairs.append((xs[i], ys[j]))
    return pairs


def _f1(matches: int, total: int) -> float | None:
    return 2 * matches / total if total else None


def _span_f1(docs: list[tuple[list[AnnotatedSpan], list[AnnotatedSpan]]], key: str | None
             ) -> tuple[Figure, Figure]:
    exact = overlap = total = 0
    articles = 0
    for xs, ys in docs:
        xs = [s for s in xs if key is None or s.key == key]
        ys = [s for s in ys if key is None or s.key == key]
        if not xs and not ys:
            continue
        articles += 1
        total += len(xs) + len(ys)
        same = Counter((s.key, s.start, s.end) for s in xs) & Counter((s.key, s.start, s.end) for s in ys)
        exact += sum(same.values())
        overlap += len(pair_by_overlap(xs, ys))
    return Figure(_f1(exact, total), total, articles), Figure(_f1(overlap, total), total, articles)


# --- tokens ---------------------------------------------------------------------------


def _covering(spans: Iterable[AnnotatedSpan], bounds: Bounds) -> list[set[str]]:
    """For each token, the keys of the spans covering any of its characters."""
    out: list[set[str]] = [set() for _ in bounds]
    ends = [end for _, end in bounds]  # tokens are in text order
    for s in spans:
        i = bisect_right(ends, s.start)  # the first token ending after the span starts
        while i < len(bounds) and bounds[i][0] < s.end:
            out[i].add(s.key)
            i += 1
    return out


def _token_values(coverings, key: str | None, kinds: Sequence[str]):
    """Both annotators' token values (see module) over the pair's articles."""
    a_vals, b_vals = [], []
    for ca, cb in coverings:
        if key is not None:
            a_vals += [int(key in c) for c in ca]
            b_vals += [int(key in c) for c in cb]
            continue
        for kind in kinds:
            def value(c: set[str]) -> str:
                keys = sorted(k for k in c if k.split(":", 1)[0] == kind)
                return "+".join(keys) or OUTSIDE
            a_vals += [value(c) for c in ca]
            b_vals += [value(c) for c in cb]
    return a_vals, b_vals


def _coefficients(coverings, key: str | None, kinds: Sequence[str]) -> tuple[Figure, Figure]:
    a_vals, b_vals = _token_values(coverings, key, kinds)
    n, articles = len(a_vals), len(coverings) if a_vals else 0
    return Figure(cohen_kappa(a_vals, b_vals), n, articles), Figure(krippendorff_alpha(a_vals, b_vals), n, articles)


# --- quotes and claims ------------------------------------------------------------------


def _norm(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _jaccard(x: Sequence[str], y: Sequence[str]) -> float:
    sx, sy = set(x), set(y)
    return len(sx & sy) / len(sx | sy)


def _attribute_agreement(docs) -> dict[str, Figure]:
    scores: dict[str, list[float]] = {"speaker": [], "tags": [], "verdict": []}
    articles: dict[str, set[int]] = {k: set() for k in scores}
    for n, (xs, ys) in enumerate(docs):
        for kind, fields in (("quote", ("speaker",)), ("claim", ("tags", "verdict"))):
            pairs = pair_by_overlap([s for s in xs if s.kind == kind], [s for s in ys if s.kind == kind],
                                    same_label=False)
            for x, y in pairs:
                for name in fields:
                    vx, vy = getattr(x, name), getattr(y, name)
                    if not vx and not vy:
                        continue
                    if name == "tags":
                        score = _jaccard(vx, vy)
                    elif name == "speaker":
                        score = float(_norm(vx) == _norm(vy))
                    else:
                        score = float(vx == vy)
                    scores[name].append(score)
                    articles[name].add(n)
    return {name: Figure(sum(v) / len(v) if v else None, len(v), len(articles[name]))
            for name, v in scores.items()}


# --- putting it together ----------------------------------------------------------------


def pair_agreement(a: str, b: str, work: Mapping[str, Mapping[int, Sequence[AnnotatedSpan]]],
                   tokens: Mapping[int, Bounds]) -> Agreement:
    shared = sorted(set(work[a]) & set(work[b]))
    docs = [(list(work[a][i]), list(work[b][i])) for i in shared]
    coverings = [(_covering(xs, tokens[i]), _covering(ys, tokens[i])) for (xs, ys), i in zip(docs, shared)]
    result = Agreement((a, b), len(shared))
    used = sorted({s.key for xs, ys in docs for s in (*xs, *ys)})
    kinds = sorted({k.split(":", 1)[0] for k in used})
    for key in used:
        exact, overlap = _span_f1(docs, key)
        kappa, alpha = _coefficients(coverings, key, kinds)
        result.labels[key] = {"f1_exact": exact, "f1_overlap": overlap, "kappa": kappa, "alpha": alpha}
    exact, overlap = _span_f1(docs, None)
    kappa, alpha = _coefficients(coverings, None, kinds) if kinds else (Figure(None, 0, 0),) * 2
    result.overall = {"f1_exact": exact, "f1_overlap": overlap, "kappa": kappa, "alpha": alpha,
                      **_attribute_agreement(docs)}
    return result


def _mean(figures: list[Figure]) -> Figure:
    values = [f.value for f in figures if f.value is not None]
    return Figure(sum(values) / len(values) if values else None, sum(f.units for f in figures),
                  sum(f.articles for f in figures))


def average(pairs: Sequence[Agreement]) -> Agreement:
    names = tuple(sorted({n for p in pairs for n in p.annotators}))
    out = Agreement(names, sum(p.articles for p in pairs))
    for name in dict.fromkeys(k for p in pairs for k in p.overall):
        out.overall[name] = _mean([p.overall[name] for p in pairs if name in p.overall])
    for label in sorted({label for p in pairs for label in p.labels}):
        figures = [p.labels[label] for p in pairs if label in p.labels]
        out.labels[label] = {name: _mean([f[name] for f in figures]) for name in figures[0]}
    return out


def agreement(work: Mapping[str, Mapping[int, Sequence[AnnotatedSpan]]], tokens: Mapping[int, Bounds]) -> Report:
    """Every pair of annotators who worked on at least one article in common, and their average."""
    names = sorted(work)
    pairs = [pair_agreement(a, b, work, tokens) for a, b in combinations(names, 2)
             if set(work[a]) & set(work[b])]
    return Report(names, pairs, average(pairs) if pairs else None)
