"""claims.csv and quotes.csv in a folder, read by the csv module."""
from __future__ import annotations

import csv

import pytest

from store.export import ExportError, Selection, export_dataset
from tests.store._datasets import awkward_store


def test_claims_and_quotes_tables(tmp_path):
    store, aid = awkward_store(tmp_path / "a.db")
    summary = export_dataset(store, Selection(), "csv", tmp_path / "tables")
    claims = list(csv.DictReader((tmp_path / "tables" / "claims.csv").open(encoding="utf-8", newline="")))
    quotes = list(csv.DictReader((tmp_path / "tables" / "quotes.csv").open(encoding="utf-8", newline="")))
    assert len(claims) == 2 and len(quotes) == 1
    first = claims[0]
    assert first["article"] == str(aid) and first["source"] == "Wire" and first["tags"] == "statistic;comparison"
    assert first["verdict"] == "supported" and first["note"] == "two\nlines" and first["annotator"] == "ana"
    assert first["text"].startswith("Antony Blinken") and "\n\n" in first["text"]
    assert quotes[0]["speaker"] == "Blinken" and quotes[0]["text"] == "\u201cWe will act,\u201d"
    assert summary.skipped["entity (the CSV tables hold claims and quotes)"] > 0


def test_a_csv_file_name_is_refused(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    with pytest.raises(ExportError, match="give a folder"):
        export_dataset(store, Selection(), "csv", tmp_path / "claims.csv")
