"""Which articles report the same story (TF-IDF cosine, average link)."""
from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

import numpy as np

from .text import _stop_words, _words


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
