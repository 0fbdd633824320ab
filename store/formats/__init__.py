"""Dataset formats, one module each, with ``export(...)`` and where it exists ``read(...)``."""
from __future__ import annotations

from .jsonl_read import Labelled, labelled_from_record, labelled_spans_from_record

__all__ = ["Labelled", "labelled_from_record", "labelled_spans_from_record"]
