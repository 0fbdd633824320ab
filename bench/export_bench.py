"""Export time and memory per format for N annotated articles (default: 1,000 and 10,000).

Articles come from ``bench.corpus`` (recombined sample texts); spans are put
in directly, as a reviewed database would hold them: every entity the rule
below finds (capitalised word runs, labelled PERSON/ORG/GPE by turn), every
“...” quote with a speaker, and every sentence with a figure as a claim with a
tag, all accepted.  Each article's tokens are kept as ``copydesk import``
keeps them (``store.token_cache``: the import's spaCy tokens, here cut by the
same tokenizer rules without the rest of the pipeline; a database built before
the cache gets them once, timed apart).  The databases are kept in
``bench/out/`` and reused.

Each format is timed as ``copydesk export`` runs it (the selection streamed
from the store into the writer, the default selection: the gold), against the
disk-speed line measured in the same run: the very rows the jsonl export
writes, built beforehand a few hundred at a time, written with plain
``json.dumps``.  Each measurement runs in its own process forked once spaCy's
tokenizer is loaded; peak memory is that process's peak RSS (VmHWM, reset
through /proc/self/clear_refs at the start), plus the Python heap's peak
(tracemalloc) over a separate jsonl export; both should be the same at 1,000
and 10,000 articles.

    .venv/bin/python bench/export_bench.py [N ...] [--jsonl]

``--jsonl``: only the selection read, the baseline and the jsonl export.
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
    keep_tokens(store)
    return store


def keep_tokens(store: Store, chunk: int = 500) -> int:
    """The tokens import keeps (store.token_cache.save) for every article
    that has none: what ``copydesk import`` stores from its spaCy docs, cut
    here by the exports' tokenizer (the same rules and identity)."""
    from annotators.tokenization import tokenization_of
    from store import token_cache
    from store.formats.prodigy import _tokenizer, tokenizer_identity

    missing = [r[0] for r in store.db.execute(
        "select id from articles where id not in (select article_id from article_tokens) order by id")]
    identity, tokenizer = tokenizer_identity(), _tokenizer()
    for at in range(0, len(missing), chunk):
        with transaction(store.db):
            for aid, text in store.db.execute(
                    f"select id, text from articles where id in ({', '.join('?' for _ in missing[at:at + chunk])})",
                    missing[at:at + chunk]).fetchall():
                token_cache.save(store.db, aid, text, tokenization_of(tokenizer(text), identity))
    return len(missing)


def size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def peak_rss_reset() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def baseline(path: Path, out: Path, chunk: int = 200) -> dict:
    """Writing the same rows the jsonl export writes with plain json.dumps:
    the disk-speed line.  Rows are built ``chunk`` at a time (not timed) so
    memory stays flat; only the dumping and writing are timed."""
    import json

    from store.export import selected
    from store.formats.jsonl import article_record

    store = Store.open(path, annotator="bench")
    took = cpu = 0.0
    items = selected(store, Selection())
    with out.open("w", encoding="utf-8") as fh:
        while True:
            rows = [article_record(*item) for _, item in zip(range(chunk), items)]
            if not rows:
                return {"seconds": took, "cpu": cpu}
            t, c = time.perf_counter(), time.process_time()
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            took += time.perf_counter() - t
            cpu += time.process_time() - c


def read_selection(path: Path) -> dict:
    from store.export import selected

    store = Store.open(path, annotator="bench")
    t, c = time.perf_counter(), time.process_time()
    for _ in selected(store, Selection(), tokens=True):
        pass
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c}


def read_one_by_one(path: Path, limit: int) -> dict:
    """The selection as store.export read it before issue 14: the gold of each
    article with store.gold_spans, gold_done, links and get_article."""
    import dataclasses

    store = Store.open(path, annotator="bench")
    t, c = time.perf_counter(), time.process_time()
    for article_id in store.articles_worked()[:limit]:
        article = store.get_article(article_id)
        spans = [s for s in store.gold_spans(article_id)[0] if s.status in ("accepted", "corrected")]
        kept = {s.id for s in spans}
        [l for l in store.links(sorted(kept)) if l["a_span_id"] in kept and l["b_span_id"] in kept]
        dataclasses.replace(article, done=store.gold_done(article_id))
    return {"seconds": time.perf_counter() - t, "cpu": time.process_time() - c}


def export_format(path: Path, fmt: str, out: Path, traced: bool = False) -> dict:
    """What ``copydesk export --format FMT`` does, less the staging folder."""
    import tracemalloc

    from store.export import items_for
    from store.formats.base import Summary

    store = Store.open(path, annotator="bench")
    summary = Summary()
    module = format_module(fmt)
    if traced:
        tracemalloc.start()
    t, c = time.perf_counter(), time.process_time()
    module.export(items_for(store, Selection(), module), out, summary)
    took, cpu = time.perf_counter() - t, time.process_time() - c
    heap = tracemalloc.get_traced_memory()[1] / 1e6 if traced else None
    return {"seconds": took, "cpu": cpu, "heap": heap, "spans": sum(summary.spans.values()),
            "skipped": sum(summary.skipped.values()), "size": size(out)}


def _child(queue, fn, args) -> None:
    reset = peak_rss_reset()
    result = fn(*args)
    result["rss"] = peak_rss_mb() if reset else float("nan")
    queue.put(result)


def in_child(fn, *args) -> dict:
    """``fn(*args)`` in a forked process (spaCy already loaded, nothing else
    done yet), so each measurement's peak RSS is its own."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    queue = ctx.SimpleQueue()
    process = ctx.Process(target=_child, args=(queue, fn, args))
    process.start()
    result = queue.get()
    process.join()
    return result


def database(n: int) -> tuple[Store, float | None]:
    """The bench database of n articles, built once in bench/out/."""
    path = ROOT / "bench" / "out" / f"export-bench-{n}.db"
    if path.exists():
        store = Store.open(path, annotator="bench")
        t = time.perf_counter()
        filled = keep_tokens(store)
        if filled:
            print(f"(tokens kept for {filled:,} articles of {path.name}, built before the cache: "
                  f"{time.perf_counter() - t:.0f} s)")
        return store, None
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for old in path.parent.glob(partial.name + "*"):
        old.unlink()
    t = time.perf_counter()
    build(partial, n).close()
    built = time.perf_counter() - t
    partial.rename(path)
    return Store.open(path, annotator="bench"), built


def run(n: int, tmp: Path, formats: tuple[str, ...] = tuple(FORMATS)) -> dict[str, dict]:
    from store.formats.spacy_docbin import blank_nlp

    tmp.mkdir(parents=True, exist_ok=True)
    blank_nlp()  # spaCy's tokenizer loaded once, before the children fork, outside the timings
    store, built = database(n)
    n = store.count_articles()
    spans = store.db.execute("select count(*) from spans").fetchone()[0]
    path = store.path
    store.close()
    start_rss = peak_rss_mb()
    select = in_child(read_selection, path)
    base = in_child(baseline, path, tmp / "baseline.jsonl")
    sample = min(n, 500)
    one_by_one = in_child(read_one_by_one, path, sample if len(formats) > 1 else 1)
    print(f"\n### {n:,} articles, {spans:,} spans" + (f" (database built in {built:.0f} s)" if built else "") + "\n")
    print(f"- reading the selection alone (store.export.selected, the gold, with the kept tokens): {select['cpu']:.2f} s CPU "
          f"({n / select['cpu']:,.0f} articles/s)")
    if len(formats) > 1:
        print(f"- the same, article by article as before (store.gold_spans, {sample} articles): "
              f"{one_by_one['cpu']:.2f} s CPU ({sample / one_by_one['cpu']:,.0f} articles/s, "
              f"x{(n / select['cpu']) / (sample / one_by_one['cpu']):.1f} slower than the batches)")
    print(f"- baseline: the same jsonl rows written with json.dumps: {base['cpu']:.2f} s CPU, {base['seconds']:.2f} s wall "
          f"({n / base['cpu']:,.0f} articles/s CPU, {n / base['seconds']:,.0f} wall)")
    print(f"- each row below runs in a process forked at {start_rss:.0f} MB (spaCy's tokenizer loaded); rates and "
          "ratios are from CPU time (the machine is shared: wall time shows the load)\n")
    print("| format | CPU s | wall s | articles/s | baseline / this | wall: baseline / this | this / jsonl | peak RSS "
          "| spans written | skipped | output |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results: dict[str, dict] = {}
    for fmt in formats:
        out = tmp / "out" / (fmt if FORMATS[fmt][1] else f"data{FORMATS[fmt][2]}")
        result = results[fmt] = in_child(export_format, path, fmt, out)
        cpu = result["cpu"]
        print(f"| {fmt} | {cpu:.2f} | {result['seconds']:.2f} | {n / cpu:,.0f} | {base['cpu'] / cpu:.2f} | "
              f"{base['seconds'] / result['seconds']:.2f} | "
              f"{cpu / results['jsonl']['cpu']:.2f} | {result['rss']:.0f} MB | {result['spans']:,} | "
              f"{result['skipped']:,} | {result['size'] / 1e6:.1f} MB |")
    writer = results["jsonl"]["cpu"] - select["cpu"]
    print(f"\n- jsonl less the selection read (the writer alone, as measured before issue 14): {writer:.2f} s CPU, "
          f"{n / writer:,.0f} articles/s, {base['cpu'] / writer:.2f} of json.dumps")
    if len(formats) > 1:
        results["heap"] = {"peak": in_child(export_format, path, "jsonl", tmp / "traced.jsonl", True)["heap"]}
        print(f"- Python heap peak over a jsonl export (tracemalloc): {results['heap']['peak']:.1f} MB")
    results["baseline"] = {"cpu": base["cpu"], "seconds": base["seconds"], "n": n}
    return results


def main() -> None:
    # --jsonl: only the selection read, the baseline and the jsonl export (issue 14's figures, a few minutes)
    formats = ("jsonl",) if "--jsonl" in sys.argv[1:] else tuple(FORMATS)
    sizes = [int(a) for a in sys.argv[1:] if a != "--jsonl"] or [1000, 10000]
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            runs[n] = run(n, Path(tmp) / str(n), formats)
    if len(sizes) > 1 and len(formats) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\n### Memory: {small:,} -> {large:,} articles\n")
        print("| format | peak RSS at " + f"{small:,} | at {large:,} | growth |")
        print("|---|---:|---:|---:|")
        for fmt in FORMATS:
            a, b = runs[small][fmt]["rss"], runs[large][fmt]["rss"]
            print(f"| {fmt} | {a:.0f} MB | {b:.0f} MB | {b - a:+.0f} MB |")
        a, b = runs[small]["heap"]["peak"], runs[large]["heap"]["peak"]
        print(f"| jsonl, Python heap (tracemalloc) | {a:.1f} MB | {b:.1f} MB | {b - a:+.1f} MB |")
    last = runs[sizes[-1]]
    jsonl = last["jsonl"]["cpu"]
    worst = max(formats, key=lambda f: last[f]["cpu"])
    n = last["baseline"]["n"]
    print(f"\n### Targets at {n:,} articles\n")
    print(f"- jsonl: {n / jsonl:,.0f} articles/s (target >= 5,000); {last['baseline']['cpu'] / jsonl:.2f} of json.dumps "
          f"(target >= 0.5); wall: {n / last['jsonl']['seconds']:,.0f} articles/s, "
          f"{last['baseline']['seconds'] / last['jsonl']['seconds']:.2f} of json.dumps")
    print(f"- slowest format against jsonl: {worst} x{last[worst]['cpu'] / jsonl:.2f} (target <= 3)")


if __name__ == "__main__":
    main()
