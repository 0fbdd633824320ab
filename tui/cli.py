"""The ``copydesk`` command line (Typer).

Every command takes ``--db PATH`` (or the COPYDESK_DB environment variable;
default ``copydesk.db`` in the current folder).
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from store import DB_ENV, DEFAULT_DB, Store, StoreError

app = typer.Typer(
    help="copydesk: read and annotate news articles in the terminal.\n\n"
    "Example: copydesk annotate sample_data/  (imports the folder, then opens the reader)",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
console = Console()
err = Console(stderr=True, soft_wrap=True)  # file paths in messages must not be broken

DbOption = typer.Option(DEFAULT_DB, "--db", envvar=DB_ENV, help="SQLite database file.", show_default=True)
AnnotatorOption = typer.Option(None, "--annotator", help="Who is annotating (default: your login name).")
ModelOption = typer.Option(None, "--model", help="spaCy pipeline to use (package name or folder).")


def open_store(db: Path, annotator: str | None = None) -> Store:
    try:
        return Store.open(db, annotator)
    except StoreError as exc:
        err.print(Text(f"copydesk: {exc}", style="red"))
        raise typer.Exit(2)


# --- import -------------------------------------------------------------------------


def run_import(store: Store, paths: list[Path], model: str | None, n_process: int = 1, quiet: bool = False):
    from annotators.pipeline import ModelNotFound, Preannotator
    from store.ingest import import_paths

    pre = Preannotator(model)
    if model:  # a named model that is missing is an error before anything is read
        try:
            pre.pipeline
        except ModelNotFound as exc:
            err.print(Text(f"copydesk: {exc}", style="red"))
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

        report = import_paths(store.db, paths, pre, n_process=n_process, on_progress=on_progress)
    if pre.message:
        err.print(Text(f"copydesk: {pre.message}", style="yellow"))
    return report


def print_import_report(report) -> None:
    console.print(Text(report.summary()))
    for stale in report.stale:
        err.print(Text(
            f"article {stale.article_id}: {stale.kind} {stale.label} {stale.text!r} no longer matches the new text "
            f"(kept in the action log as span {stale.span_id})", style="yellow"))
    for problem in report.problems:
        err.print(Text(f"skipped {problem}", style="red"))


@app.command("import")
def import_command(
    paths: List[Path] = typer.Argument(..., help="Files or folders (.txt .md .html .jsonl)."),
    db: Path = DbOption,
    model: Optional[str] = ModelOption,
    n_process: int = typer.Option(1, "--n-process", help="Processes for spaCy (large corpora)."),
):
    """Import articles, clean them and store the model's suggestions.

    Example: copydesk import sample_data/ --db demo.db
    """
    store = open_store(db)
    try:
        report = run_import(store, paths, model, n_process)
    except StoreError as exc:
        err.print(Text(f"copydesk: {exc}", style="red"))
        raise typer.Exit(2)
    print_import_report(report)
    if report.problems:
        raise typer.Exit(1)


# --- annotate -----------------------------------------------------------------------


@app.command()
def annotate(
    paths: List[Path] = typer.Argument(None, help="Optional files or folders to import first."),
    db: Path = DbOption,
    annotator: Optional[str] = AnnotatorOption,
    model: Optional[str] = ModelOption,
):
    """Open the reader and annotator on the database.

    Example: copydesk annotate sample_data/  (opens, and imports in the background)
    """
    store = open_store(db, annotator)
    if model:  # a named model that is missing is an error before the app opens
        from annotators.pipeline import ModelNotFound, check_model_name

        try:
            check_model_name(model)
        except ModelNotFound as exc:
            err.print(Text(f"copydesk: {exc}", style="red"))
            raise typer.Exit(2)
    from tui.app import CopydeskApp

    # The files are imported by a worker inside the app: the first screen
    # paints at once and the list fills in as the import lands.
    CopydeskApp(store, model=model, import_from=list(paths or [])).run()


# --- stats --------------------------------------------------------------------------


@app.command()
def stats(db: Path = DbOption):
    """Articles, suggestions and reviews, by label.

    Example: copydesk stats --db demo.db
    """
    store = open_store(db)
    s = store.stats()
    console.print(Text(
        f"{s['articles']} articles ({s['done']} done), {s['spans']} spans: "
        f"{s['suggested']} suggested, {s['reviewed']} reviewed; {s['actions']} actions logged"))
    table = Table("kind", "label", "status", "count", title="spans by label")
    for row in s["by_label"]:
        table.add_row(Text(row["kind"]), Text(row["label"]), Text(row["status"]), str(row["count"]))
    console.print(table)


def _register_subcommands() -> None:
    """Commands that live in their own modules add themselves here."""
    from tui import cli_compare, cli_datasets

    cli_datasets.register(app)
    cli_compare.register(app)


_register_subcommands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
