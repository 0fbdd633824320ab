"""Labels made in another tool come back to the article they were exported
from: an export edited with brat's own editing code (tests/store/brat_verify_real.py)
and imported into the same database joins its article as the importer's
judgments, and an edited labelled file is a changed file, never "unchanged"."""
from __future__ import annotations

import json

from store import Store
from store.export import Selection, export_dataset
from store.ingest import IMPORTER
from tests.store._datasets import awkward_store, cli
from tests.store.brat_verify_real import brat_edit


def _tid(ann: str, marker: str) -> str:
    return next(line.split("\t")[0] for line in ann.splitlines() if marker in line)


def _import(folder, db) -> str:
    result = cli("import", folder, "--db", db)
    assert result.exit_code == 0, result.output
    return result.output


def test_an_export_edited_in_brat_comes_back_to_its_article_as_the_importers_judgments(tmp_path):
    store, aid = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "out")
    ann = (tmp_path / "out" / "awkward.ann").read_text(encoding="utf-8")
    first, second = _tid(ann, "\tCLAIM 0 42;44 72\t"), _tid(ann, "\tCLAIM 73 88\t")
    brat_edit(tmp_path / "out", [
        {"do": "create_span", "document": "awkward", "args": [[[19, 29]], "PERSON"]},  # Mark Rutte
        {"do": "create_comment", "document": "awkward", "args": ["$0", "Dutch PM, then NATO"]},
        {"do": "create_arc", "document": "awkward", "args": [second, first, "same_claim"]},
    ])
    assert "1 updated" in _import(tmp_path / "out", tmp_path / "a.db")
    store = Store.open(tmp_path / "a.db", annotator="ana")
    assert store.article_ids() == [aid] and store.get_article(aid).title == "Talks"  # no copy; its own title kept
    rutte = [s for s in store.spans_for(aid, IMPORTER) if (s.start, s.end, s.label) == (19, 29, "PERSON")]
    assert len(rutte) == 1 and rutte[0].note == "Dutch PM, then NATO"
    claims = {s.start: s.id for s in store.spans(aid, kinds=["claim"])}
    assert {(l["a_span_id"], l["b_span_id"], l["kind"]) for l in store.links(list(claims.values()))} == {
        (claims[0], claims[73], "same_claim"), (claims[73], claims[0], "same_claim")}
    assert "5 unchanged" not in (again := _import(tmp_path / "out", tmp_path / "a.db")) and "1 unchanged" in again


def test_the_file_s_version_of_a_span_the_article_has_is_the_importers_judgment(tmp_path):
    store, aid = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "out")
    path = tmp_path / "out" / "awkward.ann"
    ann = path.read_text(encoding="utf-8")
    # the claim's verdict changed in the other tool (as brat's attribute dialog writes it)
    path.write_text("".join(line.replace(" supported", " contradicted") if "\tVerdict " in line else line
                            for line in ann.splitlines(True)), encoding="utf-8")
    conf = tmp_path / "out" / "annotation.conf"
    conf.write_text(conf.read_text(encoding="utf-8").replace("Value:supported", "Value:contradicted|supported"))
    assert "1 updated" in _import(tmp_path / "out", tmp_path / "a.db")
    store = Store.open(tmp_path / "a.db", annotator="ana")
    theirs = {s.start: s for s in store.spans_for(aid, IMPORTER) if s.kind == "claim"}
    assert theirs[0].verdict == "contradicted"
    assert {s.start: s.verdict for s in store.spans_for(aid, "ana") if s.kind == "claim"}[0] == "supported"


def test_an_edited_ann_in_an_imported_brat_folder_is_a_changed_file(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("Jane Okafor opened the bridge in Lagos.\n", encoding="utf-8")
    (tmp_path / "c" / "a.ann").write_text("T1\tPERSON 0 11\tJane Okafor\n", encoding="utf-8")
    _import(tmp_path / "c", tmp_path / "a.db")
    with (tmp_path / "c" / "a.ann").open("a", encoding="utf-8") as fh:
        fh.write("T2\tGPE 33 38\tLagos\nT3\tORG 0 11\tJane Okafor\n")  # a new span, and a second label on one stretch
    assert "1 updated" in _import(tmp_path / "c", tmp_path / "a.db")
    store = Store.open(tmp_path / "a.db", annotator="ana")
    [aid] = store.article_ids()
    assert sorted((s.start, s.end, s.label) for s in store.spans_for(aid, IMPORTER, statuses=["accepted"])) == [
        (0, 11, "ORG"), (0, 11, "PERSON"), (33, 38, "GPE")]


def test_two_lines_labelling_one_text_make_one_article_with_both_labels(tmp_path):
    text = "Jane Okafor opened the bridge in Lagos."
    lines = [{"text": text, "spans": [{"start": 0, "end": 11, "label": "PERSON"}], "answer": "accept"},
             {"text": text, "spans": [{"start": 33, "end": 38, "label": "GPE"}], "answer": "accept"}]
    (tmp_path / "t.jsonl").write_text("".join(json.dumps(l) + "\n" for l in lines), encoding="utf-8")
    output = _import(tmp_path / "t.jsonl", tmp_path / "a.db")
    assert "1 new, 1 updated" in output
    store = Store.open(tmp_path / "a.db", annotator="ana")
    [aid] = store.article_ids()
    assert sorted(s.label for s in store.spans_for(aid, IMPORTER, statuses=["accepted"])) == ["GPE", "PERSON"]


def test_a_brat_export_keeps_title_source_byline_and_date_into_a_fresh_database(tmp_path):
    from tests.store._datasets import imported_store

    store = imported_store(tmp_path / "a.db")
    export_dataset(store, Selection.from_flags(include_suggestions=True), "brat", tmp_path / "out")
    before = {a.title: (a.source, a.byline, a.published) for a in map(store.get_article, store.article_ids())}
    with (tmp_path / "out" / "copydesk-meta.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("not json\n")
    result = cli("import", tmp_path / "out", "--db", tmp_path / "b.db")
    assert result.exit_code == 1 and result.output.count("copydesk-meta.jsonl:6") == 1  # named once, by line
    again = Store.open(tmp_path / "b.db", annotator="ana")
    after = {a.title: (a.source, a.byline, a.published) for a in map(again.get_article, again.article_ids())}
    assert after == before and sum(1 for v in before.values() if any(v)) >= 3
