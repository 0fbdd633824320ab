"""The Typer app of the ``copydesk`` command line and what its commands share:
the consoles, the ``--db`` / ``--annotator`` / ``--model`` options and
``open_store``. The command modules import this one and add their commands to
``app``; this module imports none of them.

Every command takes ``--db PATH`` (or the COPYDESK_DB environment variable;
default ``copydesk.db`` in the current folder).
"""
from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

import typer
from rich.console import Console

from store import DB_ENV, DEFAULT_DB, Store, StoreError
from store.db import explain, url_refusal
from store.schema_guard import warning as foreign_warning
from tui.screen_text import plain


class CopydeskTyper(typer.Typer):
    """A Typer app whose commands report a database problem met while they
    run (a damaged page, a read-only file) in one line, exit code 2."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)

        def decorator(fn):
            register(reported(fn))
            return fn

        return decorator


OPENED: list[Store] = []  # the stores open_store gave the running command


def reported(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        finally:
            close_opened()

    return report_errors(run)


def close_opened() -> None:
    """At the end of a command: every store it opened is closed, and one that
    wrote checkpoints its WAL into the .db file (copied alone, it holds the work)."""
    while OPENED:
        try:
            OPENED.pop().close()
        except sqlite3.Error:  # the command's own outcome stands; the data is in the WAL
            pass


def report_errors(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except StoreError as exc:
            err.print(plain(f"copydesk: {exc}", style="red"))
            raise typer.Exit(2)
        except sqlite3.DatabaseError as exc:
            err.print(plain(f"copydesk: {explain(exc, kwargs.get('db') or kwargs.get('into') or DEFAULT_DB)}", style="red"))
            raise typer.Exit(2)

    return run


app = CopydeskTyper(
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


def open_store(db: Path, annotator: str | None = None, create: bool = False) -> Store:
    """The database at ``db``; only the commands that store articles
    (``import``, ``annotate PATH``) pass ``create``: a mistyped --db elsewhere
    is an error, not a new empty database."""
    refusal = url_refusal(db)
    if refusal:
        err.print(plain(f"copydesk: {refusal}", style="red"))
        raise typer.Exit(2)
    if not create and not Path(db).exists():
        err.print(plain(f"copydesk: no database at {db}; check --db (or {DB_ENV}), or create one with "
                        f"copydesk import FILES --db {db}", style="red"))
        raise typer.Exit(2)
    try:
        store = Store.open(db, annotator)
    except StoreError as exc:
        err.print(plain(f"copydesk: {exc}", style="red"))
        raise typer.Exit(2)
    OPENED.append(store)
    foreign = store.foreign_objects()
    if foreign:
        err.print(plain(f"copydesk: warning: {foreign_warning(db, foreign)}", style="yellow"))
    return store
