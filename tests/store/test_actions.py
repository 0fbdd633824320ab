"""Annotation actions: one transaction each, logged, undoable, redoable."""
from __future__ import annotations

import sqlite3

import pytest

from annotators.types import Span
from store import Store, StoreError
from store import articles as article_rows
from store.db import transaction

TEXT = "Antony Blinken met Mark Rutte in Brussels. \u201cWe will act,\u201d he said."


def add_article(store: Store, text: str = TEXT) -> int:
    with transaction(store.db):
        article_id = article_rows.insert_article(
            store.db, {"text": text, "raw": text, "content_hash": str(hash(text)), "file": "a.txt", "path": "/a.txt"}
        )
        article_rows.insert_spans(
            store.db,
            article_rows.suggestion_rows(
                article_id,
                [
                    Span(0, 14, "PERSON", "entity"),
                    Span(19, 29, "PERSON", "entity"),
                    Span(44, 56, "QUOTE", "quote", {"speaker": "Antony Blinken", "cue": "said"}),
                ],
            ),
        )
    return article_id


def first(store: Store, article_id: int, kind: str = "entity"):
    return store.spans(article_id, kinds=[kind])[0]


def count_actions(store: Store) -> int:
    return store.db.execute("select count(*) from actions").fetchone()[0]


def test_accept_marks_suggestion_accepted_and_logs_who(store):
    article_id = add_article(store)
    span = first(store, article_id)
    store.accept(span.id)
    stored = store.span(span.id)
    assert stored.status == "accepted"
    assert stored.annotator == "tester"
    last = store.actions(limit=1)[0]
    # the log holds the annotator's own judgment row: none before, accepted after
    assert (last.action, last.annotator, last.target, last.before, last.after["status"]) == (
        "accept", "tester", "judgment", None, "accepted")


def test_reject_keeps_model_span_as_negative(store):
    article_id = add_article(store)
    span = first(store, article_id)
    store.reject(span.id)
    assert store.span(span.id).status == "rejected"


def test_reject_deletes_human_span_but_log_keeps_it(store):
    article_id = add_article(store)
    made = store.add_span(article_id, 33, 41, "entity", "GPE")
    store.reject(made.id)
    assert made.id not in [s.id for s in store.spans(article_id)]
    last = store.actions(limit=1)[0]
    assert last.action == "delete" and last.before["label"] == "GPE" and last.after is None


def test_relabel_and_resize_mark_model_span_corrected(store):
    article_id = add_article(store)
    span = first(store, article_id)
    store.relabel(span.id, "ORG")
    assert (store.span(span.id).label, store.span(span.id).status) == ("ORG", "corrected")
    store.resize(span.id, 7, 14)
    assert (store.span(span.id).start, store.span(span.id).end) == (7, 14)


def test_span_outside_text_is_refused_and_nothing_written(store):
    article_id = add_article(store)
    before = count_actions(store)
    with pytest.raises(StoreError, match="outside"):
        store.add_span(article_id, 10, len(TEXT) + 5, "entity", "ORG")
    with pytest.raises(StoreError, match="outside"):
        store.resize(first(store, article_id).id, 5, 2)
    assert count_actions(store) == before


def test_claim_tags_verdict_note_round_trip(store):
    article_id = add_article(store)
    claim = store.add_span(article_id, 0, 42, "claim", "CLAIM")
    store.set_tags(claim.id, ["statistic", "commitment"])
    store.set_verdict(claim.id, "supported")
    store.set_note(claim.id, "checked against the State Department readout", normalized="Blinken met Rutte")
    stored = store.span(claim.id)
    assert stored.tags == ("statistic", "commitment")
    assert stored.verdict == "supported"
    assert stored.note.startswith("checked") and stored.normalized == "Blinken met Rutte"


def test_set_speaker_corrects_quote(store):
    article_id = add_article(store)
    quote = first(store, article_id, "quote")
    store.set_speaker(quote.id, "Mark Rutte", 19, 29)
    stored = store.span(quote.id)
    assert (stored.speaker, stored.speaker_start, stored.status) == ("Mark Rutte", 19, "corrected")


def test_undo_restores_every_kind_of_change_in_reverse_order(store):
    article_id = add_article(store)
    span = first(store, article_id)
    original = store.span(span.id)
    store.relabel(span.id, "ORG")
    made = store.add_span(article_id, 33, 41, "entity", "GPE")
    store.mark_done(article_id)
    assert store.get_article(article_id).done
    assert store.undo().action == "done"
    assert not store.get_article(article_id).done
    assert store.undo().action == "add"
    assert made.id not in [s.id for s in store.spans(article_id)]
    assert store.undo().action == "relabel"
    assert store.span(span.id) == original
    assert store.undo() is None


def test_redo_reapplies_and_new_action_clears_redo(store):
    article_id = add_article(store)
    span = first(store, article_id)
    store.accept(span.id)
    store.undo()
    assert store.span(span.id).status == "suggested"
    assert store.redo().action == "accept"
    assert store.span(span.id).status == "accepted"
    store.undo()
    store.relabel(span.id, "ORG")  # a new action: the undone accept can no longer be redone
    assert store.redo() is None


def test_undo_is_per_annotator_and_survives_reopening(store, tmp_path):
    article_id = add_article(store)
    span = first(store, article_id)
    store.accept(span.id)
    other = Store.open(store.path, annotator="someone-else")
    assert other.undo() is None
    other.close()
    reopened = Store.open(store.path, annotator="tester")
    assert reopened.undo().action == "accept"
    assert reopened.span(span.id).status == "suggested"
    reopened.close()


def test_undo_of_delete_restores_its_links(store):
    article_id = add_article(store)
    a = store.add_span(article_id, 33, 41, "entity", "GPE")
    b = first(store, article_id, "quote")
    store.link(a.id, b.id, "same_quote")
    store.reject(a.id)
    assert store.links([b.id]) == []
    store.undo()
    assert [(l["a_span_id"], l["b_span_id"]) for l in store.links([b.id])] == [(a.id, b.id)]


def test_failed_action_rolls_back_whole_transaction(store):
    article_id = add_article(store)
    span = first(store, article_id)
    actions = count_actions(store)
    with pytest.raises(sqlite3.IntegrityError):
        with transaction(store.db):
            store.db["spans"].update(span.id, {"label": "ORG"})
            store.db.execute("insert into spans (id, uid, article_id, start, end, label, kind, origin) values (?, 'u', 999, 0, 1, 'X', 'entity', 'human')", [10_000])
    assert store.span(span.id).label == "PERSON"
    assert count_actions(store) == actions


def test_people_of_an_article_fold_a_surname_into_the_full_name(store):
    text = "Antony Blinken met Mark Rutte. Rutte thanked Blinken. \u201cWe act,\u201d Blinken said."
    with transaction(store.db):
        article_id = article_rows.insert_article(
            store.db, {"text": text, "raw": text, "content_hash": "people", "file": "p.txt", "path": "/p.txt"})
        spans = [Span(m, m + len(w), "PERSON", "entity") for w in ("Antony Blinken", "Mark Rutte")
                 for m in [text.index(w)]]
        spans += [Span(text.index("Rutte thanked"), text.index("Rutte thanked") + 5, "PERSON", "entity"),
                  Span(text.index("Blinken."), text.index("Blinken.") + 7, "PERSON", "entity"),
                  Span(text.index("We act"), text.index("We act") + 6, "QUOTE", "quote", {"speaker": "Blinken"})]
        article_rows.insert_spans(store.db, article_rows.suggestion_rows(article_id, spans))
    # Blinken: full name, surname, speaker (3); Rutte: 2; rejected mentions would not count
    assert store.people(article_id) == ["Antony Blinken", "Mark Rutte"]
