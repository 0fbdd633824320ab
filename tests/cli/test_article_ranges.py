"""``--articles`` ranges are bounds, not lists (issue 20): ``1-999999999999``
built a list of a trillion ids (MemoryError, or the OOM killer)."""
from __future__ import annotations

import subprocess
import sys

import pytest
import typer

from tests.reliability.helpers import ROOT, seed_store
from tui.cli.datasets import parse_article_ids


@pytest.fixture
def five(tmp_path):
    store = seed_store(tmp_path / "five.db", 5)
    yield store
    store.close()


def test_a_range_selects_the_articles_whose_ids_lie_within_it(five):
    assert parse_article_ids(five, "2-4") == [2, 3, 4]
    assert parse_article_ids(five, "4-1000") == [4, 5]  # bounds: ids past the last article are no error
    assert parse_article_ids(five, "1,3-3") == [1, 3]


def test_a_range_with_no_article_or_backwards_or_a_missing_id_is_named(five):
    with pytest.raises(typer.BadParameter, match="no article with an id from 6 to 9"):
        parse_article_ids(five, "6-9")
    with pytest.raises(typer.BadParameter, match="ends before it starts"):
        parse_article_ids(five, "4-2")
    with pytest.raises(typer.BadParameter, match="no article with id 7"):
        parse_article_ids(five, "7")


def test_a_huge_range_is_bounds_in_small_memory(tmp_path):
    """In a child limited to 600 MB of data: the old list of ids could not be built there."""
    seed_store(tmp_path / "five.db", 5).close()
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_DATA, (600 * 2**20, 600 * 2**20))\n"
        "from store import Store\n"
        "from tui.cli.datasets import parse_article_ids\n"
        f"store = Store.open({str(tmp_path / 'five.db')!r})\n"
        "print(parse_article_ids(store, '1-999999999999'), parse_article_ids(store, '3-' + '9' * 5000))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split("\n")[0] == "[1, 2, 3, 4, 5] [3, 4, 5]"
