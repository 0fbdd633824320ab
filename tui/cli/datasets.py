"""``copydesk export``: the database as a dataset (``copydesk train`` is in tui.cli.train).

    copydesk export --format spacy --out corpus/ --split 0.8:0.1 --db demo.db
    """
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from tui.cli.app import DbOption, app, console, err, open_store
from tui.screen_text import plain

FORMAT_HELP = "jsonl | spacy | conll | brat | doccano | csv | xmi"


def parse_article_ids(store, articles: str | None, query: str | None = None) -> list[int] | None:
    """``--articles 1,2,5-9,a.txt`` (ids, ranges, file names) and/or ``--query WORDS`` (full-text)."""
    if not articles and not query:
        return None
    ids: list[int] = []
    for part in (articles or "").split(","):
        part = part.strip()
        if not part:
            continue
        if part.isdigit():
            ids.append(int(part))
        elif "-" in part and all(p.isdigit() for p in part.split("-", 1)):
            lo, hi = (int(p) for p in part.split("-", 1))
            ids.extend(range(lo, hi + 1))
        else:
            found = store.find_articles_by_file(part)
            if not found:
                raise typer.BadParameter(f"no article with id or file name {part!r}", param_hint="--articles")
            ids.extend(found)
    if query:
        matched, offset = [], 0
        while True:
            page = store.list_articles(offset=offset, limit=500, query=query)
            matched += [a.id for a in page]
            if len(page) < 500:
                break
            offset += 500
        ids = [i for i in ids if i in set(matched)] if articles else matched
    known = set(store.article_ids())
    missing = [i for i in ids if i not in known]
    if missing:
        raise typer.BadParameter(f"no article with id {', '.join(map(str, missing[:5]))}", param_hint="--articles")
    return list(dict.fromkeys(ids)) or [-1]  # [-1]: the filter matched nothing


def summary_table(summary, title: str) -> Table:
    table = Table("what", "label", "count", title=title)
    table.add_row("articles", "", str(summary.articles))
    for name, n in summary.splits.items():
        table.add_row(f"  {name}", "", f"{n} articles")
    for (kind, label), n in sorted(summary.spans.items()):
        table.add_row(plain(kind), plain(label), str(n))
    if summary.snapped:
        table.add_row("snapped to tokens", plain('alignment_mode="expand"'), str(summary.snapped))
    for where, n in sorted(summary.aside.items()):
        table.add_row(plain("written aside"), plain(where), str(n))
    for reason, n in sorted(summary.skipped.items()):
        table.add_row(plain("skipped", style="yellow"), plain(reason), str(n))
    if summary.not_done:
        table.add_row("articles not done", plain("their unreviewed text is missing, not negative"), str(summary.not_done))
    if summary.missing_tokens:
        table.add_row("missing tokens", plain("label unknown (ent_iob 0)"), str(summary.missing_tokens))
    for note in summary.notes:
        table.add_row(plain("note"), plain(note), "")
    return table


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f", help=FORMAT_HELP),
    out: Path = typer.Option(..., "--out", "-o", help="Output file; a folder for brat, csv and xmi, and for any format with --split."),
    db: Path = DbOption,
    include_suggestions: bool = typer.Option(False, "--include-suggestions", help="Add the model's unreviewed suggestions."),
    include_rejected: bool = typer.Option(False, "--include-rejected", help="Add rejected spans (negatives)."),
    annotator: Optional[str] = typer.Option(None, "--annotator", help="Only this annotator's reviews."),
    articles: Optional[str] = typer.Option(None, "--articles", help="Article ids (1,2,5-9) or file names."),
    query: Optional[str] = typer.Option(None, "--query", help="Only articles matching these words (full-text)."),
    split: Optional[str] = typer.Option(None, "--split", help="TRAIN[:DEV] fractions, e.g. 0.8 or 0.8:0.1; by article."),
    seed: int = typer.Option(0, "--seed", help="Seed of the --split shuffle."),
    layer: Optional[str] = typer.Option(
        None, "--layer", help="doccano only: entities, quotes or claims (one file that never overlaps), or all "
        "(every span: the doccano project needs \"Allow overlapping spans\"), or relations (every span, quote "
        "speakers and links as doccano relations: a relation project with overlapping on, uploaded as "
        "JSONL(Relation)). Default: what a default doccano project keeps (no two spans overlap; the rest counted "
        "as skipped)."),
):
    """Export the annotations as a labelled dataset.

    Formats: jsonl (Prodigy-style, one article a line), spacy (.spacy DocBin),
    conll (IOB2 NER), brat (folder of .txt/.ann + annotation.conf),
    doccano (sequence-labelling JSONL), csv (folder: claims.csv, quotes.csv),
    xmi (folder: one UIMA CAS .xmi per article + TypeSystem.xml, for INCEpTION).
    By default only accepted and corrected spans go out.

    Example: copydesk export --format spacy --out corpus/ --split 0.8:0.1 --db demo.db
    """
    from store.export import FORMATS, ExportError, Selection, export_dataset

    if format not in FORMATS:
        err.print(plain(f"copydesk: unknown format {format!r}; choose one of {', '.join(FORMATS)}", style="red"))
        raise typer.Exit(2)
    store = open_store(db)
    selection = Selection.from_flags(include_suggestions, include_rejected, annotator,
                                     parse_article_ids(store, articles, query))
    options = {}
    if layer is not None:
        if format != "doccano":
            err.print(plain("copydesk: --layer is for --format doccano", style="red"))
            raise typer.Exit(2)
        options = {"layer": layer}
    if format == "brat":
        from tui.config import load_label_sets

        labels = load_label_sets(db)
        options = {"tag_values": labels.claim_tags, "verdict_values": labels.verdicts,
                   "entity_values": labels.entity_labels}
    try:
        summary = export_dataset(store, selection, format, out, split=split, seed=seed, **options)
    except ExportError as exc:
        err.print(plain(f"copydesk: {exc}", style="red"))
        raise typer.Exit(2)
    finally:
        store.close()
    console.print(summary_table(summary, f"{format} export"))
    where = out if split or FORMATS[format][1] else (summary.files[0] if summary.files else out)
    console.print(plain(f"wrote {summary.articles} articles to {where}"))
