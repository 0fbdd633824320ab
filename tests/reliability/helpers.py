"""Shared by the reliability tests: databases with suggestions (no spaCy),
and child processes running tests/reliability/worker.py."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from annotators.types import CleanedText, Span
from store import Store
from store.db import transaction
from store.ingest import SourceDoc, import_paths, store_new

ROOT = Path(__file__).resolve().parents[2]

# One short article with a quote: what the hostile-input tests hide among bad files.
GOOD = "Minister Jane Okafor opened the bridge in Lagos on Monday.\n\n\u201cIt carries 40,000 cars a day,\u201d she said.\n"


def run(store, pre, *paths):
    """Import ``paths`` into ``store`` with the pre-annotator ``pre``."""
    return import_paths(store.db, list(paths), pre)

BODY = (
    "Minister {name} opened the new bridge in Lagos on Monday.\n\n"
    "\u201cThis bridge will carry {cars} cars a day,\u201d {name} said.\n\n"
    "The project cost ${cost} million, according to the ministry.\n"
)


def article_text(i: int) -> str:
    return BODY.format(name=f"Jane Okafor{i}", cars=40_000 + i, cost=100 + i)


def seed_store(path: Path, articles: int = 5) -> Store:
    """A database of ``articles`` articles, each with model suggestions."""
    store = Store.open(path, annotator="seeder")
    with transaction(store.db):
        for i in range(articles):
            text = article_text(i)
            doc = SourceDoc(f"/seed/{i}.txt", f"{i}.txt", text, CleanedText(text=text, title=f"Bridge {i}"))
            name = text.index("Jane")
            quote = text.index("\u201c")
            spans = [
                Span(name, name + len(f"Jane Okafor{i}"), "PERSON", "entity"),
                Span(text.index("Lagos"), text.index("Lagos") + 5, "GPE", "entity"),
                Span(quote, text.index("\u201d") + 1, "QUOTE", "quote", {"speaker": f"Jane Okafor{i}"}),
                Span(text.index("The project"), len(text) - 1, "CLAIM", "claim", {"tags": ["statistic"]}),
            ]
            store_new(store.db, doc, spans, "model")
    return store


def worker(*args: str) -> subprocess.Popen:
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env = dict(os.environ, PYTHONPATH=pythonpath, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.worker", *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("pragma integrity_check").fetchone()[0]
    finally:
        conn.close()
