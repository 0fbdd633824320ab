"""Token boundaries for snapping a selection to whole tokens.

spaCy's blank English tokenizer: the same rules the English pipelines
tokenize with, loaded in well under a second and without a model, so a span
a person selects has the boundaries the model's tokens would give it.
"""
from __future__ import annotations

import bisect
import threading
from functools import lru_cache

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def warm() -> None:
    """Load the tokenizer ahead of the first selection (from a worker thread)."""
    with _lock:
        _tokenizer()


@lru_cache(maxsize=8)
def token_bounds(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The start and end character offsets of every token of ``text``."""
    with _lock:
        doc = _tokenizer()(text)
    starts = tuple(t.idx for t in doc if not t.is_space)
    ends = tuple(t.idx + len(t.text) for t in doc if not t.is_space)
    return starts, ends


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the tokens it touches (a selection begun inside
    a word takes the whole word); a range touching no token is kept."""
    starts, ends = token_bounds(text)
    if not starts or start >= end:
        return start, end
    # The first token ending after start, the last token starting before end.
    first = bisect.bisect_right(ends, start)
    last = bisect.bisect_left(starts, end) - 1
    if first > last or first >= len(starts):
        return start, end
    return starts[first], ends[last]
