"""Reading labelled JSONL lines: copydesk's own, Prodigy's tasks (``spans``,
``relations``, ``answer``; overlapping spans as ``spans.manual`` writes them)
and doccano's (``label`` or ``labels`` triples, or ``entities`` objects with
``relations``).

Which lines carry what:

- ``"answer": "accept"`` — the spans are the annotation of the whole text
  (``complete``: its unmarked text is negative), unless the task is Prodigy's
  binary ``ner`` view (one span judged) or copydesk's ``meta.done`` is false;
- ``"answer": "ignore"`` with ``meta.done`` false — copydesk's export of an
  article nobody finished: its reviewed spans, nothing about the rest;
- any other answer — the text without spans.

A span's own ``"answer": "reject"`` makes it a rejected span; its own
``"annotator"`` (doccano: ``"user"``), else the line's (``_annotator_id``...),
says whose judgment it is (store.formats.who).  Relations come in
as :class:`store.sources.LabelledRelation`; a ``Speaker`` relation from a quote
sets the quote's speaker (its offsets and text) and is not kept twice.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from annotators.types import Span

from ..sources import LabelledRelation
from .base import (
    CLAIM_LABEL,
    QUOTE_LABEL,
    REVIEW_STATUSES,
    BadRecord,
    check_key,
    check_label,
    check_offsets,
    normalise_with_map,
    remap_spans,
    span_attrs,
)
from .who import line_annotator, span_annotator, spans_name_annotators

DOCCANO_DETAIL = "copydesk"
SPEAKER = "speaker"
SPEAKER_MENTION = "SPEAKER"  # the mention a Speaker relation points at (doccano --layer relations)


@dataclass(frozen=True)
class Labelled:
    spans: tuple[Span, ...]
    relations: tuple[LabelledRelation, ...] = ()
    complete: bool = False
    annotator: str | None = None  # the line's own (store.formats.who); spans may name theirs
    completion_said: bool = True


def is_labelled(record: dict[str, Any]) -> bool:
    return any(isinstance(record.get(key), list) for key in ("spans", "quotes", "claims")) or is_doccano(record)


def _doccano_labels(record: dict[str, Any]) -> list | None:
    for key in ("label", "labels"):
        value = record.get(key)
        if isinstance(value, list) and all(isinstance(x, (list, tuple)) for x in value):
            return value
    return None


def is_doccano(record: dict[str, Any]) -> bool:
    """doccano's sequence-labelling line: ``label`` (or the older ``labels``)
    as [[start, end, LABEL]], or ``entities`` as [{start_offset, end_offset, label}]."""
    if _doccano_labels(record) is not None:
        return True
    ents = record.get("entities")
    return isinstance(ents, list) and all(isinstance(x, dict) and "start_offset" in x for x in ents)


def labelled_spans_from_record(record: dict[str, Any], text: str) -> tuple[Span, ...] | None:
    found = labelled_from_record(record, text)
    return None if found is None else found.spans


def labelled_from_record(record: dict[str, Any], text: str) -> Labelled | None:
    """The spans and relations of a labelled line, or None for a plain-text line.

    Offsets are checked against the line's own ``text`` and then carried into
    ``text`` (the normalised article text the importer stores).  Raises
    :class:`BadRecord` naming the problem (offsets past the text, a span without
    a usable label, a relation to nothing) so the caller can report file and
    line and skip the whole line.
    """
    if not is_labelled(record):
        return None
    raw = record.get("text") if isinstance(record.get("text"), str) else text
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    if is_doccano(record) and not any(isinstance(record.get(k), list) for k in ("spans", "quotes", "claims")):
        spans, relations = _doccano(record, raw)
        complete = meta.get("done") is True  # doccano itself says nothing of completion (SourceDoc.completion_said)
        said = isinstance(meta.get("done"), bool)
    else:
        answer = record.get("answer", "accept")
        partial = answer == "ignore" and meta.get("done") is False
        if answer != "accept" and not partial:
            return Labelled(())
        spans, relations = _ours(record, raw)
        complete = answer == "accept" and record.get("_view_id") != "ner" and meta.get("done") is not False
        said = True
    spans, relations = _speakers(spans, relations, raw)
    if raw != text:
        normalised, where = normalise_with_map(raw)
        if normalised != text:
            raise BadRecord("the line's text does not match the imported article text")
        spans = list(remap_spans(spans, where, text))
    annotator = None if spans_name_annotators(spans) else line_annotator(record)
    return Labelled(tuple(spans), tuple(relations), complete, annotator, said)


def _ours(record: dict[str, Any], text: str) -> tuple[list[Span], list[LabelledRelation]]:
    spans: list[Span] = []
    ids: dict[Any, int] = {}
    where: dict[tuple[int, int, str], int] = {}

    def add(entry: dict[str, Any], span: Span) -> None:
        if check_key(entry.get("id"), 'a span\'s "id"') is not None:
            ids[entry["id"]] = len(spans)
        where.setdefault((span.start, span.end, span.label), len(spans))
        spans.append(span)

    for entry in _entries(record, "spans"):
        label = entry.get("label")
        kind = "quote" if label == QUOTE_LABEL else "claim" if label == CLAIM_LABEL else "entity"
        add(entry, _span(entry, text, kind, label, span_attrs(kind, entry)))
    for entry in _entries(record, "quotes"):
        add(entry, _span(entry, text, "quote", QUOTE_LABEL, span_attrs("quote", entry)))
    for entry in _entries(record, "claims"):
        add(entry, _span(entry, text, "claim", entry.get("label") or CLAIM_LABEL, span_attrs("claim", entry)))
    for entry in _entries(record, "events"):
        add(entry, _span(entry, text, "event", entry.get("label"), span_attrs("event", entry)))
    relations: list[LabelledRelation] = []
    linked: set[tuple[tuple[int, int, str], tuple[int, int, str], str]] = set()
    for link in _entries(record, "links"):
        a, b = ids.get(check_key(link.get("a"), 'a link\'s "a"')), ids.get(check_key(link.get("b"), 'a link\'s "b"'))
        if a is None or b is None or not isinstance(link.get("kind"), str):
            raise BadRecord(f"link {link!r} refers to a span id not on this line")
        attrs = link.get("attrs") if isinstance(link.get("attrs"), dict) else {}  # e.g. brat's args, event_relation
        relations.append(LabelledRelation(a, b, link["kind"], dict(attrs)))
        # by bounds: two events on one trigger are one head to a relation (it names spans by bounds)
        linked.add((_bounds(spans[a]), _bounds(spans[b]), link["kind"]))
    for rel in _entries(record, "relations"):
        head, child, label = rel.get("head_span"), rel.get("child_span"), rel.get("label")
        if not isinstance(head, dict) or not isinstance(child, dict) or not isinstance(label, str):
            raise BadRecord("a relation needs head_span, child_span and label")
        a = where.get(_bounds_key(head, "head_span"))
        b = where.get(_bounds_key(child, "child_span"))
        if label.lower() == SPEAKER and a is not None and spans[a].kind == "quote":
            _speaker_from_relation(spans, head, child, text)
            continue
        if a is None or b is None:
            raise BadRecord(f"relation {label!r} points at a span that is not in \"spans\"")
        if (_bounds(spans[a]), _bounds(spans[b]), label) not in linked:  # the same as a link: not twice
            relations.append(LabelledRelation(a, b, label))
    return spans, relations


def _speaker_from_relation(spans: list[Span], head: dict[str, Any], child: dict[str, Any], text: str) -> None:
    """Prodigy's relation names spans by bounds: of the quotes at the head's
    bounds, one that already has this speaker keeps it; else the first without
    a speaker gets it."""
    start, end = check_offsets(child.get("start"), child.get("end"), text, "speaker")
    same = [i for i, s in enumerate(spans) if s.kind == "quote" and (s.start, s.end) == (head.get("start"), head.get("end"))]
    if any((spans[i].attrs.get("speaker_start"), spans[i].attrs.get("speaker_end")) == (start, end) for i in same):
        return
    for i in same:
        quote = spans[i]
        if quote.attrs.get("speaker_start") is None:
            attrs = {**quote.attrs, "speaker_start": start, "speaker_end": end}
            attrs.setdefault("speaker", text[start:end])
            spans[i] = Span(quote.start, quote.end, quote.label, quote.kind, attrs)
            return


def _speakers(spans: list[Span], relations: list[LabelledRelation], text: str):
    """A ``Speaker`` relation from a quote to a span (doccano, brat-like data)
    sets the quote's speaker when it has none, instead of staying a relation.
    A span labelled SPEAKER that only such relations point at was the mention
    (copydesk's ``--layer relations`` export writes one): it is not an entity."""
    kept = []
    spans = list(spans)
    mentions = set()
    for rel in relations:
        head = spans[rel.head]
        if rel.kind.lower() == SPEAKER and head.kind == "quote":
            child = spans[rel.child]
            if head.attrs.get("speaker_start") is None:
                attrs = {**head.attrs, "speaker_start": child.start, "speaker_end": child.end}
                attrs.setdefault("speaker", text[child.start:child.end])
                spans[rel.head] = Span(head.start, head.end, head.label, head.kind, attrs)
            if child.label == SPEAKER_MENTION:
                mentions.add(rel.child)
            continue
        kept.append(rel)
    mentions -= {i for rel in kept for i in (rel.head, rel.child)}
    if not mentions:
        return spans, kept
    new_index = {old: new for new, old in enumerate(i for i in range(len(spans)) if i not in mentions)}
    return ([s for i, s in enumerate(spans) if i not in mentions],
            [dataclasses.replace(rel, head=new_index[rel.head], child=new_index[rel.child]) for rel in kept])


def _bounds(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def _bounds_key(entry: dict[str, Any], what: str) -> tuple[Any, Any, Any]:
    return tuple(check_key(entry.get(k), f'{what} "{k}"') for k in ("start", "end", "label"))


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


def _doccano(record: dict[str, Any], text: str) -> tuple[list[Span], list[LabelledRelation]]:
    triples: list[tuple[Any, Any, Any, Any]] = []
    for entry in _doccano_labels(record) or []:
        if len(entry) != 3:
            raise BadRecord(f"a doccano label must be [start, end, LABEL], not {entry!r}")
        triples.append((*entry, None, None))
    for entry in record.get("entities") or []:
        triples.append((check_key(entry.get("start_offset"), 'an entity\'s "start_offset"'),
                        check_key(entry.get("end_offset"), 'an entity\'s "end_offset"'),
                        check_key(entry.get("label"), 'an entity\'s "label"'), check_key(entry.get("id"), 'an entity\'s "id"'),
                        entry.get("user")))
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    extra = meta.get(DOCCANO_DETAIL) if isinstance(meta.get(DOCCANO_DETAIL), dict) else {}
    detail: dict[tuple[Any, Any, Any], tuple[str, dict]] = {}
    for kind, key in (("quote", "quotes"), ("claim", "claims")):
        for entry in extra.get(key) or []:
            if isinstance(entry, dict):
                label = entry.get("label") or (QUOTE_LABEL if kind == "quote" else CLAIM_LABEL)
                detail[(entry.get("start"), entry.get("end"), label)] = (kind, entry)
    statuses = extra.get("status") if isinstance(extra.get("status"), dict) else {}
    spans, ids = [], {}
    for start, end, label, ident, user in triples:
        kind, values = detail.get((start, end, label), (None, {}))
        if kind is None:
            kind = "quote" if label == QUOTE_LABEL else "claim" if label == CLAIM_LABEL else "entity"
        values = dict(values)
        if user is not None:
            values["user"] = user
        if f"{start}:{end}:{label}" in statuses:
            values["status"] = statuses[f"{start}:{end}:{label}"]
        if ident is not None:
            ids[ident] = len(spans)
        spans.append(_span({"start": start, "end": end, **values}, text, kind, label, span_attrs(kind, values)))
    relations = []
    for rel in record.get("relations") or []:
        if not isinstance(rel, dict):
            raise BadRecord("each doccano relation must be an object")
        a = ids.get(check_key(rel.get("from_id"), 'a relation\'s "from_id"'))
        b = ids.get(check_key(rel.get("to_id"), 'a relation\'s "to_id"'))
        kind = rel.get("type")
        if a is None or b is None or not isinstance(kind, str) or not kind:
            raise BadRecord(f"doccano relation {rel!r} needs a type and from_id/to_id of entities on this line")
        relations.append(LabelledRelation(a, b, kind))
    return spans, relations


def _span(entry: Any, text: str, kind: str, label: Any, attrs: dict | None = None) -> Span:
    if not isinstance(entry, dict):
        raise BadRecord(f"a {kind} entry must be an object, not {type(entry).__name__}")
    start, end = check_offsets(entry.get("start"), entry.get("end"), text, kind)
    check_label(label, f"{kind} {start}-{end}")
    attrs = dict(attrs or {})
    status = entry.get("status")
    if status in REVIEW_STATUSES:
        attrs["status"] = status
    elif entry.get("answer") == "reject":
        attrs["status"] = "rejected"
    attrs.update(span_annotator(entry, f"{kind} {start}-{end}"))
    for key in ("speaker_start", "speaker_end"):
        if attrs.get(key) is not None and not (isinstance(attrs[key], int) and 0 <= attrs[key] <= len(text)):
            raise BadRecord(f"{kind} {start}-{end}: {key} {attrs[key]!r} is outside the text")
    for piece in attrs.get("fragments") or []:
        if not (isinstance(piece, list) and len(piece) == 2):
            raise BadRecord(f"{kind} {start}-{end}: fragments must be [[start, end], ...]")
        check_offsets(piece[0], piece[1], text, f"{kind} fragment")
    return Span(start, end, label, kind, attrs)
