"""Suggested spans are trimmed of whitespace in the spaCy export as reviewed
ones are (issue 20): a model entity 'A Changing U.S. Stance\\n\\n' went out as
it was, and `spacy debug data` flags an entity that ends on whitespace."""
from __future__ import annotations

from spacy.tokens import DocBin

from annotators.types import CleanedText, Span
from store import Store
from store.db import transaction
from store.export import Selection, export_dataset
from store.formats import spacy_docbin
from store.ingest import SourceDoc, store_new

TEXT = "A Changing U.S. Stance\n\nThe minister spoke in Lagos on Monday.\n"


def test_a_suggested_entity_ending_on_blank_lines_is_trimmed_and_counted(tmp_path):
    store = Store.open(tmp_path / "a.db", annotator="ana")
    headline = TEXT.index("\n\nThe") + 2  # the model's span swallowed the blank lines
    lagos = TEXT.index("Lagos")
    with transaction(store.db):
        store_new(store.db, SourceDoc("/a.txt", "a.txt", TEXT, CleanedText(text=TEXT)),
                  [Span(0, headline, "WORK_OF_ART", "entity"), Span(lagos - 1, lagos + 5, "GPE", "entity")], "model")
    summary = export_dataset(store, Selection.from_flags(include_suggestions=True), "spacy", tmp_path / "o.spacy")
    [doc] = DocBin().from_disk(tmp_path / "o.spacy").get_docs(spacy_docbin.blank_nlp().vocab)
    assert [(e.text, e.label_) for e in doc.ents] == [("A Changing U.S. Stance", "WORK_OF_ART"), ("Lagos", "GPE")]
    assert sum(summary.aside.values()) == 2 and not summary.skipped
    store.close()
