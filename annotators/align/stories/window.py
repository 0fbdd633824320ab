"""Recent articles as sparse vectors, their nearest neighbours, and pair features.

Words and names are hashed (scikit-learn ``HashingVectorizer``: no vocabulary
to grow, so memory stays flat) and weighted by an IDF counted over the window
of recent articles; a vector is weighted and normalised when it enters the
window, the way streaming TF-IDF is done in news clustering, so entering costs
the same however many articles came before.
"""
from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from ..text import _stop_words
from .features import ArticleFeatures

N_FEATURES = 2 ** 18
CHUNK = 64  # word rows are stacked this many at a time: entering the window never restacks it all
PAIR_FEATURES = ("cos_words", "cos_names", "figures_shared", "figures_both", "years_shared", "years_conflict",
                 "published_both", "published_gap", "dates_shared")
DAYS_SCALE = math.log1p(3650)  # a gap of ten years or more counts as 1


@lru_cache(maxsize=1)
def hashers() -> tuple[HashingVectorizer, HashingVectorizer]:
    words = HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, norm=None,
                              token_pattern=r"(?u)\b[^\W\d_]{3,}\b", stop_words=sorted(_stop_words()))
    names = HashingVectorizer(n_features=N_FEATURES, alternate_sign=False, norm=None, analyzer=lambda xs: xs)
    return words, names


@dataclass
class Entry:
    id: int
    features: ArticleFeatures
    words: sp.csr_matrix   # weighted, unit length
    names: sp.csr_matrix   # weighted, unit length
    story: int | None = None


def weigh(x: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """One hashed count row as sublinear TF times ``idf``, unit length."""
    x = x.tocsr(copy=True)
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    norm = math.sqrt(float(x.data @ x.data)) if x.nnz else 0.0
    if norm:
        x.data /= norm
    return x


def sparse_dot(a: sp.csr_matrix, b: sp.csr_matrix) -> float:
    """Dot product of two one-row CSR matrices (sorted indices), without scipy's per-call overhead."""
    common, ia, ib = np.intersect1d(a.indices, b.indices, assume_unique=True, return_indices=True)
    return float(a.data[ia] @ b.data[ib]) if len(common) else 0.0


@dataclass
class Window:
    """The last ``capacity`` articles, with document frequencies over them."""
    capacity: int = 2000
    entries: deque = field(default_factory=deque)
    df_words: np.ndarray = field(default_factory=lambda: np.zeros(N_FEATURES, dtype=np.int32))
    df_names: np.ndarray = field(default_factory=lambda: np.zeros(N_FEATURES, dtype=np.int32))
    chunks: list = field(default_factory=list)    # word rows of the entries, CHUNK rows a matrix
    pending: list = field(default_factory=list)   # rows not yet in a chunk
    evicted: int = 0                              # rows of chunks[0] that left the window

    def _idf(self, df: np.ndarray, indices: np.ndarray) -> np.ndarray:
        n = len(self.entries) + 1
        idf = np.zeros(N_FEATURES)
        idf[indices] = np.log((1.0 + n) / (1.0 + df[indices])) + 1.0
        return idf

    def make(self, article_id: int, features: ArticleFeatures) -> Entry:
        """``features`` as an entry weighted by the window's current IDF (not yet added)."""
        words, names = hashers()
        w = words.transform([features.words])
        n = names.transform([list(features.names)])
        return Entry(article_id, features, weigh(w, self._idf(self.df_words, w.indices)),
                     weigh(n, self._idf(self.df_names, n.indices)))

    def add(self, entry: Entry) -> list[Entry]:
        """Put ``entry`` in the window; returns the entries that left it."""
        left = []
        self.entries.append(entry)
        self.df_words[entry.words.indices] += 1
        self.df_names[entry.names.indices] += 1
        self.pending.append(entry.words)
        if len(self.pending) >= CHUNK:
            self.chunks.append(sp.vstack(self.pending, format="csr"))
            self.pending = []
        while len(self.entries) > self.capacity:
            old = self.entries.popleft()
            left.append(old)
            self.df_words[old.words.indices] -= 1
            self.df_names[old.names.indices] -= 1
            self.evicted += 1
            if self.chunks and self.evicted == self.chunks[0].shape[0]:
                self.chunks.pop(0)
                self.evicted = 0
        return left

    def nearest(self, entry: Entry, k: int) -> list[tuple[Entry, float]]:
        """The ``k`` entries of the window whose words are closest to ``entry``'s (cosine > 0)."""
        if not self.entries:
            return []
        q = entry.words.T.tocsc()
        parts = [(c @ q).toarray().ravel() for c in self.chunks]
        if self.pending:
            parts.append((sp.vstack(self.pending, format="csr") @ q).toarray().ravel())
        sims = np.concatenate(parts)[self.evicted:]
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(self.entries[int(i)], float(sims[i])) for i in top if sims[i] > 0]


def pair_features(a: Entry, b: Entry, cos_words: float | None = None) -> list[float]:
    """The features (``PAIR_FEATURES``) of two articles, for the same-event model."""
    fa, fb = a.features, b.features
    if cos_words is None:
        cos_words = sparse_dot(a.words, b.words)
    cos_names = sparse_dot(a.names, b.names)
    figs_both = bool(fa.figures and fb.figures)
    figs = len(fa.figures & fb.figures) / min(len(fa.figures), len(fb.figures)) if figs_both else 0.0
    years_both = bool(fa.years and fb.years)
    years = len(fa.years & fb.years) / len(fa.years | fb.years) if years_both else 0.0
    pub_both = fa.published is not None and fb.published is not None
    gap = min(1.0, math.log1p(abs((fa.published - fb.published).days)) / DAYS_SCALE) if pub_both else 0.0
    dates = 1.0 if fa.dates & fb.dates else 0.0
    return [cos_words, cos_names, figs, float(figs_both), years, float(years_both and not fa.years & fb.years),
            float(pub_both), gap, dates]
