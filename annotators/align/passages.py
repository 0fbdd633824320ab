"""Monotone paragraph alignment of two articles."""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz, process

from .text import ArticleView, _stop_words, _words


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
