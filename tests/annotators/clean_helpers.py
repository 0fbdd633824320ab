"""What the cleaning tests share: the sample articles and real pages, and
ways to read a cleaned text."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
PAGES = ROOT / "tests" / "fixtures" / "pages"
EXPECTED_PAGES = sorted(p.stem for p in PAGES.glob("*.txt") if p.with_suffix(".expected.json").exists())


def sample(prefix: str) -> str:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def body_lines(cleaned) -> list[str]:
    return cleaned.text.split("\n\n")


def squash(s: str) -> str:
    return " ".join(s.split())


def page(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text(encoding="utf-8")
