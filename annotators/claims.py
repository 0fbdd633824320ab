"""Check-worthy sentences: the ones a fact-checker would look at first.

A sentence is a candidate when it carries something checkable: a figure, an
amount of money, a percentage, a date, a comparison (more than, biggest,
record) or an attributed assertion (X said that ..., according to ...).
Cues are regular expressions, so a Doc without NER works too; with NER,
MONEY/PERCENT/CARDINAL/QUANTITY/DATE entities add their cues.

Tags are suggestions among: statistic, quote, prediction, commitment, causal,
comparison, attribution. A sentence whose only cue is a date becomes a claim
with ``reasons == ["date"]`` and no tag: the date is checkable, the kind is not.
"""
from __future__ import annotations

import re

from .types import Span
from .claim_tags import CUES as _CUES, ENTITY_CUES as _ENTITY_CUES, TAG_OF as _TAG_OF, WORTHY as _WORTHY, claim_reasons, entity_cues as _entity_cues  # noqa: E501,F401  (the cues and tags: annotators.claim_tags)
_MIN_WORDS = 6


def _sentences(doc) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+(?:[.!?]+[\"'”’]?|$)", doc.text)]


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence the segmenter ran across a line break is two pieces: a
    heading or page chrome on its own line is never part of a claim."""
    pieces, pos = [], start
    for m in re.finditer(r"\n", text[start:end]):
        pieces.append((pos, start + m.start()))
        pos = start + m.end()
    pieces.append((pos, end))
    return pieces


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading_or_fragment(sentence: str) -> bool:
    words = re.findall(r"[\w$€£%'’.-]+", sentence)
    if len(words) < _MIN_WORDS:
        return True
    ends_like_prose = re.search(r"[.!?:;…][\"'”’)]*$", sentence) is not None
    if ends_like_prose:
        return False
    # No final punctuation: a headline/section title when most words are capitalised.
    capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return capitalised >= len(words) * 0.5 or len(words) < 12


def _claim(text: str, entity_cues: list[tuple[int, str]], start: int, end: int) -> Span | None:
    sentence = text[start:end]
    if _is_heading_or_fragment(sentence):
        return None
    reasons = set(claim_reasons(sentence)) | {cue for at, cue in entity_cues if start <= at < end}
    if not reasons & _WORTHY:
        return None
    order = list(_CUES)
    reasons_sorted = sorted(reasons, key=order.index)
    tags = sorted({_TAG_OF[r] for r in reasons_sorted if r in _TAG_OF})
    return Span(start, end, "CLAIM", "claim", {"tags": tags, "verdict": None, "note": None, "reasons": reasons_sorted})


def find_claims(doc, text: str | None = None) -> list[Span]:
    """One claim span per check-worthy sentence, in text order. ``text`` is
    ``doc.text`` when the caller has it (spaCy joins every token's text on
    each access)."""
    text = doc.text if text is None else text
    entity_cues = _entity_cues(doc)
    claims = []
    for s_start, s_end in _sentences(doc):
        for start, end in _split_lines(text, s_start, s_end):
            start, end = _trim(text, start, end)
            if start < end:
                claim = _claim(text, entity_cues, start, end)
                if claim:
                    claims.append(claim)
    return claims
