"""``copydesk import``: clean, pre-annotate and store files and folders.

    copydesk import sample_data/ --db demo.db
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from store import Store, StoreError
from tui.cli.app import DbOption, ModelOption, app, console, err, open_store
from tui.screen_text import plain


def run_import(store: Store, paths: list[Path], model: str | None, n_process: int = 1, quiet: bool = False,
               annotator: str | None = None):
    from annotators.pipeline import ModelNotFound, Preannotator
    from store.ingest import import_paths
    from tui.config import load_label_sets

    labels = load_label_sets(store.path)
    pre = Preannotator(model, budget_seconds=labels.preannotate_budget_seconds, claim_threshold=labels.claim_threshold)
    if model:  # a named model that is missing is an error before anything is read
        try:
            pre.pipeline
        except ModelNotFound as exc:
            err.print(plain(f"copydesk: {exc}", style="red"))
            raise typer.Exit(2)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    ) as progress:
        task = progress.add_task("importing", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        report = import_paths(store.db, paths, pre, n_process=n_process, on_progress=on_progress, annotator=annotator)
    if pre.message:
        err.print(plain(f"copydesk: {pre.message}", style="yellow"))
    return report


def print_import_report(report) -> None:
    console.print(plain(report.summary()))
    for stale in report.stale:
        err.print(plain(
            f"article {stale.article_id}: {stale.kind} {stale.label} {stale.text!r} no longer matches the new text "
            f"(kept in the action log as span {stale.span_id})", style="yellow"))
    for problem in report.problems:
        err.print(plain(f"skipped {problem}", style="red"))
    for path, skipped in report.over_budget:
        err.print(plain(f"{path}: stored without {', '.join(skipped)} suggestions (over the pre-annotation time "
                        f"budget, preannotate_budget_seconds in copydesk.toml)", style="yellow"))


@app.command("import")
def import_command(
    paths: List[Path] = typer.Argument(..., help="Files or folders (.txt .md .html .jsonl)."),
    db: Path = DbOption,
    model: Optional[str] = ModelOption,
    n_process: int = typer.Option(1, "--n-process", min=1, help="Processes for spaCy (large corpora)."),
    annotator: Optional[str] = typer.Option(
        None, "--annotator", help="Whose labels a labelled file's are when the file names nobody "
        "(default: copydesk-import)."),
):
    """Import articles, clean them and store the model's suggestions.

    Example: copydesk import sample_data/ --db demo.db
    """
    if annotator is not None:
        from store.formats.who import annotator_problem

        problem = annotator_problem(annotator)
        if problem:
            err.print(plain(f"copydesk: --annotator {problem}", style="red"))
            raise typer.Exit(2)
    store = open_store(db, create=True)
    try:
        report = run_import(store, paths, model, n_process, annotator=annotator)
    except StoreError as exc:
        err.print(plain(f"copydesk: {exc}", style="red"))
        raise typer.Exit(2)
    print_import_report(report)
    if report.problems:
        raise typer.Exit(1)
