"""Speaker attribution on a gold file: the rules alone, the learned model alone, and their combination.

For the gold quotes of the chosen files (and split), prints: quotes found (a
found quote span overlaps the gold one; the same for all three), speakers
right by the lenient rule of the quote gold (the answer's last word is a word
of the gold name; null for null) of all gold quotes and of those found, and
wrong (a name that is not the gold speaker's) of those found. The model is the
shipped ``annotators/models/speaker_model.json`` (or ``--model``); "model
alone" takes its best candidate always, "combined" overrides the rules only
past the model's margin (what ``find_quotes`` does). The cross-validated dev
figures stored in the model at training are printed beside it.

Run: .venv/bin/python bench/speakers_eval.py [--gold PATH ...] [--split dev|heldout] [--model PATH]
e.g. bench/speakers_eval.py --gold tests/fixtures/quotes/gold_unseen_a.jsonl tests/fixtures/quotes/gold_unseen_b.jsonl --split heldout
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.train_speakers import GOLD, HEADER, gold_examples, gold_rows, row  # noqa: E402


def main() -> None:
    from annotators.models import model_file
    from annotators.quotes.fit import MODEL_ONLY, evaluate
    from annotators.quotes.learned import MODEL_NAME, SpeakerModel

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", nargs="+", type=Path, default=[GOLD], metavar="PATH")
    parser.add_argument("--split", choices=("dev", "heldout"),
                        help="only rows whose \"split\" is this (default: rows with no split, or dev)")
    parser.add_argument("--model", type=Path, default=model_file(MODEL_NAME))
    args = parser.parse_args()
    rows = gold_rows(args.gold, args.split)
    if not rows:
        parser.error("no gold rows in the files and split given")
    model = SpeakerModel.load(args.model)
    examples = gold_examples(rows)
    print(f"Gold: {len(rows)} quotes in {len({r['file'] for r in rows})} articles "
          f"({', '.join(p.name for p in args.gold)}, split {args.split or 'dev/none'}); "
          f"model {args.model.name} (C={model.meta.get('C')}, margin={model.margin}).\n")
    print(HEADER)
    print(row("rules alone", evaluate(None, examples)))
    print(row("model alone", evaluate(model, examples, MODEL_ONLY)))
    print(row(f"combined (margin {model.margin})", evaluate(model, examples)))
    cv = model.meta.get("cv")
    if cv:
        print(f"\nBeside it, 5-fold cross-validation by article on the training dev data "
              f"({', '.join(model.meta.get('trained_on', []))}), out-of-fold:\n")
        print(HEADER)
        for name in ("rules", "model", "combined"):
            print(row(f"{name} (CV)", cv[name]))


if __name__ == "__main__":
    main()
