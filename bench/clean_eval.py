"""Line-level score of clean_pasted on the fixture pages with expectations.

For every ``tests/fixtures/pages/NAME.txt`` with a ``NAME.expected.json``
(``body_lines``: lines that belong to the article, ``chrome_lines``: lines
that must go), print a markdown table of:

- body precision: of the kept lines that are labelled, the share labelled body
- body recall: share of body lines kept
- chrome removal: share of chrome lines not kept

Run: .venv/bin/python bench/clean_eval.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotators.clean import clean_pasted, normalise_text  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"


def score(page: Path) -> dict[str, float | int | str]:
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    body = {normalise_text(l).strip() for l in expected["body_lines"]}
    chrome = {normalise_text(l).strip() for l in expected["chrome_lines"]} - body
    kept = set(clean_pasted(page.read_text(encoding="utf-8")).text.split("\n\n"))
    kept_labelled = kept & (body | chrome)
    return {
        "page": page.stem,
        "body": len(body),
        "chrome": len(chrome),
        "precision": len(kept & body) / len(kept_labelled) if kept_labelled else 1.0,
        "recall": len(kept & body) / len(body) if body else 1.0,
        "chrome_removed": len(chrome - kept) / len(chrome) if chrome else 1.0,
    }


def main() -> None:
    rows = [score(p) for p in sorted(PAGES.glob("*.txt")) if p.with_suffix(".expected.json").exists()]
    print("| page | body lines | chrome lines | body precision | body recall | chrome removed |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['page']} | {r['body']} | {r['chrome']} | {r['precision']:.2f} | {r['recall']:.2f} | {r['chrome_removed']:.2f} |")
    totals = {k: sum(r[k] for r in rows) for k in ("body", "chrome")}
    kept_body = sum(r["recall"] * r["body"] for r in rows)
    removed = sum(r["chrome_removed"] * r["chrome"] for r in rows)
    # Micro precision needs kept-chrome counts: recover them from removal rate.
    kept_chrome = sum((1 - r["chrome_removed"]) * r["chrome"] for r in rows)
    precision = kept_body / (kept_body + kept_chrome) if kept_body + kept_chrome else 1.0
    print(f"| **all ({len(rows)} pages)** | {totals['body']} | {totals['chrome']} | "
          f"{precision:.2f} | {kept_body / totals['body']:.2f} | {removed / totals['chrome']:.2f} |")


if __name__ == "__main__":
    main()
