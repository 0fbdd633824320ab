"""CoNLL-2003 IOB2: read by spaCy's own `spacy convert -c ner`."""
from __future__ import annotations

import subprocess
import sys

from spacy.tokens import DocBin

from store import Store
from store.export import Selection, export_dataset
from store.ingest import IMPORTER
from store.formats import conll
from store.formats.spacy_docbin import blank_nlp
from tests.store._datasets import awkward_store, imported_store, mark_all_done


def convert(path, out_dir):
    out_dir.mkdir()
    run = subprocess.run([sys.executable, "-m", "spacy", "convert", str(path), str(out_dir), "-c", "ner", "-n", "10"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    [converted] = out_dir.glob("*.spacy")
    return list(DocBin().from_disk(converted).get_docs(blank_nlp().vocab))


def test_spacy_convert_reads_the_entities_we_wrote(tmp_path):
    store = mark_all_done(imported_store(tmp_path / "a.db"))
    export_dataset(store, Selection(), "conll", tmp_path / "ner.conll")
    export_dataset(store, Selection(), "spacy", tmp_path / "ner.spacy")
    ours = [(e.text, e.label_) for d in DocBin().from_disk(tmp_path / "ner.spacy").get_docs(blank_nlp().vocab)
            for e in d.ents]
    theirs = [(e.text, e.label_) for d in convert(tmp_path / "ner.conll", tmp_path / "conv") for e in d.ents]
    # convert rebuilds the text with one space between tokens: compare entity tokens
    def tokens(text):
        return [t.text for t in blank_nlp()(text) if not t.is_space]

    assert theirs and [(tokens(t), l) for t, l in theirs] == [(tokens(t), l) for t, l in ours]


def test_only_done_articles_are_written(tmp_path):
    imported_store(tmp_path / "a.db").close()  # the fixture's lines say "answer": "accept": complete, done
    store = Store.open(tmp_path / "a.db", annotator=IMPORTER)
    assert all(IMPORTER in store.done_by(a) for a in store.article_ids())
    for other in store.article_ids()[1:]:
        store.mark_done(other, False)
    summary = export_dataset(store, Selection(), "conll", tmp_path / "a.conll")
    lines = (tmp_path / "a.conll").read_text(encoding="utf-8").split("\n")
    assert lines.count("-DOCSTART- -X- O O") == 1 and summary.articles == 1
    assert summary.skipped[conll.NOT_DONE] == len(store.article_ids()) - 1


def test_layout_docstart_iob2_and_sentences(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    mark_all_done(store)
    export_dataset(store, Selection(), "conll", tmp_path / "a.conll")
    lines = (tmp_path / "a.conll").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "-DOCSTART- -X- O O" and lines[1] == ""
    rows = [l.split(" ") for l in lines if l and not l.startswith("-DOCSTART-")]
    assert all(len(r) == 4 and r[1:3] == ["-X-", "_"] for r in rows)
    tags = [r[3] for r in rows]
    assert tags[:5] == ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG"]
    for prev, tag in zip(["O", *tags], tags):  # IOB2: I-X only after B-X or I-X
        if tag.startswith("I-"):
            assert prev[2:] == tag[2:] and prev != "O"
    assert "" in lines[2:-1]  # more than one sentence
