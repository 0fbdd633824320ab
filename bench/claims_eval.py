"""How well the shipped check-worthiness scorer does, beside TF-IDF + logistic
regression (scikit-learn defaults) trained on the same split in the same run.

    python -m bench.claims_eval [--data ../shared/data/claims] [--pages ../shared/data/article-pages]
                                [--model annotators/models/claim_scorer.npz]

Prints P, R and F1 of the check-worthy class (and average precision, which
needs no threshold) on the held-out test blocks
(bench/claims_common.py), all together and per source (ClaimBuster,
CheckThat! 2024), and the share of the article pages' body sentences the
default threshold suggests.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from annotators.claimscore.model import MODEL_NAME, load_scorer
from annotators.claimscore.train import f1
from annotators.models import SHIPPED
from bench.claims_common import PIPELINE, ROOT, page_docs, page_sentence_scores, shared, split_with_dense

PARTS = (("all", None), ("ClaimBuster", "claimbuster"), ("CheckThat! 2024", "checkthat2024"))


def tfidf_baseline(train, test) -> tuple[np.ndarray, np.ndarray]:
    """Its predictions (predict: p >= 0.5) and probabilities on the test split."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer()
    model = LogisticRegression().fit(vectorizer.fit_transform(train.texts), train.labels)
    X = vectorizer.transform(test.texts)
    return model.predict(X), model.predict_proba(X)[:, 1]


def row(name: str, labels: np.ndarray, predicted: np.ndarray, probs: np.ndarray) -> str:
    from sklearn.metrics import average_precision_score

    p, r, f = f1(labels, predicted)
    return f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {average_precision_score(labels, probs):.3f} |"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared("data", "claims"))
    parser.add_argument("--pages", type=Path, default=shared("data", "article-pages"))
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "claims-cache")
    parser.add_argument("--model", type=Path, default=SHIPPED / MODEL_NAME)
    args = parser.parse_args(argv)

    import spacy

    started = time.time()
    nlp = spacy.load(PIPELINE)
    scorer = load_scorer(args.model)
    train, test, _, test_dense = split_with_dense(nlp, args.data, args.cache)
    probs = scorer.score_rows(test.texts, test_dense)
    plain = scorer.score_rows(test.texts, None)
    baseline, baseline_probs = tfidf_baseline(train, test)
    t = scorer.threshold
    print(f"test split: {len(test.texts):,} sentences ({int(test.labels.sum()):,} check-worthy); "
          f"train {len(train.texts):,}")
    for title, source in PARTS:
        keep = np.array([source is None or s.startswith(source) for s in test.sources])
        y = test.labels[keep]
        print(f"\n{title}: {int(keep.sum()):,} sentences, {int(y.sum()):,} check-worthy\n")
        print("| model | P | R | F1 | average precision |\n|---|---:|---:|---:|---:|")
        print(row("copydesk scorer (p >= 0.5)", y, (probs[keep] >= 0.5).astype(int), probs[keep]))
        print(row(f"copydesk scorer (p >= {t:.2f}, the news threshold)", y, (probs[keep] >= t).astype(int),
                  probs[keep]))
        print(row("copydesk words-only model, blank pipeline (p >= 0.5)", y, (plain[keep] >= 0.5).astype(int),
                  plain[keep]))
        print(row("TF-IDF + LogisticRegression (sklearn defaults)", y, baseline[keep], baseline_probs[keep]))
        if source is None:
            ours, theirs = f1(y, (probs[keep] >= 0.5).astype(int))[2], f1(y, baseline[keep])[2]
            print(f"\nF1 ahead of TF-IDF + LR by {ours - theirs:+.3f} (Done-when: >= +0.040)")
    scores, sentences = page_sentence_scores(scorer, page_docs(nlp, args.pages))
    suggested = int((scores >= t).sum())
    print(f"\narticle pages ({args.pages.name}): {sentences:,} body sentences (doc.sents), {len(scores):,} "
          f"scored (the rest, or their pieces between line breaks, headings or fragments); threshold {t:.2f} "
          f"suggests {suggested:,} = {suggested / max(sentences, 1):.1%} of body sentences "
          f"({suggested / max(len(scores), 1):.1%} of those scored); at 0.5: "
          f"{(scores >= 0.5).sum() / max(sentences, 1):.1%}")
    print(f"({time.time() - started:.0f} s)")


if __name__ == "__main__":
    main()
