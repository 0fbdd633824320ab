"""Cleaning the five sample articles (sample_data/): chrome out, every sentence kept, metadata."""
from __future__ import annotations

import pytest

from annotators.clean import clean_pasted, normalise_text

from .clean_helpers import sample, body_lines, squash


SEED_CHROME = [
    "Skip to content", "Edit post", "• en", "ON NOW", "* indicates required",
    "Subscribe", "Enter your email to subscribe", "Follow us on:",
    "Follow us on social networks", "Leave a review", "News Line", "Politics",
    "MORE NEWS", "Editors' Picks", "News Feed", "5:04 PM",
    "This audio is created with AI assistance", "Faridah Abdulkadiri",
    "Please, enter correct email address", "Successfuly subscribed",
    "Explaining Ukraine with Kate Tsurkan",
    "Thank you for signing up for this newsletter. We’ve sent you a confirmation email.",
    "by The Kyiv Independent news desk November 13, 2024 1:56 PM 2 min read",
]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_body_has_no_chrome_line(prefix):
    lines = set(body_lines(clean_pasted(sample(prefix))))
    assert not lines & set(SEED_CHROME)


def test_seed_002_photo_caption_and_teasers_are_dropped():
    text = clean_pasted(sample("002")).text
    assert "(Nicolas Tucat/POOL/AFP via Getty Images)" not in text
    assert "Trump stuns officials after naming Fox News host" not in text
    assert "How will Russia’s war end?" not in text
    assert "lays out the four scenarios" not in text


def test_seed_000_without_chrome_loses_nothing():
    raw = sample("000")
    cleaned = clean_pasted(raw)
    assert squash(cleaned.text) == squash(normalise_text(raw))
    assert cleaned.dropped == ()


SEED_SENTENCES = {
    "001": [
        "The top U.S. diplomat on Wednesday assured allies in Brussels",
        "Ukrainian Foreign Minister Andrii Sybiha told Blinken that the war was at a critical moment",
        "After less than a day in Brussels, Blinken headed to Latin America",
    ],
    "002": [
        "The Biden administration plans to increase U.S. military assistance to Ukraine",
        "Trump has previously claimed he could end the war in a day",
        "With only a few months left, the Biden administration plans to expedite",
        "\"Our approach remains consistent,\" said U.S. National Security Advisor Jake Sullivan",
    ],
    "003": [
        "US Secretary of State Antony Blinken is set to meet NATO and EU officials on Wednesday",
        "The Washington Post reported that Trump held a phone call with Putin",
        "US media suggested that Trump may appoint Republican Senator Marco Rubio",
        "pointing to what he describes as a “stalemate” in the conflict.",
    ],
    "004": [
        "U.S. Secretary of State Antony Blinken is set to attend what could be his final NATO meeting",
        "Beyond Ukraine, Blinken will also focus on expanding NATO’s cooperation",
        "The meeting in Brussels, therefore, marks a critical moment in shaping NATO’s approach",
    ],
}


@pytest.mark.parametrize("prefix", sorted(SEED_SENTENCES))
def test_seed_article_sentences_survive(prefix):
    text = clean_pasted(sample(prefix)).text
    for sentence in SEED_SENTENCES[prefix]:
        assert sentence in text


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_seed_every_long_sentence_line_is_kept(prefix):
    """Every paragraph of the page that is not a caption or a teaser stays."""
    raw = normalise_text(sample(prefix))
    kept = set(body_lines(clean_pasted(raw)))
    not_article = ("(Nicolas Tucat", "President-elect Donald Trump has named",
                   "Incoming U.S. President Donald Trump promised", "Thank you for signing up")
    paragraphs = [l.strip() for l in raw.split("\n")
                  if len(l.split()) >= 15 and l.rstrip()[-1] in ".!?\"”"
                  and not any(marker in l for marker in not_article)]
    assert paragraphs and all(p in kept for p in paragraphs)


def test_seed_004_keeps_its_subheadings():
    lines = body_lines(clean_pasted(sample("004")))
    for heading in ("Ukraine Support at the Forefront of NATO’s Agenda",
                    "Blinken’s Strategic Discussions at NATO",
                    "Post-NATO Visit Plans: Malta and OSCE Meeting",
                    "Trump vs. Biden on Ukraine: A Changing U.S. Stance"):
        assert heading in lines
    assert lines.index("Blinken’s Strategic Discussions at NATO") < lines.index(
        "Post-NATO Visit Plans: Malta and OSCE Meeting")


@pytest.mark.parametrize("prefix, title", [
    ("001", "Blinken Wraps Up Europe Trip, Pledges To Shore Up Ukraine Support Ahead Of Transition"),
    ("002", "Blinken meets NATO's Rutte, pledges to 'shore up' Ukraine support before Trump transition"),
    ("003", "Blinken To Meet NATO Allies In Brussels Amid Rising Concerns For Ukraine Over Trump Victory"),
])
def test_seed_title_found_and_not_in_body(prefix, title):
    cleaned = clean_pasted(sample(prefix))
    assert cleaned.title == title
    assert title not in cleaned.text


def test_seed_001_title_printed_twice_is_dropped_twice():
    cleaned = clean_pasted(sample("001"))
    assert cleaned.dropped.count(cleaned.title) == 2


def test_seed_002_byline_source_and_date():
    cleaned = clean_pasted(sample("002"))
    assert cleaned.byline == "The Kyiv Independent news desk"
    assert cleaned.source == "The Kyiv Independent"
    assert cleaned.published == "2024-11-13"


def test_seed_003_byline_after_body():
    cleaned = clean_pasted(sample("003"))
    assert cleaned.byline == "Faridah Abdulkadiri"
    assert cleaned.text.rstrip().endswith("a “stalemate” in the conflict.")


def test_seed_003_dek_is_kept_as_first_paragraph():
    first = body_lines(clean_pasted(sample("003")))[0]
    assert first.startswith("US Secretary of State Blinken is set to meet NATO allies")


def test_seed_without_metadata_gets_none_not_a_filename_guess():
    cleaned = clean_pasted(sample("000"), filename="000_bd3c123d996fe42b.txt")
    assert (cleaned.title, cleaned.byline, cleaned.source, cleaned.published) == (None, None, None, None)


def test_dropped_lists_removed_lines_in_page_order():
    cleaned = clean_pasted(sample("002"))
    assert cleaned.dropped[:3] == ("Skip to content", "Edit post", cleaned.title)
    assert cleaned.dropped[-1].startswith("Thank you for signing up")
