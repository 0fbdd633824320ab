"""spaCy's binary corpus: a ``.spacy`` DocBin, one Doc per article.

- entities in ``doc.ents``; two entities that overlap cannot both be there: the
  longer is kept, the other counted as skipped ("overlapping entity");
- quotes in ``doc.spans["quotes"]`` (label QUOTE); claims in
  ``doc.spans["claims"]`` labelled with their first tag (or CLAIM);
- rejected entities (``--include-rejected``) in ``doc.spans["rejected_ents"]``,
  never in ``doc.ents`` (usable as spaCy's ``incorrect_spans_key``);
- everything else a span carries (speaker and its offsets, cue, tags, verdict,
  note, status, the stored label) in ``doc.user_data`` under the key
  ``("copydesk_span", kind, start_char, end_char)``, and the article's meta
  under ``"copydesk_meta"``; the DocBin is written with ``store_user_data=True``
  so both survive ``to_disk``/``from_disk``.

Tokens come from ``spacy.blank("en")`` (the same tokenizer rules as
en_core_web_sm), so exporting needs no model.  A character span that does not
fall on token boundaries is widened to the tokens it touches
(``alignment_mode="expand"``) and counted in the summary as snapped; a span
that touches no token (only whitespace) is skipped with that reason.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from annotators.types import Span

from ..sources import Problem
from .base import (
    CLAIM_LABEL,
    QUOTE_LABEL,
    BadRecord,
    OVERLAP_SKIPPED,
    Item,
    Summary,
    article_meta,
    check_label,
    source_doc,
    span_attrs,
)

SUFFIX = ".spacy"
SPAN_KEY = "copydesk_span"
META_KEY = "copydesk_meta"
QUOTES = "quotes"
CLAIMS = "claims"
REJECTED = "rejected_ents"
KEEP_FIELDS = ("label", "speaker", "speaker_start", "speaker_end", "cue", "tags", "verdict", "note",
               "normalized", "status", "origin", "annotator")


@lru_cache(maxsize=1)
def blank_nlp():
    import spacy

    return spacy.blank("en")


def _char_span(doc, start: int, end: int, label: str):
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def _fields(span) -> dict[str, Any]:
    values = {k: getattr(span, k) for k in KEEP_FIELDS}
    values["tags"] = list(span.tags)
    return {k: v for k, v in values.items() if v not in (None, [], "")}


def make_doc(article, spans, summary: Summary, nlp=None):
    """One article as a Doc with ents, span groups and user_data (see module)."""
    from spacy.tokens import Span as DocSpan  # noqa: F401  (spaCy must be importable)

    nlp = nlp or blank_nlp()
    doc = nlp.make_doc(article.text)
    doc.user_data[META_KEY] = article_meta(article)
    taken: list[tuple[int, int]] = []
    ents = []
    entities = [s for s in spans if s.kind == "entity" and s.status != "rejected"]
    rejected = []
    for s in spans:  # negatives (--include-rejected): a span group, as spaCy's incorrect_spans_key expects
        if s.kind == "entity" and s.status == "rejected":
            span = _char_span(doc, s.start, s.end, s.label)
            if span is not None and len(span):
                rejected.append(span)
                doc.user_data[(SPAN_KEY, "rejected", span.start_char, span.end_char)] = _fields(s)
                summary.wrote("entity", f"{s.label} (rejected)")
    if rejected:
        doc.spans[REJECTED] = sorted(rejected, key=lambda sp: (sp.start, sp.end))
    # longest first, so an overlap keeps the longer entity
    for s in sorted(entities, key=lambda s: (-(s.end - s.start), s.start)):
        ent = _char_span(doc, s.start, s.end, s.label)
        if ent is None or not len(ent):
            summary.skip("span covers no token (whitespace only)")
            continue
        if any(ent.start < b and a < ent.end for a, b in taken):
            summary.skip(OVERLAP_SKIPPED)
            continue
        if (ent.start_char, ent.end_char) != (s.start, s.end):
            summary.snapped += 1
        taken.append((ent.start, ent.end))
        ents.append(ent)
        doc.user_data[(SPAN_KEY, "entity", ent.start_char, ent.end_char)] = _fields(s)
        summary.wrote("entity", s.label)
    doc.ents = sorted(ents, key=lambda e: e.start)
    groups = {QUOTES: [], CLAIMS: []}
    for s in spans:
        if s.kind not in ("quote", "claim"):
            continue
        label = QUOTE_LABEL if s.kind == "quote" else (s.tags[0] if s.tags else CLAIM_LABEL)
        span = _char_span(doc, s.start, s.end, label)
        if span is None or not len(span):
            summary.skip("span covers no token (whitespace only)")
            continue
        if (span.start_char, span.end_char) != (s.start, s.end):
            summary.snapped += 1
        groups[QUOTES if s.kind == "quote" else CLAIMS].append(span)
        doc.user_data[(SPAN_KEY, s.kind, span.start_char, span.end_char)] = _fields(s)
        summary.wrote(s.kind, s.label if s.kind == "claim" else QUOTE_LABEL)
    for key, group in groups.items():
        doc.spans[key] = sorted(group, key=lambda sp: (sp.start, sp.end))
    return doc


def make_docbin(items: Iterable[Item], summary: Summary, nlp=None):
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True)
    for article, spans, _links in items:
        docbin.add(make_doc(article, spans, summary, nlp))
        summary.articles += 1
    return docbin


def export(items: Iterable[Item], out: Path, summary: Summary) -> list[Path]:
    out = Path(out)
    if out.suffix != SUFFIX:
        out = out.with_name(out.name + SUFFIX) if not out.suffix else out
    out.parent.mkdir(parents=True, exist_ok=True)
    make_docbin(items, summary).to_disk(out)
    summary.files.append(out)
    return [out]


write = export


# --- reading ------------------------------------------------------------------------


def doc_spans(doc) -> list[Span]:
    """The labelled spans of one Doc, with the fields kept in user_data."""
    data = doc.user_data

    def stored(kind: str, start: int, end: int) -> dict[str, Any]:
        value = data.get((SPAN_KEY, kind, start, end))
        return dict(value) if isinstance(value, dict) else {}

    spans: list[Span] = []
    for ent in doc.ents:
        check_label(ent.label_, f"entity {ent.start_char}-{ent.end_char}")
        values = stored("entity", ent.start_char, ent.end_char)
        spans.append(Span(ent.start_char, ent.end_char, ent.label_, "entity", span_attrs("entity", values)))
    for key, kind in ((QUOTES, "quote"), (CLAIMS, "claim"), (REJECTED, "entity")):
        if key not in doc.spans:
            continue
        for sp in doc.spans[key]:
            values = stored("rejected" if key == REJECTED else kind, sp.start_char, sp.end_char)
            if key == REJECTED:
                check_label(sp.label_, f"rejected entity {sp.start_char}-{sp.end_char}")
                values["status"] = "rejected"
                spans.append(Span(sp.start_char, sp.end_char, sp.label_, "entity", span_attrs("entity", values)))
                continue
            if kind == "quote":
                label = QUOTE_LABEL
            else:
                label = values.get("label") or CLAIM_LABEL
                if "tags" not in values and sp.label_ and sp.label_ != CLAIM_LABEL:
                    values["tags"] = [sp.label_]
            check_label(label, f"{kind} {sp.start_char}-{sp.end_char}")
            spans.append(Span(sp.start_char, sp.end_char, label, kind, span_attrs(kind, values)))
    return spans


def read(path: Path, problems: list) -> list:
    """Every Doc of a ``.spacy`` file as a labelled SourceDoc; a Doc that
    cannot be used is reported as ``file:N`` (N counts Docs from 1)."""
    from spacy.tokens import DocBin

    path = Path(path)
    try:
        docbin = DocBin(store_user_data=True).from_disk(path)
        docs = list(docbin.get_docs(blank_nlp().vocab))
    except Exception as exc:  # a corrupt or foreign file: say so, never crash the import
        problems.append(Problem(str(path), None, f"not a readable spaCy DocBin ({type(exc).__name__}: {exc})"))
        return []
    out = []
    for number, doc in enumerate(docs, start=1):
        try:
            meta = doc.user_data.get(META_KEY)
            meta = dict(meta) if isinstance(meta, dict) else {}
            meta.pop("article_id", None)
            file_name = meta.get("file") or f"{path.stem}-{number}"
            meta["imported_from"] = f"{path.name}#{number}"
            out.append(source_doc(f"{path.resolve()}#{number}", file_name, doc.text, doc_spans(doc), meta))
        except BadRecord as exc:
            problems.append(Problem(str(path), number, f"doc {number}: {exc.reason}"))
    return out
