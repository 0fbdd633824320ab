"""Training and measuring the learned speaker attributor (scikit-learn here only).

An *example* is one gold quote, as plain JSON: ``{"file", "gold" (the gold
speaker or None), "found" (a quote span overlaps it), "rules" (the rules'
speaker), "cands": [{"name", "feats", "rules", "label"}]}``; a candidate's
label is 1 when it is the gold speaker by the lenient rule of the quote gold
(the candidate's last word is a word of the gold name; "nobody" when the gold
is null). The model is a logistic regression over the candidates' features
(each candidate one row); at run time the quote's candidates are compared by
a softmax of their scores (``learned.SpeakerModel``).
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterable, Sequence

from .features import Candidate, same_person
from .learned import SpeakerModel, recording

SEED = 0
C_GRID = (0.1, 0.3, 1.0, 3.0)
# -1: the model alone (its choice always); 2: the rules alone (never overridden)
MARGIN_GRID = (-1.0, 0.0, 0.1, 0.2, 0.3, 0.5, 0.7)
RULES_ONLY, MODEL_ONLY = 2.0, -1.0


def normalise_name(name: str | None) -> str | None:
    if name is None:
        return None
    name = " ".join(name.replace("\u2019", "'").split())
    return name[4:] if name.lower().startswith("the ") else name


def locate(text: str, snippet: str) -> int:
    """Where a gold snippet is: preferably right after a quote mark, else its
    first occurrence (bench/quotes_eval.py reads the gold with it too)."""
    at = text.find(snippet)
    first = at
    while at > 0:
        if text[at - 1] in "\"'\u201c\u2018":
            return at
        at = text.find(snippet, at + 1)
    return first


def examples_from_doc(doc, text: str, golds: Sequence[tuple[int, int, str | None]], file: str = "") -> list[dict]:
    """One example per gold quote ``(start, end, speaker)`` of the parsed article ``doc``."""
    from .attribution import find_quotes

    with recording() as found:
        find_quotes(doc, text)
    spans, cands = found[0] if found else ([], [])
    out = []
    for start, end, speaker in golds:
        gold = normalise_name(speaker)
        j = next((k for k, s in enumerate(spans) if s["start"] < end and start < s["end"]), None)
        if j is None:
            out.append({"file": file, "gold": gold, "found": False, "rules": None, "cands": []})
            continue
        rows = [{"name": c.name, "feats": {k: round(v, 4) for k, v in sorted(c.feats.items())}, "rules": c.rules,
                 "label": int(same_person(c.name, gold))} for c in cands[j]]
        out.append({"file": file, "gold": gold, "found": True, "rules": spans[j]["speaker"], "cands": rows})
    return out


def candidates(example: dict) -> list[Candidate]:
    return [Candidate(c["name"], feats=c["feats"], rules=c["rules"]) for c in example["cands"]]


def fit(examples: Iterable[dict], c: float = 1.0, margin: float = 0.0, meta: dict | None = None) -> SpeakerModel:
    """A logistic regression over every candidate of the found examples that
    have a right candidate (each candidate one row, labelled right or not)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats, labels = [], []
    for ex in examples:
        if not ex["found"] or not any(c_["label"] for c_ in ex["cands"]):
            continue
        for cand in ex["cands"]:
            feats.append(cand["feats"])
            labels.append(cand["label"])
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    clf.fit(x, labels)
    weights = dict(zip(vec.get_feature_names_out().tolist(), clf.coef_[0].tolist()))
    info = {"C": c, "rows": len(labels), "quotes": sum(labels)}
    info.update(meta or {})
    return SpeakerModel(weights, float(clf.intercept_[0]), margin, info)


def evaluate(model: SpeakerModel | None, examples: Sequence[dict], margin: float | None = None) -> dict:
    """Counts over gold quotes: found, right (lenient), wrong (a name that is
    not the gold speaker's), empty. ``model`` None: the rules' own answer."""
    n = len(examples)
    found = right = wrong = 0
    for ex in examples:
        if not ex["found"]:
            continue
        found += 1
        if model is None:
            said = ex["rules"]
        else:
            saved = model.margin
            model.margin = saved if margin is None else margin
            try:
                k, _ = model.decide(candidates(ex))
            finally:
                model.margin = saved
            said = ex["cands"][k]["name"]
        ok = same_person(said, ex["gold"])
        right += ok
        wrong += said is not None and not ok
    return {"gold": n, "found": found, "right": right, "wrong": wrong,
            "found_share": found / n if n else 0.0, "right_of_all": right / n if n else 0.0,
            "right_of_found": right / found if found else 0.0, "wrong_of_found": wrong / found if found else 0.0}


def folds(examples: Sequence[dict], k: int = 5) -> list[tuple[list[dict], list[dict]]]:
    """k folds by article (GroupKFold: deterministic, no shuffle)."""
    from sklearn.model_selection import GroupKFold

    files = [ex["file"] for ex in examples]
    k = min(k, len(set(files)))
    out = []
    for train, test in GroupKFold(n_splits=k).split(examples, groups=files):
        out.append(([examples[i] for i in train], [examples[i] for i in test]))
    return out


def cross_validate(examples: Sequence[dict], k: int = 5, c_grid=C_GRID, margin_grid=MARGIN_GRID,
                   part=lambda ex: True) -> dict:
    """Pooled out-of-fold counts for the rules and for every (C, margin): the
    figures of each choice on quotes no model saw in training (on the
    examples ``part`` keeps: all by default; every example is trained on)."""
    split = folds(examples, k)
    pooled: dict[tuple[float, float], dict] = {}
    for c in c_grid:
        for train, test in split:
            model = fit(train, c)
            for margin in margin_grid:
                _add(pooled.setdefault((c, margin), {}), evaluate(model, [ex for ex in test if part(ex)], margin))
    rules: dict = {}
    for _, test in split:
        _add(rules, evaluate(None, [ex for ex in test if part(ex)]))
    return {"rules": _shares(rules), "grid": {key: _shares(v) for key, v in pooled.items()}}


def best_choice(cv: dict) -> tuple[float, float]:
    """The (C, margin) with the most speakers right minus wrong out of fold (a
    wrong name is worse than none: it costs what a right one gains), then the
    larger margin (closer to the rules), then the smaller C."""
    return max(cv["grid"], key=lambda key: (cv["grid"][key]["right"] - cv["grid"][key]["wrong"], key[1], -key[0]))


def without_rules(examples: Sequence[dict]) -> list[dict]:
    """The examples with every feature of the rules' answer left out: what the
    model alone makes of the candidates."""
    return [{**ex, "cands": [{**c, "feats": {k: v for k, v in c["feats"].items() if "rules" not in k}}
                             for c in ex["cands"]]} for ex in examples]


def _add(into: dict, counts: dict) -> None:
    for key in ("gold", "found", "right", "wrong"):
        into[key] = into.get(key, 0) + counts[key]


def _shares(c: dict) -> dict:
    n, found = c["gold"], c["found"]
    return {**c, "found_share": found / n if n else 0.0, "right_of_all": c["right"] / n if n else 0.0,
            "right_of_found": c["right"] / found if found else 0.0,
            "wrong_of_found": c["wrong"] / found if found else 0.0}


def save_examples(examples: Sequence[dict], path: Path) -> Path:
    """Gzipped JSON lines, byte for byte the same on every rebuild (no timestamp)."""
    data = "".join(json.dumps(ex, sort_keys=True) + "\n" for ex in examples).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(data)
    return path


def load_examples(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
