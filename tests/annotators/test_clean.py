"""Tests for annotators.clean: the five seed pages, real pages from other
outlets (tests/fixtures/pages, origins in SOURCES.md), normalisation."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from annotators.clean import clean_html, clean_markdown, clean_pasted, normalise_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_data"
PAGES = ROOT / "tests" / "fixtures" / "pages"


def sample(prefix: str) -> str:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def body_lines(cleaned) -> list[str]:
    return cleaned.text.split("\n\n")


def squash(s: str) -> str:
    return " ".join(s.split())


# --------------------------------------------------------------------------
# seed samples
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# real pages beyond the seeds (tests/fixtures/pages, see SOURCES.md)
# --------------------------------------------------------------------------

EXPECTED_PAGES = sorted(p.stem for p in PAGES.glob("*.txt") if p.with_suffix(".expected.json").exists())


def page(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text(encoding="utf-8")


def test_there_are_at_least_four_real_pages_beyond_the_seeds():
    assert len(EXPECTED_PAGES) >= 4


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_real_page_keeps_every_body_line(name):
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    kept = set(body_lines(clean_pasted(page(name))))
    missing = [l for l in expected["body_lines"] if normalise_text(l).strip() not in kept]
    assert missing == []


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_real_page_drops_every_chrome_line(name):
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    kept = set(body_lines(clean_pasted(page(name))))
    left = [l for l in expected["chrome_lines"] if normalise_text(l).strip() in kept]
    assert left == []


@pytest.mark.parametrize("name, field, value", [
    ("reuters_south_sudan", "title", "South Sudan minister denies rebels control oil fields"),
    ("reuters_south_sudan", "byline", "Reuters Staff"),
    ("reuters_south_sudan", "source", "Reuters"),
    ("reuters_south_sudan", "published", "2013-12-23"),
    ("chinagate_xinhua_oilfields", "source", "Xinhua"),
    ("chinagate_xinhua_oilfields", "published", "2015-06-07"),
    ("turkishpress_anadolu_oilfields", "byline", "Atem Simon"),
    ("turkishpress_anadolu_oilfields", "source", "Anadolu Agency"),
    ("pressreader_lvrj_latino_sites", "title", "Latino historical memory in U.S. fades"),
    ("pressreader_lvrj_latino_sites", "byline", "Russell Contreras"),
    ("pressreader_lvrj_latino_sites", "source", "The Associated Press"),
    ("devdiscourse_akar_statement", "source", "Reuters"),
    ("sixgunsiding_blog_latino_sites", "title", "US lacks Latino historical sites and landmarks, scholars say"),
    ("sixgunsiding_blog_latino_sites", "published", "2018-10-14"),
    ("financialpost_grain_deal", "title",
     "Turkish defense minister says believes U.N.-brokered grains deal will continue -statement"),
    ("bermudasun_gun_seized", "published", "2013-06-18"),
    # "Published: <date>" / "Date: <date>": the label is not the outlet.
    ("blogspot_upi_embassy_gunfire", "source", None),
    ("blogspot_upi_embassy_gunfire", "published", "2012-03-27"),
    ("whitehousepool_foreign_pool_obama", "source", None),
    ("whitehousepool_foreign_pool_obama", "published", "2016-09-19"),
])
def test_real_page_metadata(name, field, value):
    assert getattr(clean_pasted(page(name)), field) == value


def test_real_page_last_paragraph_without_full_stop_is_kept():
    text = clean_pasted(page("chinagate_xinhua_oilfields")).text
    assert text.endswith("forced around 1.9 million people to flee their homes. Endit")


def test_real_page_last_paragraph_with_credit_after_an_em_dash_is_kept():
    text = clean_pasted(page("maraviexpress_sadc_ministers")).text
    assert text.endswith("he said.\u2014Reported by Nellie Kapatuka and Chimwemwe Njoloma")


def test_date_only_line_with_full_stop_is_chrome_and_colon_lead_in_is_body():
    raw = ("June 18, 2013 at 8:23 p.m.\n"
           "Police released a statement on Wednesday saying that the two suspects remained in custody:\n"
           "\"Both suspects remain in police custody pending further inquiries, and a full investigation is underway.\"\n"
           "Share this story:\n")
    cleaned = clean_pasted(raw)
    lines = body_lines(cleaned)
    assert lines[0].startswith("Police released a statement")
    assert "June 18, 2013 at 8:23 p.m." not in lines
    assert "Share this story:" not in lines
    assert cleaned.published == "2013-06-18"


def test_real_page_in_body_ad_slot_does_not_cut_the_article():
    text = clean_pasted(page("financialpost_grain_deal")).text
    assert "(Reporting by Ece Toksabay)" in text
    assert "Article content" not in text
    assert "Postmedia is committed" not in text  # comment-section prose after "Comments"


def test_real_page_two_word_subheading_inside_body_is_kept():
    lines = body_lines(clean_pasted(page("bloomberg_south_sudan_oil")))
    assert "Civilians Flee" in lines


def test_clean_html_reuters_page():
    html = (PAGES / "reuters_parasite_trimmed.html").read_text(encoding="utf-8")
    cleaned = clean_html(html)
    assert cleaned.title == "'Parasite' scores historic upset at SAG awards, boosting Oscar chances"
    assert cleaned.byline == "Jill Serjeant"
    assert cleaned.published == "2020-01-19"
    assert cleaned.url == "https://www.reuters.com/article/us-awards-sag-idUSKBN1ZI0EH"
    assert cleaned.text.startswith("South Korean thriller “Parasite” was the upset winner")
    assert cleaned.text.endswith("It’s been the most beautiful dream,” Waller-Bridge said.")
    for chrome in ("Sign up for our newsletter", "About Reuters", "Advertisement", "REUTERS/Monica Almeida"):
        assert chrome not in cleaned.text
        assert any(chrome in d for d in cleaned.dropped)


# --------------------------------------------------------------------------
# markdown
# --------------------------------------------------------------------------

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
