"""store.export.selected reads many articles per query (store.judgments_bulk);
it must give exactly what the per-article reads give (store.gold_spans,
spans_for, gold_done, links, get_article), and so byte-identical exports, on a
team database with every case the gold rules distinguish."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotators.types import Span
from store import Store
from store import articles as article_rows
from store import judgments_bulk
from store.db import transaction
from store.export import FORMATS, Selection, article_ids_for, format_module, selected
from store.formats.base import Summary
from store.stories import stories_of
from tests.conftest import FIXTURES
from tests.store._datasets import imported_store

TEXTS = [
    "Antony Blinken met Mark Rutte in Brussels. \u201cWe will act,\u201d he said. Prices rose 5% in May.",
    "Olaf Scholz spoke in Berlin on Monday. \u201cThe plan is ready,\u201d Scholz said. Unemployment fell to 3%.",
    "Kaja Kallas visited Tallinn. \u201cWe stand together,\u201d Kallas told reporters. Spending grew by 2%.",
    "Ngozi Okafor wrote from Lagos. \u201cTrade is recovering,\u201d she said on Friday. Exports rose 8%.",
]


def per_article(store: Store, selection: Selection, unresolved: list[int]):
    """The export's items read one article at a time, as store.export did before the bulk reads."""
    for article_id in article_ids_for(store, selection):
        article = store.get_article(article_id)
        if selection.annotator:
            spans, open_differences = store.spans_for(article_id, selection.annotator), 0
            done = selection.annotator in store.done_by(article_id)
        else:
            spans, differences = store.gold_spans(article_id)
            open_differences, done = len(differences), store.gold_done(article_id)
        spans = [s for s in spans if selection.keeps(s)]
        unresolved.append(open_differences)
        kept = {s.id for s in spans}
        links = [l for l in store.links(sorted(kept)) if l["a_span_id"] in kept and l["b_span_id"] in kept]
        story = stories_of(store.db, [article_id]).get(article_id)  # the stored story, one article at a time
        yield dataclasses.replace(article, done=done, story=story), spans, links


def add_articles(store: Store) -> list[int]:
    ids = []
    with transaction(store.db):
        for n, text in enumerate(TEXTS):
            aid = article_rows.insert_article(store.db, {"text": text, "raw": text, "content_hash": f"t{n}",
                                                         "file": f"t{n}.txt", "path": f"/t{n}.txt"})
            first_stop = text.index(".")
            quote = (text.index("\u201c"), text.index("\u201d") + 1)
            claim = (text.rindex(". ") + 2, len(text))
            article_rows.insert_spans(store.db, article_rows.suggestion_rows(aid, [
                Span(0, text.index(" ", text.index(" ") + 1), "PERSON", "entity"),
                Span(text.rindex(" ", 0, first_stop) + 1, first_stop, "GPE", "entity"),
                Span(*quote, "QUOTE", "quote", {"speaker": text.split()[1], "speaker_start": 0, "speaker_end": 5,
                                                "cue": "said"}),
                Span(*claim, "CLAIM", "claim", {"tags": ["statistic"]}),
                Span(claim[0], claim[0] + 6, "ORG", "entity"),
            ], origin="model"))
            ids.append(aid)
    return ids


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> Path:
    """A brat corpus imported (fragments, attributes, relations, events) and
    four model-suggested articles that two annotators judged, agreeing and
    differing, one adding spans, a reviewer deciding some."""
    tmp = tmp_path_factory.mktemp("team")
    path = tmp / "team.db"
    imported_store(path, FIXTURES / "brat_news", expect_problems=True).close()
    ana, ben, rita = (Store.open(path, annotator=who) for who in ("ana", "ben", "rita"))
    first, second, third, fourth = add_articles(ana)
    spans = {aid: ana.spans(aid) for aid in (first, second, third, fourth)}
    person, place, quote, claim, org = spans[first]
    ana.accept(person.id), ben.accept(person.id)                      # agreed
    ana.relabel(place.id, "LOC"), ben.relabel(place.id, "LOC")        # agreed correction
    ana.set_speaker(quote.id, "Blinken", 0, 14), ben.accept(quote.id)  # differ: unresolved
    ana.set_tags(claim.id, ["statistic", "comparison"]), ben.set_tags(claim.id, ["comparison", "statistic"])
    ana.reject(org.id), ben.reject(org.id)                            # agreed: not a span
    added = ana.add_span(first, 10, 14, "entity", "PERSON")           # ana's own; ben done without it
    ana.link(person.id, added.id, "same_quote")
    ana.link(place.id, quote.id, "contradicts")
    ana.mark_done(first), ben.mark_done(first)

    person, place, quote, claim, org = spans[second]
    ana.accept(person.id), ben.reject(person.id)                      # differ, then reviewed
    rita.take_version(person.id, "ben")
    ana.resize(place.id, 12, 18), ben.accept(place.id)                # differ, reviewer's own edit
    rita.review_edit(place.id, label="GPE", status="corrected")
    ana.ignore(quote.id), ben.accept(quote.id)                        # ignored: ben's answer alone
    ana.set_note(claim.id, "check the figure", "3%"), ben.set_verdict(claim.id, "supported")
    ben.add_span(second, 0, 4, "entity", "PERSON")                    # ben's own; ana not done
    ana.link(quote.id, claim.id, "same_claim")
    rita.mark_reviewed(second)

    person, place, quote, claim, org = spans[third]
    ana.accept_many([s.id for s in spans[third]])                     # one annotator: her answers
    ana.relabel(org.id, "GPE")                                        # hers alone: her correction
    ana.reject(place.id)                                              # hers alone: rejected
    ana.mark_done(third)
    ana.link(person.id, quote.id, "same_quote")
    ana.link(quote.id, spans[first][2].id, "same_quote")            # across articles: in neither export
    # the fourth: nobody judged it (suggestions only), but for one span ana ignored (no opinion)
    ana.ignore(spans[fourth][0].id)
    for store in (ana, ben, rita):
        store.close()
    return path


SELECTIONS = [
    Selection(),
    Selection.from_flags(include_suggestions=True, include_rejected=True),
    Selection.from_flags(include_rejected=True, done_only=True),
    Selection.from_flags(annotator="ana", include_rejected=True),
    Selection.from_flags(annotator="ben", include_suggestions=True, include_rejected=True),
    Selection.from_flags(annotator="ana", done_only=True),
    Selection.from_flags(include_suggestions=True, article_ids=[6, 1, 3, 6]),
]


@pytest.mark.parametrize("selection", SELECTIONS, ids=lambda s: f"{s.annotator or 'gold'}-{'+'.join(s.statuses)}"
                         f"{'-done' if s.done_only else ''}{'-ids' if s.article_ids else ''}")
@pytest.mark.parametrize("batch", [1, 2, judgments_bulk.BATCH])
def test_bulk_reads_give_the_per_article_items(team, selection, batch, monkeypatch):
    monkeypatch.setattr(judgments_bulk, "BATCH", batch)
    store = Store.open(team, annotator="ana")
    expected_open: list[int] = []
    expected = list(per_article(store, selection, expected_open))
    got_open: list[int] = []
    got = list(selected(store, selection, got_open))
    assert [a.id for a, _, _ in got] == [a.id for a, _, _ in expected]
    for (article, spans, links), (want_article, want_spans, want_links) in zip(got, expected):
        assert article == want_article
        assert [s.to_dict() for s in spans] == [s.to_dict() for s in want_spans]
        assert spans == want_spans and links == want_links
    assert got_open == expected_open


def test_the_team_database_has_the_cases(team):
    """The comparison above means something: gold, differences, rejections, fragments, links and done marks are there."""
    store = Store.open(team, annotator="ana")
    selection = Selection.from_flags(include_suggestions=True, include_rejected=True)
    unresolved: list[int] = []
    items = list(selected(store, selection, unresolved))
    spans = [s for _, ss, _ in items for s in ss]
    assert {s.status for s in spans} == {"suggested", "accepted", "corrected", "rejected"}
    assert any("," in (s.annotator or "") for s in spans) and any(s.annotator == "rita" for s in spans)
    assert any(len(s.fragments) > 1 for s in spans) and any(s.attrs for s in spans) and any(s.tags for s in spans)
    assert sum(unresolved) >= 2 and sum(len(links) for _, _, links in items) >= 4
    assert {a.done for a, _, _ in items} == {True, False}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_writes_the_same_bytes_from_both_paths(team, fmt, tmp_path):
    store = Store.open(team, annotator="ana")
    selection = Selection.from_flags(include_suggestions=True, include_rejected=True)
    module = format_module(fmt)
    outputs = []
    for name, items in (("one-by-one", per_article(store, selection, [])), ("bulk", selected(store, selection))):
        out = tmp_path / name / ("out" if FORMATS[fmt][1] else f"out{FORMATS[fmt][2]}")
        module.export(items, out, Summary())
        root = out if out.is_dir() else out.parent
        outputs.append({p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()})
    assert outputs[0] and outputs[0] == outputs[1]


def test_a_task_line_is_json_dumps_of_the_task(team):
    """jsonl writes each line by task_line (tokens encoded by Tokens.json): the
    same text as json.dumps of article_record, on every article of the team database."""
    import json

    from store.formats.jsonl import article_record, task_line

    store = Store.open(team, annotator="ana")
    items = list(selected(store, Selection.from_flags(include_suggestions=True, include_rejected=True)))
    assert len(items) >= 6
    for item in items:
        assert task_line(*item) == json.dumps(article_record(*item), ensure_ascii=False)


@pytest.mark.parametrize("text", ['He said "no\\\\" \u2014 \t tab\u2028line \U0001F600 \x01 caf\u00e9 \\"',
                                  "", " ", "One.\n\n  Two  "])
def test_token_json_is_json_dumps_of_the_token_records(text):
    import json

    from store.formats.prodigy import Tokens

    tokens = Tokens(text)
    assert tokens.json() == json.dumps(tokens.records(), ensure_ascii=False)


def test_the_spacy_file_written_doc_by_doc_is_what_docbin_writes(team, tmp_path):
    """spacy_docbin.export streams Docs into DocBinFile; the file must be the
    bytes DocBin.to_bytes gives for the same Docs (and read back by spaCy)."""
    from spacy.tokens import DocBin

    from store.formats import spacy_docbin
    from store.formats.docbin_file import DocBinFile

    store = Store.open(team, annotator="ana")
    selection = Selection.from_flags(include_suggestions=True, include_rejected=True)
    reference = spacy_docbin.make_docbin(selected(store, selection), Summary()).to_bytes()
    spacy_docbin.export(selected(store, selection), tmp_path / "out.spacy", Summary())
    assert (tmp_path / "out.spacy").read_bytes() == reference
    with DocBinFile(tmp_path / "empty.spacy"):
        pass
    assert (tmp_path / "empty.spacy").read_bytes() == DocBin(store_user_data=True).to_bytes()
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy_docbin.blank_nlp().vocab))
    assert len(docs) == len(list(selected(store, selection))) and any(d.ents for d in docs)


def test_docbin_file_matches_docbin_past_the_small_msgpack_headers(tmp_path, monkeypatch):
    """Over 15 Docs (array16 headers) and over 64 KB of token arrays (bin32), poured in small chunks."""
    from spacy.tokens import DocBin

    from store.formats import docbin_file
    from store.formats.spacy_docbin import blank_nlp

    monkeypatch.setattr(docbin_file, "CHUNK", 4096)
    nlp = blank_nlp()
    docs = [nlp.make_doc(" ".join(TEXTS) * (1 + n % 3)) for n in range(20)]
    for n, doc in enumerate(docs):
        doc.set_ents([doc.char_span(0, 6, label="PERSON")])
        doc.user_data[("copydesk_span", "entity", 0, 6)] = {"n": n}
    reference = DocBin(store_user_data=True)
    with docbin_file.DocBinFile(tmp_path / "out.spacy") as out:
        for doc in docs:
            reference.add(doc)
            out.add(doc)
    assert sum(len(d) for d in docs) * len(reference.attrs) * 8 > 1 << 16
    assert (tmp_path / "out.spacy").read_bytes() == reference.to_bytes()


def test_the_docbin_writer_reads_the_encoders_once_and_puts_srsly_back(tmp_path):
    """DocBinFile hands srsly the registered encoders read once (a registry and
    metadata scan per msgpack_dumps otherwise); after the file is written srsly asks again."""
    from srsly import msgpack

    from store.formats.docbin_file import DocBinFile

    with DocBinFile(tmp_path / "empty.spacy"):
        assert "get_all" in vars(msgpack.msgpack_encoders)
    assert "get_all" not in vars(msgpack.msgpack_encoders)
    assert "get_all" not in vars(msgpack.msgpack_decoders)
