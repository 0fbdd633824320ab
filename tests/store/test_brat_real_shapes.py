"""Shapes of a real brat event corpus (issue 20; the Commodity News Corpus,
measured locally, not committed: its licence is research only), on a small
hand-made text: relation lines ending in a tab, an event with no argument
ending in a space, two events sharing one trigger, numbered roles with no
unnumbered one (``Imposee2`` alone), relations between events, and a file name
with ``%`` (which the export writes as ``_``; the line count follows the
document through copydesk-meta.jsonl)."""
from __future__ import annotations

from tests.store._datasets import cli
from tests.store.brat_lines import exported_stems, kept_fractions

TEXT = "Zinc fell 4% as sanctions on Ruritania hit supply; tin was flat and lead flat too.\n"


def at(word: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return f"{start} {start + len(word)}\t{word}"


ANN = "".join([
    f"T1\tMovement-down-loss {at('fell')}\n",
    f"T2\tCommodity {at('Zinc')}\n",
    f"T3\tPERCENTAGE {at('4%')}\n",
    f"T4\tEmbargo {at('sanctions')}\n",
    f"T5\tCOUNTRY {at('Ruritania')}\n",
    f"T6\tMovement-flat {at('flat')}\n",
    f"T7\tCommodity {at('tin')}\n",
    f"T8\tCommodity {at('lead')}\n",
    f"T9\tNegative_sentiment {at('hit')}\n",
    "E1\tMovement-down-loss:T1 Item:T2 Difference:T3\n",
    "E2\tEmbargo:T4 Imposee2:T5\n",
    "E3\tMovement-flat:T6 Item:T7\n",
    "E4\tMovement-flat:T6 Item:T8\n",  # a second event on the same trigger
    "E5\tNegative_sentiment:T9 \n",    # no argument, a space before the line end
    "R1\tCause-Precondition Arg1:E2 Arg2:E1\t\n",
    "R2\tCause-Precondition Arg1:E2 Arg2:E5\t\n",
    "R3\tCause-Precondition Arg1:E5 Arg2:E4\t\n",
    "A1\tModality E2 Other\n",
])


def test_real_corpus_shapes_come_back_line_for_line_under_a_renamed_file(tmp_path):
    given = tmp_path / "given"
    given.mkdir()
    (given / "Zinc-falls-4%-on-sanctions.txt").write_text(TEXT, encoding="utf-8")
    (given / "Zinc-falls-4%-on-sanctions.ann").write_text(ANN, encoding="utf-8")
    db, out = tmp_path / "c.db", tmp_path / "out"
    assert cli("import", given, "--db", db).exit_code == 0
    result = cli("export", "-f", "brat", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    assert exported_stems(out) == {"Zinc-falls-4_-on-sanctions": "Zinc-falls-4%-on-sanctions"}
    kept = kept_fractions(given, out)
    assert kept == {"T": (9, 9), "R": (3, 3), "E": (5, 5), "A": (1, 1), "N": (0, 0), "#": (0, 0)}, kept
    exported = (out / "Zinc-falls-4_-on-sanctions.ann").read_text(encoding="utf-8")
    assert sum(line.startswith("R") and " Arg1:E" in line and " Arg2:E" in line
               for line in exported.splitlines()) == 3  # relations stay relations, none becomes an argument
