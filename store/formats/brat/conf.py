"""annotation.conf: what copydesk writes, and what a reader needs from one.

brat's configuration semantics (its projectconfig.py): an annotation type must
be declared under ``[entities]`` or ``[events]``; a relation ``R`` under
``[relations]`` as ``Name\tArg1:TYPE|TYPE, Arg2:TYPE|...`` with the types of
its arguments; an event's roles as ``Role:TYPE|...`` on its line (``Role*``:
any number); an attribute under ``[attributes]`` as ``Name\tArg:TYPE,
Value:v1|v2`` (no Value: a binary flag).  Two text-bound annotations may
overlap only as ``<OVERLAP>\tArg1:T, Arg2:T, <OVL-TYPE>:contain|equal|cross|<ANY>``
allows; ``<ANY>``, ``<ENTITY>`` and ``<EVENT>`` stand for types.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ...sources import BRAT_META_FILE
from ..base import CLAIM_LABEL, LABEL_RE, QUOTE_LABEL

SPEAKER = "Speaker"
SPEAKER_TYPE = "SPEAKER"
MENTION_ONLY = "MentionOnly"  # older exports: a PERSON added for a speaker mention
STATUS_VALUES = ("suggested", "rejected", "corrected")
META_FILE = BRAT_META_FILE
# A link's attrs key: a relation from an event (an R line), not one of the event's
# arguments (which are links from the event span too).
EVENT_RELATION = "event_relation"
OVERLAP_LINE = "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>"


def role_base(role: str) -> str:
    """``Theme2`` -> ``Theme``, as brat's verifier reads an event's roles."""
    base = role.rstrip("0123456789")
    return base or role


@dataclass
class Declared:
    """What the written .ann files use, for annotation.conf."""

    entities: set[str] = field(default_factory=set)
    events: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # type -> role -> argument types
    relations: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    relation_args: dict[str, tuple[str, str]] = field(default_factory=dict)  # type -> its two argument names
    attributes: dict[str, tuple[set[str], set[str], bool]] = field(default_factory=dict)  # name -> (types, values, flag)

    def relation(self, kind: str, a: str, b: str, args: tuple[str, str] = ("Arg1", "Arg2")) -> None:
        self.relation_args.setdefault(kind, args)
        first, second = self.relations.setdefault(kind, (set(), set()))
        first.add(a)
        second.add(b)

    def role(self, event: str, role: str, target: str) -> None:
        # brat numbers a repeated role (Theme, Theme2, ...) and declares it once,
        # as ``Theme*``; a declared role ending in a digit may not repeat
        self.events.setdefault(event, {}).setdefault(role_base(role), set()).add(target)

    def attribute(self, name: str, target_type: str, value: str | None) -> None:
        types, values, _ = self.attributes.setdefault(name, (set(), set(), value is None))
        types.add(target_type)
        if value is not None:
            values.add(value)


def annotation_conf(declared: Declared, tag_values: Sequence[str] = (), verdict_values: Sequence[str] = (),
                    entity_values: Sequence[str] = ()) -> str:
    entities = [e for e in dict.fromkeys([*entity_values, *sorted(declared.entities)])
                if e not in (QUOTE_LABEL, CLAIM_LABEL, SPEAKER_TYPE) and e not in declared.events and LABEL_RE.match(e)]
    lines = ["# copydesk export: entities, quotes (QUOTE), claims (CLAIM), speaker mentions (SPEAKER)",
             "[entities]", *entities, QUOTE_LABEL, CLAIM_LABEL, SPEAKER_TYPE, "", "[relations]", OVERLAP_LINE,
             f"{SPEAKER}\tArg1:{QUOTE_LABEL}, Arg2:{SPEAKER_TYPE}"]
    for kind, (a, b) in sorted(declared.relations.items()):
        if kind != SPEAKER:
            first, second = declared.relation_args.get(kind, ("Arg1", "Arg2"))
            lines.append(f"{kind}\t{first}:{'|'.join(sorted(a))}, {second}:{'|'.join(sorted(b))}")
    lines += ["", "[events]"]
    for event, roles in sorted(declared.events.items()):
        args = ", ".join(f"{role}*:{'|'.join(sorted(types))}" for role, types in sorted(roles.items()))
        lines.append(f"{event}\t{args}" if args else event)
    lines += ["", "[attributes]"]
    attributes = dict(declared.attributes)
    for name, values in (("Tag", tag_values), ("Verdict", verdict_values)):
        if values:
            types, used, _ = attributes.setdefault(name, ({CLAIM_LABEL}, set(), False))
            used.update(values)
    status_types, status_used, _ = attributes.setdefault("Status", (set(), set(), False))
    status_types.add("<ANY>")
    status_used.update(STATUS_VALUES)
    for name, (types, values, flag) in sorted(attributes.items()):
        arg = "<ANY>" if "<ANY>" in types else "|".join(sorted(types))
        lines.append(f"{name}\tArg:{arg}" + ("" if flag and not values else f", Value:{'|'.join(sorted(values))}"))
    return "\n".join(lines) + "\n"


VISUAL_CONF = """[labels]
QUOTE | Quote
CLAIM | Claim
SPEAKER | Speaker mention
Speaker | Speaker

[drawing]
QUOTE\tbgColor:#ffe08a
CLAIM\tbgColor:#a8e6cf
SPEAKER\tbgColor:#c5d3ff
Speaker\tcolor:#3b5bdb, dashArray:3-3
"""


def read_conf(folder: Path) -> dict[str, set[str]]:
    """The type names of each section of an annotation.conf (empty when there is none)."""
    path = Path(folder) / "annotation.conf"
    sections: dict[str, set[str]] = {}
    if not path.is_file():
        return sections
    current = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, set())
        elif line and not line.startswith("#") and current:
            sections[current].add(line.split("\t")[0].split()[0].lstrip("!-"))
    return sections
