"""Import of one brat article whose .ann holds N identical T lines (issue 20:
each copy's uid tried every suffix from 2 again, k² work). Prints the import's
time for each N and its ratio to the smallest N's: linear work keeps the time
per line flat.

    .venv/bin/python bench/identical_spans.py [N ...]     (default 2000 8000 20000)
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store import Store  # noqa: E402
from store.ingest import import_paths  # noqa: E402
from tests.reliability.worker import blank_preannotator  # noqa: E402

TEXT = "Minister Jane Okafor opened the bridge in Lagos on Monday.\n"


def seconds(n: int, pre) -> float:
    with tempfile.TemporaryDirectory() as folder:
        d = Path(folder)
        (d / "a.txt").write_text(TEXT)
        (d / "a.ann").write_text("".join(f"T{i}\tPERSON 9 20\tJane Okafor\n" for i in range(1, n + 1)))
        store = Store.open(d / "t.db", annotator="bench")
        start = time.perf_counter()
        import_paths(store.db, [d / "a.txt"], pre)
        took = time.perf_counter() - start
        store.close()
        return took


def main(sizes: list[int]) -> None:
    pre = blank_preannotator()
    first = None
    for n in sizes:
        took = seconds(n, pre)
        per_line = took / n
        first = first or per_line
        print(f"{n:>7,} identical T lines: {took:6.2f} s, {per_line * 1e3:.3f} ms a line, x{per_line / first:.2f} "
              f"of the first size's time a line")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [2000, 8000, 20000])
