"""Train the check-worthiness scorer that ships with copydesk.

    python -m bench.train_claims [--data ../shared/data/claims] [--pages ../shared/data/article-pages]

Reads the labelled sentences (never copied into the repo), keeps the test
blocks apart (bench/claims_common.py), fits the logistic regressions on the
train split, chooses the default threshold so that about a fifth of the body
sentences of the article pages are suggested, and writes
annotators/models/claim_scorer.npz, and claim_scorer_base.npz (a sample of
the training split as hashed n-grams and dense features, no text, which
store/train_claims.py mixes a team's examples into).  Deterministic: the same data give the
same file.  Dense features are cached in bench/out/claims-cache (gitignored).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from annotators.claimscore.model import MODEL_NAME
from annotators.claimscore.train import BASE_NAME, fit, save_base
from annotators.models import SHIPPED
from bench.claims_common import PIPELINE, ROOT, page_docs, page_sentence_scores, shared, split_with_dense

TARGET_RATE = 0.20  # the share of news body sentences suggested at the default threshold


def threshold_for_rate(scores: np.ndarray, sentences: int, rate: float = TARGET_RATE) -> float:
    """The threshold (two decimals) whose suggestions are nearest ``rate`` of ``sentences``."""
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    rates = np.array([(scores >= t).sum() / max(sentences, 1) for t in grid])
    return float(grid[int(np.argmin(np.abs(rates - rate)))])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared("data", "claims"))
    parser.add_argument("--pages", type=Path, default=shared("data", "article-pages"))
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "claims-cache")
    parser.add_argument("--out", type=Path, default=SHIPPED / MODEL_NAME)
    args = parser.parse_args(argv)

    import spacy

    started = time.time()
    nlp = spacy.load(PIPELINE)
    train, test, dense, _ = split_with_dense(nlp, args.data, args.cache)
    print(f"train {len(train.texts):,} sentences ({int(train.labels.sum()):,} check-worthy); "
          f"test {len(test.texts):,} kept apart")
    meta = {"trained_on": [f"{args.data.name}/{name}" for name in sorted(set(train.sources))],
            "split": "blocks of 50 consecutive lines per file, every 5th block held out as test; "
                     "training sentences also in the test split dropped",
            "train_sentences": len(train.texts), "pipeline": PIPELINE}
    scorer = fit(train.texts, dense, train.labels, meta=meta)
    scores, sentences = page_sentence_scores(scorer, page_docs(nlp, args.pages))
    threshold = threshold_for_rate(scores, sentences)
    scorer.meta["threshold"] = threshold
    scorer.meta["page_rate"] = round(float((scores >= threshold).sum() / max(sentences, 1)), 4)
    path = scorer.save(args.out)
    base = save_base(args.out.parent / BASE_NAME, train.texts, dense, train.labels)
    print(f"threshold {threshold:.2f}: {scorer.meta['page_rate']:.1%} of {sentences:,} body sentences (doc.sents) of "
          f"{args.pages.name} suggested; wrote {path} ({path.stat().st_size / 1e6:.2f} MB) in "
          f"{time.time() - started:.0f} s; the sample for team retraining: {base} "
          f"({base.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
