"""The learned speaker attributor: a second opinion on the rules' speaker.

Each quote's candidates (``features.quote_candidates``: the people and
organisations named near it, the rules' speaker, the previous speaker,
nobody) are scored by a linear model whose weights ship as
``annotators/models/speaker_model.json`` (written by ``bench/train_speakers.py``;
a team's retrained file beside its pipeline wins: ``annotators.models.model_file``).
The scores are a softmax over the quote's candidates. The model's choice
replaces the rules' answer only when its probability exceeds that of the
rules' answer by more than the model's ``margin`` (chosen by cross-validation
on dev data); every quote gets ``attrs["speaker_score"]``, the probability of
the speaker it ends up with (or of nobody). Scoring is plain Python over the
JSON weights: no pickle, no scikit-learn at run time.
"""
from __future__ import annotations

import json
import math
import warnings
import weakref
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from ..models import SHIPPED, model_file
from .features import Candidate, quote_candidates

MODEL_NAME = "speaker_model.json"
FORMAT = "copydesk-speaker-model/1"


class SpeakerModelError(ValueError):
    """A speaker model file that cannot be used (the message names the file and field)."""


@dataclass
class SpeakerModel:
    weights: dict[str, float]
    bias: float = 0.0
    margin: float = 0.0  # override the rules only when the model's choice leads theirs by more than this
    meta: dict = field(default_factory=dict)

    def logit(self, cand: Candidate) -> float:
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in cand.feats.items())

    def probabilities(self, cands: list[Candidate]) -> list[float]:
        """A softmax over the quote's candidates: they sum to 1."""
        logits = [self.logit(c) for c in cands]
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        total = sum(exps)
        return [e / total for e in exps]

    def decide(self, cands: list[Candidate]) -> tuple[int, list[float]]:
        """The index of the candidate kept, and every candidate's probability."""
        probs = self.probabilities(cands)
        best = max(range(len(cands)), key=lambda i: (probs[i], cands[i].rules))
        rules = next((i for i, c in enumerate(cands) if c.rules), best)
        if cands[best].coordinated:
            return rules, probs  # of two people who say it together ("X and the NATO chief said"), neither is the speaker
        return (best if probs[best] - probs[rules] > self.margin else rules), probs

    def to_json(self) -> dict:
        return {"format": FORMAT, "bias": self.bias, "margin": self.margin, "meta": self.meta,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if abs(v) > 1e-9}}

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "SpeakerModel":
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SpeakerModelError(f"{path}: cannot read the speaker model: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SpeakerModelError(f"{path}: field 'format' is not {FORMAT!r}")
        weights = data.get("weights")
        if not isinstance(weights, dict) or not all(isinstance(v, (int, float)) for v in weights.values()):
            raise SpeakerModelError(f"{path}: field 'weights' is not an object of numbers")
        for key in ("bias", "margin"):
            if not isinstance(data.get(key, 0.0), (int, float)):
                raise SpeakerModelError(f"{path}: field {key!r} is not a number")
        return cls({k: float(v) for k, v in weights.items()}, float(data.get("bias", 0.0)),
                   float(data.get("margin", 0.0)), data.get("meta") or {})


_CACHE: dict[tuple[str, int], SpeakerModel] = {}
_FOLDERS: dict[int, tuple] = {}  # id(nlp.vocab) -> (a weak reference to the nlp, the folder it was loaded from)
_OVERRIDE: ContextVar[SpeakerModel | None] = ContextVar("speaker_model", default=None)
_RECORDER: ContextVar[list | None] = ContextVar("speaker_recorder", default=None)
_WARNED: set[str] = set()


def load_model(path: str | Path) -> SpeakerModel:
    """The model in ``path``, read once per version of the file."""
    path = Path(path)
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _CACHE:
        _CACHE[key] = SpeakerModel.load(path)
    return _CACHE[key]


def register_pipeline(nlp, folder: str | Path) -> None:
    """Docs made by ``nlp`` (loaded from the pipeline folder ``folder``) use the
    team's retrained model written beside it, if there is one."""
    if Path(folder).is_dir():  # a package name has no folder beside it
        _FOLDERS[id(nlp.vocab)] = (weakref.ref(nlp), str(folder))


def _folder_of(doc) -> str | None:
    """The pipeline folder registered for the nlp that made ``doc`` (a vocab's
    id is only trusted while that nlp is alive and still owns the vocab)."""
    entry = _FOLDERS.get(id(doc.vocab))
    if entry is None:
        return None
    nlp = entry[0]()
    return entry[1] if nlp is not None and id(nlp.vocab) == id(doc.vocab) else None


def model_for(doc, pipeline: str | Path | None = None) -> SpeakerModel | None:
    """The model that scores ``doc``'s quotes: one set by ``using``, else the
    team's file beside the pipeline that made ``doc``, else the shipped one."""
    chosen = _OVERRIDE.get()
    if chosen is not None:
        return chosen
    path = model_file(MODEL_NAME, pipeline if pipeline is not None else _folder_of(doc))
    if not path.is_file():
        return None
    try:
        return load_model(path)
    except SpeakerModelError as exc:
        shipped = SHIPPED / MODEL_NAME
        if path == shipped:
            raise
        if str(path) not in _WARNED:  # a broken team file: said once, and the shipped model scores
            _WARNED.add(str(path))
            warnings.warn(f"{exc}; using the shipped speaker model", stacklevel=2)
        return load_model(shipped)


@contextmanager
def using(model: SpeakerModel):
    """Score with ``model`` inside the block (evaluation, training)."""
    token = _OVERRIDE.set(model)
    try:
        yield model
    finally:
        _OVERRIDE.reset(token)


@contextmanager
def recording():
    """Inside the block, each find_quotes call appends its (spans, candidates)
    to the list yielded, before the model changes anything (training data)."""
    found: list = []
    token = _RECORDER.set(found)
    try:
        yield found
    finally:
        _RECORDER.reset(token)


def second_opinion(attributor, kept, spans: list) -> None:
    """Give every quote span its ``speaker_score``, and the model's speaker
    where it beats the rules' by the model's margin (``kept``: the pieces and
    the rules' attributions the spans were made from, in the same order)."""
    if not spans:
        return
    cands = quote_candidates(attributor, kept)
    recorder = _RECORDER.get()
    if recorder is not None:
        recorder.append(([dict(s.attrs) | {"start": s.start, "end": s.end} for s in spans], cands))
    model = model_for(attributor.doc)
    if model is None:
        return
    overridden: dict[int, tuple[float, Candidate]] = {}  # quote group -> the surest override in it
    for (piece, _), span, options in zip(kept, spans, cands):
        k, probs = model.decide(options)
        span.attrs["speaker_score"] = round(probs[k], 4)
        if not options[k].rules and probs[k] > overridden.get(piece.group, (-1.0, None))[0]:
            overridden[piece.group] = (probs[k], options[k])
    for (piece, att), span in zip(kept, spans):
        if piece.group not in overridden:
            continue
        # the pieces of one quote ("A," said X, "B.") keep one speaker: the surest override of any of them
        score, chosen = overridden[piece.group]
        attrs = span.attrs
        attrs["speaker"] = chosen.name
        attrs["speaker_start"], attrs["speaker_end"] = chosen.start, chosen.end
        attrs["resolved_from"] = "model"
        attrs["speaker_kind"] = chosen.kind if chosen.name is not None else "unknown"
        attrs["speaker_score"] = round(score, 4)
