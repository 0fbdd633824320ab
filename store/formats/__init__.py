"""Dataset formats, one module each, with ``write(...)`` and where it exists ``read(...)``."""
from __future__ import annotations

from .jsonl import labelled_spans_from_record

__all__ = ["labelled_spans_from_record"]
