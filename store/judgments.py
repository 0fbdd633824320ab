"""Reading spans as one person sees them, and the gold (docs/schema.md).

A span row is what was proposed; a judgment row is one annotator's version of
it.  ``effective_spans`` lays an annotator's judgments over the spans they can
see; ``gold_spans`` lays the reviewer's over the annotators' where they agree,
and returns the spans where they differ for ``copydesk review``.
"""
from __future__ import annotations

from typing import Any, Sequence

import sqlite_utils

from annotators.reach import all_reached, negatives_known

from .records import IMPORTER, Difference, Judgment, SpanRecord

ANNOTATION = "annotation"
GOLD = "gold"
KEPT = ("accepted", "corrected")
JUDGED_COLUMNS = ("start", "end", "fragments", "label", "speaker", "speaker_start", "speaker_end", "speaker_kind",
                  "cue", "tags", "verdict", "note", "normalized", "attrs")
# What makes two people's versions of a span the same answer (notes are words
# about the span, not a different answer).
ANSWER_FIELDS = ("start", "end", "fragments", "label", "speaker", "speaker_kind", "tags", "verdict")

_CHOSEN = ",\n  ".join(f'case when j.id is null then s."{c}" else j."{c}" end as "{c}"' for c in JUDGED_COLUMNS)
_EFFECTIVE_SQL = f"""
select s.id, s.uid, s.article_id, s.kind, s.origin, s.created_at,
  {_CHOSEN},
  coalesce(j.status, 'suggested') as status,
  case when j.id is null then s.annotator else j.annotator end as annotator,
  coalesce(j.updated_at, s.created_at) as updated_at
from spans s left join judgments j on j.span_id = s.id and j.layer = :layer {{who}}
where s.article_id = :article {{visible}}
"""
# An annotator sees the model's and imported spans, their own, and what they judged.
_PERSON_SQL = _EFFECTIVE_SQL.format(
    who="and j.annotator = :annotator",
    visible="and (s.origin != 'human' or s.annotator = :annotator or j.id is not null)")
_LAYER_SQL = _EFFECTIVE_SQL.format(who="", visible="")


def effective_spans(db: sqlite_utils.Database, article_id: int, annotator: str | None, layer: str = ANNOTATION,
                    kinds: Sequence[str] | None = None, statuses: Sequence[str] | None = None) -> list[SpanRecord]:
    """The article's spans as ``annotator`` has them (layer 'gold': as the
    reviewer decided, every span visible)."""
    sql = _LAYER_SQL if layer == GOLD else _PERSON_SQL
    params: dict[str, Any] = {"layer": layer, "article": article_id, "annotator": annotator}
    where = []
    if kinds:
        where.append("kind in ({})".format(", ".join(f":k{i}" for i in range(len(kinds)))))
        params.update({f"k{i}": k for i, k in enumerate(kinds)})
    if statuses:
        where.append("status in ({})".format(", ".join(f":s{i}" for i in range(len(statuses)))))
        params.update({f"s{i}": s for i, s in enumerate(statuses)})
    filtered = f"select * from ({sql}) {'where ' + ' and '.join(where) if where else ''} order by start, \"end\" desc, id"
    cursor = db.conn.execute(filtered, params)
    return SpanRecord.from_rows([column[0] for column in cursor.description], cursor.fetchall())


def effective_span(db: sqlite_utils.Database, span_id: int, annotator: str | None, layer: str = ANNOTATION) -> SpanRecord | None:
    sql = (_LAYER_SQL if layer == GOLD else _PERSON_SQL).replace("where s.article_id = :article", "where s.id = :span")
    rows = list(db.query(sql, {"layer": layer, "span": span_id, "annotator": annotator}))
    return SpanRecord.from_row(rows[0]) if rows else None


def judgment_row(db: sqlite_utils.Database, span_id: int, annotator: str, layer: str = ANNOTATION) -> dict | None:
    if layer == GOLD:
        rows = list(db.query("select * from judgments where span_id = ? and layer = 'gold'", [span_id]))
    else:
        rows = list(db.query("select * from judgments where span_id = ? and layer = ? and annotator = ?",
                             [span_id, layer, annotator]))
    return rows[0] if rows else None


def judgments_of_span(db: sqlite_utils.Database, span_id: int) -> list[Judgment]:
    rows = db.query("select * from judgments where span_id = ? order by layer, annotator", [span_id])
    return [Judgment.from_row(r) for r in rows]


def annotators(db: sqlite_utils.Database, article_id: int | None = None) -> list[str]:
    """People with judgments or an article status (the annotation layer)."""
    if article_id is None:
        rows = db.execute(
            "select annotator from judgments where layer = 'annotation' union "
            "select annotator from article_status where layer = 'annotation' order by 1")
    else:
        rows = db.execute(
            "select j.annotator from judgments j join spans s on s.id = j.span_id "
            "where s.article_id = ? and j.layer = 'annotation' union "
            "select annotator from article_status where article_id = ? and layer = 'annotation' and done = 1 "
            "order by 1", [article_id, article_id])
    return [r[0] for r in rows]


def articles_worked(db: sqlite_utils.Database, annotator: str | None = None) -> list[int]:
    """Articles someone (or ``annotator``) judged a span of or marked done,
    and (anyone's) articles a labelled file was imported for."""
    who = "and j.annotator = :a" if annotator else ""
    who_status = "and annotator = :a" if annotator else ""
    # A reviewer's decisions make an article part of the gold, not anyone's own work.
    gold = "" if annotator else (
        "union select s.article_id from judgments j join spans s on s.id = j.span_id where j.layer = 'gold' ")
    rows = db.execute(
        f"select s.article_id from judgments j join spans s on s.id = j.span_id where j.layer = 'annotation' {who} "
        f"union select article_id from article_status where layer = 'annotation' and done = 1 {who_status} "
        f"union select article_id from article_status where layer = 'annotation' and annotator = :importer "
        f"and :a is null "
        f"{gold}order by 1", {"a": annotator, "importer": IMPORTER})
    return [r[0] for r in rows]


def done_by(db: sqlite_utils.Database, article_id: int, layer: str = ANNOTATION) -> set[str]:
    rows = db.execute("select annotator from article_status where article_id = ? and layer = ? and done = 1",
                      [article_id, layer])
    return {r[0] for r in rows}


# --- the gold ------------------------------------------------------------------------


def _answer(j: Judgment | None) -> tuple | None:
    """What a judgment says, comparable across people: None = no opinion,
    ('out',) = not a span, ('in', ...) = this span with these values."""
    if j is None or j.status == "ignored":
        return None
    if not j.kept:
        return ("out",)
    return ("in", *(tuple(sorted(getattr(j, f))) if f == "tags" else getattr(j, f) for f in ANSWER_FIELDS))


def versions_by_annotator(db: sqlite_utils.Database, article_id: int
                          ) -> tuple[dict[int, dict[str, Any]], list[str], set[str]]:
    """For every span of the article: each annotator's judgment; for one who
    has none, ``_ABSENT`` when they finished the article (for them it is not
    a span), else None (not reached yet: annotators.reach).  Also the
    article's annotators and who of them finished it."""
    people = annotators(db, article_id)
    finished = done_by(db, article_id)
    spans = [r[0] for r in db.execute("select id from spans where article_id = ?", [article_id])]
    out: dict[int, dict[str, Any]] = {sid: {} for sid in spans}
    for row in db.query("select j.* from judgments j join spans s on s.id = j.span_id "
                        "where s.article_id = ? and j.layer = 'annotation'", [article_id]):
        out[row["span_id"]][row["annotator"]] = Judgment.from_row(row)
    for sid in spans:
        for person in people:
            if person not in out[sid]:
                out[sid][person] = _ABSENT if person in finished else None
    return out, people, finished


class _Absent:
    """Marker: the annotator finished the article without this span."""


_ABSENT: Any = _Absent()


def compared(by_person: dict[str, Any], people: Sequence[str], finished: set[str]) -> bool:
    """Every annotator reached the span (annotators.reach): it can be compared.
    An imported file's labels are where annotators start, as a model's are:
    a span only they judged is compared with nobody."""
    judged = {p for p, j in by_person.items() if isinstance(j, Judgment) and p != IMPORTER}
    return not judged or all_reached([p for p in people if p != IMPORTER], judged, finished)


def _answers(versions: dict[str, Any]) -> dict[str, tuple]:
    """Each person's answer; one who finished without the span says 'out',
    once a person has an answer on it (a suggestion nobody judged stays one,
    and an imported label nobody else judged stays the import's)."""
    answers = {p: _answer(j) for p, j in versions.items() if isinstance(j, Judgment)}
    answers = {p: a for p, a in answers.items() if a is not None}
    if any(p != IMPORTER for p in answers):
        answers.update({p: ("out",) for p, j in versions.items() if j is _ABSENT})
    return answers


def _shown(by_person: dict[str, Any]) -> dict[str, Judgment | None]:
    return {p: (None if j is _ABSENT else j) for p, j in by_person.items()}


def differences(db: sqlite_utils.Database, article_id: int, include_resolved: bool = False) -> list[Difference]:
    """Spans every annotator reached whose answers differ (and, unless asked,
    that no reviewer has decided yet), in text order."""
    versions, people, finished = versions_by_annotator(db, article_id)
    gold = {r["span_id"] for r in db.query(
        "select j.span_id from judgments j join spans s on s.id = j.span_id where s.article_id = ? and j.layer = 'gold'",
        [article_id])}
    spans = {r["id"]: r for r in db.query("select id, kind, start, \"end\", label from spans where article_id = ?", [article_id])}
    out = []
    for sid, by_person in versions.items():
        if (not compared(by_person, people, finished) or len(set(_answers(by_person).values())) < 2
                or (sid in gold and not include_resolved)):
            continue
        span = spans[sid]
        out.append(Difference(sid, article_id, span["kind"], span["start"], span["end"], span["label"],
                              _shown(by_person)))
    return sorted(out, key=lambda d: (d.start, -d.end, d.span_id))


def not_reached(db: sqlite_utils.Database, article_id: int) -> dict[int, tuple[int, int]]:
    """Spans someone judged that another annotator of the article has not
    reached yet (annotators.reach): span id -> (start, end).  Review, the
    gold and agreement leave them out alike."""
    versions, people, finished = versions_by_annotator(db, article_id)
    pending = [sid for sid, by_person in versions.items()
               if any(isinstance(j, Judgment) for j in by_person.values()) and not compared(by_person, people, finished)]
    if not pending:
        return {}
    rows = db.execute(f"select id, start, \"end\" from spans where id in ({', '.join('?' for _ in pending)})", pending)
    return {r[0]: (r[1], r[2]) for r in rows}


def gold_spans(db: sqlite_utils.Database, article_id: int) -> tuple[list[SpanRecord], list[Difference]]:
    """The gold of an article: the reviewer's decision where there is one, else
    the annotators' shared answer; a span nobody judged, or that some
    annotator has not reached yet, stays 'suggested' (a person's own span:
    left out), and spans they differ on are left out and returned as differences."""
    versions, people, finished = versions_by_annotator(db, article_id)
    base = {r.id: r for r in effective_spans(db, article_id, None, GOLD)}
    reviewed = {sid: r for sid, r in base.items() if r.status != "suggested"}
    records: list[SpanRecord] = []
    unresolved: list[Difference] = []
    for sid, record in base.items():
        if sid in reviewed:
            records.append(reviewed[sid])
            continue
        by_person = versions.get(sid, {})
        answers = _answers(by_person)
        if not answers or not compared(by_person, people, finished):
            if record.origin != "human":  # a person's span not everyone has reached is not in the gold
                records.append(record)
            continue
        if len(set(answers.values())) > 1:
            unresolved.append(Difference(sid, article_id, record.kind, record.start, record.end, record.label,
                                         _shown(by_person)))
            continue
        records.append(_agreed_record(record, by_person, answers))
    records.sort(key=lambda r: (r.start, -r.end, r.id))
    return records, sorted(unresolved, key=lambda d: (d.start, -d.end, d.span_id))


def _agreed_record(record: SpanRecord, by_person: dict[str, Any], answers: dict[str, tuple]) -> SpanRecord:
    import dataclasses

    people = sorted(answers)
    first = by_person[people[0]]
    if first is _ABSENT or not first.kept:
        return dataclasses.replace(record, status="rejected", annotator=",".join(people))
    values = {f: getattr(first, f) for f in ("start", "end", "fragments", "label", "speaker", "speaker_start",
                                             "speaker_end", "speaker_kind", "cue", "tags", "verdict", "note",
                                             "normalized")}
    statuses = {by_person[p].status for p in people}
    status = "corrected" if "corrected" in statuses else "accepted"
    return dataclasses.replace(record, status=status, annotator=",".join(people), updated_at=first.updated_at, **values)


def gold_done(db: sqlite_utils.Database, article_id: int) -> bool:
    """Unmarked text is negative in the gold when everyone who annotated the
    article marked it done (annotators.reach.negatives_known)."""
    return negatives_known(annotators(db, article_id), done_by(db, article_id), bool(done_by(db, article_id, GOLD)))


def base_values(span: dict) -> dict[str, Any]:
    """A span row's values in judgment columns (a judgment starts from them)."""
    return {c: span.get(c) for c in JUDGED_COLUMNS}
