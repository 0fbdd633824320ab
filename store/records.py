"""Rows as the rest of copydesk sees them: plain frozen records, no SQL."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Sequence

# Who the judgments a labelled file brought belong to.
IMPORTER = "copydesk-import"


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the article list."""

    id: int
    title: str | None
    source: str | None
    file: str | None
    first_words: str
    entities: int
    quotes: int
    claims: int
    suggested: int
    done: bool

    @property
    def display_title(self) -> str:
        return self.title or self.first_words


@dataclass(frozen=True)
class Article:
    id: int
    text: str
    title: str | None = None
    source: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    file: str | None = None
    path: str | None = None
    raw: str | None = None
    dropped: tuple[str, ...] = ()
    content_hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    imported_at: str | None = None
    done: bool = False
    done_by: str | None = None
    # The tokens kept at import (store.token_cache), when an export asked for
    # them and they are still this text's: a cache, not part of the article.
    tokens: Any = field(default=None, compare=False, repr=False)
    # The stored story it is in (store.stories), when an export asked; None: not grouped.
    story: int | None = field(default=None, compare=False)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Article":
        return cls(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            source=row["source"],
            byline=row["byline"],
            published=row["published"],
            url=row["url"],
            file=row["file"],
            path=row["path"],
            raw=row["raw"],
            dropped=tuple(json.loads(row["dropped"] or "[]")),
            content_hash=row["content_hash"],
            meta=json.loads(row["meta"] or "{}"),
            imported_at=row["imported_at"],
            done=bool(row.get("done")),
            done_by=row.get("done_by"),
        )


@dataclass(frozen=True)
class SpanRecord:
    """A stored span with its review state."""

    id: int
    article_id: int
    start: int
    end: int
    label: str
    kind: str
    origin: str
    status: str
    annotator: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    tags: tuple[str, ...] = ()
    verdict: str | None = None
    note: str | None = None
    normalized: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    uid: str | None = None
    fragments: tuple[tuple[int, int], ...] = ()  # empty: one contiguous stretch
    speaker_kind: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "SpanRecord":
        values = {k: v for k, v in row.items() if k in _SPAN_FIELDS}
        values["tags"] = _json_tuple(values.get("tags"))
        attrs = values.get("attrs")
        values["attrs"] = json.loads(attrs) if attrs else {}
        values["fragments"] = decode_fragments(values.get("fragments"))
        return cls(**values)

    @classmethod
    def from_rows(cls, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> list["SpanRecord"]:
        """Records from plain cursor rows (``names``: the cursor's columns): the
        field names are matched once, not per row as a dict per row would
        (reading a 20,000-word article's 1,648 spans was 2/3 row decoding)."""
        keep = [(i, name) for i, name in enumerate(names) if name in _SPAN_FIELDS]
        records = []
        for row in rows:
            values = {name: row[i] for i, name in keep}
            values["tags"] = _json_tuple(values.get("tags"))
            attrs = values.get("attrs")
            values["attrs"] = json.loads(attrs) if attrs else {}
            values["fragments"] = decode_fragments(values.get("fragments"))
            records.append(cls(**values))
        return records

    @classmethod
    def from_fields(cls, values: Sequence[Any]) -> "SpanRecord":
        """A record from every field's value in ``FIELD_ORDER`` (any after them ignored; tags, attrs and
        fragments decoded), without the dataclass ``__init__``: a frozen
        dataclass sets each of its 23 fields through ``object.__setattr__``
        (about 2 us a record, 4 with ``from_row``), and an export builds one
        per span of every article."""
        record = object.__new__(cls)
        record.__dict__.update(zip(_FIELD_ORDER, values))
        return record

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["tags"] = list(self.tags)
        out["fragments"] = [list(f) for f in self.fragments]
        return out

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The stretches of text the span covers (one unless discontinuous)."""
        return self.fragments or ((self.start, self.end),)

    @property
    def is_suggestion(self) -> bool:
        return self.status == "suggested"


_SPAN_FIELDS = set(SpanRecord.__dataclass_fields__)
_FIELD_ORDER = SpanRecord.FIELD_ORDER = tuple(SpanRecord.__dataclass_fields__)


def _json_tuple(value: str | None) -> tuple:
    # Most spans have no tags: skip the parse for the common null / "[]" cases.
    if not value or value == "[]":
        return ()
    return tuple(json.loads(value))


def decode_fragments(value: str | None) -> tuple[tuple[int, int], ...]:
    if not value:
        return ()
    return tuple((int(a), int(b)) for a, b in json.loads(value))


def encode_fragments(fragments) -> str | None:
    """JSON for a discontinuous span's pieces; None for a contiguous one."""
    pieces = sorted((int(a), int(b)) for a, b in fragments or ())
    return json.dumps([list(p) for p in pieces]) if len(pieces) > 1 else None


@dataclass(frozen=True)
class Judgment:
    """One annotator's (or the reviewer's, layer 'gold') view of one span."""

    span_id: int
    annotator: str
    layer: str
    status: str
    label: str
    start: int
    end: int
    fragments: tuple[tuple[int, int], ...] = ()
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_kind: str | None = None
    cue: str | None = None
    tags: tuple[str, ...] = ()
    verdict: str | None = None
    note: str | None = None
    normalized: str | None = None
    updated_at: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Judgment":
        values = {k: row.get(k) for k in _JUDGMENT_FIELDS if k in row}
        values["tags"] = _json_tuple(row.get("tags"))
        values["fragments"] = decode_fragments(row.get("fragments"))
        return cls(**values)

    @property
    def kept(self) -> bool:
        return self.status in ("accepted", "corrected")

    def describe(self) -> str:
        """A short line for the screen: what this person said."""
        if not self.kept:
            return self.status
        parts = [self.status, self.label, f"{self.start}-{self.end}"]
        if self.speaker:
            parts.append(f"speaker {self.speaker}")
        if self.tags:
            parts.append("tags " + ", ".join(self.tags))
        if self.verdict:
            parts.append(f"verdict {self.verdict}")
        return " · ".join(parts)


_JUDGMENT_FIELDS = set(Judgment.__dataclass_fields__)


@dataclass(frozen=True)
class Difference:
    """A span the annotators judged differently: each one's version (None: they
    do not have the span)."""

    span_id: int
    article_id: int
    kind: str
    start: int
    end: int
    label: str
    versions: dict[str, Judgment | None]


@dataclass(frozen=True)
class ActionRecord:
    id: int
    at: str
    annotator: str
    action: str
    target: str
    target_id: int | None
    article_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "ActionRecord":
        return cls(
            id=row["id"],
            at=row["at"],
            annotator=row["annotator"],
            action=row["action"],
            target=row["target"],
            target_id=row["target_id"],
            article_id=row["article_id"],
            before=json.loads(row["before"]) if row["before"] else None,
            after=json.loads(row["after"]) if row["after"] else None,
        )
