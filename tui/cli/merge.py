"""``copydesk merge``: annotators' own databases brought into one.

    copydesk merge ana.db ben.db --into team.db
"""
from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from store import StoreError
from tui.cli.app import app, console, err, open_store
from tui.screen_text import plain


@app.command()
def merge(
    databases: List[Path] = typer.Argument(..., help="The databases to bring in (each is read, never changed)."),
    into: Path = typer.Option(..., "--into", help="The team database (created when missing)."),
):
    """Merge annotators' databases: articles matched by content, every
    annotator's judgments and action log kept, differences left for
    `copydesk review`. Merging the same file again changes nothing.

    Example: copydesk merge ana.db ben.db --into team.db
    """
    store = open_store(into, "copydesk-merge", create=True)
    failed = False
    try:
        for path in databases:
            try:
                report = store.merge_from(path)
            except StoreError as exc:
                err.print(plain(f"copydesk: {exc}", style="red"))
                failed = True
                continue
            for line in report.lines():
                console.print(plain(line))
            if not report.changed:
                console.print(plain(f"{path.name}: nothing new (already merged)"))
    finally:
        store.close()
    if failed:
        raise typer.Exit(1)
