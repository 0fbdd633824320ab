"""Train the same-event model (annotators/models/stories.json) on ECB+.

    PYTHONPATH=. .venv/bin/python bench/stories_train.py [--data PATH] [--out PATH]

Pairs: every pair of articles within a topic (same event or the other event of
the same kind: the hard negatives) and each article's 5 nearest articles of
other topics by word cosine (the easy negatives the stream also meets). A
logistic regression (scikit-learn, liblinear: deterministic) learns the
weights; the join threshold is the one giving the best B-cubed F1 when the
training articles themselves are streamed. ``bench/stories_eval.py`` measures
it by topic-held-out cross-validation.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotators.align.stories import (  # noqa: E402
    PAIR_FEATURES, PairModel, StoryStream, Window, extract, group, pair_features,
)
from annotators.models import SHIPPED  # noqa: E402

DATA = Path("/work/shared/data/stories/ecbplus_dev.jsonl")
CROSS_TOPIC_NEIGHBOURS = 5
THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7]
ORDER_SEED = 13


def load_rows(path: Path = DATA) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                row = json.loads(line)
                rows.append({"text": row["text"], "event": str(row["event"]), "topic": str(row["topic"]),
                             "published": (row.get("meta") or {}).get("published")})
            except (ValueError, KeyError, TypeError) as exc:
                raise SystemExit(f"{path}:{n}: field missing or not JSON ({exc})")
    for k, row in enumerate(rows):
        row["id"] = k
        row["features"] = extract(row["text"], row["published"])
    return rows


def pair_table(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Pair features and same-event labels over ``rows`` (one window holding them all)."""
    window = Window(capacity=len(rows) + 1)
    for row in rows:  # document frequencies over all of them first, then the weighted entries
        window.add(window.make(row["id"], row["features"]))
    entries = [window.make(row["id"], row["features"]) for row in rows]
    stack = sp.vstack([e.words for e in entries], format="csr")
    cos = (stack @ stack.T).toarray()
    x, y = [], []
    for i, a in enumerate(rows):
        others = [j for j in np.argsort(-cos[i], kind="stable") if rows[j]["topic"] != a["topic"]]
        partners = [j for j in range(i + 1, len(rows)) if rows[j]["topic"] == a["topic"]]
        partners += [int(j) for j in others[:CROSS_TOPIC_NEIGHBOURS]]
        for j in partners:
            x.append(pair_features(entries[i], entries[j], float(cos[i, j])))
            y.append(int(a["event"] == rows[j]["event"]))
    return np.asarray(x), np.asarray(y)


def fit_weights(rows: list[dict]) -> PairModel:
    from sklearn.linear_model import LogisticRegression

    x, y = pair_table(rows)
    lr = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced", max_iter=1000, random_state=0)
    lr.fit(x, y)
    return PairModel(tuple(float(w) for w in lr.coef_[0]), float(lr.intercept_[0]))


def stream_order(rows: list[dict], seed: int = ORDER_SEED) -> list[dict]:
    """The articles as a newsroom imports them: in publication order, those
    with no date found at random places (fixed seed)."""
    rng = random.Random(seed)
    shuffled = list(rows)
    rng.shuffle(shuffled)
    order = sorted((r for r in shuffled if r["features"].published), key=lambda r: r["features"].published)
    for r in shuffled:
        if not r["features"].published:
            order.insert(rng.randrange(len(order) + 1), r)
    return order


def stream_clusters(rows: list[dict], model: PairModel, threshold: float, seed: int = ORDER_SEED) -> list[list[int]]:
    stream = StoryStream(model, threshold)
    return group(stream.add(r["id"], r["features"]) for r in stream_order(rows, seed))


def bcubed(clusters: list[list[int]], gold: dict[int, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``clusters`` against gold labels."""
    of = {i: k for k, c in enumerate(clusters) for i in c}
    by_gold: dict[str, set[int]] = {}
    for i, g in gold.items():
        by_gold.setdefault(g, set()).add(i)
    p = r = 0.0
    for i, g in gold.items():
        mine = set(clusters[of[i]])
        both = len(mine & by_gold[g])
        p += both / len(mine)
        r += both / len(by_gold[g])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def train(rows: list[dict]) -> PairModel:
    """Weights and the join threshold, from ``rows`` only."""
    model = fit_weights(rows)
    gold = {r["id"]: r["event"] for r in rows}
    best = max(THRESHOLDS, key=lambda t: (bcubed(stream_clusters(rows, model, t), gold)[2], -abs(t - 0.5)))
    return PairModel(model.weights, model.bias, best)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=SHIPPED / "stories.json")
    args = ap.parse_args(argv)
    model = train(load_rows(args.data))
    data = model.to_json()
    data["trained_on"] = f"{args.data.name} (ECB+, CC BY 3.0): bench/stories_train.py"
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(PAIR_FEATURES, model.weights))
          + f", bias {model.bias:+.2f}, threshold {model.threshold}")


if __name__ == "__main__":
    main()
