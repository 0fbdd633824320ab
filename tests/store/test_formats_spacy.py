"""The .spacy DocBin: read back by spaCy itself, checked by `spacy debug data`."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from spacy.tokens import DocBin

from store.export import Selection, export_dataset
from store.formats import spacy_docbin
from store.formats.base import Summary
from store.train import make_config, write_corpus
from tests.store._datasets import SAMPLE, awkward_store, imported_store


def load(path):
    return list(DocBin().from_disk(path).get_docs(spacy_docbin.blank_nlp().vocab))


def test_docbin_holds_entities_quotes_claims_and_user_data(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    summary = export_dataset(store, Selection(), "spacy", tmp_path / "out.spacy")
    [doc] = load(tmp_path / "out.spacy")
    # the longer of two overlapping entities is in doc.ents; the other in its own group, counted
    assert [(e.text, e.label_) for e in doc.ents] == [("Blinken met Mark Rutte", "ORG"), ("Brussels", "GPE")]
    assert [(s.text, s.label_) for s in doc.spans["overlapping_ents"]] == [("Antony Blinken", "PERSON")]
    assert sum(summary.aside.values()) == 1 and not summary.skipped
    assert summary.snapped == 1  # "Brussel" widened to the token "Brussels"
    assert [(s.text, s.label_) for s in doc.spans["quotes"]] == [("\u201cWe will act,\u201d", "QUOTE")]
    assert [s.label_ for s in doc.spans["claims"]] == ["statistic", "statistic"]
    quote = doc.spans["quotes"][0]
    kept = doc.user_data[("copydesk_span", "quote", quote.start_char, quote.end_char)]
    assert (kept["speaker"], kept["speaker_start"], kept["speaker_end"], kept["cue"]) == ("Blinken", 59, 66, "said")
    claim = doc.spans["claims"][0]
    kept = doc.user_data[("copydesk_span", "claim", claim.start_char, claim.end_char)]
    assert tuple(kept["tags"]) == ("statistic", "comparison") and kept["verdict"] == "supported"
    assert doc.user_data["copydesk_meta"]["title"] == "Talks"
    # suggestions and rejections stay out by default
    assert "PERCENT" not in {e.label_ for e in doc.ents}


def test_unreviewed_tokens_are_missing_until_the_article_is_done(tmp_path):
    store, aid = awkward_store(tmp_path / "a.db")
    summary = export_dataset(store, Selection(), "spacy", tmp_path / "out.spacy")
    [doc] = load(tmp_path / "out.spacy")
    iob = {t.text: t.ent_iob_ for t in doc}
    # "Antony" lies only inside the overlapped PERSON: missing, never O; "We" nobody reviewed: missing
    assert iob["Antony"] == "" and iob["We"] == "" and iob["Brussels"] == "B"
    assert not [t for t in doc if t.ent_iob_ == "O"]
    assert summary.missing_tokens == sum(1 for t in doc if t.ent_iob == 0) > 0 and summary.not_done == 1
    assert doc.user_data["copydesk_meta"]["done"] is False
    store.mark_done(aid)
    summary = export_dataset(store, Selection(), "spacy", tmp_path / "done.spacy")
    [doc] = load(tmp_path / "done.spacy")
    iob = {t.text: t.ent_iob_ for t in doc}
    assert iob["We"] == "O" and iob["Antony"] == ""  # done: unmarked text is O; the overlapped PERSON stays unknown
    assert summary.missing_tokens == 1 and summary.not_done == 0


def test_rejected_spans_go_to_negative_groups_only(tmp_path):
    store, aid = awkward_store(tmp_path / "a.db")
    quote = store.spans(aid, kinds=["quote"])[0]
    store.reject(quote.id)
    export_dataset(store, Selection.from_flags(include_rejected=True), "spacy", tmp_path / "out.spacy")
    [doc] = load(tmp_path / "out.spacy")
    assert list(doc.spans["quotes"]) == []
    assert [s.text for s in doc.spans["rejected_quotes"]] == ["\u201cWe will act,\u201d"]
    assert [s.text for s in doc.spans["rejected_ents"]] == ["said"]
    assert "said" not in [e.text for e in doc.ents]
    problems = []
    [source] = spacy_docbin.read(tmp_path / "out.spacy", problems)
    statuses = {(s.kind, source.cleaned.text[s.start:s.end]): s.attrs.get("status") for s in source.labelled}
    assert statuses[("quote", "\u201cWe will act,\u201d")] == "rejected" and statuses[("entity", "said")] == "rejected"


def test_speaker_survives_to_disk_from_disk_and_reads_back(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "spacy", tmp_path / "out.spacy")
    problems = []
    [source] = spacy_docbin.read(tmp_path / "out.spacy", problems)
    assert not problems
    quote = next(s for s in source.labelled if s.kind == "quote")
    assert quote.attrs["speaker"] == "Blinken" and (quote.attrs["speaker_start"], quote.attrs["speaker_end"]) == (59, 66)
    claim = next(s for s in source.labelled if s.kind == "claim" and s.start == 0)
    assert claim.label == "CLAIM" and claim.attrs["tags"] == ["statistic", "comparison"]
    assert source.meta["imported_from"] == "out.spacy#1"


@pytest.mark.parametrize("done", [True, False])
def test_spacy_debug_data_finds_no_errors(tmp_path, done):
    """Done articles (O tokens) and articles nobody finished (missing tokens): debug data reports no error."""
    # debug data calls fewer than 100 training docs an error: 130 variants of the 5 articles (100+ to train on)
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    with (tmp_path / "many.jsonl").open("w", encoding="utf-8") as fh:
        for n in range(26):
            for r in records:
                line = {**r, "text": r["text"] + f"\n\n(Copy {n}.)"}
                if not done:  # copydesk's shape for an article not done: its spans, nothing about the rest
                    line.update(answer="ignore", meta={**r.get("meta", {}), "done": False})
                fh.write(json.dumps(line) + "\n")
    store = imported_store(tmp_path / "a.db", tmp_path / "many.jsonl")
    corpus = write_corpus(store, Selection(), tmp_path / "corpus", split="0.8", seed=0)
    assert (corpus.summary.missing_tokens > 0) is not done
    config = make_config(corpus, max_epochs=1, max_steps=2)
    config.to_disk(tmp_path / "config.cfg")
    run = subprocess.run([sys.executable, "-m", "spacy", "debug", "data", str(tmp_path / "config.cfg")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "\u2718" not in run.stdout, run.stdout  # spaCy marks errors with ✘
    assert "Corpus is loadable" in run.stdout


def test_bad_docbin_is_reported_not_raised(tmp_path):
    bad = tmp_path / "bad.spacy"
    bad.write_bytes(b"not a docbin")
    problems = []
    assert spacy_docbin.read(bad, problems) == []
    assert problems and problems[0].file == str(bad) and "DocBin" in problems[0].reason


def test_summary_counts_labels(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    summary = Summary()
    spacy_docbin.export(__import__("store.export", fromlist=["selected"]).selected(store, Selection()),
                        tmp_path / "x.spacy", summary)
    assert summary.spans[("entity", "ORG")] == 1 and summary.spans[("quote", "QUOTE")] == 1
    assert summary.articles == 1
