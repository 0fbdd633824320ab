"""`copydesk train` on a real database: the sample folder imported by the real
import, every suggestion accepted through the Store API."""
from __future__ import annotations

import pytest

from store import Store
from store.export import Selection
from store.train import write_corpus
from tests.compare_fixtures import copy_db
from tests.store._datasets import cli


def accept_everything(db, annotator: str) -> int:
    store = Store.open(db, annotator=annotator)
    try:
        ids = [s.id for a in store.article_ids() for s in store.spans(a) if s.status == "suggested"]
        return store.accept_many(ids)
    finally:
        store.close()


@pytest.mark.slow
def test_train_on_the_sample_database_with_every_suggestion_accepted_loads(tmp_path, sample_db_template):
    """The E084 crash: the trained span categorizer predicts a claim label the
    dev split never has; scoring dev docs read into another vocab then failed.
    The corpus is checked to contain that case, so the test exercises it."""
    import spacy

    db = copy_db(sample_db_template, tmp_path)
    assert accept_everything(db, "ana") > 300
    out = tmp_path / "model"
    result = cli("train", "--output", out, "--max-epochs", "1", "--max-steps", "2", "--max-span-tokens", "4",
                 "--db", db)
    assert result.exit_code == 0, result.output
    output = result.output.replace("\n", " ")
    assert "training data: the gold" in output and "dev split" in output
    assert "PERSON" in output and "QUOTE" in output
    dev = [d for d in spacy.tokens.DocBin().from_disk(out / "corpus" / "dev.spacy").get_docs(spacy.blank("en").vocab)]
    train = [d for d in spacy.tokens.DocBin().from_disk(out / "corpus" / "train.spacy").get_docs(spacy.blank("en").vocab)]
    claim_labels = lambda docs: {sp.label_ for d in docs for sp in d.spans.get("claims", [])}  # noqa: E731
    assert claim_labels(train) - claim_labels(dev), "the split no longer has a train-only claim label"
    nlp = spacy.load(out)
    assert {"ner", "spancat", "spancat_claims", "sentencizer"} <= set(nlp.pipe_names)
    assert list(nlp("Antony Blinken met Mark Rutte in Brussels. He left.").sents)


def test_train_data_is_one_annotators_judgments_with_annotator(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    accept_everything(db, "ana")
    store = Store.open(db, annotator="ben")
    try:
        persons = [s.id for a in store.article_ids() for s in store.spans(a, kinds=["entity"]) if s.label == "PERSON"]
        store.accept_many(persons)
        bens = write_corpus(store, Selection.from_flags(annotator="ben"), tmp_path / "ben")
        gold = write_corpus(store, Selection.from_flags(), tmp_path / "gold")
    finally:
        store.close()
    assert {label for kind, label in bens.summary.spans if kind == "entity"} == {"PERSON"}
    assert bens.summary.spans[("entity", "PERSON")] == len(persons)
    # ben has not reached the other spans (he judged none and finished no article):
    # they are not in the gold until he has (annotators.reach), only the PERSONs both kept are.
    assert gold.summary.spans[("entity", "PERSON")] == len(persons)
    assert {label for kind, label in gold.summary.spans if kind == "entity"} == {"PERSON"}


def test_train_refuses_gold_with_annotator_and_an_unknown_annotator(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    accept_everything(db, "ana")
    both = cli("train", "--gold", "--annotator", "ana", "--db", db)
    assert both.exit_code == 2 and "--gold and --annotator" in both.output
    nobody = cli("train", "--annotator", "zoe", "--db", db)
    assert nobody.exit_code == 2 and "no judgments by 'zoe'" in nobody.output and "ana" in nobody.output
