"""`copydesk agreement` on the sample database, two annotators, two articles.

ana and ben judge articles 1 and 2 of sample_data (000_..., 001_...):
- article 1: both accept PERSON "Antony Blinken" (the first); ana accepts GPE "Brussels", ben
  relabels that span ORG;
- article 2: ana accepts PERSON "Antony Blinken", ben rejects it and accepts PERSON "Christopher
  Cavoli".
Each name is 2 tokens, "Brussels" 1; the two articles have T = 919 tokens (spaCy's tokenizer).

Hand computation:
- F1 exact: PERSON 1 match of 2+2 spans = 0.5; GPE 0 of 1, ORG 0 of 1; overall 1 of 3+3 = 1/3.
- PERSON tokens: ana 4, ben 4, 2 shared: 4 disagree.  p_o = 915/919, p_e = (4² + 915²)/919²,
  kappa = (915*919 - 837241)/(844561 - 837241) = 3644/7320 = 0.497814.
  alpha (2 coders, n = 2T = 1838 values, n1 = 8, n0 = 1830, 8 disagreeing ordered pairs):
  1 - 1837*8/(2*1830*8) = 1 - 1837/3660 = 0.498087.
- GPE: ana 1 token, ben none: p_o = p_e = 918/919, kappa 0; alpha = 1 - 1837*2/(2*1837*1) = 0.
- overall (entities only were used: one layer of T tokens): 5 disagree (4 PERSON, GPE/ORG),
  ana PERSON 4, GPE 1, O 914; ben PERSON 4, ORG 1, O 914:
  kappa = (5*914 - 16)/(10*919 - 41) = 4554/9149 = 0.497759;
  alpha = 1 - 1837*10/(1838² - (8² + 1 + 1 + 1828²)) = 1 - 18370/36594 = 0.498005.
"""
from __future__ import annotations

import json

import pytest

from store import Store
from tests.compare_fixtures import copy_db
from tests.store._datasets import cli
from tests.team_fixtures import span_id, two_annotators


@pytest.fixture
def team_db(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    assert two_annotators(db) == 919  # the T of the hand computation
    return db


def test_agreement_json_matches_the_hand_computation(team_db):
    result = cli("agreement", "--json", "--db", team_db)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["annotators"] == ["ana", "ben"] and len(report["pairs"]) == 1
    pair = report["pairs"][0]
    assert pair["articles"] == 2
    person, labels = pair["labels"]["entity:PERSON"], pair["labels"]
    assert person["f1_exact"] == {"value": 0.5, "units": 4, "articles": 2}
    assert person["kappa"]["value"] == pytest.approx(3644 / 7320)
    assert person["alpha"]["value"] == pytest.approx(1 - 1837 / 3660)
    assert person["kappa"]["units"] == 919
    assert labels["entity:GPE"]["f1_exact"]["value"] == 0.0 and labels["entity:ORG"]["f1_exact"]["value"] == 0.0
    assert labels["entity:GPE"]["kappa"]["value"] == pytest.approx(0.0, abs=1e-12)
    assert labels["entity:GPE"]["alpha"]["value"] == pytest.approx(0.0, abs=1e-12)
    overall = pair["overall"]
    assert overall["f1_exact"]["value"] == pytest.approx(1 / 3) and overall["f1_exact"]["units"] == 6
    assert overall["kappa"]["value"] == pytest.approx(4554 / 9149)
    assert overall["alpha"]["value"] == pytest.approx(1 - 18370 / 36594)
    assert overall["speaker"] == {"value": None, "units": 0, "articles": 0}  # no quote was kept


def test_agreement_table_names_the_pair_and_labels(team_db):
    result = cli("agreement", "--db", team_db)
    assert result.exit_code == 0, result.output
    assert "ana & ben: 2 articles in common" in result.output and "entity:GPE" in result.output
    assert "0.500" in result.output  # PERSON exact F1


def test_agreement_with_one_annotator_says_there_is_nothing_to_compare(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    ana = Store.open(db, "ana")
    ana.accept(span_id(ana, 1, "PERSON", "Antony Blinken"))
    ana.close()
    result = cli("agreement", "--db", db)
    output = " ".join(result.output.split())
    assert result.exit_code == 0 and "nothing to compare" in output and "annotators: ana" in output


def test_agreement_table_keeps_whole_labels_at_80_columns_piped(team_db):
    result = cli("agreement", "--db", team_db)  # CliRunner: not a terminal, 80 columns
    assert result.exit_code == 0 and "entity:PERSON" in result.output and "entity:PE…" not in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
