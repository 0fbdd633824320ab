"""Cleaning rules of session 9, each from an unseen outlet's page (the snippets are real text), and an HTML page."""
from __future__ import annotations

import pytest

from annotators.clean import clean_html, clean_pasted

from .clean_helpers import PAGES, body_lines


LEAD = ("Sydney crime figure George Alex will spend the next five days in a mental health "
        "facility as part of strict bail conditions.")
SECOND = ("The 43-year-old was arrested at a hotel in Sydney's city centre yesterday and charged "
          "with making threats to a number of people from April to September.")


def test_browser_support_prompt_is_chrome():
    raw = ("Your web browser is no longer supported. To improve your experience update it here\n\n"
           f"{LEAD}\n{SECOND}\n")
    assert body_lines(clean_pasted(raw)) == [LEAD, SECOND]


def test_copyright_line_ends_the_article_and_names_the_source():
    raw = (f"{LEAD}\n{SECOND}\nHe must also report to the Earlwood police station.\n"
           "© AAP 2024\nCONTACT US\n\nSend your stories to contact@9news.com.au\n\n"
           "Auto news: Can you actually win those car giveaways plastered all over social media?\n")
    cleaned = clean_pasted(raw)
    assert body_lines(cleaned) == [LEAD, SECOND, "He must also report to the Earlwood police station."]
    assert cleaned.source == "AAP"


def test_copyright_line_above_the_article_does_not_demote_it():
    raw = f"© 2024 Example News\n\n{LEAD}\n{SECOND}\n"
    assert body_lines(clean_pasted(raw)) == [LEAD, SECOND]


PERSAUD_LEAD = ("[]Head of the Presidential Secretariat and Cabinet Secretary, Dr. Roger Luncheon has come "
                "out in full defense of Natural Resources and Environment Minister, Robert Persaud.")


def test_sentence_shaped_caption_printed_twice_is_dropped():
    caption = "Minister for Natural Resources and the Environment, Robert Persaud."
    raw = f"Luncheon defends Natural Resources Minister\n\n{caption}\n{caption}\n\n{PERSAUD_LEAD}\n"
    cleaned = clean_pasted(raw)
    assert body_lines(cleaned) == [PERSAUD_LEAD]
    assert cleaned.title == "Luncheon defends Natural Resources Minister"


def test_caption_then_caption_with_credit_is_dropped():
    caption = "Union housing minister Hardeep Singh Puri at a press conference in New Delhi."
    lead = ("The union ministry of housing and urban affairs has sent a notice to news agency Press Trust "
            "of India seeking payment of dues worth Rs 84.48 crore for its headquarter at Parliament Street.")
    raw = f"{caption}\n{caption} (PTI File Photo )\n\n{lead}\n"
    assert body_lines(clean_pasted(raw)) == [lead]


def test_quote_paragraph_pasted_twice_in_a_row_is_kept_once():
    # Captions describe a photo; a doubled line that quotes someone is a
    # paragraph pasted twice, and losing both copies would lose a sentence.
    quote = ('"Our approach remains consistent," said the national security adviser on Sunday, '
             '"which is to put Ukraine in the strongest possible position."')
    raw = f"{LEAD}\n\n{quote}\n{quote}\n\n{SECOND}\n"
    assert body_lines(clean_pasted(raw)) == [LEAD, quote, SECOND]


def test_long_sentence_pasted_twice_in_a_row_is_kept_once():
    # No credit, no quote, longer than the captions seen printed twice: a
    # paragraph pasted twice; a stray repeat is cheaper than a lost sentence.
    para = ("The statement came during the minister's one-day visit to Vienna, where she met several "
            "officials, including the alliance's secretary general.")
    raw = f"{LEAD}\n\n{para}\n{para}\n\n{SECOND}\n"
    assert body_lines(clean_pasted(raw)) == [LEAD, para, SECOND]


def test_caption_printed_twice_between_paragraphs_does_not_split_the_article():
    # Alt text and caption are one photo: with one more chrome line they must
    # not make a gap that cuts the article in two (and drops the smaller half).
    caption = "Minister for Natural Resources and the Environment, Robert Persaud."
    more = ("Police said the two men had been questioned and released, and that inquiries were "
            "continuing into the circumstances of the arrest.")
    raw = f"{LEAD}\n\n{caption}\n{caption}\n\nAdvertisement\n\n{SECOND}\n\n{more}\n\n{PERSAUD_LEAD}\n"
    assert body_lines(clean_pasted(raw)) == [LEAD, SECOND, more, PERSAUD_LEAD]


def test_paragraph_repeated_later_on_the_page_is_kept():
    # A dek reprinted as a body paragraph further down is not a caption pair.
    dek = ("The notice comes two weeks after national broadcaster Prasar Bharati threatened to cancel "
           "its subscription to the news agency for its coverage.")
    raw = f"{dek}\n\nHT Correspondent\nHT Correspondent\nHindustan Times, New Delhi\n\n{LEAD}\n{SECOND}\n{dek}\n"
    assert dek in body_lines(clean_pasted(raw))


def test_closing_sentence_signed_with_a_wire_slug_is_kept():
    lead = ("New Delhi, Jan 17 (PTI) A fire broke out in a banquet hall in west Delhi's Pitampura area on "
            "Saturday evening, prompting authorities to rush 15 fire tenders to the spot, a Delhi Fire "
            "Services official said.")
    raw = f"{lead}\n\nFurther details are awaited. PTI SSJ NB\n"
    cleaned = clean_pasted(raw)
    assert body_lines(cleaned) == [lead, "Further details are awaited. PTI SSJ NB"]
    assert cleaned.source == "PTI"  # "City, Mon DD (AGENCY)" wire dateline


def test_parenthesised_acronym_after_a_name_is_not_a_wire_dateline():
    raw = ("The United Nations (UN) Secretary-General said on Monday that the talks would resume "
           "in Geneva next week.\n")
    assert clean_pasted(raw).source is None


def test_title_echoed_in_a_breadcrumb_beats_a_widget_line_above_it():
    title = "Centre asks PTI to pay dues of over Rs84 crore for its office"
    raw = f"Today in New Delhi, India\n\nHome / India News / {title}\n\n{title}\n\n{LEAD}\n{SECOND}\n"
    assert clean_pasted(raw).title == title


def test_photo_caption_is_not_taken_for_a_title():
    raw = f"Mkaka assuming the chairmanship of the Council of Ministers\n\nMANA\n\n{LEAD}\n{SECOND}\n"
    cleaned = clean_pasted(raw)
    assert cleaned.title is None
    assert cleaned.source == "MANA"  # an agency alone on the line above the body


def test_headline_with_an_ing_noun_is_still_a_title():
    raw = f"Sunday morning shooting leaves two dead in Camperdown\n\n{LEAD}\n{SECOND}\n"
    assert clean_pasted(raw).title == "Sunday morning shooting leaves two dead in Camperdown"


def test_widget_label_is_not_a_byline_and_a_desk_is():
    raw = ("Fire at banquet hall in Delhi's Pitampura, no casualty\n\n"
           f"author-image\nNewsDrum Desk\nNew Update\n\n{LEAD}\n")
    cleaned = clean_pasted(raw)
    assert cleaned.byline == "NewsDrum Desk"
    assert cleaned.source == "NewsDrum"


def test_byline_loses_a_date_without_year_and_its_icon_label():
    raw = f"STATEMENT: Reed on media speculation\n\nBy SFC Media time Fri 25 Apr Men's First team\n\n{LEAD}\n"
    assert clean_pasted(raw).byline == "SFC Media"


def test_source_label_line_names_the_source():
    raw = f"{LEAD}\n{SECOND}\n\nSource: National News Agency\n\nRelated Posts\n"
    assert clean_pasted(raw).source == "National News Agency"


@pytest.mark.parametrize("ending, source", [
    ("The minister also announced that they had received donated safety and test kits from the "
     "Jack Ma Foundation in China. (NAN)", "NAN"),
    ("“Using these, we are ready to work on curbing the cross-border crime, to make sure that we "
     "work as one,” he said. — MANA", "MANA"),
])
def test_agency_credit_closing_the_last_paragraph_names_the_source(ending, source):
    cleaned = clean_pasted(f"{LEAD}\n\n{ending}\n")
    assert cleaned.source == source
    assert body_lines(cleaned)[-1] == ending  # the credit stays with its sentence


def test_agency_sign_off_line_names_the_source():
    cleaned = clean_pasted(f"{LEAD}\n\n{SECOND}\n\n-- BERNAMA\n")
    assert cleaned.source == "BERNAMA"
    assert body_lines(cleaned) == [LEAD, SECOND]


def test_outlet_name_alone_on_the_last_line_is_the_source():
    cleaned = clean_pasted(f"Kindly Share This Story:\n\n{LEAD}\n\n{SECOND}\n\nVanguard\n")
    assert cleaned.source == "Vanguard"
    assert body_lines(cleaned) == [LEAD, SECOND]


def test_outlet_and_place_under_the_byline_names_the_source():
    raw = (f"Centre asks PTI to pay dues of over Rs84 crore for its office\n\n"
           f"HT Correspondent\nHindustan Times, New Delhi\n\n{LEAD}\n{SECOND}\n")
    cleaned = clean_pasted(raw)
    assert (cleaned.byline, cleaned.source) == ("HT Correspondent", "Hindustan Times")
    assert body_lines(cleaned) == [LEAD, SECOND]


def test_a_dateline_alone_under_the_byline_is_not_the_source():
    raw = f"Senate passes the budget bill\n\nBy Jane Doe\nWASHINGTON, D.C.\n\n{LEAD}\n{SECOND}\n"
    assert clean_pasted(raw).source is None


def test_person_name_alone_on_the_last_line_is_a_byline_not_the_source():
    cleaned = clean_pasted(f"{LEAD}\n\n{SECOND}\n\nJane Doe\n")
    assert cleaned.byline == "Jane Doe"
    assert cleaned.source is None


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
