"""Child processes for the crash and concurrency tests.

    python -m tests.reliability.worker import DB FOLDER DELAY
        import FOLDER with a blank spaCy pipeline, sleeping DELAY seconds per
        article so that a parent can kill it between two batch commits.
    python -m tests.reliability.worker annotate-empty DB ANNOTATOR
        open a database that may not exist yet, add an article and a span.
    python -m tests.reliability.worker annotate DB ANNOTATOR COUNT SEED
        make COUNT annotation actions (COUNT < 0: until killed) on the
        database's suggestions; after each committed action print
        ``action <id>``; at the end print ``done <json tally>``.
    python -m tests.reliability.worker export DB OUT DELAY [MAX_BYTES]
        export every article as jsonl (suggestions included), sleeping DELAY
        seconds per article; with MAX_BYTES, no file may grow past that many
        bytes (RLIMIT_FSIZE: a write past it fails as on a full disk).

Every failure is printed to stderr and exits non-zero, so a parent sees it.
"""
from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path


def blank_preannotator(delay: float = 0.0):
    import spacy

    from annotators.pipeline import LoadedPipeline, Preannotator

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    class Slow(Preannotator):
        def suggest(self, texts, batch_size=32, n_process=1):
            for suggestion in super().suggest(texts, batch_size=batch_size, n_process=n_process):
                if delay:
                    time.sleep(delay)
                yield suggestion

    return Slow(pipeline=LoadedPipeline(nlp, "blank"))


def run_import(db_path: str, folder: str, delay: float) -> None:
    from store import Store
    from store.ingest import import_paths

    store = Store.open(db_path, annotator="importer")
    report = import_paths(store.db, [folder], blank_preannotator(delay), batch_size=8)
    print(f"imported {len(report.added)}", flush=True)


def run_annotate(db_path: str, annotator: str, count: int, seed: int) -> None:
    from store import Store

    store = Store.open(db_path, annotator=annotator)
    rng = random.Random(seed)
    suggestions = [r[0] for r in store.db.execute("select id from spans where origin = 'model' order by id")]
    articles = [(r[0], r[1]) for r in store.db.execute("select id, length(text) from articles order by id")]
    tally: dict[str, int] = {}
    made = 0
    while count < 0 or made < count:
        op = rng.choice(("accept", "reject", "relabel", "tags", "verdict", "add", "add", "undo", "redo", "done"))
        span_id = rng.choice(suggestions)
        if op == "accept":
            result = store.accept(span_id)
        elif op == "reject":
            result = store.reject(span_id)
        elif op == "relabel":
            result = store.relabel(span_id, rng.choice(("PERSON", "ORG", "GPE")))
        elif op == "tags":
            result = store.set_tags(span_id, rng.sample(["statistic", "quote", "causal"], 2))
        elif op == "verdict":
            result = store.set_verdict(span_id, rng.choice(("supported", "misleading", None)))
        elif op == "add":
            article_id, length = rng.choice(articles)
            start = rng.randrange(0, length - 1)
            result = store.add_span(article_id, start, min(length, start + rng.randint(1, 20)), "entity", "ORG",
                                    note=f"{annotator} {made}")
        elif op == "undo":
            result = store.undo()
        elif op == "redo":
            result = store.redo()
        else:
            result = store.mark_done(rng.choice(articles)[0], rng.random() < 0.5) or True
        if op in ("undo", "redo") and result is None:
            continue  # nothing to undo/redo: no action, nothing logged
        action_id = store.db.execute(
            "select max(id) from actions where annotator = ?", [annotator]
        ).fetchone()[0]
        tally[op] = tally.get(op, 0) + 1
        made += 1
        print(f"action {action_id}", flush=True)
    print("done " + json.dumps(tally), flush=True)


def run_first_open(db_path: str, annotator: str) -> None:
    """Open (so create and migrate) a database others may be creating too,
    store one article and annotate it."""
    from annotators.types import CleanedText
    from store import Store
    from store.db import transaction
    from store.ingest import SourceDoc, store_new

    store = Store.open(db_path, annotator=annotator)
    text = f"An article by {annotator}."
    with transaction(store.db):
        article_id, _ = store_new(store.db, SourceDoc(f"/{annotator}", annotator, text, CleanedText(text)), [], "model")
    store.add_span(article_id, 0, 2, "entity", "ORG")
    print("done {}", flush=True)


def run_export(db_path: str, out: str, delay: float, max_bytes: int | None) -> None:
    import resource
    import signal

    from store import Store, export

    if max_bytes is not None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))
    chosen = export.selected

    def slowly(*args, **kwargs):
        for item in chosen(*args, **kwargs):
            time.sleep(delay)
            print("article", flush=True)
            yield item

    export.selected = slowly
    store = Store.open(db_path, annotator="exporter")
    try:
        export.export_dataset(store, export.Selection.from_flags(include_suggestions=True), "jsonl", Path(out))
    except export.ExportError as exc:
        print(f"error {exc}", flush=True)
        raise SystemExit(2)
    print("done {}", flush=True)


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "import":
        run_import(args[0], args[1], float(args[2]))
    elif command == "annotate":
        run_annotate(args[0], args[1], int(args[2]), int(args[3]))
    elif command == "annotate-empty":
        run_first_open(args[0], args[1])
    elif command == "export":
        run_export(args[0], args[1], float(args[2]), int(args[3]) if len(args) > 3 else None)
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
