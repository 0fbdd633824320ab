"""copydesk's doccano export uploaded with doccano 1.8.4's own import (the task
its upload view runs; tests/store/doccano_upload.py): a default project (overlap
off) keeps every span the export summary says it wrote, layer by layer, and
``--layer all`` is what only a project with "Allow overlapping spans" keeps whole;
and what doccano's own export then writes reads back into copydesk as it went out."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from store.export import Selection, export_dataset
from store.ingest import read_file
from store.formats.base import QUOTE_LABEL
from store.formats.doccano import ALL_NOTE, RELATIONS_NOTE
from tests.store._datasets import awkward_store, imported_store
from tests.store.doccano_upload import download, upload


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    return imported_store(tmp_path_factory.mktemp("doccano") / "a.db")


def written_lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def labels_written(summary) -> Counter:
    return Counter({label: n for (_kind, label), n in summary.spans.items()})


@pytest.mark.parametrize("layer", [None, "entities", "quotes", "claims"])
def test_a_default_project_keeps_every_span_the_summary_says_was_written(sample_store, tmp_path, layer):
    out = tmp_path / "d.jsonl"
    summary = export_dataset(sample_store, Selection(), "doccano", out, layer=layer)
    assert summary.total_spans() > 0

    got = upload(out)

    assert got.errors == []
    lines = written_lines(out)
    assert len(got.examples) == len(lines) == summary.articles
    for line, example in zip(lines, got.examples):
        assert example.text == line["text"]
        assert example.spans == sorted(tuple(label) for label in line["label"])
        # doccano files every other key of a line under the example's meta, ours included
        assert example.meta == {"id": line["id"], "meta": line["meta"]}
    assert got.span_count() == summary.total_spans()
    assert Counter(label for e in got.examples for _, _, label in e.spans) == labels_written(summary)


def test_layer_all_into_a_default_project_loses_spans_as_the_summary_warns(sample_store, tmp_path):
    out = tmp_path / "all.jsonl"
    summary = export_dataset(sample_store, Selection(), "doccano", out, layer="all")
    assert ALL_NOTE in summary.notes and not summary.skipped

    default = upload(out)
    overlapping = upload(out, allow_overlapping=True)

    # doccano reports nothing for the spans its default project leaves out
    assert default.errors == [] and overlapping.errors == []
    assert 0 < default.span_count() < summary.total_spans()
    assert overlapping.span_count() == summary.total_spans()
    assert Counter(label for e in overlapping.examples for _, _, label in e.spans) == labels_written(summary)
    # and the default export's overlap count is what --layer all adds
    default_summary = export_dataset(sample_store, Selection(), "doccano", tmp_path / "d.jsonl")
    overlap_skips = sum(n for reason, n in default_summary.skipped.items() if "default doccano project" in reason)
    assert default_summary.total_spans() + overlap_skips == summary.total_spans()


def test_a_relation_project_gets_every_span_and_the_link_it_cannot_get_is_counted(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    out = tmp_path / "all.jsonl"
    summary = export_dataset(store, Selection(), "doccano", out, layer="all")

    got = upload(out, allow_overlapping=True, use_relation=True)

    assert got.errors == []
    [example] = got.examples
    assert len(example.spans) == summary.total_spans() == 6
    assert (44, 58, QUOTE_LABEL) in example.spans
    # the store's one link (two claims, same_claim) has no place in the file: counted, not lost silently
    assert example.relations == []
    assert sum(n for reason, n in summary.skipped.items() if reason.startswith("link")) == 1


def test_layer_relations_gives_a_relation_project_every_span_speaker_and_link(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    out = tmp_path / "rel.jsonl"
    summary = export_dataset(store, Selection(), "doccano", out, layer="relations")
    assert RELATIONS_NOTE in summary.notes and not summary.skipped

    got = upload(out, allow_overlapping=True, use_relation=True, task="RelationExtraction")

    assert got.errors == []
    [example] = got.examples
    assert len(example.spans) == summary.total_spans() + 1  # and the quote's speaker mention
    assert sorted(example.relations) == [((0, 72, "CLAIM"), (73, 88, "CLAIM"), "same_claim"),
                                         ((44, 58, QUOTE_LABEL), (59, 66, "SPEAKER"), "Speaker")]


def test_a_relation_project_s_export_reads_back_with_the_speaker_and_the_link(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    out = tmp_path / "rel.jsonl"
    export_dataset(store, Selection(), "doccano", out, layer="relations")
    lines = download(upload(out, allow_overlapping=True, use_relation=True, task="RelationExtraction"))
    back = tmp_path / "from-doccano.jsonl"
    back.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    problems = []
    [doc] = read_file(back, problems)
    assert problems == []
    text = doc.cleaned.text
    quote = next(s for s in doc.labelled if s.kind == "quote")
    assert text[quote.attrs["speaker_start"]:quote.attrs["speaker_end"]] == "Blinken"
    assert "SPEAKER" not in {s.label for s in doc.labelled}  # the mention was the speaker, not an entity
    [link] = doc.relations
    assert link.kind == "same_claim" and (doc.labelled[link.head].start, doc.labelled[link.child].start) == (0, 73)
    assert labelled(back) == labelled(out)


def labelled(path):
    problems = []
    docs = read_file(path, problems)
    assert problems == []
    return [(doc.meta.get("title"), doc.cleaned.text,
             sorted((s.start, s.end, s.label, s.kind, sorted(s.attrs.items())) for s in doc.labelled)) for doc in docs]


@pytest.mark.parametrize("use_relation", [False, True], ids=["label-triples", "entities-relations"])
def test_doccano_s_own_export_reads_back_with_speakers_tags_and_statuses(tmp_path, use_relation):
    store, _ = awkward_store(tmp_path / "a.db")
    out = tmp_path / "all.jsonl"
    export_dataset(store, Selection(), "doccano", out, layer="all")

    lines = download(upload(out, allow_overlapping=True, use_relation=use_relation))
    back = tmp_path / "from-doccano.jsonl"
    back.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    assert ("entities" in lines[0]) is use_relation  # doccano's two export shapes, both read
    ours, theirs = labelled(out), labelled(back)
    assert theirs == ours
    [(_title, _text, spans)] = theirs
    carried = {key for *_, attrs in spans for key, _ in attrs}
    assert {"speaker", "tags", "verdict", "note", "status"} <= carried  # meta.copydesk came through doccano
