"""``copydesk stats``: progress by label.

    copydesk stats --db demo.db
"""
from __future__ import annotations

from pathlib import Path

from rich.table import Table

from tui.cli.app import DbOption, app, console, open_store
from tui.screen_text import plain


@app.command()
def stats(db: Path = DbOption):
    """Articles, suggestions and reviews, by label.

    Example: copydesk stats --db demo.db
    """
    store = open_store(db)
    s = store.stats()
    console.print(plain(
        f"{s['articles']} articles ({s['done']} done), {s['spans']} spans: "
        f"{s['suggested']} suggested, {s['reviewed']} reviewed; {s['actions']} actions logged"))
    table = Table("kind", "label", "status", "count", title="spans by label")
    for row in s["by_label"]:
        table.add_row(plain(row["kind"]), plain(row["label"]), plain(row["status"]), str(row["count"]))
    console.print(table)
