"""Our JSONL (Prodigy task shape plus quotes and claims): fields, Prodigy lines, bad lines."""
from __future__ import annotations

import json

import pytest

from store.export import Selection, export_dataset
from store.ingest import read_file
from tests.store._datasets import awkward_store, imported_store

TOP = {"text", "meta", "tokens", "spans", "quotes", "claims", "relations", "links", "answer", "_view_id",
       "_annotator_id", "_input_hash", "_task_hash"}
META = {"article_id", "file", "title", "source", "byline", "published", "url", "done", "story"}  # story: imported articles are grouped
JUDGED = {"id", "start", "end", "token_start", "token_end", "status", "origin", "annotator", "answer"}
ENTITY = JUDGED | {"label"}
QUOTE = JUDGED | {"text", "speaker", "speaker_start", "speaker_end", "cue"}
CLAIM = JUDGED | {"text", "label", "tags", "verdict", "note", "normalized"}
TOKEN = {"text", "start", "end", "id", "ws"}


def test_every_line_has_the_documented_fields(tmp_path):
    store = imported_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "jsonl", tmp_path / "out.jsonl")
    lines = [json.loads(l) for l in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5
    for rec in lines:
        assert set(rec) == TOP and set(rec["meta"]) == META
        assert rec["answer"] == "accept" and rec["meta"]["done"]  # the fixture's lines are complete annotations
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
    assert labels() == ["accepted", "accepted", "corrected"]  # overlapping entities are all kept
    assert "suggested" in labels(include_suggestions=True)
    assert "rejected" in labels(include_rejected=True)
    assert labels(annotator="ana") == ["accepted", "accepted", "corrected"]
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
    ('{"text": "Jane Okafor", "links": [{"a": "e0", "b": "e1", "kind": "x"}], "spans": []}', "span id"),
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


def test_not_done_articles_are_partial_never_negative(tmp_path):
    store, aid = awkward_store(tmp_path / "a.db")
    quote = store.spans(aid, kinds=["quote"])[0]
    store.reject(quote.id)
    summary = export_dataset(store, Selection.from_flags(include_rejected=True), "jsonl", tmp_path / "x.jsonl")
    rec = json.loads((tmp_path / "x.jsonl").read_text(encoding="utf-8"))
    # Prodigy's train reads an "accept" line as complete (unmarked tokens O): a line nobody finished says "ignore"
    assert rec["answer"] == "ignore" and rec["meta"]["done"] is False and summary.not_done == 1
    assert [q["answer"] for q in rec["quotes"]] == ["reject"] and rec["quotes"][0]["status"] == "rejected"
    assert {s["answer"] for s in rec["spans"] if s["status"] == "rejected"} == {"reject"}
    assert rec["_annotator_id"] == "ana"  # whose judgments the line holds
    problems = []
    [doc] = read_file(tmp_path / "x.jsonl", problems)
    assert not problems and not doc.complete
    assert {(s.kind, s.attrs.get("status")) for s in doc.labelled} >= {("quote", "rejected"), ("entity", "rejected")}
    store.mark_done(aid)
    export_dataset(store, Selection(), "jsonl", tmp_path / "y.jsonl")
    rec = json.loads((tmp_path / "y.jsonl").read_text(encoding="utf-8"))
    assert rec["answer"] == "accept" and all(s["answer"] == "accept" for s in rec["spans"])
    [doc] = read_file(tmp_path / "y.jsonl", problems)
    assert doc.complete


def test_relations_hashes_and_token_bounds(tmp_path):
    store, aid = awkward_store(tmp_path / "a.db")
    summary = export_dataset(store, Selection(), "jsonl", tmp_path / "x.jsonl")
    rec = json.loads((tmp_path / "x.jsonl").read_text(encoding="utf-8"))
    tokens = rec["tokens"]
    speaker = next(r for r in rec["relations"] if r["label"] == "Speaker")
    assert rec["text"][speaker["child_span"]["start"]:speaker["child_span"]["end"]] == "Blinken"
    assert speaker["child"] == speaker["child_span"]["token_end"] and tokens[speaker["child"]]["text"] == "Blinken"
    assert speaker["head_span"]["label"] == "QUOTE" and speaker["head"] == speaker["head_span"]["token_end"]
    same = next(r for r in rec["relations"] if r["label"] == "same_claim")
    assert (same["head_span"]["start"], same["child_span"]["start"]) == (0, 73)
    ids = {e["id"] for e in rec["quotes"] + rec["claims"] + rec["spans"]}
    assert rec["links"] == [{"a": "c0", "b": "c1", "kind": "same_claim"}] and {"c0", "c1"} <= ids
    # "Brussel" (33-40) is not a token end: its token bounds are the token it touches, and it is counted
    brussel = next(s for s in rec["spans"] if s["start"] == 33)
    assert tokens[brussel["token_start"]]["text"] == "Brussels" and summary.snapped == 1
    # the same text gives the same _input_hash; other spans another _task_hash
    store.reject(store.spans(aid, kinds=["quote"])[0].id)
    export_dataset(store, Selection(), "jsonl", tmp_path / "y.jsonl")
    again = json.loads((tmp_path / "y.jsonl").read_text(encoding="utf-8"))
    assert again["_input_hash"] == rec["_input_hash"] and again["_task_hash"] != rec["_task_hash"]
    assert isinstance(rec["_input_hash"], int) and -2**31 <= rec["_input_hash"] < 2**31


def test_prodigy_spans_manual_with_overlaps_and_relations_imports(tmp_path):
    text = "Mayor Jane Okafor said \u201cthe bridge opens in May\u201d on Monday."
    okafor, quote = (text.index("Jane"), text.index("Okafor") + 6), (text.index("\u201c"), text.index("\u201d") + 1)
    line = {"text": text, "answer": "accept", "_view_id": "spans_manual", "spans": [
        {"start": 0, "end": okafor[1], "label": "PERSON"}, {"start": okafor[0], "end": okafor[1], "label": "PERSON"},
        {"start": okafor[0], "end": okafor[1], "label": "NORP"}, {"start": quote[0], "end": quote[1], "label": "QUOTE"}],
        "relations": [{"head": 9, "child": 2, "label": "Speaker",
                       "head_span": {"start": quote[0], "end": quote[1], "label": "QUOTE"},
                       "child_span": {"start": okafor[0], "end": okafor[1], "label": "PERSON"}}]}
    path = tmp_path / "manual.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    problems = []
    [doc] = read_file(path, problems)
    assert not problems and doc.complete
    assert sorted((s.start, s.end, s.label) for s in doc.labelled if s.kind == "entity") == sorted(
        [(0, okafor[1], "PERSON"), (*okafor, "PERSON"), (*okafor, "NORP")])
    [q] = [s for s in doc.labelled if s.kind == "quote"]
    assert (q.attrs["speaker_start"], q.attrs["speaker_end"], q.attrs["speaker"]) == (*okafor, "Jane Okafor")
