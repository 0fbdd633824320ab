"""`copydesk compare` and `copydesk stories` through the Typer app (CliRunner),
on sample_data imported with the real import."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from store import Store
from tests.compare_fixtures import ANNOTATOR, FIRM_A, FIRM_B, build_sample_db, copy_db
from tui.cli import app

runner = CliRunner()


@pytest.fixture(scope="session")
def compare_template(tmp_path_factory, nlp) -> Path:
    return build_sample_db(tmp_path_factory.mktemp("compare-cli") / "sample.db", nlp)


@pytest.fixture
def db(compare_template, tmp_path) -> Path:
    return copy_db(compare_template, tmp_path)


def run(*args) -> Result:
    result = runner.invoke(app, [str(a) for a in args])
    return result


def run_json(*args) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ids(db: Path, *files: str) -> list[int]:
    store = Store.open(db)
    try:
        return [store.find_articles_by_file(f)[0] for f in files]
    finally:
        store.close()


def firm_group(out: dict) -> dict:
    (group,) = [q for q in out["quotes"] if any("firm response" in m["text"] for m in q["members"])]
    return group


# --------------------------------------------------------------------------- compare


def test_two_reports_pair_the_firm_response_quote_with_its_difference(db):
    out = run_json("compare", FIRM_A, FIRM_B, "--db", db)
    assert list(out) == ["articles", "entities", "quotes", "figures", "links"]
    a, b = ids(db, FIRM_A, FIRM_B)
    assert [x["id"] for x in out["articles"]] == [a, b]
    assert [x["file"] for x in out["articles"]] == [FIRM_A, FIRM_B]
    group = firm_group(out)
    assert {m["article"] for m in group["members"]} == {a, b}
    assert ["replace", "get", "receive"] in group["diff"]
    assert group["speaker"] == "Antony Blinken"
    assert set(group["members"][0]) == {"article", "start", "end", "text", "speaker"}
    assert out["quotes"][0] is not None and firm_group(out) == out["quotes"][0]  # shared quotes first
    assert out["links"] == []
    # Offsets are into the stored text.
    store = Store.open(db)
    for m in group["members"]:
        assert store.get_article(m["article"]).text[m["start"]:m["end"]] == m["text"]
    store.close()


def test_entities_group_spellings_across_outlets(db):
    out = run_json("compare", "1", "2", "3", "4", "5", "--db", db)
    assert set(out["entities"][0]) >= {"name", "variants", "in"}
    (sybiha,) = [e for e in out["entities"] if "Andrii Sybiha" in e["variants"]]
    assert "Andriy Sybiga" in sybiha["variants"] and len(sybiha["in"]) >= 2
    (blinken,) = [e for e in out["entities"] if e["name"] == "Antony Blinken"]
    assert "Blinken" in blinken["variants"] and len(blinken["in"]) == 5
    money = [f for f in out["figures"] if f["kind"] == "money" and f["conflict"]]
    assert any({m["text"] for m in f["members"]} == {"$8 billion", "over $6 billion"} for f in money)


def test_stored_links_between_the_compared_articles_are_listed(db):
    out = run_json("compare", FIRM_A, FIRM_B, "--db", db)
    a, b = firm_group(out)["members"]
    store = Store.open(db, annotator=ANNOTATOR)
    span_a = next(s for s in store.spans(a["article"], ["quote"]) if s.start <= a["start"] and a["end"] <= s.end)
    span_b = next(s for s in store.spans(b["article"], ["quote"]) if s.start <= b["start"] and b["end"] <= s.end)
    link_id = store.link(span_a.id, span_b.id, "same_quote")
    # A link to an article outside the comparison is not listed.
    other = store.find_articles_by_file("000_bd3c123d996fe42b.txt")[0]
    outside = store.spans(other, ["entity"])[0]
    store.link(span_a.id, outside.id, "same_claim")
    store.close()
    out = run_json("compare", FIRM_A, FIRM_B, "--db", db)
    (link,) = out["links"]
    assert link["id"] == link_id and link["kind"] == "same_quote"
    assert (link["a_span_id"], link["b_span_id"]) == (span_a.id, span_b.id)
    assert "firm response" in link["a"]["text"] and link["b"]["article"] == b["article"]


def test_rejected_spans_are_left_out(db):
    store = Store.open(db, annotator=ANNOTATOR)
    a = store.find_articles_by_file(FIRM_A)[0]
    for span in store.spans(a, ["quote"]):
        if "firm response" in store.get_article(a).text[span.start:span.end]:
            store.reject(span.id)
    store.close()
    # the comparison is the annotator's view of the articles: their rejection counts
    out = run_json("compare", FIRM_A, FIRM_B, "--db", db, "--annotator", ANNOTATOR)
    firm = [q for q in out["quotes"] if any("firm response" in m["text"] for m in q["members"])]
    assert len(firm) == 1 and len(firm[0]["members"]) == 1  # only B still has it


def test_tables_show_the_difference_and_the_grouped_names(db):
    result = run("compare", FIRM_A, "003_9ba706641fd40a01.txt", FIRM_B, "--db", db)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "get→receive" in text
    assert "Andrii Sybiha" in text and "Andriy Sybiga" in text
    assert "Quotes" in text and "People and organisations" in text and "Figures" in text


def test_articles_by_id_file_name_or_path(db):
    a, b = ids(db, FIRM_A, FIRM_B)
    by_id = run_json("compare", a, b, "--db", db)
    by_path = run_json("compare", f"sample_data/{FIRM_A}", FIRM_B, "--db", db)
    assert by_id == by_path


@pytest.mark.parametrize("args", [("nope.txt", FIRM_B), (FIRM_A,), (FIRM_A, FIRM_A)])
def test_bad_article_lists_exit_2(db, args):
    result = run("compare", *args, "--db", db)
    assert result.exit_code == 2


# --------------------------------------------------------------------------- stories


def test_the_five_samples_are_one_story(db):
    out = run_json("stories", "--db", db)
    from annotators.align.stories import load_model

    assert out["threshold"] == pytest.approx(load_model().threshold)
    assert out["stories_total"] == 1 and out["articles_total"] == 5
    assert len(out["stories"]) == 1
    (story,) = out["stories"]
    assert sorted(a["file"] for a in story["articles"]) == sorted(p.name for p in (Path(__file__).parents[2] / "sample_data").glob("*.txt"))


def test_import_groups_the_articles_into_stored_stories(db):
    from store.stories import story_members, ungrouped_count

    store = Store.open(db)
    try:
        assert ungrouped_count(store.db) == 0  # grouped by the import, before anyone asked
        ids = store.article_ids()
        assert all(story_members(store.db, i) == ids for i in ids)
    finally:
        store.close()


def test_an_editor_splits_and_merges_from_the_command_line_and_undoes(db):
    (story,) = run_json("stories", "--db", db)["stories"]
    out = run_json("stories", "--split", "1,2", "--annotator", "ed", "--db", db)
    assert sorted(len(s["articles"]) for s in out["stories"]) == [2, 3]
    new = next(s["story"] for s in out["stories"] if len(s["articles"]) == 2)
    out = run_json("stories", "--merge", f"{story['story']}:{new}", "--annotator", "ed", "--db", db)
    assert [len(s["articles"]) for s in out["stories"]] == [5]
    store = Store.open(db, annotator="ed")
    try:
        assert [a.action for a in store.actions(limit=2)] == ["story_merge", "story_split"]
        store.undo()
    finally:
        store.close()
    assert sorted(len(s["articles"]) for s in run_json("stories", "--db", db)["stories"]) == [2, 3]


@pytest.mark.parametrize("args", [("--move", "1"), ("--move", "1:999"), ("--split", "1,x"), ("--merge", "1:1"),
                                  ("--move", "1:1", "--split", "2")])
def test_bad_corrections_exit_2_with_a_message(db, args):
    result = run("stories", *args, "--db", db)
    assert result.exit_code == 2
    assert "copydesk:" in result.stderr


def test_a_high_threshold_splits_the_story_without_storing_it(db):
    out = run_json("stories", "--threshold", "0.99", "--db", db)
    assert len(out["stories"]) > 1
    assert len(run_json("stories", "--db", db)["stories"]) == 1  # the stored stories are unchanged


def test_rebuild_regroups_and_stores(db):
    out = run_json("stories", "--rebuild", "--threshold", "0.99", "--db", db)
    assert len(out["stories"]) > 1
    assert len(run_json("stories", "--db", db)["stories"]) == len(out["stories"])  # stored
    assert len(run_json("stories", "--rebuild", "--db", db)["stories"]) == 1


def test_stories_table(db):
    result = run("stories", "--db", db)
    assert result.exit_code == 0, result.output
    assert "1 story in 5 articles" in result.stdout
    assert "copydesk compare 1 2 3 4 5" in result.stdout


def test_story_candidates_beyond_the_exact_limit_come_from_the_article_names(db):
    from store.views import story_candidates, story_of

    store = Store.open(db)
    try:
        a = store.find_articles_by_file(FIRM_A)[0]
        assert story_candidates(store, a) == store.article_ids()  # small database: all
        few = story_candidates(store, a, limit=4)
        assert a in few and len(few) <= 5
        for other in few:
            assert "Blinken" in store.get_article(other).text
        assert a in story_of(store, a, limit=4)
    finally:
        store.close()


@pytest.mark.parametrize("command", ["compare", "stories"])
def test_help_has_an_example_and_db(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example: copydesk " + command in result.stdout
    assert "--db" in result.stdout
