"""UIMA CAS XMI for INCEpTION: every export read back by dkpro-cassis
(``load_typesystem`` + ``load_cas_from_xmi``, the reader of INCEpTION's own team),
each span, relation and feature found at its offsets with its covered text,
tokens and sentences covering the text, and what cannot be written counted."""
from __future__ import annotations

from pathlib import Path

from cassis import load_cas_from_xmi, load_typesystem

from store.export import Selection, export_dataset, selected
from store.formats import xmi
from tests.store._datasets import awkward_store, cli, imported_store

LAYERS = {"entity": xmi.NAMED_ENTITY, "quote": xmi.QUOTE, "claim": xmi.CLAIM, "event": xmi.EVENT}


def read_folder(folder: Path) -> dict[str, object]:
    """stem -> CAS, read as INCEpTION's team's library reads an INCEpTION export."""
    with (folder / "TypeSystem.xml").open("rb") as fh:
        typesystem = load_typesystem(fh)
    cases = {}
    for path in sorted(folder.glob("*.xmi")):
        with path.open("rb") as fh:
            cases[path.stem] = load_cas_from_xmi(fh, typesystem=typesystem)
    return cases


def by_offsets(cas, type_name: str) -> dict[tuple[int, int], list]:
    out: dict[tuple[int, int], list] = {}
    for a in cas.select(type_name):
        out.setdefault((a.begin, a.end), []).append(a)
    return out


def check_segmentation(cas) -> None:
    """INCEpTION's CAS doctor checks: every annotation starts and ends on a
    character, inside a sentence.  Tokens cover every non-space character once; each sentence runs from a
    token's start to a token's end, never across a line break; every token is inside exactly one sentence."""
    text = cas.sofa_string
    tokens = sorted((t.begin, t.end) for t in cas.select(xmi.TOKEN))
    sentences = sorted((s.begin, s.end) for s in cas.select(xmi.SENTENCE))
    covered = [0] * len(text)
    for a, b in tokens:
        assert 0 <= a < b <= len(text) and not text[a:b].isspace()
        for i in range(a, b):
            covered[i] += 1
    assert all(covered[i] == (0 if ch.isspace() else 1) for i, ch in enumerate(text))
    starts, ends = {a for a, _ in tokens}, {b for _, b in tokens}
    assert all(a in starts and b in ends and "\n" not in text[a:b] for a, b in sentences)  # a line ends one
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(sentences, sentences[1:]))
    assert all(sum(sa <= a and b <= sb for sa, sb in sentences) == 1 for a, b in tokens)
    for a in cas.select_all_annotations():
        if a.type.name != xmi.METADATA:
            assert not text[a.begin].isspace() and not text[a.end - 1].isspace(), a
            assert any(sa <= a.begin <= sb for sa, sb in sentences) and any(sa <= a.end <= sb for sa, sb in sentences)


def test_sample_corpus_every_span_and_feature_reads_back(tmp_path):
    store = imported_store(tmp_path / "a.db")
    selection = Selection.from_flags(include_suggestions=True)
    summary = export_dataset(store, selection, "xmi", tmp_path / "x")
    cases = read_folder(tmp_path / "x")
    items = list(selected(store, selection))
    assert len(cases) == len(items) == summary.articles == 5
    with_meta = sum(bool(a.source or a.byline or a.published) for a, _, _ in items)
    assert summary.skipped == {xmi.META_LEFT_OUT: with_meta} and with_meta > 0  # counted, not dropped silently
    found = speakers = trims = 0
    for article, spans, links in items:
        [cas] = [c for c in cases.values() if c.sofa_string == article.text]
        meta = cas.get_document_annotation()
        assert meta.type.name == xmi.METADATA and meta.documentId in cases and meta.language == "en"
        check_segmentation(cas)
        for s in spans:
            start, end = xmi.trimmed(article.text, s.start, s.end)  # INCEpTION: annotations start and end on a character
            trims += (start, end) != (s.start, s.end)
            [a] = [a for a in by_offsets(cas, LAYERS[s.kind]).get((start, end), [])
                   if a.status == s.status and (s.kind == "quote" or a.value == s.label)]
            assert a.get_covered_text() == article.text[s.start:s.end].strip()
            found += 1
            if s.kind == "claim":
                assert (list(a.tags.elements) if a.tags else []) == list(s.tags)
                assert (a.verdict, a.note, a.normalized) == (s.verdict, s.note, s.normalized)
            if s.kind == "quote":
                assert (a.speaker, a.cue) == (s.speaker, s.cue)
                if s.speaker_start is not None:
                    [rel] = [r for r in cas.select(xmi.QUOTE_SPEAKER) if r.Governor.xmiID == a.xmiID]
                    assert (rel.Dependent.begin, rel.Dependent.end) == (s.speaker_start, s.speaker_end)
                    assert rel.Dependent.type.name == xmi.SPEAKER_MENTION
                    speakers += 1
        assert len(list(cas.select(xmi.SPAN_LINK))) == len(links)
    assert found == summary.total_spans() > 300 and speakers > 0
    assert summary.aside[xmi.TRIMMED] == trims > 0  # the sample's claims that end with a paragraph break


def test_awkward_article_overlaps_offsets_speaker_claim_link_suggestion_rejection(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    summary = export_dataset(store, Selection.from_flags(include_suggestions=True, include_rejected=True),
                             "xmi", tmp_path / "x")
    assert summary.skipped == {xmi.META_LEFT_OUT: 1} and summary.articles == 1  # its source, "Wire"
    [cas] = read_folder(tmp_path / "x").values()
    text = cas.sofa_string
    check_segmentation(cas)
    meta = cas.get_document_annotation()
    assert (meta.documentTitle, meta.documentId) == ("Talks", "awkward")
    ents = {(a.begin, a.end): a for a in cas.select(xmi.NAMED_ENTITY)}
    # overlapping entities, both kept; one off token boundaries ("Brussel" of "Brussels") at its characters
    assert ents[(0, 14)].value == "PERSON" and ents[(7, 29)].value == "ORG"
    assert ents[(33, 40)].get_covered_text() == "Brussel" and ents[(33, 40)].status == "corrected"
    assert ents[(85, 87)].value == "PERCENT" and ents[(85, 87)].status == "suggested"  # the suggestion
    # the rejection: not an entity, a RejectedEntity
    assert (67, 71) not in ents
    [rejected] = cas.select(xmi.REJECTED_ENTITY)
    assert (rejected.begin, rejected.end, rejected.value, rejected.get_covered_text()) == (67, 71, "ORG", "said")
    [quote] = cas.select(xmi.QUOTE)
    assert (quote.begin, quote.end, quote.speaker, quote.cue, quote.status) == (44, 58, "Blinken", "said", "accepted")
    assert quote.get_covered_text() == "\u201cWe will act,\u201d"
    [rel] = cas.select(xmi.QUOTE_SPEAKER)
    assert rel.Governor.xmiID == quote.xmiID and rel.Dependent.get_covered_text() == "Blinken"
    assert [(m.begin, m.end) for m in cas.select(xmi.SPEAKER_MENTION)] == [(59, 66)]
    claims = {(a.begin, a.end): a for a in cas.select(xmi.CLAIM)}
    first, second = claims[(0, 72)], claims[(73, 88)]
    assert "\n\n" in first.get_covered_text() == text[0:72]  # across the paragraph break, one span
    assert list(first.tags.elements) == ["statistic", "comparison"] and first.verdict == "supported"
    assert first.note == "two\nlines" and first.value == "CLAIM" and list(second.tags.elements) == ["statistic"]
    [link] = cas.select(xmi.SPAN_LINK)
    assert (link.Governor.xmiID, link.Dependent.xmiID, link.value) == (first.xmiID, second.xmiID, "same_claim")
    assert any("cross-layer" in n for n in summary.notes)


def test_discontinuous_span_event_and_what_has_no_feature_are_counted(tmp_path):
    corpus = tmp_path / "brat"
    corpus.mkdir()
    (corpus / "d.txt").write_text("Jane Okafor of Acme\nattacked the plan on Monday.\n", encoding="utf-8")
    (corpus / "d.ann").write_text("T1\tPERSON 0 4;5 11\tJane Okafor\nT2\tORG 15 19\tAcme\nT3\tAttack 20 28\tattacked\n"
                                  "E1\tAttack:T3 Agent:T1 Target:T2\nA1\tNegated T2\nR1\tMember Person:T1 Org:T2\n",
                                  encoding="utf-8")
    store = imported_store(tmp_path / "a.db", corpus)
    summary = export_dataset(store, Selection(), "xmi", tmp_path / "x")
    [cas] = read_folder(tmp_path / "x").values()
    [person] = [a for a in cas.select(xmi.NAMED_ENTITY) if a.value == "PERSON"]
    assert (person.begin, person.end, person.fragments) == (0, 11, "0-4;5-11")  # the covering span, and its pieces
    assert summary.aside[xmi.DISCONTINUOUS] == 1
    [event] = cas.select(xmi.EVENT)
    assert (event.get_covered_text(), event.value) == ("attacked", "Attack")
    roles = {(r.Governor.get_covered_text(), r.value, r.Dependent.get_covered_text()) for r in cas.select(xmi.SPAN_LINK)}
    assert roles == {("attacked", "Agent", "Jane Okafor"), ("attacked", "Target", "Acme"), ("Jane Okafor", "Member", "Acme")}
    # the brat attribute "Negated" and the argument names Person/Org have no feature: counted, not dropped silently
    assert summary.skipped == {xmi.BRAT_EXTRA: 1, xmi.LINK_EXTRA: 1}


def test_cli_writes_the_folder(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    store.close()
    result = cli("export", "--format", "xmi", "--out", tmp_path / "x", "--db", tmp_path / "a.db")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["TypeSystem.xml", "awkward.xmi"]
    assert "wrote 1 articles" in result.output
    refused = cli("export", "--format", "xmi", "--out", tmp_path / "one.xmi", "--db", tmp_path / "a.db")
    assert refused.exit_code == 2 and "writes a folder" in refused.output


def test_typesystem_declares_layers_as_inception_recognises_them(tmp_path):
    """INCEpTION's layer import (TypeSystemAnalysis): a span layer extends
    uima.tcas.Annotation with primitive or string-array features only; a
    relation layer has exactly two references, Governor and Dependent, of one
    range; Token, Sentence and NamedEntity keep DKPro Core's names and features."""
    export_dataset(awkward_store(tmp_path / "a.db")[0], Selection(), "xmi", tmp_path / "x")
    with (tmp_path / "x" / "TypeSystem.xml").open("rb") as fh:
        ts = load_typesystem(fh)
    # INCEpTION's PrimitiveUimaFeatureSupport: String, Integer, Float, Boolean (Float: a claim's or a speaker's score)
    primitive = {"uima.cas.String", "uima.cas.Boolean", "uima.cas.Integer", "uima.cas.Float", "uima.cas.StringArray"}
    for name in (xmi.QUOTE, xmi.CLAIM, xmi.EVENT, xmi.SPEAKER_MENTION, xmi.REJECTED_ENTITY, xmi.NAMED_ENTITY):
        t = ts.get_type(name)
        assert t.supertype.name == "uima.tcas.Annotation"
        assert {f.rangeType.name for f in t.features if f.domainType.name == name} <= primitive
    for name in (xmi.QUOTE_SPEAKER, xmi.SPAN_LINK):
        t = ts.get_type(name)
        refs = [f for f in t.features if f.domainType.name == name and f.rangeType.name not in primitive]
        assert sorted(f.name for f in refs) == ["Dependent", "Governor"] and len({f.rangeType.name for f in refs}) == 1
    assert ts.get_type(xmi.METADATA).supertype.name == "uima.tcas.DocumentAnnotation"
    assert {f.name for f in ts.get_type(xmi.NAMED_ENTITY).features} >= {"value", "identifier"}
    assert ts.get_type(xmi.CLAIM).get_feature("tags").rangeType.name == "uima.cas.StringArray"


def test_offsets_past_an_emoji_and_characters_xml_cannot_hold(tmp_path):
    """UIMA counts UTF-16 code units (an emoji is two); a note with a control
    character cannot be XML 1.0: it is written as U+FFFD, counted."""
    from annotators.types import Span
    from store import Store
    from store import articles as article_rows
    from store.db import transaction

    text = "\U0001F600 Jane Okafor said \u201cno\u201d.\n\u05e9\u05dc\u05d5\u05dd caf\u00e9 \U0001F44D Acme"
    store = Store.open(tmp_path / "a.db", annotator="ana")
    with transaction(store.db):
        aid = article_rows.insert_article(store.db, {"text": text, "raw": text, "content_hash": "e", "file": "e.txt",
                                                     "path": "/e.txt"})
        article_rows.insert_spans(store.db, article_rows.suggestion_rows(aid, [
            Span(2, 13, "PERSON", "entity", {"status": "accepted"}),
            Span(text.index("Acme"), len(text), "ORG", "entity", {"status": "accepted"}),
            Span(19, 23, "QUOTE", "quote", {"status": "accepted", "speaker": "Jane\x01Okafor", "speaker_start": 2,
                                             "speaker_end": 13}),
        ], origin="imported", annotator="ana"))
    summary = export_dataset(store, Selection(), "xmi", tmp_path / "x")
    raw = (tmp_path / "x" / "e.xmi").read_text(encoding="utf-8")
    assert 'begin="3" end="14"' in raw  # UTF-16 code units in the file
    [cas] = read_folder(tmp_path / "x").values()
    assert cas.sofa_string == text
    check_segmentation(cas)
    ents = {a.get_covered_text(): (a.begin, a.end) for a in cas.select(xmi.NAMED_ENTITY)}
    assert ents == {"Jane Okafor": (2, 13), "Acme": (text.index("Acme"), len(text))}
    [quote] = cas.select(xmi.QUOTE)
    assert quote.get_covered_text() == "\u201cno\u201d" and quote.speaker == "Jane\ufffdOkafor"
    assert summary.aside[xmi.NOT_XML] == 1 and not summary.skipped
