"""annotators.motions: words, sentences and paragraphs of news copy, and find."""
from __future__ import annotations

from annotators.motions import (find_all, next_paragraph_start, next_word_start, previous_paragraph_start,
                                previous_word_start, sentence_bounds, sentence_starts, word_end)

TEXT = ("The top U.S. diplomat met Gen. Christopher Cavoli in Brussels. Moscow is buying dual-use goods, "
        "Rutte said. \u201cWe act,\u201d he added.\n\nBiden's term ends on Jan. 20. Next line.")


def test_a_hyphenated_or_possessive_word_is_one_word():
    at = TEXT.index("dual-use")
    assert word_end(TEXT, at) == at + len("dual-use")
    assert next_word_start(TEXT, at) == TEXT.index("goods")
    assert previous_word_start(TEXT, TEXT.index("goods")) == at
    assert word_end(TEXT, TEXT.index("Biden's")) == TEXT.index("Biden's") + len("Biden's")


def test_sentences_end_at_stops_before_capitals_not_after_titles_or_abbreviations():
    starts = [TEXT[s:s + 8] for s in sentence_starts(TEXT)]
    assert starts == ["The top ", "Moscow i", "\u201cWe act,", "Biden's ", "Next lin"]
    start, end = sentence_bounds(TEXT, TEXT.index("Cavoli"))
    assert TEXT[start:end] == "The top U.S. diplomat met Gen. Christopher Cavoli in Brussels."


def test_paragraph_motions_skip_blank_lines():
    second = TEXT.index("Biden's")
    assert next_paragraph_start(TEXT, 5) == second
    assert previous_paragraph_start(TEXT, second + 3) == second
    assert previous_paragraph_start(TEXT, second) == 0


def test_find_ignores_case_and_runs_of_white_space():
    assert find_all("Dual-use  goods and dual-use\ngoods", "dual-use goods") == [(0, 15), (20, 34)]
    assert find_all(TEXT, "   ") == []
