"""Check-worthy sentences: the ones a fact-checker would look at first.

Every body sentence (not a heading or page chrome) gets a check-worthiness
score, 0..1, from the trained scorer of ``annotators.claimscore``; a sentence
scoring at or above the threshold (copydesk.toml's ``claim_threshold``, else
the one shipped with the model) is a claim span with ``attrs["score"]``.

Its tags and ``reasons`` come from the rules of ``claim_reasons``: surface cues
(a figure, money, a percentage, a date, a comparison, an attribution, ...) and,
with NER, MONEY/PERCENT/CARDINAL/QUANTITY/DATE entities.  Tags are suggestions
among: statistic, quote, prediction, commitment, causal, comparison,
attribution.
"""
from __future__ import annotations

import re

from .types import Span

from .claim_tags import CUES as _CUES, TAG_OF as _TAG_OF, claim_reasons, entity_cues as _entity_cues  # (the cues and tags: annotators.claim_tags)
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


def candidate_sentences(doc, text: str | None = None) -> tuple[list[tuple[int, int]], int]:
    """The (start, end) of every body sentence of ``doc`` that may be a claim,
    in text order (each cut at line breaks and trimmed, headings and fragments
    left out), and the count of all sentence pieces, those included."""
    text = doc.text if text is None else text
    found, pieces = [], 0
    for s_start, s_end in _sentences(doc):
        for start, end in _split_lines(text, s_start, s_end):
            start, end = _trim(text, start, end)
            if start < end:
                pieces += 1
                if not _is_heading_or_fragment(text[start:end]):
                    found.append((start, end))
    return found, pieces


def _claim(doc, text: str, entity_cues: list[tuple[int, str]], start: int, end: int, score: float,
           ents: list | None = None) -> Span:
    # the parsed sentence refines the surface cues (annotators.claim_tags), when the pipeline tagged it
    sent = doc.char_span(start, end, alignment_mode="expand") if doc.has_annotation("TAG") else None
    mine = None if sent is None or ents is None else [e for e in ents if sent.start <= e.start and e.end <= sent.end]
    reasons = set(claim_reasons(text[start:end], sent, mine)) | {cue for at, cue in entity_cues if start <= at < end}
    order = list(_CUES)
    reasons_sorted = sorted((r for r in reasons if r in _CUES), key=order.index)
    tags = sorted({_TAG_OF[r] for r in reasons_sorted if r in _TAG_OF})
    return Span(start, end, "CLAIM", "claim",
                {"tags": tags, "verdict": None, "note": None, "reasons": reasons_sorted, "score": round(score, 4)})


def find_claims(doc, text: str | None = None, threshold: float | None = None, scorer=None) -> list[Span]:
    """One claim span per sentence whose check-worthiness score is at least
    ``threshold`` (None: the scorer's own), in text order.  ``text`` is
    ``doc.text`` when the caller has it (spaCy joins every token's text on
    each access); ``scorer`` is a ``ClaimScorer`` (None: the shipped one)."""
    from .claimscore import scorer_for

    text = doc.text if text is None else text
    scorer = scorer_for() if scorer is None else scorer
    cut = scorer.threshold if threshold is None else threshold
    spans, _ = candidate_sentences(doc, text)
    scores = scorer.score_spans(doc, text, spans)
    chosen = [(span, score) for span, score in zip(spans, scores) if score >= cut]
    if not chosen:
        return []
    entity_cues = _entity_cues(doc)
    ents = list(doc.ents)  # once: a sentence's Span.ents walks the whole Doc
    return [_claim(doc, text, entity_cues, start, end, score, ents) for (start, end), score in chosen]
