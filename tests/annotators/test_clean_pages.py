"""Cleaning real pages beyond the seeds (tests/fixtures/pages, see SOURCES.md): body, chrome and metadata pinned per page."""
from __future__ import annotations

import json

import pytest

from annotators.clean import clean_pasted, normalise_text

from .clean_helpers import PAGES, EXPECTED_PAGES, body_lines, page


def test_there_are_at_least_four_real_pages_beyond_the_seeds():
    assert len(EXPECTED_PAGES) >= 4


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_real_page_keeps_every_body_line(name):
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    kept = set(body_lines(clean_pasted(page(name))))
    missing = [l for l in expected["body_lines"] if normalise_text(l).strip() not in kept]
    assert missing == []


# Known misses, kept visible rather than relabelled: the photo caption below
# is a sentence fragment (no main verb) with no credit and no repeat; telling
# it from a lead paragraph needs a parser the cleaner does not use, and a
# stray line is better than a lost sentence. The test pins exactly what is
# left, so any other leftover fails it, and so does fixing this one (then
# empty the entry). bench/clean_eval.py counts it (chrome dropped 0.86 there).
KNOWN_CHROME_LEFT = {
    "ninenews_aap_crime_figure_bail": [
        "Sydney crime figure George Alex, who has been granted bail over charges of issuing threats."],
    # The same kind of miss on a live page: a photo's caption between a post's
    # heading and its first paragraph, a bare name and a verbless line, with
    # no credit and no repeat.
    "bbc_live_johnson_resignation_day": [
        "Andrew Bowie", "Michael Gove and Boris Johnson campaign for Brexit in 2016"],
    # Held-out session-10 page (scored once, not tuned on): a one-sentence
    # photo caption under the headline's reprint, no credit, no repeat.
    "irishexaminer_cork_drugs_detention": [
        "Gardaí seized €32.8m worth of drugs seized in Co Cork on Friday."],
    # Round D, held out (scored once before the rules it then prompted: the
    # author box "Name | Role" and its bio, a credit broken over lines ending in
    # a lone ")", three or more headline + one-sentence teasers ending the page).
    # Left: Denver Post's photo credit (the outlet's name alone) and dated
    # one-sentence caption; ABC's alt text above an in-body photo's caption.
    "denverpost_aurora_police_shooting": [
        "The Denver Post",
        "Officers were involved in a shooting near East 35th Place and Sable Boulevard in Aurora on Monday, June 22, 2020."],
    "abc_au_wollongong_covid_death": [
        "The front of rundown hotel, where part of the signs are missing"],
    # The Hindu: a paywall sentence with no end mark after the body.
    "thehindu_chennai_video_arrest": [
        "This is a Premium article available exclusively to our subscribers. To read 250+ such premium articles "
        "every month"],
}


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_real_page_drops_every_chrome_line_but_the_known_misses(name):
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    kept = set(body_lines(clean_pasted(page(name))))
    left = [l for l in expected["chrome_lines"] if normalise_text(l).strip() in kept]
    assert left == KNOWN_CHROME_LEFT.get(name, [])


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
    # session 9: leftovers from the session-8 pages
    ("southamptonfc_reed_statement", "byline", "SFC Media"),
    ("maraviexpress_sadc_ministers", "title", None),  # the only headline-like line is a photo caption
    ("maraviexpress_sadc_ministers", "source", "MANA"),
    ("vanguard_lai_mohammed_negative", "source", "NAN"),
    # session 9 unseen-outlet pages: labelled before the cleaner was run on them
    ("ninenews_aap_crime_figure_bail", "title", "Crime figure banned from entering aquarium, train station"),
    ("ninenews_aap_crime_figure_bail", "byline", None),
    ("ninenews_aap_crime_figure_bail", "source", "AAP"),
    ("ninenews_aap_crime_figure_bail", "published", None),
    ("hindustantimes_pti_office_dues", "title", "Centre asks PTI to pay dues of over Rs84 crore for its office"),
    ("hindustantimes_pti_office_dues", "byline", "HT Correspondent"),
    ("hindustantimes_pti_office_dues", "source", "Hindustan Times"),  # "Outlet, City" under the byline
    ("hindustantimes_pti_office_dues", "published", "2020-07-14"),
    ("newsdrum_pti_banquet_fire", "title", "Fire at banquet hall in Delhi's Pitampura, no casualty"),
    ("newsdrum_pti_banquet_fire", "byline", "NewsDrum Desk"),
    ("newsdrum_pti_banquet_fire", "source", "PTI"),
    ("newsdrum_pti_banquet_fire", "published", None),
    ("inewsguyana_luncheon_persaud", "title", "Luncheon defends Natural Resources Minister"),
    ("inewsguyana_luncheon_persaud", "byline", None),
    ("inewsguyana_luncheon_persaud", "source", None),
    ("inewsguyana_luncheon_persaud", "published", None),
    ("onlinearabnews_nna_jarrah_statement", "title",
     "Jarrah after ministerial statement meeting: We have finalized statement drafting"),
    ("onlinearabnews_nna_jarrah_statement", "byline", None),
    ("onlinearabnews_nna_jarrah_statement", "source", "National News Agency"),
    ("onlinearabnews_nna_jarrah_statement", "published", None),  # "Sunday, May 26" has no year
    ("adomonline_lands_ministry_statement", "title", None),
    ("adomonline_lands_ministry_statement", "byline", None),
    ("adomonline_lands_ministry_statement", "source", "Adomonline"),
    ("adomonline_lands_ministry_statement", "published", None),
    ("astroawani_bernama_ministry_name", "title", None),
    ("astroawani_bernama_ministry_name", "byline", None),
    ("astroawani_bernama_ministry_name", "source", "BERNAMA"),
    ("astroawani_bernama_ministry_name", "published", None),
    ("pulse_apo_cavusoglu_biruta", "title", None),
    ("pulse_apo_cavusoglu_biruta", "byline", None),
    ("pulse_apo_cavusoglu_biruta", "published", None),
    # session 10 unseen-outlet pages: labelled before the cleaner was run on them
    ("cna_chan_political_salaries", "title", "Salaries of political office holders to be reviewed: Chan Chun Sing"),
    ("cna_chan_political_salaries", "byline", None),
    ("cna_chan_political_salaries", "source", None),  # "SINGAPORE:" dateline without agency; CNA only in a photo credit
    ("cna_chan_political_salaries", "published", None),  # "(Jan 12)" has no year
    ("news24_lesufi_maile_call", "title",
     "'The conversation was unfortunate': Panyaza Lesufi responds to MEC's attack on News24 journalist"),
    ("news24_lesufi_maile_call", "byline", "Cebelihle Bhengu"),
    ("news24_lesufi_maile_call", "source", None),
    ("news24_lesufi_maile_call", "published", None),  # "3m ago"
    ("standardmedia_ke_protest_victims_panel", "title", None),  # no headline in the paste
    ("standardmedia_ke_protest_victims_panel", "byline", None),
    ("standardmedia_ke_protest_victims_panel", "source", None),
    ("standardmedia_ke_protest_victims_panel", "published", None),  # the date is in a photo caption
    ("daily8_rnz_ipca_wrong_powers", "title", "Police use wrong powers to arrest emotional man after death of partner"),
    ("daily8_rnz_ipca_wrong_powers", "byline", None),
    ("daily8_rnz_ipca_wrong_powers", "source", "RNZ News"),  # "RNZ News5 days ago" under the title
    ("daily8_rnz_ipca_wrong_powers", "published", None),
    ("inkl_men_bolton_referendum", "title", "Should Bolton leave Greater Manchester? Residents give their opinion"),
    ("inkl_men_bolton_referendum", "byline", "Chris Gee"),
    ("inkl_men_bolton_referendum", "source", "Manchester Evening News"),  # outlet printed above the byline
    ("inkl_men_bolton_referendum", "published", None),
    ("bbc_live_johnson_resignation_day", "title", None),  # live page pasted from below its headline
    ("bbc_live_johnson_resignation_day", "byline", "Jamie Whitehead"),  # "Edited by Jamie Whitehead"
    ("bbc_live_johnson_resignation_day", "source", None),
    ("bbc_live_johnson_resignation_day", "published", None),
    ("techstuff_techcrunch_week_in_apps", "title",
     "This Week in Apps: Conservative apps surge, Instagram redesigned, TikTok gets ghosted"),
    ("techstuff_techcrunch_week_in_apps", "byline", None),
    ("techstuff_techcrunch_week_in_apps", "source", None),
    ("techstuff_techcrunch_week_in_apps", "published", None),  # "Published / on" with the date missing
    ("shillongtimes_afp_rooney_goal", "title", "Rooney wonder goal sets up United victory"),
    ("shillongtimes_afp_rooney_goal", "byline", None),
    ("shillongtimes_afp_rooney_goal", "source", "AFP"),  # "(AFP)" sign-off
    # "Wednesday, March 5, 2025" is the site's today, not the story's (2014)
    ("shillongtimes_afp_rooney_goal", "published", None),
    # session 10 held-out pages: labelled first, scored once with the final rules
    ("scoop_nz_police_watchful_witness", "title", "Watchful Witness Assists In Arrests"),
    ("scoop_nz_police_watchful_witness", "byline", None),
    ("scoop_nz_police_watchful_witness", "source", "New Zealand Police"),  # "Press Release: New Zealand Police"
    ("scoop_nz_police_watchful_witness", "published", "2024-08-09"),
    ("irishexaminer_cork_drugs_detention", "title",
     "Men arrested in connection with €32.8m Cork drugs find appear in court over detention extension"),
    ("irishexaminer_cork_drugs_detention", "byline", None),
    ("irishexaminer_cork_drugs_detention", "source", None),
    ("irishexaminer_cork_drugs_detention", "published", None),
    ("thestar_ann_shanmugam_security", "title", None),
    ("thestar_ann_shanmugam_security", "byline", None),
    ("thestar_ann_shanmugam_security", "source", "The Straits Times/ANN"),  # "SINGAPORE (The Straits Times/ANN):"
    ("thestar_ann_shanmugam_security", "published", None),
    ("dafanews_fc_goa_pena_hattrick", "title",
     "“It is important for a striker to score goals,” says FC Goa boss Carlos Pena as Iker Guarrotxena "
     "scores a 12-minute hattrick against East Bengal"),
    ("dafanews_fc_goa_pena_hattrick", "byline", None),
    ("dafanews_fc_goa_pena_hattrick", "source", None),
    ("dafanews_fc_goa_pena_hattrick", "published", None),
] + [
    # Rounds C and D (held out; labelling calls in tests/fixtures/pages/SOURCES.md): the
    # expected fields live in each page's expected.json under "metadata".
    (name, field, json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))["metadata"][field])
    for name in EXPECTED_PAGES
    if "metadata" in json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    for field in ("title", "byline", "source", "published")
])
def test_real_page_metadata(name, field, value):
    expected = KNOWN_WRONG_METADATA.get((name, field), value)
    assert getattr(clean_pasted(page(name)), field) == expected


# Known metadata misses, pinned like KNOWN_CHROME_LEFT (the right value stays
# in the list above; fixing one fails the test, then delete the entry):
# - the outlet's name printed twice above the byline on an aggregator page
#   is not read as the source (nothing in its shape says outlet rather than
#   section);
# - a question above a live page ("Got a TV Licence?") has headline shape;
# - a site's own date line at the top of the page (today's date, not the
#   story's) has the shape of a dateline.
KNOWN_WRONG_METADATA = {
    ("inkl_men_bolton_referendum", "source"): None,
    ("bbc_live_johnson_resignation_day", "title"): "Got a TV Licence?",
    ("shillongtimes_afp_rooney_goal", "published"): "2025-03-05",
    # held out, not tuned on: "Press Release: <Org>" is not read as a source
    # label, and a wire dateline's credit with a slash ("(The Straits
    # Times/ANN)") is outside the dateline pattern.
    ("scoop_nz_police_watchful_witness", "source"): None,
    ("thestar_ann_shanmugam_security", "source"): None,
    # Round C: a site slogan above a headline printed once ("Most Widely Read
    # Newspaper") has headline shape too; a headline in caption grammar
    # ("Cell C moving to MTN's network") is never taken for the title; a
    # masthead line is not read as the source; "By K8 Newsdesk" (the byline's
    # desk) is preferred to the "(KAIT)" dateline's call sign.
    ("punch_alagbado_police_shooting", "title"): "Most Widely Read Newspaper",
    ("businesslive_cell_c_mtn_roaming", "title"): None,
    ("expressandstar_erdington_stabbing_appeal", "source"): None,
    ("kait8_stone_county_deputy_leave", "source"): "K8",
    # Round D, held out, not tuned on: a byline with the name missing ("By |
    # <e-mail> | <Outlet>") gives the e-mail; an image's alt text between the
    # "Posted , updated" line and its caption ("COVID Wollongong") is taken for
    # the byline over "By Kelly Fuller and Tim Fernandez"; a photo gallery's
    # first caption, above the headline, is taken for the title.
    ("denverpost_aurora_police_shooting", "byline"): "sbradbury@denverpost.com |",
    ("abc_au_wollongong_covid_death", "byline"): "COVID Wollongong",
    ("thenational_uae_drug_networks", "title"):
        "Dubai Police helped thwart numerous international drug smuggling attempts including one that "
        "attempted to hide the drugs in sweets. Photos courtesy Dubai Police",
}


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
