"""copydesk.toml's claim_threshold is honoured by `copydesk import`."""
from __future__ import annotations

import pytest

from store import Store
from tests.store._datasets import cli
from tui.config import label_sets_from_mapping

ARTICLE = ("Unemployment rose to 7.2% in March, the highest since 2009, the statistics office said.\n\n"
           "Thank you all for coming tonight, the mayor told the crowd at the opening.\n\n"
           "The new bridge cost 40 million pounds, twice the first estimate, and opened two years late.\n")


def claims_imported(tmp_path, setting: str | None) -> list[dict]:
    folder = tmp_path / "team"
    folder.mkdir(parents=True)
    if setting is not None:
        (folder / "copydesk.toml").write_text(setting, encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    db = folder / "team.db"
    result = cli("import", folder / "article.txt", "--db", db)
    assert result.exit_code == 0, result.output
    store = Store.open(db, annotator="tester")
    try:
        (article_id,) = store.article_ids()
        return [s.attrs for s in store.spans(article_id, kinds=["claim"])]
    finally:
        store.close()


def test_import_suggests_claims_above_the_configured_threshold(tmp_path):
    everything = claims_imported(tmp_path / "zero", "claim_threshold = 0.0\n")
    nothing = claims_imported(tmp_path / "one", "claim_threshold = 1.0\n")
    default = claims_imported(tmp_path / "default", None)
    assert len(everything) == 3 and nothing == []
    assert 0 < len(default) < 3
    assert all(0.0 <= attrs["score"] <= 1.0 for attrs in everything)
    # the default suggests the sentences scoring highest
    assert sorted(a["score"] for a in default) == sorted(a["score"] for a in everything)[-len(default):]


@pytest.mark.parametrize("value", ["1.5", "-0.1", '"high"', "true"])
def test_a_bad_claim_threshold_is_reported_and_the_models_is_kept(value):
    sets = label_sets_from_mapping({"claim_threshold": eval_toml(value)}, "copydesk.toml")
    assert sets.claim_threshold is None
    assert sets.problems == ("copydesk.toml: claim_threshold must be a number from 0 to 1; using the model's",)


def eval_toml(value: str):
    import tomllib

    return tomllib.loads(f"v = {value}")["v"]


def test_an_unreadable_team_scorer_stops_the_import_naming_the_file(tmp_path, nlp):
    from annotators.claimscore import MODEL_NAME
    from annotators.models import team_file

    folder = tmp_path / "model"
    nlp.to_disk(folder)
    broken = team_file(folder, MODEL_NAME)
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"PK\x03\x04 truncated")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("import", tmp_path / "article.txt", "--model", folder, "--db", tmp_path / "t.db")
    assert result.exit_code == 2
    assert str(broken) in result.output.replace("\n", "") and "not a claim scorer file" in result.output
