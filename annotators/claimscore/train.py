"""Fitting the check-worthiness scorer (scikit-learn's LogisticRegression), and
the labelled-sentence files it is fitted on.

Deterministic: the same sentences and weights give the same file.  Used by
``bench/train_claims.py`` (the shipped model) and ``store/train_claims.py``
(a team's retrained one).
"""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .features import DENSE_NAMES, DocArrays, hasher
from .model import ClaimScorer

C = 10.0  # LogisticRegression's inverse regularisation (1, 3, 10 were tried: higher was better)
DENSE_SCALE = 0.5  # weight of the standardised dense block beside the l2-normed n-grams
BLOCK, EVERY = 50, 5  # the test split: every EVERY-th block of BLOCK consecutive lines


class DataError(ValueError):
    pass


@dataclass
class Labelled:
    texts: list[str]
    labels: np.ndarray  # 0/1
    sources: list[str]  # the file each sentence came from (its stem)


def read_jsonl(path: str | Path) -> Labelled:
    """``{"text", "label"}`` lines; a bad line is a DataError naming file, line and field."""
    path = Path(path)
    texts, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise DataError(f"{path}:{number}: field 'text' missing or not a string")
            if row.get("label") not in (0, 1):
                raise DataError(f"{path}:{number}: field 'label' must be 0 or 1")
            texts.append(row["text"])
            labels.append(int(row["label"]))
    return Labelled(texts, np.array(labels, dtype=np.int8), [path.stem] * len(texts))


def block_split(n: int, block: int = BLOCK, every: int = EVERY) -> tuple[np.ndarray, np.ndarray]:
    """Train and test line indices of one file: lines in blocks of ``block``
    consecutive lines, every ``every``-th block (the 5th, 10th, ...) to test,
    so neighbouring sentences of a debate stay on one side."""
    blocks = np.arange(n) // block
    test = blocks % every == every - 1
    return np.flatnonzero(~test), np.flatnonzero(test)


def concat(parts: Sequence[Labelled]) -> Labelled:
    return Labelled([t for p in parts for t in p.texts], np.concatenate([p.labels for p in parts]),
                    [s for p in parts for s in p.sources])


def take(data: Labelled, index: Iterable[int]) -> Labelled:
    index = list(index)
    return Labelled([data.texts[i] for i in index], data.labels[index], [data.sources[i] for i in index])


def dense_of_sentences(nlp, texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
    """The dense features of sentences each parsed on its own."""
    rows = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        rows.append(DocArrays(doc).dense(0, len(doc), doc.text))
    return np.vstack(rows) if rows else np.zeros((0, len(DENSE_NAMES)), dtype=np.float32)


def _logistic(X, labels, weights, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=0)
    model.fit(X, labels, sample_weight=weights)
    return model.coef_.ravel(), float(model.intercept_[0])


def fit(texts: Sequence[str], dense: np.ndarray, labels: np.ndarray, weights: np.ndarray | None = None,
        c: float = C, meta: dict | None = None) -> ClaimScorer:
    """Logistic regressions (classes balanced) over hashed n-grams and the
    standardised dense block, and over the n-grams alone (the words-only model);
    the standardisation is folded into the saved weights."""
    return fit_matrix(hasher().transform(list(texts)), dense, labels, weights, c, meta)


def fit_matrix(words, dense: np.ndarray, labels: np.ndarray, weights: np.ndarray | None = None,
               c: float = C, meta: dict | None = None) -> ClaimScorer:
    """``fit`` on sentences already hashed (``hasher().transform``)."""
    from scipy.sparse import csr_matrix, hstack

    mean = dense.mean(0)
    scale = dense.std(0)
    scale[scale < 1e-6] = 1.0
    scaled = (dense - mean) / scale * DENSE_SCALE
    coef, intercept = _logistic(hstack([words, csr_matrix(scaled)]).tocsr(), labels, weights, c)
    n_words = words.shape[1]
    dense_w = coef[n_words:] * DENSE_SCALE / scale
    plain, plain_intercept = _logistic(words, labels, weights, c)
    return ClaimScorer(coef[:n_words].astype(np.float32), dense_w.astype(np.float32),
                       intercept - float((dense_w * mean).sum()), plain.astype(np.float32), plain_intercept,
                       dict(meta or {}))


def f1(labels: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """(precision, recall, F1) of the positive class."""
    tp = int(((predicted == 1) & (labels == 1)).sum())
    fp = int(((predicted == 1) & (labels == 0)).sum())
    fn = int(((predicted == 0) & (labels == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


BASE_NAME = "claim_scorer_base.npz"  # a pre-vectorised sample of the shipped training split, for team retraining
BASE_SIZE = 4000


def save_base(path: str | Path, texts: Sequence[str], dense: np.ndarray, labels: np.ndarray,
              size: int = BASE_SIZE) -> Path:
    """Every k-th training sentence (k = n // size), as hashed n-grams and
    dense features only (no text): what ``retrain`` mixes a team's examples into."""
    step = max(1, len(texts) // size)
    index = np.arange(0, len(texts), step)[:size]
    words = hasher().transform([texts[i] for i in index]).tocsr()
    path = Path(path)
    np.savez_compressed(path, indices=words.indices.astype(np.int32), indptr=words.indptr.astype(np.int32),
                        data=words.data.astype(np.float16), dense=dense[index].astype(np.float16),
                        labels=labels[index].astype(np.int8), dense_names=np.array(DENSE_NAMES))
    return path


def load_base(path: str | Path):
    """(hashed words, dense, labels) of the sample ``save_base`` wrote."""
    from scipy.sparse import csr_matrix

    from .features import HASH_FEATURES
    from .model import ScorerFileError

    try:
        with np.load(path, allow_pickle=False) as data:
            if tuple(str(n) for n in data["dense_names"]) != DENSE_NAMES:
                raise ScorerFileError(f"{path}: dense_names differ from this copydesk's features")
            labels = data["labels"].astype(np.int8)
            words = csr_matrix((data["data"].astype(np.float64), data["indices"], data["indptr"]),
                               shape=(len(labels), HASH_FEATURES))
            return words, data["dense"].astype(np.float32), labels
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        if isinstance(exc, ScorerFileError):
            raise
        raise ScorerFileError(f"{path}: not a claim scorer sample ({exc})") from exc
