"""The gold and one person's spans of many articles at once, for exports.

``judgments.gold_spans`` and ``judgments.effective_spans`` answer for one
article with a handful of queries and a record object per row (plus a
``Judgment`` per judgment and a ``dataclasses.replace`` per agreed span): fine
for the reader, the whole cost of an export of 10,000 articles.  Here the same
answers come from five set-based queries per batch of articles, worked on as
plain tuples, and each record is built once (``SpanRecord.from_fields``).
The rules are the ones in ``judgments`` (docs/schema.md); the test
``tests/store/test_export_bulk.py`` holds the two paths to the same exports.
"""
from __future__ import annotations

import gc
import json
from collections import defaultdict
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, Iterable, Sequence

import sqlite_utils

from annotators.reach import all_reached, negatives_known

from .judgments import _CHOSEN, ANNOTATION, ANSWER_FIELDS, GOLD, KEPT
from .records import IMPORTER, Article, SpanRecord, _json_tuple, decode_fragments

BATCH = 250  # articles per round of queries: a few MB of rows, whatever the database's size

# SpanRecord's fields in order, as the effective-span query gives them (tags,
# attrs and fragments still JSON).
_FIELDS = SpanRecord.FIELD_ORDER
_EFFECTIVE = {"status": "coalesce(j.status, 'suggested')",
              "annotator": "case when j.id is null then s.annotator else j.annotator end",
              "updated_at": "coalesce(j.updated_at, s.created_at)"}
_CHOSEN_BY_NAME = dict(line.rsplit(" as ", 1)[::-1] for line in _CHOSEN.split(",\n  "))


def _chosen(field: str) -> str:
    return _EFFECTIVE.get(field) or _CHOSEN_BY_NAME.get(f'"{field}"') or f's."{field}"'


_SELECT = ", ".join(f'{_chosen(f)} as "{f}"' for f in _FIELDS)
_STATUS, _ANNOTATOR = _FIELDS.index("status"), _FIELDS.index("annotator")
_ORIGIN, _ID = _FIELDS.index("origin"), _FIELDS.index("id")
# A judgment's values that an agreed gold span takes (judgments._agreed_record).
_AGREED = ("start", "end", "fragments", "label", "speaker", "speaker_start", "speaker_end", "speaker_kind", "cue",
           "tags", "verdict", "note", "normalized")
# The gold query's row: the span's fields (as above), then one annotation judgment's.
_W = len(_FIELDS)
_J_COLUMNS = ("span_id", "annotator", "status", *_AGREED, "updated_at")
_J_SPAN, _J_PERSON, _J_STATUS, _J_UPDATED = _W, _W + 1, _W + 2, _W + len(_J_COLUMNS) - 1
_J_VALUES = slice(_W + 3, _W + 3 + len(_AGREED))
_J_TAGS, _J_FRAGMENTS = _W + 3 + _AGREED.index("tags"), _W + 3 + _AGREED.index("fragments")
# What makes two versions the same answer (judgments.ANSWER_FIELDS), as positions in a row.
_J_ANSWER = tuple(_W + 3 + _AGREED.index(f) for f in ANSWER_FIELDS)
# The record of a span one person judged (accepted or corrected) and nobody
# else had an answer on, straight from its row: their values, status, name and time.
_ONE_VERSION = itemgetter(*(_W + _J_COLUMNS.index(f) if f in _J_COLUMNS[1:] else i for i, f in enumerate(_FIELDS)))


@contextmanager
def _gc_paused():
    """Building a batch's records makes tens of thousands of objects that all
    live until the batch is written: each one triggers Python's cyclic
    collector, whose full passes walk every object in the process (spaCy's
    included) and doubled the time of reading a batch.  None of these objects
    form cycles; the collector runs again as soon as the batch is built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def batches(ids: Sequence[int], size: int | None = None) -> Iterable[Sequence[int]]:
    size = size or BATCH
    for at in range(0, len(ids), size):
        yield ids[at:at + size]


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" for _ in ids)


def _record(row: Sequence[Any], changes: Iterable[tuple[str, Any]] = ()) -> SpanRecord:
    """A record from an effective-span row, ``changes`` (field, value) laid over it."""
    record = SpanRecord.from_fields(row)
    values = record.__dict__
    values.update(changes)
    tags, attrs, fragments = values["tags"], values["attrs"], values["fragments"]
    values["tags"] = _json_tuple(tags) if tags else ()
    values["attrs"] = json.loads(attrs) if attrs else {}
    values["fragments"] = decode_fragments(fragments) if fragments else ()
    return record


def _span_rows(db: sqlite_utils.Database, ids: Sequence[int], layer: str, annotator: str | None,
               statuses: Sequence[str] | None = None) -> dict[int, list[tuple]]:
    """article id -> its effective span rows (``judgments._EFFECTIVE_SQL``)."""
    if layer == GOLD:
        who, visible = "", ""
    else:
        who = "and j.annotator = ?"
        visible = "and (s.origin != 'human' or s.annotator = ? or j.id is not null)"
    sql = (f"select {_SELECT} from spans s left join judgments j on j.span_id = s.id and j.layer = ? {who} "
           f"where s.article_id in ({_marks(ids)}) {visible}")
    params: list[Any] = [layer, *([annotator] if who else []), *ids, *([annotator] if visible else [])]
    if statuses:
        sql = f"select * from ({sql}) where status in ({_marks(statuses)})"
        params += list(statuses)
    out: dict[int, list[tuple]] = defaultdict(list)
    article_at = _FIELDS.index("article_id")
    for row in db.execute(sql, params):
        out[row[article_at]].append(row)
    return out


def _statuses(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[tuple[int, str], set[str]]:
    """(article id, layer) -> who marked it done."""
    out: dict[tuple[int, str], set[str]] = defaultdict(set)
    for article_id, annotator, layer in db.execute(
            f"select article_id, annotator, layer from article_status where article_id in ({_marks(ids)}) "
            "and done = 1", list(ids)):
        out[(article_id, layer)].add(annotator)
    return out


def articles(db: sqlite_utils.Database, ids: Sequence[int], viewer: str | None) -> dict[int, Article]:
    """The articles, ``done``/``done_by`` as ``viewer`` marked them (``Store.get_article``)."""
    finished = _statuses(db, ids)
    out = {}
    for row in db.query(f"select * from articles where id in ({_marks(ids)})", list(ids)):
        done = viewer in finished.get((row["id"], ANNOTATION), ())
        out[row["id"]] = Article.from_row({**row, "done": done, "done_by": viewer if done else None})
    return out


def links(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """article id -> the links between two of its spans, by id (``articles.links_for``)."""
    cursor = db.execute(
        "select l.*, sa.article_id from links l join spans sa on sa.id = l.a_span_id "
        f"join spans sb on sb.id = l.b_span_id where sa.article_id in ({_marks(ids)}) "
        "and sb.article_id = sa.article_id order by l.id", list(ids))
    names = [d[0] for d in cursor.description][:-1]
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in cursor:
        link = dict(zip(names, row))
        link["attrs"] = json.loads(link["attrs"]) if link.get("attrs") else {}
        out[row[-1]].append(link)
    return out


def _order(records: list[SpanRecord]) -> list[SpanRecord]:
    records.sort(key=lambda r: (r.start, -r.end, r.id))
    return records


def person_spans(db: sqlite_utils.Database, ids: Sequence[int], annotator: str,
                 statuses: Sequence[str] | None = None) -> tuple[dict[int, list[SpanRecord]], dict[int, bool]]:
    """article id -> ``annotator``'s spans (``effective_spans``), and whether they marked it done."""
    with _gc_paused():
        rows = _span_rows(db, ids, ANNOTATION, annotator, statuses)
        spans = {aid: _order([_record(r) for r in rows.get(aid, ())]) for aid in ids}
    return spans, done_flags(db, ids, annotator)


def done_flags(db: sqlite_utils.Database, ids: Sequence[int], annotator: str | None) -> dict[int, bool]:
    """article id -> ``annotator`` marked it done (None: ``judgments.gold_done``)."""
    finished = _statuses(db, ids)
    if annotator:
        return {aid: annotator in finished.get((aid, ANNOTATION), ()) for aid in ids}
    people: dict[int, set[str]] = defaultdict(set)
    for article_id, person in db.execute(
            "select distinct s.article_id, j.annotator from judgments j join spans s on s.id = j.span_id "
            f"where s.article_id in ({_marks(ids)}) and j.layer = 'annotation'", list(ids)):
        people[article_id].add(person)
    return {aid: _gold_done(finished, people[aid], aid) for aid in ids}


def _gold_done(finished: dict[tuple[int, str], set[str]], judged_by: set[str], aid: int) -> bool:
    """Everyone who annotated it marked it done (annotators.reach.negatives_known)."""
    done_here = finished.get((aid, ANNOTATION), set())
    return negatives_known(judged_by | done_here, done_here, bool(finished.get((aid, GOLD))))


def gold(db: sqlite_utils.Database, ids: Sequence[int]
         ) -> tuple[dict[int, list[SpanRecord]], dict[int, int], dict[int, bool]]:
    """article id -> its gold spans (``judgments.gold_spans``), the number of
    unresolved differences left out, and ``gold_done``."""
    with _gc_paused():
        return _gold(db, ids)


# The spans whose gold needs no comparing of people (most of them): decided by
# the reviewer, or a model/imported span with at most one annotation judgment
# in an article at most one person annotated (judged a span of, or finished).
# Their records come straight from SQL, with the span's fields only; the rest
# take the full row (the span, then each annotation judgment) and the rules below.
_SETTLED = ("((j.id is not null and j.status != 'suggested') or (j.id is null and s.origin != 'human' and "
            "(select count(*) from judgments c where c.span_id = s.id and c.layer = 'annotation') <= 1 and "
            "coalesce(t.people, 0) <= 1))")
# article id -> how many people annotated it (the join ``t`` that _SETTLED reads).
_TEAM = ("left join (select article_id, count(*) as people from ("
         "select cs.article_id, c.annotator from judgments c join spans cs on cs.id = c.span_id "
         "where c.layer = 'annotation' and cs.article_id in ({marks}) union "
         "select article_id, annotator from article_status where layer = 'annotation' and done = 1 "
         "and article_id in ({marks})) group by article_id) t on t.article_id = s.article_id ")
_ONE_KEPT = "a.status in ('accepted', 'corrected')"
_ONE_ANSWER = "a.id is not null and a.status != 'ignored'"


def _settled(field: str) -> str:
    """A settled span's gold value: the reviewer's (``j``); else, with the one
    person's judgment ``a``, theirs when they kept it (``_ONE_VERSION``), the
    span's marked rejected when they rejected it (``_agreed``); else the span's."""
    if field in _AGREED:
        return f'case when j.id is not null then j."{field}" when {_ONE_KEPT} then a."{field}" else s."{field}" end'
    if field == "status":
        return (f"case when j.id is not null then j.status when {_ONE_KEPT} then a.status "
                f"when {_ONE_ANSWER} then 'rejected' else 'suggested' end")
    if field == "annotator":
        return f"case when j.id is not null then j.annotator when {_ONE_ANSWER} then a.annotator else s.annotator end"
    if field == "updated_at":
        return f"case when j.id is not null then coalesce(j.updated_at, s.created_at) when {_ONE_KEPT} then a.updated_at else s.created_at end"
    return _chosen(field)


_SETTLED_SELECT = ", ".join(f'{_settled(f)} as "{f}"' for f in _FIELDS)


def _gold(db: sqlite_utils.Database, ids: Sequence[int]
          ) -> tuple[dict[int, list[SpanRecord]], dict[int, int], dict[int, bool]]:
    marks, article_at = _marks(ids), _FIELDS.index("article_id")
    records: dict[int, list[SpanRecord]] = defaultdict(list)
    settled = 0
    for row in db.execute(
            f"select {_SETTLED_SELECT} from spans s "
            "left join judgments j on j.span_id = s.id and j.layer = 'gold' "
            "left join judgments a on j.id is null and a.span_id = s.id and a.layer = 'annotation' "
            + _TEAM.format(marks=marks) +
            f"where s.article_id in ({marks}) and {_SETTLED}", [*ids, *ids, *ids]):
        records[row[article_at]].append(_record(row))
        settled += 1
    # The others (when there are any: the count is cheaper than the query):
    # one row per span and annotation judgment, the span as the gold layer
    # has it, then one person's judgment.
    rows: Iterable[tuple] = ()
    if db.execute(f"select count(*) from spans where article_id in ({marks})", list(ids)).fetchone()[0] > settled:
        columns = ", ".join(f'a."{c}"' for c in _J_COLUMNS)
        rows = db.execute(
            f"select {_SELECT}, {columns} from spans s "
            "left join judgments j on j.span_id = s.id and j.layer = 'gold' "
            "left join judgments a on a.span_id = s.id and a.layer = 'annotation' "
            + _TEAM.format(marks=marks) +
            f"where s.article_id in ({marks}) and not {_SETTLED}", [*ids, *ids, *ids])
    spans: dict[int, dict[int, tuple]] = defaultdict(dict)  # article id -> span id -> its (first) row
    versions: dict[int, list[tuple]] = defaultdict(list)  # span id -> its rows with a judgment
    for row in rows:
        article_id, span_id = row[article_at], row[_ID]
        of_article = spans[article_id]
        if span_id not in of_article:
            of_article[span_id] = row
        if row[_J_SPAN] is not None:
            versions[span_id].append(row)
    people: dict[int, set[str]] = defaultdict(set)  # article id -> who judged any of its spans
    for article_id, person in db.execute(
            "select distinct s.article_id, a.annotator from judgments a join spans s on s.id = a.span_id "
            f"where s.article_id in ({marks}) and a.layer = 'annotation'", list(ids)):
        people[article_id].add(person)
    finished = _statuses(db, ids)
    out: dict[int, list[SpanRecord]] = {}
    unresolved: dict[int, int] = {}
    done: dict[int, bool] = {}
    for aid in ids:
        done_here = finished.get((aid, ANNOTATION), set())
        done[aid] = _gold_done(finished, people[aid], aid)
        unresolved[aid] = 0
        kept = records.get(aid, [])
        if aid in spans:
            compared, unresolved[aid] = _gold_of_article(spans[aid].values(), versions, people[aid] | done_here,
                                                         done_here)
            kept.extend(compared)
        out[aid] = _order(kept)
    return out, unresolved, done


def _gold_of_article(rows: Iterable[tuple], versions: dict[int, list[tuple]], everyone: set[str],
                     finished: set[str]) -> tuple[list[SpanRecord], int]:
    out: list[SpanRecord] = []
    unresolved = 0
    for row in rows:
        if row[_STATUS] != "suggested":  # the reviewer decided
            out.append(_record(row))
            continue
        # Each person's answer: their judgment (ignored: no opinion), or "out"
        # for one who finished without the span (once anyone has an answer).
        # A span some annotator has not reached yet is not compared (annotators.reach).
        answers: dict[str, tuple | None] = {}  # person -> judgment row (None: absent)
        judged = set()
        for j in versions.get(row[_ID], ()):
            judged.add(j[_J_PERSON])
            if j[_J_STATUS] != "ignored":
                answers[j[_J_PERSON]] = j
        people = judged - {IMPORTER}  # an import's labels alone are compared with nobody (judgments.compared)
        if not answers or (people and not all_reached(everyone - {IMPORTER}, people, finished)):
            if row[_ORIGIN] != "human":  # a person's span not everyone has reached is not in the gold
                out.append(_record(row))
            continue
        if any(p != IMPORTER for p in answers):
            for person in everyone - judged:
                answers[person] = None
        if len(answers) == 1:
            (only,) = answers.values()
            if only is not None and only[_J_STATUS] in KEPT:
                out.append(_record(_ONE_VERSION(only)))
                continue
        elif len({_answer(j) for j in answers.values()}) > 1:
            unresolved += 1
            continue
        out.append(_agreed(row, answers))
    return out, unresolved


def _answer(j: tuple | None) -> tuple:
    if j is None or j[_J_STATUS] not in KEPT:
        return ("out",)
    values = []
    for at in _J_ANSWER:
        if at == _J_TAGS:
            values.append(tuple(sorted(_json_tuple(j[at]))))
        elif at == _J_FRAGMENTS:
            values.append(decode_fragments(j[at]))
        else:
            values.append(j[at])
    return ("in", *values)


def _agreed(row: tuple, answers: dict[str, tuple | None]) -> SpanRecord:
    """``judgments._agreed_record`` on rows: the first person's version."""
    people = sorted(answers) if len(answers) > 1 else list(answers)
    first = answers[people[0]]
    if first is None or first[_J_STATUS] not in KEPT:
        return _record(row, (("status", "rejected"), ("annotator", ",".join(people))))
    status = "corrected" if any(answers[p][_J_STATUS] == "corrected" for p in people) else "accepted"
    return _record(row, (*zip(_AGREED, first[_J_VALUES]), ("status", status),
                         ("annotator", ",".join(people)), ("updated_at", first[_J_UPDATED])))
