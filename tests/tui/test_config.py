"""Label sets: copydesk.toml beside the database, else the shipped defaults."""
from __future__ import annotations

from tui.config import CLAIM_TAGS, ENTITY_LABELS, VERDICTS, load_label_sets


def test_defaults_without_a_file(tmp_path):
    sets = load_label_sets(tmp_path / "x.db")
    assert (sets.entity_labels, sets.claim_tags, sets.verdicts) == (ENTITY_LABELS, CLAIM_TAGS, VERDICTS)


def test_copydesk_toml_beside_the_database(tmp_path):
    (tmp_path / "copydesk.toml").write_text('[tool.copydesk]\nentity_labels = ["PERSON", "ORG"]\nverdicts = "bad"\n')
    sets = load_label_sets(tmp_path / "x.db")
    assert sets.entity_labels == ("PERSON", "ORG")
    assert sets.claim_tags == CLAIM_TAGS and sets.verdicts == VERDICTS
    assert any("verdicts" in p for p in sets.problems)


def test_broken_toml_falls_back_with_a_message(tmp_path):
    (tmp_path / "copydesk.toml").write_text("entity_labels = [")
    sets = load_label_sets(tmp_path / "x.db")
    assert sets.entity_labels == ENTITY_LABELS and sets.problems


def test_an_entity_label_that_is_not_one_token_is_named_and_left_out():
    """Issue 20: a label is one token of letters, digits, _ and - wherever it is entered."""
    from tui.config import label_sets_from_mapping

    sets = label_sets_from_mapping({"entity_labels": ["PERSON", "MY LABEL x;y", "Präsident", "WORK_OF-ART"]}, "c.toml")
    assert sets.entity_labels == ("PERSON", "Präsident", "WORK_OF-ART")
    [problem] = sets.problems
    assert "c.toml" in problem and "'MY LABEL x;y'" in problem and "one token" in problem
