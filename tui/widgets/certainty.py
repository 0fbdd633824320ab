"""How sure the model is of a suggestion, and the walk from the least sure up.

A claim's ``attrs["score"]`` is its check-worthiness (0..1; suggested above
the claim threshold); a quote's ``attrs["speaker_score"]`` is the confidence in
its speaker (0..1); an entity's ``attrs["score"]``, when a model gave one, its
confidence.  Certainty puts them on one scale, 0 the least sure: a claim by
its distance from the threshold (0 on it, 1 at 0 or 1), a quote or an entity by
its score.  Spans without a score come last, in text order.  No Textual here.
"""
from __future__ import annotations

import math
from typing import Iterable

from store import SpanRecord

SCORE_KEY = {"claim": "score", "quote": "speaker_score", "entity": "score"}
SCORE_NAME = {"claim": "score", "quote": "speaker", "entity": "score"}  # the panel's field for it
DEFAULT_THRESHOLD = 0.5


def score_of(span: SpanRecord) -> float | None:
    """The span's model score, or None (none given, or not a number in 0..1)."""
    value = (span.attrs or {}).get(SCORE_KEY.get(span.kind, "score"))
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return None
    return float(value) if 0.0 <= value <= 1.0 else None


def short(score: float) -> str:
    """``0.83``: two decimals, what the panel and the lists show."""
    return f"{score:.2f}"


def certainty(span: SpanRecord, threshold: float = DEFAULT_THRESHOLD) -> float | None:
    """0 (the least sure) .. 1, or None for a span without a score."""
    score = score_of(span)
    if score is None:
        return None
    if span.kind == "claim":
        room = max(threshold, 1.0 - threshold) or 1.0
        return min(1.0, abs(score - threshold) / room)
    return score


def uncertain_order(spans: Iterable[SpanRecord], threshold: float = DEFAULT_THRESHOLD) -> list[SpanRecord]:
    """Suggestions still to review, the least certain first; those without a
    score after them in text order."""
    todo = [s for s in spans if s.is_suggestion]
    scored = [(c, s) for s in todo if (c := certainty(s, threshold)) is not None]
    scored.sort(key=lambda cs: (cs[0], cs[1].start, -cs[1].end, cs[1].id))
    rest = sorted((s for s in todo if certainty(s, threshold) is None), key=lambda s: (s.start, -s.end, s.id))
    return [s for _, s in scored] + rest


def next_uncertain(spans: Iterable[SpanRecord], current_id: int | None,
                   threshold: float = DEFAULT_THRESHOLD) -> SpanRecord | None:
    """The suggestion after ``current_id`` in ``uncertain_order`` (the first when
    the current span is not in it), wrapping; None when nothing is left to review."""
    order = uncertain_order(spans, threshold)
    if not order:
        return None
    ids = [s.id for s in order]
    if current_id in ids:
        return order[(ids.index(current_id) + 1) % len(order)]
    return order[0]
