"""The same-event model: a logistic regression over ``PAIR_FEATURES``.

Its weights are ``annotators/models/stories.json``, written by
``bench/stories_train.py`` from ECB+ (see that script; validated by topic in
``bench/stories_eval.py``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...models import model_file
from .window import PAIR_FEATURES

WEIGHTS_FILE = "stories.json"


@dataclass(frozen=True)
class PairModel:
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5  # least probability for an article to join a story

    def probabilities(self, rows: list[list[float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        z = np.asarray(rows, dtype=np.float64) @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self) -> dict:
        return {"features": list(PAIR_FEATURES), "weights": [round(w, 6) for w in self.weights],
                "bias": round(self.bias, 6), "threshold": self.threshold}


def load_model(path: str | Path | None = None) -> PairModel:
    """The shipped (or a given) weights file; a clear error names a file that does not fit."""
    path = Path(path) if path is not None else model_file(WEIGHTS_FILE)
    return _load(str(path))


@lru_cache(maxsize=4)
def _load(path: str) -> PairModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read the story model ({exc})") from exc
    if not isinstance(data, dict) or data.get("features") != list(PAIR_FEATURES):
        raise ValueError(f"{path}: field 'features' does not list {', '.join(PAIR_FEATURES)}")
    return PairModel(tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data.get("threshold", 0.5)))
