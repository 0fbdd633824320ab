"""``copydesk stats``: progress by label.

    copydesk stats --db demo.db
"""
from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text

from tui.cli.app import DbOption, app, console, open_store


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
