"""Store writes: our span rows against a plain ``executemany``."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench import corpus

from .common import OUT, SEED, fmt_n, log, row
from .dbs import fake_spans


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
