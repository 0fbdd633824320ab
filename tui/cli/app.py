"""The Typer app of the ``copydesk`` command line and what its commands share:
the consoles, the ``--db`` / ``--annotator`` / ``--model`` options and
``open_store``. The command modules import this one and add their commands to
``app``; this module imports none of them.

Every command takes ``--db PATH`` (or the COPYDESK_DB environment variable;
default ``copydesk.db`` in the current folder).
"""
from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
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
