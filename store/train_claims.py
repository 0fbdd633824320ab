"""Retraining the claim check-worthiness scorer from a team's reviewed claims.

    lines = retrain_claim_scorer(store, pipeline_folder, echo=print)

The team's examples are the gold layer's claims (``Store.gold_spans``):
accepted = check-worthy (1), rejected = not (0), the sentence being the
article's text under the span.  They are mixed into the pre-vectorised sample
of the shipped training data (``annotators/models/claim_scorer_base.npz``),
weighted up, and the scorer is refitted.  A quarter of the team's articles is
held back: F1 there is printed for the scorer in use before and the new one,
and the new one is written to ``team_file(folder, "claim_scorer.npz")``, which
a pipeline loaded from ``folder`` then uses.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

MIN_EXAMPLES = 8  # per class, before anything is retrained
HOLD_BACK = 4  # every 4th article (in id order) is held back
TEAM_SHARE = 0.5  # the team's examples together weigh this much of the shipped sample


@dataclass
class TeamExamples:
    texts: list[str]
    labels: np.ndarray
    articles: list[int]


def team_examples(store) -> TeamExamples:
    """Every reviewed claim of the gold layer: accepted 1, rejected 0."""
    texts, labels, articles = [], [], []
    for article_id in store.article_ids():
        records, _ = store.gold_spans(article_id)
        claims = [r for r in records if r.kind == "claim" and r.status in ("accepted", "rejected")]
        if not claims:
            continue
        body = store.get_article(article_id).text
        for record in claims:
            sentence = body[record.start:record.end].strip()
            if sentence:
                texts.append(sentence)
                labels.append(1 if record.status == "accepted" else 0)
                articles.append(article_id)
    return TeamExamples(texts, np.array(labels, dtype=np.int8), articles)


def held_back(articles: list[int], labels: np.ndarray) -> np.ndarray:
    """A boolean mask: the examples of every HOLD_BACK-th article (in id
    order); by example when that leaves a class out of either side."""
    order = {a: k for k, a in enumerate(sorted(set(articles)))}
    mask = np.array([order[a] % HOLD_BACK == HOLD_BACK - 1 for a in articles], dtype=bool)
    if all(len(set(labels[side])) == 2 for side in (mask, ~mask)):
        return mask
    return np.arange(len(labels)) % HOLD_BACK == HOLD_BACK - 1


def _line(name: str, labels: np.ndarray, probs: np.ndarray, threshold: float) -> str:
    from annotators.claimscore.train import f1

    p, r, f = f1(labels, (probs >= threshold).astype(int))
    return f"  {name:<28} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (threshold {threshold:.2f})"


def retrain_claim_scorer(store, folder: str | Path, echo: Callable[[str], None] = print) -> list[str]:
    """Refit the claim scorer with the team's reviewed claims; write it beside
    the pipeline ``folder``.  Returns the lines it reports (``copydesk train``
    prints them after its table; ``echo`` gets the progress); writes nothing
    when there are too few reviewed claims, and says so."""
    from scipy.sparse import vstack

    from annotators.claimscore.features import hasher
    from annotators.claimscore.model import MODEL_NAME, scorer_for
    from annotators.claimscore.train import BASE_NAME, dense_of_sentences, fit_matrix, load_base
    from annotators.models import SHIPPED, model_file, team_file
    from annotators.pipeline import load_pipeline

    lines: list[str] = []

    def say(line: str) -> None:
        lines.append(line)

    team = team_examples(store)
    positives, negatives = int(team.labels.sum()), int(len(team.labels) - team.labels.sum())
    if min(positives, negatives) < MIN_EXAMPLES:
        say(f"claim scorer: not retrained: {positives} accepted and {negatives} rejected claims reviewed "
            f"(need {MIN_EXAMPLES} of each)")
        return lines
    test = held_back(team.articles, team.labels)
    echo(f"claim scorer: retraining on {len(team.labels)} reviewed claims")
    nlp = load_pipeline().nlp
    dense = dense_of_sentences(nlp, team.texts)
    words = hasher().transform(team.texts)
    base_words, base_dense, base_labels = load_base(SHIPPED / BASE_NAME)
    train = ~test
    weight = max(1.0, TEAM_SHARE * len(base_labels) / max(int(train.sum()), 1))
    before = scorer_for(folder)
    before_source = "team's previous" if model_file(MODEL_NAME, folder) != SHIPPED / MODEL_NAME else "shipped"
    meta = dict(before.meta)
    meta.update({"retrained_with": f"{int(train.sum())} team examples (weight {weight:.1f}) and "
                                   f"{len(base_labels)} shipped sentences", "threshold": before.threshold})
    after = fit_matrix(vstack([base_words, words[train]]).tocsr(), np.vstack([base_dense, dense[train]]),
                       np.concatenate([base_labels, team.labels[train]]),
                       np.concatenate([np.ones(len(base_labels)), np.full(int(train.sum()), weight)]), meta=meta)
    say(f"claim scorer: {len(team.labels)} reviewed claims ({positives} accepted, {negatives} rejected); "
        f"trained on {int(train.sum())} (weight {weight:.1f}) with {len(base_labels):,} shipped sentences, "
        f"F1 on the {int(test.sum())} held back:")
    usable = _usable(nlp)
    for name, scorer in ((f"before ({before_source})", before), ("after (retrained)", after)):
        probs = scorer.score_rows([t for t, keep in zip(team.texts, test) if keep], dense[test] if usable else None)
        say(_line(name, team.labels[test], probs, scorer.threshold))
    path = after.save(team_file(folder, MODEL_NAME))
    say(f"claim scorer: wrote {path}")
    return lines


def _usable(nlp) -> bool:
    from annotators.claimscore.features import DocArrays

    return DocArrays.usable(nlp("The rate rose to 5% in 2020."))
