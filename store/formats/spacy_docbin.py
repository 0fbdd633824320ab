"""spaCy's binary corpus: a ``.spacy`` DocBin, one Doc per article.

Training semantics (what a model learns from each token):

- an article marked done: its unmarked tokens are ``O`` (known not to be an
  entity); an article not done: they are *missing* (``ent_iob == 0``, set with
  ``Doc.set_ents(..., default="missing")``): nobody said they are not entities;
- entities in ``doc.ents``; of two that overlap only the longer can be there:
  the other goes to ``doc.spans["overlapping_ents"]`` (counted), and its
  tokens outside the kept one are missing, never O; a discontinuous entity
  cannot be in ``doc.ents``: its fragments go to ``doc.spans["discontinuous_ents"]``
  and their tokens are missing;
- quotes in ``doc.spans["quotes"]`` (label QUOTE); claims in
  ``doc.spans["claims"]`` labelled with their first tag (or CLAIM); events in
  ``doc.spans["events"]``; a discontinuous one as its fragments;
- rejected spans (``--include-rejected``) only in negative groups, never in
  ``doc.ents`` or a positive group: ``doc.spans["rejected_ents"]`` (usable as
  spaCy's ``incorrect_spans_key``), ``"rejected_quotes"``, ``"rejected_claims"``;
- everything else a span carries (speaker and its offsets, cue, tags, verdict,
  note, status, annotator, the stored label) in ``doc.user_data`` under the key
  ``("copydesk_span", kind, start_char, end_char)``, and the article's meta
  under ``"copydesk_meta"`` (with ``done``); the DocBin is written with
  ``store_user_data=True`` so both survive ``to_disk``/``from_disk``.

Span groups have no "missing" value: spaCy's spancat takes every stretch not in
a group as negative, so in an article not done the quote and claim groups are
partial (the summary says how many such articles went out).

Tokens come from ``spacy.blank("en")`` (the same tokenizer rules as
en_core_web_sm), so exporting needs no model.  A character span that does not
fall on token boundaries is widened to the tokens it touches
(``alignment_mode="expand"``) and counted in the summary as snapped; a span
that touches no token (only whitespace) is skipped with that reason.  Every
span, suggested or reviewed, is first trimmed of whitespace at its ends (counted).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from annotators.types import Span

from ..sources import Problem
from .docbin_file import DocBinFile
from .base import (
    CLAIM_LABEL,
    QUOTE_LABEL,
    BadRecord,
    Item,
    Summary,
    article_meta,
    check_label,
    is_negative,
    source_doc,
    span_attrs,
    span_fragments,
)

SUFFIX = ".spacy"
SPAN_KEY = "copydesk_span"
META_KEY = "copydesk_meta"
QUOTES = "quotes"
CLAIMS = "claims"
EVENTS = "events"
REJECTED = "rejected_ents"
OVERLAPPING = "overlapping_ents"
DISCONTINUOUS = "discontinuous_ents"
GROUPS = {"quote": QUOTES, "claim": CLAIMS, "event": EVENTS}
REJECTED_GROUPS = {"entity": REJECTED, "quote": "rejected_quotes", "claim": "rejected_claims", "event": "rejected_events"}
KEEP_FIELDS = ("label", "speaker", "speaker_start", "speaker_end", "cue", "tags", "verdict", "note",
               "normalized", "status", "origin", "annotator")
NO_TOKEN = "span covers no token (whitespace only)"
TRIMMED = "span trimmed of the whitespace at its ends (an entity must start and end on a word)"
PARTIAL_GROUPS = ("articles not done: their quote/claim span groups are partial (spancat has no missing value "
                  "and takes the rest as negative)")


@lru_cache(maxsize=1)
def blank_nlp():
    import spacy

    return spacy.blank("en")


def _fields(span) -> dict[str, Any]:
    values = {k: getattr(span, k) for k in KEEP_FIELDS}
    values["tags"] = list(span.tags)
    pieces = span_fragments(span)
    if len(pieces) > 1:
        values["fragments"] = [list(p) for p in pieces]
    return {k: v for k, v in values.items() if v not in (None, [], "")}


class _DocBuilder:
    """Puts one article's spans on its Doc, counting into the summary."""

    def __init__(self, doc, summary: Summary):
        self.doc = doc
        self.summary = summary
        self.groups: dict[str, list] = {}

    def char_span(self, start: int, end: int, label: str):
        text, given = self.doc.text, (start, end)
        while start < end and text[start].isspace():  # a model's "Stance\n\n": spacy debug data flags it
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        span = self.doc.char_span(start, end, label=label, alignment_mode="expand") if start < end else None
        if span is None or not len(span):
            self.summary.skip(NO_TOKEN)
            return None
        if (start, end) != given:
            self.summary.aside[TRIMMED] += 1
        if (span.start_char, span.end_char) != (start, end):
            self.summary.snapped += 1
        return span

    def pieces(self, s, label: str) -> list:
        return [sp for a, b in span_fragments(s) if (sp := self.char_span(a, b, label)) is not None]

    def group(self, key: str, spans: list) -> None:
        self.groups.setdefault(key, []).extend(spans)

    def keep(self, s, kind: str, pieces: list) -> None:
        first, last = pieces[0], pieces[-1]
        self.doc.user_data[(SPAN_KEY, kind, first.start_char, last.end_char)] = _fields(s)

    def finish(self) -> None:
        for key in (QUOTES, CLAIMS):
            self.groups.setdefault(key, [])
        for key, group in self.groups.items():
            self.doc.spans[key] = sorted(group, key=lambda sp: (sp.start, sp.end, sp.label_))


def _entities(b: _DocBuilder, entities: list) -> tuple[list, list]:
    """The entities for doc.ents (longest first wins an overlap) and the token
    stretches that must be missing (overlapped or discontinuous entities)."""
    ents, missing = [], []
    taken = bytearray(len(b.doc))  # 1 for each token an entity in ents already covers
    for s in sorted(entities, key=lambda s: (-(s.end - s.start), s.start)):
        pieces = b.pieces(s, s.label)
        if not pieces:
            continue
        b.keep(s, "entity", pieces)
        b.summary.wrote("entity", s.label)
        if len(pieces) > 1:
            b.group(DISCONTINUOUS, pieces)
            missing.extend(pieces)
            b.summary.aside["discontinuous entity: its fragments in spans['discontinuous_ents'], not doc.ents (tokens missing)"] += 1
            continue
        ent = pieces[0]
        if any(taken[ent.start:ent.end]):  # it overlaps one taken before (each one a pairwise test was O(n^2))
            b.group(OVERLAPPING, [ent])
            missing.append(ent)
            b.summary.aside["overlapping entity: in spans['overlapping_ents'], the longer in doc.ents"] += 1
            continue
        taken[ent.start:ent.end] = b"\x01" * (ent.end - ent.start)
        ents.append(ent)
    return ents, missing


def make_doc(article, spans, summary: Summary, nlp=None):
    """One article as a Doc with ents, span groups and user_data (see module)."""
    nlp = nlp or blank_nlp()
    doc = nlp.make_doc(article.text)
    meta = article_meta(article)
    meta["done"] = bool(article.done)
    doc.user_data[META_KEY] = meta
    b = _DocBuilder(doc, summary)
    for s in spans:
        if is_negative(s):
            pieces = b.pieces(s, _group_label(s))
            if pieces:
                b.group(REJECTED_GROUPS.get(s.kind, "rejected"), pieces)
                b.keep(s, "rejected" if s.kind == "entity" else f"rejected_{s.kind}", pieces)
                summary.wrote(s.kind, f"{_group_label(s)} (rejected)")
        elif s.kind in GROUPS:
            pieces = b.pieces(s, _group_label(s))
            if pieces:
                b.group(GROUPS[s.kind], pieces)
                b.keep(s, s.kind, pieces)
                summary.wrote(s.kind, s.label if s.kind != "quote" else QUOTE_LABEL)
        elif s.kind != "entity":
            summary.skip(f"{s.kind} span (no place in a spaCy Doc)")
    ents, missing = _entities(b, [s for s in spans if s.kind == "entity" and not is_negative(s)])
    kept_tokens = {i for e in ents for i in range(e.start, e.end)}
    missing = [doc[i : i + 1] for m in missing for i in range(m.start, m.end) if i not in kept_tokens]
    doc.set_ents(sorted(ents, key=lambda e: e.start), missing=missing,
                 default="outside" if article.done else "missing")
    b.finish()
    if not article.done:
        summary.not_done += 1
        if any(s.kind in ("quote", "claim") for s in spans):
            summary.note(PARTIAL_GROUPS)
    summary.missing_tokens += missing_count(doc)
    return doc


def missing_count(doc) -> int:
    from spacy.attrs import ENT_IOB

    return int((doc.to_array([ENT_IOB]) == 0).sum()) if len(doc) else 0


def _group_label(s) -> str:
    if s.kind == "quote":
        return QUOTE_LABEL
    if s.kind == "claim":
        return s.tags[0] if s.tags else CLAIM_LABEL
    return s.label


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
    with DocBinFile(out) as docbin:  # make_docbin(...).to_disk(out), Doc by Doc
        for article, spans, _links in items:
            docbin.add(make_doc(article, spans, summary))
            summary.articles += 1
    summary.files.append(out)
    return [out]


write = export


# --- reading ------------------------------------------------------------------------


def doc_spans(doc) -> list[Span]:
    """The labelled spans of one Doc, with the fields kept in user_data (a
    discontinuous span is rebuilt from its fragments' record)."""
    data = doc.user_data
    spans: list[Span] = []
    pieces_of_split: set[tuple[str, int, int]] = set()
    for key, values in data.items():
        if isinstance(key, tuple) and len(key) == 4 and key[0] == SPAN_KEY and isinstance(values, dict) \
                and values.get("fragments"):
            _, stored_kind, start, end = key
            kind = stored_kind.replace("rejected_", "") if stored_kind != "rejected" else "entity"
            label = values.get("label") or (QUOTE_LABEL if kind == "quote" else CLAIM_LABEL)
            check_label(label, f"{kind} {start}-{end}")
            spans.append(Span(start, end, label, kind, span_attrs(kind, values)))
            pieces_of_split.update((stored_kind, a, b) for a, b in values["fragments"])

    def stored(kind: str, start: int, end: int) -> dict[str, Any] | None:
        if (kind, start, end) in pieces_of_split:
            return None
        value = data.get((SPAN_KEY, kind, start, end))
        return dict(value) if isinstance(value, dict) else {}

    sources = [("entity", "entity", list(doc.ents) + list(doc.spans.get(OVERLAPPING, [])))]
    sources += [(kind, kind, doc.spans[key]) for kind, key in GROUPS.items() if key in doc.spans]
    sources += [(kind, "rejected" if kind == "entity" else f"rejected_{kind}", doc.spans[key])
                for kind, key in REJECTED_GROUPS.items() if key in doc.spans]
    for kind, stored_kind, group in sources:
        for sp in group:
            values = stored(stored_kind, sp.start_char, sp.end_char)
            if values is None:
                continue
            if stored_kind.startswith("rejected"):
                values["status"] = "rejected"
            if kind == "quote":
                label = QUOTE_LABEL
            elif kind == "claim":
                label = values.get("label") or CLAIM_LABEL
                if "tags" not in values and sp.label_ and sp.label_ != CLAIM_LABEL:
                    values["tags"] = [sp.label_]
            else:
                label = values.get("label") or sp.label_
            check_label(label, f"{kind} {sp.start_char}-{sp.end_char}")
            spans.append(Span(sp.start_char, sp.end_char, label, kind, span_attrs(kind, values)))
    return sorted(spans, key=lambda s: (s.start, -s.end, s.kind, s.label))


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
            done = meta.pop("done", None)
            file_name = meta.get("file") or f"{path.stem}-{number}"
            meta["imported_from"] = f"{path.name}#{number}"
            out.append(source_doc(f"{path.resolve()}#{number}", file_name, doc.text, doc_spans(doc), meta,
                                  complete=done is True))
            out[-1].completion_said = isinstance(done, bool)
        except BadRecord as exc:
            problems.append(Problem(str(path), number, f"doc {number}: {exc.reason}"))
    return out
