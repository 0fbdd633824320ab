"""Property: what copydesk exports as jsonl, copydesk imports back to the same
text and the same spans (offsets, labels, review status, quote speakers and
cues, claim tags, verdicts and notes), for any text and any valid spans."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotators.clean import normalise_text
from annotators.types import CleanedText, Span
from store import Store
from store.db import transaction
from store.formats import jsonl
from store.formats.base import LABEL_RE
from store.ingest import SourceDoc, import_paths, store_new
from tests.reliability.worker import blank_preannotator

# Letters of several scripts, combining marks, emoji (astral), punctuation
# that means something to JSON, SQL and Rich, whitespace and line breaks.
ALPHABET = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    st.sampled_from(list("\n\t \"'\\[]/;%_{}") + ["\u0301", "\u200d", "\U0001F469", "\u05e9", "\u0627", "\r"]),
)
TEXTS = st.text(ALPHABET, min_size=1, max_size=300).map(normalise_text).filter(lambda t: t.strip() != "")
# Labels as the dataset formats accept them (store.formats.base.LABEL_RE:
# any script, no whitespace or brat/doccano separators).
LABEL = st.from_regex(LABEL_RE, fullmatch=True).filter(lambda s: len(s) <= 16)
TAG = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
NOTE = st.none() | st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
STATUS = st.sampled_from(["accepted", "corrected"])


@st.composite
def articles(draw):
    text = draw(TEXTS)
    n = len(text)
    cuts = sorted(draw(st.sets(st.integers(0, n), max_size=8)))
    spans: list[Span] = []
    # Entities: disjoint ranges between consecutive cuts.
    for a, b in zip(cuts, cuts[1:]):
        if a < b and draw(st.booleans()):
            spans.append(Span(a, b, draw(LABEL), "entity", {"status": draw(STATUS)}))
    # Quotes and claims may overlap anything.
    for kind in ("quote", "claim"):
        for _ in range(draw(st.integers(0, 2))):
            start = draw(st.integers(0, n - 1))
            end = draw(st.integers(start + 1, n))
            if kind == "quote":
                attrs = {"status": draw(STATUS), "speaker": draw(NOTE), "cue": draw(NOTE)}
                if draw(st.booleans()):
                    s0 = draw(st.integers(0, n - 1))
                    attrs.update(speaker_start=s0, speaker_end=draw(st.integers(s0 + 1, n)))
                spans.append(Span(start, end, "QUOTE", kind, {k: v for k, v in attrs.items() if v is not None}))
            else:
                attrs = {"status": draw(STATUS), "tags": draw(st.lists(TAG, max_size=3)),
                         "verdict": draw(NOTE), "note": draw(NOTE), "normalized": draw(NOTE)}
                spans.append(Span(start, end, draw(LABEL), kind, {k: v for k, v in attrs.items() if v is not None}))
    title = draw(st.none() | LABEL)
    return text, title, spans


def _key(span) -> str:
    """Everything a span says; an empty note, cue... counts as no note."""
    def value(v):
        return None if v == "" else v

    return repr((span.start, span.end, span.kind, span.label, span.status, value(span.speaker), span.speaker_start,
                 span.speaker_end, value(span.cue), tuple(span.tags), value(span.verdict), value(span.note),
                 value(span.normalized)))


PRE = blank_preannotator()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_jsonl_export_then_import_gives_back_the_same_article_and_spans(article):
    text, title, spans = article
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        first = Store.open(tmp / "a.db")
        with transaction(first.db):
            article_id, _ = store_new(first.db, SourceDoc("/x.txt", "x.txt", text, CleanedText(text, title=title)),
                                      spans, "imported")
        exported = first.get_article(article_id)
        record = jsonl.article_record(exported, first.spans(article_id), [])
        out = tmp / "out.jsonl"
        out.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        first.close()

        second = Store.open(tmp / "b.db")
        report = import_paths(second.db, [out], PRE)
        assert not report.problems and len(report.added) == 1
        back = second.get_article(report.added[0])
        assert back.text == text
        assert back.title == title
        original = sorted(_key(s) for s in Store.open(tmp / "a.db").spans(article_id))
        assert sorted(_key(s) for s in second.spans(back.id)) == original
        assert all(s.origin == "imported" for s in second.spans(back.id))
        second.close()
