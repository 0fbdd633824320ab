"""UIMA CAS XMI (XML 1.0), INCEpTION's own exchange format: a folder with one
``<name>.xmi`` per article and one ``TypeSystem.xml`` (the layout of an
INCEpTION document export).  Written element by element as UIMA and
dkpro-cassis write XMI, offsets in UTF-16 code units as UIMA counts them
(cassis, INCEpTION's team's CAS library, is the tests' reader; building the CAS
with it ran 6x slower than the jsonl export, and it refuses control characters).

Into INCEpTION: project settings > *Layers* > *Import* ``TypeSystem.xml`` (a
span layer is a type extending ``uima.tcas.Annotation`` with primitive or
string-array features, a relation layer one with two references ``Governor``
and ``Dependent`` of one range), then *Documents* > the ``.xmi`` files as
"UIMA CAS XMI (XML 1.0)".  The layers, by INCEpTION's (DKPro Core's) names:

- ``...segmentation.type.Token`` / ``Sentence``: spaCy's English tokenizer
  (whitespace left out), its rule sentencizer, a sentence also ending at a line break;
- ``...metadata.type.DocumentMetaData``: documentTitle, documentId (the file
  stem), documentUri (the url), language en;
- ``...ner.type.NamedEntity``: ``value`` the label, plus ``status`` and
  ``fragments`` (INCEpTION's built-in layer lacks them: add them as String
  features); a rejected entity is a ``webanno.custom.RejectedEntity`` instead;
- ``webanno.custom.Quote`` (speaker, speakerKind, cue, note, status,
  fragments, speakerScore a Float), ``Claim`` (value = its label, tags a string
  array, verdict, note, normalized, status, fragments, score a Float), ``Event`` (value, note, status, fragments),
  ``SpeakerMention`` (who said a quote): overlapping freely;
- ``webanno.custom.QuoteSpeaker`` (Governor the quote, Dependent the mention)
  and ``SpanLink`` (value = the link's kind, note): relations that cover their
  Dependent, as INCEpTION's do.  They join different layers, so Governor and
  Dependent are ``uima.tcas.Annotation``: INCEpTION's relation layer "attached
  to any span" (``ui.cross-layer-relations-enabled=true``; by default its
  relations stay within one layer).

INCEpTION's CAS doctor wants each annotation to start and end on a character
inside a sentence: a span is trimmed of whitespace at its ends (counted).  A
discontinuous span becomes its covering span with the pieces in ``fragments``
(``"0-4;5-11"``).  What has no place here is counted as skipped.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .base import QUOTE_LABEL, ExportError, Item, Summary, model_score, span_fragments, unique_stem

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
STRING, STRING_ARRAY, FLOAT = "uima.cas.String", "uima.cas.StringArray", "uima.cas.Float"

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
                         "status": STRING, "fragments": STRING, "speakerScore": FLOAT}),
    CLAIM: (ANNOTATION, {"value": STRING, "tags": STRING_ARRAY, "verdict": STRING, "note": STRING,
                         "normalized": STRING, "status": STRING, "fragments": STRING, "score": FLOAT}),
    EVENT: (ANNOTATION, {"value": STRING, "note": STRING, "status": STRING, "fragments": STRING}),
    SPEAKER_MENTION: (ANNOTATION, {"speakerKind": STRING}),
    QUOTE_SPEAKER: (ANNOTATION, {"Governor": ANNOTATION, "Dependent": ANNOTATION}),
    SPAN_LINK: (ANNOTATION, {"Governor": ANNOTATION, "Dependent": ANNOTATION, "value": STRING, "note": STRING}),
}
LAYER_OF_KIND = {"entity": NAMED_ENTITY, "quote": QUOTE, "claim": CLAIM, "event": EVENT}

TRIMMED = ("span trimmed of the whitespace at its ends (INCEpTION's CAS doctor wants every annotation to "
           "start and end on a character, inside a sentence)")
ONLY_SPACE = "span of whitespace only"
META_LEFT_OUT = "an article's source, byline or date (DocumentMetaData has no field for them)"
NOT_XML = "characters XML 1.0 cannot hold (control characters) written as U+FFFD"
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


# XML 1.0 cannot hold these characters, not even escaped (INCEpTION's own writer can sanitise them too)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
                            "\t": "&#9;"})
_CONTENT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
XMI_NS, CAS_NS = "http://www.omg.org/XMI", "http:///uima/cas.ecore"


def _prefixes() -> dict[str, tuple[str, str]]:
    """type -> (namespace prefix, short name): a type's package as an XML
    namespace (``http:///a/b.ecore`` for ``a.b.T``), named by its last part, as UIMA writes them."""
    used, by_url, out = {"xmi", "cas"}, {}, {}
    for name in TYPES:
        package, short = name.rsplit(".", 1)
        url = "http:///" + package.replace(".", "/") + ".ecore"
        if url not in by_url:
            prefix, n = package.rsplit(".", 1)[-1], 0
            while prefix in used:
                prefix, n = f"{package.rsplit('.', 1)[-1]}{n}", n + 1
            used.add(prefix)
            by_url[url] = prefix
        out[name] = (by_url[url], short)
    return out


PREFIXES = _prefixes()
NAMESPACES = " ".join([f'xmlns:xmi="{XMI_NS}"', f'xmlns:cas="{CAS_NS}"'] + sorted(
    {f'xmlns:{prefix}="http:///{name.rsplit(".", 1)[0].replace(".", "/")}.ecore"'
     for name, (prefix, _) in PREFIXES.items()}))
DESCRIPTIONS = {
    REJECTED_ENTITY: "An entity an annotator rejected (a negative): value is the label it was proposed with.",
    QUOTE: "A direct quote; speaker is who said it, cue the verb that attributes it.",
    CLAIM: "A check-worthy claim; value is its label, tags its kinds, verdict the fact-check's answer.",
    EVENT: "An event trigger (from a brat corpus); its arguments are SpanLink relations.",
    SPEAKER_MENTION: "The words naming who said a quote.",
    QUOTE_SPEAKER: "A quote (Governor) and the mention of its speaker (Dependent).",
    SPAN_LINK: "A link between two spans; value is its kind (same_claim, an event role, ...).",
}


def typesystem_xml() -> str:
    """TypeSystem.xml: every type the export writes, in UIMA's type system descriptor."""
    parts = ["<?xml version='1.0' encoding='UTF-8'?>\n"
             '<typeSystemDescription xmlns="http://uima.apache.org/resourceSpecifier"><types>']
    for name, (supertype, features) in TYPES.items():
        description = DESCRIPTIONS.get(name, "")
        parts.append(f"<typeDescription><name>{name}</name><description>{description}</description>"
                     f"<supertypeName>{supertype}</supertypeName><features>")
        for feature, range_type in features.items():
            element = "<elementType>uima.cas.String</elementType>" if range_type == STRING_ARRAY else ""
            parts.append(f"<featureDescription><name>{feature}</name><description/>"
                         f"<rangeTypeName>{range_type}</rangeTypeName>{element}</featureDescription>")
        parts.append("</features></typeDescription>")
    parts.append("</types></typeSystemDescription>\n")
    return "".join(parts)


class Xmi:
    """One CAS in XMI, element by element: ids from 2 (0 is cas:NULL, 1 the
    Sofa), offsets in UTF-16 code units (UIMA's, Java's), strings escaped and
    characters XML 1.0 cannot hold replaced by U+FFFD (counted in ``replaced``)."""

    def __init__(self, text: str):
        self.replaced = 0
        self.text = text = self.clean(text)  # U+FFFD for one character: the offsets stay
        self.elements: list[str] = []
        self.next_id = 2
        units = len(text.encode("utf-16-le")) // 2
        self.utf16 = None if units == len(text) else self._utf16_offsets(text)

    @staticmethod
    def _utf16_offsets(text: str) -> list[int]:
        offsets, at = [0], 0
        for ch in text:
            at += 2 if ord(ch) > 0xFFFF else 1
            offsets.append(at)
        return offsets

    def clean(self, value: str) -> str:
        cleaned, n = _NOT_XML.subn("\ufffd", value)
        self.replaced += n
        return cleaned

    def add(self, type_name: str, begin: int, end: int, features: dict[str, Any]) -> int:
        """An annotation; a feature is a str, a float, an int (an id: a reference) or a list of str (a string array)."""
        xmi_id, self.next_id = self.next_id, self.next_id + 1
        if self.utf16 is not None:
            begin, end = self.utf16[begin], self.utf16[end]
        prefix, short = PREFIXES[type_name]
        attributes, children = [], []
        for name, value in features.items():
            if isinstance(value, list):
                children += [f"<{name}>{self.clean(v).translate(_CONTENT)}</{name}>" for v in value]
            elif isinstance(value, float):  # a Float feature
                attributes.append(f' {name}="{value!r}"')
            elif isinstance(value, int):
                attributes.append(f' {name}="{value}"')
            else:
                attributes.append(f' {name}="{self.clean(value).translate(_ATTRIBUTE)}"')
        head = f'<{prefix}:{short} xmi:id="{xmi_id}" sofa="1" begin="{begin}" end="{end}"{"".join(attributes)}'
        self.elements.append(f"{head}>{''.join(children)}</{prefix}:{short}>" if children else head + "/>")
        return xmi_id

    def document(self) -> str:
        members = " ".join(map(str, range(2, self.next_id)))
        sofa = self.text.translate(_ATTRIBUTE)
        return (f"<?xml version='1.0' encoding='UTF-8'?>\n<xmi:XMI {NAMESPACES} xmi:version=\"2.0\">"
                f'<cas:NULL xmi:id="0"/>{"".join(self.elements)}'
                f'<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text/plain" sofaString="{sofa}"/>'
                f'<cas:View sofa="1" members="{members}"/></xmi:XMI>\n')


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
        if (sent_start == 1 or after_break) and first is not None:
            sentences.append((tokens[first][0], tokens[-1][1]))
            first = None
        if first is None:
            first = len(tokens)
        tokens.append((idx, idx + length))
        after_break = False
    if first is not None:
        sentences.append((tokens[first][0], tokens[-1][1]))
    return tokens, sentences


def trimmed(text: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end


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
                  "status": status, "speakerScore": model_score(s)}
    elif s.kind == "claim":
        values = {"value": s.label, "verdict": s.verdict, "note": s.note, "normalized": s.normalized,
                  "status": status, "score": model_score(s)}
    else:
        values = {"value": s.label, "note": s.note, "status": status}
    return {k: v for k, v in values.items() if v is not None}


class _Article:
    """One article's CAS, built span by span."""

    def __init__(self, article, stem: str, summary: Summary):
        self.text = article.text
        self.summary = summary
        self.xmi = xmi = Xmi(article.text)
        meta = {"documentTitle": article.title or stem, "documentId": stem, "documentUri": article.url,
                "language": "en"}
        xmi.add(METADATA, 0, len(article.text), {k: v for k, v in meta.items() if v is not None})
        if article.source or article.byline or article.published:
            summary.skip(META_LEFT_OUT)
        tokens, sentences = segments(article.text)
        for a, b in tokens:
            xmi.add(TOKEN, a, b, {})
        for a, b in sentences:
            xmi.add(SENTENCE, a, b, {})
        self.by_span_id: dict[int, tuple[int, int, int]] = {}  # span id -> (xmi id, begin, end)
        self.mentions: dict[tuple[int, int], int] = {}
        self.relations = 0

    def span(self, s) -> None:
        layer = LAYER_OF_KIND.get(s.kind)
        if layer is None:
            self.summary.skip(f"{s.kind} span (no layer for it in the XMI export)")
            return
        pieces = span_fragments(s)
        begin, end = trimmed(self.text, pieces[0][0], pieces[-1][1])
        if begin >= end:
            self.summary.skip(ONLY_SPACE)
            return
        if (begin, end) != (pieces[0][0], pieces[-1][1]):
            self.summary.aside[TRIMMED] += 1
        values = _features(s)
        if s.kind == "entity" and s.status == "rejected":
            layer, values = REJECTED_ENTITY, {"value": s.label}
        fragments = _fragments_feature(pieces)
        if fragments:
            values["fragments"] = fragments
            self.summary.aside[DISCONTINUOUS] += 1
        if layer == NAMED_ENTITY and (fragments or s.status != "accepted"):
            self.summary.note(ENTITY_FEATURES_NOTE)
        if s.kind == "claim" and s.tags:
            values["tags"] = list(s.tags)
        self.by_span_id[s.id] = (self.xmi.add(layer, begin, end, values), begin, end)
        self.summary.wrote(s.kind, QUOTE_LABEL if s.kind == "quote" else s.label)
        if (s.attrs or {}).get("brat"):
            self.summary.skip(BRAT_EXTRA)
        if s.kind == "quote" and s.speaker_start is not None and s.speaker_end is not None:
            self.speaker(self.by_span_id[s.id][0], s)

    def speaker(self, quote: int, s) -> None:
        key = (s.speaker_start, s.speaker_end)
        if not 0 <= key[0] < key[1] <= len(self.text):
            self.summary.skip(SPEAKER_OUTSIDE)
            return
        key = trimmed(self.text, *key)
        if key[0] >= key[1]:
            self.summary.skip(ONLY_SPACE)
            return
        mention = self.mentions.get(key)
        if mention is None:
            values = {"speakerKind": s.speaker_kind} if s.speaker_kind else {}
            mention = self.mentions[key] = self.xmi.add(SPEAKER_MENTION, key[0], key[1], values)
        self.relation(QUOTE_SPEAKER, quote, (mention, *key))

    def relation(self, layer: str, governor: int, dependent: tuple[int, int, int], **values) -> None:
        # A relation annotation covers its Dependent, as INCEpTION's relations do.
        features = {"Governor": governor, "Dependent": dependent[0], **{k: v for k, v in values.items() if v}}
        self.xmi.add(layer, dependent[1], dependent[2], features)
        self.relations += 1

    def link(self, link: dict[str, Any]) -> None:
        a, b = self.by_span_id.get(link["a_span_id"]), self.by_span_id.get(link["b_span_id"])
        if a is None or b is None:
            self.summary.skip(LINK_NOT_EXPORTED)
            return
        attrs = link.get("attrs") or {}
        if attrs.get("args") or attrs.get("attributes"):
            self.summary.skip(LINK_EXTRA)
        self.relation(SPAN_LINK, a[0], b, value=link["kind"], note=link.get("note"))


def article_xmi(article, spans, links, summary: Summary, stem: str) -> str:
    """The XMI document of one article (see the module's doc)."""
    built = _Article(article, stem, summary)
    for s in spans:
        built.span(s)
    for link in links:
        built.link(link)
    if built.relations:
        summary.note(CROSS_LAYER_NOTE)
    if built.xmi.replaced:
        summary.aside[NOT_XML] += built.xmi.replaced
    return built.xmi.document()


def export(items: Iterable[Item], out: Path, summary: Summary) -> list[Path]:
    """The folder ``out``: TypeSystem.xml and one ``<stem>.xmi`` per article,
    each written as soon as it is built (memory stays flat)."""
    out = Path(out)
    if out.suffix.lower() == ".xmi":
        raise ExportError(f"--out {out}: the xmi export writes a folder (one .xmi per article and "
                          f"{TYPESYSTEM_FILE}); give a folder name")
    out.mkdir(parents=True, exist_ok=True)
    written = [out / TYPESYSTEM_FILE]
    written[0].write_bytes(typesystem_xml().encode("utf-8"))
    stems: set[str] = set()
    for article, spans, links in items:
        stem = unique_stem(article, stems)
        path = out / f"{stem}.xmi"
        path.write_bytes(article_xmi(article, spans, links, summary, stem).encode("utf-8"))
        summary.articles += 1
        written.append(path)
    summary.files.append(out)
    return written


write = export
