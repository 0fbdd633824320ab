"""Markdown input and normalise_text: line breaks, control characters, composition, offsets."""
from __future__ import annotations

import unicodedata

import pytest

from annotators.clean import clean_markdown, clean_pasted, normalise_text

from .clean_helpers import sample, body_lines


def test_clean_markdown_heading_links_and_emphasis():
    md = (
        "# Blinken visits Brussels\n\n"
        "US Secretary of State **Antony Blinken** met [NATO](https://nato.int) chief "
        "*Mark Rutte* on Wednesday, officials said.\n\n"
        "## What comes next\n\n"
        "![photo](https://x/y.jpg)\n\n"
        "Blinken said the administration would `use every day` to support Ukraine before January.\n\n"
        "Subscribe\n"
    )
    cleaned = clean_markdown(md)
    assert cleaned.title == "Blinken visits Brussels"
    assert body_lines(cleaned) == [
        "US Secretary of State Antony Blinken met NATO chief Mark Rutte on Wednesday, officials said.",
        "What comes next",
        "Blinken said the administration would use every day to support Ukraine before January.",
    ]


# --------------------------------------------------------------------------
# normalise_text
# --------------------------------------------------------------------------

@pytest.mark.parametrize("brk", ["\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_normalise_line_break_becomes_newline(brk):
    assert normalise_text(f"one{brk}two") == "one\ntwo"


def test_normalise_result_splits_like_textual_document():
    s = normalise_text("a\r\nb\rc\u2028d\u2029e\x85f\x0bg\x0ch\x1ci\x1dj\x1ek")
    assert s.splitlines() == s.split("\n")


def test_normalise_drops_nul_and_control_chars_keeps_tab():
    assert normalise_text("a\x00b\x07c\x1bd\te") == "abcd\te"


def test_normalise_strips_bom():
    assert normalise_text("\ufeffHeadline") == "Headline"


def test_normalise_composes_combining_characters():
    decomposed = "Zelenskyi\u0301 cafe\u0301"
    out = normalise_text(decomposed)
    assert out == unicodedata.normalize("NFC", decomposed)
    assert "\u0301" not in out.replace("i\u0301", "")  # é is one code point now
    assert out.endswith("caf\u00e9")


def test_normalise_removes_trailing_spaces_only():
    assert normalise_text("  lead  \t\nnext \u00a0\n") == "  lead\nnext\n"


def test_offsets_of_cleaned_text_match_its_own_lines():
    """Spans are offsets into CleanedText.text; lines must not drift."""
    raw = sample("002").replace("\n", "\r\n") + "\u2028tail"
    text = clean_pasted(raw).text
    assert "\r" not in text and "\u2028" not in text
    assert text.splitlines() == text.split("\n")
