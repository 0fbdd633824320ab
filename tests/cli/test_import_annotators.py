"""Labelled imports are their annotator's judgments (store.formats.who).

tests/fixtures/two_annotators/{ana,ben}.jsonl label the texts of
sample_data/000_... and 001_... (Prodigy-style lines, "answer": "accept",
no annotator named): ben labels EU GPE and the White House FAC where ana has
ORG, leaves out Mark Rutte and TURAN, adds Washington and Biden.
"""
from __future__ import annotations

import json
from pathlib import Path

from store import Store
from store.records import IMPORTER
from tests.store._datasets import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "two_annotators"
ANA, BEN = FIXTURES / "ana.jsonl", FIXTURES / "ben.jsonl"


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _import(db: Path, *args) -> str:
    result = cli("import", *args, "--db", db)
    assert result.exit_code == 0, result.output
    return result.output


def _agreement(db: Path) -> dict:
    result = cli("agreement", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _f1_exact_of_fixtures() -> float:
    ana = {(n, s["start"], s["end"], s["label"]) for n, line in enumerate(_lines(ANA)) for s in line["spans"]}
    ben = {(n, s["start"], s["end"], s["label"]) for n, line in enumerate(_lines(BEN)) for s in line["spans"]}
    return 2 * len(ana & ben) / (len(ana) + len(ben))


def test_two_files_by_two_annotators_are_compared_on_the_same_articles(tmp_path):
    db = tmp_path / "t.db"
    _import(db, ANA, "--annotator", "ana")
    _import(db, BEN, "--annotator", "ben")
    store = Store.open(db, "reader")
    assert len(store.article_ids()) == 2  # matched by content: no copies
    for article_id in store.article_ids():
        assert store.annotators(article_id) == ["ana", "ben"]
        assert store.done_by(article_id) == {"ana", "ben"}
    report = _agreement(db)
    assert report["annotators"] == ["ana", "ben"]
    (pair,) = report["pairs"]
    assert pair["annotators"] == ["ana", "ben"] and pair["articles"] == 2
    assert abs(pair["overall"]["f1_exact"]["value"] - _f1_exact_of_fixtures()) < 1e-9
    assert 0.5 < pair["overall"]["kappa"]["value"] < 1.0  # real disagreements, not a perfect match


def test_review_lists_the_two_annotators_differences(tmp_path):
    db = tmp_path / "t.db"
    _import(db, ANA, "--annotator", "ana")
    _import(db, BEN, "--annotator", "ben")
    store = Store.open(db, "reader")
    first = store.article_ids()[0]
    text = store.get_article(first).text
    differing = {(text[d.start:d.end], d.label) for d in store.differences(first)}
    assert ("White House", "ORG") in differing and ("White House", "FAC") in differing
    assert ("Mark Rutte", "PERSON") in differing  # ana's, ben finished without it
    assert ("Antony Blinken", "PERSON") not in differing  # both have it


def test_reimporting_a_second_annotators_file_is_unchanged(tmp_path):
    db = tmp_path / "t.db"
    _import(db, ANA, "--annotator", "ana")
    _import(db, BEN, "--annotator", "ben")
    assert "0 new, 0 updated, 2 unchanged" in _import(db, BEN, "--annotator", "ben")
    assert "0 new, 0 updated, 2 unchanged" in _import(db, ANA, "--annotator", "ana")


def test_identical_labels_by_another_annotator_are_their_judgments_too(tmp_path):
    db = tmp_path / "t.db"
    _import(db, ANA, "--annotator", "ana")
    _import(db, ANA, "--annotator", "ben")
    (pair,) = _agreement(db)["pairs"]
    assert pair["overall"]["f1_exact"]["value"] == 1.0 and pair["overall"]["kappa"]["value"] == 1.0


def test_without_a_name_the_labels_stay_the_importers(tmp_path):
    db = tmp_path / "t.db"
    _import(db, ANA)
    store = Store.open(db, "reader")
    assert store.annotators() == [IMPORTER]


def test_prodigy_annotator_id_names_the_annotator(tmp_path):
    db = tmp_path / "t.db"
    ana = _write(tmp_path / "a.jsonl", [{**line, "_annotator_id": "news_ner-ana"} for line in _lines(ANA)])
    ben = _write(tmp_path / "b.jsonl", [{**line, "_annotator_id": "news_ner-ben"} for line in _lines(BEN)])
    _import(db, ana, "--annotator", "ignored-when-the-file-names-one")
    _import(db, ben)
    assert _agreement(db)["annotators"] == ["news_ner-ana", "news_ner-ben"]


def _doccano(path: Path, user=None) -> list[dict]:
    return [{"id": n, "text": line["text"], **({"user": user} if user is not None else {}),
             "label": [[s["start"], s["end"], s["label"]] for s in line["spans"]]}
            for n, line in enumerate(_lines(path))]


def test_doccano_user_names_the_annotator(tmp_path):
    db = tmp_path / "t.db"
    doccano = _doccano
    _import(db, _write(tmp_path / "a.jsonl", doccano(ANA, "ana")))
    _import(db, _write(tmp_path / "b.jsonl", doccano(BEN, 7)))  # doccano's numeric user id
    report = _agreement(db)
    assert report["annotators"] == ["7", "ana"]
    assert abs(report["pairs"][0]["overall"]["f1_exact"]["value"] - _f1_exact_of_fixtures()) < 1e-9


def test_spans_naming_their_annotators_become_each_ones_judgments(tmp_path):
    db = tmp_path / "t.db"
    ana, ben = _lines(ANA)[0], _lines(BEN)[0]
    both = {"text": ana["text"], "answer": "accept",
            "spans": [{**s, "annotator": "ana"} for s in ana["spans"]] + [{**s, "annotator": "ben"} for s in ben["spans"]]}
    path = _write(tmp_path / "both.jsonl", [both])
    assert "imported 1 new" in _import(db, path)
    store = Store.open(db, "reader")
    (article_id,) = store.article_ids()
    assert store.annotators(article_id) == ["ana", "ben"]
    assert "0 new, 0 updated, 2 unchanged" in _import(db, path)  # one line, two annotators' labels


def test_a_bad_annotator_field_names_file_line_and_field_and_the_rest_comes_in(tmp_path):
    db = tmp_path / "t.db"
    lines = _lines(ANA)
    bad_line = {**lines[0], "_annotator_id": ["ana"]}
    bad_span = {**lines[1], "spans": [{**lines[1]["spans"][0], "annotator": "ana smith"}, *lines[1]["spans"][1:]]}
    path = _write(tmp_path / "bad.jsonl", [bad_line, bad_span, {**lines[0], "_annotator_id": "ana"}])
    result = cli("import", path, "--db", db)
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert len(problems) == 2
    assert f"{path}:1:" in problems[0] and '"_annotator_id"' in problems[0]
    assert f"{path}:2:" in problems[1] and '"annotator"' in problems[1] and "'ana smith'" in problems[1]
    assert "imported 1 new" in result.output
    assert Store.open(db, "reader").annotators() == ["ana"]


def test_a_bad_annotator_option_is_refused_in_one_line(tmp_path):
    result = cli("import", ANA, "--db", tmp_path / "t.db", "--annotator", "ana+ben")
    assert result.exit_code == 2
    assert "--annotator 'ana+ben'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "t.db").exists()


def _brat_folder(folder: Path, source: Path) -> Path:
    folder.mkdir()
    for n, line in enumerate(_lines(source)):
        (folder / f"doc{n}.txt").write_text(line["text"], encoding="utf-8")
        (folder / f"doc{n}.ann").write_text("".join(
            f"T{i}\t{s['label']} {s['start']} {s['end']}\t{line['text'][s['start']:s['end']]}\n"
            for i, s in enumerate(line["spans"], start=1)), encoding="utf-8")
    return folder


def test_brat_folders_by_two_annotators_are_compared(tmp_path):
    """brat has no "done": a named annotator's .ann is their finished annotation of the text."""
    db = tmp_path / "t.db"
    _import(db, _brat_folder(tmp_path / "ana", ANA), "--annotator", "ana")
    _import(db, _brat_folder(tmp_path / "ben", BEN), "--annotator", "ben")
    store = Store.open(db, "reader")
    assert len(store.article_ids()) == 2
    assert all(store.done_by(a) == {"ana", "ben"} for a in store.article_ids())
    (pair,) = _agreement(db)["pairs"]
    assert pair["articles"] == 2
    assert abs(pair["overall"]["f1_exact"]["value"] - _f1_exact_of_fixtures()) < 1e-9


def test_brat_without_a_name_marks_nothing_done(tmp_path):
    db = tmp_path / "t.db"
    _import(db, _brat_folder(tmp_path / "ana", ANA))
    store = Store.open(db, "reader")
    assert all(store.done_by(a) == set() for a in store.article_ids())
    assert store.annotators() == [IMPORTER]


def test_doccano_files_named_on_the_command_line_are_their_annotators_finished_work(tmp_path):
    db = tmp_path / "t.db"
    _import(db, _write(tmp_path / "a.jsonl", _doccano(ANA)), "--annotator", "ana")
    _import(db, _write(tmp_path / "b.jsonl", _doccano(BEN)), "--annotator", "ben")
    store = Store.open(db, "reader")
    assert all(store.done_by(a) == {"ana", "ben"} for a in store.article_ids())
    assert abs(_agreement(db)["pairs"][0]["overall"]["f1_exact"]["value"] - _f1_exact_of_fixtures()) < 1e-9
