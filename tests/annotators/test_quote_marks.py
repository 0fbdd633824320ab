"""Quote-mark pairing: straight and curly marks, apostrophes, unclosed and
continued quotes, paragraphs (annotators/quotes/marks)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotators.quotes import pair_quote_marks, paragraph_bounds, quote_pieces


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in pair_quote_marks(text)]


# ------------------------------------------------------------------ pairing

def test_straight_double_quotes():
    assert quoted('He said "we will win" and left.') == ["we will win"]


def test_curly_double_quotes_without_the_trailing_comma():
    assert quoted("“We will win,” he said.") == ["We will win"]


def test_single_quotes_in_headline_style():
    text = "Blinken meets NATO's Rutte, pledges to 'shore up' Ukraine support"
    assert quoted(text) == ["shore up"]


def test_curly_single_quotes():
    assert quoted("Leader calls talks ‘productive’ after meeting") == ["productive"]


def test_single_quote_nested_inside_double_is_covered_by_the_outer_quote():
    text = "“He called it ‘madness’ and walked out,” she said."
    assert quoted(text) == ["He called it ‘madness’ and walked out"]


@pytest.mark.parametrize("text", [
    "Don’t worry about Trump’s plan or Blinken's trip.",
    "They played rock 'n' roll in the '90s and rock ’n’ roll in the ’80s.",
    "the Kyiv Independent’s Francis Farrell lays out the allies' options",
    "NATO Foreign Ministers’ meeting; the Editors' Picks; the boss' car",
    "Rock 'em, it's 'til dawn",
])
def test_apostrophes_are_not_quote_marks(text):
    assert pair_quote_marks(text) == []


def test_plural_possessive_inside_a_single_quote_does_not_close_it():
    text = "He warned of 'the allies' fading resolve' in Europe."
    assert quoted(text) == ["the allies' fading resolve"]


def test_odd_number_of_marks_still_pairs_the_rest():
    text = '"This is unclosed, he said. "This one is fine," she said. And "another" one.'
    assert quoted(text) == ["This one is fine", "another"]


def test_unclosed_quote_does_not_swallow_the_next_paragraph():
    text = 'He said "this never closes.\n\nNext paragraph has "a quote" inside.'
    assert quoted(text) == ["a quote"]


def test_paragraph_continuation_gives_one_piece_per_paragraph():
    text = "“We will fight on the beaches,” he said. “We shall never surrender.\n\n“We shall go on to the end.”"
    assert quoted(text) == ["We will fight on the beaches", "We shall never surrender.", "We shall go on to the end."]


def test_quote_paragraph_missing_its_closing_mark_runs_to_the_paragraph_end():
    text = ('"I felt good," Van Persie told Sky Sports. "I can play 90 minutes easily.\n\n'
            '"Tonight I could keep it up until the last minute. I have to just keep it going.\n\n'
            'He opened the scoring at Southampton.')
    assert quoted(text) == ["I felt good", "I can play 90 minutes easily.",
                            "Tonight I could keep it up until the last minute. I have to just keep it going."]


def test_unclosed_opening_mark_that_does_not_open_the_paragraph_still_pairs_nothing():
    assert quoted('He said "this never closes.\n\nProse.') == []


def test_a_continued_quote_joins_only_a_piece_that_opens_the_next_paragraph():
    text = ("“We will fight,” he said. “We shall never surrender.\n\n"
            "“A heading with no end\n\n"
            "Prose with a “scare” word.")
    pieces = quote_pieces(text)
    assert [text[p.start:p.end] for p in pieces] == ["We will fight", "We shall never surrender.", "scare"]
    assert pieces[1].group != pieces[2].group


def test_quotes_at_text_start_and_end():
    assert quoted('"Start here" and end "there"') == ["Start here", "there"]


def test_hard_wrapped_quote_crosses_a_line_but_not_an_indented_paragraph():
    text = (
        "A line of wire copy that is wrapped at a fixed width and goes\n"
        "on for a while before the quote, as wire stories often do here.\n"
        '    "This is certification of incompetence," private political\n'
        "analyst Stephen Hess told Reuters in commenting on the report.\n"
        '    "It\'s as if he went before a professional licensing board\n'
        'and was denied credentials."\n'
    )
    assert quoted(text) == [
        "This is certification of incompetence",
        "It's as if he went before a professional licensing board\nand was denied credentials.",
    ]


_WORDS = st.sampled_from(["He", "said", "we", "will", "win", "Blinken's", "don't", "allies'", "'90s",
                          "rock", "'n'", "roll", "“", "”", '"', "'", "‘", "’", ",", ".", "\n\n", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40))
def test_pairs_are_in_bounds_ordered_disjoint_and_stay_in_their_paragraph(words):
    text = " ".join(words)
    pairs = pair_quote_marks(text)
    paras = paragraph_bounds(text)
    previous_end = 0
    for start, end in pairs:
        assert 0 <= start < end <= len(text)
        assert start >= previous_end
        previous_end = end
        assert any(ps <= start and end <= pe for ps, pe in paras), (text, start, end)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Blinken's", "don't", "allies'", "'90s", "rock 'n' roll", "Trump’s", "the", "talks"]),
                min_size=1, max_size=6), st.integers(0, 2))
def test_adding_apostrophe_words_never_removes_a_real_quote(extra, where):
    base = ["Officials met.", "He said “we will win” today.", "She called it 'a disgrace' later."]
    base.insert(where, " ".join(extra))
    text = " ".join(base)
    assert {"we will win", "a disgrace"} <= set(quoted(text))


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=8), st.integers(-2, 90))
def test_inside_a_quote_lookup_agrees_with_a_scan_of_every_piece(bounds, pos):
    """The binary-search test of "is this offset inside a quote" answers as a
    scan of all pieces does, nested and overlapping pieces included."""
    from annotators.quotes import QuotePiece, QuoteCover

    pieces = [QuotePiece(start, start + length, k) for k, (start, length) in enumerate(bounds)]
    assert QuoteCover(pieces)(pos) == any(p.start <= pos < p.end for p in pieces)
