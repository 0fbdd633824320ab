"""A real brat corpus (brat's own tutorial documents, tests/fixtures/brat_tutorial,
see SOURCE.md there): imported and exported again, every T, R and E line comes
through, matched by what it says (types, offsets, arguments, nested events)."""
from __future__ import annotations

from store.export import Selection, export_dataset
from tests.conftest import FIXTURES
from tests.store._datasets import imported_store
from tests.store.brat_checker import verify
from tests.store.brat_lines import kept_fractions

CORPUS = FIXTURES / "brat_tutorial"


def test_brat_tutorial_corpus_comes_through_import_and_export(tmp_path):
    store = imported_store(tmp_path / "a.db", CORPUS)
    export_dataset(store, Selection(), "brat", tmp_path / "out")
    kept = kept_fractions(CORPUS, tmp_path / "out")
    assert kept["T"][1] == 78 and kept["R"][1] == 7 and kept["E"][1] == 19  # the corpus has them all
    for kind, (found, total) in kept.items():
        assert found >= 0.99 * total, (kind, found, total)
    assert verify(tmp_path / "out") == []
