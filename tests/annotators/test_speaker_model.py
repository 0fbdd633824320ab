"""The learned speaker attributor: candidates and features on real text, the
shipped model, its scores, and a bad model file."""
from __future__ import annotations

import json

import pytest

from annotators.models import SHIPPED
from annotators.quotes import find_quotes
from annotators.quotes.features import quote_candidates
from annotators.quotes.learned import MODEL_NAME, SpeakerModel, SpeakerModelError, recording
from tests.conftest import SAMPLE_DATA

# sample_data/000_bd3c123d996fe42b.txt (AP, 2024): a pronoun cue, then a named one
TEXT = ("Blinken said the U.S. would keep up its support. \u201cNow we should be able to make the war stop,\u201d "
        "he added.\n\nNATO Secretary General Jens Stoltenberg told reporters in Brussels, \u201cWe will not "
        "waver.\u201d")


def candidates_of(nlp, text):
    with recording() as found:
        spans = find_quotes(nlp(text), text)
    (recorded_spans, cands), = found
    return spans, cands


def test_candidates_of_a_quote_have_the_cues_subject_the_other_people_and_nobody(nlp):
    spans, cands = candidates_of(nlp, TEXT)
    assert [s.attrs["speaker"] for s in spans] == ["Blinken", "Jens Stoltenberg"]
    second = {c.name: c for c in cands[1]}
    assert set(second) >= {"Jens Stoltenberg", "Blinken", None}
    jens = second["Jens Stoltenberg"].feats
    # the subject of "told", in the quote's sentence, before it, the rules' answer
    assert jens["cue_subject"] == jens["speech_subject"] == jens["same_sentence"] == jens["before"] == 1.0
    assert jens["path=nsubj"] == 1.0 and jens["rules_vote"] == 1.0 and jens["ner=PERSON"] == 1.0
    blinken = second["Blinken"].feats
    # named a paragraph earlier, the last speaker, not the cue's subject
    assert blinken["last_speaker"] == 1.0 and "cue_subject" not in blinken and "same_sentence" not in blinken
    assert blinken["log_tokens_before"] > jens["log_tokens_before"]
    assert [c.name for c in cands[1] if c.rules] == ["Jens Stoltenberg"]
    assert second[None].feats["nobody"] == 1.0 and "rules_vote" not in second[None].feats


def test_the_shipped_model_loads_and_scores_every_quote_between_0_and_1(nlp):
    model = SpeakerModel.load(SHIPPED / MODEL_NAME)
    assert model.weights and 0.0 <= model.margin and model.meta["cv"]["combined"]["gold"] >= 300
    spans, cands = candidates_of(nlp, TEXT)
    for options in cands:
        probs = model.probabilities(options)
        assert all(0.0 <= p <= 1.0 for p in probs) and sum(probs) == pytest.approx(1.0)
    text = (SAMPLE_DATA / "001_d0109b297222dfef.txt").read_text(encoding="utf-8")
    scores = [s.attrs["speaker_score"] for s in find_quotes(nlp(text), text)]
    assert len(scores) > 5 and all(0.0 <= x <= 1.0 for x in scores)
    assert min(scores) < max(scores)


def test_a_named_cue_subject_is_scored_more_confident_than_a_quote_with_no_cue(nlp):
    text = ("Jens Stoltenberg told reporters, \u201cWe will not waver.\u201d\n\n"
            "The summit ended on Friday. \u201cA new chapter.\u201d")
    spans = find_quotes(nlp(text), text)
    assert spans[0].attrs["speaker"] == "Jens Stoltenberg"
    assert spans[0].attrs["speaker_score"] > spans[-1].attrs["speaker_score"]


def test_find_quotes_on_a_blank_pipeline_still_scores(nlp):
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    spans = find_quotes(blank(TEXT), TEXT)
    assert spans and all(0.0 <= s.attrs["speaker_score"] <= 1.0 for s in spans)


@pytest.mark.parametrize("content, field", [
    ({"format": "something-else/1", "weights": {}}, "'format'"),
    ({"format": "copydesk-speaker-model/1", "weights": {"rules_vote": "high"}}, "'weights'"),
    ({"format": "copydesk-speaker-model/1", "weights": {}, "margin": "wide"}, "'margin'"),
])
def test_a_bad_model_file_is_refused_naming_the_file_and_field(tmp_path, content, field):
    path = tmp_path / MODEL_NAME
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(SpeakerModelError) as err:
        SpeakerModel.load(path)
    assert str(path) in str(err.value) and field in str(err.value) and "\n" not in str(err.value)


def test_the_model_names_a_speaker_the_rules_left_empty_in_a_real_article(nlp):
    """ScienceAlert (2019): ""We suggest that the outgassing ...," Paganini and his
    team wrote in the paper." The rules give a coordinated subject no speaker;
    the model picks Lucas Paganini, the subject of the speech verb."""
    from annotators.quotes.learned import using
    from tests.conftest import FIXTURES

    text = (FIXTURES / "quotes" / "sciencealert_europa_water.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    shipped = SpeakerModel.load(SHIPPED / MODEL_NAME)
    at = text.index("We suggest that the outgassing")
    quote = lambda spans: next(s for s in spans if s.start <= at < s.end)  # noqa: E731
    with using(SpeakerModel(shipped.weights, shipped.bias, margin=2.0)):  # never past the margin: the rules' answer
        assert quote(find_quotes(doc, text)).attrs["speaker"] is None
    chosen = quote(find_quotes(doc, text)).attrs
    assert chosen["speaker"] == "Lucas Paganini" and chosen["resolved_from"] == "model"
    assert chosen["speaker_score"] > 0.5 and chosen["speaker_kind"] == "person"
    assert text[chosen["speaker_start"]:chosen["speaker_end"]] in ("Paganini", "Lucas Paganini")


def test_a_broken_team_model_beside_a_pipeline_is_named_once_and_the_shipped_one_scores(tmp_path, nlp):
    from annotators.models import team_file
    from annotators.quotes.learned import model_for

    team = team_file(tmp_path, MODEL_NAME)
    team.parent.mkdir(parents=True)
    team.write_text("{not json", encoding="utf-8")
    doc = nlp(TEXT)
    with pytest.warns(UserWarning, match=str(team)):
        model = model_for(doc, tmp_path)
    assert model.weights == SpeakerModel.load(SHIPPED / MODEL_NAME).weights


def test_the_shipped_examples_hold_no_held_out_article():
    """The unseen gold's "heldout" rows are never trained on: no shipped example comes from their articles."""
    from annotators.quotes.fit import load_examples
    from tests.conftest import FIXTURES

    rows = [json.loads(line) for name in ("gold_unseen_a.jsonl", "gold_unseen_b.jsonl")
            for line in (FIXTURES / "quotes" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    heldout = {r["file"] for r in rows if r["split"] == "heldout"}
    dev = {r["file"] for r in rows if r["split"] == "dev"}
    shipped = {ex["file"] for ex in load_examples(SHIPPED / "speaker_examples.json.gz")}
    assert heldout and dev <= shipped and not heldout & shipped
