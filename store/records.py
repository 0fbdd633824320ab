"""Rows as the rest of copydesk sees them: plain frozen records, no SQL."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


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
            done=bool(row["done"]),
            done_by=row["done_by"],
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

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "SpanRecord":
        values = dict(row)
        values["tags"] = tuple(json.loads(values.get("tags") or "[]"))
        values["attrs"] = json.loads(values.get("attrs") or "{}")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["tags"] = list(self.tags)
        return out

    @property
    def is_suggestion(self) -> bool:
        return self.status == "suggested"


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
