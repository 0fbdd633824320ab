"""What every part of the benchmark shares: paths, the rows of the table, formatting."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
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


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds == seconds else "n/a"


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def verdict(target: str, met: bool) -> str:
    return f"{'met' if met else 'MISSED'} (target {target})"
