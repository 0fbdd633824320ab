"""Our JSONL (Prodigy task shape plus quotes and claims): fields, Prodigy lines, bad lines."""
from __future__ import annotations

import json

import pytest

from store.export import Selection, export_dataset
from store.ingest import read_file
from tests.store._datasets import awkward_store, imported_store

TOP = {"text", "meta", "tokens", "spans", "quotes", "claims", "links", "answer"}
META = {"article_id", "file", "title", "source", "byline", "published", "url"}
ENTITY = {"start", "end", "label", "token_start", "token_end", "status", "origin"}
QUOTE = {"start", "end", "text", "speaker", "speaker_start", "speaker_end", "cue", "status", "origin"}
CLAIM = {"start", "end", "text", "label", "tags", "verdict", "note", "normalized", "status", "origin"}
TOKEN = {"text", "start", "end", "id", "ws"}


def test_every_line_has_the_documented_fields(tmp_path):
    store = imported_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "jsonl", tmp_path / "out.jsonl")
    lines = [json.loads(l) for l in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5
    for rec in lines:
        assert set(rec) == TOP and set(rec["meta"]) == META and rec["answer"] == "accept"
        assert all(set(t) == TOKEN for t in rec["tokens"])
        assert all(set(s) == ENTITY for s in rec["spans"]) and all(set(q) == QUOTE for q in rec["quotes"])
        assert all(set(c) == CLAIM for c in rec["claims"])
        for s in rec["spans"]:
            toks = rec["tokens"]
            assert toks[s["token_start"]]["start"] <= s["start"] and toks[s["token_end"]]["end"] >= s["end"]
            assert s["status"] in ("accepted", "corrected")
        for q in rec["quotes"]:
            assert rec["text"][q["start"]:q["end"]] == q["text"]


def test_statuses_and_annotator_filters(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    def labels(**flags):
        export_dataset(store, Selection.from_flags(**flags), "jsonl", tmp_path / "x.jsonl")
        lines = (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()
        return sorted(s["status"] for line in lines for s in json.loads(line)["spans"])
    assert labels() == ["accepted", "corrected"]  # PERSON 0-14 overlaps the longer ORG: skipped
    assert "suggested" in labels(include_suggestions=True)
    assert "rejected" in labels(include_rejected=True)
    assert labels(annotator="ana") == ["accepted", "corrected"]
    assert labels(annotator="nobody") == []  # nobody worked on any article: none goes out


def test_prodigy_task_lines_import(tmp_path):
    lines = [
        {"text": "Jane Okafor opened the bridge in Lagos.", "spans": [
            {"start": 0, "end": 11, "label": "PERSON", "token_start": 0, "token_end": 1},
            {"start": 33, "end": 38, "label": "GPE"}], "answer": "accept", "meta": {"source": "Wire"}},
        {"text": "Rejected task.", "spans": [{"start": 0, "end": 8, "label": "ORG"}], "answer": "reject"},
    ]
    path = tmp_path / "prodigy.jsonl"
    path.write_text("\n".join(json.dumps(l) for l in lines) + "\n", encoding="utf-8")
    problems = []
    docs = read_file(path, problems)
    assert not problems
    assert [(s.start, s.end, s.label) for s in docs[0].labelled] == [(0, 11, "PERSON"), (33, 38, "GPE")]
    assert docs[0].cleaned.source == "Wire" and docs[1].labelled == ()


@pytest.mark.parametrize("line, reason", [
    ('{"text": "Jane Okafor", "spans": [{"start": 0, "end": 40, "label": "PERSON"}]}', "outside the text"),
    ('{"text": "Jane Okafor", "spans": [{"start": 0, "end": 11, "label": "PERSON"}, {"start": 5, "end": 11, "label": "ORG"}]}', "overlap"),
    ('{"text": "Jane Okafor", "spans": [{"start": 0, "end": 11, "label": ""}]}', "no label"),
    ('{"text": "Jane Okafor", "spans": [{"start": 0, "end": 11, "label": "PER SON"}]}', "cannot carry"),
    ('{"text": "Jane Okafor", "spans": [{"start": 0, "end": 11, "label": "PERSON"}', "not valid JSON"),
])
def test_bad_line_reported_with_file_and_line_others_imported(tmp_path, line, reason):
    good = '{"text": "Lagos is big.", "spans": [{"start": 0, "end": 5, "label": "GPE"}]}'
    path = tmp_path / "bad.jsonl"
    path.write_text(good + "\n" + line + "\n" + good.replace("big", "large") + "\n", encoding="utf-8")
    problems = []
    docs = read_file(path, problems)
    assert len(docs) == 2
    [problem] = problems
    assert problem.file == str(path) and problem.line == 2 and reason in problem.reason


def test_offsets_follow_normalisation(tmp_path):
    """Offsets count the line's own text; CRLF and trailing spaces are normalised away."""
    text = "Jane Okafor spoke.  \r\nIn Lagos, she said."
    path = tmp_path / "crlf.jsonl"
    at = text.index("Lagos")
    path.write_text(json.dumps({"text": text, "spans": [{"start": at, "end": at + 5, "label": "GPE"}]}) + "\n")
    problems = []
    [doc] = read_file(path, problems)
    [span] = doc.labelled
    assert doc.cleaned.text[span.start:span.end] == "Lagos"
