"""Story grouping at a newsroom's scale: cost per article and memory at 1k and 10k articles.

    PYTHONPATH=. .venv/bin/python bench/stories_scale.py [--sizes 1000,10000] [--per-day 300]

Each size is its own process (so its peak memory is its own): a fresh database
gets N articles, the ECB+ dev texts repeated with publication dates moving on
by ``--per-day`` articles a day, then ``store.stories.assign_stories`` groups
them as an import does.  Printed per size: articles/s over the whole run and
over its last 1,000 articles, peak memory (max RSS), and the time to read the
stored stories (what ``copydesk stories`` does); then the ratios of the
largest size to the smallest: a flat cost per article means a ratio near 1.
The machine is shared and noisy: compare the ratios, not the seconds.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = Path("/work/shared/data/stories/ecbplus_dev.jsonl")
TAIL = 1000


def one_size(n: int, per_day: int, data: Path) -> dict:
    from store.articles import insert_article
    from store.db import connect, transaction
    from store.stories import assign_stories, stored_stories

    texts = [json.loads(line)["text"] for line in data.open(encoding="utf-8")]
    start = date(2024, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        db = connect(Path(tmp) / "scale.db")
        with transaction(db):
            for i in range(n):
                text = texts[i % len(texts)] + f"\n\n(copy {i})"
                insert_article(db, {"text": text, "published": (start + timedelta(days=i // per_day)).isoformat(),
                                    "title": text.split("\n", 1)[0][:80], "source": f"outlet{i % 7}",
                                    "content_hash": hashlib.sha1(text.encode()).hexdigest(), "path": f"scale/{i}"})
        marks: dict[int, float] = {}

        def progress(done: int, total: int) -> None:
            marks[done] = time.perf_counter()

        t0 = time.perf_counter()
        assign_stories(db, on_progress=progress)
        total = time.perf_counter() - t0
        tail_start = max((d for d in marks if d <= n - TAIL), default=0)
        tail_time = marks[max(marks)] - (marks[tail_start] if tail_start else t0)
        t1 = time.perf_counter()
        stored_stories(db, limit=50)
        read = time.perf_counter() - t1
        db.conn.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "per_s": n / total, "tail_per_s": (n - tail_start) / tail_time, "peak_mb": peak_mb, "read_s": read}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--per-day", type=int, default=300)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.per_day, args.data)))
        return
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--per-day", str(args.per_day),
                              "--data", str(args.data)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print("| articles | articles/s (all) | articles/s (last 1,000) | peak MB | read stories s |\n|---|---|---|---|---|")
    for r in results:
        print(f"| {r['n']:,} | {r['per_s']:.0f} | {r['tail_per_s']:.0f} | {r['peak_mb']:.0f} | {r['read_s']:.3f} |")
    small, big = results[0], results[-1]
    print(f"\n{big['n']:,} vs {small['n']:,} articles: cost per article x{small['tail_per_s'] / big['tail_per_s']:.2f} "
          f"(last 1,000 of each), peak memory x{big['peak_mb'] / small['peak_mb']:.2f}")


if __name__ == "__main__":
    main()
