"""Word lists: speech verbs (cues), role words, honorifics, pronouns."""
from __future__ import annotations

import re

from .marks import DOUBLE, SINGLE


_SPEECH_LEMMAS = frozenset("""
say tell add ask emphasise emphasize warn argue note stress insist explain declare write
tweet post claim state announce assert acknowledge admit reply respond answer comment remark
observe suggest recall conclude predict promise pledge vow urge call describe cite deny
confirm report maintain contend allege concede caution complain mention repeat reiterate
testify shout whisper quip joke boast proclaim assure counter retort recount express
highlight underline underscore affirm demand characterize characterise dub term brand label
speak announce order plead concur lament acknowledge discuss
""".split())
_IRREGULAR_FORMS = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
                    "spoke": "speak", "spoken": "speak", "according": "according"}


def _inflections(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", stem + "ed", stem + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][pt]$", lemma):  # quip -> quipped
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


SPEECH_FORMS = {form: lemma for lemma in _SPEECH_LEMMAS for form in _inflections(lemma)} | _IRREGULAR_FORMS

ROLE_WORDS = frozenset("""
secretary chief minister president spokesperson spokesman spokeswoman official diplomat advisor
adviser ambassador envoy general commander leader head director chairman chairwoman chair
senator governor mayor premier chancellor prime king queen pope ceo boss representative
congressman congresswoman lawmaker officer prosecutor judge attorney coach captain manager
founder economist analyst professor correspondent host deputy vice mr mrs ms dr sir lord
coo cfo cto cio commissioner
prof rev alhaji alhaja sheikh
""".split())
# Verbs of criticising someone's words: "the judge criticised comments he made"
CRITICISING = frozenset("""
criticise criticize condemn attack slam mock ridicule rebuke denounce lambast blast dismiss reject
deride scorn castigate chastise berate rubbish
""".split())
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "prof", "rev", "alhaji", "alhaja", "sheikh", "lord"})
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
# How a court report refers to the judge: "his Honour said", "her Ladyship"
BENCH_ADDRESS = frozenset({"honour", "honor", "lordship", "ladyship", "worship"})
BENCH_ROLES = frozenset({"judge", "justice", "magistrate", "recorder", "sheriff"})
QUOTE_CHARS = set(DOUBLE) | set(SINGLE)


def speech_lemma(token) -> str | None:
    lower = token.lower_
    if lower in SPEECH_FORMS:
        return SPEECH_FORMS[lower]
    if token.lemma_ and token.lemma_.lower() in _SPEECH_LEMMAS and token.pos_ in ("VERB", "AUX", ""):
        return token.lemma_.lower()
    return None


# Documents whose words are quoted ("the statement read", "the reports depicted")
DOCUMENT_NOUNS = frozenset("""
statement report release letter email e-mail memo document study filing complaint lawsuit ruling
judgment judgement tweet message notice review survey audit transcript indictment affidavit decree
communique communiqué announcement
""".split())


def is_cue(token) -> bool:
    if token.lower_ == "according":
        return token.nbor(1).lower_ == "to" if token.i + 1 < len(token.doc) else False
    if token.lower_ == "put" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "it":
        return True  # "as X put it, ..."
    if speech_lemma(token) is None:
        # a document speaks through any verb: "the statement read", "reports that depicted "...""
        return token.pos_ == "VERB" and _document_subject(token)
        return False
    # With a tagger, a cue must be a verb ("the call", "the report" are not cues).
    return not token.pos_ or token.pos_ in ("VERB", "AUX") or _absolute_participle(token)


def _absolute_participle(token) -> bool:
    """"..., with Foreign Minister Ayman Safadi warning of "..."": a speech
    verb's -ing form the parser reads as a noun compounded with the name
    before it, as the object of "with", is the cue of that name."""
    return (token.pos_ == "NOUN" and token.lower_.endswith("ing") and token.dep_ == "pobj"
            and token.head.lower_ == "with" and token.i > 0 and token.doc[token.i - 1].pos_ == "PROPN"
            and token.doc[token.i - 1].head.i == token.i)


def _document_subject(verb) -> bool:
    if verb.dep_ == "relcl" and (verb.head.lemma_ or verb.head.text).lower() in DOCUMENT_NOUNS:
        return True
    return any(c.dep_ == "nsubj" and (c.lemma_ or c.text).lower() in DOCUMENT_NOUNS for c in verb.children)


def norm(word: str) -> str:
    return word.replace(".", "").replace("\u2019", "'").lower()
