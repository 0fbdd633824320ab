"""The check-worthiness scorer at run time: a logistic regression over the
features of ``features.py``, read from one ``.npz`` of plain arrays (no
pickle: ``np.load(allow_pickle=False)``).

The file holds the weights of the hashed word n-grams as (index, value) pairs,
the dense weights with the training set's standardisation already folded in,
the intercept, a second words-only model (``plain_*``) for a Doc without
part-of-speech tags or the tok2vec tensor (a blank pipeline with a
sentencizer), and ``meta`` (a JSON string: what it was trained on, its
figures, the suggested threshold).
"""
from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from annotators.pipeline import ModelNotFound

from .features import DENSE_NAMES, HASH_FEATURES, DocArrays, hasher

MODEL_NAME = "claim_scorer.npz"
FORMAT = 1


class ScorerFileError(ModelNotFound):
    """A claim scorer file that cannot be read (a ModelNotFound: the import stops with its one line)."""


@dataclass
class ClaimScorer:
    word_weights: np.ndarray  # (HASH_FEATURES,) float32
    dense_weights: np.ndarray  # (len(DENSE_NAMES),) float32, applied to raw (unscaled) features
    intercept: float
    plain_weights: np.ndarray  # (HASH_FEATURES,) float32: the words-only model
    plain_intercept: float
    meta: dict = field(default_factory=dict)

    @property
    def threshold(self) -> float:
        """The suggestion threshold the training script chose (copydesk.toml's ``claim_threshold`` overrides it)."""
        return float(self.meta.get("threshold", 0.5))

    def score_rows(self, texts: list[str], dense: np.ndarray | None) -> np.ndarray:
        """Probabilities for sentences given their texts and dense feature rows
        (None: the words-only model)."""
        if not texts:
            return np.zeros(0, dtype=np.float64)
        import sklearn

        with sklearn.config_context(skip_parameter_validation=True, assume_finite=True):
            words = hasher().transform(texts)
        if dense is None:
            z = np.asarray(words @ self.plain_weights).ravel() + self.plain_intercept
        else:
            z = np.asarray(words @ self.word_weights).ravel() + dense @ self.dense_weights + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def score_spans(self, doc, text: str, spans: list[tuple[int, int]]) -> list[float]:
        """The probability that each character span [start, end) of ``doc``
        (a sentence of ``text``) is check-worthy, 0..1."""
        if not spans:
            return []
        texts = [text[start:end] for start, end in spans]
        if not DocArrays.usable(doc):
            return [float(p) for p in self.score_rows(texts, None)]
        arrays = DocArrays(doc)
        rows = arrays.dense_rows([arrays.tokens(start, end) for start, end in spans], texts)
        return [float(p) for p in self.score_rows(texts, rows)]

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        nonzero = np.flatnonzero(self.word_weights).astype(np.int32)
        plain = np.flatnonzero(self.plain_weights).astype(np.int32)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez_compressed(tmp, format=np.int32(FORMAT), word_index=nonzero,
                            word_value=self.word_weights[nonzero].astype(np.float32),
                            plain_index=plain, plain_value=self.plain_weights[plain].astype(np.float32),
                            plain_intercept=np.float64(self.plain_intercept),
                            dense_weights=self.dense_weights.astype(np.float32),
                            dense_names=np.array(DENSE_NAMES), intercept=np.float64(self.intercept),
                            meta=np.array(json.dumps(self.meta, sort_keys=True)))
        tmp.replace(path)  # a crash while writing leaves the previous file
        return path


def load_scorer(path: str | Path) -> ClaimScorer:
    """The scorer saved at ``path``; ScorerFileError names the file and what is wrong."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            if int(data["format"]) != FORMAT:
                raise ScorerFileError(f"{path}: format {int(data['format'])}, this copydesk reads {FORMAT}")
            if tuple(str(n) for n in data["dense_names"]) != DENSE_NAMES:
                raise ScorerFileError(f"{path}: dense_names differ from this copydesk's features; retrain it")
            return ClaimScorer(_weights(path, data, "word"), data["dense_weights"].astype(np.float32),
                               float(data["intercept"]), _weights(path, data, "plain"),
                               float(data["plain_intercept"]), json.loads(str(data["meta"])))
    except ScorerFileError:
        raise
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise ScorerFileError(f"{path}: not a claim scorer file ({exc})") from exc


def _weights(path: Path, data, name: str) -> np.ndarray:
    weights = np.zeros(HASH_FEATURES, dtype=np.float32)
    index = data[f"{name}_index"]
    if index.size and (index.min() < 0 or index.max() >= HASH_FEATURES):
        raise ScorerFileError(f"{path}: {name}_index out of range")
    weights[index] = data[f"{name}_value"]
    return weights


@lru_cache(maxsize=8)
def _cached(path: str, mtime_ns: int) -> ClaimScorer:
    return load_scorer(path)


def scorer_for(pipeline: str | Path | None = None) -> ClaimScorer:
    """The team's retrained scorer beside the pipeline folder ``pipeline``,
    else the shipped one; read once per file version."""
    from annotators.models import model_file

    path = model_file(MODEL_NAME, pipeline)
    return _cached(str(path), path.stat().st_mtime_ns)
