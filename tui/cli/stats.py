"""``copydesk stats``: progress per annotator, and spans by label.

    copydesk stats --db team.db
    copydesk stats --db team.db --annotator ana
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from tui.cli.app import DbOption, app, console, err, open_store
from tui.screen_text import plain

COLUMNS = ("opened", "done", "judged", "suggested", "reviewed")


@app.command()
def stats(
    db: Path = DbOption,
    annotator: Optional[str] = typer.Option(None, "--annotator", help="One annotator's progress (default: everyone's)."),
):
    """Articles each annotator opened and finished, spans they judged and left,
    and spans by label (a relabelled span under its new label).

    Example: copydesk stats --db team.db --annotator ana
    """
    store = open_store(db)
    if annotator is not None and annotator not in store.annotators():
        known = ", ".join(store.annotators()) or "nobody yet"
        err.print(plain(f"copydesk: {db}: no annotator named {annotator!r} has worked here (annotators: {known})",
                        style="red"))
        raise typer.Exit(2)
    s = store.team_stats(annotator)
    console.print(plain(f"{s['articles']} articles, {s['spans']} spans, {len(s['annotators'])} annotators; "
                        f"{s['actions']} actions logged"))
    for row in s["annotators"]:
        console.print(plain(f"{row['annotator']}: {row['done']} of {s['articles']} articles done, "
                            f"{row['judged']} spans judged, {row['suggested']} suggestions left"))
    table = Table("annotator", *COLUMNS, "last active (UTC)", title="progress per annotator")
    rows = s["annotators"] + ([s["totals"]] if s["totals"] else [])
    for row in rows:
        table.add_row(plain(row["annotator"]), *(str(row[c]) for c in COLUMNS),
                      plain((row["last_active"] or "-")[:19].replace("T", " ")))
    console.print(table)
    whose = (f"{annotator}'s judgments, and the suggestions left to them" if annotator is not None
             else "everyone's judgments, and the suggestions nobody judged")
    table = Table("kind", "label", "status", "count", title=f"spans by label ({whose})")
    for row in s["by_label"]:
        table.add_row(plain(row["kind"]), plain(row["label"]), plain(row["status"]), str(row["count"]))
    console.print(table)
