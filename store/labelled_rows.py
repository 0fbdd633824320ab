"""What a labelled file brings beside its spans, stored for one article: its
relations (links between its spans) and its annotator's "annotation
complete" mark.  All of it is the file's annotator's (``SourceDoc.owner``:
store.formats.who; the importer's when the file names nobody)."""
from __future__ import annotations

import json

import sqlite_utils

from annotators.types import Span

from .actions import utc_now
from .records import IMPORTER
from .schema_v4 import new_uid
from .sources import SourceDoc


def store_labelled_extras(db: sqlite_utils.Database, article_id: int, doc: SourceDoc, kept: list[Span]) -> None:
    """What a labelled file brings beside its spans, for a newly stored article:
    its relations (links between the spans just inserted, in insertion order)
    and whether its annotation is complete (the article is then done)."""
    if doc.relations:
        ids = [row[0] for row in db.execute("select id from spans where article_id = ? order by id", [article_id])]
        insert_relations(db, doc, {id(span): span_id for span, span_id in zip(kept, ids)})
    mark_complete(db, article_id, doc.complete, doc.owner)


def mark_complete(db: sqlite_utils.Database, article_id: int, complete: bool, who: str = IMPORTER) -> None:
    """The file's annotator's done mark follows the labelled file: a file whose
    annotation is complete makes the article done by them (the importer, when
    the file names nobody); a changed file that is no longer complete takes
    that mark back (nobody else's)."""
    # The row is there either way: a labelled file was read for this article,
    # so it is part of the dataset even when the file marks nothing (an empty .ann).
    db.execute("insert into article_status (article_id, annotator, layer, done, done_at) "
               "values (?, ?, 'annotation', ?, ?) on conflict (article_id, annotator, layer) "
               "do update set done = excluded.done, done_at = excluded.done_at",
               [article_id, who, int(complete), utc_now() if complete else None])


def insert_relations(db: sqlite_utils.Database, doc: SourceDoc, span_ids: dict[int, int],
                     skip_existing: bool = False) -> None:
    """The doc's relations as links; ``span_ids``: ``id()`` of a labelled span ->
    its stored span id (a relation to a span not stored is left out)."""
    labelled = doc.labelled or ()
    for rel in doc.relations:
        a, b = span_ids.get(id(labelled[rel.head])), span_ids.get(id(labelled[rel.child]))
        if a is None or b is None or a == b:
            continue
        if skip_existing and db.execute("select 1 from links where a_span_id = ? and b_span_id = ? and kind = ?",
                                        [a, b, rel.kind]).fetchone():
            continue
        db.execute("insert into links (uid, a_span_id, b_span_id, kind, origin, annotator, attrs, note, created_at) "
                   "values (?, ?, ?, ?, 'imported', ?, ?, ?, ?)",
                   [new_uid(), a, b, rel.kind, doc.owner, json.dumps(rel.attrs) if rel.attrs else None,
                    rel.note, utc_now()])
