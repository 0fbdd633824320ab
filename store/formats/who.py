"""Whose annotation a labelled file is.

A labelled line names its annotator where the tool that wrote it does:

- per span: ``"annotator"`` (copydesk's own jsonl export writes it on every
  span), doccano's ``"user"`` on an entity;
- per line: Prodigy's ``"_annotator_id"`` (``dataset-session``), doccano's
  ``"user"`` (its older exports: ``"username"``), or ``"annotator"``; used only
  when no span of the line names its own.

A line whose spans name several annotators becomes one document per
annotator (the same text, matched by content when stored), so two people's
labels are two people's judgments, compared by ``agreement`` and ``review``.
Nothing named: ``copydesk import --annotator NAME``, else ``copydesk-import``
(store.records.IMPORTER).

A name is one token of letters, digits, ``_ - . @`` (at most 64 characters,
not starting with ``-`` or ``.``): it is written into exports (Prodigy's
``_annotator_id``, CSV, CoNLL file names), and a space or ``+`` there would
split it.  doccano's numeric user ids are read as their digits.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..sources import SourceDoc
from .base import BadRecord

ANNOTATOR_RE = re.compile(r"[A-Za-z0-9_@][A-Za-z0-9_.@-]{0,63}\Z")
# While a line is read, a span's own annotator rides in its attrs under this
# key; by_annotator() takes it out (it is never stored).
SPAN_ANNOTATOR = "_annotator"
LINE_FIELDS = ("_annotator_id", "annotator", "user", "username")
RULE = "an annotator name is one token of letters, digits, _ - . @ (at most 64 characters, not starting with - or .)"


def annotator_problem(name: str) -> str | None:
    """Why ``name`` cannot be an annotator's name (None: it can)."""
    return None if ANNOTATOR_RE.match(name) else f"{name!r}: {RULE}"


def check_annotator(value: Any, field: str, numbers: bool = False) -> str | None:
    """A name read from ``field`` of a file; None when the field is absent or
    null.  ``numbers``: an integer is a user id (doccano)."""
    if value is None:
        return None
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise BadRecord(f'{field} must be a name (a string), not {type(value).__name__}')
    if not ANNOTATOR_RE.match(value):
        raise BadRecord(f'{field} {value!r}: {RULE}')
    return value


def span_annotator(entry: dict[str, Any], what: str) -> dict[str, str]:
    """The attrs entry naming a span's own annotator (``annotator``, or doccano's ``user``)."""
    for key in ("annotator", "user"):
        who = check_annotator(entry.get(key), f'{what} "{key}"', numbers=key == "user")
        if who is not None:
            return {SPAN_ANNOTATOR: who}
    return {}


def line_annotator(record: dict[str, Any]) -> str | None:
    """The line's own annotator (the first of ``LINE_FIELDS`` it has)."""
    for key in LINE_FIELDS:
        who = check_annotator(record.get(key), f'"{key}"', numbers=key == "user")
        if who is not None:
            return who
    return None


def spans_name_annotators(spans) -> bool:
    return any(SPAN_ANNOTATOR in s.attrs for s in spans)


def by_annotator(doc: SourceDoc) -> list[SourceDoc]:
    """``doc`` as one document per annotator its spans name (in the order
    they first appear; the first keeps the doc's path, the others add
    ``@NAME``).  A span naming nobody is the line's (``doc.annotator``); a
    suggestion naming nobody goes with the first annotator named.  A relation
    belongs to its head's annotator, who then has its child span too."""
    spans = list(doc.labelled or ())
    if not spans_name_annotators(spans):
        return [doc]
    owners: list[str | None] = []
    for s in spans:
        who = s.attrs.get(SPAN_ANNOTATOR)
        owners.append(who if who is not None else ("" if s.attrs.get("status") == "suggested" else doc.annotator))
    named = [o for o in owners if o]
    owners = [named[0] if o == "" else o for o in owners]
    spans = [dataclasses.replace(s, attrs={k: v for k, v in s.attrs.items() if k != SPAN_ANNOTATOR}) for s in spans]
    groups: dict[str | None, list[int]] = {}
    for i, who in enumerate(owners):
        groups.setdefault(who, []).append(i)
    for rel in doc.relations:
        members = groups[owners[rel.head]]
        if rel.child not in members:
            members.append(rel.child)
    out = []
    for n, (who, members) in enumerate(groups.items()):
        index = {old: new for new, old in enumerate(members)}
        relations = tuple(dataclasses.replace(r, head=index[r.head], child=index[r.child]) for r in doc.relations
                          if owners[r.head] == who)
        out.append(dataclasses.replace(doc, path=doc.path if n == 0 else f"{doc.path}@{who or ''}",
                                       labelled=tuple(spans[i] for i in members), relations=relations,
                                       annotator=who))
    return out
