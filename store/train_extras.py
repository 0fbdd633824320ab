"""Copydesk's own models retrained by ``copydesk train``, beside the spaCy pipeline.

After the spaCy pipeline is trained into the temporary folder and before that
folder is moved into place, ``copydesk train`` calls every trainer in
``TRAINERS``, in order, as ``trainer(store, folder, echo)``:

- ``store``: the open Store the training data came from;
- ``folder``: the new pipeline's folder; a trainer writes its files into
  ``folder / annotators.models.TEAM_FOLDER`` (``folder/copydesk/``), where the
  annotators look for a team's retrained models;
- ``echo``: a callable taking one line, for progress as it happens;

and returns the report lines (say before/after scores) that the command prints
after the spaCy table.  A trainer that raises stops the run (``TrainError``
naming it, one line): nothing is moved into place and the previous pipeline stays.

    TRAINERS.append(retrain_claim_scorer)      # store/train_claims.py
    TRAINERS.append(retrain_speaker_model)     # store/train_speakers.py
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable, List

Echo = Callable[[str], Any]
Trainer = Callable[[Any, Path, Echo], Iterable[str]]

TRAINERS: List[Trainer] = []


def team_folder(folder: Path) -> Path:
    from annotators.models import TEAM_FOLDER

    return Path(folder) / TEAM_FOLDER


def run_extras(store, folder: Path, echo: Echo, trainers: Iterable[Trainer] | None = None) -> list[str]:
    """Run ``trainers`` (default: TRAINERS) in order; their report lines, in order."""
    lines: list[str] = []
    chosen = list(TRAINERS if trainers is None else trainers)
    if chosen:
        team_folder(folder).mkdir(parents=True, exist_ok=True)
    for trainer in chosen:
        try:
            lines.extend(str(line) for line in (trainer(store, Path(folder), echo) or []))
        except Exception as exc:  # a trainer's failure, whatever it is, is reported in one line
            from .train import TrainError

            name = f"{getattr(trainer, '__module__', '?')}.{getattr(trainer, '__qualname__', repr(trainer))}"
            raise TrainError(f"{name} failed: {type(exc).__name__}: {exc}; nothing was moved into place") from exc
    return lines


from .train_claims import retrain_claim_scorer  # noqa: E402  (copydesk's trainers, registered in order)
from .train_speakers import retrain_speaker_model  # noqa: E402

TRAINERS.append(retrain_claim_scorer)
TRAINERS.append(retrain_speaker_model)
