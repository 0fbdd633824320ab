"""UIMA CAS XMI (XML 1.0), INCEpTION's own exchange format: a folder with one
``<name>.xmi`` per article and one ``TypeSystem.xml`` declaring every type used
(the layout of an INCEpTION document export: the XMI and its type system side
by side).  Written with dkpro-cassis, the CAS library of INCEpTION's team.

Importing into INCEpTION: in the project's settings, *Layers* > *Import* reads
``TypeSystem.xml`` and creates the custom layers below (INCEpTION recognises a
type as a span layer when it extends ``uima.tcas.Annotation`` with primitive or
string-array features, as a relation layer when it has exactly two references
named ``Governor`` and ``Dependent`` of one range); then *Documents* > import the
``.xmi`` files as "UIMA CAS XMI (XML 1.0)".  The layers, by INCEpTION's names:

- ``de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token`` / ``Sentence``:
  spaCy's English tokenizer (whitespace tokens left out) and its rule-based
  sentencizer, a sentence also ending at a line break;
- ``de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData``: the
  document annotation (``documentTitle``, ``documentId`` = the file stem,
  ``documentUri`` = the article's url, ``language`` en);
- ``de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity``: entities,
  ``value`` the label, plus ``status`` and ``fragments`` (features INCEpTION's
  built-in layer lacks: add them as String features to keep them there);
  a rejected entity goes to ``webanno.custom.RejectedEntity`` (``value``)
  instead, so that it is never read as an entity;
- ``webanno.custom.Quote`` (speaker, speakerKind, cue, note, status, fragments),
  ``webanno.custom.Claim`` (value = its label, tags as a string array, verdict,
  note, normalized, status, fragments), ``webanno.custom.Event`` (value, note,
  status, fragments): spans at their exact characters, overlapping freely;
- ``webanno.custom.SpeakerMention``: the words naming a quote's speaker, and
  ``webanno.custom.QuoteSpeaker`` (Governor the quote, Dependent the mention);
- ``webanno.custom.SpanLink`` (Governor, Dependent, value = the link's kind,
  note): copydesk's links between spans (same_claim, an event's roles, ...).

The relations go between layers (a quote and its speaker mention, a link from
any span to any span), so ``Governor`` and ``Dependent`` are typed
``uima.tcas.Annotation``: INCEpTION imports such a layer as a relation layer
attached to any span (its "cross-layer relations", to be enabled with
``ui.cross-layer-relations-enabled=true``; by default its relations stay within
one layer).  A relation annotation covers its Dependent, as INCEpTION's do.

A discontinuous span (an imported brat fragment list) becomes its covering span
with the pieces in ``fragments`` (``"0-14;20-29"``): INCEpTION has no
discontinuous spans.  What has no place here is counted as skipped.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .base import QUOTE_LABEL, ExportError, Item, Summary, span_fragments, unique_stem

SUFFIX = ""
TYPESYSTEM_FILE = "TypeSystem.xml"
DKPRO = "de.tudarmstadt.ukp.dkpro.core.api."
TOKEN = DKPRO + "segmentation.type.Token"
SENTENCE = DKPRO + "segmentation.type.Sentence"
METADATA = DKPRO + "metadata.type.DocumentMetaData"
NAMED_ENTITY = DKPRO + "ner.type.NamedEntity"
REJECTED_ENTITY = "webanno.custom.RejectedEntity"
QUOTE = "webanno.custom.Quote"
CLAIM = "webanno.custom.Claim"
EVENT = "webanno.custom.Event"
SPEAKER_MENTION = "webanno.custom.SpeakerMention"
QUOTE_SPEAKER = "webanno.custom.QuoteSpeaker"
SPAN_LINK = "webanno.custom.SpanLink"
ANNOTATION = "uima.tcas.Annotation"
STRING, STRING_ARRAY = "uima.cas.String", "uima.cas.StringArray"

# type -> (supertype, its features: name -> range); the DKPro types keep their own names
TYPES: dict[str, tuple[str, dict[str, str]]] = {
    METADATA: ("uima.tcas.DocumentAnnotation", {"documentTitle": STRING, "documentId": STRING,
                                                "documentUri": STRING, "documentBaseUri": STRING,
                                                "collectionId": STRING, "isLastSegment": "uima.cas.Boolean"}),
    TOKEN: (ANNOTATION, {}),
    SENTENCE: (ANNOTATION, {"id": STRING}),
    NAMED_ENTITY: (ANNOTATION, {"value": STRING, "identifier": STRING, "status": STRING, "fragments": STRING}),
    REJECTED_ENTITY: (ANNOTATION, {"value": STRING, "fragments": STRING}),
    QUOTE: (ANNOTATION, {"speaker": STRING, "speakerKind": STRING, "cue": STRING, "note": STRING,
                         "status": STRING, "fragments": STRING}),
    CLAIM: (ANNOTATION, {"value": STRING, "tags": STRING_ARRAY, "verdict": STRING, "note": STRING,
                         "normalized": STRING, "status": STRING, "fragments": STRING}),
    EVENT: (ANNOTATION, {"value": STRING, "note": STRING, "status": STRING, "fragments": STRING}),
    SPEAKER_MENTION: (ANNOTATION, {"speakerKind": STRING}),
    QUOTE_SPEAKER: (ANNOTATION, {"Governor": ANNOTATION, "Dependent": ANNOTATION}),
    SPAN_LINK: (ANNOTATION, {"Governor": ANNOTATION, "Dependent": ANNOTATION, "value": STRING, "note": STRING}),
}
LAYER_OF_KIND = {"entity": NAMED_ENTITY, "quote": QUOTE, "claim": CLAIM, "event": EVENT}

MISSING = ("the xmi export needs dkpro-cassis, which is not installed: "
           "pip install 'copydesk[xmi]' (or pip install dkpro-cassis)")
DISCONTINUOUS = "discontinuous span: its covering span, the pieces in its fragments feature"
LINK_NOT_EXPORTED = "link to a span that was not exported"
SPEAKER_OUTSIDE = "speaker mention outside the text"
BRAT_EXTRA = "a brat corpus's attributes or normalizations of a span (no feature for them)"
LINK_EXTRA = "a brat corpus's argument names or attributes of a link (no feature for them)"
ENTITY_FEATURES_NOTE = ("NamedEntity's status and fragments features are not part of INCEpTION's built-in "
                        "Named entity layer: add them to it as String features before importing, or INCEpTION "
                        "leaves them out")
CROSS_LAYER_NOTE = ("QuoteSpeaker and SpanLink relate spans of different layers: INCEpTION shows them with "
                    "ui.cross-layer-relations-enabled=true in its settings.properties")


def _cassis():
    try:
        import cassis
    except ImportError:
        raise ExportError(MISSING) from None
    return cassis


@lru_cache(maxsize=1)
def typesystem():
    """The type system every exported CAS uses (and TypeSystem.xml declares)."""
    cassis = _cassis()
    ts = cassis.TypeSystem()
    for name, (supertype, _) in TYPES.items():
        ts.create_type(name, supertypeName=supertype)
    for name, (_, features) in TYPES.items():
        for feature, range_type in features.items():
            element = STRING if range_type == STRING_ARRAY else None
            ts.create_feature(name, feature, range_type, elementType=element)
    return ts


@lru_cache(maxsize=1)
def _segmenter():
    # spaCy's rule-based English tokenizer and sentencizer: no model to load.
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def segments(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Tokens (whitespace left out) and sentences, as (start, end) character
    offsets; a sentence starts where the sentencizer says or after a line
    break, and spans its first to its last token."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START

    doc = _segmenter()(text)
    if not len(doc):
        return [], []
    tokens: list[tuple[int, int]] = []
    sentences: list[tuple[int, int]] = []
    first = None  # index in ``tokens`` of the current sentence's first token
    after_break = True
    for idx, length, space, sent_start in doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).tolist():
        if space:
            after_break = after_break or "\n" in text[idx:idx + length]
            continue
        if (sent_start == 1 or after_break) and first is not None and first < len(tokens):
            sentences.append((tokens[first][0], tokens[-1][1]))
            first = None
        if first is None:
            first = len(tokens)
        tokens.append((idx, idx + length))
        after_break = False
    if first is not None and first < len(tokens):
        sentences.append((tokens[first][0], tokens[-1][1]))
    return tokens, sentences


def _fragments_feature(pieces: list[tuple[int, int]]) -> str | None:
    return ";".join(f"{a}-{b}" for a, b in pieces) if len(pieces) > 1 else None


def _features(s) -> dict[str, Any]:
    """A span's features on its layer, without None values."""
    status = s.status
    if s.kind == "entity":
        values = {"value": s.label}
        if status != "rejected":
            values["status"] = status
    elif s.kind == "quote":
        values = {"speaker": s.speaker, "speakerKind": s.speaker_kind, "cue": s.cue, "note": s.note,
                  "status": status}
    elif s.kind == "claim":
        values = {"value": s.label, "verdict": s.verdict, "note": s.note, "normalized": s.normalized,
                  "status": status}
    else:
        values = {"value": s.label, "note": s.note, "status": status}
    return {k: v for k, v in values.items() if v is not None}


class _Article:
    """One article's CAS, built span by span."""

    def __init__(self, article, stem: str, summary: Summary):
        self.cassis = _cassis()
        self.ts = typesystem()
        self.text = article.text
        self.summary = summary
        self.cas = self.cassis.Cas(typesystem=self.ts, sofa_string=article.text)
        self.type = {name: self.ts.get_type(name) for name in TYPES}
        meta = {"documentTitle": article.title or stem, "documentId": stem, "documentUri": article.url,
                "language": "en"}
        self.cas.add(self.type[METADATA](begin=0, end=len(article.text),
                                         **{k: v for k, v in meta.items() if v is not None}))
        tokens, sentences = segments(article.text)
        token_type, sentence_type = self.type[TOKEN], self.type[SENTENCE]
        self.cas.add_all([token_type(begin=a, end=b) for a, b in tokens])
        self.cas.add_all([sentence_type(begin=a, end=b) for a, b in sentences])
        self.by_span_id: dict[int, Any] = {}
        self.mentions: dict[tuple[int, int], Any] = {}
        self.relations = 0

    def span(self, s) -> None:
        layer = LAYER_OF_KIND.get(s.kind)
        if layer is None:
            self.summary.skip(f"{s.kind} span (no layer for it in the XMI export)")
            return
        if s.kind == "entity" and s.status == "rejected":
            layer = REJECTED_ENTITY
        pieces = span_fragments(s)
        values = _features(s)
        if layer == REJECTED_ENTITY:
            values = {"value": s.label}
        fragments = _fragments_feature(pieces)
        if fragments:
            values["fragments"] = fragments
            self.summary.aside[DISCONTINUOUS] += 1
        if layer == NAMED_ENTITY and (fragments or s.status != "accepted"):
            self.summary.note(ENTITY_FEATURES_NOTE)
        if s.kind == "claim" and s.tags:
            values["tags"] = self.type_array(list(s.tags))
        annotation = self.type[layer](begin=pieces[0][0], end=pieces[-1][1], **values)
        self.cas.add(annotation)
        self.by_span_id[s.id] = annotation
        self.summary.wrote(s.kind, QUOTE_LABEL if s.kind == "quote" else s.label)
        if (s.attrs or {}).get("brat"):
            self.summary.skip(BRAT_EXTRA)
        if s.kind == "quote" and s.speaker_start is not None and s.speaker_end is not None:
            self.speaker(annotation, s)

    def type_array(self, values: list[str]):
        return self.ts.get_type(STRING_ARRAY)(elements=values)

    def speaker(self, quote, s) -> None:
        key = (s.speaker_start, s.speaker_end)
        if not 0 <= key[0] < key[1] <= len(self.text):
            self.summary.skip(SPEAKER_OUTSIDE)
            return
        mention = self.mentions.get(key)
        if mention is None:
            values = {"speakerKind": s.speaker_kind} if s.speaker_kind else {}
            mention = self.mentions[key] = self.type[SPEAKER_MENTION](begin=key[0], end=key[1], **values)
            self.cas.add(mention)
        self.relation(QUOTE_SPEAKER, quote, mention)

    def relation(self, layer: str, governor, dependent, **values) -> None:
        # A relation annotation covers its Dependent, as INCEpTION's relations do.
        self.cas.add(self.type[layer](begin=dependent.begin, end=dependent.end, Governor=governor,
                                      Dependent=dependent, **{k: v for k, v in values.items() if v}))
        self.relations += 1

    def link(self, link: dict[str, Any]) -> None:
        a, b = self.by_span_id.get(link["a_span_id"]), self.by_span_id.get(link["b_span_id"])
        if a is None or b is None:
            self.summary.skip(LINK_NOT_EXPORTED)
            return
        attrs = link.get("attrs") or {}
        if attrs.get("args") or attrs.get("attributes"):
            self.summary.skip(LINK_EXTRA)
        self.relation(SPAN_LINK, a, b, value=link["kind"], note=link.get("note"))


def article_cas(article, spans, links, summary: Summary, stem: str):
    """The CAS of one article (see the module's doc)."""
    built = _Article(article, stem, summary)
    for s in spans:
        built.span(s)
    for link in links:
        built.link(link)
    if built.relations:
        summary.note(CROSS_LAYER_NOTE)
    return built.cas


def export(items: Iterable[Item], out: Path, summary: Summary) -> list[Path]:
    """The folder ``out``: TypeSystem.xml and one ``<stem>.xmi`` per article,
    each written as soon as it is built (memory stays flat)."""
    _cassis()  # before anything is written: a clear error when it is missing
    out = Path(out)
    if out.suffix.lower() == ".xmi":
        raise ExportError(f"--out {out}: the xmi export writes a folder (one .xmi per article and "
                          f"{TYPESYSTEM_FILE}); give a folder name")
    ts = typesystem()
    out.mkdir(parents=True, exist_ok=True)
    written = [out / TYPESYSTEM_FILE]
    ts.to_xml(written[0])
    stems: set[str] = set()
    for article, spans, links in items:
        stem = unique_stem(article, stems)
        path = out / f"{stem}.xmi"
        article_cas(article, spans, links, summary, stem).to_xmi(path)
        summary.articles += 1
        written.append(path)
    summary.files.append(out)
    return written


write = export
