"""Attribution rules of the fourth and fifth rounds (each scored on unseen
articles before it was written, tests/fixtures/quotes/SOURCES.md), the
surface patterns of a blank pipeline, and the must-pass gold set."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy

from annotators.quotes import find_quotes

from .quote_helpers import speaker_of

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "quotes" / "gold.jsonl"


@pytest.fixture(scope="module")
def blank():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


# rules of the fourth round (eight unseen articles, scored before these rules)

def test_a_headline_run_on_into_the_first_paragraph_does_not_govern_a_partial_quote(nlp):
    text = ("Supreme Court Claims He Was Told To Plead Guilty\n\n"
            "An appellant claimed in the Supreme Court yesterday that he had pleaded guilty to a traffic charge "
            "because a constable had told him it was “only a trivial civil case,” and he had “better plea guilty.”")
    assert speaker_of(nlp, text, "better plea guilty")["speaker"] is None


def test_a_paragraph_broken_on_a_lowercase_word_still_governs_the_quote(nlp):
    text = ("The appellant, Raymond Lester Hopping, a carpenter, was conducting his own appeal.\n\n"
            "“He said it was only a trfvial civil case, and I had better plead guilty,” Hopping said.\n\n"
            "Hopping said that he had\n\n"
            "been “confused” with courtroom procedure, and did not really understand how to go about "
            "conducting his case.")
    assert speaker_of(nlp, text, "confused")["speaker"] == "Raymond Lester Hopping"


def test_his_honour_is_the_judge_named_with_a_bench_title(nlp):
    text = ("The appellant, Raymond Lester Hopping, a carpenter, was conducting his own appeal, but was told by "
            "Mr Justice Wilson that having pleaded guilty, he had no appeal to the Supreme Court. He should apply "
            "to the Magistrate’s Court for a rehearing. “You could apply for a rehearing on the ground that you "
            "pleaded guilty by mistake,” his Honour said.")
    attrs = speaker_of(nlp, text, "You could apply")
    assert (attrs["speaker"], attrs["resolved_from"]) == ("Wilson", "role")


def test_his_honour_without_a_named_judge_is_nobody(nlp):
    text = ("The appellant, Raymond Lester Hopping, a carpenter, was conducting his own appeal. "
            "“You could apply for a rehearing on the ground that you pleaded guilty by mistake,” his Honour said.")
    assert speaker_of(nlp, text, "You could apply")["speaker"] is None


def test_a_quote_in_the_question_asked_is_not_the_answerers(nlp):
    text = ("Health director-general Dr Noor Hisham Abdullah while speaking at a press conference on Wednesday "
            "stressed that the ministry still had the problem under control.\n"
            'Asked if the Health Ministry would consider case 26 a "super spreader" he said no.\n'
            '"Here, only 16 confirmed patients (linked to case 26), therefore i would say extraordinary compared '
            'to others," he said.')
    assert speaker_of(nlp, text, "super spreader")["speaker"] is None
    assert speaker_of(nlp, text, "Here, only 16")["speaker"] == "Noor Hisham Abdullah"


def test_an_inverted_lead_in_with_a_hyphenated_title_names_the_speaker(nlp):
    text = ("Execs from the photo-sharing app Kandid had a novel excuse for posting a vague and open-ended "
            "statement. Explained co-founder Janum Trivedi: “That is just our temporary privacy policy.”")
    assert speaker_of(nlp, text, "That is just our")["speaker"] == "Janum Trivedi"

# rules of the fifth round (four held-out articles, scored once before these rules)

def test_a_name_ner_misses_is_the_speaker_when_written_with_a_role_in_apposition(nlp):
    text = ("South Korea's health ministry said the outbreak was at a crossroads.\n"
            '"We are at a crossroads, whether this is going to spread further or not," Kwon Deok-cheol, '
            "the health ministry's chief policy official, told a news briefing.\n"
            '"As of now we can\'t answer that part because additional cases have occurred," he said.')
    assert speaker_of(nlp, text, "We are at a crossroads")["speaker"] == "Kwon Deok-cheol"
    assert speaker_of(nlp, text, "As of now")["speaker"] == "Kwon Deok-cheol"


def test_a_proper_noun_subject_with_no_person_evidence_is_not_a_name(nlp):
    # an outlet written after its verb, with no title or role: not a person for "she" to refer to
    text = ("Now, fascinating new research out of Australia is finally revealing how super-recognizers "
            "accomplish such feats, reports Study Finds. "
            "“It is a very rare ability,” she said.")
    assert speaker_of(nlp, text, "It is a very rare")["speaker"] is None


def test_a_colon_lead_in_gives_the_speech_verb_of_its_inner_clause(nlp):
    text = ("Addressing Cann in court, Judge Robert Linford delivered a scathing putdown.\n\n"
            "News website Plymouth Live reports what Judge Linford said next:\n\n"
            "“So let’s look at how the taxpayer have been funding your activities over the last 38 years.”")
    assert speaker_of(nlp, text, "So let’s look")["speaker"] == "Robert Linford"


def test_a_colon_lead_in_whose_inner_verb_has_no_subject_keeps_the_outer_speaker(nlp):
    text = ("The council met on Tuesday night.\n\n"
            "Reporter Jane Hollis wrote down what was said next:\n\n"
            "“Good, decent community-minded motions tonight didn’t even have a seconder.”")
    assert speaker_of(nlp, text, "Good, decent")["speaker"] == "Jane Hollis"


def test_a_quote_after_reported_question_in_its_paragraph_is_the_askers(nlp):
    text = ("Resident Anne Tangey questioned whether the councillors’ actions had been planned. "
            "“How many councillors do we have — seven? So, six will be against whatever Tony brings forward. "
            "Was this planned?”")
    assert speaker_of(nlp, text, "How many councillors")["speaker"] == "Anne Tangey"


def test_a_quote_after_questioning_someone_is_not_the_questioners(nlp):
    # "questioned Michael Sergi": no reported question, so no speaker for the quote after it
    text = ("Sergeant Sarah Jones questioned Michael Sergi after the meeting. "
            "“I’m sorry that the people that you’ve got here are blind and selfish.”")
    assert speaker_of(nlp, text, "I’m sorry")["speaker"] is None


def test_the_role_written_without_a_name_is_the_person_just_written_about(nlp):
    text = ("Talking to media persons at his residence in Jubilee Hills, Mr Jaipal Reddy categorically stated "
            "that he had called on the Congressmen to remain united. He said that his words were chosen carefully.\n\n"
            "“My statement was in no way connected to any region. I was talking about the Congress party,” "
            "the Union Minister said.")
    assert speaker_of(nlp, text, "My statement")["speaker"] == "Jaipal Reddy"


def test_the_role_is_not_a_person_written_with_another_title(nlp):
    text = ("Mayor John Smith opened the new bridge on Monday and thanked the engineers.\n\n"
            "“This bridge will serve the whole region for a century,” the Minister said.")
    assert speaker_of(nlp, text, "This bridge")["speaker"] is None


def test_a_pronoun_in_the_words_someone_criticised_is_not_the_critic(nlp):
    text = ("Addressing Cann in court, the judge criticised comments he made during a police interview where "
            "he discussed “the better use of taxpayers money and why people were having to pay to keep these "
            "people in this country”.")
    # the judge is named earlier with his bench title
    text = "Judge Robert Linford sentenced John Cann for his role in the disorder.\n\n" + text
    assert speaker_of(nlp, text, "the better use")["speaker"] == "John Cann"


def test_a_pronoun_in_criticised_words_with_two_others_named_is_nobody(nlp):
    text = ("Judge Robert Linford sentenced John Cann and Ryan Bailey.\n\n"
            "Addressing Cann and Bailey in court, the judge criticised comments he made during a police "
            "interview where he discussed “the better use of taxpayers money and why people were having to "
            "pay to keep these people in this country”.")
    assert speaker_of(nlp, text, "the better use")["speaker"] is None


def test_blank_pipeline_uses_surface_patterns(blank):
    text = ('"Every dollar will be pushed out," Antony Blinken said. "We are grateful," he said. '
            'Sybiha met him. "Now is the time," said Andrii Sybiha.')
    spans = find_quotes(blank(text))
    assert [s.attrs["speaker"] for s in spans] == ["Antony Blinken", None, "Andrii Sybiha"]
    assert spans[1].attrs["cue"] == "said"


def test_no_quotes_no_spans(nlp, blank):
    text = "Blinken’s visit comes at a critical time for NATO’s allies."
    assert find_quotes(nlp(text)) == [] == find_quotes(blank(text))


# ------------------------------------------------------------------ gold set

def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _locate(text: str, snippet: str) -> int:
    """A snippet right after a quote mark first (a short one also occurs unquoted)."""
    for m in re.finditer(re.escape(snippet), text):
        if m.start() and text[m.start() - 1] in "\"'“‘":
            return m.start()
    return text.index(snippet)


def test_gold_speakers_of_the_samples_and_outside_articles(nlp):
    """Every must-pass gold quote is found and gets exactly its speaker."""
    gold = [g for g in _gold() if g["must_pass"]]
    assert len(gold) >= 40
    by_file: dict[str, list] = {}
    for g in gold:
        by_file.setdefault(g["file"], []).append(g)
    wrong = []
    for path, items in by_file.items():
        text = (ROOT / path).read_text(encoding="utf-8")
        spans = find_quotes(nlp(text))
        for g in items:
            at = _locate(text, g["quote"])
            match = [s for s in spans if s.start < at + len(g["quote"]) and at < s.end]
            got = match[0].attrs["speaker"] if match else "<not found>"
            norm = lambda n: n if n is None else re.sub(r"^the ", "", n.replace("’", "'"), flags=re.I)
            if norm(got) != norm(g["speaker"]):
                wrong.append((path, g["quote"], g["speaker"], got))
    assert wrong == []
