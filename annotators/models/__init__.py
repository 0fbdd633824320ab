"""Small trained models that ship with copydesk, and where a team's retrained ones live.

Each model is one small weights file in this folder (JSON or .npz, written by a
training script in ``bench/`` and rebuilt the same way).  ``copydesk train``
writes a team's retrained versions into ``<pipeline folder>/copydesk/``; a
pipeline loaded from such a folder uses them instead of the shipped ones.

Conventions shared by the annotators:
- a claim span's ``attrs["score"]``: the check-worthiness probability, 0..1;
- a quote span's ``attrs["speaker_score"]``: the attributor's confidence in the
  speaker it names (or in naming nobody), 0..1.
"""
from __future__ import annotations

from pathlib import Path

SHIPPED = Path(__file__).resolve().parent
TEAM_FOLDER = "copydesk"  # inside a pipeline folder that `copydesk train` wrote


def model_file(name: str, pipeline: str | Path | None = None) -> Path:
    """The weights file ``name``: the team's retrained one beside the spaCy
    pipeline folder ``pipeline`` when there is one, else the shipped one."""
    if pipeline is not None:
        team = Path(pipeline) / TEAM_FOLDER / name
        if team.is_file():
            return team
    return SHIPPED / name


def team_file(pipeline: str | Path, name: str) -> Path:
    """Where ``copydesk train`` writes a retrained ``name`` for the pipeline folder ``pipeline``."""
    return Path(pipeline) / TEAM_FOLDER / name


def model_value(name: str, key: str, pipeline: str | Path | None = None):
    """One field of the JSON weights file ``name`` (cheap: for a command that
    only shows what a model is set to, without loading the code that runs it)."""
    import json

    path = model_file(name, pipeline)
    try:
        return json.loads(path.read_text(encoding="utf-8"))[key]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: cannot read field {key!r} ({exc})") from exc
