"""doccano's sequence-labelling JSONL, one article per line::

    {"id": 12, "text": "...", "label": [[0, 14, "PERSON"], [44, 56, "QUOTE"], ...],
     "meta": {"file": ..., "title": ..., ..., "copydesk": {"quotes": [...], "claims": [...],
              "status": {"44:56:QUOTE": "corrected"}}}}

Entities keep their label; quotes are labelled QUOTE and claims CLAIM (their
stored label).  ``--layer relations`` writes a relation project's lines instead
(``entities`` with ids, ``relations`` from_id/to_id/type: :func:`relation_record`).  doccano carries one label per span and nothing more, so the
speaker of a quote (and the model's speaker_score) and the tags, verdict, note
and score of a claim ride along in
``meta.copydesk`` (doccano keeps meta through its own import and export), and
so does every span's review status other than ``accepted``.  ``id`` is the
article id in the exporting database.  Reading accepts these lines and
doccano's own exports (``label`` triples or ``entities`` objects with
``start_offset``/``end_offset``) is the importer's JSONL reader's work, with
:func:`store.formats.jsonl.labelled_spans_from_record`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from ..sources import SOURCE_ID
from .base import QUOTE_LABEL, ExportError, Item, Summary, article_meta, extra_meta, model_score
from .jsonl_read import DOCCANO_DETAIL

SUFFIX = ".jsonl"


def record(article, spans) -> dict[str, Any]:
    labels = []
    quotes, claims, status = [], [], {}
    for s in spans:
        label = QUOTE_LABEL if s.kind == "quote" else s.label
        labels.append([s.start, s.end, label])
        if s.status != "accepted":
            status[f"{s.start}:{s.end}:{label}"] = s.status
        if s.kind == "quote":
            quotes.append({k: v for k, v in (("start", s.start), ("end", s.end), ("speaker", s.speaker),
                                             ("speaker_start", s.speaker_start), ("speaker_end", s.speaker_end),
                                             ("cue", s.cue), ("speaker_score", model_score(s))) if v is not None})
        elif s.kind == "claim":
            entry = {"start": s.start, "end": s.end, "label": s.label}
            entry.update({k: v for k, v in (("tags", list(s.tags)), ("verdict", s.verdict), ("note", s.note),
                                             ("normalized", s.normalized), ("score", model_score(s)))
                          if v not in (None, [])})
            claims.append(entry)
    labels.sort(key=lambda x: (x[0], -x[1], x[2]))
    meta = {**extra_meta(article), **{k: v for k, v in article_meta(article).items()
                                       if k != "article_id" and v is not None}}
    detail = {k: v for k, v in (("quotes", quotes), ("claims", claims), ("status", status)) if v}
    if detail:
        meta[DOCCANO_DETAIL] = detail
    return {"id": meta.pop(SOURCE_ID, article.id), "text": article.text, "label": labels, "meta": meta}


def relation_record(article, spans, links) -> dict[str, Any]:
    """doccano's relation-project line (its "JSONL(Relation)" upload): every span
    an entity with an id, each quote's speaker mention a SPEAKER entity with a
    ``Speaker`` relation from the quote, and each link a relation of its kind;
    speakers' names, tags, verdicts and statuses ride in meta as in :func:`record`."""
    line = record(article, spans)
    entities, ids, mentions = [], {}, {}

    def entity(start: int, end: int, label: str) -> int:
        entities.append({"id": len(entities) + 1, "label": label, "start_offset": start, "end_offset": end})
        return len(entities)

    for start, end, label in line.pop("label"):
        ident = entity(start, end, label)
        ids.setdefault((start, end, label), ident)
    relations = []
    for s in spans:
        if s.kind == "quote" and s.speaker_start is not None and s.speaker_end is not None:
            key = (s.speaker_start, s.speaker_end)
            if key not in mentions:
                mentions[key] = entity(*key, SPEAKER_MENTION)
            relations.append((ids[(s.start, s.end, QUOTE_LABEL)], mentions[key], SPEAKER_RELATION))
    by_span = {s.id: ids[(s.start, s.end, QUOTE_LABEL if s.kind == "quote" else s.label)] for s in spans}
    for link in links:
        if link["a_span_id"] in by_span and link["b_span_id"] in by_span:
            relations.append((by_span[link["a_span_id"]], by_span[link["b_span_id"]], link["kind"]))
    line["entities"] = sorted(entities, key=lambda e: (e["start_offset"], -e["end_offset"], e["id"]))
    line["relations"] = [{"id": n, "from_id": a, "to_id": b, "type": kind}
                         for n, (a, b, kind) in enumerate(relations, start=1)]
    return line


SPEAKER_MENTION = "SPEAKER"
SPEAKER_RELATION = "Speaker"
LAYERS = {"entities": ("entity",), "quotes": ("quote",), "claims": ("claim",), "all": None, "relations": None}
RELATIONS_NOTE = ('every span and relation written, for a doccano project with "Use relation labeling" and '
                  '"Allow overlapping spans" on, uploaded as JSONL(Relation)')
OVERLAP_SKIPPED = ('overlaps a longer span (a default doccano project keeps no overlaps; use --layer '
                   'entities|quotes|claims, or --layer all with "Allow overlapping spans" on)')
# A quote's speaker rides in meta; a link between two spans has no place in a line of
# label triples (doccano's relation projects read the entities/relations shape: --layer relations).
LINK_SKIPPED = "link (doccano's sequence-labelling JSONL has no relations; --layer relations writes them)"
ALL_NOTE = 'every span written: the doccano project needs "Allow overlapping spans" on, or it drops some silently'


def _no_overlaps(spans, summary: Summary) -> list:
    """What a default project keeps: no two spans overlap; the longer (then the earlier) wins."""
    kept, taken = [], []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.kind)):
        if any(s.start < b and a < s.end for a, b in taken):
            summary.skip(OVERLAP_SKIPPED)
            continue
        taken.append((s.start, s.end))
        kept.append(s)
    return sorted(kept, key=lambda s: (s.start, -s.end))


def export(items: Iterable[Item], out: Path, summary: Summary, layer: str | None = None) -> list[Path]:
    if layer is not None and layer not in LAYERS:
        raise ExportError(f"--layer {layer!r}: choose one of {', '.join(LAYERS)}")
    kinds = LAYERS.get(layer) if layer else None
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for article, spans, links in items:
            if links and layer != "relations":
                summary.skip(LINK_SKIPPED, len(links))
            spans = [s for s in spans if s.kind in ("entity", "quote", "claim")]
            if kinds is not None:
                for s in spans:
                    if s.kind not in kinds:
                        summary.skip(f"{s.kind} (not in --layer {layer})")
                spans = [s for s in spans if s.kind in kinds]
            if layer not in ("all", "relations"):
                spans = _no_overlaps(spans, summary)
            line = relation_record(article, spans, links) if layer == "relations" else record(article, spans)
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            summary.articles += 1
            for s in spans:
                summary.wrote(s.kind, QUOTE_LABEL if s.kind == "quote" else s.label)
    if layer == "all":
        summary.note(ALL_NOTE)
    elif layer == "relations":
        summary.note(RELATIONS_NOTE)
    summary.files.append(out)
    return [out]


write = export
