"""Cleaning rules of session 10 (snippets from the session-10 pages), each with the guard beside it."""
from __future__ import annotations

from annotators.clean import clean_pasted

from .clean_helpers import PAGES, body_lines


LEAD = ("LONDON: Wayne Rooney scored twice, the first an astonishing 58-metre volleyed contender for "
        "Goal of the Season, as Manchester United won their second game in four days on Saturday.")
SECOND = ("The two goals moved Rooney above Jack Rowley into third place on United’s all-time scoring "
          "chart with 212 behind Bobby Charlton and Denis Law.")


def test_bracketed_agency_after_two_sentences_is_a_sign_off_not_a_caption():
    last = ("Villa began brightly with Christian Benteke giving them the lead, but the match was "
            "transformed with two quick goals. Steven Nzonzi made it 3-1 before the break. (AFP)")
    cleaned = clean_pasted("\n\n".join([LEAD, SECOND, last, "spot_img"]))
    assert body_lines(cleaned)[-1] == last
    assert cleaned.source == "AFP"


def test_guard_one_sentence_with_agency_credit_is_still_a_caption():
    caption = "Rescuers search the rubble of a collapsed building in the city centre on Monday. (AFP)"
    lines = body_lines(clean_pasted("\n\n".join([caption, LEAD, SECOND])))
    assert caption not in lines and lines[0] == LEAD


APPS_INTRO = ("Welcome back to This Week in Apps, the TechCrunch series that recaps the latest OS news, "
              "the applications they support and the money that flows through it all.")
APPS_SECTION = [
    "The Trump administration seemingly forgot it had banned the TikTok app in the U.S., as the president "
    "focused this week instead on sowing doubt over the integrity of the U.S. elections.",
    "The inaction on the Trump administration’s part revealed what many suspected all along: that the "
    "TikTok ban was largely performative.",
    "Earlier this week, TikTok went public with the fact that it hadn’t heard anything about its ban for "
    "weeks, despite the fact that it had a deadline of November 12 to divest its U.S. assets.",
    "TikTok had earlier asked for an extension, but never heard back, it said.",
]


def test_tail_marker_heading_three_paragraphs_is_a_section_of_the_article():
    raw = "\n\n".join([APPS_INTRO, "Top Stories", "Trump administration backs down on TikTok ban",
                       "(Photo by AaronP/Bauer-Griffin/GC Images)"] + APPS_SECTION)
    lines = body_lines(clean_pasted(raw))
    assert lines[0] == APPS_INTRO and all(p in lines for p in APPS_SECTION)


def test_guard_tail_marker_over_teasers_still_ends_the_body():
    raw = "\n".join(APPS_SECTION + [
        "Related Articles",
        "Police deal with surge in theft reports as tech company upskills stores",
        "Police were alerted in March to the shift in behaviour by an Auckland firm, a spokesperson said.",
        "Paul Reid expected to be named head of new planning body",
        "Former HSE boss Paul Reid is expected to be named as the chairperson of the new planning body."])
    lines = body_lines(clean_pasted(raw))
    assert lines == APPS_SECTION


BOLTON = [
    "This week, Bolton council debated calls for the borough to leave Greater Manchester after a petition "
    "with more than 3,000 names supporting the move was handed in.",
    "We asked people out in Bolton town centre about their views on the matter…",
    "Amid the background of preparations for this weekend’s huge UK Ironman events in Victoria Square, "
    "shoppers in Bolton were braving the summer rain.",
    "It’s fair to say the vast majority of Boltonians spoken to consider their identity to be Lancastrian, "
    "but whether they see the need to move away from Greater Manchester seemed more nuanced.",
]


def test_ellipsis_line_between_paragraphs_is_the_articles_lead_in():
    promo = "Try MEN Premium for FREE by clicking here for no ads, fun puzzles and brilliant new features."
    raw = "\n\n".join(BOLTON[:1] + [promo] + BOLTON[1:])
    lines = body_lines(clean_pasted(raw))
    assert lines == BOLTON  # the promo built on a lost link goes, the lead-in stays


def test_guard_teaser_cut_with_an_ellipsis_under_its_headline_still_goes():
    raw = "\n".join(APPS_SECTION + [
        "Trump stuns officials after naming Fox News host as defence secretary",
        "President-elect Donald Trump has named Fox News host Pete Hegseth as his pick for secretary of "
        "defence, a choice that…"])
    assert body_lines(clean_pasted(raw)) == APPS_SECTION


def test_guard_click_without_here_is_not_a_link_prompt():
    line = "Users who click on the link are taken to a page that asks for their Facebook password, police said."
    assert line in body_lines(clean_pasted("\n\n".join([LEAD, line, SECOND])))


RNZ_BODY = [
    "The police watchdog has found officers used the wrong powers to arrest a man who says he was "
    "overcome with grief at the sudden death of his partner.",
    "In a statement responding to the findings, police say the man was \"extremely agitated\" and hard to engage with.",
    "Police said he should have instead been detained under the Mental Health Act.",
]


def test_prompt_sentences_after_the_last_paragraph_are_chrome():
    raw = "\n".join(RNZ_BODY + [
        "Sign up for Ngā Pitopito Kōrero", ",",
        "a daily newsletter curated by our editors and delivered straight to your inbox every weekday.",
        "Orange background", "Try Our AI Features", "Explore what Daily8 AI can do for you:", "Comments"])
    assert body_lines(clean_pasted(raw)) == RNZ_BODY


def test_prompt_sentences_above_the_first_paragraph_are_chrome():
    raw = "\n".join([
        "Got a TV Licence?",
        "You need one to watch live TV on any channel or device, and BBC programmes on iPlayer. It’s the law.",
        "Find out more", "I don’t have a TV Licence.", "Live Reporting", "Edited by Jamie Whitehead",
        "All times stated are UK", "Get involved"] + RNZ_BODY)
    cleaned = clean_pasted(raw)
    assert body_lines(cleaned) == RNZ_BODY
    assert cleaned.byline == "Jamie Whitehead"


def test_guard_reader_address_against_the_article_stays():
    pool = ("8 minutes earlier than originally scheduled, President Obama made the statement on the New York "
            "and New Jersey bombings. Only a half hour ago, your foreign pooler was just notified.")
    inner = "If you have any information about the burglary, please call Police on 105."
    raw = "\n".join(["Subject: Foreign Pool Report", "To: pool", pool, RNZ_BODY[0], inner] + RNZ_BODY[1:]
                    + ["Share this:", "Facebook", "Twitter"])
    lines = body_lines(clean_pasted(raw))
    assert lines == [pool, RNZ_BODY[0], inner] + RNZ_BODY[1:]


def test_guard_short_last_sentence_after_share_buttons_stays():
    last = "The IPCA says police now accept its new findings."
    raw = "\n".join(RNZ_BODY + [last, "Share this:", "Facebook", "Twitter", "Email"])
    assert body_lines(clean_pasted(raw))[-1] == last


CNA_TITLE = "Salaries of political office holders to be reviewed: Chan Chun Sing"
CNA_DEK = ("A scheduled review in 2023 was deferred due to the uncertain external environment and the "
           "downside risks in the global economy at that time.")
CNA_BODY = [
    "SINGAPORE: The salaries of political office holders will be reviewed soon, Minister-in-charge of the "
    "Public Service Chan Chun Sing said on Monday (Jan 12).",
    "“It is therefore timely to undertake a review.”",
    "The framework covers the salaries of all political appointment holders, as well as MPs and NMPs.",
]


def test_widget_between_title_reprint_and_first_paragraph_is_header():
    raw = "\n".join(["Singapore", CNA_TITLE, CNA_DEK, CNA_TITLE,
                     "A view of Parliament House in Singapore. (File photo: CNA/Syamil Sapari)",
                     "Listen", "2 min", "New: You can now listen to articles.",
                     "This audio is generated by an AI tool.", "Read a summary of this article on FAST.",
                     "FAST"] + CNA_BODY)
    cleaned = clean_pasted(raw)
    assert body_lines(cleaned) == [CNA_DEK] + CNA_BODY
    assert cleaned.title == CNA_TITLE


def test_guard_without_a_prompt_short_lines_under_a_reprint_stay():
    raw = "\n".join([CNA_TITLE, CNA_DEK, CNA_TITLE, "Mr Chan spoke in Parliament.", "Parliament"] + CNA_BODY)
    assert "Mr Chan spoke in Parliament." in body_lines(clean_pasted(raw))


STANDARD_WRAPPED = [
    "The Standard Group Plc is a",
    "multi-media organization with investments in media platforms spanning newspaper",
    "print operations, television, radio broadcasting, digital and online services. The",
    "Standard Group is recognized as a leading multi-media house in Kenya with a key",
    "influence in matters of national and international interest.",
]
STANDARD_BODY = [
    "The High Court in Nairobi has declined to stop the panel appointed by President William Ruto to look "
    "into compensation of persons who are victims of protests.",
    "Justice Lawrence Mugambi instead ordered lawyer Suyianka Lempaa to serve the court papers on the "
    "President and the Attorney General.",
]


def test_hard_wrapped_boilerplate_is_neither_title_nor_body_and_caption_date_is_not_published():
    raw = "\n".join(STANDARD_WRAPPED + [
        "President William Ruto addresses residents in Narok County, May 7, 2025. [Kipsang Joseph, Standard]"]
        + STANDARD_BODY + ["Premium Article", "Get Full Access for Ksh299/Week.",
                           "Fact-first reporting that puts you at the heart of the newsroom. Subscribe for full access."])
    cleaned = clean_pasted(raw)
    assert body_lines(cleaned) == STANDARD_BODY
    assert (cleaned.title, cleaned.byline, cleaned.published) == (None, None, None)


def test_headline_may_name_a_social_network():
    title = "This Week in Apps: Conservative apps surge, Instagram redesigned, TikTok gets ghosted"
    assert clean_pasted("\n".join(["Uncategorized", title, APPS_INTRO] + APPS_SECTION)).title == title


def test_caption_sentence_repeated_under_the_byline_is_not_the_byline():
    raw = "\n".join(["'The conversation was unfortunate': Panyaza Lesufi responds to MEC's attack",
                     "accreditation", "Cebelihle Bhengu", "0:00", "play article",
                     "Subscribers can listen to this article", "Gauteng Premier Panyaza Lesufi.",
                     "Gauteng Premier Panyaza Lesufi.", "Melinda Stuurman/Netwerk24"] + RNZ_BODY
                    + ["LISTEN | 'Stupid racist white man': Gauteng MEC blows up over News24 journalist's queries"])
    cleaned = clean_pasted(raw)
    assert cleaned.byline == "Cebelihle Bhengu"
    assert cleaned.source is None  # "LISTEN | ..." has no date: not "Outlet | City | date"


def test_byline_just_above_the_headline():
    raw = "\n".join(["Start reading", "Manchester Evening News", "Manchester Evening News", "National",
                     "Chris Gee", "Should Bolton leave Greater Manchester? Residents give their opinion"]
                    + BOLTON)
    cleaned = clean_pasted(raw)
    assert (cleaned.title, cleaned.byline) == (
        "Should Bolton leave Greater Manchester? Residents give their opinion", "Chris Gee")


def test_outlet_glued_to_an_age_is_the_source_but_a_person_is_not():
    title = "Police use wrong powers to arrest emotional man after death of partner"
    assert clean_pasted("\n".join([title, "RNZ News5 days ago"] + RNZ_BODY)).source == "RNZ News"
    assert clean_pasted("\n".join([title, "Jane Doe 5 hours ago"] + RNZ_BODY)).source is None
    assert clean_pasted("\n".join([title, "Latest News 2 days ago"] + RNZ_BODY)).source is None


def test_short_sentence_saying_someone_would_not_comment_is_body():
    # "comment" is a prompt word on short lines ("Comments", "Leave a comment"),
    # but "X could not immediately comment." is one of news's commonest sentences.
    quiet = "Acme could not immediately comment."
    lines = body_lines(clean_pasted(f"{LEAD}\n\n{quiet}\n\n{SECOND}\n\nLeave a comment\n"))
    assert lines == [LEAD, quiet, SECOND]


def test_app_and_channel_promos_written_as_sentences_are_chrome():
    promo = ("Stay informed and ahead of the curve! Follow The Daily Planet on WhatsApp for real-time "
             "updates and breaking news.")
    app = "Stay in the know. Get instant alerts and exclusive stories with our news app. Download now."
    raw = f"{LEAD}\n\n{SECOND}\n\nAdvertisement\n\n{promo}\n\nJoin The Daily Planet Channel\n\n{app}\n"
    assert body_lines(clean_pasted(raw)) == [LEAD, SECOND]


def test_header_furniture_between_dek_and_lead_goes_and_the_dek_stays():
    dek = "An appeal has been launched for witnesses to an incident in which a man was stabbed."
    raw = (f"Appeal after man stabbed\n\n{dek}\n\nPublished\n\nLast updated\n\n"
           f"Watch more of our videos on ExampleTV.com\n\nand on Freeview 262\n\n{LEAD}\n\n{SECOND}\n")
    assert body_lines(clean_pasted(raw)) == [dek, LEAD, SECOND]


def test_date_and_time_line_with_a_name_is_the_byline_not_the_title():
    cleaned = clean_pasted(f"Companies / Telecoms\n\n29 May 2018 - 12:17 Loni Prinsloo\n\n{LEAD}\n\n{SECOND}\n")
    assert (cleaned.title, cleaned.byline, cleaned.published) == (None, "Loni Prinsloo", "2018-05-29")


def test_published_in_line_under_the_article_names_the_paper():
    cleaned = clean_pasted(f"{LEAD}\n\n{SECOND}\n\nPublished in Dawn, September 27th, 2024\n\nOpinion\n")
    assert (cleaned.source, cleaned.published) == ("Dawn", "2024-09-27")


def test_author_box_under_the_article_is_chrome_but_a_story_about_a_reporter_is_not():
    bio = "Jane Roe is a breaking news reporter who joined the paper in 2019. She covers courts."
    raw = f"{LEAD}\n\n{SECOND}\n\nJane Roe | Breaking News Reporter\n\n{bio}\n"
    assert body_lines(clean_pasted(raw)) == [LEAD, SECOND]
    story = "Evan Roe is a reporter who was detained in March while on assignment, his editors said on Monday."
    assert body_lines(clean_pasted(f"{story}\n\n{LEAD}\n\n{SECOND}\n")) == [story, LEAD, SECOND]


def test_credit_broken_over_lines_with_a_lone_bracket_is_one_photo_and_does_not_cut_the_article():
    caption = "The harbour at dawn, where the ferry ran aground on Sunday.("
    raw = f"{LEAD}\n\n{caption}\n\nABC News: Jane Roe\n\n)\n\n{SECOND}\n"
    assert body_lines(clean_pasted(raw)) == [LEAD, SECOND]


def test_three_headline_and_summary_teasers_ending_the_page_are_dropped():
    teasers = []
    for k, topic in enumerate(("Postal workers issue strike notice to Canada Post",
                               "Twin port shutdowns risk more damage to the economy",
                               "Teen recovering in hospital after attack in Cobalt")):
        teasers += [topic, f"Officials said on Sunday that story number {k} was still developing, Gov. Roe said."]
    raw = "\n".join([LEAD, SECOND, *teasers]) + "\n"
    assert body_lines(clean_pasted(raw)) == [LEAD, SECOND]
    # two such pairs are not a list of other stories: a subheading and its paragraph stay
    raw = "\n".join([LEAD, SECOND, *teasers[:4]]) + "\n"
    assert body_lines(clean_pasted(raw))[-1] == teasers[3]


# --------------------------------------------------------------------------
# chrome blocks, on excerpts of real pages (tests/fixtures/pages/excerpts/)
# --------------------------------------------------------------------------

EXCERPTS = PAGES / "excerpts"


def excerpt_body(name: str) -> list[str]:
    return body_lines(clean_pasted((EXCERPTS / f"{name}.txt").read_text(encoding="utf-8")))


def test_article_goes_on_after_a_box_of_related_headlines():
    lines = excerpt_body("related_box_mid_article")
    assert lines[0].startswith("The Doobie Brothers will unite with former frontman Michael McDonald")
    # paragraphs after the two "Related" boxes are the article's
    assert any(l.startswith("Dressed in black pants, an untucked black shirt") for l in lines)
    assert any(l.startswith("The band’s current tour continues November 19th") for l in lines)
    # the boxes' headings and headlines are not
    assert "Related" not in lines
    assert "Dave Grohl's Guest List: 21 Amazing Musical Cameos" not in lines
    assert "The Doobie Brothers: Lighting Up With the Stars of 'This Is the End'" not in lines


def test_list_closing_the_article_is_kept_and_a_sign_up_line_after_it_is_not():
    lines = excerpt_body("related_box_mid_article")
    assert "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre" in lines
    assert "October 10 – Houston, TX @ The Cynthia Woods Mitchell Pavilion" in lines
    assert "Want more Rolling Stone? Sign up for our newsletter." not in lines


def test_teasers_with_author_and_date_are_not_the_article():
    lines = excerpt_body("teaser_list_with_bylines")
    assert lines[0].startswith("W hile Anglophiles spent the weekend")
    assert lines[-1].startswith("Unfortunately, Andrew’s interview only appears to have happened")
    assert not any(l.startswith("Joker killed at the box office") for l in lines)
    assert "Rob Crilly" not in lines


def test_teasers_glued_to_their_summaries_are_not_the_article():
    lines = excerpt_body("glued_teasers")
    assert lines[0].startswith("ST. JOSEPH, Mich. (AP) — Michigan health authorities")
    assert any(l.startswith("Dr. Joneigh Khaldun of the Michigan Department") for l in lines)
    assert not any("Student-AthleteA 24-year-old" in l for l in lines)


def test_comment_thread_is_not_joined_to_the_article():
    lines = excerpt_body("comment_thread")
    assert lines[-1].startswith("At 4-7, including 2-6 in the AFC")
    assert not any("dumpster fire" in l or "says:" in l for l in lines)


def test_comment_form_after_leave_a_reply_is_not_the_article():
    lines = excerpt_body("comment_form")
    assert any(l.startswith("Despite the manufacturing setbacks") for l in lines)
    assert not any("Save my name, email, and website" in l or "revoke this consent" in l for l in lines)


def test_japanese_sentences_are_paragraphs():
    lines = excerpt_body("japanese_paragraphs")
    assert "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで20代の男性が逮捕されたというニュースを耳にしました。" in lines
    assert "通常、権利者により正規のルートで販売された商品をそのまま転売する場合は、商標権侵害にはなりません。" in lines
    assert "*" not in lines  # an empty list item


def test_long_first_paragraph_addressing_its_reader_is_kept():
    lines = excerpt_body("review_addressing_its_reader")
    assert lines[0].startswith("If you want a book that makes you feel great about being a biker, this is it.")
    assert not any(l.startswith("Get Motor Cycle Monthly delivered through your letterbox") for l in lines)


def test_long_sentence_introducing_a_quote_is_kept_though_it_names_sharing():
    lines = excerpt_body("colon_sentence_naming_a_network")
    assert any(l.startswith("She proceeded to share the hashtag #MethWeAreOnIt") for l in lines)
    assert any(l.startswith("Still, this isn’t the first time a slogan") for l in lines)
    assert not any(l.startswith("Get the latest updates right in your inbox") for l in lines)
    assert "View Comments" not in lines
