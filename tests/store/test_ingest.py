"""Import: files and folders in, cleaned articles and suggestions out;
bad files named with the reason and line; re-imports idempotent."""
from __future__ import annotations

import codecs
import json

import pytest

from store.ingest import import_paths
from tests.conftest import SAMPLE_DATA

ARTICLE = (
    "Minister Jane Okafor opened the new bridge in Lagos on Monday.\n\n"
    "\u201cThis bridge will carry 40,000 cars a day,\u201d Okafor said.\n\n"
    "The project cost $120 million, according to the ministry.\n"
)


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    return d


def run(store, preannotator, *paths):
    return import_paths(store.db, list(paths), preannotator)


def test_sample_folder_imports_five_articles_with_suggestions(store, preannotator):
    report = run(store, preannotator, SAMPLE_DATA)
    assert len(report.added) == 5 and not report.problems
    for summary in store.list_articles():
        assert summary.entities > 0 and summary.suggested > 0
        spans = store.spans(summary.id)
        text = store.get_article(summary.id).text
        assert all(0 <= s.start < s.end <= len(text) for s in spans)


def test_reimport_of_same_content_changes_nothing(store, preannotator, folder):
    (folder / "a.txt").write_text(ARTICLE)
    run(store, preannotator, folder)
    spans_before = store.db.execute("select count(*) from spans").fetchone()[0]
    report = run(store, preannotator, folder)
    assert report.added == [] and report.updated == [] and len(report.unchanged) == 1
    assert store.count_articles() == 1
    assert store.db.execute("select count(*) from spans").fetchone()[0] == spans_before


def test_same_content_in_two_files_is_stored_once(store, preannotator, folder):
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "copy.txt").write_text(ARTICLE)
    report = run(store, preannotator, folder)
    assert len(report.added) == 1 and len(report.unchanged) == 1


def test_changed_file_keeps_reviewed_spans_and_reports_those_gone(store, preannotator, folder):
    path = folder / "a.txt"
    path.write_text(ARTICLE)
    run(store, preannotator, folder)
    article_id = store.list_articles()[0].id
    text = store.get_article(article_id).text
    lagos = next(s for s in store.spans(article_id, kinds=["entity"]) if text[s.start:s.end] == "Lagos")
    store.accept(lagos.id)
    made = store.add_span(article_id, text.index("$120 million"), text.index("$120 million") + 12, "entity", "MONEY")
    path.write_text("Breaking update.\n\n" + ARTICLE.replace("The project cost $120 million, according to the ministry.\n", ""))
    report = run(store, preannotator, folder)
    assert report.updated == [article_id]
    new_text = store.get_article(article_id).text
    kept = store.span(lagos.id)
    assert new_text[kept.start:kept.end] == "Lagos" and kept.status == "accepted"
    assert [(s.span_id, s.text) for s in report.stale] == [(made.id, "$120 million")]
    assert made.id not in [s.id for s in store.spans(article_id)]
    logged = [a for a in store.actions(article_id) if a.action == "stale"]
    assert logged and logged[0].before["label"] == "MONEY"


def test_links_between_spans_that_survive_a_changed_text_survive(store, preannotator, folder):
    """A link is work on its two spans: re-importing a changed text keeps it
    when both spans' words are still there (even suggestions nobody judged),
    at the spans' new offsets; a link to a span whose words are gone goes with it."""
    path = folder / "a.txt"
    path.write_text(ARTICLE)
    run(store, preannotator, folder)
    article_id = store.list_articles()[0].id
    text = store.get_article(article_id).text
    by_text = {text[s.start:s.end]: s for s in store.spans(article_id)}
    quote = next(s for s in store.spans(article_id, kinds=["quote"]))
    lagos, okafor = by_text["Lagos"], next(s for t, s in by_text.items() if t.endswith("Okafor"))
    money = store.add_span(article_id, text.index("$120 million"), text.index("$120 million") + 12, "entity", "MONEY")
    store.accept(lagos.id)
    kept_links = {store.link(quote.id, okafor.id, "same_quote"): (text[quote.start:quote.end], text[okafor.start:okafor.end]),
                  store.link(lagos.id, okafor.id, "contradicts"): ("Lagos", text[okafor.start:okafor.end])}
    gone = store.link(money.id, okafor.id, "contradicts")
    path.write_text("Breaking update.\n\n" + ARTICLE.replace("The project cost $120 million, according to the ministry.\n", ""))
    report = run(store, preannotator, folder)
    assert report.updated == [article_id]
    new_text = store.get_article(article_id).text
    links = {l["id"]: l for l in store.links([s.id for s in store.spans(article_id)])}
    assert set(links) == set(kept_links) and gone not in links
    for link_id, words in kept_links.items():
        a, b = store.span(links[link_id]["a_span_id"]), store.span(links[link_id]["b_span_id"])
        assert (new_text[a.start:a.end], new_text[b.start:b.end]) == words
    # the model's fresh suggestions did not add a second copy of a kept span
    bounds = [(s.start, s.end, s.kind) for s in store.spans(article_id)]
    assert len(bounds) == len(set(bounds))


def test_a_changed_brat_file_brings_its_new_relations_and_keeps_the_old(store, preannotator, folder):
    text = "Jane Okafor met Ken Mori in Lagos.\n"
    ann = "T1\tPERSON 0 11\tJane Okafor\nT2\tPERSON 16 24\tKen Mori\nT3\tGPE 28 33\tLagos\nR1\tMet Arg1:T1 Arg2:T2\t\n"
    (folder / "a.txt").write_text(text)
    (folder / "a.ann").write_text(ann)
    run(store, preannotator, folder)
    article_id = store.list_articles()[0].id
    [(old_link, old_kind)] = [(l["id"], l["kind"]) for l in store.links([s.id for s in store.spans(article_id)])]
    shift = len("Update. ")
    moved = "".join(f"T{n}\t{label} {a + shift} {b + shift}\t{words}\n" for n, label, a, b, words in (
        (1, "PERSON", 0, 11, "Jane Okafor"), (2, "PERSON", 16, 24, "Ken Mori"), (3, "GPE", 28, 33, "Lagos")))
    (folder / "a.txt").write_text("Update. " + text)
    (folder / "a.ann").write_text(moved + "T4\tORG 0 6\tUpdate\nR1\tMet Arg1:T1 Arg2:T2\t\n"
                                  "R2\tLocated Arg1:T2 Arg2:T3\t\nR3\tSource Arg1:T4 Arg2:T1\t\n")
    report = run(store, preannotator, folder)
    assert report.updated == [article_id] and not report.stale
    new_text = store.get_article(article_id).text
    links = store.links([s.id for s in store.spans(article_id)])
    words = {(l["kind"], new_text[store.span(l["a_span_id"]).start:store.span(l["a_span_id"]).end],
              new_text[store.span(l["b_span_id"]).start:store.span(l["b_span_id"]).end]) for l in links}
    assert words == {("Met", "Jane Okafor", "Ken Mori"), ("Located", "Ken Mori", "Lagos"),
                     ("Source", "Update", "Jane Okafor")}
    assert len(links) == 3 and old_kind == "Met" and old_link in {l["id"] for l in links}


def test_every_bad_file_is_named_with_reason_and_the_rest_imported(store, preannotator, folder):
    (folder / "good.txt").write_text(ARTICLE)
    (folder / "empty.txt").write_text("")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes("first line\nsecond line caf\xe9\n".encode("latin-1"))
    lines = [json.dumps({"text": "A good line about the harbour in Oslo that reopened."}), "{not json", json.dumps({"title": "no text"}), json.dumps({"text": "Another good line from Lima.", "meta": {"title": "Lima"}})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    report = run(store, preannotator, folder)
    problems = {(p.file.split("/")[-1], p.line): p.reason for p in report.problems}
    assert problems[("empty.txt", None)] == "empty file"
    assert "binary" in problems[("image.txt", None)]
    assert "not UTF-8" in problems[("latin1.txt", 2)]
    assert "not valid JSON" in problems[("feed.jsonl", 2)]
    assert "text" in problems[("feed.jsonl", 3)]
    assert store.count_articles() == 3  # good.txt and the two good JSONL lines


def test_jsonl_meta_is_kept(store, preannotator, folder):
    (folder / "feed.jsonl").write_text(json.dumps({"text": "The mayor of Lima said the port reopened.", "meta": {"title": "Port reopens", "source": "Andina", "id": "x1"}}) + "\n")
    run(store, preannotator, folder)
    article = store.get_article(store.list_articles()[0].id)
    assert (article.title, article.source, article.meta["id"]) == ("Port reopens", "Andina", "x1")


def test_utf16_file_with_bom_is_read(store, preannotator, folder):
    (folder / "windows.txt").write_bytes(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    report = run(store, preannotator, folder)
    assert len(report.added) == 1
    assert "Okafor" in store.get_article(report.added[0]).text


def test_missing_path_and_unsupported_type_are_reported(store, preannotator, tmp_path):
    odd = tmp_path / "slides.pptx"
    odd.write_bytes(b"PK\x03\x04")
    report = run(store, preannotator, tmp_path / "nowhere", odd)
    reasons = " ".join(str(p) for p in report.problems)
    assert "nowhere: no such file or folder" in reasons
    assert "slides.pptx: unsupported file type .pptx" in reasons


def test_line_breaks_are_normalised_before_offsets_are_taken(store, preannotator, folder):
    (folder / "crlf.txt").write_bytes(ARTICLE.replace("\n", "\r\n").replace("Monday.", "Monday.\u2028").encode())
    run(store, preannotator, folder)
    article = store.get_article(store.list_articles()[0].id)
    assert "\r" not in article.text and "\u2028" not in article.text
    for span in store.spans(article.id, kinds=["entity"]):
        assert article.text[span.start:span.end].strip() == article.text[span.start:span.end]


def test_a_changed_labelled_file_brings_its_done_mark_and_takes_it_back(store, preannotator, folder):
    from store.ingest import IMPORTER

    def task(text: str, answer: str) -> str:
        return json.dumps({"text": text, "spans": [{"start": 9, "end": 20, "label": "PERSON"}], "answer": answer})

    text = "Minister Jane Okafor opened the bridge in Lagos on Monday."
    (folder / "a.jsonl").write_text(task(text, "ignore") + "\n")
    run(store, preannotator, folder)
    article_id = store.list_articles()[0].id
    assert IMPORTER not in store.done_by(article_id)
    (folder / "a.jsonl").write_text(task(text + " It carries cars.", "accept") + "\n")
    report = run(store, preannotator, folder)
    assert report.updated == [article_id]
    assert IMPORTER in store.done_by(article_id)  # the changed file says its annotation is complete
    (folder / "a.jsonl").write_text(task(text + " It carries trucks.", "ignore") + "\n")
    assert run(store, preannotator, folder).updated == [article_id]
    assert IMPORTER not in store.done_by(article_id)
