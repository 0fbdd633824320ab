"""brat standoff: exports valid under annotation.conf semantics (our verifier,
tests/store/brat_checker.py), read back by a brat reader from PyPI, and any brat
folder imported with what cannot be kept named by file and line."""
from __future__ import annotations


import pytest

from store.export import Selection, export_dataset
from store.formats import brat
from tests.conftest import FIXTURES
from tests.store._datasets import awkward_store, imported_store
from tests.store.brat_checker import verify
from tests.store.brat_lines import kept_fractions

CORPUS = FIXTURES / "brat_news"


def test_sample_export_is_valid_under_annotation_conf(tmp_path):
    store = imported_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "brat", tag_values=("statistic",), verdict_values=("supported",))
    assert verify(tmp_path / "brat") == []
    anns = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "brat").glob("*.ann"))
    assert anns.count("\nT") > 200 and "\tSpeaker Arg1:" in anns
    assert len(list((tmp_path / "brat").glob("*.txt"))) == 5 and (tmp_path / "brat" / "visual.conf").exists()


def test_awkward_article_overlaps_speaker_mention_and_attributes(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    summary = export_dataset(store, Selection(), "brat", tmp_path / "b")
    assert verify(tmp_path / "b") == [] and not summary.skipped
    ann = (tmp_path / "b" / "awkward.ann").read_text(encoding="utf-8").splitlines()
    assert any("\tPERSON 0 14\t" in l for l in ann) and any("\tORG 7 29\t" in l for l in ann)  # both overlapping
    assert any("\tCLAIM 0 42;44 72\t" in l for l in ann)  # across the paragraph break: two fragments
    mention = next(l for l in ann if "\tSPEAKER 59 66\t" in l).split("\t")[0]  # its own type, not an entity
    assert any(l.startswith("R") and l.endswith(f"Arg2:{mention}") and "\tSpeaker " in l for l in ann)
    conf = (tmp_path / "b" / "annotation.conf").read_text(encoding="utf-8")
    assert "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>" in conf
    assert "Speaker\tArg1:QUOTE, Arg2:SPEAKER" in conf and "same_claim\tArg1:CLAIM, Arg2:CLAIM" in conf
    problems = []
    [doc] = brat.read(tmp_path / "b", problems)
    assert not problems
    assert (59, 66) not in [(s.start, s.end) for s in doc.labelled if s.kind == "entity"]
    quote = next(s for s in doc.labelled if s.kind == "quote")
    assert (quote.attrs["speaker"], quote.attrs["speaker_start"], quote.attrs["speaker_end"]) == ("Blinken", 59, 66)
    claim = next(s for s in doc.labelled if s.kind == "claim" and s.start == 0)
    assert claim.end == 72 and "fragments" not in claim.attrs  # a line break is no gap
    assert claim.attrs["tags"] == ["statistic", "comparison"] and claim.attrs["note"] == "two lines"
    assert next(s for s in doc.labelled if s.label == "GPE").attrs["status"] == "corrected"
    assert [r.kind for r in doc.relations] == ["same_claim"]


def test_a_real_brat_corpus_imports_with_every_problem_named_by_line(tmp_path):
    problems = []
    docs = {d.file: d for d in brat.read(CORPUS, problems)}
    assert sorted((p.file.rsplit("/", 1)[-1], p.line) for p in problems) == [
        ("plague.ann", 15), ("plague.ann", 16), ("plague.ann", 18)]
    europa = docs["europa.txt"]
    text = europa.cleaned.text
    spans = {(s.kind, s.label, text[s.start:s.end]) for s in europa.labelled}
    assert ("entity", "LOC", "Europa") in spans and ("entity", "Moon", "Europa") in spans  # same bounds, both kept
    assert ("entity", "Role", "Lucas Paganini, a NASA planetary scientist") in spans  # nesting PERSON and ORG
    claim = next(s for s in europa.labelled if s.kind == "claim" and s.attrs.get("fragments"))
    assert [text[a:b] for a, b in claim.attrs["fragments"]] == [
        "Finding water vapor on Europa,", "is the \u201cnext best thing\u201d to liquid water."]
    quote = next(s for s in europa.labelled if s.kind == "quote")
    assert text[quote.attrs["speaker_start"]:quote.attrs["speaker_end"]] == "he"  # R1, written with a trailing tab
    events = [s for s in europa.labelled if s.kind == "event"]
    assert [text[e.start:e.end] for e in events] == ["said", "said"]
    assert events[0].attrs["brat"]["attributes"] == {"Negated": True}
    roles = sorted((r.kind, europa.labelled[r.child].kind) for r in europa.relations
                   if europa.labelled[r.head].kind == "event")
    assert roles == [("Content", "claim"), ("Content", "quote"), ("Source", "entity"), ("Source", "entity")]
    kinds = {r.kind: r for r in europa.relations}
    assert kinds["Located"].note == "Mauna Kea is on Hawaii island" and "Equiv" in kinds and "Coref" in kinds
    loc = next(s for s in europa.labelled if s.label == "LOC" and text[s.start:s.end] == "Europa")
    assert loc.attrs["brat"]["normalizations"] == [["Reference", "Wikidata:Q3143", "Europa"]]
    assert quote.attrs["brat"]["attributes"] == {"Speaker_Direct": True}
    plague = docs["plague.txt"]
    assert [text for s in plague.labelled if s.label == "LOC" for text in [plague.cleaned.text[s.start:s.end]]] == ["Europe", "Europe"]  # same bounds and type: both kept


def line_ids(folder):
    ids = {"T": 0, "R": 0, "E": 0}
    for ann in folder.glob("*.ann"):
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line[:1] in ids:
                ids[line[0]] += 1
    return ids


def test_brat_corpus_round_trip_through_the_database_is_valid(tmp_path):
    store = imported_store(tmp_path / "a.db", CORPUS, expect_problems=True)
    export_dataset(store, Selection(), "brat", tmp_path / "out")
    assert verify(tmp_path / "out") == []
    problems = []
    again = {d.file: d for d in brat.read(tmp_path / "out", problems)}
    first = {d.file: d for d in brat.read(CORPUS, [])}
    assert not problems
    for name, doc in first.items():
        def key(d):
            return sorted((s.kind, s.label, s.start, s.end, str(s.attrs.get("fragments"))) for s in d.labelled)
        assert key(again[name]) == key(doc)
        assert sorted(r.kind for r in again[name].relations) == sorted(r.kind for r in doc.relations)
    # every T, R and E line brat itself accepts comes through (the three bad lines are the ones reported)
    given, out = line_ids(CORPUS), line_ids(tmp_path / "out")
    assert out["E"] == given["E"] and out["R"] >= given["R"] - 1 and out["T"] >= given["T"] - 1
    # and what was said of them: attributes (on a span, an event, a relation), normalisations, notes
    kept = kept_fractions(CORPUS, tmp_path / "out")
    assert kept["A"] == (4, 4) and kept["N"] == (1, 1) and kept["#"] == (2, 2)


def test_an_article_edited_in_brat_comes_back(tmp_path):
    store, aid = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "b")
    ann = tmp_path / "b" / "awkward.ann"
    lines = ann.read_text(encoding="utf-8")
    # what brat's UI appends: a new entity and a relation with a trailing tab
    ann.write_text(lines + "T90\tPERSON 59 66\tBlinken\nR90\tsame_quote Arg1:T5 Arg2:T5\t\nR91\tCoref Arg1:T90 Arg2:T2\t\n",
                   encoding="utf-8")
    problems = []
    [doc] = brat.read(tmp_path / "b", problems)
    assert not problems
    assert (59, 66, "PERSON") in [(s.start, s.end, s.label) for s in doc.labelled if s.kind == "entity"]
    assert "Coref" in [r.kind for r in doc.relations]


TXT = "Jane Okafor opened the bridge in Lagos.\n"


@pytest.mark.parametrize("ann, line, reason", [
    ("T1\tPERSON 0 11\tJane Okafor\nT2\tGPE 33 60\tLagos\n", 2, "outside the text"),
    ("T1\tPERSON 0 11\tJane Okafor\nT2\tGPE 33 38\tLondon\n", 2, "not the text at its offsets"),
    ("T1\tPERSON 0 11\tJane Okafor\nT2\tPER SON 0 11\tJane Okafor\n", 2, "cannot read"),
    ("T1\tPERSON 0 11\tJane Okafor\nT2\tPER:SON 0 11\tJane Okafor\n", 2, "label"),
    ("T1\tPERSON 0 11\tJane Okafor\nthis is not standoff\n", 2, "unknown annotation line"),
    ("T1\tPERSON 0 11\tJane Okafor\nA1\tTag T9 statistic\n", 2, "T9"),
    ("T1\tPERSON 0 11\tJane Okafor\nR1\tKnows Arg1:T1 Arg2:T7\t\n", 2, "T7"),
])
def test_a_bad_line_is_reported_and_the_rest_comes_in(tmp_path, ann, line, reason):
    (tmp_path / "a.txt").write_text(TXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(ann, encoding="utf-8")
    problems = []
    [doc] = brat.read(tmp_path, problems)
    [problem] = problems
    assert problem.file.endswith("a.ann") and problem.line == line and reason in problem.reason
    assert [(s.start, s.end, s.label) for s in doc.labelled] == [(0, 11, "PERSON")]


def test_crlf_text_offsets_are_carried_into_the_normalised_text(tmp_path):
    text = "Jane Okafor spoke.\r\nIn Lagos, she said.\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "a.ann").write_text("T1\tGPE 23 28\tLagos\n", encoding="utf-8")
    problems = []
    [doc] = brat.read(tmp_path, problems)
    [span] = doc.labelled
    assert doc.cleaned.text[span.start:span.end] == "Lagos"


def test_bratly_reads_every_line_of_the_export(tmp_path):
    """bratly (PyPI) parses each line of our standoff into its annotation types, none refused."""
    from collections import Counter

    from bratly.io import parse_ann_file

    store = imported_store(tmp_path / "a.db", CORPUS, expect_problems=True)
    export_dataset(store, Selection(), "brat", tmp_path / "out")
    names = {"T": "EntityAnnotation", "R": "RelationAnnotation", "E": "EventAnnotation", "A": "AttributeAnnotation",
             "#": "NoteAnnotation", "N": "NormalizationAnnotation"}
    for ann in sorted((tmp_path / "out").glob("*.ann")):
        text = ann.read_text(encoding="utf-8")
        parsed = parse_ann_file(text, str(ann), no_duplicates=False, sorting=False, renumerotize=False)
        assert Counter(type(a).__name__ for a in parsed.annotations) == Counter(names[l[0]] for l in text.splitlines())
