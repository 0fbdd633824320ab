"""``copydesk review``: decide the spans annotators judged differently; the decisions are the gold.

    copydesk review --db team.db --annotator rita
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tui.cli.app import AnnotatorOption, DbOption, app, console, open_store
from tui.screen_text import plain


@app.command()
def review(db: Path = DbOption, annotator: Optional[str] = AnnotatorOption):
    """Walk every article two or more annotators worked on and all of them
    marked done (the others are listed as waiting), span by span where
    they differ, each one's version beside their name: 1..9 take a version,
    x rejects, l relabels, b adjusts the bounds and e adds a span in the gold
    (the whole article under the versions), u undoes, n/p move, d marks the
    article reviewed.
    The decisions are the gold, recorded with the reviewer's name (--annotator).

    Example: copydesk review --db team.db --annotator rita
    """
    from tui.screens.review import ReviewApp, review_items, waiting_articles, waiting_text

    store = open_store(db, annotator)
    try:
        people = store.annotators()
        if len(people) < 2:
            who = ", ".join(people) or "nobody yet"
            console.print(plain(f"nothing to review: one annotator ({who}); their judgments are the gold"))
            return
        if not review_items(store):
            waiting = waiting_articles(store)
            console.print(plain(f"nothing to review: {', '.join(people)} agree on every span they all judged "
                               "in the articles they all finished, or every difference is decided"))
            if waiting:
                console.print(plain(waiting_text(waiting, limit=20)))
            return
        reviewer = ReviewApp(store)
        reviewer.run()
        if reviewer.return_code:  # stopped on an error: CrashReport printed where the traceback is
            raise typer.Exit(reviewer.return_code)
    finally:
        store.close()
