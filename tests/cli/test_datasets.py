"""`copydesk export` / `import` / `train` through the Typer app (CliRunner)."""
from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

from store import Store
from tests.store._datasets import SAMPLE, cli, imported_store

READABLE = {"jsonl": "A.jsonl", "spacy": "A.spacy", "brat": "A", "doccano": "A.jsonl"}


def same(a: Path, b: Path) -> bool:
    if a.is_dir():
        cmp = filecmp.dircmp(a, b)
        return not (cmp.left_only or cmp.right_only or cmp.diff_files or cmp.funny_files) and \
            all(filecmp.cmp(a / f, b / f, shallow=False) for f in cmp.common_files)
    return a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("fmt", list(READABLE))
def test_round_trip_import_export_import_export_is_identical(tmp_path, fmt):
    """import fixture -> export A -> import A into a fresh db -> export B; A == B byte for byte."""
    imported_store(tmp_path / "one.db").close()
    a = tmp_path / "a" / READABLE[fmt]
    b = tmp_path / "b" / READABLE[fmt]
    assert cli("export", "-f", fmt, "--out", a, "--db", tmp_path / "one.db").exit_code == 0
    result = cli("import", a, "--db", tmp_path / "two.db")
    assert result.exit_code == 0, result.output
    assert cli("export", "-f", fmt, "--out", b, "--db", tmp_path / "two.db").exit_code == 0
    assert same(a, b)
    two = Store.open(tmp_path / "two.db")
    assert two.count_articles() == 5
    spans = two.spans(two.article_ids()[0])
    assert spans and all(s.origin == "imported" for s in spans)
    assert two.get_article(two.article_ids()[0]).path.startswith(str(a.resolve()))


@pytest.mark.parametrize("fmt", ["jsonl", "spacy", "conll", "brat", "doccano", "csv", "xmi"])
def test_every_format_exports_with_a_summary(tmp_path, fmt):
    imported_store(tmp_path / "a.db").close()
    out = tmp_path / "out" / ("data" if fmt in ("brat", "csv", "xmi") else f"data.{fmt}")
    result = cli("export", "--format", fmt, "--out", out, "--db", tmp_path / "a.db")
    assert result.exit_code == 0, result.output
    assert "articles" in result.output and "5" in result.output
    assert out.exists()


def test_split_is_by_article_and_repeatable(tmp_path):
    imported_store(tmp_path / "a.db").close()

    def split(seed, out):
        result = cli("export", "-f", "jsonl", "--out", out, "--split", "0.6:0.2", "--seed", seed, "--db", tmp_path / "a.db")
        assert result.exit_code == 0, result.output
        return {name: [json.loads(l)["meta"]["article_id"] for l in (out / f"{name}.jsonl").read_text().splitlines()]
                for name in ("train", "dev", "test")}

    first, again, other = split(1, tmp_path / "s1"), split(1, tmp_path / "s2"), split(7, tmp_path / "s3")
    assert first == again
    ids = first["train"] + first["dev"] + first["test"]
    assert sorted(ids) == [1, 2, 3, 4, 5] and len(set(ids)) == 5  # every article in exactly one split
    assert [len(first[n]) for n in ("train", "dev", "test")] == [3, 1, 1]
    assert sorted(other["train"] + other["dev"] + other["test"]) == [1, 2, 3, 4, 5]


def test_split_for_folder_formats_writes_subfolders(tmp_path):
    imported_store(tmp_path / "a.db").close()
    assert cli("export", "-f", "brat", "--out", tmp_path / "b", "--split", "0.8", "--db", tmp_path / "a.db").exit_code == 0
    train = {p.stem for p in (tmp_path / "b" / "train").glob("*.txt")}
    dev = {p.stem for p in (tmp_path / "b" / "dev").glob("*.txt")}
    assert len(train) == 4 and len(dev) == 1 and not train & dev


def test_articles_and_query_filters(tmp_path):
    imported_store(tmp_path / "a.db").close()
    out = tmp_path / "x.jsonl"
    assert cli("export", "--out", out, "--articles", "2,4-5", "--db", tmp_path / "a.db").exit_code == 0
    assert [json.loads(l)["meta"]["article_id"] for l in out.read_text().splitlines()] == [2, 4, 5]
    assert cli("export", "--out", out, "--articles", "001_d0109b297222dfef.txt", "--db", tmp_path / "a.db").exit_code == 0
    assert [json.loads(l)["meta"]["file"] for l in out.read_text().splitlines()] == ["001_d0109b297222dfef.txt"]
    assert cli("export", "--out", out, "--query", "Blinken", "--db", tmp_path / "a.db").exit_code == 0
    assert all("Blinken" in json.loads(l)["text"] for l in out.read_text().splitlines())
    bad = cli("export", "--out", out, "--articles", "99", "--db", tmp_path / "a.db")
    assert bad.exit_code != 0


def test_bad_options(tmp_path):
    imported_store(tmp_path / "a.db").close()
    assert cli("export", "-f", "xml", "--out", tmp_path / "x", "--db", tmp_path / "a.db").exit_code == 2
    assert cli("export", "--out", tmp_path / "x", "--split", "1.5", "--db", tmp_path / "a.db").exit_code == 2


def test_bad_labelled_input_names_file_and_line_and_keeps_the_rest(tmp_path):
    good = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    bad = dict(good, text=good["text"] + " Extra.", spans=good["spans"] + [{"start": 0, "end": 10**6, "label": "ORG"}])
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n{broken\n", encoding="utf-8")
    result = cli("import", path, "--db", tmp_path / "a.db")
    assert result.exit_code == 1
    assert f"{path}:2" in result.output.replace("\n", "") or "mixed.jsonl:2" in result.output
    assert "mixed.jsonl:3" in result.output
    store = Store.open(tmp_path / "a.db")
    assert store.count_articles() == 1  # the bad article is not half-imported
    assert store.db.execute("select count(*) from spans").fetchone()[0] == len(good["spans"]) + len(good["quotes"]) + len(good["claims"])


def test_brat_folder_with_one_bad_pair(tmp_path):
    imported_store(tmp_path / "a.db").close()
    assert cli("export", "-f", "brat", "--out", tmp_path / "b", "--db", tmp_path / "a.db").exit_code == 0
    ann = sorted((tmp_path / "b").glob("*.ann"))[0]
    lines = ann.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit("\t", 1)[0] + "\tnot the text"
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("import", tmp_path / "b", "--db", tmp_path / "c.db")
    assert result.exit_code == 1 and f"{ann.name}:3" in result.output.replace("\n", "")
    # the bad line is named and left out; the rest of that article comes in (brat is read line by line)
    assert Store.open(tmp_path / "c.db").count_articles() == 5


def test_train_tiny_writes_a_loadable_pipeline(tmp_path):
    import spacy

    imported_store(tmp_path / "a.db").close()
    out = tmp_path / "model"
    result = cli("train", "--output", out, "--max-epochs", "1", "--max-steps", "2", "--max-span-tokens", "6",
                 "--db", tmp_path / "a.db")
    assert result.exit_code == 0, result.output
    assert "dev split" in result.output and "PERSON" in result.output
    assert (out / "corpus" / "train.spacy").exists() and (out / "corpus" / "config.cfg").exists()
    nlp = spacy.load(out)
    assert "ner" in nlp.pipe_names and "parser" in nlp.pipe_names
    doc = nlp("Antony Blinken met Mark Rutte in Brussels.")
    assert list(doc.sents)


def test_train_refuses_a_folder_that_is_not_a_pipeline(tmp_path):
    imported_store(tmp_path / "a.db").close()
    (tmp_path / "stuff").mkdir()
    (tmp_path / "stuff" / "notes.txt").write_text("mine")
    result = cli("train", "--output", tmp_path / "stuff", "--db", tmp_path / "a.db")
    assert result.exit_code == 2 and (tmp_path / "stuff" / "notes.txt").exists()


def test_layer_with_a_format_other_than_doccano_is_refused_with_a_reason(tmp_path):
    imported_store(tmp_path / "a.db").close()
    result = cli("export", "-f", "jsonl", "--layer", "entities", "--out", tmp_path / "x.jsonl", "--db", tmp_path / "a.db")
    assert result.exit_code == 2
    assert "--layer is for --format doccano" in result.output
    assert not (tmp_path / "x.jsonl").exists()
