"""Judgments per annotator: nobody's action overwrites or undoes anybody else's;
the gold is the annotators' shared answer, or the reviewer's decision."""
from __future__ import annotations

import pytest

from store import Store
from store.actions import ActionError
from tests.store.test_actions import add_article


@pytest.fixture
def shared(tmp_path):
    """Two annotators (and a reviewer) on one database file, one article."""
    path = tmp_path / "team.db"
    ana = Store.open(path, annotator="ana")
    article_id = add_article(ana)
    ben = Store.open(path, annotator="ben")
    yield ana, ben, article_id, path
    ana.close()
    ben.close()


def first_entity(store, article_id):
    return store.spans(article_id, kinds=["entity"])[0]


def test_ana_undo_leaves_bens_later_relabel_in_place(shared):
    ana, ben, article_id, _ = shared
    span = first_entity(ana, article_id)
    ana.accept(span.id)
    ben.relabel(span.id, "ORG")
    undone = ana.undo()
    assert undone.action == "accept" and undone.annotator == "ana"
    assert ben.span(span.id).label == "ORG" and ben.span(span.id).status == "corrected"
    assert ana.span(span.id).status == "suggested" and ana.span(span.id).label == "PERSON"
    # ben's own undo takes back only his relabel
    assert ben.undo().action == "relabel"
    assert ben.span(span.id).status == "suggested"
    assert ana.undo() is None


def test_each_annotator_sees_their_own_status_and_progress(shared):
    ana, ben, article_id, _ = shared
    span = first_entity(ana, article_id)
    ana.reject(span.id)
    ana.mark_done(article_id)
    assert ana.span(span.id).status == "rejected" and ben.span(span.id).status == "suggested"
    assert ana.progress()["done"] == 1 and ben.progress()["done"] == 0
    assert ana.progress()["suggested"] == ben.progress()["suggested"] - 1
    assert ana.get_article(article_id).done and not ben.get_article(article_id).done


def test_a_span_one_person_added_is_not_in_anothers_view(shared):
    ana, ben, article_id, _ = shared
    added = ana.add_span(article_id, 0, 6, "entity", "PERSON")
    assert added.id in {s.id for s in ana.spans(article_id)}
    assert added.id not in {s.id for s in ben.spans(article_id)}


def test_agreed_answers_are_the_gold_and_differences_wait_for_review(shared):
    ana, ben, article_id, path = shared
    a, b = ana.spans(article_id, kinds=["entity"])[:2]
    ana.accept(a.id)
    ben.accept(a.id)
    ana.accept(b.id)
    ben.relabel(b.id, "ORG")
    gold, open_differences = ana.gold_spans(article_id)
    assert [(g.id, g.status, g.annotator) for g in gold if g.id == a.id] == [(a.id, "accepted", "ana,ben")]
    assert [d.span_id for d in open_differences] == [b.id]
    (difference,) = ana.differences(article_id)
    assert difference.versions["ana"].label == "PERSON" and difference.versions["ben"].label == "ORG"

    reviewer = Store.open(path, annotator="rita")
    reviewer.take_version(b.id, "ben")
    gold, open_differences = reviewer.gold_spans(article_id)
    assert open_differences == [] and ana.differences(article_id) == []
    (decided,) = [g for g in gold if g.id == b.id]
    assert (decided.label, decided.annotator) == ("ORG", "rita")
    assert reviewer.undo().action == "review"
    assert [d.span_id for d in reviewer.differences(article_id)] == [b.id]


def test_a_later_review_cannot_be_undone_by_the_earlier_reviewer(shared):
    ana, ben, article_id, path = shared
    span = first_entity(ana, article_id)
    ana.accept(span.id)
    ben.reject(span.id)
    rita, sam = Store.open(path, annotator="rita"), Store.open(path, annotator="sam")
    rita.take_version(span.id, "ana")
    sam.take_version(span.id, "ben")
    with pytest.raises(ActionError, match="sam has reviewed"):
        rita.undo()
    (decided,) = [g for g in sam.gold_spans(article_id)[0] if g.id == span.id]
    assert (decided.status, decided.annotator) == ("rejected", "sam")


def test_bulk_accept_is_one_action_and_one_undo(shared):
    ana, _, article_id, _ = shared
    ids = [s.id for s in ana.spans(article_id, kinds=["entity"])]
    assert ana.accept_many(ids) == len(ids)
    assert {ana.span(i).status for i in ids} == {"accepted"}
    assert ana.undo().action == "accept_many"
    assert {ana.span(i).status for i in ids} == {"suggested"}


def test_resizing_back_to_the_suggestion_is_an_accept_again(shared):
    ana, _, article_id, _ = shared
    span = first_entity(ana, article_id)
    assert ana.resize(span.id, span.start, span.end - 1).status == "corrected"
    assert ana.resize(span.id, span.start, span.end).status == "accepted"


def test_datasette_views_read_span_text(shared):
    ana, _, article_id, _ = shared
    span = first_entity(ana, article_id)
    ana.accept(span.id)
    text = ana.get_article(article_id).text
    row = ana.db.execute("select text from span_text where span_id = ?", [span.id]).fetchone()
    assert row[0] == text[span.start:span.end]
    progress = dict(ana.db.execute("select annotator, kept from annotator_progress").fetchall())
    assert progress == {"ana": 1}


def test_export_of_the_gold_leaves_out_unreviewed_differences_and_says_so(shared, tmp_path):
    from store.export import UNRESOLVED, Selection, export_dataset

    ana, ben, article_id, _ = shared
    a, b = ana.spans(article_id, kinds=["entity"])[:2]
    ana.accept(a.id)
    ben.accept(a.id)
    ana.accept(b.id)
    ben.relabel(b.id, "ORG")
    summary = export_dataset(ana, Selection.from_flags(), "jsonl", tmp_path / "gold.jsonl")
    assert summary.skipped[UNRESOLVED] == 1
    import json

    (record,) = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text().splitlines()]
    assert [(s["start"], s["end"]) for s in record["spans"]] == [(a.start, a.end)]


def test_a_reviewed_article_is_not_counted_as_work_of_an_annotator_who_never_touched_it(shared, tmp_path):
    ana, ben, article_id, path = shared
    span = first_entity(ana, article_id)
    ana.accept(span.id)
    Store.open(path, annotator="rita").review_edit(span.id, status="rejected")
    assert ana.articles_worked("ana") == [article_id]
    assert ana.articles_worked("ben") == []
    assert ana.articles_worked() == [article_id]
