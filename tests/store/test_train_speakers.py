"""Retraining the speaker attributor from a team's reviewed speakers, on a real
database (sample_data/ imported by the real import), and speaker_score in the
jsonl export."""
from __future__ import annotations

import json

import pytest

from annotators.models import SHIPPED, model_file, team_file
from annotators.quotes.fit import locate
from annotators.quotes.learned import MODEL_NAME, SpeakerModel
from store import Store
from store.train_speakers import retrain_speaker_model
from tests.compare_fixtures import copy_db
from tests.conftest import FIXTURES, SAMPLE_DATA
from tests.store._datasets import cli


def review_gold_speakers(db) -> int:
    """Annotator ana gives every quote of the sample articles the speaker of
    tests/fixtures/quotes/gold.jsonl (the team's reviewed speakers)."""
    gold = [json.loads(line) for line in (FIXTURES / "quotes" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    store = Store.open(db, annotator="ana")
    reviewed = 0
    try:
        for path in sorted(SAMPLE_DATA.glob("*.txt")):
            (article_id,) = store.find_articles_by_file(path.name)
            text = store.get_article(article_id).text
            quotes = store.spans(article_id, kinds=["quote"])
            for row in (g for g in gold if g["file"].endswith(path.name) and g["speaker"]):
                at = locate(text, row["quote"])
                span = next((s for s in quotes if s.start < at + len(row["quote"]) and at < s.end), None)
                if at >= 0 and span is not None:
                    store.set_speaker(span.id, row["speaker"])
                    reviewed += 1
    finally:
        store.close()
    return reviewed


@pytest.fixture
def reviewed_db(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    assert review_gold_speakers(db) >= 20
    return db


def test_retrain_writes_a_team_model_that_a_pipeline_from_that_folder_then_uses(tmp_path, reviewed_db, nlp):
    from annotators.pipeline import load_pipeline
    from annotators.quotes import find_quotes

    folder = tmp_path / "pipeline"
    nlp.to_disk(folder)  # the pipeline folder `copydesk train` would have written
    store = Store.open(reviewed_db, annotator="ana")
    echoed: list[str] = []
    try:
        lines = retrain_speaker_model(store, folder, echoed.append, nlp=nlp)
    finally:
        store.close()
    assert echoed == ["speaker model: parsing the 4 articles with reviewed speakers", "speaker model: training"]
    written = team_file(folder, MODEL_NAME)
    assert written.is_file() and model_file(MODEL_NAME, folder) == written
    said = "\n".join(lines)
    assert "in 4 articles; train 3 articles, dev 1" in said
    assert "model before:" in said and "model after:" in said and "rules alone:" in said
    team = SpeakerModel.load(written)
    assert any(t.startswith("team: ") for t in team.meta["trained_on"])
    assert 0.0 <= team.meta["team_dev"]["right_of_found"] <= 1.0

    shipped = SpeakerModel.load(SHIPPED / MODEL_NAME)
    assert team.weights != shipped.weights
    loaded = load_pipeline(str(folder)).nlp
    text = (SAMPLE_DATA / "000_bd3c123d996fe42b.txt").read_text(encoding="utf-8")
    doc = loaded(text)
    spans = find_quotes(doc, text)
    from annotators.quotes.learned import using

    with using(shipped):
        by_shipped = [s.attrs["speaker_score"] for s in find_quotes(doc, text)]
    with using(team):
        by_team = [s.attrs["speaker_score"] for s in find_quotes(doc, text)]
    scores = [s.attrs["speaker_score"] for s in spans]
    assert scores == by_team and scores != by_shipped


def test_retrain_with_no_reviewed_speakers_leaves_the_model_alone(tmp_path, sample_db_template, nlp):
    db = copy_db(sample_db_template, tmp_path)
    store = Store.open(db, annotator="ana")
    try:
        lines = retrain_speaker_model(store, tmp_path / "pipeline", lambda line: None, nlp=nlp)
    finally:
        store.close()
    assert lines == ["speaker model: no reviewed quotes with a speaker; the model is unchanged"]
    assert not team_file(tmp_path / "pipeline", MODEL_NAME).exists()


def test_jsonl_export_carries_each_quotes_speaker_score(tmp_path, reviewed_db):
    out = tmp_path / "out.jsonl"
    result = cli("export", "--format", "jsonl", "--include-suggestions", "--out", out, "--db", reviewed_db)
    assert result.exit_code == 0, result.output
    quotes = [q for line in out.read_text(encoding="utf-8").splitlines() for q in json.loads(line)["quotes"]]
    assert len(quotes) > 20
    assert all(0.0 <= q["speaker_score"] <= 1.0 for q in quotes)
    assert len({q["speaker_score"] for q in quotes}) > 5  # a score per quote, not one constant


@pytest.mark.slow
def test_copydesk_train_on_reviewed_speakers_retrains_the_attributor_and_prints_before_and_after(tmp_path, reviewed_db):
    store = Store.open(reviewed_db, annotator="ana")
    try:  # the spaCy NER needs reviewed entities to train on
        store.accept_many([s.id for a in store.article_ids() for s in store.spans(a, kinds=["entity"])])
    finally:
        store.close()
    out = tmp_path / "model"
    # learning rate 0: the new spaCy pipeline is the base (never worse); this test is about the speaker model after it
    result = cli("train", "--output", out, "--max-steps", "2", "--learn-rate", "0", "--db", reviewed_db)
    assert result.exit_code == 0, result.output
    output = result.output
    assert output.index("speaker model: parsing the 4 articles") < output.index("dev split, model after:")
    assert "dev split, model before:" in output and "dev split, rules alone:" in output
    written = team_file(out, MODEL_NAME)
    assert model_file(MODEL_NAME, out) == written
    assert any(t.startswith("team: ") for t in SpeakerModel.load(written).meta["trained_on"])
