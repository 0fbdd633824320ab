"""Helpers for the dataset format tests: databases built by the real import,
a hand-made database with the awkward cases, and a brat standoff checker."""
from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from annotators.types import Span
from store import Store
from store import articles as article_rows
from store.db import transaction
from tests.conftest import FIXTURES

SAMPLE = FIXTURES / "datasets" / "sample.jsonl"
runner = CliRunner()


def cli(*args: str):
    from tui.cli import app

    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result


def imported_store(db: Path, *paths, expect_problems: bool = False) -> Store:
    """A database made by ``copydesk import`` of labelled files (default: the sample fixture)."""
    result = cli("import", *(paths or [SAMPLE]), "--db", db)
    assert result.exit_code == (1 if expect_problems else 0), result.output
    return Store.open(db, annotator="tester")


def mark_all_done(store: Store) -> Store:
    for article_id in store.article_ids():
        store.mark_done(article_id)
    return store


AWKWARD = "Antony Blinken met Mark Rutte in Brussels.\n\n\u201cWe will act,\u201d Blinken said. Prices rose 5%."


def awkward_store(db: Path) -> tuple[Store, int]:
    """One article with overlapping entities, a span off token boundaries, a
    quote with a speaker mention that is no entity, a claim with two tags and
    a note, a span across a line break, a suggestion, a rejection and a link.
    The spans are ana's judgments and the store acts as ana (one annotator: her view is the gold)."""
    store = Store.open(db, annotator="ana")
    with transaction(store.db):
        aid = article_rows.insert_article(store.db, {"text": AWKWARD, "raw": AWKWARD, "content_hash": "x",
                                                     "file": "awkward.txt", "path": "/awkward.txt",
                                                     "title": "Talks", "source": "Wire"})
        rows = article_rows.suggestion_rows(aid, [
            Span(0, 14, "PERSON", "entity", {"status": "accepted"}),
            Span(7, 29, "ORG", "entity", {"status": "accepted"}),          # overlaps, longer
            Span(33, 40, "GPE", "entity", {"status": "corrected"}),        # "Brussel": not a token end
            Span(44, 58, "QUOTE", "quote", {"status": "accepted", "speaker": "Blinken",
                                             "speaker_start": 59, "speaker_end": 66, "cue": "said"}),
            Span(0, 72, "CLAIM", "claim", {"status": "accepted", "tags": ["statistic", "comparison"],
                                            "verdict": "supported", "note": "two\nlines"}),
            Span(73, 88, "CLAIM", "claim", {"status": "accepted", "tags": ["statistic"]}),
            Span(85, 87, "PERCENT", "entity", {"status": "suggested"}),
            Span(67, 71, "ORG", "entity", {"status": "rejected"}),
        ], origin="imported", annotator="ana")
        article_rows.insert_spans(store.db, rows)
    claims = store.spans(aid, kinds=["claim"])
    store.link(claims[0].id, claims[1].id, "same_claim")
    return store, aid


# --- a brat standoff checker --------------------------------------------------------

T_LINE = re.compile(r"^(T\d+)\t(\S+) ((?:\d+ \d+)(?:;\d+ \d+)*)\t(.*)$")


def check_brat(folder: Path) -> dict[str, int]:
    """Every .ann against its .txt: each text-bound annotation's text equals the
    text at its offsets (fragments joined by a space), no fragment crosses a
    line break, every id a line refers to exists, every type and attribute is
    declared in annotation.conf.  Returns counts by line kind."""
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current = None
    for line in conf.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif line.strip() and not line.startswith("#") and current:
            sections[current].append(line.split("\t")[0].split()[0])
    counts = {"T": 0, "A": 0, "R": 0, "#": 0}
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_bytes().decode("utf-8")
        ids = set()
        for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{ann.name}:{number}"
            kind = line[0]
            counts["#" if kind == "#" else kind] += 1
            if kind == "T":
                m = T_LINE.match(line)
                assert m, where
                tid, label, offsets, quoted = m.groups()
                assert label in sections["entities"], (where, label)
                pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
                for a, b in pieces:
                    assert 0 <= a < b <= len(text) and "\n" not in text[a:b], where
                assert quoted == " ".join(text[a:b] for a, b in pieces), where
                ids.add(tid)
            elif kind == "A":
                _, rest = line.split("\t")
                name, target, *value = rest.split(" ")
                assert name in sections["attributes"] and target in ids, where
            elif kind == "R":
                _, rest = line.split("\t")
                name, a, b = rest.split(" ")
                assert name in sections["relations"], where
                assert a.startswith("Arg1:") and a[5:] in ids and b.startswith("Arg2:") and b[5:] in ids, where
            elif kind == "#":
                _, rest, _note = line.split("\t")
                assert rest.split(" ")[1] in ids, where
            else:
                raise AssertionError(f"{where}: unexpected line {line!r}")
    return counts
