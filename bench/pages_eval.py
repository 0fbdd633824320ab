"""Article bodies on the 127 real pages of ``shared/data/article-pages/``.

Every page NAME is cleaned three ways in one run:

- copydesk pasted: ``NAME.txt`` (the page as a reader pastes it) through the
  importer's pasted-text path (``store.ingest.clean_by_suffix(".txt", ...)``);
- copydesk HTML: ``NAME.html`` through the importer's HTML path;
- trafilatura HTML: ``trafilatura.extract`` alone on ``NAME.html`` (the
  reference extractor, default settings).

Each set of texts is written to a temporary folder (``DIR/NAME.txt``) and
scored by ``shared/tools/score_bodies.py GOLD --dir DIR``, run as the tool it
is: word 4-gram precision, recall and F1 per page, averaged, and the pages
fully right (precision and recall both >= 0.9). The table adds the time each
way took to clean the pages and that time against trafilatura's, measured in
the same run.

``shared/`` is found at ``../shared`` from the repository root; ``--shared
PATH`` names it elsewhere (a git worktree, say). ``--per-page`` prints the
three F1s of every page; ``--misses NAME ...`` prints, for those pages, the
gold body lines the pasted cleaner lost and the lines it kept that are not
in the gold body.

Run: .venv/bin/python bench/pages_eval.py [--shared /path/to/shared] [--per-page] [--misses page012]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.ingest import clean_by_suffix  # noqa: E402

SUMMARY = re.compile(
    r"precision (?P<precision>[\d.]+) recall (?P<recall>[\d.]+) F1 (?P<f1>[\d.]+) "
    r"fully right (?P<right>\d+)/(?P<pages>\d+)")
PER_PAGE = re.compile(r"^(?P<name>\S+)\tP (?P<p>[\d.]+)\tR (?P<r>[\d.]+)\tF1 (?P<f1>[\d.]+)", re.MULTILINE)


def copydesk_pasted(page: Path) -> str:
    return clean_by_suffix(".txt", page.with_suffix(".txt").read_text(encoding="utf-8"), page.name + ".txt").text


def copydesk_html(page: Path) -> str:
    return clean_by_suffix(".html", page.with_suffix(".html").read_text(encoding="utf-8"), page.name + ".html").text


def trafilatura_html(page: Path) -> str:
    import trafilatura

    return trafilatura.extract(page.with_suffix(".html").read_text(encoding="utf-8")) or ""


WAYS: dict[str, Callable[[Path], str]] = {
    "copydesk pasted": copydesk_pasted,
    "copydesk HTML": copydesk_html,
    "trafilatura HTML": trafilatura_html,
}


def clean_all(way: Callable[[Path], str], pages: list[Path], out: Path) -> float:
    """Write every page's cleaned text to OUT/NAME.txt; the cleaning time in seconds."""
    texts = {}
    started = time.perf_counter()
    for page in pages:
        texts[page.name] = way(page)
    elapsed = time.perf_counter() - started
    out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
    return elapsed


def score(tool: Path, gold: Path, folder: Path) -> tuple[dict[str, float], dict[str, tuple[float, float, float]]]:
    """The tool's summary and its per-page (precision, recall, F1)."""
    run = subprocess.run([sys.executable, str(tool), str(gold), "--dir", str(folder), "--verbose"],
                         capture_output=True, text=True, check=True)
    summary = SUMMARY.search(run.stdout)
    if summary is None:
        raise SystemExit(f"{tool}: no summary line in its output:\n{run.stdout}{run.stderr}")
    per_page = {m["name"]: (float(m["p"]), float(m["r"]), float(m["f1"])) for m in PER_PAGE.finditer(run.stdout)}
    return {k: float(v) for k, v in summary.groupdict().items()}, per_page


def print_misses(pages_dir: Path, names: list[str], gold: dict) -> None:
    """Gold lines the pasted cleaner lost, and kept lines outside the gold body."""
    for name in names:
        page = pages_dir / name
        kept = [l for l in copydesk_pasted(page).split("\n\n") if l.strip()]
        body = [l.strip() for l in gold[name]["body"].split("\n") if l.strip()]
        squash = lambda s: " ".join(re.findall(r"\w+", s.lower()))  # noqa: E731
        body_text, kept_text = squash(" ".join(body)), squash(" ".join(kept))
        print(f"\n## {name}")
        for line in body:
            if squash(line) and squash(line) not in kept_text:
                print(f"  LOST  {line[:150]}")
        for line in kept:
            if squash(line) and squash(line) not in body_text:
                print(f"  EXTRA {line[:150]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                    help="the shared/ folder (default: ../shared from the repository root)")
    ap.add_argument("--per-page", action="store_true", help="print every page's F1 for each way")
    ap.add_argument("--misses", nargs="*", metavar="NAME", help="pages whose pasted-text misses to list")
    args = ap.parse_args()
    pages_dir = args.shared / "data" / "article-pages"
    gold_path, tool = pages_dir / "gold.json", args.shared / "tools" / "score_bodies.py"
    for needed in (gold_path, tool):
        if not needed.is_file():
            raise SystemExit(f"{needed}: not found (give the shared/ folder with --shared PATH)")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if args.misses is not None:
        print_misses(pages_dir, args.misses or sorted(gold), gold)
        return
    pages = [pages_dir / name for name in sorted(gold)]
    rows = {}
    with tempfile.TemporaryDirectory(prefix="pages_eval-") as tmp:
        for label, way in WAYS.items():
            folder = Path(tmp) / re.sub(r"\W+", "_", label)
            seconds = clean_all(way, pages, folder)
            rows[label] = (seconds, *score(tool, gold_path, folder))
    baseline = rows["trafilatura HTML"][0]
    print(f"| way ({len(pages)} pages) | precision | recall | F1 | pages fully right | cleaning time | vs trafilatura |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, (seconds, summary, _) in rows.items():
        print(f"| {label} | {summary['precision']:.3f} | {summary['recall']:.3f} | {summary['f1']:.3f} | "
              f"{summary['right']:.0f}/{summary['pages']:.0f} | {seconds:.2f} s | x{seconds / baseline:.2f} |")
    if args.per_page:
        print("\n| page | " + " | ".join(rows) + " |")
        print("|---|" + "---:|" * len(rows))
        for name in sorted(gold):
            print(f"| {name} | " + " | ".join(f"{rows[label][2].get(name, (0, 0, 0))[2]:.3f}" for label in rows) + " |")


if __name__ == "__main__":
    main()
