"""annotators.agreement on a worked example computed by hand.

Two articles, each ten tokens ``a b c d e f g h i j`` (token i = chars 2i..2i+1),
worked on by ana and ben; a third article only ana and cy worked on.

Article 1: ana PERSON [0,3) (t0-1), GPE [8,9) (t4), QUOTE [12,19) (t6-9) said by "Antony Blinken";
           ben PERSON [0,3),        ORG [8,9) (t4), QUOTE [14,19) (t7-9) said by "antony  blinken".
Article 2: ana PERSON [0,1) (t0),   CLAIM [4,11) (t2-5) tags {statistic, prediction}, verdict supported;
           ben PERSON [0,3) (t0-1), CLAIM [4,11) tags {statistic}, verdict opinion; GPE [16,17) (t8).
Article 3 (ana and cy only): both PERSON [0,1).

ana-ben (articles 1 and 2; article 3 is not theirs in common):
- span F1 exact = 2*matches/(spans of ana + spans of ben).  PERSON: 1 match ([0,3) in art. 1) of 2+2:
  0.5; overlapping: 2 matches: 1.0.  GPE: 0 of 1+1: 0.0 (2 articles).  ORG: 0 of 0+1.  QUOTE: exact
  0.0, overlapping 1.0.  CLAIM: 1.0.  Overall exact: PERSON + CLAIM = 2 of 5+6 spans: 4/11;
  overlapping: PERSON 2 + QUOTE 1 + CLAIM 1 = 4: 8/11.
- token kappa, PERSON (20 tokens: ana 1s at a1t0, a1t1, a2t0; ben also a2t1): p_o = 19/20,
  p_e = 0.15*0.20 + 0.85*0.80 = 0.71, kappa = 0.24/0.29 = 0.827586.
  alpha: coincidences o11 = 6, o00 = 32, o01 = o10 = 1; n1 = 7, n0 = 33, n = 40;
  alpha = 1 - (n-1)*(o01+o10)/(2*n0*n1) = 1 - 39*2/462 = 0.831169.
- GPE (a1t4 ana, a2t8 ben): p_o = 0.9, p_e = 0.05*0.05 + 0.95*0.95 = 0.905, kappa = -0.005/0.095
  = -0.052632; alpha = 1 - 39*4/(2*38*2) = 1 - 156/152 = -0.026316.
- overall: three layers (entity, quote, claim) x 20 tokens = 60 units; disagreements: entity a1t4
  (GPE/ORG), a2t1 (O/PERSON), a2t8 (O/GPE), quote a1t6 (QUOTE/O): p_o = 56/60.  Marginals: ana
  PERSON 3, GPE 1, QUOTE 4, CLAIM 4, O 48; ben PERSON 4, GPE 1, ORG 1, QUOTE 3, CLAIM 4, O 47;
  p_e = (12 + 1 + 0 + 12 + 16 + 48*47)/3600 = 2297/3600; kappa = (3360-2297)/(3600-2297) = 1063/1303
  = 0.815810.  alpha: n = 120, sum of n_c^2 = 49+4+1+49+64+9025 = 9192, disagreeing pairs 8:
  alpha = 1 - 119*8/(14400-9192) = 1 - 952/5208 = 0.817204.
- speaker: the one quote pair names the same person (case, spaces ignored): 1.0 of 1.
  tags: Jaccard({statistic, prediction}, {statistic}) = 0.5 of 1; verdict: 0.0 of 1.

ana-cy (article 3): exact F1 1.0 of 2 spans.  ben-cy: no article in common, no pair.
Average of the two pairs: overall exact F1 (4/11 + 1)/2 = 0.681818, on 11+2 = 13 spans, 2+1 articles.
"""
from __future__ import annotations

import pytest

from annotators.agreement import AnnotatedSpan, agreement, cohen_kappa, krippendorff_alpha, token_bounds

TOKENS = [(2 * i, 2 * i + 1) for i in range(10)]


def E(label, start, end):
    return AnnotatedSpan("entity", label, start, end)


WORK = {
    "ana": {1: [E("PERSON", 0, 3), E("GPE", 8, 9), AnnotatedSpan("quote", "QUOTE", 12, 19, speaker="Antony Blinken")],
            2: [E("PERSON", 0, 1), AnnotatedSpan("claim", "CLAIM", 4, 11, tags=("statistic", "prediction"),
                                                 verdict="supported")],
            3: [E("PERSON", 0, 1)]},
    "ben": {1: [E("PERSON", 0, 3), E("ORG", 8, 9), AnnotatedSpan("quote", "QUOTE", 14, 19, speaker="antony  blinken")],
            2: [E("PERSON", 0, 3), AnnotatedSpan("claim", "CLAIM", 4, 11, tags=("statistic",), verdict="opinion"),
                E("GPE", 16, 17)]},
    "cy": {3: [E("PERSON", 0, 1)]},
}


@pytest.fixture(scope="module")
def report():
    return agreement(WORK, {1: TOKENS, 2: TOKENS, 3: TOKENS})


def value(fig):
    return pytest.approx(fig.value, abs=1e-6)


def test_pairs_only_over_articles_both_worked_on(report):
    assert [p.annotators for p in report.pairs] == [("ana", "ben"), ("ana", "cy")]
    assert [p.articles for p in report.pairs] == [2, 1]


def test_span_f1_exact_and_overlapping_per_label(report):
    labels = report.pairs[0].labels
    assert (labels["entity:PERSON"]["f1_exact"].value, labels["entity:PERSON"]["f1_overlap"].value) == (0.5, 1.0)
    assert (labels["entity:PERSON"]["f1_exact"].units, labels["entity:PERSON"]["f1_exact"].articles) == (4, 2)
    assert labels["entity:GPE"]["f1_exact"].value == 0.0 and labels["entity:GPE"]["f1_overlap"].articles == 2
    assert labels["entity:ORG"]["f1_exact"].value == 0.0 and labels["entity:ORG"]["f1_exact"].units == 1
    assert (labels["quote:QUOTE"]["f1_exact"].value, labels["quote:QUOTE"]["f1_overlap"].value) == (0.0, 1.0)
    assert labels["claim:CLAIM"]["f1_exact"].value == 1.0
    overall = report.pairs[0].overall
    assert overall["f1_exact"].value == pytest.approx(4 / 11) and overall["f1_exact"].units == 11
    assert overall["f1_overlap"].value == pytest.approx(8 / 11)


def test_token_kappa_and_alpha_per_label_and_overall(report):
    labels, overall = report.pairs[0].labels, report.pairs[0].overall
    assert labels["entity:PERSON"]["kappa"].value == pytest.approx(0.827586, abs=1e-6)
    assert labels["entity:PERSON"]["alpha"].value == pytest.approx(0.831169, abs=1e-6)
    assert labels["entity:PERSON"]["kappa"].units == 20
    assert labels["entity:GPE"]["kappa"].value == pytest.approx(-0.052632, abs=1e-6)
    assert labels["entity:GPE"]["alpha"].value == pytest.approx(-0.026316, abs=1e-6)
    assert labels["claim:CLAIM"]["kappa"].value == pytest.approx(1.0)
    assert overall["kappa"].value == pytest.approx(1063 / 1303) and overall["kappa"].units == 60
    assert overall["alpha"].value == pytest.approx(1 - 952 / 5208)


def test_speaker_tags_and_verdict_on_spans_both_kept(report):
    overall = report.pairs[0].overall
    assert (overall["speaker"].value, overall["speaker"].units) == (1.0, 1)
    assert (overall["tags"].value, overall["tags"].units) == (0.5, 1)
    assert (overall["verdict"].value, overall["verdict"].units) == (0.0, 1)


def test_average_is_the_mean_of_the_pairs_with_their_units_summed(report):
    mean = report.average.overall["f1_exact"]
    assert mean.value == pytest.approx((4 / 11 + 1) / 2) and (mean.units, mean.articles) == (13, 3)
    assert report.average.overall["speaker"].value == 1.0  # ana-cy has no quotes: the mean of defined values
    json = report.to_dict()
    assert json["pairs"][0]["labels"]["entity:PERSON"]["f1_exact"] == {"value": 0.5, "units": 4, "articles": 2}


def test_undefined_figures_are_none():
    assert cohen_kappa(["O", "O"], ["O", "O"]) is None and krippendorff_alpha([1, 1], [1, 1]) is None
    lone = agreement({"ana": {1: []}, "ben": {1: []}}, {1: TOKENS})
    assert lone.pairs[0].overall["f1_exact"].value is None and lone.pairs[0].overall["kappa"].value is None
    assert agreement({"ana": {1: []}}, {1: TOKENS}).average is None


def test_token_bounds_are_spacy_tokens_without_whitespace():
    text = "Blinken said:  \"We act.\""
    assert [text[s:e] for s, e in token_bounds(text)] == ["Blinken", "said", ":", '"', "We", "act", ".", '"']
