"""Re-importing a file whose text changed: the article keeps its id, the
spans people worked on (judged or linked) move to where their words now stand
with everyone's judgments and the links between them, the model's other
suggestions are made afresh, and a labelled file's relations come in between
the spans it labels.  A span whose words are gone is deleted and reported
(``ImportReport.stale``), logged as 'stale' with its judgments and links."""
from __future__ import annotations

import json
from typing import Any, Iterable

import sqlite_utils

from annotators.tokenization import Tokenization
from annotators.types import Span

from . import articles as article_rows
from . import token_cache
from .actions import _log, _span_snapshot
from .ingest import (IMPORTER, ImportReport, SourceDoc, StaleSpan, _article_fields, _valid_spans, insert_relations,
                     mark_complete)


def store_changed(
    db: sqlite_utils.Database, old_id: int, doc: SourceDoc, spans: Iterable[Span], origin: str, report: ImportReport,
    tokens: Tokenization | None = None,
) -> int:
    """Replace an article's text, carrying over the spans people worked on
    (judged or linked) with everyone's judgments and the links between them
    to where their words now stand; the tokens kept for the old text give way
    to ``tokens`` (None: none kept)."""
    old = article_rows.get_article(db, old_id)
    new_text = doc.cleaned.text
    # Suggestions nobody judged or linked are made afresh; a link is work on its spans, kept like a judgment.
    db.execute("delete from spans where article_id = ? and origin = 'model' and id not in "
               "(select span_id from judgments union select a_span_id from links union select b_span_id from links)",
               [old_id])
    article_rows.update_article_text(db, old_id, _article_fields(doc))
    token_cache.save(db, old_id, new_text, tokens)
    kept: dict[tuple[int, int, str, str], int] = {}  # where a span now stands, its kind and label -> its id
    for span in list(db.query("select * from spans where article_id = ?", [old_id])):
        moved = relocate(old.text, new_text, span["start"], span["end"])
        if moved is None:
            before = _span_snapshot(db, span["id"])
            db.execute("delete from spans where id = ?", [span["id"]])
            _log(db, IMPORTER, "stale", "span", span["id"], old_id, before, None)
            report.stale.append(StaleSpan(old_id, span["id"], span["kind"], span["label"],
                                          old.text[span["start"]:span["end"]]))
            continue
        _relocate_rows(db, "spans", "id", span["id"], old.text, new_text)
        for judgment in list(db.query("select id from judgments where span_id = ?", [span["id"]])):
            _relocate_rows(db, "judgments", "id", judgment["id"], old.text, new_text)
        kept[(moved[0], moved[1], span["kind"], span["label"])] = span["id"]
    spans = list(spans)
    fresh = _valid_spans([s for s in spans if (s.start, s.end, s.kind, s.label) not in kept], new_text)
    newest = db.execute("select coalesce(max(id), 0) from spans").fetchone()[0]
    rows = article_rows.suggestion_rows(old_id, fresh, origin, annotator=None if origin == "model" else doc.owner,
                                        content_hash=doc.content_hash)
    article_rows.insert_spans(db, rows)
    if origin == "imported":
        if doc.relations:
            _carry_relations(db, old_id, doc, spans, fresh, newest, kept)
        mark_complete(db, old_id, doc.complete, doc.owner)
    return len(rows)


def _carry_relations(db: sqlite_utils.Database, article_id: int, doc: SourceDoc, spans: list[Span],
                     fresh: list[Span], newest: int, kept: dict[tuple[int, int, str, str], int]) -> None:
    """The changed file's relations, between the spans it labels: those kept
    from before (at their new offsets) and those just inserted; a link that
    is already there is not made twice."""
    inserted = [row[0] for row in db.execute("select id from spans where article_id = ? and id > ? order by id",
                                             [article_id, newest])]
    span_ids = {id(span): span_id for span, span_id in zip(fresh, inserted)}
    for span in spans:
        if id(span) not in span_ids and (span.start, span.end, span.kind, span.label) in kept:
            span_ids[id(span)] = kept[(span.start, span.end, span.kind, span.label)]
    insert_relations(db, doc, span_ids, skip_existing=True)


def _relocate_rows(db: sqlite_utils.Database, table: str, pk: str, row_id: int, old_text: str, new_text: str) -> None:
    """Move one span or judgment row's offsets (and its speaker's) into the new text."""
    row = list(db.query(f"select * from {table} where {pk} = ?", [row_id]))[0]
    moved = relocate(old_text, new_text, row["start"], row["end"])
    changes: dict[str, Any] = {"start": moved[0], "end": moved[1]} if moved else {}
    if moved and row.get("fragments"):
        shift = moved[0] - row["start"]
        changes["fragments"] = json.dumps([[a + shift, b + shift] for a, b in json.loads(row["fragments"])])
    if row["speaker_start"] is not None and row["speaker_end"] is not None:
        speaker_at = relocate(old_text, new_text, row["speaker_start"], row["speaker_end"])
        changes["speaker_start"], changes["speaker_end"] = speaker_at or (None, None)
    if changes:
        db[table].update(row_id, changes)


def relocate(old_text: str, new_text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the words at old_text[start:end] stand in new_text: the same
    place if unchanged, else the nearest occurrence, else None."""
    words = old_text[start:end]
    if new_text[start:end] == words:
        return start, end
    best: int | None = None
    at = new_text.find(words)
    while at != -1:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = new_text.find(words, at + 1)
    return (best, best + len(words)) if best is not None else None
