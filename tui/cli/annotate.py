"""``copydesk annotate``: the reader and annotator (the Textual app).

    copydesk annotate sample_data/  (opens, and imports in the background)
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from tui.cli.app import AnnotatorOption, DbOption, ModelOption, app, err, open_store
from tui.screen_text import plain


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
    store = open_store(db, annotator, create=bool(paths))
    if model:  # a named model that is missing is an error before the app opens
        from annotators.pipeline import ModelNotFound, check_model_name

        try:
            check_model_name(model)
        except ModelNotFound as exc:
            err.print(plain(f"copydesk: {exc}", style="red"))
            raise typer.Exit(2)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        err.print(plain("copydesk: annotate needs a terminal (its input or output is a pipe or a file); "
                        "run it in a terminal, or use copydesk import / stats / export in scripts", style="red"))
        raise typer.Exit(2)
    from tui.app import CopydeskApp

    # The files are imported by a worker inside the app: the first screen
    # paints at once and the list fills in as the import lands.
    reader = CopydeskApp(store, model=model, import_from=list(paths or []))
    reader.run()
    if reader.return_code:  # it stopped on an error: CrashReport printed where the traceback is
        raise typer.Exit(reader.return_code)
