"""Property: random texts with random non-overlapping entities (and quotes and
claims over them) come back unchanged through jsonl, doccano, brat and spacy."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.formats import brat, doccano, jsonl, spacy_docbin
from store.formats.base import Summary
from store.ingest import read_file
from store.records import Article, SpanRecord

WORDS = ["Lagos", "minister", "bridge", "Okafor", "report", "city", "Jane", "cars", "figure", "opened", "river", "price"]
SEPARATORS = [" ", " ", " ", ", ", "\n", "\n\n", " \u2014 ", ". "]
LABELS = ["PERSON", "GPE", "ORG", "WORK_OF_ART", "Präsident"]


@st.composite
def annotated(draw):
    n = draw(st.integers(2, 30))
    words = [draw(st.sampled_from(WORDS)) for _ in range(n)]
    seps = [draw(st.sampled_from(SEPARATORS)) for _ in range(n - 1)]
    text, bounds = "", []
    for i, w in enumerate(words):
        bounds.append((len(text), len(text) + len(w)))
        text += w + (seps[i] if i < n - 1 else "")
    spans, sid = [], 0
    i = 0
    while i < n:  # entities: runs of words, never overlapping
        if draw(st.booleans()):
            j = min(n, i + draw(st.integers(1, 3)))
            sid += 1
            spans.append(SpanRecord(sid, 1, bounds[i][0], bounds[j - 1][1], draw(st.sampled_from(LABELS)), "entity",
                                    "human", draw(st.sampled_from(["accepted", "corrected"]))))
            i = j
        else:
            i += 1
    for kind in ("quote", "claim"):
        if draw(st.booleans()):
            a = draw(st.integers(0, n - 1))
            b = draw(st.integers(a, n - 1))
            sid += 1
            extra = {}
            if kind == "quote":
                w = draw(st.integers(0, n - 1))
                extra = {"speaker": words[w], "speaker_start": bounds[w][0], "speaker_end": bounds[w][1]}
            else:
                extra = {"tags": tuple(draw(st.lists(st.sampled_from(["statistic", "causal"]), unique=True, max_size=2)))}
            spans.append(SpanRecord(sid, 1, bounds[a][0], bounds[b][1], "QUOTE" if kind == "quote" else "CLAIM",
                                    kind, "human", "accepted", **extra))
    return Article(id=1, text=text, file="random.txt"), spans


def key(kind, start, end, label, attrs):
    extra = ()
    if kind == "quote":
        extra = (attrs.get("speaker"), attrs.get("speaker_start"), attrs.get("speaker_end"))
    if kind == "claim":
        extra = tuple(attrs.get("tags") or ())
    return (kind, start, end, label, *extra)


# doccano with --layer all: every span (a default doccano project keeps no overlaps; that export is tested apart)
FORMATS = [(jsonl, "a.jsonl", {}), (doccano, "a.jsonl", {"layer": "all"}), (brat, "brat", {}),
           (spacy_docbin, "a.spacy", {})]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated())
def test_round_trip_through_every_readable_format(case):
    article, spans = case
    expected = sorted(key(s.kind, s.start, s.end, s.label,
                          {"speaker": s.speaker, "speaker_start": s.speaker_start, "speaker_end": s.speaker_end,
                           "tags": list(s.tags)}) for s in spans)
    for module, name, options in FORMATS:
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / name
            summary = Summary()
            module.export([(article, spans, [])], out, summary, **options)
            assert not summary.skipped and not summary.snapped, (module.__name__, summary)
            problems = []
            docs = brat.read(out, problems) if module is brat else read_file(out, problems)
            assert not problems, (module.__name__, [str(p) for p in problems])
            [doc] = docs
            assert doc.cleaned.text == article.text
            got = sorted(key(s.kind, s.start, s.end, s.label, s.attrs) for s in doc.labelled)
            assert got == expected, module.__name__
