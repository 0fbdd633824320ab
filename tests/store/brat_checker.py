"""A brat standoff verifier of our own, following brat's configuration
documentation and its projectconfig.py/verify_annotations.py semantics:

- every T type is declared under [entities] or [events]; its text field is the
  text at its offsets (fragments joined by a space); no fragment crosses a line break;
- two text-bound annotations may share bounds, nest or cross only as an
  ``<OVERLAP>`` rule allows (``<OVL-TYPE>``: equal, contain, cross, <ANY>); with
  none, no overlap at all is allowed;
- an R relation is declared, with its Arg1/Arg2 types among those declared;
- an E event's type is declared under [events], its trigger is a T of that
  type, each role (trailing digits dropped) is declared for it with the argument's type;
- an A/M attribute is declared, for the annotation's type, with a declared value;
- a note or normalisation refers to an annotation that exists.

``<ANY>``, ``<ENTITY>`` and ``<EVENT>`` stand for types as in brat.
Returns a list of "file:line: error" strings (empty: valid).
"""
from __future__ import annotations

import re
from pathlib import Path

T_LINE = re.compile(r"^(T\d+)\t(\S+) ((?:\d+ \d+)(?:;\d+ \d+)*)\t(.*)$")


def _args(spec: str) -> dict[str, list[str]]:
    out = {}
    for part in spec.split(","):
        part = part.strip()
        if ":" in part:
            name, types = part.split(":", 1)
            out[re.sub(r"(\{[\d-]*\}|[*?+])$", "", name.strip())] = types.strip().split("|")
    return out


def read_conf(path: Path) -> dict:
    conf = {"entities": set(), "events": {}, "relations": {}, "overlap": [], "attributes": {}}
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("[") and line.strip().endswith("]"):
            section = line.strip()[1:-1]
            continue
        name, _, spec = line.strip().partition("\t")
        name = name.strip()
        if section == "entities":
            conf["entities"].add(name)
        elif section == "events":
            conf["events"][name] = _args(spec)
        elif section == "relations":
            args = _args(spec)
            if name == "<OVERLAP>":
                conf["overlap"].append((args.get("Arg1", []), args.get("Arg2", []), set(args.get("<OVL-TYPE>", []))))
            else:
                conf["relations"].setdefault(name, []).append((args.get("Arg1", []), args.get("Arg2", [])))
        elif section == "attributes":
            args = _args(spec)
            conf["attributes"][name] = (args.get("Arg", []), args.get("Value"))
    return conf


def _fits(t: str, allowed: list[str], conf: dict) -> bool:
    return ("<ANY>" in allowed or ("<RELATION>" in allowed and t in conf["relations"]) or t in allowed or ("<ENTITY>" in allowed and t in conf["entities"])
            or ("<EVENT>" in allowed and t in conf["events"]))


def _overlap_types(inner: str, outer: str, conf: dict) -> set[str]:
    found = set()
    for a, b, kinds in conf["overlap"]:
        if _fits(inner, a, conf) and _fits(outer, b, conf):
            found |= kinds
    return found


def _overlap_allowed(a: tuple, b: tuple, conf: dict) -> str | None:
    (ta, sa, ea), (tb, sb, eb) = a, b
    both = _overlap_types(ta, tb, conf) | _overlap_types(tb, ta, conf)
    if (sa, ea) == (sb, eb):
        return None if {"equal", "<ANY>"} & both else f"{ta} cannot have identical span with {tb}"
    if sb <= sa and ea <= eb or sa <= sb and eb <= ea:
        return None if {"contain", "<ANY>"} & both else f"{ta} cannot contain or be contained in {tb}"
    return None if {"cross", "<ANY>"} & both else f"{ta} cannot have crossing span with {tb}"


def verify(folder: Path) -> list[str]:
    conf = read_conf(folder / "annotation.conf")
    errors: list[str] = []
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        types: dict[str, str] = {}
        bounds: list[tuple[str, int, int, str]] = []
        later = []
        for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{ann.name}:{number}"
            if line.startswith("T"):
                m = T_LINE.match(line)
                if not m:
                    errors.append(f"{where}: unreadable T line")
                    continue
                tid, label, offsets, quoted = m.groups()
                if label not in conf["entities"] and label not in conf["events"]:
                    errors.append(f"{where}: {label} is not a known textbound type")
                pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
                if any(not (0 <= a < b <= len(text)) or "\n" in text[a:b] for a, b in pieces):
                    errors.append(f"{where}: offsets outside the text or across a line break")
                elif quoted != " ".join(text[a:b] for a, b in pieces):
                    errors.append(f"{where}: text field is not the text at the offsets")
                types[tid] = label
                bounds.append((label, pieces[0][0], pieces[-1][1], where))
            elif line[:1] in "ERAMN#*":
                fields = line.split("\t")
                if line[0] in "ER":
                    types[fields[0]] = fields[1].split()[0].split(":")[0]
                later.append((where, fields))
            elif line.strip():
                errors.append(f"{where}: unknown line")
        for where, fields in later:
            errors += [f"{where}: {e}" for e in _check_line(fields, types, conf)]
        for i, a in enumerate(bounds):
            for b in bounds[i + 1:]:
                if b[1] < a[2] and a[1] < b[2]:
                    problem = _overlap_allowed(a[:3], b[:3], conf)
                    if problem:
                        errors.append(f"{b[3]}: {problem} ({a[3]})")
    return errors


def _check_line(fields: list[str], types: dict[str, str], conf: dict) -> list[str]:
    kind, parts = fields[0][0], fields[1].split()
    if kind == "R":
        name, a, b = parts[0], parts[1].split(":", 1)[1], parts[2].split(":", 1)[1]
        if a not in types or b not in types:
            return [f"{name} refers to an undefined annotation"]
        ok = any(_fits(types[a], x, conf) and _fits(types[b], y, conf) for x, y in conf["relations"].get(name, []))
        return [] if ok else [f"{name} relation not allowed between {types[a]} and {types[b]}"]
    if kind == "E":
        etype, trigger = parts[0].split(":")
        if etype not in conf["events"]:
            return [f"{etype} is not a known event type"]
        out = [] if types.get(trigger) == etype else [f"trigger {trigger} is not a {etype}"]
        for arg in parts[1:]:
            role, target = arg.split(":")
            role = role.rstrip("0123456789")
            allowed = conf["events"][etype].get(role)
            if allowed is None:
                out.append(f"{etype} cannot take a {role} argument")
            elif target not in types or not _fits(types[target], allowed, conf):
                out.append(f"{etype} argument {role} cannot be of type {types.get(target)}")
        return out
    if kind in "AM":
        name, target, *value = parts
        if name not in conf["attributes"]:
            return [f"attribute {name} is not declared"]
        arg_types, values = conf["attributes"][name]
        out = []
        if target not in types or not _fits(types[target], arg_types, conf):
            out.append(f"attribute {name} not allowed on {types.get(target)}")
        if value and (values is None or value[0] not in values):
            out.append(f"attribute {name} value {value[0]} is not declared")
        return out
    if kind == "*":
        name, *members = parts
        missing = [m for m in members if m not in types]
        return [f"{name} refers to undefined {', '.join(missing)}"] if missing else []
    if kind in "N#":
        target = parts[1]
        return [] if target in types else [f"refers to undefined {target}"]
    return []
