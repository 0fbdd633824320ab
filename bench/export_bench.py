"""Export time per format for N annotated articles (default 1,000).

Articles come from ``bench.corpus`` (recombined sample texts); spans are put
in directly, as a reviewed database would hold them: every entity the rule
below finds (capitalised word runs, labelled PERSON/ORG/GPE by turn), every
“...” quote with a speaker, and every sentence with a figure as a claim with a
tag, all accepted.  Prints a markdown table: seconds per format, articles/s,
spans written, output size.

    .venv/bin/python bench/export_bench.py [N]
"""
from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotators.types import Span  # noqa: E402
from bench.corpus import generate  # noqa: E402
from store import Store  # noqa: E402
from store import articles as article_rows  # noqa: E402
from store.db import transaction  # noqa: E402
from store.export import FORMATS, Selection, format_module  # noqa: E402

NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")
QUOTE = re.compile(r"“[^”]{8,}”")
SENTENCE = re.compile(r"[^.!?\n]*\d[^.!?\n]*[.!?]")


def spans_for(text: str) -> list[Span]:
    out, last = [], 0
    for i, m in enumerate(NAME.finditer(text)):
        if m.start() >= last:
            out.append(Span(m.start(), m.end(), ("PERSON", "ORG", "GPE")[i % 3], "entity", {"status": "accepted"}))
            last = m.end()
    for m in QUOTE.finditer(text):
        out.append(Span(m.start(), m.end(), "QUOTE", "quote", {"status": "accepted", "speaker": "X", "cue": "said"}))
    for m in SENTENCE.finditer(text):
        s = m.start() + len(m.group()) - len(m.group().lstrip())
        if m.end() > s:
            out.append(Span(s, m.end(), "CLAIM", "claim", {"status": "accepted", "tags": ["statistic"]}))
    return out


def build(db: Path, n: int) -> Store:
    store = Store.open(db, annotator="bench")
    with transaction(store.db):
        for a in generate(n):
            text = a.body
            aid = article_rows.insert_article(store.db, {"text": text, "raw": text, "content_hash": f"h{a.index}",
                                                         "file": f"bench_{a.index:05d}.txt", "path": f"/bench/{a.index}",
                                                         "title": a.title, "source": a.source})
            article_rows.insert_spans(store.db, article_rows.suggestion_rows(aid, spans_for(text), origin="imported",
                                                                              annotator="bench"))
    return store


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def baseline_seconds(rows: list[dict], out: Path) -> float:
    """Writing the same rows the jsonl export writes with plain json.dumps: the disk-speed line."""
    import json

    t = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return time.perf_counter() - t


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        store = build(tmp / "bench.db", n)
        built = time.perf_counter() - t
        spans = store.db.execute("select count(*) from spans").fetchone()[0]
        import spacy  # noqa: F401  (loaded once, outside the timings)
        from store.export import selected
        from store.formats.base import Summary
        from store.formats.jsonl import article_record
        from store.formats.spacy_docbin import blank_nlp

        blank_nlp()
        t = time.perf_counter()
        items = list(selected(store, Selection()))
        select = time.perf_counter() - t
        rows = [article_record(a, s, l) for a, s, l in items]
        base = baseline_seconds(rows, tmp / "baseline.jsonl")
        del rows
        print(f"{n} articles, {spans} spans (database built in {built:.1f} s); reading the selection from the "
              f"store (store.export.selected): {select:.1f} s ({n / select:,.0f} articles/s), not in the rows below\n")
        print(f"baseline: the same jsonl rows written with json.dumps: {base:.2f} s ({n / base:,.0f} articles/s)\n")
        print("| format | seconds | articles/s | baseline / this | spans written | skipped | output |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for fmt in FORMATS:
            module = format_module(fmt)
            out = tmp / "out" / (fmt if FORMATS[fmt][1] else f"data{FORMATS[fmt][2]}")
            summary = Summary()
            t = time.perf_counter()
            module.export(iter(items), out, summary)
            took = time.perf_counter() - t
            print(f"| {fmt} | {took:.2f} | {n / took:,.0f} | {base / took:.2f} | {sum(summary.spans.values()):,} | "
                  f"{sum(summary.skipped.values()):,} | {size(out) / 1e6:.1f} MB |")


if __name__ == "__main__":
    main()
