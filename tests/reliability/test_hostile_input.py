"""Hostile and broken input through the importer, the store and the jsonl
export: nothing crashes the import, every refusal names the file (and line)
with a reason, and what is kept is kept exactly."""
from __future__ import annotations

import codecs
import json
import os
import tracemalloc

import pytest

from annotators.clean import normalise_text
from store.formats import jsonl
from store.ingest import MAX_ARTICLE_CHARS, MAX_FILE_BYTES
from tests.reliability.helpers import GOOD, run


def problems_by_file(report):
    return {os.path.basename(p.file): p for p in report.problems}


def only_article(store):
    [summary] = store.list_articles()
    return store.get_article(summary.id)


def export_record(store, article_id):
    """The jsonl line copydesk writes for one article, parsed back."""
    article = store.get_article(article_id)
    spans = store.spans(article_id)
    line = json.dumps(jsonl.article_record(article, spans, []), ensure_ascii=False)
    return json.loads(line)


# --- files that are not article text ------------------------------------------------


def test_a_folder_of_broken_files_names_each_and_imports_the_good_one(store, blank, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (d / "noise.txt").write_bytes(bytes((i * 37 + 11) % 256 for i in range(5000)))
    (d / "latin1.txt").write_bytes("Line one.\nSe\u00f1or Ca\u00f1\u00f3n said so.\n".encode("latin-1"))
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.md").write_bytes(b"  \n\n\t \n")
    report = run(store, blank, d)

    assert len(report.added) == 1 and only_article(store).file == "good.txt"
    by_file = problems_by_file(report)
    assert set(by_file) == {"image.txt", "noise.txt", "latin1.txt", "empty.txt", "blank.md"}
    assert "binary" in by_file["image.txt"].reason and "binary" in by_file["noise.txt"].reason
    assert "UTF-8" in by_file["latin1.txt"].reason and by_file["latin1.txt"].line == 2
    assert "empty" in by_file["empty.txt"].reason and "empty" in by_file["blank.md"].reason


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_imports_with_offsets_into_the_decoded_text(store, blank, tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + GOOD.replace("\n", "\r\n").encode(codec))
    report = run(store, blank, path)
    assert not report.problems and len(report.added) == 1
    article = only_article(store)
    assert "\ufeff" not in article.text and "\r" not in article.text
    assert "Jane Okafor" in article.text
    for span in store.spans(article.id):
        assert 0 <= span.start < span.end <= len(article.text)


def test_a_50_mb_single_line_file_is_refused_without_reading_it(store, blank, tmp_path):
    path = tmp_path / "huge.txt"
    chunk = b"word " * 200_000  # 1 MB, no newline anywhere
    with path.open("wb") as fh:
        for _ in range(50):
            fh.write(chunk)
    assert path.stat().st_size == 50_000_000 > MAX_FILE_BYTES
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")

    tracemalloc.start()
    try:
        report = run(store, blank, path, tmp_path / "ok.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [problem] = report.problems
    assert problem.file.endswith("huge.txt")
    assert "50.0 MB" in problem.reason and "limit" in problem.reason and ".jsonl" in problem.reason
    assert len(report.added) == 1
    assert peak < 20_000_000  # the 50 MB were never loaded


def test_an_overlong_article_in_jsonl_is_refused_and_the_rest_imported(store, blank, tmp_path):
    path = tmp_path / "mixed.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": GOOD}) + "\n")
        fh.write(json.dumps({"text": "word " * (MAX_ARTICLE_CHARS // 5 + 1)}) + "\n")
        fh.write(json.dumps({"text": GOOD + "More."}) + "\n")
    report = run(store, blank, path)
    [problem] = report.problems
    assert problem.line == 2 and "characters" in problem.reason
    assert len(report.added) == 2


def test_one_broken_jsonl_line_is_named_and_the_good_lines_are_imported(store, blank, tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": GOOD, "meta": {"title": "One"}}),
        '{"text": "Unterminated string, "meta": {}',
        json.dumps({"text": GOOD + " Two.", "meta": {"title": "Two"}}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": GOOD + " Three.", "meta": {"title": "Three"}}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run(store, blank, path)
    assert sorted(p.line for p in report.problems) == [2, 4]
    assert "JSON" in next(p for p in report.problems if p.line == 2).reason
    assert sorted(a.title for a in store.list_articles()) == ["One", "Three", "Two"]


# --- text that is hostile to terminals, SQL or offsets ------------------------------

MARKUP = "[bold red]Breaking[/] news [@click=app.quit]quit[/] and [link=file:///etc/passwd]x[/link] \\[escaped]"
ESCAPES = "\x1b[2J\x1b[H cleared \x1b]52;c;ZXZpbA==\x07 clipboard \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ end"


def test_rich_markup_and_terminal_escapes_are_stored_and_exported_exactly(store, blank, tmp_path):
    text = f"{GOOD}\n{MARKUP}\n\n{ESCAPES}\n"
    title = "[b]Title[/b] \x1b]0;pwned\x07"
    path = tmp_path / "markup.jsonl"
    path.write_text(json.dumps({"text": text, "meta": {"title": title, "source": MARKUP}}) + "\n", encoding="utf-8")
    report = run(store, blank, path)
    assert not report.problems
    article = only_article(store)
    # The file's text is kept verbatim; the annotated text is the cleaner's
    # normal form (control characters dropped), with the markup untouched.
    assert article.raw == text
    assert article.text == normalise_text(text)
    assert MARKUP in article.text and "]52;c;ZXZpbA==" in article.text
    assert article.title == title and article.source == MARKUP

    start = article.text.index("[bold red]")
    span = store.add_span(article.id, start, start + len("[bold red]Breaking[/]"), "entity", "[red]ORG[/red]",
                          note=ESCAPES + MARKUP)
    assert store.span(span.id).note == ESCAPES + MARKUP and store.span(span.id).label == "[red]ORG[/red]"
    record = export_record(store, article.id)
    assert record["text"] == article.text
    assert record["meta"]["title"] == title and record["meta"]["source"] == MARKUP
    [entity] = [s for s in record["spans"] if s["label"] == "[red]ORG[/red]"]
    assert record["text"][entity["start"]:entity["end"]] == "[bold red]Breaking[/]"


def test_nul_bytes_are_kept_in_the_raw_text_and_never_break_offsets(store, blank, tmp_path):
    text = "Jane\x00 Okafor opened the bridge.\n\nIt cost $12 million\x00, she said.\n"
    path = tmp_path / "nul.txt"
    path.write_bytes(text.encode("utf-8"))
    report = run(store, blank, path)
    assert not report.problems
    article = only_article(store)
    assert article.raw == text  # NUL survives SQLite both ways
    assert "\x00" not in article.text and "It cost $12 million, she said." in article.text
    at = article.text.index("$12 million")
    span = store.add_span(article.id, at, at + 11, "entity", "MONEY", note="a\x00b")
    assert store.span(span.id).note == "a\x00b"
    assert article.text[span.start:span.end] == "$12 million"


def test_rtl_combining_and_emoji_offsets_match_spacy_token_offsets(store, preannotator, nlp, tmp_path):
    text = (
        "Minister Jane Okafor \U0001F469\u200D\U0001F469\u200D\U0001F467 met Ahmed Hassan in \u0627\u0644\u0642\u0627\u0647\u0631\u0629 "
        "on Monday \U0001F1EA\U0001F1EC.\n\n"
        "\u201cWe will build 40 bridges \U0001F309,\u201d said Zoe\u0308 Mu\u0308ller of the Ministry of Transport.\n\n"
        "\u05e9\u05dc\u05d5\u05dd and cafe\u0301 owners in Paris cheered; the project cost $120 million.\n"
    )
    path = tmp_path / "scripts.jsonl"
    path.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    report = run(store, preannotator, path)
    assert not report.problems
    article = only_article(store)
    stored = article.text
    assert stored == normalise_text(text)  # NFC: "Zoe\u0308" became one character
    assert "Zo\u00eb" in stored and "\u0627\u0644\u0642\u0627\u0647\u0631\u0629" in stored

    doc = nlp(stored)
    # Entities are stored at spaCy's own character offsets (Python string indices).
    expected = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    got = {(s.start, s.end, s.label) for s in store.spans(article.id, kinds=["entity"])}
    assert got == expected and got
    # Spans made on token boundaries (token.idx) point at exactly those tokens.
    for token in doc:
        if token.text in ("\U0001F309", "\u0627\u0644\u0642\u0627\u0647\u0631\u0629", "Zo\u00eb", "\u05e9\u05dc\u05d5\u05dd"):
            span = store.add_span(article.id, token.idx, token.idx + len(token.text), "entity", "MISC")
            assert stored[span.start:span.end] == token.text
    # And the export's tokens and spans agree with the text.
    record = export_record(store, article.id)
    for tok in record["tokens"]:
        assert record["text"][tok["start"]:tok["end"]] == tok["text"]
    made = [s for s in record["spans"] if s["label"] == "MISC"]
    assert len(made) == 4
    for s in made:
        assert record["tokens"][s["token_start"]]["start"] == s["start"]
        assert record["tokens"][s["token_end"]]["end"] == s["end"]


SQL = "'); DROP TABLE spans;--"


def test_labels_notes_and_searches_with_sql_metacharacters_are_plain_data(store, blank, tmp_path):
    path = tmp_path / "it's \"quoted\"; DROP TABLE articles;--.txt"
    path.write_text(GOOD, encoding="utf-8")
    run(store, blank, path)
    article = only_article(store)
    assert store.find_articles_by_file(path.name) == [article.id]

    span = store.add_span(article.id, 0, 8, "claim", SQL, note='Robert"); DELETE FROM actions; --', tags=[SQL, "a'b"])
    store.relabel(span.id, '"; UPDATE spans SET label = \'x\'; --')
    store.set_note(span.id, SQL, normalized="%_' OR 1=1 --")
    store.set_verdict(span.id, "\\'; --")
    kept = store.span(span.id)
    assert kept.label == '"; UPDATE spans SET label = \'x\'; --'
    assert kept.note == SQL and kept.normalized == "%_' OR 1=1 --" and kept.verdict == "\\'; --"
    assert kept.tags == (SQL, "a'b")
    tables = {r[0] for r in store.db.execute("select name from sqlite_master where type = 'table'")}
    assert {"articles", "spans", "actions", "links"} <= tables
    assert store.db.execute("select count(*) from actions").fetchone()[0] == 4

    for query in (SQL, '"', "NEAR(", "AND OR NOT", "*", "bridge' OR '1'='1", "Okafor)", "col:value", "\x00"):
        assert store.count_articles(query) in (0, 1)
        store.list_articles(query=query)
    assert store.count_articles("Okafor") == 1

    store.undo()
    assert store.span(span.id).verdict is None
    record = export_record(store, article.id)
    [claim] = [c for c in record["claims"] if c["start"] == span.start and c["end"] == span.end]
    assert claim["label"] == '"; UPDATE spans SET label = \'x\'; --' and claim["note"] == SQL


def test_jsonl_lines_holding_unicode_line_separators_stay_one_article_each(store, blank, tmp_path):
    # json.dumps(ensure_ascii=False) writes U+2028, U+2029, U+0085 and \x1c-\x1e
    # raw inside strings; only "\n" ends a JSON line.
    path = tmp_path / "seps.jsonl"
    titles = ["a\u2028b", "c\u2029d", "e\x85f", "g\x1ch"]
    with path.open("w", encoding="utf-8") as fh:
        for i, title in enumerate(titles):
            fh.write(json.dumps({"text": f"{GOOD} {i}", "meta": {"title": title}}, ensure_ascii=False) + "\n")
    report = run(store, blank, path)
    assert not report.problems
    assert sorted(a.title for a in store.list_articles()) == sorted(titles)
