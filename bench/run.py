"""copydesk benchmarks: one command, a markdown table in bench/RESULTS.md.

    python -m bench.run                      # import on 1,000; databases of 1,000, 10,000, 100,000
    python -m bench.run --sizes 1000,10000   # smaller databases
    python -m bench.run --quick              # a few minutes: import on 150, databases of 1,000 and 10,000

Every figure is measured in this run against a baseline measured in the same
run on the same machine (this one is shared and noisy: compare ratios, not
absolute numbers, between runs).  Not part of the test suite.

Corpora and databases are generated under bench/corpora/ and bench/out/
(gitignored) and reused when they already exist (keyed by size, seed,
generator and schema version).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench import corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CORPORA = ROOT / "bench" / "corpora"
RESULTS = ROOT / "bench" / "RESULTS.md"
SEED = 0


@dataclass
class Row:
    area: str
    measure: str
    n: str
    value: str
    baseline: str = ""
    verdict: str = ""
    part: str = ""


ROWS: list[Row] = []
NOTES: list[str] = []
PART = {"now": ""}  # which part of the run rows belong to (import, writes, db, export)
LAST_ROWS = OUT / "last-rows.json"


def row(*args, **kwargs) -> None:
    r = Row(*args, **kwargs, part=PART["now"])
    ROWS.append(r)
    print(f"  {r.area} | {r.measure} | {r.n} | {r.value} | {r.baseline} | {r.verdict}", flush=True)


def fmt_n(n: int) -> str:
    return f"{n:,}"


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- synthetic suggestions for databases built without spaCy -------------------------

NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
FIGURE = re.compile(r"\$?\d[\d,.]*(?: (?:million|billion))?")
QUOTE = re.compile(r"\u201c[^\u201d]{3,}\u201d|\"[^\"]{3,}\"")
SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def fake_spans(text: str):
    """About the number and mix of spans the pipeline suggests, by regex."""
    from annotators.types import Span

    spans = [Span(m.start(), m.end(), "PERSON", "entity") for m in NAME.finditer(text)]
    spans += [Span(m.start(), m.end(), "MONEY" if m.group().startswith("$") else "CARDINAL", "entity")
              for m in FIGURE.finditer(text)]
    spans += [Span(m.start(), m.end(), "QUOTE", "quote", {"speaker": "someone", "cue": "said"}) for m in QUOTE.finditer(text)]
    spans += [Span(m.start(), m.end(), "CLAIM", "claim", {"tags": ["statistic"]})
              for m in SENTENCE.finditer(text) if any(c.isdigit() for c in m.group())]
    return spans


# --- building databases by direct inserts ---------------------------------------------


def db_path(n: int) -> Path:
    from store.db import SCHEMA_VERSION

    return OUT / f"db-{n}-s{SEED}-g{corpus.GENERATOR_VERSION}-v{SCHEMA_VERSION}.db"


def build_db(n: int) -> tuple[Path, int, float]:
    """A database of ``n`` generated articles plus one of 20,000 words (its id
    is returned), with regex suggestions; built by executemany, not spaCy."""
    path = db_path(n)
    if path.exists():
        conn = sqlite3.connect(path)
        long_id = conn.execute("select max(id) from articles").fetchone()[0]
        conn.close()
        return path, long_id, float("nan")
    import hashlib

    from store import Store
    from store.actions import utc_now
    from store.db import transaction

    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".building")
    for p in OUT.glob(tmp.name + "*"):
        p.unlink()
    store = Store.open(tmp)
    db = store.db
    t = time.perf_counter()
    now = utc_now()
    articles = corpus.generate(n, SEED)
    long = corpus.long_article(20_000, SEED)
    chunk: list = []

    def flush(chunk) -> None:
        with transaction(db):
            first = (db.execute("select coalesce(max(id), 0) from articles").fetchone()[0]) + 1
            db.conn.executemany(
                "insert into articles (id, source, title, byline, published, file, path, text, raw, dropped,"
                " content_hash, meta, imported_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [(first + i, a.source, a.title, a.byline, a.published, f"{a.index:06d}.txt", f"/bench/{a.index:06d}.txt",
                  a.body, a.page, "[]", hashlib.sha256(a.page.encode()).hexdigest(), "{}", now)
                 for i, a in enumerate(chunk)],
            )
            db.conn.executemany(
                # Schema v4: a span row is the suggestion (no status: judgments hold those).
                "insert into spans (uid, article_id, start, \"end\", label, kind, origin, created_at,"
                " speaker, cue, tags) values (?,?,?,?,?,?,'model',?,?,?,?)",
                [(f"bench-{first + i}-{j}", first + i, s.start, s.end, s.label, s.kind, now, s.attrs.get("speaker"),
                  s.attrs.get("cue"), json.dumps(s.attrs["tags"]) if "tags" in s.attrs else None)
                 for i, a in enumerate(chunk) for j, s in enumerate(fake_spans(a.body))],
            )

    for a in articles:
        chunk.append(a)
        if len(chunk) == 2000:
            flush(chunk)
            chunk = []
    chunk.append(corpus.GenArticle(n, long.title, long.source, long.byline, long.published, long.body))
    flush(chunk)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("ANALYZE")
    store.close()
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        leftover = Path(str(tmp) + suffix)
        if leftover.exists():
            leftover.unlink()
    return path, n + 1, time.perf_counter() - t


# --- 1. import with pre-annotation vs bare spaCy ---------------------------------------


def import_corpus(n: int) -> Path:
    folder = CORPORA / f"import-{n}-s{SEED}-g{corpus.GENERATOR_VERSION}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        corpus.write_txt(n, folder, SEED)
        (folder / ".complete").write_text("")
    return folder


def bench_import(n: int, profile: bool) -> None:
    from annotators.pipeline import Preannotator, load_pipeline
    from store import Store
    from store.ingest import import_paths, iter_files, read_file

    log(f"import: {n} articles")
    folder = import_corpus(n)
    loaded = load_pipeline()
    nlp = loaded.nlp
    problems: list = []
    texts = [d.cleaned.text for p in iter_files([folder], problems) for d in read_file(p, problems)]
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:20]))  # warm up

    def bare(n_process: int) -> float:
        t = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
            pass
        return time.perf_counter() - t

    def ours(n_process: int, tag: str) -> float:
        path = OUT / f"import-{n}-{tag}.db"
        for p in OUT.glob(path.name + "*"):
            p.unlink()
        store = Store.open(path)
        t = time.perf_counter()
        report = import_paths(store.db, [folder], Preannotator(pipeline=loaded), batch_size=32, n_process=n_process)
        elapsed = time.perf_counter() - t
        assert len(report.added) == len(texts), (len(report.added), report.problems[:3])
        store.close()
        return elapsed

    bare1 = bare(1)
    ours1 = ours(1, "p1")
    row("import", "words/s, 1 process: copydesk import vs bare nlp.pipe", fmt_n(n),
        f"{words / ours1:,.0f}", f"{words / bare1:,.0f}",
        f"{100 * bare1 / ours1:.0f}% of bare spaCy (target >= 90%)")
    bare2 = bare(2)
    ours2 = ours(2, "p2")
    row("import", "words/s, --n-process 2 vs copydesk 1 process", fmt_n(n),
        f"{words / ours2:,.0f}", f"{words / ours1:,.0f}",
        f"x{ours1 / ours2:.2f} (target near x2; bare spaCy 2 vs 1: x{bare1 / bare2:.2f})")
    NOTES.append(f"Import corpus: {n:,} generated .txt pages, {words:,} words after cleaning "
                 f"(mean {words / len(texts):.0f} words/article); pipeline {loaded.name}.")
    if profile:
        profile_import(folder, loaded, min(n, 150))


def profile_import(folder: Path, loaded, n: int) -> None:
    from pyinstrument import Profiler

    from annotators.pipeline import Preannotator
    from store import Store
    from store.ingest import import_paths

    files = sorted(folder.rglob("*.txt"))[:n]
    sub = OUT / "profile-corpus"
    shutil.rmtree(sub, ignore_errors=True)
    sub.mkdir(parents=True)
    for f in files:
        shutil.copy(f, sub / f.name)
    path = OUT / "profile-import.db"
    for p in OUT.glob(path.name + "*"):
        p.unlink()
    store = Store.open(path)
    profiler = Profiler(interval=0.002)
    profiler.start()
    import_paths(store.db, [sub], Preannotator(pipeline=loaded))
    profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    (OUT / "profile-import.txt").write_text(text)
    log(f"import profile written to {OUT / 'profile-import.txt'}")


# --- 2. store writes -------------------------------------------------------------------


def bench_store_writes(n: int) -> None:
    from annotators.types import CleanedText
    from store import Store
    from store import articles as article_rows
    from store.db import transaction
    from store.ingest import SourceDoc, store_new

    log(f"store writes: {n} articles")
    docs = []
    for a in corpus.generate(n, SEED):
        docs.append((SourceDoc(f"/w/{a.index}", f"{a.index}.txt", a.page, CleanedText(a.body, title=a.title)),
                     fake_spans(a.body)))
    total = sum(len(s) for _, s in docs)

    def fresh(name: str) -> Path:
        path = OUT / name
        for p in OUT.glob(name + "*"):
            p.unlink()
        return path

    # Our path, as the importer uses it: one transaction per batch of 32 articles.
    store = Store.open(fresh("writes-ours.db"))
    t = time.perf_counter()
    for i in range(0, len(docs), 32):
        with transaction(store.db):
            for doc, spans in docs[i:i + 32]:
                store_new(store.db, doc, spans, "model")
    ours_full = time.perf_counter() - t
    # Our span path alone (rows built, sqlite-utils insert_all), articles already there.
    ids = [r[0] for r in store.db.execute("select id from articles order by id")]
    store.db.execute("delete from spans")
    t = time.perf_counter()
    for i in range(0, len(docs), 32):
        with transaction(store.db):
            for article_id, (doc, spans) in zip(ids[i:i + 32], docs[i:i + 32]):
                article_rows.insert_spans(store.db, article_rows.suggestion_rows(article_id, spans))
    ours_spans = time.perf_counter() - t
    store.close()

    conn = sqlite3.connect(fresh("writes-plain.db"), isolation_level=None)
    conn.execute("pragma journal_mode = wal")
    conn.execute("pragma synchronous = normal")
    conn.execute('create table spans (article_id integer, start integer, "end" integer, label text, kind text)')
    flat = [(i, s.start, s.end, s.label, s.kind) for i, (_, spans) in enumerate(docs) for s in spans]
    t = time.perf_counter()
    conn.execute("begin")
    conn.executemany("insert into spans values (?,?,?,?,?)", flat)
    conn.execute("commit")
    plain = time.perf_counter() - t
    conn.close()
    row("store", "spans/s: our span rows (suggestion_rows + insert_spans) vs plain executemany", fmt_n(total) + " spans",
        f"{total / ours_spans:,.0f}", f"{total / plain:,.0f}", f"{100 * plain / ours_spans:.0f}% of plain")
    row("store", "spans/s incl. articles + FTS (store_new, 32 per transaction)", fmt_n(total) + " spans",
        f"{total / ours_full:,.0f}", f"{total / plain:,.0f}", f"{n / ours_full:,.0f} articles/s")


# --- 3. reading at scale and the app -------------------------------------------------


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_database(n: int, app: bool) -> dict:
    from store import Store

    log(f"database: {n} articles")
    path, long_id, built = build_db(n)
    out: dict = {"n": n}
    if built == built:  # not NaN: built in this run
        row("db", "build by direct inserts (+ FTS triggers)", fmt_n(n), f"{built:.1f} s", "", "bench only")
    size_mb = path.stat().st_size / 1e6
    store = Store.open(path, annotator="bench")
    spans = store.db.execute("select count(*) from spans").fetchone()[0]
    out["open"] = timed(lambda: Store.open(path).close())
    out["count"] = timed(lambda: store.count_articles())
    out["page0"] = timed(lambda: store.list_articles(offset=0, limit=100))
    out["page_deep"] = timed(lambda: store.list_articles(offset=n - 100, limit=100))
    out["fts_common"] = timed(lambda: (store.count_articles("security"), store.list_articles(0, 100, "security")))
    out["fts_rare"] = timed(lambda: (store.count_articles("Okafor Kallas"), store.list_articles(0, 100, "Okafor Kallas")))
    out["long"] = timed(lambda: (store.get_article(long_id), store.spans(long_id)))
    out["progress"] = timed(lambda: store.progress()) if hasattr(store, "progress") else float("nan")
    store.close()
    row("db", "size on disk; spans", fmt_n(n), f"{size_mb:,.0f} MB", f"{spans:,} spans")
    row("store", "open + migrate check", fmt_n(n), ms(out["open"]))
    row("store", "first page of the list (100 rows with counts)", fmt_n(n), ms(out["page0"]))
    row("store", "last page of the list (offset n-100)", fmt_n(n), ms(out["page_deep"]))
    row("store", "count + first page, full-text filter 'security' (most articles)", fmt_n(n), ms(out["fts_common"]))
    row("store", "count + first page, full-text filter 'Okafor Kallas' (few)", fmt_n(n), ms(out["fts_rare"]))
    row("store", "get the 20,000-word article and its spans", fmt_n(n), ms(out["long"]))
    row("store", "progress counts (title bar, after each action)", fmt_n(n), ms(out["progress"]))
    if app:
        out.update(bench_app(path, long_id, n))
    return out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds == seconds else "n/a"


def bench_app(path: Path, long_id: int, n: int) -> dict:
    try:
        import tui.app  # noqa: F401
    except Exception as exc:  # the app is written by someone else, maybe not yet
        row("app", "headless run", fmt_n(n), f"not measured: {type(exc).__name__}: {exc}")
        return {}
    bare_painted, bare, _ = run_probe(["--bare"])
    painted, result, err = run_probe([str(path), str(long_id)])
    if painted is None or not result:
        row("app", "headless run", fmt_n(n), f"failed: {err.strip().splitlines()[-1] if err.strip() else 'no result'}")
        return {}
    if bare_painted is not None:
        row("app", "time to first paint (process start to first screen)", fmt_n(n), f"{painted:.2f} s",
            f"bare Textual app {bare_painted:.2f} s (x{painted / bare_painted:.1f}; +{painted - bare_painted:.2f} s)",
            verdict("<= bare + 0.5 s", painted - bare_painted <= 0.5))
    else:
        row("app", "time to first paint (process start to first screen)", fmt_n(n), f"{painted:.2f} s", "",
            verdict("< 1.5 s", painted < 1.5))
    base_key = bare.get("key_repaint_s") if bare else None
    for key, name in (("n", "next"), ("a", "accept"), ("x", "reject"), ("u", "undo")):
        value = result.get(f"key_{key}_s")
        if value is None:
            continue
        ratio = f"bare app's key {ms(base_key)} (x{value / base_key:.1f})" if base_key else ""
        row("app", f"{name} ({key}): key press to repainted (best of 5)", fmt_n(n), ms(value), ratio,
            verdict("<= 50 ms", value <= 0.050))
    if "progress_s" in result:
        row("app", "progress counts (header, after each action)", fmt_n(n), ms(result["progress_s"]))
    row("app", "peak memory (VmHWM, after all of the below)", fmt_n(n), f"{result['peak_rss_mb']:.0f} MB",
        f"{result['rss_painted_mb']:.0f} MB at first paint",
        verdict("< 300 MB", result["peak_rss_mb"] < 300))
    row("app", "open the 20,000-word article (to rendered)", fmt_n(n), ms(result["open_long_s"]))
    if "accept_s" in result:
        row("app", "accept: key press to committed in the database", fmt_n(n), ms(result["accept_s"]),
            "", f"repainted after {ms(result['accept_repaint_s'])}")
        row("app", "relabel: action to committed in the database", fmt_n(n), ms(result["relabel_s"]),
            "", f"repainted after {ms(result['relabel_repaint_s'])}")
    for word in ("security", "Okafor", "zzzunmatched"):
        row("app", f"filter the list by full text '{word}' ({result[f'filter_{word}_n']:,} match)", fmt_n(n),
            ms(result[f"filter_{word}_s"]))
    return {"paint": painted, "rss": result["peak_rss_mb"], "open_long": result["open_long_s"],
            "accept": result.get("accept_s", float("nan")), "filter": result["filter_security_s"]}


def run_probe(args: list[str]) -> tuple[float | None, dict, str]:
    """Run bench.app_probe in a fresh process: (seconds to first paint, its result, stderr)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.app_probe", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    painted, result = None, {}
    assert proc.stdout is not None
    for line in proc.stdout:
        event = json.loads(line)
        if event["event"] == "painted":
            painted = time.perf_counter() - t
        elif event["event"] == "result":
            result = event
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    return painted, result, err


def verdict(target: str, met: bool) -> str:
    return f"{'met' if met else 'MISSED'} (target {target})"


# --- 4. exports --------------------------------------------------------------------------


def bench_exports(n: int) -> None:
    from store import Store
    from store.export import FORMATS, Selection, export_dataset

    path, _, _ = build_db(n)
    store = Store.open(path, annotator="bench")
    selection = Selection.from_flags(include_suggestions=True)
    articles = store.count_articles()
    for fmt in FORMATS:
        log(f"export {fmt}: {articles} articles")
        out = OUT / f"export-{n}-{fmt}"
        shutil.rmtree(out, ignore_errors=True)
        if out.exists():
            out.unlink()
        t = time.perf_counter()
        try:
            summary = export_dataset(store, selection, fmt, out)
        except Exception as exc:
            row("export", f"{fmt}: articles/s", fmt_n(articles), f"failed: {type(exc).__name__}: {exc}"[:120])
            continue
        elapsed = time.perf_counter() - t
        skipped = sum(summary.skipped.values())
        row("export", f"{fmt}: articles/s (suggestions included)", fmt_n(articles), f"{summary.articles / elapsed:,.0f}",
            "", f"{elapsed:.1f} s" + (f"; {skipped:,} spans skipped" if skipped else ""))
    store.close()


# --- growth --------------------------------------------------------------------------------


def growth(results: list[dict]) -> None:
    results = [r for r in results if r]
    if len(results) < 2:
        return
    first, last = results[0], results[-1]
    factor = last["n"] / first["n"]
    keys = {
        "page0": "first page of the list",
        "page_deep": "last page of the list",
        "fts_common": "full-text filter, common word",
        "fts_rare": "full-text filter, rare words",
        "long": "open the long article (store)",
        "progress": "progress counts",
        "open": "open the database",
        "paint": "app first paint",
        "rss": "app peak memory",
        "filter": "app full-text filter, common word",
        "accept": "app accept to database",
    }
    for key, name in keys.items():
        if key not in first or key not in last:
            continue
        a, b = first[key], last[key]
        if not (a == a and b == b) or a <= 0:
            continue
        ratio = b / a
        kind = ("constant" if ratio < 2 else "sub-linear" if ratio < factor / 3 else
                "linear" if ratio < factor * 3 else "worse than linear")
        row("growth", f"{name}: {fmt_n(first['n'])} -> {fmt_n(last['n'])} (x{factor:.0f})", "",
            f"x{ratio:.1f}", "", kind)


# --- output --------------------------------------------------------------------------------


def write_results(args, started: float) -> str:
    lines = [
        "# copydesk benchmark results",
        "",
        f"`python -m bench.run {' '.join(sys.argv[1:])}`".replace(" `", "`"),
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs "
        f"(shared and noisy: compare ratios within a run). Run took {(time.time() - started) / 60:.1f} min.",
        "",
        "| area | measure | N | value | baseline | ratio / target |",
        "|---|---|---|---|---|---|",
    ]
    for r in ROWS:
        lines.append(f"| {r.area} | {r.measure} | {r.n} | {r.value} | {r.baseline} | {r.verdict} |")
    if NOTES:
        lines += ["", *[f"- {note}" for note in NOTES]]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text)
    return text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="copydesk benchmarks (writes bench/RESULTS.md)")
    parser.add_argument("--sizes", default=None, help="database sizes, e.g. 1000,10000,100000")
    parser.add_argument("--quick", action="store_true", help="small import, databases of 1,000 and 10,000")
    parser.add_argument("--import-n", type=int, default=None, help="articles for the import benchmark")
    parser.add_argument("--export-n", type=int, default=None, help="database size for exports (default 10,000)")
    parser.add_argument("--skip", default="", help="comma list of: import,writes,db,app,export,profile")
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else ([1000, 10000] if args.quick else [1000, 10000, 100000])
    import_n = args.import_n or (150 if args.quick else 1000)
    export_n = args.export_n or (sizes[-1] if args.quick else 10000)
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.time()

    previous = json.loads(LAST_ROWS.read_text()) if LAST_ROWS.exists() else []
    PART["now"] = "import"
    if "import" not in skip:
        try:
            bench_import(import_n, profile="profile" not in skip)
        except ImportError as exc:
            row("import", "copydesk import", fmt_n(import_n), f"not measured: {exc}")
    PART["now"] = "writes"
    if "writes" not in skip:
        bench_store_writes(1000 if not args.quick else 500)
    results = []
    PART["now"] = "db"
    if "db" not in skip:
        for n in sizes:
            results.append(bench_database(n, app="app" not in skip))
        growth(results)
    PART["now"] = "export"
    if "export" not in skip:
        bench_exports(export_n)
    # A skipped part keeps the rows of the last run that measured it, marked as such.
    measured = {r.part for r in ROWS}
    kept = [Row(**{**r, "verdict": (r["verdict"] + " (earlier run)").strip()}) for r in previous
            if r["part"] not in measured]
    order = ["import", "writes", "db", "export"]
    ROWS[:] = sorted(ROWS + kept, key=lambda r: order.index(r.part) if r.part in order else 9)
    LAST_ROWS.write_text(json.dumps([r.__dict__ | {"verdict": r.verdict.replace(" (earlier run)", "")} for r in ROWS]))
    print()
    print(write_results(args, started))


if __name__ == "__main__":
    main()
