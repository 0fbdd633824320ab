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
        spans = sorted((s, e) for s, e, l in rec["label"])
        assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:]))  # what a default project keeps: no overlaps


def test_quote_speaker_and_claim_tags_ride_in_meta_and_read_back(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    summary = export_dataset(store, Selection(), "doccano", tmp_path / "d.jsonl", layer="all")
    assert any("Allow overlapping spans" in n for n in summary.notes)
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


def test_default_keeps_no_overlaps_and_layers_never_overlap(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    summary = export_dataset(store, Selection(), "doccano", tmp_path / "d.jsonl")
    rec = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    spans = sorted((s, e) for s, e, _ in rec["label"])
    assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:]))
    dropped = sum(n for reason, n in summary.skipped.items() if "default doccano project" in reason)
    assert dropped == 6 - len(rec["label"]) and dropped > 0  # 6 spans selected; none left out silently
    for layer, labels in (("entities", {"PERSON", "ORG", "GPE"}), ("quotes", {"QUOTE"}), ("claims", {"CLAIM"})):
        export_dataset(store, Selection(), "doccano", tmp_path / f"{layer}.jsonl", layer=layer)
        rec = json.loads((tmp_path / f"{layer}.jsonl").read_text(encoding="utf-8"))
        assert {l for _, _, l in rec["label"]} <= labels and rec["label"]
        spans = sorted((s, e) for s, e, _ in rec["label"])
        assert all(b[0] >= a[1] for a, b in zip(spans, spans[1:]))


def test_older_labels_key_and_relations_setting_the_speaker(tmp_path):
    text = "\u201cWe will act,\u201d Blinken said."
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"text": "Jane Okafor opened it.", "labels": [[0, 11, "PERSON"]]}) + "\n" + json.dumps({
        "text": text, "entities": [{"id": 7, "label": "QUOTE", "start_offset": 0, "end_offset": 14},
                                   {"id": 8, "label": "PERSON", "start_offset": 15, "end_offset": 22}],
        "relations": [{"id": 1, "from_id": 7, "to_id": 8, "type": "Speaker"}]}) + "\n", encoding="utf-8")
    problems = []
    old, rel = read_file(path, problems)
    assert not problems and [(s.start, s.end, s.label) for s in old.labelled] == [(0, 11, "PERSON")]
    quote = next(s for s in rel.labelled if s.kind == "quote")
    assert (quote.attrs["speaker"], quote.attrs["speaker_start"], quote.attrs["speaker_end"]) == ("Blinken", 15, 22)
    assert rel.relations == ()
