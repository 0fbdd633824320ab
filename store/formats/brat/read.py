"""Reading any brat standoff folder.

Kept: ``T`` text-bound annotations (fragments in any order; overlapping and
same-bounds ones all kept), ``R`` relations (trailing tabs and spaces, as
brat's own UI writes them, are fine), ``E`` events (a span of kind ``event`` on
its trigger's bounds, each argument a relation whose kind is the role), ``A``/``M``
attributes and ``N`` normalisations (on spans: ``attrs["brat"]``; on relations:
their attrs), ``*`` equivalences (relations between consecutive members), ``#``
notes.  copydesk's own conventions are read back: QUOTE/CLAIM types, the
``Speaker`` relation from a quote (its speaker offsets; the SPEAKER mention is not
an entity), Tag/Verdict/Status attributes.  A line that cannot be kept (offsets
past the text, a text field that is not the text at its offsets, a reference to
an id that is not there, a line that is no standoff) is reported as
``file:line: reason`` and left out; the rest of the article comes in.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from annotators.types import Span

from ...reading import MAX_FILE_BYTES, parse_json
from ...sources import LabelledRelation, Problem, UnreadableFile
from ..base import CLAIM_LABEL, LABEL_RE, QUOTE_LABEL, BadRecord, source_doc, span_attrs
from .conf import META_FILE, MENTION_ONLY, SPEAKER, SPEAKER_TYPE, read_conf

__all__ = ["parse_ann", "read", "read_pair"]
_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_ID = re.compile(r"^[TREAMN#*]\d*$")
OURS = {"Status", "Tag", "Verdict", MENTION_ONLY, "SpeakerKind"}


class _Parsed:
    def __init__(self, text: str, where: str, problems: list, events_declared: set[str]):
        self.text = text
        self.where = where
        self.problems = problems
        self.events_declared = events_declared
        self.bound: dict[str, dict[str, Any]] = {}  # T id -> label, pieces, line
        self.events: dict[str, dict[str, Any]] = {}  # E id -> label, trigger, args, line
        self.relations: list[dict[str, Any]] = []
        self.attrs: dict[str, dict[str, Any]] = {}
        self.norms: dict[str, list] = {}
        self.notes: dict[str, str] = {}
        self.relation_ids: dict[str, dict[str, Any]] = {}

    def problem(self, line: int, reason: str) -> None:
        self.problems.append(Problem(self.where, line, reason))


def _text_bound(p: _Parsed, number: int, line: str) -> None:
    m = _T.match(line)
    if not m:
        return p.problem(number, f"cannot read text-bound annotation {line[:60]!r}")
    tid, label, offsets, quoted = m.groups()
    if not LABEL_RE.match(label):
        return p.problem(number, f"{tid} has label {label!r}, which holds characters copydesk labels cannot carry")
    given = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
    for a, b in given:
        if not (0 <= a < b <= len(p.text)):
            return p.problem(number, f"{tid} offsets {a}-{b} are outside the text (length {len(p.text)})")
    expected = " ".join(p.text[a:b] for a, b in given)
    if quoted.rstrip("\t") != expected and quoted.strip() != expected.strip():
        return p.problem(number, f"{tid} text {quoted[:40]!r} is not the text at its offsets ({expected[:40]!r})")
    if _defined_twice(p, number, tid, p.bound):
        return
    pieces = _joined(p.text, sorted(given))
    p.bound[tid] = {"label": label, "pieces": pieces, "line": number}


def _defined_twice(p: _Parsed, number: int, ident: str, seen: dict[str, dict[str, Any]]) -> bool:
    """An id a second line defines again is named, and the second left out
    (the first keeps its relations and attributes)."""
    if ident in seen:
        p.problem(number, f"{ident} is defined twice (first on line {seen[ident]['line']}); this line is left out")
        return True
    return False


def _joined(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fragments only a line break apart are one stretch: brat cuts every
    annotation at line breaks, so a paragraph-spanning span comes as fragments."""
    out = [pieces[0]]
    for a, b in pieces[1:]:
        gap = text[out[-1][1]:a]
        if a >= out[-1][1] and "\n" in gap and not gap.strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _parse_lines(p: _Parsed, ann: str) -> None:
    for number, raw in enumerate(ann.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        head = line[:1]
        if head == "T":
            _text_bound(p, number, line)
            continue
        line = line.rstrip()  # brat's UI leaves a tab after new R and E lines
        fields = line.split("\t")
        if head == "#":
            parts = fields[1].split() if len(fields) > 1 else []
            if len(parts) < 2:
                p.problem(number, f"cannot read note {line[:60]!r}")
            else:
                p.notes[parts[1]] = fields[2] if len(fields) > 2 else ""
                p.notes.setdefault("_lines", {})  # type: ignore[arg-type]
                p.notes["_lines"][parts[1]] = number  # type: ignore[index]
        elif head in ("A", "M"):
            parts = fields[1].split() if len(fields) > 1 else []
            if len(parts) not in (2, 3):
                p.problem(number, f"cannot read attribute {line[:60]!r}")
            else:
                p.attrs.setdefault(parts[1], {})[parts[0]] = parts[2] if len(parts) == 3 else True
                p.attrs[parts[1]].setdefault("_line", number)
        elif head == "N":
            parts = fields[1].split() if len(fields) > 1 else []
            if len(parts) != 3:
                p.problem(number, f"cannot read normalisation {line[:60]!r}")
            else:
                p.norms.setdefault(parts[1], []).append([parts[0], parts[2], fields[2] if len(fields) > 2 else ""])
        elif head == "R":
            parts = fields[1].split() if len(fields) > 1 else []
            args = [a.split(":", 1) for a in parts[1:]]
            if len(parts) != 3 or any(len(a) != 2 for a in args):
                p.problem(number, f"cannot read relation {line[:60]!r}")
            elif not _defined_twice(p, number, fields[0], p.relation_ids):
                rel = {"id": fields[0], "kind": parts[0], "args": args, "line": number}
                p.relations.append(rel)
                p.relation_ids[fields[0]] = rel
        elif head == "E":
            parts = fields[1].split() if len(fields) > 1 else []
            pairs = [a.split(":", 1) for a in parts]
            if not pairs or any(len(a) != 2 for a in pairs):
                p.problem(number, f"cannot read event {line[:60]!r}")
            elif not _defined_twice(p, number, fields[0], p.events):
                (label, trigger), args = pairs[0], pairs[1:]
                p.events[fields[0]] = {"label": label, "trigger": trigger, "args": args, "line": number}
        elif head == "*":
            parts = fields[1].split() if len(fields) > 1 else []
            if len(parts) < 3:
                p.problem(number, f"cannot read equivalence {line[:60]!r}")
            else:
                for a, b in zip(parts[1:], parts[2:]):
                    p.relations.append({"id": None, "kind": parts[0], "args": [["Arg1", a], ["Arg2", b]], "line": number})
        else:
            p.problem(number, f"unknown annotation line {line[:60]!r}")


def _kind(label: str, tid: str, p: _Parsed, triggers: set[str]) -> str | None:
    if label == QUOTE_LABEL:
        return "quote"
    if label == CLAIM_LABEL:
        return "claim"
    if tid in triggers:
        return None  # the event span stands for it
    if label in p.events_declared:
        return "event"
    return "entity"


def parse_ann(ann: str, text: str, where: str = "", problems: list | None = None,
              events_declared: set[str] = frozenset()) -> tuple[list[Span], list[LabelledRelation]]:
    """The spans and relations of one .ann against its .txt; every line that
    cannot be kept is appended to ``problems`` (file ``where``, its line)."""
    problems = problems if problems is not None else []
    p = _Parsed(text, where, problems, set(events_declared))
    _parse_lines(p, ann)
    note_lines = p.notes.pop("_lines", {})  # type: ignore[arg-type]
    triggers = {e["trigger"] for e in p.events.values() if e["trigger"] in p.bound}
    mentions, speakers = set(), {}
    for rel in p.relations:
        (_, a), (_, b) = rel["args"]
        if rel["kind"] == SPEAKER and p.bound.get(a, {}).get("label") == QUOTE_LABEL and b in p.bound:
            speakers[a] = b
            if p.bound[b]["label"] == SPEAKER_TYPE or p.attrs.get(b, {}).get(MENTION_ONLY):
                mentions.add(b)
    spans: list[Span] = []
    index: dict[str, int] = {}
    for tid, t in p.bound.items():
        a = p.attrs.get(tid, {})
        kind = _kind(t["label"], tid, p, triggers)
        if kind is None or tid in mentions or a.get(MENTION_ONLY):
            continue
        index[tid] = len(spans)
        spans.append(_span(tid, t, kind, a, p, speakers))
    for eid, e in p.events.items():
        if e["trigger"] not in p.bound:
            p.problem(e["line"], f"{eid}'s trigger {e['trigger']} is not a text-bound annotation here")
            continue
        t = p.bound[e["trigger"]]
        index[eid] = len(spans)
        spans.append(_span(eid, {**t, "label": e["label"]}, "event", p.attrs.get(eid, {}), p, {}))
    relations = _relations(p, index, speakers)
    for target, line in note_lines.items():
        if target not in index and target not in p.relation_ids and target not in mentions and target not in triggers:
            p.problem(line, f"a note refers to {target}, which is not defined")
    for target, a in p.attrs.items():
        if target not in index and target not in p.relation_ids and target not in mentions:
            p.problem(a["_line"], f"an attribute refers to {target}, which is not defined")
    return spans, relations


def _span(tid: str, t: dict, kind: str, a: dict, p: _Parsed, speakers: dict) -> Span:
    pieces = t["pieces"]
    values: dict[str, Any] = {"status": a.get("Status")}
    if len(pieces) > 1:
        values["fragments"] = [list(x) for x in pieces]
    note = p.notes.get(tid)
    extra_attrs = {k: v for k, v in a.items() if k not in OURS and k != "_line" and not re.fullmatch(r"Tag\d+", k)}
    if kind == "claim":
        slots = sorted((int(k[3:] or 1), v) for k, v in a.items() if re.fullmatch(r"Tag\d*", k))
        values["tags"] = [v for _, v in slots]
        values["verdict"] = a.get("Verdict")
        values["note"] = note
    elif kind == "quote":
        values["speaker"] = note
        if tid in speakers:
            mention = p.bound[speakers[tid]]
            values["speaker_start"], values["speaker_end"] = mention["pieces"][0][0], mention["pieces"][-1][1]
            values["speaker"] = note or p.text[values["speaker_start"]:values["speaker_end"]]
            kind_attr = p.attrs.get(speakers[tid], {}).get("SpeakerKind")
            if isinstance(kind_attr, str):
                values["speaker_kind"] = kind_attr
            relation = next((r for r in p.relations if r["kind"] == SPEAKER and r["args"][0][1] == tid), None)
            said = {k: v for k, v in p.attrs.get(relation["id"] or "", {}).items() if k != "_line"} if relation else {}
            if said:  # the Speaker relation becomes the quote's speaker; what was said of it stays
                extra_attrs = {**extra_attrs, **{f"Speaker_{k}": v for k, v in said.items()}}
    else:
        values["note"] = note
    brat = {k: v for k, v in (("attributes", extra_attrs), ("normalizations", p.norms.get(tid))) if v}
    if brat:
        values["brat"] = brat
    attrs = span_attrs(kind, values)
    if values.get("speaker_kind"):
        attrs["speaker_kind"] = values["speaker_kind"]
    return Span(pieces[0][0], pieces[-1][1], t["label"], kind, attrs)


def _relations(p: _Parsed, index: dict[str, int], speakers: dict) -> list[LabelledRelation]:
    out = []
    for rel in p.relations:
        (name1, a), (name2, b) = rel["args"]
        if rel["kind"] == SPEAKER and speakers.get(a) == b:
            continue
        if a not in index or b not in index:
            missing = a if a not in index else b
            p.problem(rel["line"], f"{rel['kind']} relation points at {missing}, which is not a span here")
            continue
        attrs: dict[str, Any] = {}
        if (name1, name2) != ("Arg1", "Arg2"):
            attrs["args"] = [name1, name2]
        if rel["id"] and rel["id"] in p.attrs:
            attrs["attributes"] = {k: v for k, v in p.attrs[rel["id"]].items() if k != "_line"}
        out.append(LabelledRelation(index[a], index[b], rel["kind"], attrs, p.notes.get(rel["id"] or "")))
    for eid, e in p.events.items():
        if eid not in index:
            continue
        for role, target in e["args"]:
            if target not in index:
                p.problem(e["line"], f"{eid}'s {role} argument {target} is not a span here")
                continue
            out.append(LabelledRelation(index[eid], index[target], role))
    return out


def read_meta(folder: Path) -> dict[str, dict]:
    """A copydesk export's ``copydesk-meta.jsonl`` (document stem -> title,
    source, ...), when the folder has one; lines it cannot use are passed over
    here and named by :func:`meta_problems`."""
    path = Path(folder) / META_FILE
    try:
        info = path.stat()
    except OSError:
        return {}
    return _meta_entries(str(path), info.st_mtime_ns, info.st_size)[0]


def meta_problems(path: Path) -> list[Problem]:
    info = path.stat()
    return list(_meta_entries(str(path), info.st_mtime_ns, info.st_size)[1])


@functools.lru_cache(maxsize=8)  # read once for the whole folder, not once per document
def _meta_entries(path: str, _mtime_ns: int, _size: int) -> tuple[dict[str, dict], tuple[Problem, ...]]:
    out: dict[str, dict] = {}
    problems = []
    if _size > MAX_FILE_BYTES:
        return out, (Problem(path, None, f"file is {_size / 1e6:.1f} MB; a brat metadata file is read up to "
                                         f"{MAX_FILE_BYTES / 1e6:.0f} MB"),)
    for number, line in enumerate(Path(path).read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = parse_json(line)
            if not isinstance(entry, dict) or not isinstance(entry.get("document"), str):
                raise ValueError('each line needs a "document" name')
        except ValueError as exc:
            problems.append(Problem(path, number, f"cannot read: {exc}"))
            continue
        out[entry.pop("document")] = {k: v for k, v in entry.items() if isinstance(v, str)}
    return out, tuple(problems)


def read_pair(txt: Path, ann: Path, problems: list, meta: dict[str, dict] | None = None) -> list:
    """One brat article (``.txt`` + ``.ann``) as a labelled SourceDoc."""
    try:
        for part in (txt, ann):
            if part.stat().st_size > MAX_FILE_BYTES:
                raise UnreadableFile(f"file is {part.stat().st_size / 1e6:.1f} MB, too big for one article "
                                     f"(the limit is {MAX_FILE_BYTES / 1e6:.0f} MB); split it")
        data = txt.read_bytes()
        text = data.decode("utf-8-sig") if data.strip() else ""
        if not text.strip():
            raise UnreadableFile("empty file")
        annotations = ann.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(txt), None, f"not UTF-8 text ({exc.reason})"))
        return []
    except UnreadableFile as exc:
        problems.append(Problem(str(txt), exc.line, exc.reason))
        return []
    except OSError as exc:
        problems.append(Problem(str(ann), None, f"cannot read: {exc.strerror}"))
        return []
    events = read_conf(txt.parent).get("events", set())
    try:
        spans, relations = parse_ann(annotations, text, str(ann), problems, events)
        about = (read_meta(txt.parent) if meta is None else meta).get(txt.stem, {})
        fields = {"imported_from": f"{txt.name} + {ann.name}", **about}
        return [source_doc(str(txt.resolve()), about.get("file") or txt.name, text, spans, fields, relations,
                           keep_line_ends=True)]
    except BadRecord as exc:
        problems.append(Problem(str(ann), exc.line, exc.reason))
        return []


def read(path: Path, problems: list) -> list:
    """A brat folder (every ``.txt`` with a ``.ann`` beside it), or one pair."""
    path = Path(path)
    if path.is_dir():
        out, metas = [], {}
        for txt in sorted(path.rglob("*.txt")):
            if txt.with_suffix(".ann").is_file():
                if txt.parent not in metas:
                    metas[txt.parent] = read_meta(txt.parent)
                out.extend(read_pair(txt, txt.with_suffix(".ann"), problems, metas[txt.parent]))
        return out
    txt = path.with_suffix(".txt")
    return read_pair(txt, txt.with_suffix(".ann"), problems)
