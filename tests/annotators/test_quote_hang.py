"""No hang, ever (issue 21): a document subject ("the statement said") whose
earlier mention sits in a verbless line made the speaker search climb a
sentence root forever. The fixture is real text (tests/fixtures/hang/SOURCES.md)."""
from __future__ import annotations

from pathlib import Path

from annotators.budget import time_limit
from annotators.quotes import find_quotes

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "hang" / "aljazeera_helicopter_statement.txt"


def test_a_verbless_mention_of_the_statement_ends_the_speaker_search(nlp):
    text = FIXTURE.read_text(encoding="utf-8")
    doc = nlp(text)
    with time_limit(30):  # the old climb never returned: OverBudget fails the test instead of hanging it
        spans = find_quotes(doc, text)
    assert [(text[s.start:s.end][:28], s.attrs["speaker_kind"]) for s in spans] == [
        ("The cause of the crash is un", "document")]
