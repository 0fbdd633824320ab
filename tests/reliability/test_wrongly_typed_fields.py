"""One JSONL line with a field of the wrong type (issue 20): the line is named
with its field, the other lines come in; nothing is coerced ("tags": "abc" is
not three tags, "speaker_start": true is not offset 1)."""
from __future__ import annotations

import json

import pytest

from tests.reliability.helpers import GOOD, run

QUOTE = (GOOD.index("\u201c"), GOOD.index("\u201d") + 1)
PEOPLE = [{"id": 1, "start": 9, "end": 20, "label": "PERSON"}, {"id": 2, "start": 42, "end": 47, "label": "GPE"}]
ENTITIES = [{"id": 1, "start_offset": 9, "end_offset": 20, "label": "PERSON"},
            {"id": 2, "start_offset": 42, "end_offset": 47, "label": "GPE"}]

# name -> (the labelled fields of the bad line, words its problem must hold)
CASES = {
    "speaker an object": ({"quotes": [{"start": QUOTE[0], "end": QUOTE[1], "speaker": {"name": "x"}}]},
                          ['"speaker"', "text"]),
    "verdict a list": ({"claims": [{"start": 0, "end": 8, "verdict": ["false"]}]}, ['"verdict"', "text"]),
    "tags a number": ({"claims": [{"start": 0, "end": 8, "tags": 5}]}, ['"tags"', "list"]),
    "tags a string": ({"claims": [{"start": 0, "end": 8, "tags": "abc"}]}, ['"tags"', "'abc'"]),
    "speaker_start true": ({"quotes": [{"start": QUOTE[0], "end": QUOTE[1], "speaker_start": True,
                                        "speaker_end": 5}]}, ['"speaker_start"', "True"]),
    "fragments a number": ({"spans": [{"start": 0, "end": 8, "label": "PERSON", "fragments": 5}]}, ['"fragments"']),
    "span id a list": ({"spans": [{"id": [1], "start": 0, "end": 8, "label": "PERSON"}]}, ['"id"', "[1]"]),
    "link end a list": ({"spans": PEOPLE, "links": [{"a": [1], "b": 2, "kind": "same"}]}, ['"a"', "[1]"]),
    "relation start a list": ({"spans": PEOPLE, "relations": [
        {"head_span": {"start": [9], "end": 20, "label": "PERSON"},
         "child_span": {"start": 42, "end": 47, "label": "GPE"}, "label": "IN"}]}, ['"start"', "[9]"]),
    "doccano id a list": ({"entities": [{**ENTITIES[0], "id": [1]}], "relations": []}, ['"id"', "[1]"]),
    "doccano from_id a list": ({"entities": ENTITIES, "relations": [{"from_id": [1], "to_id": 2, "type": "IN"}]},
                               ['"from_id"', "[1]"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_wrongly_typed_field_names_file_line_and_field_and_the_rest_come_in(store, blank, tmp_path, case):
    fields, words = CASES[case]
    path = tmp_path / "feed.jsonl"
    lines = [{"text": GOOD, "meta": {"title": "One"}},
             {"text": GOOD + " Bad.", "meta": {"title": "Bad"}, **fields},
             {"text": GOOD + " Three.", "meta": {"title": "Three"}}]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    report = run(store, blank, path)
    [problem] = report.problems
    assert problem.file.endswith("feed.jsonl") and problem.line == 2
    assert all(word in problem.reason for word in words), problem.reason
    assert sorted(a.title for a in store.list_articles()) == ["One", "Three"]


def test_well_typed_fields_still_come_in_unchanged(store, blank, tmp_path):
    path = tmp_path / "good.jsonl"
    line = {"text": GOOD, "meta": {"title": "Good"}, "spans": PEOPLE,
            "claims": [{"start": 0, "end": 8, "tags": ["statistic"], "verdict": "true"}],
            "quotes": [{"start": QUOTE[0], "end": QUOTE[1], "speaker": "Jane Okafor", "speaker_start": 9,
                        "speaker_end": 20}],
            "links": [{"a": 1, "b": 2, "kind": "same"}]}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    report = run(store, blank, path)
    assert report.problems == []
    (article,) = store.article_ids()
    spans = store.spans(article)
    (claim,) = [s for s in spans if s.kind == "claim" and s.start == 0]
    (quote,) = [s for s in spans if s.kind == "quote" and s.start == QUOTE[0]]
    assert claim.tags == ("statistic",) and claim.verdict == "true"
    assert (quote.speaker, quote.speaker_start, quote.speaker_end) == ("Jane Okafor", 9, 20)
