"""Relations between brat events (issue 20): `R1 Cause-Precondition Arg1:E2
Arg2:E1` was stored like an event argument and came back as an extra argument
of E2 (103 of 103 R lines of a real event corpus lost as relations). Relation
and event argument are kept apart, and the corpus comes back line for line."""
from __future__ import annotations

from typer.testing import CliRunner

from store import Store
from tests.reliability.helpers import run
from tests.reliability.worker import blank_preannotator
from tests.store.brat_checker import verify
from tests.store.brat_lines import folder_keys, kept_fractions
from tui.cli import app

TEXT = "Copper prices fell on Monday after a strike closed the Escondida mine in Chile.\n"


def at(word: str) -> str:
    start = TEXT.index(word)
    return f"{start} {start + len(word)}\t{word}"


ANN = "\n".join([
    f"T1\tPrice_fall {at('fell')}",
    f"T2\tStrike {at('strike')}",
    f"T3\tClosure {at('closed')}",
    f"T4\tCommodity {at('Copper')}",
    f"T5\tFacility {at('Escondida mine')}",
    "E1\tPrice_fall:T1 Theme:T4",
    "E2\tStrike:T2",
    "E3\tClosure:T3 Theme:T5",
    "R1\tCause-Precondition Arg1:E2 Arg2:E3",
    "R2\tCause-Precondition Arg1:E3 Arg2:E1",
    "R3\tLocated Arg1:T5 Arg2:T4",
]) + "\n"


def test_relations_between_events_come_back_as_relations_line_for_line(tmp_path):
    blank = blank_preannotator()
    given = tmp_path / "given"
    given.mkdir()
    (given / "report.txt").write_text(TEXT, encoding="utf-8")
    (given / "report.ann").write_text(ANN, encoding="utf-8")
    store = Store.open(tmp_path / "c.db", annotator="x")
    assert run(store, blank, given).problems == []
    store.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", "-f", "brat", "--db", str(tmp_path / "c.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    kept = kept_fractions(given, out)
    assert {kind: kept[kind] for kind in ("T", "E", "R")} == {"T": (5, 5), "E": (3, 3), "R": (3, 3)}, kept
    assert sum(folder_keys(out)["report"]["R"].values()) == 3  # no relation turned into an argument, none added
    assert verify(out) == []  # brat's own rules, against the annotation.conf the export wrote


SHARED = "\n".join([
    f"T1\tPrice_fall {at('fell')}",
    f"T4\tCommodity {at('Copper')}",
    f"T5\tFacility {at('Escondida mine')}",
    "E1\tPrice_fall:T1 Theme:T4",
    "E2\tPrice_fall:T1 Place:T5",
]) + "\n"


def links_by_role(db) -> list[tuple[str, str]]:
    store = Store.open(db, annotator="x")
    [article] = store.article_ids()
    spans = {s.id: s for s in store.spans(article)}
    text = store.get_article(article).text
    out = sorted((link["kind"], text[spans[link["b_span_id"]].start:spans[link["b_span_id"]].end])
                 for link in store.links(list(spans)))
    store.close()
    return out


def test_events_sharing_a_trigger_keep_their_own_arguments_through_a_jsonl_round_trip(tmp_path):
    """Two events on one trigger: the jsonl export's relations name spans by
    bounds, and on import each resolved to the first event: invented links."""
    blank = blank_preannotator()
    given = tmp_path / "given"
    given.mkdir()
    (given / "report.txt").write_text(TEXT, encoding="utf-8")
    (given / "report.ann").write_text(SHARED, encoding="utf-8")
    store = Store.open(tmp_path / "a.db", annotator="x")
    assert run(store, blank, given).problems == []
    store.close()
    before = links_by_role(tmp_path / "a.db")
    assert before == [("Place", "Escondida mine"), ("Theme", "Copper")]
    out = tmp_path / "a.jsonl"
    assert CliRunner().invoke(app, ["export", "-f", "jsonl", "--db", str(tmp_path / "a.db"),
                                    "--out", str(out)]).exit_code == 0
    again = Store.open(tmp_path / "b.db", annotator="x")
    assert run(again, blank, out).problems == []
    again.close()
    assert links_by_role(tmp_path / "b.db") == before


def test_a_relation_between_events_stays_one_through_jsonl_and_back_to_brat(tmp_path):
    blank = blank_preannotator()
    given = tmp_path / "given"
    given.mkdir()
    (given / "report.txt").write_text(TEXT, encoding="utf-8")
    (given / "report.ann").write_text(ANN, encoding="utf-8")
    store = Store.open(tmp_path / "a.db", annotator="x")
    assert run(store, blank, given).problems == []
    store.close()
    out = tmp_path / "a.jsonl"
    assert CliRunner().invoke(app, ["export", "-f", "jsonl", "--db", str(tmp_path / "a.db"),
                                    "--out", str(out)]).exit_code == 0
    again = Store.open(tmp_path / "b.db", annotator="x")
    assert run(again, blank, out).problems == []
    again.close()
    brat = tmp_path / "brat"
    assert CliRunner().invoke(app, ["export", "-f", "brat", "--db", str(tmp_path / "b.db"),
                                    "--out", str(brat)]).exit_code == 0
    kept = kept_fractions(given, brat)
    assert {kind: kept[kind] for kind in ("T", "E", "R")} == {"T": (5, 5), "E": (3, 3), "R": (3, 3)}, kept
