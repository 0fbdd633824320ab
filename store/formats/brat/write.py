"""Writing brat standoff (see the package docstring)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..base import CLAIM_LABEL, LABEL_RE, META_FIELDS, QUOTE_LABEL, Item, Summary, span_fragments, unique_stem
from .conf import EVENT_RELATION, META_FILE, SPEAKER, SPEAKER_TYPE, STATUS_VALUES, Declared, VISUAL_CONF, annotation_conf

__all__ = ["ann_text", "annotation_conf", "export", "write"]
_KIND_ORDER = {"entity": 0, "speaker": 0, "event": 0, "quote": 1, "claim": 2}


def pieces_without_breaks(text: str, pieces: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each piece cut at line breaks (brat draws a fragment on one line), empty ones dropped."""
    out = []
    for start, end in pieces:
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

    def __init__(self, text: str, summary: Summary, declared: Declared):
        self.text = text
        self.summary = summary
        self.declared = declared
        self.lines: list[str] = []
        self.n = {"T": 0, "A": 0, "R": 0, "#": 0, "E": 0, "N": 0}

    def next(self, kind: str) -> str:
        self.n[kind] += 1
        return f"{kind}{self.n[kind]}"

    def textbound(self, label: str, pieces: Sequence[tuple[int, int]]) -> str | None:
        pieces = pieces_without_breaks(self.text, pieces)
        if not pieces:
            return None
        tid = self.next("T")
        offsets = ";".join(f"{a} {b}" for a, b in pieces)
        self.lines.append(f"{tid}\t{label} {offsets}\t{' '.join(self.text[a:b] for a, b in pieces)}")
        return tid

    def attribute(self, name: str, target: str, target_type: str, value: str | None = None) -> None:
        if value is not None and not LABEL_RE.match(str(value)):
            self.summary.skip(f"attribute {name} value {value!r} not allowed in brat")
            return
        self.lines.append(f"{self.next('A')}\t{name} {target}" + (f" {value}" if value is not None else ""))
        self.declared.attribute(name, target_type, value)

    def relation(self, kind: str, a: str, b: str, a_type: str, b_type: str,
                 args: Sequence[str] = ("Arg1", "Arg2")) -> str:
        rid = self.next("R")
        self.lines.append(f"{rid}\t{kind} {args[0]}:{a} {args[1]}:{b}")
        self.declared.relation(kind, a_type, b_type, tuple(args))
        return rid

    def said_of(self, target: str, target_type: str, attributes: dict[str, Any], note: str | None) -> None:
        """What a brat corpus said of an annotation: its attributes (``True``: a flag) and note."""
        for name, value in attributes.items():
            self.attribute(name, target, target_type, None if value is True else str(value))
        if note:
            self.note(target, note)

    def note(self, target: str, value: str) -> None:
        value = _one_line(value)
        if value:
            self.lines.append(f"{self.next('#')}\tAnnotatorNotes {target}\t{value}")

    def normalization(self, target: str, entry: Any) -> None:
        if isinstance(entry, (list, tuple)) and len(entry) == 3:
            ref, ident, text = entry
            self.lines.append(f"{self.next('N')}\t{ref} {target} {ident}\t{_one_line(str(text))}")


def _label(s) -> str:
    return QUOTE_LABEL if s.kind == "quote" else CLAIM_LABEL if s.kind == "claim" else s.label


def ann_text(article, spans, links, summary: Summary, declared: Declared) -> str:
    """The .ann content of one article; ``declared`` collects what annotation.conf must declare."""
    text = article.text
    ann = _Ann(text, summary, declared)
    items: list[dict[str, Any]] = []
    for s in spans:
        label = _label(s)
        if not LABEL_RE.match(label or ""):
            summary.skip(f"label {label!r} not allowed in brat")
            continue
        items.append({"kind": s.kind, "label": label, "pieces": span_fragments(s), "span": s})
    speakers: dict[tuple[int, int], dict] = {}
    for s in spans:
        if s.kind == "quote" and s.speaker_start is not None and s.speaker_end is not None:
            key = (s.speaker_start, s.speaker_end)
            if key not in speakers and 0 <= key[0] < key[1] <= len(text):
                speakers[key] = {"kind": "speaker", "label": SPEAKER_TYPE, "pieces": [key], "span": None}
                items.append(speakers[key])
    items.sort(key=lambda it: (it["pieces"][0][0], -it["pieces"][-1][1], _KIND_ORDER.get(it["kind"], 3), it["label"]))
    by_span_id: dict[int, dict] = {}
    triggers: dict[tuple, str] = {}  # events on one stretch share their trigger, as brat writes them
    for it in items:  # every text-bound annotation first, so the other lines can point at them
        key = (it["label"], tuple(map(tuple, it["pieces"]))) if it["kind"] == "event" else None
        it["tid"] = triggers.get(key) or ann.textbound(it["label"], it["pieces"])
        if key is not None and it["tid"] is not None:
            triggers.setdefault(key, it["tid"])
        if it["tid"] is None:
            summary.skip("span covers only line breaks")
            continue
        if it["kind"] == "event":
            declared.events.setdefault(it["label"], {})
        else:
            declared.entities.add(it["label"])
        if it["span"] is not None:
            by_span_id[it["span"].id] = it
    events = _events(ann, by_span_id, links, summary)
    for it in items:
        if it.get("tid") is None or it["span"] is None:
            continue
        _describe(ann, it, speakers, summary, events)
    for link in links:
        a, b = by_span_id.get(link["a_span_id"]), by_span_id.get(link["b_span_id"])
        if a is None or b is None:
            summary.skip("link to a span that was not exported")
        elif a["kind"] != "event" or (link.get("attrs") or {}).get(EVENT_RELATION):
            attrs = link.get("attrs") or {}
            args = attrs.get("args") if len(attrs.get("args") or ()) == 2 else ("Arg1", "Arg2")
            # an event is named by its E line, not by its trigger's T
            ends = events.get(link["a_span_id"], a["tid"]), events.get(link["b_span_id"], b["tid"])
            rid = ann.relation(link["kind"], *ends, a["label"], b["label"], args)
            ann.said_of(rid, link["kind"], attrs.get("attributes") or {}, link.get("note"))
    return "\n".join(ann.lines) + ("\n" if ann.lines else "")


def _events(ann: _Ann, by_span_id: dict[int, dict], links, summary: Summary) -> dict[int, str]:
    """An event span: its ``E`` line (trigger and the links from it as role arguments)."""
    eids: dict[int, str] = {}
    for span_id, it in by_span_id.items():
        if it["kind"] == "event":
            eids[span_id] = ann.next("E")
    for span_id, eid in eids.items():
        it = by_span_id[span_id]
        args = []
        for link in links:
            if link["a_span_id"] != span_id or link["b_span_id"] not in by_span_id:
                continue
            if (link.get("attrs") or {}).get(EVENT_RELATION):  # an R line of its own
                continue
            target = by_span_id[link["b_span_id"]]
            ref = eids.get(link["b_span_id"], target["tid"])
            args.append(f"{link['kind']}:{ref}")
            ann.declared.role(it["label"], link["kind"], target["label"])
        ann.lines.append(f"{eid}\t{it['label']}:{it['tid']}" + "".join(f" {a}" for a in args))
    return eids


SPEAKER_OF = "Speaker_"  # a quote's brat attribute that its Speaker relation carried


def _said_of_speaker(s) -> dict[str, Any]:
    """The attributes the corpus gave a quote's ``Speaker`` relation (kept on the quote as ``Speaker_<name>``)."""
    extra = ((s.attrs or {}).get("brat") or {}).get("attributes") or {}
    return {name[len(SPEAKER_OF):]: value for name, value in extra.items() if name.startswith(SPEAKER_OF)}


def _describe(ann: _Ann, it: dict, speakers: dict, summary: Summary, events: dict[int, str]) -> None:
    """The lines about one span: status, speaker, tags, verdict, note, what a brat corpus brought."""
    s, tid, label = it["span"], it["tid"], it["label"]
    target = events.get(s.id, tid)
    summary.wrote(s.kind, label if s.kind != "claim" else s.label)
    if s.status in STATUS_VALUES:
        ann.attribute("Status", target, label, s.status)
    if s.kind == "quote":
        mention = speakers.get((s.speaker_start, s.speaker_end)) if s.speaker_start is not None else None
        if mention is not None and mention.get("tid"):
            rid = ann.relation(SPEAKER, tid, mention["tid"], QUOTE_LABEL, SPEAKER_TYPE)
            ann.said_of(rid, SPEAKER, _said_of_speaker(s), None)
            if s.speaker_kind:
                ann.attribute("SpeakerKind", mention["tid"], SPEAKER_TYPE, s.speaker_kind)
        if s.speaker:
            ann.note(tid, s.speaker)
    elif s.kind == "claim":
        for n, tag in enumerate(s.tags, start=1):
            ann.attribute("Tag" if n == 1 else f"Tag{n}", tid, CLAIM_LABEL, tag)
        if s.verdict:
            ann.attribute("Verdict", tid, CLAIM_LABEL, s.verdict)
    if s.note and s.kind != "quote":
        ann.note(target, s.note)
    extra = (s.attrs or {}).get("brat") or {}
    spoken = _said_of_speaker(s) if s.kind == "quote" and s.speaker_start is not None else {}
    ann.said_of(target, label, {name: value for name, value in (extra.get("attributes") or {}).items()
                                if name.removeprefix(SPEAKER_OF) not in spoken}, None)
    for entry in extra.get("normalizations") or []:
        ann.normalization(target, entry)


def _meta_line(stem: str, article) -> dict[str, Any]:
    """What standoff has no place for (brat keeps no title, source, byline or date)."""
    fields = {k: getattr(article, k) for k in META_FIELDS if getattr(article, k, None)}
    return {"document": stem, **fields, **({"file": article.file} if article.file else {})}


def export(items: Iterable[Item], out: Path, summary: Summary, tag_values: Sequence[str] = (),
           verdict_values: Sequence[str] = (), entity_values: Sequence[str] = ()) -> list[Path]:
    """Write the folder; the label sets (from copydesk.toml) go into
    annotation.conf beside the labels actually used, so brat offers them all."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    declared = Declared()
    stems: set[str] = set()
    written = [out / META_FILE]
    with (out / META_FILE).open("w", encoding="utf-8") as meta:
        for article, spans, links in items:
            stem = unique_stem(article, stems)
            txt, ann = out / f"{stem}.txt", out / f"{stem}.ann"
            with txt.open("w", encoding="utf-8", newline="") as fh:
                fh.write(article.text)
            with ann.open("w", encoding="utf-8", newline="") as fh:
                fh.write(ann_text(article, spans, links, summary, declared))
            meta.write(json.dumps(_meta_line(stem, article), ensure_ascii=False) + "\n")
            summary.articles += 1
            written += [txt, ann]
    conf = out / "annotation.conf"
    conf.write_text(annotation_conf(declared, tag_values, verdict_values, entity_values), encoding="utf-8")
    (out / "visual.conf").write_text(VISUAL_CONF, encoding="utf-8")
    summary.files.append(out)
    return [conf, *written]


write = export
