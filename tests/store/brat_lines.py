"""How much of a brat corpus comes through copydesk: import a folder, export
it as brat, and match the T, R and E lines of each .ann by what they say (ids
are renumbered on export): a T by its type and offsets (fragments in text
order), an R by its type and its two arguments, an E by its type, its
trigger's offsets and each role's argument; an argument is a T's offsets (a
mention copydesk writes as SPEAKER is still the same text) or, nested, an E;
an A (or M) by its name, target and value, an N by its target, reference and
text, a ``#`` note by its target and text.  Used by tests/store/test_brat_tutorial.py,
tests/store/test_brat_verifier.py and printed by bench/brat_corpus.py."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

KINDS = ("T", "R", "E", "A", "N", "#")


def _lines(ann: str) -> dict[str, list[str]]:
    """id -> the fields of its line; an M (brat's older name) counts as an A; a
    note's or normalisation's text is its last field."""
    out: dict[str, list[str]] = {}
    for line in ann.splitlines():
        line = line.rstrip("\t\r")
        if line[:1] in (*KINDS, "M") and "\t" in line:
            ident, rest, *tail = line.split("\t", 2)
            ident = "A" + ident[1:] if ident[0] == "M" else ident
            out[ident] = rest.split() + ([tail[0].strip()] if ident[0] in "N#" and tail else [])
    return out


def ann_keys(ann: str) -> dict[str, Counter]:
    """The T, R and E lines of one .ann, each as a key that survives renumbering."""
    lines = _lines(ann)

    def offsets(fields: list[str]) -> str:
        pieces = " ".join(fields[1:]).split(";")
        return ";".join(sorted(pieces, key=lambda p: tuple(int(n) for n in p.split())))

    def key(ident: str, depth: int = 0, argument: bool = False):
        fields = lines.get(ident)
        if fields is None or depth > 20:
            return ("missing", ident)
        if ident[0] == "T":
            return ("T", offsets(fields)) if argument else ("T", fields[0], offsets(fields))
        if ident[0] == "E":
            kind, trigger = fields[0].split(":", 1)
            roles = sorted((role.rstrip("0123456789") if role[-1:].isdigit() and role[:-1] else role,
                            repr(key(arg, depth + 1, True))) for role, arg in (f.split(":", 1) for f in fields[1:]))
            return ("E", kind, key(trigger, depth + 1, True), tuple(roles))
        if ident[0] == "A":  # name, target, value (none: a flag)
            return ("A", fields[0], key(fields[1], depth + 1, True), tuple(fields[2:]))
        if ident[0] == "N":  # Reference target db:id text
            return ("N", key(fields[1], depth + 1, True), fields[2], " ".join(fields[3:]))
        if ident[0] == "#":  # AnnotatorNotes target text
            return ("#", key(fields[1], depth + 1, True), " ".join(fields[2:]))
        kind, *args = fields
        return ("R", kind, tuple(key(a.split(":", 1)[1], depth + 1, True) for a in args))

    out = {kind: Counter() for kind in KINDS}
    for ident in lines:
        out[ident[0]][key(ident)] += 1
    return out


def folder_keys(folder: Path) -> dict[str, dict[str, Counter]]:
    return {ann.stem: ann_keys(ann.read_text(encoding="utf-8")) for ann in sorted(Path(folder).glob("*.ann"))}


def exported_stems(exported: Path) -> dict[str, str]:
    """Exported document name -> the stem of the file it came from, read from
    the export's copydesk-meta.jsonl (an export writes a file name like
    ``Oil-drops-7%`` as ``Oil-drops-7_``, and keeps the whole name there)."""
    meta = Path(exported) / "copydesk-meta.jsonl"
    if not meta.exists():
        return {}
    rows = [json.loads(line) for line in meta.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["document"]: Path(row["file"]).stem for row in rows if row.get("document") and row.get("file")}


def kept_fractions(given: Path, exported: Path) -> dict[str, tuple[int, int]]:
    """kind -> (lines of ``given`` found in ``exported``, lines of ``given``);
    an exported document is matched to the given file it came from (by
    copydesk-meta.jsonl where it has one, else by name)."""
    names = exported_stems(exported)
    before = folder_keys(given)
    after = {names.get(stem, stem): keys for stem, keys in folder_keys(exported).items()}
    out = {kind: [0, 0] for kind in KINDS}
    for stem, keys in before.items():
        for kind in KINDS:
            out[kind][1] += sum(keys[kind].values())
            out[kind][0] += sum((keys[kind] & after.get(stem, {}).get(kind, Counter())).values())
    return {kind: (kept, total) for kind, (kept, total) in out.items()}
