"""Label sets for the reader: entity labels, claim tags and verdicts.

Read from ``copydesk.toml`` beside the database when there is one, either at
its top level or under ``[tool.copydesk]`` (so a pyproject-style file works
too); anything it does not set keeps the defaults shipped here.

    entity_labels = ["PERSON", "ORG", ...]
    claim_tags = ["statistic", ...]
    verdicts = ["supported", ...]
    advance = true              # a / x / i move on to the next span to review (false: stay)
    done_accepts_rest = false   # the second d accepts what is left before marking done
    preannotate_budget_seconds = 20   # the rules' time per article at import; past it, stored without them
    order = "text"              # "uncertain": n and a / x / i go to the least certain suggestion first
    claim_threshold = 0.85      # import suggests sentences scoring at least this as claims (0..1; default: the model's)
    [label_keys]                # a label's own key in the label picker (else 1-9, 0 by position)
    WORK_OF_ART = "w"
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from store.label_rule import label_problem

CONFIG_NAME = "copydesk.toml"

ENTITY_LABELS = (
    "PERSON", "ORG", "GPE", "NORP", "LOC", "DATE", "MONEY", "CARDINAL", "PERCENT", "EVENT",
    "FAC", "PRODUCT", "LAW", "WORK_OF_ART", "TIME", "QUANTITY", "ORDINAL", "LANGUAGE",
)
CLAIM_TAGS = ("statistic", "quote", "prediction", "commitment", "causal", "comparison", "attribution")
VERDICTS = ("supported", "contradicted", "unverifiable", "opinion", "misleading")
QUOTE_LABEL = "QUOTE"
ORDERS = ("text", "uncertain")
CLAIM_LABEL = "CLAIM"


@dataclass(frozen=True)
class LabelSets:
    entity_labels: tuple[str, ...] = ENTITY_LABELS
    claim_tags: tuple[str, ...] = CLAIM_TAGS
    verdicts: tuple[str, ...] = VERDICTS
    advance: bool = True
    done_accepts_rest: bool = False
    preannotate_budget_seconds: float = 20.0  # annotators.pipeline.DEFAULT_BUDGET_SECONDS
    label_keys: tuple[tuple[str, str], ...] = ()  # (label, key) pairs from [label_keys]
    order: str = "text"  # or "uncertain" (ORDERS)
    claim_threshold: float | None = None  # None: the claim scorer's own
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
        if key == "entity_labels":  # a label is one token (store.label_rule): the others are named, left out
            problems.extend(f"{source}: entity_labels: {label_problem(v)}; left out" for v in values if label_problem(v))
            values = tuple(v for v in values if not label_problem(v))
            if not values:
                continue
        sets = replace(sets, **{key: values})
    for key in ("advance", "done_accepts_rest"):
        if key in table:
            if isinstance(table[key], bool):
                sets = replace(sets, **{key: table[key]})
            else:
                problems.append(f"{source}: {key} must be true or false; using the default")
    budget = table.get("preannotate_budget_seconds")
    if budget is not None:
        if isinstance(budget, (int, float)) and not isinstance(budget, bool) and 0 < budget < float("inf"):
            sets = replace(sets, preannotate_budget_seconds=float(budget))
        else:
            problems.append(f"{source}: preannotate_budget_seconds must be a number of seconds above 0; using the default")
    if "order" in table:
        if table["order"] in ORDERS:
            sets = replace(sets, order=table["order"])
        else:
            problems.append(f"{source}: order must be one of {', '.join(map(repr, ORDERS))}; using \"text\"")
    if "claim_threshold" in table:
        value = table["claim_threshold"]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
            sets = replace(sets, claim_threshold=float(value))
        else:
            problems.append(f"{source}: claim_threshold must be a number from 0 to 1; using the model's")
    if "label_keys" in table:
        keys = _label_keys(table["label_keys"])
        if keys is None:
            problems.append(f"{source}: label_keys must map labels to single characters; ignored")
        else:
            sets = replace(sets, label_keys=keys)
    return replace(sets, problems=tuple(problems))


def _label_keys(value: object) -> tuple[tuple[str, str], ...] | None:
    if not isinstance(value, dict):
        return None
    pairs = tuple((str(label), key) for label, key in value.items())
    if not all(isinstance(key, str) and len(key) == 1 and not key.isspace() for _, key in pairs):
        return None
    if len({key for _, key in pairs}) != len(pairs):
        return None
    return pairs


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
