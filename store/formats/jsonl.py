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
from typing import Any, Iterable, Sequence

from pathlib import Path


from ..records import Article, SpanRecord
from . import prodigy
from .base import (
    QUOTE_LABEL,
    Item,
    Summary,
    article_meta,
    extra_meta,
    is_negative,
    model_score,
    span_fragments,
)

SPEAKER_RELATION = "Speaker"
SPEAKER_LABEL = "SPEAKER"
EXPORTED_BY_DEFAULT = ("accepted", "corrected")
_WRITTEN = frozenset(("entity", "quote", "claim", "event"))  # the span kinds a task line has a place for
PARTIAL_ANSWER = "ignore"
KEPT_TOKENS = True  # store.export.items_for: read the tokens import kept (a task line carries them)
OFF_TOKENS = ("span off token boundaries: token_start/token_end are the tokens it touches (Prodigy and spaCy "
              "skip such a span when training)")
PARTIAL_NOTE = ('articles not done are written with "answer": "ignore" (Prodigy\'s train skips them, so their '
                "unreviewed text is never taken as negative); their reviewed spans are kept, each with its own answer")


class _Line:
    """One article's task, built span by span."""

    def __init__(self, article: Article, summary: Summary | None):
        self.article = article
        self.summary = summary
        kept = article.tokens  # kept at import (store.token_cache), when the export read them
        self.tok = kept if kept is not None and kept.text is article.text else prodigy.Tokens(article.text)
        self.ids: dict[int, dict[str, Any]] = {}  # span id -> its entry
        self.labels: dict[int, str] = {}
        self.snapped = 0  # spans off token boundaries, counted into the summary at the end

    def entry(self, s: SpanRecord, prefix: str, n: int) -> dict[str, Any]:
        """The entry's leading keys (id, offsets, fragments); the caller adds
        its kind's fields, then ``close`` adds the token bounds and judgement.
        One dict an entry, filled in key order (the line's order), no merging."""
        entry: dict[str, Any] = {"id": f"{prefix}{n}", "start": s.start, "end": s.end}
        if s.fragments or s.attrs:  # span_fragments() only when there can be more than one piece
            pieces = span_fragments(s)
            if len(pieces) > 1:
                entry["fragments"] = [list(p) for p in pieces]
        return entry

    def close(self, entry: dict[str, Any], s: SpanRecord) -> None:
        first, last, exact = self.tok.bounds(s.start, s.end)
        if not exact:
            self.snapped += 1
        entry["token_start"] = first
        entry["token_end"] = last
        entry["status"] = s.status
        entry["origin"] = s.origin
        entry["annotator"] = s.annotator
        entry["answer"] = "reject" if is_negative(s) else "accept"


def article_record(article: Article, spans: Iterable[SpanRecord], links: Sequence[dict[str, Any]] = (),
                   summary: Summary | None = None) -> dict[str, Any]:
    record, tokens = _task(article, spans, links, summary)
    record["tokens"] = tokens.records()
    return record


def _task(article: Article, spans: Iterable[SpanRecord], links: Sequence[dict[str, Any]],
          summary: Summary | None) -> tuple[dict[str, Any], prodigy.Tokens]:
    """The task line without its token list (``"tokens"`` holds its place), and the tokens."""
    line = _Line(article, summary)
    text = article.text
    spans = list(spans)
    entities, quotes, claims, events = [], [], [], []
    ids, labels, start_entry, close = line.ids, line.labels, line.entry, line.close
    for s in spans:
        kind = s.kind
        if kind == "entity":
            entry = start_entry(s, "e", len(entities))
            entry["label"] = s.label
            entities.append(entry)
        elif kind == "quote":
            entry = start_entry(s, "q", len(quotes))
            entry["text"] = text[s.start:s.end]
            entry["speaker"] = s.speaker
            entry["speaker_start"] = s.speaker_start
            entry["speaker_end"] = s.speaker_end
            entry["cue"] = s.cue
            if (score := model_score(s)) is not None:
                entry["speaker_score"] = score
            quotes.append(entry)
        elif kind == "claim":
            entry = start_entry(s, "c", len(claims))
            entry["text"] = text[s.start:s.end]
            entry["label"] = s.label
            entry["tags"] = list(s.tags)
            entry["verdict"] = s.verdict
            entry["note"] = s.note
            entry["normalized"] = s.normalized
            if (score := model_score(s)) is not None:
                entry["score"] = score
            claims.append(entry)
        elif kind == "event":
            entry = start_entry(s, "v", len(events))
            entry["label"] = s.label
            events.append(entry)
        else:
            continue
        close(entry, s)
        ids[s.id] = entry
        labels[s.id] = QUOTE_LABEL if kind == "quote" else s.label
    if line.snapped and summary is not None:
        summary.snapped += line.snapped
        summary.note(OFF_TOKENS)
    relations = []
    for s, entry in ((s, line.ids.get(s.id)) for s in spans if s.kind == "quote"):
        if entry is not None and s.speaker_start is not None and s.speaker_end is not None and not is_negative(s):
            child = prodigy.bounds_in(line.tok, s.speaker_start, s.speaker_end)
            if child["token_start"] is not None:
                relations.append(prodigy.relation(entry, child, SPEAKER_RELATION, QUOTE_LABEL, SPEAKER_LABEL))
    out_links = []
    for link in links:
        a, b = line.ids.get(link["a_span_id"]), line.ids.get(link["b_span_id"])
        if a is None or b is None:
            if summary is not None:
                summary.skip("link to a span that was not exported")
            continue
        out_links.append({"a": a["id"], "b": b["id"], "kind": link["kind"],
                          **({"attrs": link["attrs"]} if link.get("attrs") else {})})
        if a.get("token_start") is not None and b.get("token_start") is not None:
            relations.append(prodigy.relation(a, b, link["kind"], line.labels[link["a_span_id"]],
                                              line.labels[link["b_span_id"]]))
    meta = {**extra_meta(article), **article_meta(article)} if article.meta else article_meta(article)
    meta["done"] = bool(article.done)
    if article.story is not None:  # the stored story (store.stories): a label for event clustering
        meta["story"] = article.story
    record = {"text": text, "meta": meta, "tokens": None, "spans": entities, "quotes": quotes, "claims": claims}
    if events:
        record["events"] = events
    overlapping = _overlap(entities)
    record.update({
        "relations": relations,
        "links": out_links,
        "answer": "accept" if article.done else PARTIAL_ANSWER,
        "_view_id": "spans_manual" if overlapping else "ner_manual",
    })
    annotator = prodigy.annotators_of(spans)
    if annotator:
        record["_annotator_id"] = annotator
    return prodigy.set_hashes(record, line.tok.input_hash), line.tok


_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode  # json.dumps(..., ensure_ascii=False)


def task_line(article: Article, spans: Iterable[SpanRecord], links: Sequence[dict[str, Any]] = (),
              summary: Summary | None = None) -> str:
    """``json.dumps(article_record(...), ensure_ascii=False)``, the token list
    encoded by ``Tokens.json`` and put in its place between ``meta`` and ``spans``."""
    record, tokens = _task(article, spans, links, summary)
    head = _ENCODE({"text": record.pop("text"), "meta": record.pop("meta")})
    del record["tokens"]
    return f'{head[:-1]}, "tokens": {tokens.json()}, {_ENCODE(record)[1:]}'


def _overlap(entries: Sequence[dict[str, Any]]) -> bool:
    ordered = sorted((e["start"], e["end"]) for e in entries)
    return any(b[0] < a[1] for a, b in zip(ordered, ordered[1:]))


# --- writing files ------------------------------------------------------------------


def export(items: Iterable[Item], out: Path, summary: Summary) -> list[Path]:
    """One article per line (``article_record``) into the file ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for article, spans, links in items:
            fh.write(task_line(article, spans, links, summary) + "\n")
            summary.articles += 1
            if not article.done:
                summary.not_done += 1
                summary.note(PARTIAL_NOTE)
            # Summary.wrote for each span written, in one Counter.update (same counts, same order)
            written = [(s.kind, QUOTE_LABEL if s.kind == "quote" else s.label) for s in spans if s.kind in _WRITTEN]
            summary.spans.update(written)
            if len(written) < len(spans):
                for s in spans:
                    if s.kind not in _WRITTEN:
                        summary.skip(f"{s.kind} span (no place in a JSONL task)")
    summary.files.append(out)
    return [out]
