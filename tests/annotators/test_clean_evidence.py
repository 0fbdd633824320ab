"""Tests for the pasted-text cleaner's evidence rules (issue 13): a line is
dropped on positive evidence that it is chrome, and the article's own
repeated, unpunctuated, listed or cut lines stay. Fixtures are small pages
written in the shape pasted news pages take."""
from __future__ import annotations

import pytest

from annotators.clean import clean_pasted


def body_lines(raw: list[str]) -> list[str]:
    return clean_pasted("\n".join(raw)).text.split("\n\n")


# --------------------------------------------------------------------------
# repeated lines: chrome outside the article, the article's own inside it
# --------------------------------------------------------------------------

SITE_MENU = ["Home", "Recipes", "Meal plans", "Shop"]

MEAL_PLAN_INTRO = [
    "A week of quick dinners",
    "This plan gives you five dinners that each take under thirty minutes to cook on a weeknight.",
    "Every recipe uses the same short list of pantry staples, so the shopping stays simple and cheap.",
]


def _day(name: str, dish: str) -> list[str]:
    return [name, "Prep time", "10 minutes", "Cook time", "20 minutes", "Serves", "4", dish]


MEAL_PLAN_DAYS = (
    _day("Monday", "Lemon chicken with rice and green beans, served warm with the pan juices.")
    + _day("Tuesday", "Baked salmon with new potatoes and a spoon of yogurt sauce on the side.")
    + _day("Wednesday", "Bean chili with a little cheese, corn bread and a green salad to finish.")
)


def test_subheadings_repeated_inside_the_body_are_kept_at_every_print():
    lines = body_lines(SITE_MENU + MEAL_PLAN_INTRO + MEAL_PLAN_DAYS + SITE_MENU + ["© 2026 Example Kitchen"])
    assert lines.count("Prep time") == 3
    assert lines.count("Serves") == 3


def test_runs_that_only_repeated_template_lines_separate_are_one_body():
    lines = body_lines(SITE_MENU + MEAL_PLAN_INTRO + MEAL_PLAN_DAYS + SITE_MENU + ["© 2026 Example Kitchen"])
    assert lines[-1] == MEAL_PLAN_DAYS[-1]
    assert MEAL_PLAN_INTRO[1] in lines


def test_a_menu_entry_printed_again_inside_the_body_is_still_dropped():
    # "Shop" is the menu's, printed again as a button between two days
    days = MEAL_PLAN_DAYS[:8] + ["Shop"] + MEAL_PLAN_DAYS[8:]
    lines = body_lines(SITE_MENU + MEAL_PLAN_INTRO + days + SITE_MENU + ["© 2026 Example Kitchen"])
    assert not set(SITE_MENU) & set(lines)


# --------------------------------------------------------------------------
# comment headings in other languages
# --------------------------------------------------------------------------

PT_BODY = [
    "A prefeitura anunciou nesta segunda-feira um novo calendário de vacinação para as escolas da cidade.",
    "Segundo a secretaria, as doses serão aplicadas nas próprias escolas durante o horário das aulas.",
    "Os pais que preferirem podem levar os filhos aos postos de saúde até o fim do mês.",
]
PT_COMMENTS = [
    "2 Comentários",
    "Ana Souza",
    "Ótima notícia, vou levar meus dois filhos ao posto já na próxima semana.",
    "Espero que a fila não seja muito longa como foi no ano passado em março.",
    "Pedro Lima",
    "Finalmente uma boa decisão da prefeitura para as famílias que trabalham o dia todo.",
    "A escola do meu bairro já avisou os pais por mensagem hoje de manhã.",
]


def test_a_comment_heading_in_portuguese_ends_the_article():
    lines = body_lines(["Notícias", "Prefeitura muda vacinação nas escolas"] + PT_BODY + PT_COMMENTS)
    assert lines == PT_BODY


# --------------------------------------------------------------------------
# a sentence that lost its full stop
# --------------------------------------------------------------------------

KEEPER_BODY = [
    "He will undergo a medical at the training ground today before he signs a six-year contract.",
    "The 22-year-old travelled to the city last night and met the coaching staff over a long dinner.",
]
UNSTOPPED = ("The club paid the full release clause to the league office this morning to complete the "
             "signing of the young goalkeeper")


def test_an_unstopped_sentence_over_the_first_paragraph_is_kept():
    lines = body_lines(["* Home", "* Sport", "* News", "Club signs young goalkeeper", "Staff Reporter",
                        UNSTOPPED] + KEEPER_BODY)
    assert lines == [UNSTOPPED] + KEEPER_BODY


def test_a_sentence_case_headline_under_the_menu_is_not_taken_for_a_paragraph():
    headline = "Club agrees a record fee for its young goalkeeper after a long week of talks in the city"
    # the shorter headline above the menu is taken for the title, so only the
    # menu shows that the long line under it is a headline too
    lines = body_lines(["Example Sport", "Club agrees record fee for goalkeeper", "* Home", "* Sport", "* News",
                        headline] + KEEPER_BODY)
    assert lines == KEEPER_BODY


def test_a_teaser_headline_over_its_summary_after_the_body_is_not_taken():
    teaser = "Coach says the squad is ready for the derby after a difficult run of away games"
    lines = body_lines(["Club signs young goalkeeper"] + KEEPER_BODY + [
        teaser, "The coach told reporters that two injured players will be back for the weekend…",
        "More from Sport", "© 2026 Example Sport"])
    assert teaser not in lines


# --------------------------------------------------------------------------
# an article that is a list, a link in an article, a paywall's cut
# --------------------------------------------------------------------------

CALENDAR = [
    "Round 1: 14 March – Northfield", "Round 2: 4 April – Lakeside", "Round 3: 25 April – Hill Park",
    "Round 4: 16 May – Eastport", "Round 5: 6 June – Riverside", "Round 6: 27 June – Northfield",
]


def test_an_article_that_is_only_a_list_is_that_list():
    lines = body_lines(["* Home", "* Results", "* Calendar", "Race calendar 2026", "2 January 2026",
                        "Share on WhatsApp", "Season calendar 2026"] + CALENDAR + [
        "Comments are checked by a moderator before they appear and may take a day to show.",
        "* About us", "* Contact"])
    assert lines == ["Season calendar 2026"] + CALENDAR


def test_a_web_address_in_the_article_is_no_glued_menu():
    raw = ["Ten gift ideas under fifty dollars",
           "Here are the deals we liked best this week, all checked on Friday morning by our team.",
           "1) Wooden train set with twenty pieces", "http://amzn.to/2xKfWqZ",
           "2) Card game for the whole family", "http://amzn.to/3bRtYpLm",
           "Prices change often, so check them again before you buy anything from the list."]
    assert "http://amzn.to/2xKfWqZ" in body_lines(raw)


def test_the_paragraph_a_paywall_cut_is_kept():
    cut = ("The player was not hurt in the incident. Still, the league has opened an inquiry and the "
           "prosecutor may now look at whether the blow…")
    lines = body_lines(["Opinion", "Is a foul on the field a crime?", "By Jo Ames",
                        "It was the blow seen around the world in the closing seconds of the game last week.",
                        cut, "To Read the Full Story", "Subscribe Sign In", "Most Popular Articles",
                        "* Town bans cars from its new riverside quarter", "* Judge delays the trial again"])
    assert lines[-1] == cut


# --------------------------------------------------------------------------
# sign-up widgets' sentences
# --------------------------------------------------------------------------

RELEASE_BODY = [
    "Example Corp and North Labs today announced a partnership to supply hospital alarm systems in Europe.",
    "The companies said the first installations would start in the spring in two university hospitals.",
    "North Labs will handle the software and Example Corp the devices and the training of the staff.",
]


WIDGET = ["You have successfully subscribed. Thank you!",
          "An email with an activation link has just been sent to your email address."]


def test_a_sign_up_widget_sentence_is_dropped():
    lines = body_lines(["Press releases"] + RELEASE_BODY + [
        "Stay up to date with Example Corp.", "Subscribe No thanks"] + WIDGET + [
        "Example Corp is a supplier of hospital devices with offices in twelve countries.",
        "Its shares are listed on the stock exchange in Zurich under the symbol EXC.",
        "© 2026 Example Corp"])
    assert RELEASE_BODY[-1] in lines
    assert not set(WIDGET) & set(lines)


def test_a_sentence_to_the_reader_about_signing_up_between_paragraphs_stays():
    to_reader = "If you live in the county, you can sign up for the scheme at any library until May."
    body = RELEASE_BODY[:2] + [to_reader] + RELEASE_BODY[2:]
    assert body_lines(["Press releases"] + body + ["© 2026 Example Corp"]) == body


# --------------------------------------------------------------------------
# a post the article quotes (an embedded tweet)
# --------------------------------------------------------------------------

COUNCIL_BODY = [
    "The council voted on Tuesday to close the old bridge to cars from the first of June.",
    "The mayor defended the decision in a post shortly after the vote, and residents answered her.",
]
POST = ["We listened to two years of complaints and we acted today. Walk it, cycle it, enjoy it pic.twitter.com/Ab3dEfGh",
        "— Mayor Jane Doe (@mayorjanedoe) March 3, 2026"]


def test_an_embedded_post_and_its_signature_closing_the_article_are_kept():
    lines = body_lines(["Local news", "Council closes old bridge to cars"] + COUNCIL_BODY + POST + [
        "Share on Facebook", "Share on Twitter", "Copy link", "© 2026 Example Gazette"])
    assert lines == COUNCIL_BODY + POST


def test_a_lone_list_item_repeated_under_each_product_is_the_articles():
    raw = ["Gift guide", "Five gadgets worth buying this winter",
           "We tested dozens of gadgets this autumn and these five are the ones we kept using afterwards."]
    for product, review in [("Travel kettle for $35", "It boils half a litre in two minutes. The handle folds flat, so it fits in any bag. We took it on four trips."),
                            ("Desk lamp for $49", "The light is warm and even. The arm stays where you put it, even at full stretch. It dims smoothly."),
                            ("Rain jacket for $120", "It kept us dry through a week of walking. The hood stays up in strong wind, too. The pockets are deep enough.")]:
        raw += [product, "* Buy it now: Example Shop", review]
    raw += ["* Home", "* Deals", "* Reviews", "© 2026 Example Reviews"]
    assert body_lines(raw).count("* Buy it now: Example Shop") == 3


# --------------------------------------------------------------------------
# photo credits written as sentences
# --------------------------------------------------------------------------

HARBOUR_BODY = [
    "The harbour authority said on Monday that the new ferry terminal would open two months late.",
    "Work stopped in the summer when the builders found the old sea wall in worse shape than expected.",
    "The authority expects the first ferries to use the terminal at the end of April next year.",
]


@pytest.mark.parametrize("caption", [
    "The unfinished terminal seen from the water on Sunday. Credit... Jo Ames/The Example Times",
    "The old sea wall under repair last month. Photo by Sam Reed.",
    "Cranes over the terminal site in the evening light. (Harbour Authority/Sam Reed)",
    "Workers on the terminal roof in heavy rain on Friday. Sam Reed / AP file",
])
def test_a_caption_with_its_credit_is_dropped(caption):
    lines = body_lines(["Local news", "Ferry terminal to open late"] + HARBOUR_BODY[:1] + [caption] + HARBOUR_BODY[1:])
    assert lines == HARBOUR_BODY


def test_a_price_in_brackets_is_no_credit():
    offer = "Parking at the terminal will cost the same as at the old pier (Monthly pass for $30/mo)"
    lines = body_lines(["Local news", "Ferry terminal to open late"] + HARBOUR_BODY[:2] + [offer] + HARBOUR_BODY[2:])
    assert offer in lines


def test_a_follow_us_on_the_networks_sentence_is_a_promo():
    promo = "Follow Example Gazette on Instagram, Facebook and YouTube."
    lines = body_lines(["Local news", "Ferry terminal to open late"] + HARBOUR_BODY + [promo, "© 2026 Example Gazette"])
    assert lines == HARBOUR_BODY


def test_a_sentence_about_following_someone_on_a_network_stays():
    told = "Residents who follow the works on Facebook posted pictures of the wall every week."
    body = HARBOUR_BODY[:2] + [told] + HARBOUR_BODY[2:]
    assert body_lines(["Local news", "Ferry terminal to open late"] + body) == body


def test_an_author_name_over_the_bio_that_opens_with_it_is_the_author_box():
    lines = body_lines(["Local news", "Ferry terminal to open late"] + HARBOUR_BODY + [
        "Sam Reed", "Sam Reed is a reporter for the Example Gazette who covers the harbour and transport.",
        "Most read", "© 2026 Example Gazette"])
    assert lines == HARBOUR_BODY


@pytest.mark.parametrize("stamp", ["Nov. 18, 2026 7:04 pm ET", "18 November 2026 09:15 BST"])
def test_a_date_line_with_its_time_zone_is_dropped(stamp):
    body = HARBOUR_BODY[:1] + [stamp] + HARBOUR_BODY[1:]
    assert body_lines(["Local news", "Ferry terminal to open late"] + body) == HARBOUR_BODY


def test_a_bulleted_list_under_its_heading_closes_the_article():
    closing = ["What the new terminal offers:", "* Two waiting rooms with seats for four hundred people",
               "* A covered walkway from the bus station to the boats", "* Space for bicycles on every sailing"]
    lines = body_lines(["Local news", "Ferry terminal to open late"] + HARBOUR_BODY + closing + [
        "* Facebook", "* Twitter", "* Email", "© 2026 Example Gazette"])
    assert lines == HARBOUR_BODY + closing


def test_a_short_article_below_a_teaser_heading_is_not_swapped_for_a_list():
    # the run of paragraphs counts half as the article when a tail heading is
    # above it; that discount must not make a sidebar's list look like the body
    short_body = ["The ferry will run every hour on Sundays from next month, the operator said.",
                  "It will also add a late boat on Fridays and Saturdays through the summer season."]
    lines = body_lines(["Most popular", "Ferry adds Sunday sailings"] + short_body + [
        "Timetable", "Dep 07:15 – Harbour – Island", "Dep 08:15 – Harbour – Island",
        "Dep 09:15 – Harbour – Island", "Dep 10:15 – Harbour – Island", "Dep 11:15 – Harbour – Island"])
    assert lines[:2] == short_body


def test_a_long_stretch_without_a_paragraph_parts_two_runs():
    playlist = ["Watch now", "Ferry operator explains the delay", "Replay", "More videos", "Up next",
                "Divers inspect the old sea wall", "The new terminal from the air", "Island residents react",
                "Bus links to the harbour", "Harbour history in two minutes", "What the works cost"]
    lines = body_lines(["Local news", "Get the day's harbour news on the go. See what is happening as it unfolds.",
                        ] + playlist + ["Ferry terminal to open late"] + HARBOUR_BODY + ["© 2026 Example Gazette"])
    assert lines == HARBOUR_BODY


def test_a_table_inside_the_article_is_joined_back():
    table = [f"{n}  Team {chr(64 + n)}  {30 - n} points" for n in range(1, 13)]
    body = ["The league published the final table of the season on Sunday after the last round of games.",
            "Here is how the teams finished, with their points from the twenty-two games:"] + table + [
            "The top two teams go up to the national league and the bottom team goes down a division.",
            "The new season starts again in the first week of September with the same twelve teams."]
    assert body_lines(["Sport", "Final league table"] + body + ["© 2026 Example Sport"]) == body


def test_a_comment_header_with_its_timestamp_ends_the_article_even_alone():
    lines = body_lines(["Local news", "Ferry terminal to open late"] + HARBOUR_BODY + [
        "One response",
        "Harbour Watch | Island Blog, on March 30, 2026 at 4:36 pm said:",
        "We have waited long enough for this terminal and now we are told to wait even longer again.",
        "The builders should have checked the sea wall before they started any of the work there."])
    assert lines == HARBOUR_BODY


def test_a_sentence_introducing_a_quote_with_a_time_in_it_is_no_comment_header():
    intro = "Speaking to reporters at 10:30 a.m. on Monday outside the harbour office, the manager said:"
    body = HARBOUR_BODY[:2] + [intro, "“We will open the terminal as soon as the wall is safe, and not a day later.”",
                               HARBOUR_BODY[2]]
    assert body_lines(["Local news", "Ferry terminal to open late"] + body) == body
