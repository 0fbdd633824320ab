"""Exports of a generated database, every format."""
from __future__ import annotations

import shutil
import time

from .common import OUT, fmt_n, log, row
from .dbs import build_db


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
