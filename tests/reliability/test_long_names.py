"""An article whose file name is too long for a file system (issue 20): the
brat and xmi exports refused the whole export without naming it. The name is
cut (told apart by a hash), its whole form kept in copydesk-meta.jsonl."""
from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from store import Store
from tests.reliability.helpers import GOOD, run
from tui.cli import app

NAMES = ["x" * 300 + ".txt", "\u00e9" * 200 + ".txt", "x" * 300 + ".md"]


@pytest.fixture
def long_named(tmp_path, blank):
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps({"text": f"{GOOD} {i}.", "meta": {"file": name}}) + "\n"
                            for i, name in enumerate(NAMES)), encoding="utf-8")
    store = Store.open(tmp_path / "c.db", annotator="x")
    assert run(store, blank, path).problems == []
    store.close()
    return tmp_path / "c.db"


@pytest.mark.parametrize("fmt", ["brat", "xmi"])
def test_an_export_of_articles_with_overlong_names_writes_every_article(long_named, tmp_path, fmt):
    out = tmp_path / fmt
    result = CliRunner().invoke(app, ["export", "-f", fmt, "--include-suggestions", "--db", str(long_named),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = os.listdir(out)
    assert all(len(os.fsencode(name)) <= 255 for name in names)
    articles = [n for n in names if n.endswith(".ann" if fmt == "brat" else ".xmi")]
    assert len(articles) == 3 and len(set(articles)) == 3


def test_the_whole_name_comes_back_from_a_brat_export(long_named, tmp_path, blank):
    out = tmp_path / "brat"
    assert CliRunner().invoke(app, ["export", "-f", "brat", "--include-suggestions", "--db", str(long_named),
                                    "--out", str(out)]).exit_code == 0
    again = Store.open(tmp_path / "again.db", annotator="x")
    assert run(again, blank, out).problems == []
    assert sorted(a.file for a in again.list_articles()) == sorted(NAMES)
    again.close()
