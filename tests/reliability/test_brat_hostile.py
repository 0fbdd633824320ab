"""A brat folder held to the promises of the other readers (issue 20): an id
defined twice is named (the first kept, relations follow it), a deep
copydesk-meta.jsonl is a named problem (no RecursionError), and an article
over the length limit is refused by name while the rest come in."""
from __future__ import annotations

from tests.reliability.helpers import GOOD, run

JANE = (GOOD.index("Jane"), GOOD.index("Jane") + len("Jane Okafor"))
LAGOS = (GOOD.index("Lagos"), GOOD.index("Lagos") + 5)


def pair(folder, stem: str, text: str, ann: str) -> None:
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    (folder / f"{stem}.ann").write_text(ann, encoding="utf-8")


def test_a_text_bound_id_defined_twice_is_named_and_the_first_kept(store, blank, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    pair(folder, "a", GOOD, f"T1\tPERSON {JANE[0]} {JANE[1]}\tJane Okafor\n"
                           f"T2\tGPE {LAGOS[0]} {LAGOS[1]}\tLagos\n"
                           f"T1\tORG {LAGOS[0]} {LAGOS[1]}\tLagos\n"
                           "R1\tIn Arg1:T1 Arg2:T2\n"
                           "R1\tNear Arg1:T2 Arg2:T1\n")
    report = run(store, blank, folder)
    named = sorted((p.line, p.reason) for p in report.problems)
    assert [line for line, _ in named] == [3, 5]
    assert "T1 is defined twice (first on line 1)" in named[0][1]
    assert "R1 is defined twice" in named[1][1]
    (article,) = store.article_ids()
    spans = {s.id: (s.label, s.start) for s in store.spans(article)}
    assert sorted(spans.values()) == sorted([("PERSON", JANE[0]), ("GPE", LAGOS[0])])
    [link] = store.links(list(spans))
    assert (spans[link["a_span_id"]][0], spans[link["b_span_id"]][0], link["kind"]) == ("PERSON", "GPE", "In")


def test_a_deeply_nested_metadata_line_is_named_and_the_articles_come_in(store, blank, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    pair(folder, "a", GOOD, f"T1\tPERSON {JANE[0]} {JANE[1]}\tJane Okafor\n")
    (folder / "copydesk-meta.jsonl").write_text(
        '{"document": "a", "title": "Bridge"}\n' + '{"document": "b", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
        encoding="utf-8")
    report = run(store, blank, folder)
    [problem] = report.problems
    assert problem.file.endswith("copydesk-meta.jsonl") and problem.line == 2 and "nested" in problem.reason
    (article,) = store.list_articles()
    assert article.title == "Bridge"


def test_a_brat_article_over_the_length_limit_is_refused_by_name(store, blank, tmp_path):
    from store.ingest import MAX_ARTICLE_CHARS

    folder = tmp_path / "corpus"
    folder.mkdir()
    pair(folder, "a", GOOD, f"T1\tPERSON {JANE[0]} {JANE[1]}\tJane Okafor\n")
    long_text = ("Minister Jane Okafor opened the bridge in Lagos on Monday. " * 20_000)[:1_175_000] + "\n"
    assert len(long_text) > MAX_ARTICLE_CHARS
    pair(folder, "big", long_text, "T1\tPERSON 9 20\tJane Okafor\n")
    report = run(store, blank, folder)
    [problem] = report.problems
    assert problem.file.endswith("big.txt") and "1,175,001 characters" in problem.reason
    assert len(store.article_ids()) == 1


def test_a_brat_file_over_the_size_limit_is_not_read(store, blank, tmp_path):
    from store.reading import MAX_FILE_BYTES

    folder = tmp_path / "corpus"
    folder.mkdir()
    pair(folder, "a", GOOD, f"T1\tPERSON {JANE[0]} {JANE[1]}\tJane Okafor\n")
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing written, only its size is looked at
    (folder / "huge.ann").write_text("", encoding="utf-8")
    report = run(store, blank, folder)
    [problem] = report.problems
    assert problem.file.endswith("huge.txt") and "MB" in problem.reason and "limit" in problem.reason
    assert len(store.article_ids()) == 1
