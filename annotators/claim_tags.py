"""Why a sentence may be a claim, and of what kind: the cues behind a claim's
``reasons`` and ``tags``.

``claim_reasons(sentence)`` reads the words alone (surface patterns, so a Doc
without NER works too); ``claim_reasons(sentence, sent)`` with the sentence as
a spaCy ``Span`` uses the pipeline where it knows better: entity labels
(DATE, ORDINAL and TIME are not figures; CARDINAL, QUANTITY, PERCENT and MONEY
are), part of speech (``claims`` and ``called`` as verbs, ``will`` as a modal)
and morphology (a modal followed by a perfect ``have``: a counterfactual).

What the rules keep apart, for news in general:
- a year, a decade, an ordinal, a clock time or a day of the month is not a
  statistic ("in 2019", "the third time", "the 1990s", "June 5");
- idioms are not comparisons ("at least", "at best", "for the record", "best
  wishes", "my best friends", "did his best", "most of all", "first of all");
- a counterfactual or a hedge is not a prediction ("I would say", "would have",
  "could have been"), nor is the noun ``will`` or the month ``May``;
- an attribution is "said"/"says"/"told" and their kin, "according to", a
  verb "claims", "X called Y ...", and a reporting clause after a quote
  ('"...," he said.', '"...," said Smith').
"""
from __future__ import annotations

import re

MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_SPEECH = (r"said|says|say|told|tells|added|adds|claimed|claims|stated|states|reported|announced|confirmed|denied|"
           r"argued|argues|warned|warns|insisted|insists|suggested|indicated|wrote|writes|tweeted|alleged|alleges|"
           r"asserted|asserts|acknowledged|admitted|contended|testified|explained|noted|recalled|replied|"
           r"continued|asked|joked|predicted")

# A number that is not a count: a year (1900-2099, not followed by a counted noun), a decade, an ordinal,
# a clock time, a day of a month, a number glued to a word (COVID-19, F-35, G7).
_NOT_A_COUNT = re.compile(
    r"(?<![\w$€£¥.,-])(?:1[89]|20)\d\d(?![\d,.]\d)(?!\s*(?:%|percent|per cent|-[a-z]"
    r"|(?-i:(?!(?:is|was|has|as|this|its|his|us|news|years|seasons|elections|games)\b)[a-z]+s\b)))"
    r"|\b(?:1[89]|20)?\d0['’]?s\b|['’]\d0s\b"
    r"|\b\d+(?:st|nd|rd|th)\b"
    r"|\b\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?|\b\d{1,2}(?:\.\d\d)?\s*[ap]\.?m\.?(?!\w)"
    rf"|\b{MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTHS}(?![a-z])"
    r"|(?<=[A-Za-z-])\d+\b|\b\d+(?=[A-Za-z])"
    r"|(?<=\w, )\d{1,2}(?=, )", re.I)  # an age in apposition: "Singh Jabarjung, 24, from Punjab"
_FIGURE = re.compile(
    r"(?<![\w])\d[\d,.]*\b|\b(?:thousands|hundreds|millions|billions|dozens|tens) of\b"
    r"|\b(?:half|a third|a quarter|two-thirds|three-quarters) (?:of|a)\b|\b(?:billion|million|trillion)\b", re.I)

# Idioms whose words look like a comparison, a prediction or an attribution: blanked before the cues are read.
IDIOMS = re.compile(
    r"\bat (?:the )?(?:very )?(?:least|most|best|worst|latest|earliest)\b|\b(?:for|on|off) the record\b"
    r"|\btrack record\b|\b(?:best|warmest|kindest) (?:wishes|regards)\b|\ball the best\b"
    r"|\b(?:my|his|her|their|our|your|its|one's) best (?:friends?|pals?|buddy|to\b)"
    r"|\b(?:do|does|did|done|doing|try|tries|tried|trying) (?:my|his|her|their|our|your|its|one's) (?:very )?best\b"
    r"|\bin (?:the|his|her|their|our|your|its) best interests?\b|\bbest[- ]known\b|\bhad better\b"
    r"|\b(?:first|most|least|best) of all\b|\bfor the most part\b|\bmake the most of\b|\blast but not least\b"
    r"|\bmore or less\b|\bmore and more\b|\bonce more\b|\bany ?more\b|\bnot least\b|\bthe more\b(?= \w+ the)"
    r"|\b(?:other|rather) than\b|\ball told\b|\b(?:that|this) said(?=\s*,)|\bhaving said that\b|\bneedless to say\b|\bso to speak\b|\bso-called\b"
    r"|\b(?:political|free|good|ill|the) will\b|\bwill of\b|\bgoodwill\b", re.I)

# Counterfactuals and hedges: a modal that does not foretell anything.
_COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might|should|may|must)(?:\s+not|n['’]t)?\s+(?:have|'ve)\b(?!\s+(?:a|an|the|to|no|some|any|"
    r"more|less|this|that|these|those|my|our|your|their|his|her|its)\b)|\b(?:would|could|might)['’]ve\b"
    r"|\b(?:would|'d)(?:\s+not|n['’]t)?\s+(?:(?:just|only|also|really)\s+)?(?:say|argue|think|guess|imagine|suggest|"
    r"add|like|love|prefer|rather|hope|expect|agree|point out|call it)\b"
    r"|\bif (?:I|he|she|it|we|they|you) (?:were|had)\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:would|could|might)\b", re.I)
_PREDICTION = re.compile(
    r"\b(?:will|won['’]t|would|wouldn['’]t|expected to|likely to|forecasts?|predicts?|projected|set to|could|"
    r"might|is poised to|are poised to|on track to|going to)\s|['’]ll\s|(?-i:\bmay)\s(?!\d)", re.I)

# A quote then its reporting clause: '"...," he said', '"...," said Smith', '"...": the minister added'.
_REPORTING_AFTER = re.compile(
    rf"[\"”’]\s*(?:,\s*|:\s*|\s)(?:[\w.’'-]+\s+){{0,4}}?(?:{_SPEECH})\b|[,!?]\s*[\"”]\s*(?:{_SPEECH})\b", re.I)
_ATTRIBUTION = re.compile(
    rf"\baccording to\b|\b(?:said|says|told|tells|claimed|stated|reported|announced|confirmed|denied|argued|warned|"
    rf"insisted|suggested|indicated|tweeted|(?<!his )(?<!her )(?<!the )(?<!its )(?<!their )(?<!an )alleged|alleges|asserted|acknowledged|admitted|contended|testified)\b", re.I)
# "claims" as a verb: not after a determiner, a possessive or "of", and followed by what a verb takes.
_CLAIMS_VERB = re.compile(
    r"(?<!\bthe )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\bour )(?<!\bthese )(?<!\bthose )(?<!\bsuch )"
    r"(?<!\bof )(?<!\bno )(?<!\bany )(?<!['’]s )\bclaims\s+(?:that\b|(?:the|a|an|it|he|she|they|we|his|her|its|"
    r"their|this|these|those|there|responsibility|credit|to (?:be|have))\b|(?-i:[A-Z0-9]))", re.I)
# "X called Y ...": a name, a pronoun or a speaker's role before it, an object or "for"/"on" after it; not
# "so-called", not naming ("a wagon called the ID"), not a phone call ("I called a friend").
_CALLED = re.compile(
    r"(?:(?-i:\b[A-Z][\w’'.-]*)|\b(?:he|she|they|who|which|also|president|minister|senator|governor|officials?|"
    r"spokes(?:man|woman|person)|lawyers?|critics?|leaders?|mayor|chairman|chairwoman|secretary|judge|police|"
    r"experts?|analysts?|reports?|statement|campaign|group|company|administration|government))\s+called\s+"
    r"(?:the|it|him|her|them|this|that|his|their|its|for|on|[\"“]|(?-i:[A-Z]))", re.I)
_NAMING = re.compile(r"\b(?:a|an|some|one|another)\s+(?:[\w-]+\s+){0,5}?called\b|\bcalled\s+(?:up|off|in|back|out)\b"
                     r"|\bso-called\b", re.I)
_PERSONAL_CALL = re.compile(r"\b(?:I|we|you)\s+(?:\w+\s+)?called\b|\bcalled\s+(?:me|us|you)\b", re.I)

# cue name -> pattern; the names are what ``reasons`` lists (their order is the reasons' order).
CUES: dict[str, re.Pattern] = {
    "money": re.compile(r"[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:billion|million|trillion|bn|m)?\s*(?:dollars|euros|pounds|"
                        r"yuan|rubles|roubles)\b|\b(?:billion|million|trillion) (?:dollars|euros|pounds)\b", re.I),
    "percent": re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b|percentage points?\b)", re.I),
    "figure": _FIGURE,
    "date": re.compile(rf"\b{MONTHS}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{MONTHS}\b|\b(?:19|20)\d\d\b|\b(?:Monday|Tuesday|"
                       r"Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:yesterday|last (?:week|month|year)|"
                       r"next (?:week|month|year))\b", re.I),
    "comparison": re.compile(
        r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|better|worse|older|younger|faster|slower|"
        r"cheaper|stronger|weaker|[a-z]+er) than\b|\b(?:more|less|fewer) [a-z-]+ than\b|\b(?:biggest|largest|smallest|highest|lowest|fastest|slowest|"
        r"worst|best|greatest|strongest|weakest|cheapest|first-ever|unprecedented|all-time|doubled|tripled|"
        r"halved|outnumber(?:s|ed)?)\b|\b(?:the|its|their|his|her|our|and|or)\s+(?:most|least|fewest)\s+\w+"
        r"|\brecord(?:-|\s+)(?:[a-z]+\s+)?(?:highs?|lows?|levels?|numbers?|breaking|setting|years?|heat|temperatures?)\b"
        r"|\ba record\b"
        r"|\bon record\b|\bcompared (?:with|to)\b", re.I),
    "attribution": _ATTRIBUTION,
    "quote": re.compile(r"[\"“”]"),
    "prediction": _PREDICTION,
    "commitment": re.compile(r"\b(?:pledged?s?|promised?s?|vow(?:ed|s)?|committed|commits?|assured|guarantee[sd]?|"
                             r"intends? to|plans? to)\b", re.I),
    "causal": re.compile(r"\b(?:because|due to|caused|causes|led to|leads to|as a result|resulted in|results in|"
                         r"thanks to|owing to|therefore)\b", re.I),
}
ENTITY_CUES = {"MONEY": "money", "PERCENT": "percent", "CARDINAL": "figure", "QUANTITY": "figure", "DATE": "date"}
TAG_OF = {"money": "statistic", "percent": "statistic", "figure": "statistic", "comparison": "comparison",
          "attribution": "attribution", "quote": "quote", "prediction": "prediction",
          "commitment": "commitment", "causal": "causal"}
# Cues that make a sentence check-worthy on their own; the others only add tags.
WORTHY = {"money", "percent", "figure", "date", "comparison", "attribution"}
_NOT_FIGURE_LABELS = {"DATE", "ORDINAL", "TIME"}
_MODALS = {"will", "would", "could", "might", "may", "shall"}
# the words the token loops below look for: a sentence without any is decided without building its tokens
_MODAL_WORD = re.compile(r"(?:\b(?:will|would|could|might|may|shall|wo|ca)\b|['’](?:ll|d)\b)", re.I)
_SAYING_WORD = re.compile(r"\b(?:claims?|claimed|called)\b", re.I)


def _blank(text: str, pattern: re.Pattern) -> str:
    """``text`` with each match of ``pattern`` replaced by spaces (offsets stay)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _has_figure(text: str) -> bool:
    return _FIGURE.search(_blank(text, _NOT_A_COUNT)) is not None


def _is_attribution(sentence: str, plain: str) -> bool:
    if _ATTRIBUTION.search(plain) or _REPORTING_AFTER.search(sentence) or _CLAIMS_VERB.search(plain):
        return True
    unnamed = _blank(_blank(plain, _NAMING), _PERSONAL_CALL)
    return _CALLED.search(unnamed) is not None


def _text_reasons(sentence: str) -> set[str]:
    plain = _blank(sentence, IDIOMS)
    found = {name for name, pattern in CUES.items()
             if name not in ("figure", "attribution", "prediction") and pattern.search(plain)}
    if _has_figure(plain):
        found.add("figure")
    if _is_attribution(sentence, plain):
        found.add("attribution")
    if _COUNTERFACTUAL.search(plain):  # "would have meant suspects could be extradited": the rest is hypothetical too
        plain = _blank(plain, _HYPOTHETICAL)
    if _PREDICTION.search(_blank(plain, _COUNTERFACTUAL)):
        found.add("prediction")
    return found


def _doc_reasons(sentence: str, sent, ents=None) -> set[str]:
    """The cues the pipeline knows better than the words: numbers by entity
    label, modals and verbs by tag and lemma (``sent``: the sentence's Span;
    ``ents``: its entities, when the caller has them: ``Span.ents`` walks the whole Doc)."""
    found = _text_reasons(sentence)
    base = sent.start_char
    ents = list(sent.ents) if ents is None else ents
    if ents or sent.doc.has_annotation("ENT_IOB"):
        # A number inside DATE/ORDINAL/TIME is no figure; one inside CARDINAL/QUANTITY is (one-word "one" aside).
        masked = list(sent.text)  # the Span's own text: entity offsets are relative to it
        for e in ents:
            if e.label_ in _NOT_FIGURE_LABELS:
                masked[e.start_char - base:e.end_char - base] = " " * (e.end_char - e.start_char)
        counted = any(e.label_ in ("CARDINAL", "QUANTITY") and e.text.lower() not in ("one", "a", "an")
                      and not _NOT_A_COUNT.fullmatch(e.text) for e in ents)
        if counted or _has_figure("".join(masked)):
            found.add("figure")
        else:
            found.discard("figure")
        found |= {ENTITY_CUES[e.label_] for e in ents if e.label_ in ("MONEY", "PERCENT", "DATE")}
    if sent.doc.has_annotation("TAG"):
        if _modal_prediction(sent):
            found.add("prediction")
        else:
            found.discard("prediction")
        if _SAYING_WORD.search(sentence) and any(_verb_of_saying(t) for t in sent):
            found.add("attribution")
    return found


def _verb_of_saying(token) -> bool:
    """"claims" / "claimed" with a subject; "called" with a subject that is not
    I/we/you and a predicate after its object ("called it a hoax") or "for"/"on"."""
    if token.pos_ != "VERB" or token.lower_ not in ("claims", "claim", "claimed", "called"):
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects:
        return False
    if token.lower_ != "called":
        return True
    if subjects[0].lower_ in ("i", "we", "you"):
        return False
    return any(c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("for", "on"))
               for c in token.children)


def _modal_prediction(sent) -> bool:
    """A modal (or "going to", "expected to") about what comes, not a
    counterfactual: no perfect "have" after it, no verb of opinion under it."""
    plain = _blank(sent.text, IDIOMS)
    counterfactual = _COUNTERFACTUAL.search(plain) is not None
    for token in (sent if _MODAL_WORD.search(plain) else ()):
        at = token.idx - sent.start_char
        if plain[at:at + len(token.text)].isspace():
            continue
        lower = token.lower_
        if lower in ("'ll", "’ll") or (token.tag_ == "MD" and token.lemma_.lower() in _MODALS | {"'d"}):
            if lower in ("may",) and token.text[0].isupper() and token.i + 1 < len(token.doc) and token.nbor().like_num:
                continue
            if _COUNTERFACTUAL.match(plain[at:]) or (lower in ("would", "could", "might") and counterfactual):
                continue
            head = token.head
            if head.lemma_ in ("say", "argue", "think", "guess", "imagine", "like", "love", "prefer") and \
                    token.lower_ in ("would", "'d", "’d"):
                continue
            if any(c.lower_ in ("have", "'ve") and c.dep_ == "aux" and c.i > token.i for c in head.children):
                continue
            return True
    return re.search(r"\b(?:expected to|likely to|forecasts?|predicts?|projected|set to|poised to|on track to|"
                     r"going to)\s", plain, re.I) is not None


def claim_reasons(sentence: str, sent=None, ents=None) -> list[str]:
    """The cues that fire on one sentence, in ``CUES`` order. ``sent``: the
    sentence as a spaCy Span from a parsed Doc (its labels, tags and lemmas
    refine the surface patterns; ``ents``, its entity Spans if the caller has
    them); without it, the words alone decide."""
    found = _doc_reasons(sentence, sent, ents) if sent is not None else _text_reasons(sentence)
    return [name for name in CUES if name in found]


def entity_cues(doc) -> list[tuple[int, str]]:
    """(start offset, cue) of each entity that is a cue, read once per Doc: a
    CARDINAL that is a year or a lone "one" is not a figure."""
    return [(e.start_char, ENTITY_CUES[e.label_]) for e in doc.ents if e.label_ in ENTITY_CUES
            and not (e.label_ == "CARDINAL" and (e.text.lower() in ("one", "a", "an") or _NOT_A_COUNT.fullmatch(e.text)))]
