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

Parts: ``imports`` (import vs bare spaCy), ``writes`` (store writes), ``dbs``
(databases built by direct inserts, reads on them, growth), ``app`` (the app
headless, beside a bare Textual app), ``exports``; ``common`` holds the table.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time

from .common import LAST_ROWS, NOTES, OUT, PART, RESULTS, ROWS, Row, fmt_n, row
from .dbs import bench_database, build_db, fake_spans, growth  # noqa: F401 (used from bench scripts)
from .exports import bench_exports
from .imports import bench_import
from .writes import bench_store_writes


def commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=RESULTS.parent, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=RESULTS.parent,
                               capture_output=True, text=True).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "") if out.returncode == 0 else "unknown"
    except OSError:
        return "unknown"


def write_results(args, started: float) -> str:
    lines = [
        "# copydesk benchmark results",
        "",
        f"`python -m bench.run {' '.join(sys.argv[1:])}`".replace(" `", "`"),
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs "
        f"(shared and noisy: compare ratios within a run). Run took {(time.time() - started) / 60:.1f} min, "
        f"ended {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} at commit {commit()}, "
        f"load average {os.getloadavg()[0]:.1f} (1 min) / {os.getloadavg()[2]:.1f} (15 min) at the end.",
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
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="copydesk benchmarks (writes bench/RESULTS.md)")
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
