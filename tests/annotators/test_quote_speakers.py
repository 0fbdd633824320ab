"""Speaker attribution rules: cues, split quotes, pronouns, roles, quote
paragraphs, scare quotes (annotators/quotes/speakers and names).  The spaCy
pipeline is the session fixture `nlp` of tests/conftest.py."""
from __future__ import annotations

from annotators.quotes import find_quotes

from .quote_helpers import speaker_of


def test_quote_span_has_the_documented_attrs(nlp):
    text = "“We will win,” said Jane Doe, the mayor."
    (span,) = find_quotes(nlp(text))
    assert (span.kind, span.label, text[span.start:span.end]) == ("quote", "QUOTE", "We will win")
    assert span.attrs["speaker"] == "Jane Doe"
    assert text[span.attrs["speaker_start"]:span.attrs["speaker_end"]] == "Jane Doe"
    assert text[span.attrs["cue_start"]:span.attrs["cue_end"]] == span.attrs["cue"] == "said"
    assert span.attrs["resolved_from"] is None


def test_cue_after_the_quote(nlp):
    assert speaker_of(nlp, '"Prices will fall," Maria Lopez said.', "Prices")["speaker"] == "Maria Lopez"


def test_cue_before_the_quote_with_a_colon(nlp):
    assert speaker_of(nlp, 'Maria Lopez told reporters: "Prices will fall."', "Prices")["speaker"] == "Maria Lopez"


def test_inverted_said_name(nlp):
    text = '"Prices will fall," said Finance Minister Maria Lopez.'
    assert speaker_of(nlp, text, "Prices")["speaker"] == "Maria Lopez"


def test_split_quote_gives_both_halves_the_speaker(nlp):
    text = ("“Our approach remains consistent,” said U.S. National Security Advisor Jake Sullivan on CBS's "
            "Face the Nation, “which is to put Ukraine in the strongest possible position.”")
    assert speaker_of(nlp, text, "Our approach")["speaker"] == "Jake Sullivan"
    assert speaker_of(nlp, text, "which is to put")["speaker"] == "Jake Sullivan"


def test_quote_after_adding_that_belongs_to_the_first_speaker(nlp):
    text = ('Secretary of State Antony Blinken spoke in Brussels. "Everyone is focused on Ukraine," Blinken said, '
            'adding that President Biden will "use every day to strengthen this alliance."')
    assert speaker_of(nlp, text, "use every day")["speaker"] == "Antony Blinken"


def test_partial_quote_goes_to_the_subject_of_the_governing_verb(nlp):
    text = ('Ukrainian Foreign Minister Andrii Sybiha told Blinken that the war was at a critical moment and '
            'called for "strength" rather than "appeasement" toward Russia.')
    assert speaker_of(nlp, text, "strength")["speaker"] == "Andrii Sybiha"
    assert speaker_of(nlp, text, "appeasement")["speaker"] == "Andrii Sybiha"


def test_a_label_belongs_to_whoever_applied_it_not_to_the_reporter(nlp):
    # "labeled them as "..."": the quote is a name someone gave; "according
    # to" a reporter names who reported it, not who said it.
    text = ('The senators bewailed remarks made by a group that labeled them as "palace dogs" after they '
            'refused to endorse the resolution, according to radio reporter Nimfa Ravelo.')
    assert speaker_of(nlp, text, "palace dogs")["speaker"] is None
    text = 'Opposition leader Jane Smith labeled the plan as "a disaster for families" on Tuesday.'
    assert speaker_of(nlp, text, "a disaster")["speaker"] == "Jane Smith"


def test_headline_quote_before_a_colon_goes_to_the_name_after_it(nlp):
    text = ("'We will not back down': Mayor Ana Lopes vows to fight the port closure\n\n"
            "The mayor of Porto spoke to reporters on Monday.")
    assert speaker_of(nlp, text, "We will not")["speaker"] == "Ana Lopes"
    # no person right after the colon: nobody
    text = ('"Enough is enough": thousands march on parliament\n\n'
            "Thousands marched on Saturday, led by the activist Maria Silva.")
    assert speaker_of(nlp, text, "Enough is")["speaker"] is None


def test_a_person_entity_keeps_only_the_name_after_its_role_words():
    from annotators.quotes import clean_person

    assert clean_person("JUBA - Petroleum Minister Stephen Dhieu Dau") == "Stephen Dhieu Dau"
    assert clean_person("Gauteng Premier Panyaza Lesufi") == "Panyaza Lesufi"
    assert clean_person("Stephen King") == "Stephen King"  # a role word that ends a name is the name


def test_an_unnamed_aide_or_doctor_is_nobody_not_the_name_that_modifies_them(nlp):
    text = ('Vice President Mike Pence cancelled the visit. A Pence aide told reporters, '
            '"There has been an emergency callback." Pence later flew home.')
    assert speaker_of(nlp, text, "There has been")["speaker"] is None


def test_names_ner_guesses_in_a_title_case_headline_are_nobody(nlp):
    text = ("Judge Apologises To Murder Victim's Family For Saying Their Feelings Made 'No Difference'\n\n"
            "A judge has apologised to the family of a murdered man after they overheard him say their "
            "statements made \"no difference\" to his decision.")
    for quote in ("No Difference", "no difference"):
        assert speaker_of(nlp, text, quote)["speaker"] is None


def test_pronoun_resolves_to_the_fullest_name_of_the_previous_subject(nlp):
    text = ("Secretary of State Antony Blinken met Josep Borrell on Wednesday. Blinken outlined new aid. "
            "“We pushed out another $8 billion,” he said.")
    attrs = speaker_of(nlp, text, "We pushed")
    assert (attrs["speaker"], attrs["resolved_from"]) == ("Antony Blinken", "pronoun")
    assert text[attrs["speaker_start"]:attrs["speaker_end"]] == "he"


def test_pronoun_skips_people_named_inside_quotes_and_possessives(nlp):
    text = ("During his visit, Josep Borrell thanked Blinken’s team for its support. "
            "He added, “Now we should be able to make the war stop.”")
    assert speaker_of(nlp, text, "Now we should")["speaker"] == "Josep Borrell"


def test_role_speaker_from_an_earlier_role_name_compound(nlp):
    text = ('NATO chief Mark Rutte met Secretary of State Antony Blinken. "We must ramp up production," '
            'the NATO chief said.')
    attrs = speaker_of(nlp, text, "We must")
    assert (attrs["speaker"], attrs["resolved_from"]) == ("Mark Rutte", "role")


def test_name_inside_a_role_subject(nlp):
    text = '"We have to stay the course," NATO chief  Mark Rutte said.'
    assert speaker_of(nlp, text, "stay the course")["speaker"] == "Mark Rutte"


def test_surname_resolves_to_the_fullest_name_in_the_article(nlp):
    text = ('US Secretary of State Antony Blinken arrived in Brussels. '
            '"Every dollar will be pushed out the door," Blinken told reporters.')
    attrs = speaker_of(nlp, text, "Every dollar")
    assert (attrs["speaker"], attrs["resolved_from"]) == ("Antony Blinken", "surname")


def test_quote_paragraph_after_an_attribution_keeps_the_speaker(nlp):
    text = ('"This is certification of incompetence," analyst Stephen Hess told Reuters.\n\n'
            '"It\'s as if he was denied credentials."')
    attrs = speaker_of(nlp, text, "as if")
    assert (attrs["speaker"], attrs["resolved_from"]) == ("Stephen Hess", "previous")


def test_quote_paragraph_after_unrelated_prose_has_no_speaker(nlp):
    text = ('"This is certification of incompetence," analyst Stephen Hess told Reuters.\n\n'
            'The report was published on Thursday. Markets barely moved after it came out.\n\n'
            '"It is a disaster for everyone."')
    assert speaker_of(nlp, text, "disaster")["speaker"] is None


def test_quote_paragraph_after_reported_speech_takes_its_speaker(nlp):
    text = ("Police spokesman Dwayne Caines said officers were on patrol in the area when they stopped the bike.\n\n"
            "\u201cA search took place and the two men were found to have a firearm.\u201d")
    attrs = speaker_of(nlp, text, "A search took place")
    assert (attrs["speaker"], attrs["resolved_from"]) == ("Dwayne Caines", "previous")


def test_quote_paragraph_after_a_colon_lead_in_takes_its_speaker(nlp):
    text = ("Executive Director Les Reed made a statement on Friday.\n\n"
            "Here is what Reed told the media:\n\n"
            "\u201cI work very closely with the manager. We speak every day.\u201d")
    assert speaker_of(nlp, text, "I work very")["speaker"] == "Les Reed"


def test_quote_paragraph_after_prose_whose_speech_verb_is_not_the_main_verb_has_no_speaker(nlp):
    text = ("The border closed on Monday after officials said the crossing was unsafe for travellers.\n\n"
            "\u201cIt is a disaster for everyone.\u201d")
    assert speaker_of(nlp, text, "disaster")["speaker"] is None


def test_honorific_is_not_part_of_the_speaker_name(nlp):
    text = ("The Minister of Information, Alhaji Lai Mohammed, said on Thursday he had tested negative.\n\n"
            "He said: \u201cI did my test and the report came out this morning.\u201d")
    assert speaker_of(nlp, text, "I did my test")["speaker"] == "Lai Mohammed"


def test_pronoun_after_a_role_subject_resolves_to_the_person_with_that_role(nlp):
    text = ("Minister of Foreign Affairs, Eisenhower Mkaka said the meeting ended well.\n\n"
            "The talks took place in Lilongwe. Delegates arrived on Friday. The hall was full. "
            "Security was tight.\n\n"
            "The Minister, however, could not disclose the agenda of the summit.\n\n"
            "\u201cYou may recall that growth slowed this year,\u201d he said.")
    assert speaker_of(nlp, text, "You may recall")["speaker"] == "Eisenhower Mkaka"


def test_pronoun_look_back_does_not_count_sentences_inside_quotes(nlp):
    text = ('"I felt good," Van Persie told Sky Sports. "I can play 90 minutes easily and every time it gets easier.\n\n'
            '"Tonight I could keep it up until the last minute. That is what you want. '
            'I have to just keep it going and playing well.\n\n'
            'He opened the scoring at Southampton when he pounced on a poor back pass by Jose Fonte.\n\n'
            '"The first goal is a bit of a gamble," he said.')
    assert speaker_of(nlp, text, "The first goal")["speaker"] == "Van Persie"


def test_pronoun_after_a_copular_sentence_goes_to_the_attribute_possessor(nlp):
    text = ("Bradford City boss Paul Jewell saluted striker Dean Windass after his double strike.\n\n"
            "The City boss was fulsome in his praise of Windass.\n\n"
            'He said: "Dean has done well since he came here."\n\n'
            "The double was Windass' first goals since joining City in a move from Oxford.\n\n"
            'He said: "I am delighted to get off the mark."')
    assert speaker_of(nlp, text, "Dean has done well")["speaker"] == "Paul Jewell"
    assert speaker_of(nlp, text, "I am delighted")["speaker"] == "Dean Windass"


def test_titles_joined_before_a_name_are_one_speaker_but_two_people_are_none(nlp):
    text = ("In a statement, COO and CFO Blake Jorgensen said “FIFA” has remained “a robust franchise.” "
            "“Elsewhere in the business, we’re making adjustments,” he said.")
    assert speaker_of(nlp, text, "a robust franchise")["speaker"] == "Blake Jorgensen"
    assert speaker_of(nlp, text, "Elsewhere in the business")["speaker"] == "Blake Jorgensen"
    text = '"We must ramp up production," Mark Rutte and the NATO chief said.'
    assert speaker_of(nlp, text, "We must")["speaker"] is None


def test_a_quote_that_is_only_a_proper_name_is_a_title_and_no_quote(nlp):
    text = ("Even during a quarter in which the company released “Battlefield V,” CEO Andrew Wilson "
            "acknowledged that EA did not perform as he had hoped.")
    assert not any("Battlefield" in text[s.start:s.end] for s in find_quotes(nlp(text)))
    text = ("“We did not perform to our expectations,” Andrew Wilson said. "
            "The industry faced competition from games such as “Fortnite.”")
    spans = find_quotes(nlp(text))
    assert not any("Fortnite" in text[s.start:s.end] for s in spans)  # not a quote, so nothing carried over
    assert speaker_of(nlp, text, "We did not perform")["speaker"] == "Andrew Wilson"


def test_an_indefinite_role_subject_is_someone_unnamed(nlp):
    text = ("None were hurt, city spokesperson Emily Roy said.\n\n"
            "A police spokesperson described the investigation as “an ongoing, fluid situation.”")
    assert speaker_of(nlp, text, "an ongoing, fluid situation")["speaker"] is None


def test_a_speech_verb_in_the_next_paragraph_does_not_govern_a_quote(nlp):
    text = ("None were hurt, city spokesperson Emily Roy said.\n\n"
            "“There were reports of gunfire downtown,” Roy said. "
            "“Right now there is police activity due to the ongoing incident.”\n\n"
            "Ryan Guay, a supervisory Deputy U.S. Marshal in Portland, Maine, said the U.S. Marshals Service "
            "was on the scene helping the Saco Police Department.")
    assert speaker_of(nlp, text, "Right now there is")["speaker"] == "Emily Roy"


def test_a_definite_epithet_subject_resolves_like_a_pronoun(nlp):
    text = ("Tottenham Hotspur manager Mauricio Pochettino admitted he was running out of words to describe "
            "Harry Kane after the striker boosted his side's hopes.\n\n"
            "Not for the first time this season, Pochettino was left to reflect on a match-winning contribution "
            "from the 21-year-old, although the Spurs manager refused to be drawn on his chances of a first "
            "England call-up.\n\n"
            '"It\'s difficult to say anything else about Harry," the Argentine said.')
    attrs = speaker_of(nlp, text, "difficult to say")
    assert (attrs["speaker"], attrs["resolved_from"]) == ("Mauricio Pochettino", "epithet")
    assert text[attrs["speaker_start"]:attrs["speaker_end"]] == "Argentine"


def test_a_role_nouns_compound_is_its_institution_not_a_speaker(nlp):
    text = ("Not for the first time this season, Harry Kane scored, although the Spurs manager refused to be "
            "drawn on his chances.\n\n"
            '"It is difficult to say anything else," the Spurs manager said.')
    assert speaker_of(nlp, text, "difficult to say")["speaker"] != "Spurs"


def test_scare_quote_without_a_speaker(nlp):
    text = ('Both Blinken and the NATO chief made a case that the two regions are no longer '
            '"two separate theaters."')
    assert speaker_of(nlp, text, "two separate theaters")["speaker"] is None


def test_so_called_marks_a_scare_quote(nlp):
    text = 'Reporters attended the so-called "gaggle" in Sean Spicer\'s office.'
    assert speaker_of(nlp, text, "gaggle")["speaker"] is None
