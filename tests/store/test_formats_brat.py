"""brat standoff: every text-bound annotation matches its offsets; read back."""
from __future__ import annotations

import pytest

from store.export import Selection, export_dataset
from store.formats import brat
from tests.store._datasets import awkward_store, check_brat, imported_store


def test_sample_export_passes_the_standoff_checker(tmp_path):
    store = imported_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "brat", tag_values=("statistic",), verdict_values=("supported",))
    counts = check_brat(tmp_path / "brat")
    assert counts["T"] > 200 and counts["R"] > 0 and counts["A"] > 0
    assert len(list((tmp_path / "brat").glob("*.txt"))) == 5
    assert (tmp_path / "brat" / "visual.conf").exists()


def test_awkward_article(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "b")
    check_brat(tmp_path / "b")
    ann = (tmp_path / "b" / "awkward.ann").read_text(encoding="utf-8").splitlines()
    # a claim across the paragraph break: two fragments
    assert any(l.startswith("T") and "CLAIM 0 41;" in l for l in ann) or any("CLAIM 0 42;" in l for l in ann)
    # the speaker "Blinken" (59-66) is no entity: a MentionOnly PERSON, and the Speaker relation
    mention = next(l for l in ann if "\tPERSON 59 66\t" in l).split("\t")[0]
    assert f"MentionOnly {mention}" in "\n".join(ann)
    assert any(l.split("\t")[1].startswith("Speaker ") and l.endswith(f"Arg2:{mention}") for l in ann if l.startswith("R"))
    assert any("\tTag " in l and l.endswith(" statistic") for l in ann)
    assert any("\tTag2 " in l and l.endswith(" comparison") for l in ann)
    assert any("\tVerdict " in l and l.endswith(" supported") for l in ann)
    assert any(l.startswith("#") and l.endswith("\ttwo lines") for l in ann)
    assert any("\tsame_claim Arg1:" in l for l in ann)  # the link
    conf = (tmp_path / "b" / "annotation.conf").read_text(encoding="utf-8")
    assert "Speaker\tArg1:QUOTE, Arg2:PERSON" in conf and "Tag2\tArg:CLAIM" in conf


def test_read_back_keeps_speaker_tags_and_does_not_invent_entities(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "b")
    problems = []
    [doc] = brat.read(tmp_path / "b", problems)
    assert not problems
    entities = [(s.start, s.end, s.label) for s in doc.labelled if s.kind == "entity"]
    assert (59, 66, "PERSON") not in entities  # MentionOnly
    quote = next(s for s in doc.labelled if s.kind == "quote")
    assert (quote.attrs["speaker"], quote.attrs["speaker_start"], quote.attrs["speaker_end"]) == ("Blinken", 59, 66)
    claim = next(s for s in doc.labelled if s.kind == "claim" and s.start == 0)
    assert claim.attrs["tags"] == ["statistic", "comparison"] and claim.attrs["verdict"] == "supported"
    assert claim.attrs["note"] == "two lines"
    gpe = next(s for s in doc.labelled if s.label == "GPE")
    assert gpe.attrs["status"] == "corrected"


TXT = "Jane Okafor opened the bridge in Lagos.\n"


@pytest.mark.parametrize("ann, line, reason", [
    ("T1\tPERSON 0 11\tJane Okafor\nT2\tGPE 33 60\tLagos\n", 2, "outside the text"),
    ("T1\tPERSON 0 11\tJane Okafor\nT2\tGPE 33 38\tLondon\n", 2, "not the text at its offsets"),
    ("T1\tPERSON 0 11\tJane Okafor\nT2\tORG 5 20\tOkafor opened t\n", 2, "overlap"),
    ("T1\tPER SON 0 11\tJane Okafor\n", 1, "cannot read"),
    ("T1\tPER:SON 0 11\tJane Okafor\n", 1, "label"),
    ("T1\tPERSON 0 11\tJane Okafor\nthis is not standoff\n", 2, "unknown annotation line"),
    ("T1\tPERSON 0 11\tJane Okafor\nA1\tTag T9 statistic\n", None, "T9"),
])
def test_bad_ann_is_reported_with_file_and_line_and_nothing_imported(tmp_path, ann, line, reason):
    (tmp_path / "a.txt").write_text(TXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(ann, encoding="utf-8")
    problems = []
    assert brat.read(tmp_path, problems) == []
    [problem] = problems
    assert problem.file.endswith("a.ann") and problem.line == line and reason in problem.reason


def test_crlf_text_offsets_are_carried_into_the_normalised_text(tmp_path):
    text = "Jane Okafor spoke.\r\nIn Lagos, she said.\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "a.ann").write_text("T1\tGPE 23 28\tLagos\n", encoding="utf-8")
    problems = []
    [doc] = brat.read(tmp_path, problems)
    [span] = doc.labelled
    assert doc.cleaned.text[span.start:span.end] == "Lagos"
