"""``copydesk compare`` and ``copydesk stories``: several reports of one story.

    copydesk compare 001_d0109b297222dfef.txt 002_4e7804ae877db5ab.txt --db demo.db
    copydesk compare 1 2 3 4 5 --json --db demo.db
    copydesk stories --db demo.db
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List, Optional

import typer
from rich.console import Group
from rich.table import Table
from rich.text import Text

from store import Store, StoreError
from tui.cli.app import AnnotatorOption, DbOption, app, console, err, open_store
from tui.screen_text import plain


def resolve_articles(store: Store, refs: list[str]) -> list[int]:
    """Article ids from ids or file names (``001_d0109b297222dfef.txt``, or a
    path whose last part is one); duplicates dropped, order kept."""
    known = set(store.article_ids())
    ids: list[int] = []
    for ref in refs:
        if ref.isdigit() and int(ref) in known:
            ids.append(int(ref))
            continue
        found = store.find_articles_by_file(Path(ref).name)
        if not found:
            raise typer.BadParameter(f"no article with id or file name {ref!r}", param_hint="ARTICLES")
        if len(found) > 1:
            raise typer.BadParameter(
                f"{ref!r} names {len(found)} articles (ids {', '.join(map(str, found))}): give an id",
                param_hint="ARTICLES")
        ids.append(found[0])
    return list(dict.fromkeys(ids))


def comparison_tables(comparison, shared_only: bool = False) -> Group:
    """The comparison as rich tables: articles, quotes, people and
    organisations, figures, stored links. Columns A, B, ... are the articles.
    ``shared_only``: only what at least two of the articles have."""
    from tui.widgets.compare_view import article_label, side_letter, story_rows

    letters = {a["id"]: side_letter(n) for n, a in enumerate(comparison.articles)}
    parts: list[Any] = []
    articles = Table("", "id", "article", title="Articles", title_justify="left")
    for article in comparison.articles:
        articles.add_row(Text(letters[article["id"]], style="bold"), str(article["id"]),
                         Text(article_label(article, 110)))
    parts.append(articles)

    rows = story_rows(comparison, full=True)
    if shared_only:
        rows = [r for r in rows if len(r.articles) > 1]
    sections = (("quote", "Quotes (≈ old→new: where this article's wording differs from the first one's)"),
                ("entity", "People and organisations (spellings grouped)"),
                ("figure", "Figures about the same thing"))
    for kind, title in sections:
        chosen = [r for r in rows if (r.kind in ("person", "org")) == (kind == "entity") and
                  (kind == "entity" or r.kind == kind)]
        table = Table(title=f"{title}: {len(chosen)}", title_justify="left", show_lines=False)
        if kind == "entity":
            table.add_column("", no_wrap=True)
        table.add_column("what", ratio=3)
        for article in comparison.articles:
            table.add_column(letters[article["id"]], ratio=1)
        for row in chosen:
            lead = [plain(row.kind)] if kind == "entity" else []
            table.add_row(*lead, row.what, *row.cells)
        if chosen:
            parts.append(table)
        else:
            parts.append(Text(f"{title}: none", style="dim"))

    if comparison.links:
        links = Table("kind", "from", "to", title=f"Stored links: {len(comparison.links)}", title_justify="left")
        for link in comparison.links:
            ends = [Text(f"{letters.get(link[s]['article'], '?')} {link[s]['kind']} ") + plain(link[s]["text"], style="italic")
                    for s in ("a", "b")]
            links.add_row(plain(link["kind"]), *ends)
        parts.append(links)
    else:
        parts.append(Text("Stored links: none", style="dim"))
    return Group(*parts)


@app.command()
def compare(
    articles: List[str] = typer.Argument(..., help="Two or more article ids or file names."),
    db: Path = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
    shared: bool = typer.Option(False, "--shared", help="Tables: only what two or more of the articles have."),
    tui: bool = typer.Option(False, "--tui", help="Open it in the app: side by side for two articles, a table for more."),
    annotator: Optional[str] = AnnotatorOption,
):
    """Compare reports of one story: people and organisations (spellings
    grouped), quotes with their word differences, figures that differ, and
    the links you stored between them.

    Example: copydesk compare 001_d0109b297222dfef.txt 002_4e7804ae877db5ab.txt --db demo.db
    """
    from store.views import compare_articles

    store = open_store(db, annotator)
    try:
        ids = resolve_articles(store, articles)
        if len(ids) < 2:
            raise typer.BadParameter("give at least two different articles", param_hint="ARTICLES")
        if tui:
            from tui.screens.compare import CompareApp

            viewer = CompareApp(store, ids)
            viewer.run()
            if viewer.return_code:  # stopped on an error: CrashReport printed where the traceback is
                raise typer.Exit(viewer.return_code)
            return
        comparison = compare_articles(store, ids)
        if as_json:
            typer.echo(json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2))
        else:
            console.print(comparison_tables(comparison, shared_only=shared))
    except StoreError as exc:
        err.print(plain(f"copydesk: {exc}", style="red"))
        raise typer.Exit(2)
    finally:
        store.close()

def story_line(article: dict[str, Any], limit: int) -> str:
    """'source: title' on one line, cut to ``limit`` (as the compare screen labels an
    article, without loading the comparison code: ``copydesk stories`` only reads)."""
    title = " ".join(str(article.get("title") or article.get("file") or f"article {article['id']}").split())
    line = f"{' '.join(article['source'].split())}: {title}" if article.get("source") else title
    return line if len(line) <= limit else line[:limit - 1] + "…"


@app.command()
def stories(
    db: Path = DbOption,
    rebuild: bool = typer.Option(False, "--rebuild", help="Forget the stored stories and group every article again."),
    threshold: Optional[float] = typer.Option(
        None, "--threshold", min=0.0, max=1.0,
        help="Least same-event probability for an article to join a story (default: the model's). "
             "Groups in memory for a look, without storing, unless with --rebuild."),
    limit: int = typer.Option(50, "--limit", min=1, help="Show the biggest N stories."),
    as_json: bool = typer.Option(False, "--json", help="Print the stories as JSON."),
    move: Optional[str] = typer.Option(None, "--move", help="ARTICLE:STORY: move an article into a story (undoable)."),
    split: Optional[str] = typer.Option(None, "--split", help="ID,ID,...: take these articles out into a new story."),
    merge: Optional[str] = typer.Option(None, "--merge", help="KEEP:OTHER: put story OTHER's articles into KEEP."),
    annotator: Optional[str] = AnnotatorOption,
):
    """The imported articles grouped into stories (reports of the same event).

    Articles are grouped as they are imported; this reads the stored stories.

    Example: copydesk stories --db demo.db  (then: copydesk compare 1 2 3 --db demo.db)
    """
    from annotators.models import model_value
    from store import stories as stored
    from tui.story_corrections import CorrectionError, apply_correction

    store = open_store(db, annotator)
    try:
        done = apply_correction(store, move, split, merge)
        if done:
            err.print(plain(f"copydesk: {done} (undo: u in the app)", style="green"))
        cut = model_value("stories.json", "threshold") if threshold is None else threshold
        if rebuild:
            stored.rebuild_stories(store.db, threshold)
        elif stored.ungrouped_count(store.db) and threshold is None:
            # a database from before stories were stored, or merged in: group what is new
            stored.assign_stories(store.db)
        if threshold is not None and not rebuild:
            from annotators.align.stories import cluster_stories

            ids = store.article_ids()
            arts = [store.get_article(i) for i in ids]
            groups = cluster_stories([(a.id, a.text) for a in arts], threshold, [a.published for a in arts])
            total, clusters = len(groups), groups[:limit]
        else:
            kept = stored.stored_stories(store.db, limit)
            total, clusters = stored.story_count(store.db), [list(s.article_ids) for s in kept]
            story_ids = [s.story for s in kept]
        n_articles = store.count_articles()
        articles = {i: store.get_article(i) for c in clusters for i in c}
    except (StoreError, CorrectionError, ValueError) as exc:
        err.print(plain(f"copydesk: {exc}", style="red"))
        raise typer.Exit(2)
    finally:
        store.close()

    def entry(i: int) -> dict[str, Any]:
        a = articles[i]
        return {"id": i, "title": a.title, "source": a.source, "file": a.file, "published": a.published}

    if as_json:
        ids = story_ids if threshold is None or rebuild else [None] * len(clusters)
        out = {"threshold": cut, "stories_total": total, "articles_total": n_articles,
               "stories": [{"story": n, "articles": [entry(i) for i in c]} for n, c in zip(ids, clusters)]}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return

    shown = "" if total <= len(clusters) else f", the biggest {len(clusters)} shown"
    table = Table("story", "articles", "ids", "titles",
                  title=f"{total} {'story' if total == 1 else 'stories'} in {n_articles} articles "
                        f"(join probability {cut:g}{shown})",
                  title_justify="left")
    numbers = story_ids if threshold is None or rebuild else list(range(1, len(clusters) + 1))
    for n, cluster in zip(numbers, clusters):
        titles = Text("\n".join(story_line(entry(i), 90) for i in cluster[:20])
                      + (f"\n… {len(cluster) - 20} more" if len(cluster) > 20 else ""))
        table.add_row(str(n), str(len(cluster)), Text(" ".join(map(str, cluster))), titles)
    console.print(table)
    several = [c for c in clusters if len(c) > 1]
    if several:
        console.print(plain(f"compare one: copydesk compare {' '.join(map(str, several[0][:8]))} --db {db}", style="dim"))
