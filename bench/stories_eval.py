"""Story grouping on ECB+, validated by topic: copydesk beside two baselines in the same run.

    PYTHONPATH=. .venv/bin/python bench/stories_eval.py [--data PATH] [--repeats 3]

ECB+ dev holds 22 topics, each with two different events of one kind. The
topics are split in two halves (scikit-learn ``GroupKFold`` by topic, shuffled
``--repeats`` times with fixed seeds): the weights, the join threshold and the
baselines' cut-offs are learned on one half and scored on the other, so no
topic is both trained and scored on. Each scored window is one half (about
240 articles, 11 topics, 22 events), fed to copydesk in publication order
(the 60% with no date found at random places, fixed seed), as a newsroom imports.

Baselines, tuned on the training half as copydesk is:
- TF-IDF cosine + average linkage (scikit-learn ``TfidfVectorizer``, scipy
  ``linkage``/``fcluster``), cut at the distance that is best on the training half;
- TF-IDF + named-entity overlap: ``a·cosine + (1-a)·Jaccard`` of the names the
  articles give (copydesk's capitalised-name reader), average linkage, ``a`` and
  the cut tuned on the training half.
Prints B-cubed precision, recall and F1 per window and their mean.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from stories_train import DATA, bcubed, load_rows, stream_clusters, train  # noqa: E402

CUTS = [round(c, 2) for c in np.arange(0.05, 0.96, 0.05)]
ALPHAS = [0.3, 0.5, 0.7]


def tfidf_cosine(rows: list[dict]) -> np.ndarray:
    from annotators.align.stories import story_similarities

    return story_similarities([r["text"] for r in rows])


def name_jaccard(rows: list[dict]) -> np.ndarray:
    sets = [set(r["features"].names) for r in rows]
    n = len(sets)
    out = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            u = len(sets[i] | sets[j])
            out[i, j] = out[j, i] = len(sets[i] & sets[j]) / u if u else 0.0
    return out


def average_link(rows: list[dict], sim: np.ndarray, cut: float) -> list[list[int]]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    if len(rows) < 2:
        return [[r["id"] for r in rows]]
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), t=1.0 - cut, criterion="distance")
    groups: dict[int, list[int]] = {}
    for r, lab in zip(rows, labels):
        groups.setdefault(int(lab), []).append(r["id"])
    return list(groups.values())


def gold(rows: list[dict]) -> dict[int, str]:
    return {r["id"]: r["event"] for r in rows}


def tune_linkage(rows: list[dict], sims: dict[float, np.ndarray]) -> tuple[float, float]:
    """(alpha, cut) best on ``rows``: ``sims`` maps alpha to the mixed similarity."""
    g = gold(rows)
    return max(((a, c) for a in sims for c in CUTS),
               key=lambda ac: bcubed(average_link(rows, sims[ac[0]], ac[1]), g)[2])


def mixed(rows: list[dict], alphas: list[float]) -> dict[float, np.ndarray]:
    cos, jac = tfidf_cosine(rows), (name_jaccard(rows) if alphas != [1.0] else None)
    return {a: (cos if a == 1.0 else a * cos + (1 - a) * jac) for a in alphas}


def run(data: Path, repeats: int) -> dict[str, list[tuple[float, float, float]]]:
    from sklearn.model_selection import GroupKFold

    rows = load_rows(data)
    topics = np.array([r["topic"] for r in rows])
    scores: dict[str, list[tuple[float, float, float]]] = {"copydesk": [], "tfidf_avg_link": [], "tfidf_entities": []}
    for seed in range(repeats):
        folds = GroupKFold(n_splits=2, shuffle=True, random_state=seed).split(rows, groups=topics)
        for k, (train_idx, test_idx) in enumerate(folds):
            trn, tst = [rows[i] for i in train_idx], [rows[i] for i in test_idx]
            assert not {r["topic"] for r in trn} & {r["topic"] for r in tst}
            model = train(trn)
            got = {"copydesk": stream_clusters(tst, model, model.threshold, seed)}
            for name, alphas in (("tfidf_avg_link", [1.0]), ("tfidf_entities", ALPHAS)):
                a, cut = tune_linkage(trn, mixed(trn, alphas))
                got[name] = average_link(tst, mixed(tst, [a])[a], cut)
            line = [f"repeat {seed} fold {k}: {len(tst)} articles, {len({r['event'] for r in tst})} events"]
            for name, clusters in got.items():
                scores[name].append(bcubed(clusters, gold(tst)))
                line.append(f"{name} F1 {scores[name][-1][2]:.3f}")
            line.append(f"(threshold {model.threshold})")
            print("  ".join(line), flush=True)
    return scores


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--shuffled", action="store_true",
                    help="Feed copydesk the articles in a shuffled order instead of publication order.")
    args = ap.parse_args(argv)
    if args.shuffled:
        import random

        import stories_train

        def shuffled(rows: list[dict], seed: int = stories_train.ORDER_SEED) -> list[dict]:
            order = list(rows)
            random.Random(seed).shuffle(order)
            return order

        stories_train.stream_order = shuffled
    scores = run(args.data, args.repeats)
    print("\n| method | B-cubed P | R | F1 |\n|---|---|---|---|")
    for name, rows in scores.items():
        p, r, f = np.mean(rows, axis=0)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")


if __name__ == "__main__":
    main()
