"""Files that used to stop the import with a traceback, or were passed over
without a word: each is now a problem naming the file, the line and the
reason, and the rest of the run is imported (store/reading.py)."""
from __future__ import annotations

import codecs
import json
import os
import tracemalloc

import pytest

from store import Store
from store.ingest import import_paths
from store.reading import MAX_JSONL_LINE_BYTES
from tests.reliability.helpers import GOOD, run


def good_line(n: int) -> str:
    return json.dumps({"text": f"{GOOD} Article {n}.", "meta": {"title": f"Good {n}"}})


def titles(store):
    return sorted(a.title for a in store.list_articles(limit=1000))


def write_jsonl(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_hostile_json_lines_are_named_with_their_line_and_the_rest_imported(store, blank, tmp_path):
    path = tmp_path / "feed.jsonl"
    write_jsonl(path, [
        good_line(1),
        '{"text": "Big number.", "meta": {"n": ' + "7" * 5000 + "}}",
        '{"text": "Deep.", "meta": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}",
        '{"text": "A lone \\ud800 surrogate in the text."}',
        '{"text": "Fine text.", "meta": {"title": "half a pair \\udc00 here"}}',
        good_line(6),
    ])
    report = run(store, blank, path)
    by_line = {p.line: p for p in report.problems}
    assert set(by_line) == {2, 3, 4, 5}
    assert all(p.file == str(path) for p in report.problems)
    assert "5,000 digits" in by_line[2].reason
    assert "nested" in by_line[3].reason
    assert "surrogate" in by_line[4].reason and "surrogate" in by_line[5].reason
    assert titles(store) == ["Good 1", "Good 6"]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"])
def test_nan_and_infinity_are_refused_so_every_stored_meta_is_valid_json(store, blank, tmp_path, value):
    path = tmp_path / "numbers.jsonl"
    write_jsonl(path, [good_line(1), '{"text": "Score.", "meta": {"score": ' + value + "}}"])
    report = run(store, blank, path)
    [problem] = report.problems
    assert problem.line == 2 and ("Infinity" in problem.reason or "NaN" in problem.reason)
    # SQLite's JSON functions accept every meta copydesk stored.
    rows = store.db.execute("select json_extract(meta, '$.title'), json_valid(meta) from articles").fetchall()
    assert rows == [("Good 1", 1)]


@pytest.mark.parametrize("meta, kind", [('"a string"', "a string"), ("[1, 2]", "a list"), ("42", "a number")])
def test_meta_that_is_not_an_object_is_a_named_problem(store, blank, tmp_path, meta, kind):
    path = tmp_path / "meta.jsonl"
    write_jsonl(path, [f'{{"text": "Some article text.", "meta": {meta}}}', good_line(2)])
    report = run(store, blank, path)
    [problem] = report.problems
    assert problem.line == 1 and '"meta" must be an object' in problem.reason and kind in problem.reason
    assert titles(store) == ["Good 2"]


def test_a_200_mb_jsonl_line_is_refused_in_bounded_memory_and_the_next_line_imported(store, blank, tmp_path):
    path = tmp_path / "giant.jsonl"
    chunk = b"word " * 200_000  # 1 MB
    with path.open("wb") as fh:
        fh.write((good_line(1) + "\n").encode())
        fh.write(b'{"text": "')
        for _ in range(200):
            fh.write(chunk)
        fh.write(b'"}\n')
        fh.write((good_line(3) + "\n").encode())
    try:
        tracemalloc.start()
        report = run(store, blank, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        path.unlink()
    [problem] = report.problems
    assert problem.line == 2 and "200.0 MB" in problem.reason
    assert titles(store) == ["Good 1", "Good 3"]
    assert peak < 3 * MAX_JSONL_LINE_BYTES  # never the 200 MB line whole (842 MB before)


def test_a_symlink_loop_is_named_and_the_folder_imported_once(store, blank, tmp_path):
    top = tmp_path / "news"
    (top / "inner").mkdir(parents=True)
    (top / "inner" / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(top, top / "inner" / "back")  # news/inner/back -> news
    os.symlink(tmp_path / "gone", top / "dangling.txt")
    report = run(store, blank, top)
    assert len(report.added) == 1
    reasons = {os.path.basename(p.file): p.reason for p in report.problems}
    assert "loop" in reasons["back"]
    assert "broken symbolic link" in reasons["dangling.txt"]


def test_an_unreadable_sub_folder_is_named_and_the_rest_imported(store, blank, tmp_path, monkeypatch):
    top = tmp_path / "news"
    (top / "locked").mkdir(parents=True)
    (top / "locked" / "b.txt").write_text(GOOD + "B.", encoding="utf-8")
    (top / "a.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # as if chmod 000 (the tests may run as root, whom it does not stop)
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = run(store, blank, top)
    [problem] = report.problems
    assert problem.file == str(top / "locked") and "cannot read this folder: Permission denied" in problem.reason
    assert len(report.added) == 1


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_as_text(store, blank, tmp_path, codec):
    text = GOOD + "Se\u00f1or Ca\u00f1\u00f3n, \u0142\u00f3d\u017a and \u201csmart quotes\u201d.\n"
    (tmp_path / "wide.txt").write_bytes(text.encode(codec))
    (tmp_path / "wide.jsonl").write_bytes((json.dumps({"text": text + "J"}, ensure_ascii=False) + "\n").encode(codec))
    report = run(store, blank, tmp_path / "wide.txt", tmp_path / "wide.jsonl")
    assert not report.problems and len(report.added) == 2
    assert all("Ca\u00f1\u00f3n" in store.get_article(i).text for i in report.added)


def test_utf16_with_a_bom_still_reads_in_jsonl(store, blank, tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + (good_line(1) + "\n").encode("utf-16-le"))
    assert not run(store, blank, path).problems and titles(store) == ["Good 1"]


def test_html_nested_very_deep_and_html_that_is_plain_text_get_a_reason(store, blank, tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 300 + f"<p>{GOOD}</p>" + "</div>" * 300 + "</body></html>", encoding="utf-8")
    plain = tmp_path / "plain.html"
    plain.write_text(GOOD * 3, encoding="utf-8")
    report = run(store, blank, deep, plain)
    reasons = {os.path.basename(p.file): p.reason for p in report.problems}
    assert "nested too deep" in reasons["deep.html"]
    assert "no HTML markup" in reasons["plain.html"] and ".txt" in reasons["plain.html"]


def test_a_folder_of_csv_files_says_what_it_skipped(store, blank, tmp_path):
    folder = tmp_path / "sheets"
    folder.mkdir()
    for name in ("a.csv", "b.csv", "c.pdf"):
        (folder / name).write_text("x,y\n1,2\n", encoding="utf-8")
    report = run(store, blank, folder)
    [problem] = report.problems
    assert problem.file == str(folder) and "2 .csv" in problem.reason and "1 .pdf" in problem.reason
    # Beside articles, other files are a note, not a failure.
    (folder / "story.txt").write_text(GOOD, encoding="utf-8")
    report = run(store, blank, folder)
    assert not report.problems and len(report.added) == 1
    assert report.notes and "3 files of other types" in report.notes[0]


def test_a_concurrent_duplicate_refused_by_a_unique_index_is_counted_as_already_imported(tmp_path, blank):
    """Two imports of the same files at once: the second finds nothing stored
    when it plans, then the first stores the articles before it writes."""
    db = tmp_path / "shared.db"
    first, second = Store.open(db), Store.open(db)
    # As the schema migration adds it; created here so the test stands alone.
    first.db.execute("create unique index if not exists articles_content_hash_unique on articles(content_hash)")
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"{GOOD} Number {n}.", encoding="utf-8")

    class Racing:
        """The model's step of the second import, with the first import
        landing while it runs (after plan() found nothing stored)."""

        def suggest(self, texts, batch_size=32, n_process=1):
            texts = list(texts)
            import_paths(first.db, [folder], blank)
            return blank.suggest(texts, batch_size=batch_size, n_process=n_process)

    racing = Racing()
    report = import_paths(second.db, [folder], racing)
    assert report.added == [] and len(report.unchanged) == 3 and not report.problems
    assert second.db.execute("select count(*), count(distinct content_hash) from articles").fetchone() == (3, 3)
    first.close()
    second.close()
