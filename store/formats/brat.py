"""brat standoff: a folder with ``<name>.txt`` and ``<name>.ann`` per article,
plus ``annotation.conf`` and ``visual.conf`` (read by brat and INCEpTION).

In each ``.ann``::

    T1\tPERSON 0 14\tAntony Blinken          an entity
    T3\tQUOTE 44 56\tWe will act,            a quote
    R1\tSpeaker Arg1:T3 Arg2:T1              who said it (speaker_start/end)
    #1\tAnnotatorNotes T3\tAntony Blinken    the speaker's name
    T5\tCLAIM 0 42\t...                      a claim
    A1\tTag T5 statistic                     its tags (Tag, Tag2, ... one value each)
    A2\tVerdict T5 supported
    #2\tAnnotatorNotes T5\tchecked ...       its note (line breaks become spaces)
    A3\tStatus T7 corrected                  review status, when not "accepted"
    R2\tsame_quote Arg1:T3 Arg2:T9           links between spans

A speaker mention that is not an exported entity gets its own ``PERSON``
annotation marked ``MentionOnly`` (so importing it back does not invent an
entity).  A span that crosses a line break is written as discontinuous
fragments ``start end;start end``, one per line, and its text field is the
fragments' texts joined by a space, as brat writes them.  The cue of a quote and
a claim's normalised form are not carried by this format.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from annotators.types import Span

from ..sources import Problem, UnreadableFile
from .base import (
    CLAIM_LABEL,
    LABEL_RE,
    QUOTE_LABEL,
    BadRecord,
    Item,
    Summary,
    check_label,
    source_doc,
    span_attrs,
    unique_stem,
    without_overlaps,
)

SPEAKER = "Speaker"
MENTION_ONLY = "MentionOnly"
LINK_KINDS = {"same_quote": (QUOTE_LABEL, QUOTE_LABEL), "same_claim": (CLAIM_LABEL, CLAIM_LABEL),
              "contradicts": (CLAIM_LABEL, CLAIM_LABEL)}
NON_DEFAULT_STATUSES = ("suggested", "rejected", "corrected")
_KIND_ORDER = {"entity": 0, "speaker": 0, "quote": 1, "claim": 2}


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at line breaks into non-empty pieces without one."""
    out = []
    at = start
    for i in range(start, end + 1):
        if i == end or text[i] == "\n":
            if i > at:
                out.append((at, i))
            at = i + 1
    return out


def _one_line(value: str) -> str:
    return re.sub(r"\s*[\r\n\t]+\s*", " ", value).strip()


class _Ann:
    """Builds one .ann file."""

    def __init__(self, text: str, summary: Summary):
        self.text = text
        self.summary = summary
        self.lines: list[str] = []
        self.n = {"T": 0, "A": 0, "R": 0, "#": 0}

    def next(self, kind: str) -> str:
        self.n[kind] += 1
        return f"{kind}{self.n[kind]}"

    def textbound(self, label: str, start: int, end: int) -> str | None:
        pieces = fragments(self.text, start, end)
        if not pieces:
            return None
        tid = self.next("T")
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        self.lines.append(f"{tid}\t{label} {offsets}\t{' '.join(self.text[a:b] for a, b in pieces)}")
        return tid

    def attribute(self, name: str, target: str, value: str | None = None) -> None:
        self.lines.append(f"{self.next('A')}\t{name} {target}" + (f" {value}" if value is not None else ""))

    def relation(self, kind: str, a: str, b: str) -> None:
        self.lines.append(f"{self.next('R')}\t{kind} Arg1:{a} Arg2:{b}")

    def note(self, target: str, value: str) -> None:
        value = _one_line(value)
        if value:
            self.lines.append(f"{self.next('#')}\tAnnotatorNotes {target}\t{value}")


def ann_text(article, spans, links, summary: Summary, used: dict[str, set]) -> str:
    """The .ann content of one article; ``used`` collects labels and values for annotation.conf."""
    text = article.text
    spans = without_overlaps(spans, summary)
    items: list[dict[str, Any]] = []
    entity_at: dict[tuple[int, int], dict] = {}
    for s in spans:
        label = QUOTE_LABEL if s.kind == "quote" else CLAIM_LABEL if s.kind == "claim" else s.label
        if not LABEL_RE.match(label or ""):
            summary.skip(f"label {label!r} not allowed in brat")
            continue
        item = {"kind": s.kind, "label": label, "start": s.start, "end": s.end, "span": s}
        items.append(item)
        if s.kind == "entity":
            entity_at.setdefault((s.start, s.end), item)
    for s in spans:
        if s.kind == "quote" and s.speaker_start is not None and s.speaker_end is not None:
            key = (s.speaker_start, s.speaker_end)
            if key not in entity_at and 0 <= key[0] < key[1] <= len(text):
                item = {"kind": "speaker", "label": "PERSON", "start": key[0], "end": key[1], "span": None}
                entity_at[key] = item
                items.append(item)
    items.sort(key=lambda it: (it["start"], -it["end"], _KIND_ORDER[it["kind"]], it["label"]))
    ann = _Ann(text, summary)
    by_span_id: dict[int, str] = {}
    for it in items:  # every text-bound annotation first, so relations can point forward
        it["tid"] = ann.textbound(it["label"], it["start"], it["end"])
        if it["tid"] is None:
            summary.skip("span covers only line breaks")
        else:
            used["entities"].add(it["label"])
    for it in items:
        tid = it["tid"]
        if tid is None:
            continue
        s = it["span"]
        if s is None:
            ann.attribute(MENTION_ONLY, tid)
            used["mention_only"].add(it["label"])
            continue
        by_span_id[s.id] = tid
        summary.wrote(s.kind, it["label"] if s.kind != "claim" else s.label)
        if s.status in NON_DEFAULT_STATUSES:
            ann.attribute("Status", tid, s.status)
        if s.kind == "quote":
            if s.speaker_start is not None and s.speaker_end is not None:
                target = entity_at.get((s.speaker_start, s.speaker_end))
                if target is not None and target.get("tid"):
                    ann.relation(SPEAKER, tid, target["tid"])
                    used["speaker_targets"].add(target["label"])
            if s.speaker:
                ann.note(tid, s.speaker)
        elif s.kind == "claim":
            for n, tag in enumerate(s.tags, start=1):
                if not LABEL_RE.match(tag):
                    summary.skip(f"claim tag {tag!r} not allowed in brat")
                    continue
                name = "Tag" if n == 1 else f"Tag{n}"
                ann.attribute(name, tid, tag)
                used["tags"].add(tag)
                used["tag_slots"].add(n)
            if s.verdict:
                if LABEL_RE.match(s.verdict):
                    ann.attribute("Verdict", tid, s.verdict)
                    used["verdicts"].add(s.verdict)
                else:
                    summary.skip(f"verdict {s.verdict!r} not allowed in brat")
            if s.note:
                ann.note(tid, s.note)
    for link in links:
        a, b = by_span_id.get(link["a_span_id"]), by_span_id.get(link["b_span_id"])
        if a is None or b is None:
            summary.skip("link to a span that was not exported")
            continue
        ann.relation(link["kind"], a, b)
        used["links"].add(link["kind"])
    return "\n".join(ann.lines) + ("\n" if ann.lines else "")


def annotation_conf(used: dict[str, set], tag_values: Sequence[str] = (), verdict_values: Sequence[str] = (),
                    entity_values: Sequence[str] = ()) -> str:
    entities = list(dict.fromkeys([*entity_values, *sorted(used["entities"])]))
    entities = [e for e in entities if e not in (QUOTE_LABEL, CLAIM_LABEL) and LABEL_RE.match(e)]
    lines = ["# copydesk export: entities, quotes (QUOTE) and claims (CLAIM)", "[entities]", *entities,
             QUOTE_LABEL, CLAIM_LABEL, "", "[relations]"]
    targets = sorted(used["speaker_targets"] | {"PERSON"})
    lines.append(f"{SPEAKER}\tArg1:{QUOTE_LABEL}, Arg2:{'|'.join(targets)}")
    for kind, (a, b) in LINK_KINDS.items():
        lines.append(f"{kind}\tArg1:{a}, Arg2:{b}")
    lines += ["", "[events]", "", "[attributes]"]
    tags = list(dict.fromkeys([*tag_values, *sorted(used["tags"])]))
    verdicts = list(dict.fromkeys([*verdict_values, *sorted(used["verdicts"])]))
    for n in sorted(used["tag_slots"] | {1}):
        name = "Tag" if n == 1 else f"Tag{n}"
        if tags:
            lines.append(f"{name}\tArg:{CLAIM_LABEL}, Value:{'|'.join(tags)}")
    if verdicts:
        lines.append(f"Verdict\tArg:{CLAIM_LABEL}, Value:{'|'.join(verdicts)}")
    lines.append(f"Status\tArg:<ENTITY>, Value:{'|'.join(NON_DEFAULT_STATUSES)}")
    lines.append(f"{MENTION_ONLY}\tArg:PERSON")
    return "\n".join(lines) + "\n"


VISUAL_CONF = """[labels]
QUOTE | Quote
CLAIM | Claim
Speaker | Speaker

[drawing]
QUOTE\tbgColor:#ffe08a
CLAIM\tbgColor:#a8e6cf
Speaker\tcolor:#3b5bdb, dashArray:3-3
"""


def export(items: Iterable[Item], out: Path, summary: Summary, tag_values: Sequence[str] = (),
           verdict_values: Sequence[str] = (), entity_values: Sequence[str] = ()) -> list[Path]:
    """Write the folder; the label sets (from copydesk.toml) go into
    annotation.conf beside the labels actually used, so brat offers them all."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    used: dict[str, set] = {k: set() for k in ("entities", "speaker_targets", "tags", "tag_slots", "verdicts",
                                               "links", "mention_only")}
    stems: set[str] = set()
    written = []
    for article, spans, links in items:
        stem = unique_stem(article, stems)
        txt, ann = out / f"{stem}.txt", out / f"{stem}.ann"
        with txt.open("w", encoding="utf-8", newline="") as fh:
            fh.write(article.text)
        with ann.open("w", encoding="utf-8", newline="") as fh:
            fh.write(ann_text(article, spans, links, summary, used))
        summary.articles += 1
        written += [txt, ann]
    conf = out / "annotation.conf"
    conf.write_text(annotation_conf(used, tag_values, verdict_values, entity_values), encoding="utf-8")
    (out / "visual.conf").write_text(VISUAL_CONF, encoding="utf-8")
    summary.files.append(out)
    return [conf, *written]


write = export


# --- reading ------------------------------------------------------------------------

_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_A = re.compile(r"^([AM]\d+)\t(\S+) (T\d+)(?: (\S+))?$")
_R = re.compile(r"^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)$")
_NOTE = re.compile(r"^(#\d*)\t(\S+) (T\d+)\t(.*)$")


def parse_ann(ann: str, text: str) -> list[Span]:
    """The spans of one .ann against its .txt; BadRecord(line) on anything wrong."""
    bound: dict[str, dict[str, Any]] = {}
    attrs: dict[str, dict[str, Any]] = {}
    notes: dict[str, str] = {}
    speakers: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(ann.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("T"):
            m = _T.match(line)
            if not m:
                raise BadRecord(f"cannot read text-bound annotation {line[:60]!r}", number)
            tid, label, offsets, quoted = m.groups()
            try:
                check_label(label, tid)
            except BadRecord as exc:
                raise BadRecord(exc.reason, number) from None
            pieces = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
            for a, b in pieces:
                if not (0 <= a < b <= len(text)):
                    raise BadRecord(f"{tid} offsets {a}-{b} are outside the text (length {len(text)})", number)
            if any(b2 < a1 for (_, a1), (b2, _) in zip(pieces, pieces[1:])):
                raise BadRecord(f"{tid} fragments are out of order", number)
            expected = " ".join(text[a:b] for a, b in pieces)
            if quoted != expected:
                raise BadRecord(f"{tid} text {quoted[:40]!r} is not the text at its offsets ({expected[:40]!r})", number)
            bound[tid] = {"label": label, "start": pieces[0][0], "end": pieces[-1][1], "line": number}
        elif line.startswith(("A", "M")):
            m = _A.match(line)
            if not m:
                raise BadRecord(f"cannot read attribute {line[:60]!r}", number)
            _, name, target, value = m.groups()
            attrs.setdefault(target, {})[name] = value if value is not None else True
        elif line.startswith("R"):
            m = _R.match(line)
            if not m:
                raise BadRecord(f"cannot read relation {line[:60]!r}", number)
            _, kind, a, b = m.groups()
            if kind == SPEAKER:
                speakers[a] = (b, number)
        elif line.startswith("#"):
            m = _NOTE.match(line)
            if not m:
                raise BadRecord(f"cannot read note {line[:60]!r}", number)
            notes[m.group(3)] = m.group(4)
        elif line.startswith(("E", "N", "*")):
            continue  # events, normalisations, equivalences: nothing copydesk keeps
        else:
            raise BadRecord(f"unknown annotation line {line[:60]!r}", number)
    for target in [*attrs, *notes]:
        if target not in bound:
            raise BadRecord(f"an attribute or note refers to {target}, which is not defined")
    spans: list[Span] = []
    entities = []
    for tid, t in bound.items():
        a = attrs.get(tid, {})
        if a.get(MENTION_ONLY):
            continue
        kind = "quote" if t["label"] == QUOTE_LABEL else "claim" if t["label"] == CLAIM_LABEL else "entity"
        values: dict[str, Any] = {"status": a.get("Status")}
        if kind == "quote":
            values["speaker"] = notes.get(tid)
            if tid in speakers:
                target, number = speakers[tid]
                if target not in bound:
                    raise BadRecord(f"Speaker relation points at {target}, which is not defined", number)
                values["speaker_start"], values["speaker_end"] = bound[target]["start"], bound[target]["end"]
                values["speaker"] = values["speaker"] or text[values["speaker_start"]:values["speaker_end"]]
        elif kind == "claim":
            slots = sorted((int(k[3:] or 1), v) for k, v in a.items() if re.fullmatch(r"Tag\d*", k))
            values["tags"] = [v for _, v in slots]
            values["verdict"] = a.get("Verdict")
            values["note"] = notes.get(tid)
        span = Span(t["start"], t["end"], t["label"], kind, span_attrs(kind, values))
        spans.append(span)
        if kind == "entity":
            entities.append((span, t["line"]))
    ordered = sorted(entities, key=lambda e: (e[0].start, e[0].end))
    for (a, _), (b, line) in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise BadRecord(f"entities {a.start}-{a.end} ({a.label}) and {b.start}-{b.end} ({b.label}) overlap; "
                            "copydesk keeps one entity per stretch of text", line)
    return spans


def read_pair(txt: Path, ann: Path, problems: list) -> list:
    """One brat article (``.txt`` + ``.ann``) as a labelled SourceDoc."""
    try:
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
    try:
        spans = parse_ann(annotations, text)
        meta = {"imported_from": f"{txt.name} + {ann.name}"}
        return [source_doc(str(txt.resolve()), txt.name, text, spans, meta)]
    except BadRecord as exc:
        problems.append(Problem(str(ann), exc.line, exc.reason))
        return []


def read(path: Path, problems: list) -> list:
    """A brat folder (every ``.txt`` with a ``.ann`` beside it), or one pair."""
    path = Path(path)
    if path.is_dir():
        out = []
        for txt in sorted(path.rglob("*.txt")):
            if txt.with_suffix(".ann").is_file():
                out.extend(read_pair(txt, txt.with_suffix(".ann"), problems))
        return out
    txt = path.with_suffix(".txt")
    return read_pair(txt, txt.with_suffix(".ann"), problems)
