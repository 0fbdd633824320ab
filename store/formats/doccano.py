"""doccano's sequence-labelling JSONL, one article per line::

    {"id": 12, "text": "...", "label": [[0, 14, "PERSON"], [44, 56, "QUOTE"], ...],
     "meta": {"file": ..., "title": ..., ..., "copydesk": {"quotes": [...], "claims": [...],
              "status": {"44:56:QUOTE": "corrected"}}}}

Entities keep their label; quotes are labelled QUOTE and claims CLAIM (their
stored label).  doccano carries one label per span and nothing more, so the
speaker of a quote and the tags, verdict and note of a claim ride along in
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

from .base import QUOTE_LABEL, ExportError, Item, Summary, article_meta
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
                                             ("cue", s.cue)) if v is not None})
        elif s.kind == "claim":
            entry = {"start": s.start, "end": s.end, "label": s.label}
            entry.update({k: v for k, v in (("tags", list(s.tags)), ("verdict", s.verdict), ("note", s.note),
                                             ("normalized", s.normalized)) if v not in (None, [])})
            claims.append(entry)
    labels.sort(key=lambda x: (x[0], -x[1], x[2]))
    meta = {k: v for k, v in article_meta(article).items() if k != "article_id" and v is not None}
    detail = {k: v for k, v in (("quotes", quotes), ("claims", claims), ("status", status)) if v}
    if detail:
        meta[DOCCANO_DETAIL] = detail
    return {"id": article.id, "text": article.text, "label": labels, "meta": meta}


LAYERS = {"entities": ("entity",), "quotes": ("quote",), "claims": ("claim",), "all": None}
OVERLAP_SKIPPED = ('overlaps a longer span (a default doccano project keeps no overlaps; use --layer '
                   'entities|quotes|claims, or --layer all with "Allow overlapping spans" on)')
# A quote's speaker rides in meta; a link between two spans has no place in a line of
# label triples (doccano's relation projects read an entities/relations shape instead).
LINK_SKIPPED = "link (doccano's sequence-labelling JSONL has no relations)"
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
            if links:
                summary.skip(LINK_SKIPPED, len(links))
            spans = [s for s in spans if s.kind in ("entity", "quote", "claim")]
            if kinds is not None:
                for s in spans:
                    if s.kind not in kinds:
                        summary.skip(f"{s.kind} (not in --layer {layer})")
                spans = [s for s in spans if s.kind in kinds]
            if layer != "all":
                spans = _no_overlaps(spans, summary)
            fh.write(json.dumps(record(article, spans), ensure_ascii=False) + "\n")
            summary.articles += 1
            for s in spans:
                summary.wrote(s.kind, QUOTE_LABEL if s.kind == "quote" else s.label)
    if layer == "all":
        summary.note(ALL_NOTE)
    summary.files.append(out)
    return [out]


write = export
