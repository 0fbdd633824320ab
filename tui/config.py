"""Label sets for the reader: entity labels, claim tags and verdicts.

Read from ``copydesk.toml`` beside the database when there is one, either at
its top level or under ``[tool.copydesk]`` (so a pyproject-style file works
too); anything it does not set keeps the defaults shipped here.

    entity_labels = ["PERSON", "ORG", ...]
    claim_tags = ["statistic", ...]
    verdicts = ["supported", ...]
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

CONFIG_NAME = "copydesk.toml"

ENTITY_LABELS = (
    "PERSON", "ORG", "GPE", "NORP", "LOC", "DATE", "MONEY", "CARDINAL", "PERCENT", "EVENT",
    "FAC", "PRODUCT", "LAW", "WORK_OF_ART", "TIME", "QUANTITY", "ORDINAL", "LANGUAGE",
)
CLAIM_TAGS = ("statistic", "quote", "prediction", "commitment", "causal", "comparison", "attribution")
VERDICTS = ("supported", "contradicted", "unverifiable", "opinion", "misleading")
QUOTE_LABEL = "QUOTE"
CLAIM_LABEL = "CLAIM"


@dataclass(frozen=True)
class LabelSets:
    entity_labels: tuple[str, ...] = ENTITY_LABELS
    claim_tags: tuple[str, ...] = CLAIM_TAGS
    verdicts: tuple[str, ...] = VERDICTS
    source: str = "defaults"  # where the sets came from, for the help screen
    problems: tuple[str, ...] = field(default=())


def _string_list(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(dict.fromkeys(v.strip() for v in value))
    return None


def label_sets_from_mapping(data: dict, source: str) -> LabelSets:
    table = data.get("tool", {}).get("copydesk", data) if isinstance(data.get("tool"), dict) else data
    sets = LabelSets(source=source)
    problems = []
    for key in ("entity_labels", "claim_tags", "verdicts"):
        if key not in table:
            continue
        values = _string_list(table[key])
        if values is None:
            problems.append(f"{source}: {key} must be a non-empty list of strings; using the defaults")
            continue
        sets = replace(sets, **{key: values})
    return replace(sets, problems=tuple(problems))


def load_label_sets(db_path: str | Path | None) -> LabelSets:
    """The label sets for the database at ``db_path``."""
    if db_path is None:
        return LabelSets()
    path = Path(db_path).resolve().parent / CONFIG_NAME
    if not path.is_file():
        return LabelSets()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return LabelSets(problems=(f"{path}: {exc}; using the default label sets",))
    return label_sets_from_mapping(data, str(path))
