"""copydesk's exports read by the tools an ML engineer loads them with:
seqeval for the CoNLL file, pandas for the CSV tables (spaCy, the brat readers
and Datasette have tests of their own beside their formats)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOB2, Entities
from spacy.tokens import DocBin

from store.export import Selection, export_dataset
from store.formats.csv import CLAIM_COLUMNS, QUOTE_COLUMNS
from store.formats.spacy_docbin import blank_nlp
from tests.store._datasets import AWKWARD, awkward_store, imported_store, mark_all_done


def conll_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """(token, tag) per sentence, as seqeval's users read a CoNLL file."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if current:
                sentences.append(current)
            current = []
            continue
        columns = line.split(" ")
        assert len(columns) == 4, line
        current.append((columns[0], columns[-1]))
    if current:
        sentences.append(current)
    return sentences


def test_seqeval_reads_the_conll_tags_as_well_formed_iob2_with_our_entities(tmp_path):
    store = mark_all_done(imported_store(tmp_path / "a.db"))
    export_dataset(store, Selection(), "conll", tmp_path / "ner.conll")
    export_dataset(store, Selection(), "spacy", tmp_path / "ner.spacy")
    sentences = conll_sentences(tmp_path / "ner.conll")
    tags = [[tag for _, tag in sentence] for sentence in sentences]

    # Strict IOB2 validates every tag (a bad prefix raises) and drops an I- that
    # follows no B-; the lenient reader keeps it.  Equal lists: no such orphan.
    strict = [[(e.tag, e.start, e.end) for e in sentence] for sentence in Entities(tags, IOB2).entities]
    lenient = [[(label, start, end + 1) for label, start, end in get_entities(sequence)] for sequence in tags]
    assert strict == lenient
    assert sum(map(len, strict)) > 0

    read = [(label, [token for token, _ in sentence[start:end]])
            for sentence, found in zip(sentences, strict) for label, start, end in found]
    ours = [(ent.label_, [t.text for t in ent if not t.is_space])
            for doc in DocBin().from_disk(tmp_path / "ner.spacy").get_docs(blank_nlp().vocab) for ent in doc.ents]
    assert read == ours


def test_pandas_reads_both_csv_tables_with_their_columns_types_and_multiline_cells(tmp_path):
    store, article_id = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "csv", tmp_path / "tables")
    claims = pd.read_csv(tmp_path / "tables" / "claims.csv", keep_default_na=False)
    quotes = pd.read_csv(tmp_path / "tables" / "quotes.csv", keep_default_na=False)

    assert list(claims.columns) == CLAIM_COLUMNS and list(quotes.columns) == QUOTE_COLUMNS
    assert len(claims) == 2 and len(quotes) == 1
    for table in (claims, quotes):
        assert table["start"].dtype.kind == "i" and table["end"].dtype.kind == "i"
        assert (table["article"] == article_id).all()
        # each cell's text is the article's text at its offsets, line breaks included
        assert [AWKWARD[s:e] for s, e in zip(table["start"], table["end"])] == list(table["text"])
    assert claims.loc[0, "note"] == "two\nlines"
    assert claims.loc[0, "tags"].split(";") == ["statistic", "comparison"]
    quote = quotes.iloc[0]
    assert quote["speaker"] == "Blinken" and AWKWARD[quote["speaker_start"]:quote["speaker_end"]] == "Blinken"
