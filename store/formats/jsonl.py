"""copydesk's JSONL: the Prodigy NER task shape plus quotes and claims.

One article per line::

    {"text", "meta": {...}, "tokens": [...], "spans": [{"start", "end", "label",
     "token_start", "token_end", "status", "origin"}], "quotes": [...],
     "claims": [...], "links": [...], "answer": "accept"}

``token_end`` is inclusive, as in Prodigy.  Reading accepts the same shape and
Prodigy's own task lines (``text``, ``spans``, ``answer``, ``meta``).
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import IO, Any, Iterable, Sequence

from annotators.types import Span

from ..records import Article, SpanRecord

EXPORTED_BY_DEFAULT = ("accepted", "corrected")
REVIEW_STATUSES = ("suggested", "accepted", "rejected", "corrected")


@lru_cache(maxsize=1)
def _tokenizer():
    # The rule-based English tokenizer: the same tokens as the trained
    # pipelines, without loading a model for an export.
    import spacy

    return spacy.blank("en")


def tokens_of(text: str) -> list[dict[str, Any]]:
    doc = _tokenizer()(text)
    return [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
        for t in doc
    ]


def token_bounds(tokens: Sequence[dict[str, Any]], start: int, end: int) -> tuple[int | None, int | None]:
    """First and last (inclusive) token touching [start, end)."""
    inside = [t["id"] for t in tokens if t["end"] > start and t["start"] < end]
    return (inside[0], inside[-1]) if inside else (None, None)


def article_record(article: Article, spans: Iterable[SpanRecord], links: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    text = article.text
    tokens = tokens_of(text)
    entities, quotes, claims = [], [], []
    for s in spans:
        if s.kind == "entity":
            first, last = token_bounds(tokens, s.start, s.end)
            entities.append({"start": s.start, "end": s.end, "label": s.label, "token_start": first,
                             "token_end": last, "status": s.status, "origin": s.origin})
        elif s.kind == "quote":
            quotes.append({"start": s.start, "end": s.end, "text": text[s.start:s.end], "speaker": s.speaker,
                           "speaker_start": s.speaker_start, "speaker_end": s.speaker_end, "cue": s.cue,
                           "status": s.status, "origin": s.origin})
        elif s.kind == "claim":
            claims.append({"start": s.start, "end": s.end, "text": text[s.start:s.end], "label": s.label,
                           "tags": list(s.tags), "verdict": s.verdict, "note": s.note,
                           "normalized": s.normalized, "status": s.status, "origin": s.origin})
    return {
        "text": text,
        "meta": {
            "article_id": article.id,
            "file": article.file,
            "title": article.title,
            "source": article.source,
            "byline": article.byline,
            "published": article.published,
            "url": article.url,
        },
        "tokens": tokens,
        "spans": entities,
        "quotes": quotes,
        "claims": claims,
        "links": [{"a": l["a_span_id"], "b": l["b_span_id"], "kind": l["kind"]} for l in links],
        "answer": "accept",
    }


def write(out: IO[str], records: Iterable[dict[str, Any]]) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


# --- reading labelled lines ---------------------------------------------------------


def is_labelled(record: dict[str, Any]) -> bool:
    return any(isinstance(record.get(key), list) for key in ("spans", "quotes", "claims"))


def labelled_spans_from_record(record: dict[str, Any], text: str) -> tuple[Span, ...] | None:
    """Spans of a labelled line, or None for a plain-text line.

    Raises ValueError naming the problem (offsets past the text, overlapping
    entities, a span without a label) so the caller can report file and line.
    """
    if not is_labelled(record):
        return None
    if record.get("answer", "accept") != "accept":
        return ()
    spans: list[Span] = []
    for entry in record.get("spans") or []:
        spans.append(_span(entry, text, "entity", entry.get("label")))
    _check_no_overlap([s for s in spans if s.kind == "entity"])
    for entry in record.get("quotes") or []:
        attrs = {k: entry.get(k) for k in ("speaker", "speaker_start", "speaker_end", "cue") if entry.get(k) is not None}
        spans.append(_span(entry, text, "quote", "QUOTE", attrs))
    for entry in record.get("claims") or []:
        attrs = {k: entry.get(k) for k in ("tags", "verdict", "note", "normalized") if entry.get(k) is not None}
        spans.append(_span(entry, text, "claim", entry.get("label") or "CLAIM", attrs))
    return tuple(spans)


def _span(entry: Any, text: str, kind: str, label: Any, attrs: dict | None = None) -> Span:
    if not isinstance(entry, dict):
        raise ValueError(f"a {kind} entry must be an object, not {type(entry).__name__}")
    start, end = entry.get("start"), entry.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        raise ValueError(f"a {kind} needs integer start and end")
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"{kind} offsets {start}-{end} are outside the text (length {len(text)})")
    if not label or not isinstance(label, str):
        raise ValueError(f"{kind} {start}-{end} has no label")
    attrs = dict(attrs or {})
    status = entry.get("status")
    if status in REVIEW_STATUSES:
        attrs["status"] = status
    return Span(start, end, label, kind, attrs)


def _check_no_overlap(entities: list[Span]) -> None:
    ordered = sorted(entities, key=lambda s: (s.start, s.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise ValueError(f"entities {a.start}-{a.end} and {b.start}-{b.end} overlap")
