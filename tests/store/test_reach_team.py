"""Review, the gold and agreement on a span one annotator never reached (the
team database of tests/team_fixtures.py: ana and ben on sample articles 1-2).

ben accepts PERSON "Christopher Cavoli" in article 2; ana never judges it.
While ana has not finished article 2, Cavoli is no difference, not in the
gold and not in agreement; once she marks it done, it is a difference (ben
kept it, ana left it) in review and in agreement alike."""
from __future__ import annotations

import json

from spacy.tokens import DocBin

from store import Store
from store import judgments_bulk as bulk
from store.export import Selection, export_dataset
from store.formats import spacy_docbin
from tests.compare_fixtures import copy_db
from tests.store._datasets import cli
from tests.team_fixtures import span_id, two_annotators


def person_f1(db) -> dict:
    result = cli("agreement", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["pairs"][0]["labels"]["entity:PERSON"]["f1_exact"]


def test_review_and_agreement_leave_out_a_span_one_annotator_never_reached(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    two_annotators(db, finished=False)
    store = Store.open(db, "rita")
    cavoli = span_id(store, 2, "PERSON", "Christopher Cavoli")
    blinken = span_id(store, 2, "PERSON", "Antony Blinken")
    assert [d.span_id for d in store.differences(2)] == [blinken]  # both judged Blinken; ana never reached Cavoli
    assert cavoli in store.not_reached(2)
    gold, open_differences = store.gold_spans(2)
    assert cavoli not in {r.id for r in gold if r.status in ("accepted", "corrected")}
    spans, unresolved, _ = bulk.gold(store.db, [2])
    assert cavoli not in {r.id for r in spans[2] if r.status in ("accepted", "corrected")}
    assert unresolved[2] == len(open_differences) == 1
    # agreement: PERSON spans are the two Blinkens of article 1 and ana's of article 2 (ben rejected it)
    assert person_f1(db) == {"value": 2 / 3, "units": 3, "articles": 2}

    Store.open(db, "ana").mark_done(2)
    assert {d.span_id for d in store.differences(2)} == {blinken, cavoli}  # now ana's "not a span" counts
    assert store.not_reached(2) == {}
    assert person_f1(db) == {"value": 0.5, "units": 4, "articles": 2}  # and agreement counts it too
    store.close()


def test_a_reviewed_article_its_annotators_did_not_finish_has_no_negative_token(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    two_annotators(db, finished=False)
    rita = Store.open(db, "rita")
    rita.mark_reviewed(1)
    assert not rita.gold_done(1) and bulk.done_flags(rita.db, [1], None) == {1: False}
    export_dataset(rita, Selection(article_ids=(1,)), "spacy", tmp_path / "gold.spacy")
    [doc] = DocBin().from_disk(tmp_path / "gold.spacy").get_docs(spacy_docbin.blank_nlp().vocab)
    assert not [t for t in doc if t.ent_iob_ == "O"]  # nobody said "Putin" is no entity
    for name in ("ana", "ben"):
        Store.open(db, name).mark_done(1)
    assert rita.gold_done(1) and bulk.done_flags(rita.db, [1], None) == {1: True}
    export_dataset(rita, Selection(article_ids=(1,)), "spacy", tmp_path / "done.spacy")
    [doc] = DocBin().from_disk(tmp_path / "done.spacy").get_docs(spacy_docbin.blank_nlp().vocab)
    assert [t for t in doc if t.ent_iob_ == "O"]
    rita.close()


def test_the_speaker_picker_offers_people_not_headings_possessives_or_a_second_blinken(sample_db_template, tmp_path):
    db = copy_db(sample_db_template, tmp_path)
    store = Store.open(db, "ana")
    names = {a: store.people(a) for a in store.article_ids()}
    store.close()
    every = [n for people in names.values() for n in people]
    assert not [n for n in every if n.endswith(("'s", "’s"))]
    assert "Ukraine Support" not in every and not [n for n in every if "Strategic Discussions" in n]
    for people in names.values():
        assert not ("Blinken" in people and "Antony Blinken" in people)
