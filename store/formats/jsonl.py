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

from pathlib import Path

from annotators.types import Span

from ..records import Article, SpanRecord
from .base import (
    CLAIM_LABEL,
    QUOTE_LABEL,
    REVIEW_STATUSES,
    BadRecord,
    Item,
    Summary,
    check_label,
    check_offsets,
    normalise_with_map,
    remap_spans,
    span_attrs,
)

EXPORTED_BY_DEFAULT = ("accepted", "corrected")


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


def token_bounds(tokens: Sequence[dict[str, Any]], start: int, end: int,
                 ends: Sequence[int] | None = None) -> tuple[int | None, int | None]:
    """First and last (inclusive) token touching [start, end); ``ends`` (the
    tokens' end offsets, ascending) makes it a binary search."""
    from bisect import bisect_right

    ends = ends if ends is not None else [t["end"] for t in tokens]
    first = bisect_right(ends, start)  # first token ending after start
    if first >= len(tokens) or tokens[first]["start"] >= end:
        return None, None
    last = first
    hi = bisect_right(ends, end - 1)  # tokens ending before end, plus the one holding end-1
    last = min(max(first, hi), len(tokens) - 1)
    while last > first and tokens[last]["start"] >= end:
        last -= 1
    return tokens[first]["id"], tokens[last]["id"]


def article_record(article: Article, spans: Iterable[SpanRecord], links: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    text = article.text
    tokens = tokens_of(text)
    ends = [t["end"] for t in tokens]
    entities, quotes, claims = [], [], []
    for s in spans:
        if s.kind == "entity":
            first, last = token_bounds(tokens, s.start, s.end, ends)
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
    return any(isinstance(record.get(key), list) for key in ("spans", "quotes", "claims")) or is_doccano(record)


def is_doccano(record: dict[str, Any]) -> bool:
    """doccano's sequence-labelling line: ``label`` as [[start, end, LABEL]], or
    the newer ``entities`` as [{start_offset, end_offset, label}]."""
    label = record.get("label")
    if isinstance(label, list) and all(isinstance(x, (list, tuple)) for x in label):
        return True
    ents = record.get("entities")
    return isinstance(ents, list) and all(isinstance(x, dict) and "start_offset" in x for x in ents)


def labelled_spans_from_record(record: dict[str, Any], text: str) -> tuple[Span, ...] | None:
    """Spans of a labelled line (ours, Prodigy's or doccano's), or None for a
    plain-text line.

    Offsets are checked against the line's own ``text`` and then carried into
    ``text`` (the normalised article text the importer stores).  Raises
    ValueError (:class:`BadRecord`) naming the problem (offsets past the text,
    overlapping entities, a span without a usable label) so the caller can
    report file and line and skip the whole line.
    """
    if not is_labelled(record):
        return None
    raw = record.get("text") if isinstance(record.get("text"), str) else text
    if is_doccano(record) and not any(isinstance(record.get(k), list) for k in ("spans", "quotes", "claims")):
        spans = _doccano_spans(record, raw)
    else:
        if record.get("answer", "accept") != "accept":
            return ()
        spans = _our_spans(record, raw)
    if raw == text:
        return tuple(spans)
    normalised, where = normalise_with_map(raw)
    if normalised != text:
        raise BadRecord("the line's text does not match the imported article text")
    return remap_spans(spans, where, text)


def _our_spans(record: dict[str, Any], text: str) -> list[Span]:
    spans: list[Span] = []
    for entry in _entries(record, "spans"):
        spans.append(_span(entry, text, "entity", entry.get("label")))
    for entry in _entries(record, "quotes"):
        spans.append(_span(entry, text, "quote", QUOTE_LABEL, span_attrs("quote", entry)))
    for entry in _entries(record, "claims"):
        spans.append(_span(entry, text, "claim", entry.get("label") or CLAIM_LABEL, span_attrs("claim", entry)))
    return spans


def _entries(record: dict[str, Any], key: str) -> list:
    value = record.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRecord(f'"{key}" must be a list')
    for entry in value:
        if not isinstance(entry, dict):
            raise BadRecord(f'each entry of "{key}" must be an object, not {type(entry).__name__}')
    return value


def _doccano_spans(record: dict[str, Any], text: str) -> list[Span]:
    triples = []
    if isinstance(record.get("label"), list):
        for entry in record["label"]:
            if len(entry) != 3:
                raise BadRecord(f"a doccano label must be [start, end, LABEL], not {entry!r}")
            triples.append(tuple(entry))
    for entry in record.get("entities") or []:
        triples.append((entry.get("start_offset"), entry.get("end_offset"), entry.get("label")))
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    extra = meta.get(DOCCANO_DETAIL) if isinstance(meta.get(DOCCANO_DETAIL), dict) else {}
    detail: dict[tuple[Any, Any, Any], tuple[str, dict]] = {}
    for kind, key in (("quote", "quotes"), ("claim", "claims")):
        for entry in extra.get(key) or []:
            if isinstance(entry, dict):
                label = entry.get("label") or (QUOTE_LABEL if kind == "quote" else CLAIM_LABEL)
                detail[(entry.get("start"), entry.get("end"), label)] = (kind, entry)
    statuses = extra.get("status") if isinstance(extra.get("status"), dict) else {}
    spans = []
    for start, end, label in triples:
        kind, values = detail.get((start, end, label), (None, {}))
        if kind is None:
            kind = "quote" if label == QUOTE_LABEL else "claim" if label == CLAIM_LABEL else "entity"
        values = dict(values)
        if f"{start}:{end}:{label}" in statuses:
            values["status"] = statuses[f"{start}:{end}:{label}"]
        spans.append(_span({"start": start, "end": end, **values}, text, kind, label, span_attrs(kind, values)))
    return spans


def _span(entry: Any, text: str, kind: str, label: Any, attrs: dict | None = None) -> Span:
    if not isinstance(entry, dict):
        raise BadRecord(f"a {kind} entry must be an object, not {type(entry).__name__}")
    start, end = check_offsets(entry.get("start"), entry.get("end"), text, kind)
    check_label(label, f"{kind} {start}-{end}")
    attrs = dict(attrs or {})
    status = entry.get("status")
    if status in REVIEW_STATUSES:
        attrs["status"] = status
    for key in ("speaker_start", "speaker_end"):
        if attrs.get(key) is not None and not (isinstance(attrs[key], int) and 0 <= attrs[key] <= len(text)):
            raise BadRecord(f"{kind} {start}-{end}: {key} {attrs[key]!r} is outside the text")
    return Span(start, end, label, kind, attrs)


# --- writing files ------------------------------------------------------------------

DOCCANO_DETAIL = "copydesk"


def export(items: Iterable[Item], out: Path, summary: Summary) -> list[Path]:
    """One article per line (``article_record``) into the file ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for article, spans, links in items:
            record = article_record(article, spans, links)
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            summary.articles += 1
            for s in spans:
                summary.wrote(s.kind, QUOTE_LABEL if s.kind == "quote" else s.label)
    summary.files.append(out)
    return [out]
