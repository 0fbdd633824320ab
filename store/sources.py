"""What a reader hands the importer: the types shared by ``store.ingest`` (which
stores articles) and ``store.formats`` (which read labelled files).

They live here so that the imports run one way: ``ingest -> formats -> sources
-> reading`` and ``ingest -> sources``; no format imports the importer.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from annotators.types import CleanedText, Span

from .reading import Problem, UnreadableFile  # noqa: F401  (what readers report; re-exported)
from .records import IMPORTER

# Beside a brat export's .txt/.ann pairs (brat lists only those): each document's
# title, source, byline, date, url and original file, one JSON line each; the
# brat reader reads it with the documents, so the importer passes it over.
BRAT_META_FILE = "copydesk-meta.jsonl"

# The id a labelled line gave its example (doccano's "id"), kept in the article's
# meta under this key and written back as the line's id by the doccano export.
SOURCE_ID = "source_line_id"


@dataclass(frozen=True)
class LabelledRelation:
    """A relation a labelled file brought (brat ``R``, an event role, a doccano
    relation): ``head`` and ``child`` index ``SourceDoc.labelled``; ``kind`` is
    its label (the role, for an event argument)."""

    head: int
    child: int
    kind: str
    attrs: dict[str, Any] = field(default_factory=dict)
    note: str | None = None


@dataclass
class SourceDoc:
    """One article as read from a file, before it is stored."""

    path: str  # identity for re-imports: resolved path, plus '#line' for jsonl
    file: str
    raw: str
    cleaned: CleanedText
    meta: dict[str, Any] = field(default_factory=dict)
    # Human annotations that came with the file (labelled formats); imported as
    # origin 'imported' instead of running the model.  A discontinuous span has
    # ``attrs["fragments"]`` ([[start, end], ...] in text order; start/end cover them).
    labelled: tuple[Span, ...] | None = None
    relations: tuple[LabelledRelation, ...] = ()
    # The file says its spans are the whole annotation (Prodigy's manual accept,
    # copydesk's done articles): the unmarked text is negative, the article is done.
    complete: bool = False
    # Whose labels these are (store.formats.who): the file's annotator, else
    # ``copydesk import --annotator``; None: the importer's (IMPORTER).
    annotator: str | None = None
    # False: the format says nothing of completion (brat, doccano): a named
    # annotator's file then counts as their finished work (import_paths).
    completion_said: bool = True

    @property
    def owner(self) -> str:
        return self.annotator or IMPORTER

    @property
    def content_hash(self) -> str:
        """The file's text and, for a labelled file, what it labels: an .ann (or
        a jsonl line) edited over the same text is a changed file, not the same one."""
        digest = hashlib.sha256(self.raw.encode("utf-8"))
        if self.labelled is not None:
            digest.update(b"\0" + self.labels_key().encode("utf-8"))
        return digest.hexdigest()

    def labels_key(self) -> str:
        spans = [[s.start, s.end, s.kind, s.label, s.attrs] for s in self.labelled or ()]
        relations = [[r.head, r.child, r.kind, r.attrs, r.note] for r in self.relations]
        key = [spans, relations, self.complete]
        if self.owner != IMPORTER:  # another annotator's identical labels are not the same file
            key.append(self.owner)
        return json.dumps(key, sort_keys=True, default=str)
