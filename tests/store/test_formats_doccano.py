"""doccano sequence-labelling JSONL: offsets checked line by line; doccano's own shapes read."""
from __future__ import annotations

import json

import pytest

from store.export import Selection, export_dataset
from store.ingest import read_file
from tests.store._datasets import awkward_store, imported_store


def test_every_label_matches_the_text(tmp_path):
    store = imported_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "doccano", tmp_path / "d.jsonl")
    lines = [json.loads(l) for l in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5
    for rec in lines:
        assert {"id", "text", "label", "meta"} <= set(rec)
        for start, end, label in rec["label"]:
            assert 0 <= start < end <= len(rec["text"]) and label and " " not in label
        ents = sorted((s, e) for s, e, l in rec["label"] if l not in ("QUOTE", "CLAIM"))
        assert all(b[0] >= a[1] for a, b in zip(ents, ents[1:]))  # no overlapping entities


def test_quote_speaker_and_claim_tags_ride_in_meta_and_read_back(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "doccano", tmp_path / "d.jsonl")
    rec = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert rec["meta"]["copydesk"]["quotes"][0]["speaker"] == "Blinken"
    problems = []
    [doc] = read_file(tmp_path / "d.jsonl", problems)
    quote = next(s for s in doc.labelled if s.kind == "quote")
    assert quote.attrs["speaker_start"] == 59
    claim = next(s for s in doc.labelled if s.kind == "claim" and s.start == 0)
    assert claim.attrs["tags"] == ["statistic", "comparison"]


def test_doccano_entities_shape_is_read(tmp_path):
    path = tmp_path / "doccano.jsonl"
    path.write_text(json.dumps({"id": 3, "text": "Jane Okafor opened it.", "entities": [
        {"id": 1, "label": "PERSON", "start_offset": 0, "end_offset": 11}], "relations": []}) + "\n")
    problems = []
    [doc] = read_file(path, problems)
    assert [(s.start, s.end, s.label, s.kind) for s in doc.labelled] == [(0, 11, "PERSON", "entity")]


@pytest.mark.parametrize("labels, reason", [
    ([[0, 99, "PERSON"]], "outside the text"),
    ([[0, 11, ""]], "no label"),
    ([[0, 11]], "[start, end, LABEL]"),
    ([[0, 11, "PER\tSON"]], "cannot carry"),
])
def test_bad_lines(tmp_path, labels, reason):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": "Jane Okafor opened it.", "label": labels}) + "\n")
    problems = []
    assert read_file(path, problems) == []
    assert problems[0].line == 1 and reason in problems[0].reason
