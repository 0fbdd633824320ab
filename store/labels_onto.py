"""A labelled file whose text is an article already stored, from another file:
an export edited in brat (or doccano, or Prodigy) and imported back, or a
second copy of one article labelled elsewhere.  Its labels join that article
instead of making a copy of it, and the article keeps its own file, title and
source.

What joins, as the importer's judgments: each span of the file the article
lacks (same words, kind and label; a changed label is a new span), the file's
version of each span the article has (a speaker, tags or a verdict set in the
other tool), the file's relations between its spans (none made twice), and its
"annotation complete".  Nothing the article had is removed; where the file and
the article's annotators differ, review shows it.  All of it is the
file's annotator's (``SourceDoc.owner``: store.formats.who), so a second
annotator's file over the same texts is a second annotator's judgments."""
from __future__ import annotations

import hashlib

import sqlite_utils

from annotators.types import Span

from . import articles as article_rows
from .actions import encode_span_fields, utc_now
from .ingest import IMPORTER, SourceDoc, _valid_spans, insert_relations, mark_complete


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).digest().hex()


class StoredTexts:
    """Which stored article has a given text: read from the database once, the
    first time an import asks, then kept up to date as the import stores more."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._ids: dict[str, int] | None = None

    def find(self, text: str) -> int | None:
        if self._ids is None:
            self._ids = {}
            for article_id, stored in self.db.execute("select id, text from articles order by id"):
                self._ids.setdefault(text_key(stored), article_id)
        return self._ids.get(text_key(text))

    def add(self, text: str, article_id: int) -> None:
        if self._ids is not None:
            self._ids.setdefault(text_key(text), article_id)


def joins(db: sqlite_utils.Database, texts: StoredTexts | None, doc: SourceDoc, old_id: int | None) -> int | None:
    """The stored article ``doc``'s labels join (None: store it as new or
    changed): one with its text, unless ``doc`` is a changed version of an
    earlier import by the same annotator (``old_id``, found by its path).
    Another annotator's file at a path imported before joins too."""
    if texts is None:
        return None
    if old_id is not None and db.execute(
            "select 1 from article_status where article_id = ? and annotator = ? and layer = 'annotation'",
            [old_id, doc.owner]).fetchone():
        return None
    return texts.find(doc.cleaned.text)


def add_labels(db: sqlite_utils.Database, article_id: int, doc: SourceDoc) -> int:
    """The file's labels onto the stored article; how many spans and links came in."""
    labelled, text = list(doc.labelled or ()), doc.cleaned.text
    present = {_key(text, *row[1:]): row[0] for row in db.execute(
        "select id, start, end, kind, label from spans where article_id = ?", [article_id])}
    fresh = _valid_spans([s for s in labelled if _key(text, s.start, s.end, s.kind, s.label) not in present], text)
    newest = db.execute("select coalesce(max(id), 0) from spans").fetchone()[0]
    rows = article_rows.suggestion_rows(article_id, fresh, "imported", annotator=doc.owner,
                                        content_hash=doc.content_hash)
    article_rows.insert_spans(db, rows)
    inserted = [row[0] for row in db.execute(
        "select id from spans where article_id = ? and id > ? order by id", [article_id, newest])]
    span_ids = {id(span): span_id for span, span_id in zip(fresh, inserted)}
    judged = 0
    for span in labelled:
        if id(span) not in span_ids:
            span_ids[id(span)] = present.get(_key(text, span.start, span.end, span.kind, span.label))
            if span_ids[id(span)] is not None:
                judged += _judge(db, span_ids[id(span)], span, doc.owner)
    links_before = _link_count(db, article_id)
    insert_relations(db, doc, {k: v for k, v in span_ids.items() if v is not None}, skip_existing=True)
    if doc.complete:
        mark_complete(db, article_id, True, doc.owner)
    return len(rows) + judged + _link_count(db, article_id) - links_before


_JUDGED = ("status", "start", "end", "fragments", "label", "speaker", "speaker_start", "speaker_end",
           "speaker_kind", "cue", "tags", "verdict", "note", "normalized", "attrs")


def _judge(db: sqlite_utils.Database, span_id: int, span: Span, who: str = IMPORTER) -> int:
    """The file's version of a span the article has (its speaker, tags, verdict,
    note, status may differ) as the importer's judgment of it; 1 if that changed it."""
    fields = dict(span.attrs)
    status = fields.pop("status", None) or "accepted"
    if status == "suggested":
        return 0
    row = {**dict.fromkeys(_JUDGED), "status": status, "start": span.start, "end": span.end, "label": span.label,
           **encode_span_fields(fields)}
    before = db.execute(f"select {', '.join(_JUDGED)} from judgments where span_id = ? and annotator = ? "
                        "and layer = 'annotation'", [span_id, who]).fetchone()
    if before is not None and tuple(before) == tuple(row[c] for c in _JUDGED):
        return 0
    now = utc_now()
    db.execute(f"insert into judgments (span_id, annotator, layer, {', '.join(_JUDGED)}, created_at, updated_at) "
               f"values (?, ?, 'annotation', {', '.join('?' for _ in _JUDGED)}, ?, ?) "
               "on conflict (span_id, layer, annotator) do update set "
               + ", ".join(f'"{c}" = excluded."{c}"' for c in _JUDGED) + ", updated_at = excluded.updated_at",
               [span_id, who, *(row[c] for c in _JUDGED), now, now])
    return 1


def _key(text: str, start: int, end: int, kind: str, label: str) -> tuple[int, int, str, str]:
    """A span by where its words are: an export trims a span's spaces and line
    breaks (brat draws no fragment across a line), the same span when it comes back."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, kind, label


def _link_count(db: sqlite_utils.Database, article_id: int) -> int:
    return db.execute("select count(*) from links l join spans s on s.id = l.a_span_id where s.article_id = ?",
                      [article_id]).fetchone()[0]
