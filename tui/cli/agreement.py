"""``copydesk agreement``: how far annotators agree, pair by pair.

    copydesk agreement --db team.db          # a table
    copydesk agreement --db team.db --json   # the same figures for scripts

The figures are annotators.agreement's (its docstring says what each is); this
module only reads each annotator's kept spans through the store's API.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from annotators.agreement import AnnotatedSpan, Report, agreement as compute_agreement, token_bounds, tokens_outside
from tui.cli.app import DbOption, app, console, open_store
from tui.screen_text import plain

KEPT = ("accepted", "corrected")
SPAN_FIGURES = ("f1_exact", "f1_overlap", "kappa", "alpha")
ATTRIBUTE_FIGURES = ("speaker", "tags", "verdict")


def annotators_work(store) -> tuple[dict[str, dict[int, list[AnnotatedSpan]]], dict[int, list[tuple[int, int]]]]:
    """Per annotator, per article they worked on, the spans they kept; and the
    token bounds of every such article.  A span not every annotator of its
    article has reached yet is left out, spans and tokens, as review and the
    gold leave it out (annotators.reach, ``store.not_reached``)."""
    work: dict[str, dict[int, list[AnnotatedSpan]]] = {}
    pending: dict[int, dict[int, tuple[int, int]]] = {}
    for person in store.annotators():
        # articles_worked also lists articles a reviewer judged; only the person's own count here
        articles = [a for a in store.articles_worked(person) if person in store.annotators(a)]
        for a in articles:
            if a not in pending:
                pending[a] = store.not_reached(a)
        work[person] = {a: [AnnotatedSpan.from_record(r) for r in store.spans_for(a, person, statuses=KEPT)
                            if r.id not in pending[a]]
                        for a in articles}
    ids = sorted({a for by_article in work.values() for a in by_article})
    tokens = {a: tokens_outside(token_bounds(store.get_article(a).text), pending[a].values()) for a in ids}
    return work, tokens


def _cell(figure) -> Text:
    if figure is None or figure.value is None:
        return Text("-", style="dim")
    return Text(f"{figure.value:.3f}")


def _units(figures: dict, name: str) -> str:
    figure = figures.get(name)
    return f"{figure.units} / {figure.articles}" if figure else "-"


def report_tables(report: Report) -> list[Table]:
    """One table per pair (and the average), then speakers, tags and verdicts."""
    groups = [(" & ".join(p.annotators), p) for p in report.pairs]
    if report.average and len(report.pairs) > 1:
        groups.append((f"average of {len(report.pairs)} pairs", report.average))
    tables = []
    others = Table("annotators", "speaker (quotes)", "tags (claims)", "verdict (claims)",
                   title="on spans both kept (pairs / articles)")
    for name, figures in groups:
        spans = Table(title=plain(f"{name}: {figures.articles} articles in common (κ, α on token labels)"))
        labels = ["overall", *figures.labels]
        # The label column is never cut ("entity:PE…" at 80 columns or piped): the figures' columns give way.
        spans.add_column("label", no_wrap=True, min_width=max(len(plain(label)) for label in labels))
        for header in ("F1 exact", "F1 overlap", "κ", "α", "spans / art.", "tokens / art."):
            spans.add_column(header)
        for label, row in [("overall", figures.overall)] + sorted(figures.labels.items()):
            spans.add_row(plain(label), *(_cell(row.get(f)) for f in SPAN_FIGURES),
                          _units(row, "f1_exact"), _units(row, "kappa"))
        tables.append(spans)
        others.add_row(plain(name), *(Text.assemble(_cell(figures.overall.get(f)),
                                                   f" ({_units(figures.overall, f)})") for f in ATTRIBUTE_FIGURES))
    return tables + [others]


@app.command()
def agreement(
    db: Path = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON (for scripts)."),
):
    """Agreement between annotators, pair by pair and averaged: span F1 (exact
    and overlapping), Cohen's κ and Krippendorff's α on token labels, per label
    and overall; speaker agreement on quotes, tag and verdict agreement on
    claims. Only articles both annotators of a pair worked on count, and only
    spans every annotator of the article reached (judged, or left when marking
    it done), as in review.

    Example: copydesk agreement --db team.db --json
    """
    store = open_store(db)
    try:
        work, tokens = annotators_work(store)
    finally:
        store.close()
    report = compute_agreement(work, tokens)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    if not report.pairs:
        who = ", ".join(report.annotators) or "nobody"
        console.print(plain(f"no two annotators worked on the same article (annotators: {who}): nothing to compare"))
        return
    for table in report_tables(report):
        console.print(table)
