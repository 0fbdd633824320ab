"""What every dataset format shares: the export item, the summary of what was
written or skipped, label rules, file names, and text normalisation that keeps
offsets right when labelled files are read back.

Writers take ``(article, spans, links)`` items, as :func:`store.export.selected`
yields them, and a :class:`Summary` they count into.  Readers return
:class:`store.sources.SourceDoc` objects whose ``labelled`` spans are imported as
human annotations; a problem in one article is raised as :class:`BadRecord`
(with the line where it can be told) so that article is skipped whole.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from annotators.types import CleanedText, Span

from ..records import Article, SpanRecord
from ..sources import LabelledRelation, SourceDoc

Item = tuple[Article, list[SpanRecord], list[dict[str, Any]]]

QUOTE_LABEL = "QUOTE"
CLAIM_LABEL = "CLAIM"
REVIEW_STATUSES = ("suggested", "accepted", "rejected", "corrected")
META_FIELDS = ("title", "source", "byline", "published", "url")

# A label is "unknown" (refused on import) when it is empty or holds a
# character brat's standoff or annotation.conf cannot carry (whitespace,
# control characters, and the separators : ; , = | < > " # and brackets);
# doccano forbids nothing more.  Letters of any script, digits, _ - . + / & '
# are fine: "WORK_OF_ART", "per-son", "Präsident".
LABEL_RE = re.compile(r"^[^\s:;,=|<>\"#\[\]()\x00-\x1f\x7f]+$")


class ExportError(ValueError):
    """An export that cannot be written as asked (format, --split, --out)."""


class BadRecord(ValueError):
    """One article's labelled data cannot be imported; ``line`` where known."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


def check_label(label: Any, what: str = "span") -> str:
    if not isinstance(label, str) or not label:
        raise BadRecord(f"{what} has no label")
    if not LABEL_RE.match(label):
        raise BadRecord(f"{what} has label {label!r}, which holds characters brat/doccano labels cannot carry "
                        "(whitespace, : ; , = | < > \" # brackets)")
    return label


@dataclass
class Summary:
    """What an export wrote, and everything it did not write and why."""

    articles: int = 0
    spans: Counter = field(default_factory=Counter)  # (kind, label) -> n written
    skipped: Counter = field(default_factory=Counter)  # reason -> n
    aside: Counter = field(default_factory=Counter)  # written, but not where a reader looks first: where -> n
    snapped: int = 0  # spans widened to token boundaries (alignment_mode="expand")
    files: list[Path] = field(default_factory=list)
    splits: dict[str, int] = field(default_factory=dict)  # split name -> articles
    # Training semantics: tokens whose label nobody knows (an article not marked
    # done: only its reviewed spans are known), and how many articles were so.
    missing_tokens: int = 0
    not_done: int = 0
    notes: list[str] = field(default_factory=list)  # what the reader of the files must know (once each)

    def wrote(self, kind: str, label: str, n: int = 1) -> None:
        self.spans[(kind, label)] += n

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] += n

    def merge(self, other: "Summary") -> None:
        self.articles += other.articles
        self.spans.update(other.spans)
        self.skipped.update(other.skipped)
        self.aside.update(other.aside)
        self.snapped += other.snapped
        self.files.extend(other.files)
        self.missing_tokens += other.missing_tokens
        self.not_done += other.not_done
        for note in other.notes:
            self.note(note)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def total_spans(self) -> int:
        return sum(self.spans.values())


def span_fragments(span: SpanRecord) -> list[tuple[int, int]]:
    """The pieces of a span in text order: its fragments when discontinuous,
    else the one stretch start-end.  (Before schema v4 the fragments of an
    imported discontinuous span ride in ``attrs["fragments"]``.)"""
    pieces = getattr(span, "fragments", None) or (span.attrs or {}).get("fragments")
    if pieces:
        return [(int(a), int(b)) for a, b in pieces]
    return [(span.start, span.end)]


def is_negative(span: SpanRecord) -> bool:
    """A rejected span says "not this": never a positive in any format."""
    return span.status == "rejected"


def claim_label(span: SpanRecord) -> str:
    return span.label if span.label and LABEL_RE.match(span.label) else CLAIM_LABEL


# --- names --------------------------------------------------------------------------


_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


def article_stem(article: Article) -> str:
    """A file name stem for an article: its file's stem, else ``article-<id>``."""
    base = article.file or ""
    stem = Path(base).stem if base else ""
    stem = _UNSAFE_NAME.sub("_", stem).strip("._")
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:  # a file name holds 255 bytes: cut, told apart by a hash
        digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:10]
        stem = stem.encode("utf-8")[:MAX_STEM_BYTES - 11].decode("utf-8", "ignore").rstrip("._") + "-" + digest
    return stem or f"article-{article.id}"


# Room left in a 255-byte file name for "-<id>", "-<n>" and the extension; the
# article's whole file name stays in the export's metadata (copydesk-meta.jsonl).
MAX_STEM_BYTES = 200


def unique_stem(article: Article, used: set[str]) -> str:
    stem = article_stem(article)
    if stem in used:
        stem = f"{stem}-{article.id}"
    n = 2
    base = stem
    while stem in used:
        stem = f"{base}-{n}"
        n += 1
    used.add(stem)
    return stem


# Keys of an article's stored meta that copydesk itself writes (the rest came
# from the imported line, and go back out with it).
OWN_META_KEYS = frozenset({*META_FIELDS, "file", "article_id", "done", "imported_from", "copydesk",
                           "story"})


def extra_meta(article: Article) -> dict[str, Any]:
    """The meta keys the imported line had beyond copydesk's own (a jsonl
    line's ``"meta": {"source_id": ...}``), to be exported back."""
    meta = getattr(article, "meta", None) or {}
    return {k: v for k, v in meta.items() if k not in OWN_META_KEYS}


def article_meta(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "file": article.file,
        "title": article.title,
        "source": article.source,
        "byline": article.byline,
        "published": article.published,
        "url": article.url,
    }


# --- reading: text normalisation that carries offsets -------------------------------


_BREAKS = {"\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"}
_DROP = re.compile(r"[\ufeff\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_TRAILING = {" ", "\t", "\u00a0"}


def normalise_with_map(text: str, keep_line_ends: bool = False) -> tuple[str, list[int]]:
    """``annotators.clean.normalise_text`` done character by character, with
    ``where[i]`` = the offset in the result of offset ``i`` of ``text`` (for
    ``i`` in 0..len(text)).  Text not in NFC is composed with its offsets
    (BadRecord only where composing moves characters in ways a span cannot
    follow).  ``keep_line_ends`` keeps the spaces before a line break and the
    text's Unicode form: a standoff corpus's text and offsets stay its own, and
    its export lines up with its original text."""
    n = len(text)
    became: list[str | None] = []
    for i, ch in enumerate(text):
        if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
            became.append(None)
        elif ch in _BREAKS:
            became.append("\n")
        elif _DROP.match(ch):
            became.append(None)
        else:
            became.append(ch)
    if not keep_line_ends:
        _drop_trailing_spaces(became)
    where: list[int] = []
    kept = 0
    for ch in became:
        where.append(kept)
        if ch is not None:
            kept += 1
    where.append(kept)
    result = "".join(ch for ch in became if ch is not None)
    if keep_line_ends or unicodedata.is_normalized("NFC", result):  # a standoff corpus's text: its own form too
        return result, where
    return _composed(result, where)


def _composed(text: str, where: list[int]) -> tuple[str, list[int]]:
    """``text`` in NFC, composed one base character and its combining marks
    at a time; an offset inside such a group moves to the group's start.
    Raises BadRecord for a composition across groups this cannot follow."""
    groups = [i for i, ch in enumerate(text) if i == 0 or (unicodedata.combining(ch) == 0
                                                          and not 0x1160 <= ord(ch) <= 0x11FF)]  # Hangul jamo join
    groups.append(len(text))
    moved, pieces, done = [0] * (len(text) + 1), [], 0
    for a, b in zip(groups, groups[1:]):
        piece = unicodedata.normalize("NFC", text[a:b])
        for i in range(a, b):
            moved[i] = done
        pieces.append(piece)
        done += len(piece)
    moved[len(text)] = done
    result = "".join(pieces)
    if result != unicodedata.normalize("NFC", text):
        raise BadRecord("text is not in Unicode NFC form, and composing it moves characters across each other; "
                        "offsets cannot be kept")
    return result, [moved[w] for w in where]


def _drop_trailing_spaces(became: list[str | None]) -> None:
    """Spaces and tabs before a line break (or the end) go, in place."""
    at_line_end = True
    for i in range(len(became) - 1, -1, -1):
        ch = became[i]
        if ch is None:
            continue
        if ch == "\n":
            at_line_end = True
        elif ch in _TRAILING and at_line_end:
            became[i] = None
        else:
            at_line_end = False


def fix_offsets(where: list[int], start: int, end: int) -> tuple[int, int]:
    return where[start], where[end]


def remap_spans(spans: Sequence[Span], where: list[int], text: str) -> tuple[Span, ...]:
    """Spans moved into normalised text; one that vanishes is a BadRecord."""
    out = []
    for s in spans:
        start, end = where[s.start], where[s.end]
        attrs = dict(s.attrs)
        if attrs.get("fragments"):
            attrs["fragments"] = [[where[a], where[b]] for a, b in attrs["fragments"] if where[a] < where[b]]
        if attrs.get("speaker_start") is not None and attrs.get("speaker_end") is not None:
            attrs["speaker_start"], attrs["speaker_end"] = where[attrs["speaker_start"]], where[attrs["speaker_end"]]
        if not start < end:
            raise BadRecord(f"{s.kind} {s.start}-{s.end} holds only characters normalisation removes")
        out.append(Span(start, end, s.label, s.kind, attrs))
    return tuple(out)


def check_offsets(start: Any, end: Any, text: str, what: str) -> tuple[int, int]:
    if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
        raise BadRecord(f"{what} needs integer start and end offsets")
    if not (0 <= start < end <= len(text)):
        raise BadRecord(f"{what} offsets {start}-{end} are outside the text (length {len(text)})")
    return start, end


def source_doc(identity: str, file_name: str, raw: str, spans: Sequence[Span], meta: dict[str, Any] | None = None,
               relations: Sequence[LabelledRelation] = (), complete: bool = False, keep_line_ends: bool = False):
    """A labelled SourceDoc: text normalised as every import does, offsets
    carried along, spans checked (inside the text; spans of any labels may
    overlap and share bounds), relations indexing ``spans``."""
    meta = dict(meta or {})
    for s in spans:
        check_offsets(s.start, s.end, raw, s.kind)
    text, where = normalise_with_map(raw, keep_line_ends)
    if not text.strip():
        raise BadRecord("no text")
    moved = remap_spans(spans, where, text)
    cleaned = CleanedText(text=text, **{k: _str_or_none(meta.get(k)) for k in META_FIELDS})
    return SourceDoc(identity, file_name, raw, cleaned, meta, moved, tuple(relations), complete)


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_pair(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and len(value) == 2 and all(_is_int(n) for n in value)


# What each span field read from a file must be (the type is checked where the
# field is read: "tags": "abc" is not three tags, "speaker_start": true not 1).
FIELD_TYPES: dict[str, tuple[Any, str]] = {
    "speaker": (lambda v: isinstance(v, str), "text"),
    "cue": (lambda v: isinstance(v, str), "text"),
    "note": (lambda v: isinstance(v, str), "text"),
    "verdict": (lambda v: isinstance(v, str), "text"),
    "normalized": (lambda v: isinstance(v, str), "text"),
    "speaker_start": (_is_int, "an integer offset"),
    "speaker_end": (_is_int, "an integer offset"),
    "tags": (lambda v: isinstance(v, (list, tuple)) and all(isinstance(t, str) for t in v), "a list of text tags"),
    "fragments": (lambda v: isinstance(v, (list, tuple)) and all(_is_pair(f) for f in v), "[[start, end], ...]"),
    "brat": (lambda v: isinstance(v, dict), "an object"),
}


def check_field(key: str, value: Any, kind: str = "span") -> Any:
    """``value`` if it has the type field ``key`` takes, else BadRecord naming the field."""
    test, wanted = FIELD_TYPES.get(key, (lambda v: True, ""))
    if not test(value):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise BadRecord(f'{kind} field "{key}" must be {wanted}, not {shown}')
    return value


def check_key(value: Any, what: str) -> Any:
    """An id or offset another entry refers to: an integer or text (a list or
    an object is not one), else BadRecord naming the field."""
    if value is None or _is_int(value) or isinstance(value, str):
        return value
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    raise BadRecord(f'{what} must be an integer or text, not {shown}')


def span_attrs(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """The kind-specific fields a reader found, plus a review status if valid."""
    keys = {
        "quote": ("speaker", "speaker_start", "speaker_end", "cue", "note", "speaker_score"),
        "claim": ("tags", "verdict", "note", "normalized", "score"),
    }.get(kind, ("note",))
    # any kind: a discontinuous span's pieces, and what a brat corpus said of it
    # (attributes, normalisations) that copydesk has no column for
    keys = (*keys, "fragments", "brat")
    attrs = {k: values[k] for k in keys if values.get(k) not in (None, "", [], (), {})}
    for key, value in attrs.items():
        check_field(key, value, kind)
    if "tags" in attrs:
        attrs["tags"] = list(attrs["tags"])
    score_key = SCORE_FIELD.get(kind)
    if score_key in attrs and as_score(attrs[score_key]) is None:
        raise BadRecord(f"{kind} {score_key} {attrs[score_key]!r}: must be a number from 0 to 1")
    status = values.get("status")
    if status in REVIEW_STATUSES:
        attrs["status"] = status
    return attrs


SCORE_FIELD = {"claim": "score", "quote": "speaker_score"}  # a model's score in a span's attrs, exported by name


def as_score(value: Any) -> float | None:
    """``value`` as a score (a number from 0 to 1), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        return None
    return float(value)


def model_score(s: SpanRecord) -> float | None:
    """A claim's check-worthiness score or a quote's speaker confidence, when the model gave one."""
    key = SCORE_FIELD.get(s.kind)
    return as_score(s.attrs.get(key)) if key and s.attrs else None
