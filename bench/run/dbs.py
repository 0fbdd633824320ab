"""Databases of 1k / 10k / 100k generated articles, built by direct inserts, and reads on them."""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from pathlib import Path

from bench import corpus

from .common import OUT, SEED, fmt_n, log, ms, row, timed

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


# --- reading at scale ----------------------------------------------------------------


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
        from .app import bench_app

        out.update(bench_app(path, long_id, n))
    return out


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
