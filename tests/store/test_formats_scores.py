"""A claim's check-worthiness ``score`` and a quote's ``speaker_score`` (issues
21 and 22) go out in every format that has a place for them, read back by the
readers the other export tests use (copydesk's own import for jsonl, pandas for
csv, doccano 1.8.4's own upload and export for doccano, dkpro-cassis for xmi),
and nothing about them is written when the model gave none."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from cassis import load_cas_from_xmi, load_typesystem

from store.export import Selection, export_dataset
from store.formats import xmi
from store.ingest import read_file
from tests.store._datasets import awkward_store, cli, imported_store
from tests.store.doccano_upload import download, upload

# article-pages (scrapinghub benchmark, MIT): three sentences of one car review, joined
TEXT = ("Toyota says the battery is mounted under the floor, giving the SUV a lower center of gravity. "
        "\u201cIt grabbed me by the heart the moment I heard it,\u201d he said. The new engine is 20% more powerful.")
SCORED_CLAIM = TEXT.index("Toyota"), TEXT.index(". \u201c") + 1
PLAIN_CLAIM = TEXT.index("The new"), len(TEXT)
QUOTE = TEXT.index("\u201c"), TEXT.index("\u201d") + 1


def labelled_line(**extra) -> dict:
    return {"text": TEXT, "meta": {"title": "Scores"}, "answer": "accept",
            "claims": [{"start": SCORED_CLAIM[0], "end": SCORED_CLAIM[1], "tags": ["attribution"], "score": 0.83},
                       {"start": PLAIN_CLAIM[0], "end": PLAIN_CLAIM[1], "tags": ["statistic"]}],
            "quotes": [{"start": QUOTE[0], "end": QUOTE[1], "speaker": "he", "speaker_start": TEXT.index("he said"),
                        "speaker_end": TEXT.index("he said") + 2, "cue": "said", "speaker_score": 0.42}], **extra}


@pytest.fixture
def scored(tmp_path):
    source = tmp_path / "scored.jsonl"
    source.write_text(json.dumps(labelled_line(), ensure_ascii=False) + "\n", encoding="utf-8")
    return imported_store(tmp_path / "s.db", source)


def test_a_labelled_import_keeps_the_scores_in_the_spans_attrs(scored):
    [article_id] = scored.article_ids()
    by_start = {s.start: s for s in scored.spans(article_id)}
    assert by_start[SCORED_CLAIM[0]].attrs["score"] == 0.83
    assert "score" not in by_start[PLAIN_CLAIM[0]].attrs
    assert by_start[QUOTE[0]].attrs["speaker_score"] == 0.42


def test_jsonl_writes_the_scores_and_reads_them_back(scored, tmp_path):
    out = tmp_path / "out.jsonl"
    export_dataset(scored, Selection(), "jsonl", out)
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    claims = {c["start"]: c for c in line["claims"]}
    assert claims[SCORED_CLAIM[0]]["score"] == 0.83 and "score" not in claims[PLAIN_CLAIM[0]]
    assert line["quotes"][0]["speaker_score"] == 0.42
    problems = []
    [doc] = read_file(out, problems)
    assert problems == []
    back = {s.start: s.attrs for s in doc.labelled}
    assert back[SCORED_CLAIM[0]]["score"] == 0.83 and back[QUOTE[0]]["speaker_score"] == 0.42


def test_csv_has_a_score_column_pandas_reads_as_numbers(scored, tmp_path):
    export_dataset(scored, Selection(), "csv", tmp_path / "t")
    claims = pd.read_csv(tmp_path / "t" / "claims.csv").set_index("start")
    quotes = pd.read_csv(tmp_path / "t" / "quotes.csv")
    assert claims["score"].dtype.kind == "f"
    assert claims.loc[SCORED_CLAIM[0], "score"] == 0.83 and pd.isna(claims.loc[PLAIN_CLAIM[0], "score"])
    assert quotes["speaker_score"].tolist() == [0.42]


def test_doccano_carries_the_scores_in_meta_through_doccano_and_back(scored, tmp_path):
    out = tmp_path / "d.jsonl"
    export_dataset(scored, Selection(), "doccano", out, layer="all")
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    detail = line["meta"]["copydesk"]
    assert [c.get("score") for c in detail["claims"]] == [0.83, None]
    assert detail["quotes"][0]["speaker_score"] == 0.42
    back = tmp_path / "from-doccano.jsonl"
    lines = download(upload(out, allow_overlapping=True))
    back.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    problems = []
    [doc] = read_file(back, problems)
    assert problems == []
    attrs = {s.start: s.attrs for s in doc.labelled}
    assert attrs[SCORED_CLAIM[0]]["score"] == 0.83 and attrs[QUOTE[0]]["speaker_score"] == 0.42


def test_xmi_has_float_score_features_cassis_reads(scored, tmp_path):
    export_dataset(scored, Selection(), "xmi", tmp_path / "x")
    with (tmp_path / "x" / xmi.TYPESYSTEM_FILE).open("rb") as fh:
        ts = load_typesystem(fh)
    assert ts.get_type(xmi.CLAIM).get_feature("score").rangeType.name == "uima.cas.Float"
    assert ts.get_type(xmi.QUOTE).get_feature("speakerScore").rangeType.name == "uima.cas.Float"
    [path] = (tmp_path / "x").glob("*.xmi")
    with path.open("rb") as fh:
        cas = load_cas_from_xmi(fh, typesystem=ts)
    claims = {c.begin: c for c in cas.select(xmi.CLAIM)}
    assert claims[SCORED_CLAIM[0]].score == pytest.approx(0.83) and claims[PLAIN_CLAIM[0]].score is None
    [quote] = cas.select(xmi.QUOTE)
    assert quote.speakerScore == pytest.approx(0.42)


def test_without_scores_no_format_writes_a_score(tmp_path):
    store, _ = awkward_store(tmp_path / "a.db")
    export_dataset(store, Selection(), "jsonl", tmp_path / "a.jsonl")
    export_dataset(store, Selection(), "doccano", tmp_path / "d.jsonl", layer="all")
    export_dataset(store, Selection(), "xmi", tmp_path / "x")
    for path in (tmp_path / "a.jsonl", tmp_path / "d.jsonl", *Path(tmp_path / "x").glob("*.xmi")):
        written = path.read_text(encoding="utf-8")
        assert "score" not in written and "Score" not in written, path.name


def test_a_score_that_is_not_a_number_from_0_to_1_is_refused_naming_file_line_and_field(tmp_path):
    good = labelled_line()
    bad = labelled_line(meta={"title": "Bad"})
    bad["claims"][0]["score"] = "high"
    source = tmp_path / "mixed.jsonl"
    source.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    problems = []
    docs = read_file(source, problems)
    assert [d.meta.get("title") for d in docs] == ["Scores"]  # the good line is kept
    [problem] = problems
    assert str(problem) == f"{source}:1: claim score 'high': must be a number from 0 to 1"


def test_copydesk_export_on_the_command_line_writes_the_scores(scored, tmp_path):
    result = cli("export", "-f", "csv", "--db", tmp_path / "s.db", "--out", tmp_path / "cli")
    assert result.exit_code == 0, result.output
    claims = pd.read_csv(tmp_path / "cli" / "claims.csv")
    assert sorted(claims["score"].dropna().tolist()) == [0.83]
