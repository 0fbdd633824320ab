"""Speaker attribution on a gold file: the rules alone, the learned model alone, and their combination.

For the gold quotes of the chosen files (and split), prints: quotes found (a
found quote span overlaps the gold one; the same for all three), speakers
right by the lenient rule of the quote gold (the answer's last word is a word
of the gold name; null for null) of all gold quotes and of those found, and
wrong (a name that is not the gold speaker's) of those found. The model is the
shipped ``annotators/models/speaker_model.json`` (or ``--model``). "Model
alone" is the same logistic regression without any feature of the rules'
answer, fitted here on the shipped examples with the shipped C (deterministic),
taking its best candidate always; "combined" is the shipped model (the rules'
vote among its features), overriding the rules only past its margin (what
``find_quotes`` does). The cross-validated dev
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
    from annotators.models import SHIPPED, model_file
    from annotators.quotes.fit import MODEL_ONLY, evaluate, fit, load_examples, without_rules
    from annotators.quotes.features import same_person
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
    alone = fit(without_rules(load_examples(SHIPPED / "speaker_examples.json.gz")), model.meta.get("C", 1.0))
    print(row("model alone (no rules' vote)", evaluate(alone, without_rules(examples), MODEL_ONLY)))
    print(row(f"combined (margin {model.margin})", evaluate(model, examples)))
    low = [ex for ex in examples if ex["found"] and _score(model, ex)[1] < 0.5]
    high = [ex for ex in examples if ex["found"] and _score(model, ex)[1] >= 0.5]
    share = lambda part: sum(same_person(_score(model, ex)[0], ex["gold"]) for ex in part) / len(part) if part else 0.0  # noqa: E731
    print(f"\nspeaker_score (combined): {len(low)} quotes found score below 0.5, their speaker right on "
          f"{share(low):.3f}; {len(high)} score 0.5 or more, right on {share(high):.3f}.")
    cv = model.meta.get("cv")
    if cv:
        print(f"\nBeside it, 5-fold cross-validation by article on the training dev data "
              f"({', '.join(model.meta.get('trained_on', []))}), out-of-fold:\n")
        print(HEADER)
        for name in ("rules", "model", "combined"):
            print(row(f"{name} (CV)", cv[name]))


def _score(model, ex: dict) -> tuple[str | None, float]:
    """The combined answer for one found example, and its speaker_score."""
    from annotators.quotes.fit import candidates

    k, probs = model.decide(candidates(ex))
    return ex["cands"][k]["name"], probs[k]


if __name__ == "__main__":
    main()
