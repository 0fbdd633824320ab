"""Text not in Unicode NFC (issue 20): a brat .txt in NFD was refused as a
whole file ("offsets cannot be kept through normalisation"). A standoff
corpus's text is its own: kept exactly, as brat does. A labelled jsonl line is
composed to NFC with its offsets carried along."""
from __future__ import annotations

import json
import unicodedata

from typer.testing import CliRunner

from store import Store
from tests.reliability.helpers import run
from tests.store.brat_lines import kept_fractions
from tui.cli import app

NFD = unicodedata.normalize("NFD", "Café owners in Liège said the région's plan works.\n")


def span(word: str) -> tuple[int, int]:
    start = NFD.index(unicodedata.normalize("NFD", word))
    return start, start + len(unicodedata.normalize("NFD", word))


def test_a_brat_text_in_nfd_is_kept_exactly_and_comes_back_line_for_line(store, blank, tmp_path):
    given = tmp_path / "given"
    given.mkdir()
    (given / "a.txt").write_text(NFD, encoding="utf-8")
    lines = [f"T{i}\tLOC {a} {b}\t{NFD[a:b]}" for i, (a, b) in enumerate((span("Café"), span("Liège")), start=1)]
    (given / "a.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(store, blank, given).problems == []
    [article] = store.list_articles()
    text = store.get_article(article.id).text
    assert text == NFD
    assert sorted(text[s.start:s.end] for s in store.spans(article.id)) == sorted([NFD[slice(*span("Café"))],
                                                                                    NFD[slice(*span("Liège"))]])
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", "-f", "brat", "--db", str(store.path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text(encoding="utf-8") == NFD
    assert kept_fractions(given, out)["T"] == (2, 2)


def test_a_labelled_jsonl_line_in_nfd_is_composed_with_its_offsets(store, blank, tmp_path):
    path = tmp_path / "feed.jsonl"
    a, b = span("Liège")
    path.write_text(json.dumps({"text": NFD, "spans": [{"start": a, "end": b, "label": "GPE"}]}) + "\n",
                    encoding="utf-8")
    assert run(store, blank, path).problems == []
    [article] = store.list_articles()
    text = store.get_article(article.id).text
    assert text == unicodedata.normalize("NFC", NFD)
    assert [(text[s.start:s.end], s.label) for s in store.spans(article.id) if s.label == "GPE"] == [("Liège", "GPE")]
