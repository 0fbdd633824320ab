"""``copydesk annotate``: the reader and annotator (the Textual app).

    copydesk annotate sample_data/  (opens, and imports in the background)
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.text import Text

from tui.cli.app import AnnotatorOption, DbOption, ModelOption, app, err, open_store


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
