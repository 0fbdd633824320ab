"""Who a speech verb is about: its subject candidates, and what kind of
source a subject is (a person, an organisation, a document)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cue_words import DOCUMENT_NOUNS, ROLE_WORDS, is_cue, norm, speech_lemma

@dataclass
class Speaker:
    name: str | None
    start: int | None
    end: int | None
    resolved_from: str | None
    kind: str | None = None  # "person", "organisation", "document"; None: a person if named


NO_SPEAKER = Speaker(None, None, None, None)


def unnamed_speaker(kind: str | None) -> Speaker:
    """No name, but what kind of source it is ("an insider told", "a new case report")."""
    return NO_SPEAKER if kind in (None, "unknown") else Speaker(None, None, None, None, kind)


def subject_candidates(verb, in_quote=lambda pos: False):
    """Who ``verb`` is about: its own subject, else (participles, coordination:
    "Blinken responded, saying ...", "told X ... and called for ...") the
    subjects of the clauses it hangs on, nearest first. A subject inside a
    quote is a parse error, never the speaker: the noun phrase next to a
    speech verb stands in for it."""
    if verb.lower_ == "according":
        to = [c for c in verb.children if c.lower_ == "to"]
        yield from (c for c in (to[0].children if to else []) if c.dep_ == "pobj")
        return
    original = verb
    for _ in range(6):
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not in_quote(c.idx)
               and not _across_paragraphs(c, verb)]
        if len(own) >= 2 and _one_phrase(own[0], own[1]):
            # "CPUC President Marybel Batjer said" parsed as two subjects, CPUC and Batjer: one noun
            # phrase cut in two, whose head is the later word
            own = [own[1], own[0]] + own[2:]
        if not own and speech_lemma(verb):
            own = [t for t in [_adjacent_subject(verb)] if t is not None and not in_quote(t.idx)]
        if own and verb.dep_ == "relcl" and own[0].lower_ in ("that", "which", "who"):
            yield verb.head  # "reports that depicted ...": the relative pronoun stands for its noun
            return
        if own:
            yield own[0]
            if verb.i == original.i:
                return
        elif verb.dep_ == "relcl":
            yield verb.head
            return
        if verb.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "acl", "ccomp", "prep") or verb.head.i == verb.i:
            return
        if verb.dep_ == "ccomp" and speech_lemma(verb.head) is None:
            return
        if in_quote(verb.head.idx):  # a misparse into the quote: ", X said, adding ..."
            verb = _previous_cue(verb, in_quote)
            if verb is None:
                return
        else:
            verb = verb.head


def _across_paragraphs(a, b) -> bool:
    """A paragraph break between two tokens: a headline run on into the
    next paragraph ("Near-term consolidation likely" / "... George Soros had
    said") gives the verb no subject there."""
    lo, hi = sorted((a.i, b.i))
    return any("\n\n" in t.text_with_ws for t in a.doc[lo:hi])


def _one_phrase(first, second) -> bool:
    """Two subjects of one verb that are one noun phrase cut in two: adjacent,
    every word between them a compound of the second."""
    if not first.i < second.i:
        return False
    between = first.doc[first.i + 1:second.i]
    return all(t.head.i == second.i and t.dep_ in ("compound", "flat") for t in between)


def _previous_cue(token, in_quote):
    """The nearest speech verb left of ``token`` in its sentence, outside quotes."""
    for tok in reversed(token.doc[token.sent.start:token.i]):
        if not in_quote(tok.idx) and is_cue(tok):
            return tok
    return None


def _adjacent_subject(cue):
    """When the parse gives no usable subject: the noun phrase right before the
    cue ("the Secretary said") or right after it ("said U.S. Advisor Jake Sullivan")."""
    doc = cue.doc
    prev = doc[cue.i - 1] if cue.i > 0 else None
    if prev is not None and prev.pos_ in ("PROPN", "NOUN", "PRON"):
        return prev
    run = []
    for tok in doc[cue.i + 1: cue.i + 10]:
        if tok.pos_ in ("DET", "PROPN", "NOUN", "ADJ") or (tok.is_space and run):
            run.append(tok)
        else:
            break
    nouns = [t for t in run if t.pos_ in ("PROPN", "NOUN")]
    # "told a press conference" names the listener; an inverted speaker is a name or a role
    if cue.lower_ in ("told", "tells", "tell", "asked") or not any(t.pos_ == "PROPN" or norm(t.text) in ROLE_WORDS for t in nouns):
        return None
    if reports_clause_subject(nouns[-1], cue):
        return None  # "but said SpaceX would fly Starship": the subject of what was said, not who said it
    return nouns[-1]


def reports_clause_subject(tok, cue) -> bool:
    """Whether ``tok`` is the subject of a clause that ``cue`` reports
    ("said SpaceX would fly ...", "says Ubisoft are ..."): its head is a verb
    other than the cue, and that verb hangs on the cue."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i == cue.i:
        return False
    verb = tok.head
    return verb.dep_ in ("ccomp", "xcomp", "advcl") and verb.head.i == cue.i


def is_epithet(tok) -> bool:
    """"the Argentine", "the 21-year-old": a definite singular description
    that news style uses for the person just written about, like "he"."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    if tok.ent_type_ == "NORP" and tok.tag_ == "NNP":
        return True
    if lemma_of(tok) in EPITHET_NOUNS and not tok.ent_type_:
        return True  # "said the actor", "the "Pose" actor said"
    return tok.lower_ == "old" and any(c.lower_ == "year" for c in tok.children) \
        and any(c.like_num for y in tok.children if y.lower_ == "year" for c in y.children)


# People named by a common noun that is no title ("an aide", "a doctor"):
# unnamed speakers, whatever organisation or person modifies them.
_PERSON_NOUNS = frozenset("""
aide doctor nurse expert source witness resident neighbour neighbor analyst researcher scientist
student teacher worker employee staffer insider fan supporter critic activist lawyer victim
survivor relative parent mother father son daughter friend colleague voter passenger driver
patient rep insider
""".split())

# What news style calls a person just written about ("said the actor", "the
# singer and guitarist told"): resolved like "he", never to someone new.
EPITHET_NOUNS = frozenset("""
actor actress singer songwriter star rapper musician guitarist drummer bassist pianist comedian
presenter player striker midfielder defender goalkeeper batsman bowler athlete champion veteran
author writer novelist filmmaker producer designer chef entrepreneur billionaire businessman
businesswoman tycoon mogul politician frontman frontwoman dancer model editor journalist reporter columnist
commentator photographer
""".split())
# Organisations named by a common noun ("the production company said", "the influential US daily")
ORGANISATION_NOUNS = frozenset("""
company firm agency ministry government department office group organisation organization council
committee commission board union party police army club team network broadcaster channel website
newspaper paper daily magazine outlet school university hospital court embassy administration label
studio bank regulator airline carrier authority military navy campaign federation league association
foundation charity coalition alliance delegation institute prosecution
""".split())
# People who speak for a body, in the plural ("officials said", "party officials",
# "authorities said"): a group source, an organisation, never one person.
_BODY_SPEAKERS = frozenset("""
official authority organiser organizer prosecutor investigator spokesperson spokesman spokeswoman
representative executive lawmaker legislator regulator leader
""".split())


def lemma_of(tok) -> str:
    return (tok.lemma_ or tok.text).lower()


def subject_kind(tok) -> str:
    """What kind of source a subject token is, named or not."""
    if tok is None:
        return "unknown"
    if tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she", "i"):
        return "person"
    if tok.ent_type_ in ("ORG", "GPE"):
        return "organisation"
    lemma = lemma_of(tok)
    if lemma in DOCUMENT_NOUNS:
        return "document"
    if lemma in ORGANISATION_NOUNS or is_group_source(tok):
        return "organisation"
    if lemma in _PERSON_NOUNS or lemma in EPITHET_NOUNS or norm(tok.text) in ROLE_WORDS:
        return "person"
    return "unknown"


def is_group_source(tok) -> bool:
    """"officials said", "party officials", "authorities said": a plural
    of people who speak for a body (no name written with it)."""
    return tok.tag_ in ("NNS", "NNPS") and lemma_of(tok) in _BODY_SPEAKERS and tok.ent_type_ != "PERSON"


def is_person_noun(token) -> bool:
    return token.lemma_.lower() in _PERSON_NOUNS or norm(token.text) in _PERSON_NOUNS


def subject_of(verb):
    return next(subject_candidates(verb), None)


def is_coordinated(token) -> bool:
    return any(c.dep_ == "conj" for c in token.children) or any(c.lower_ == "both" for c in token.children)


def named_group(subj, text: str) -> tuple[str, int, int] | None:
    """"The doctors stated" in an article that names "Doctors for Camp
    Closure": a definite plural common noun subject is the group the article
    named earlier with that noun as its first word, capitalised, and at
    least two more words ("Doctors for Camp Closure", "Mothers Against Drunk
    Driving"), or an ORG entity holding the noun. The latest such name
    before the subject; None without one."""
    if subj.tag_ != "NNS" or subj.ent_type_ or not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return None
    word = subj.text[:1].upper() + subj.text[1:].lower()
    found = None
    for m in re.finditer(r"\b" + re.escape(word) + r"((?:\s+(?:for|of|and|against|the|[A-Z][\w'’&-]*))+)", text[:subj.idx]):
        tail = [w for w in m.group(1).split() if w[:1].isupper()]
        if len(m.group(1).split()) >= 2 and tail and m.group(1).split()[-1][:1].isupper():
            found = (m.group(0), m.start(), m.end())
    for ent in subj.doc.ents:
        if ent.label_ == "ORG" and ent.end_char <= subj.idx and any(t.lower_ == subj.lower_ for t in ent):
            if found is None or ent.start_char > found[1]:
                found = (ent.text, ent.start_char, ent.end_char)
    return found


def without_reported_subjects(doc, text: str, found: list) -> list:
    """"Shotwell said Starship missions could begin ... she said": the
    subject of a clause that a speech verb reports is not who "she" or
    "he" is when that speech verb's own subject is a person named in the
    same sentence (the one who speaks goes on speaking). A parse run on
    over a paragraph break reports nothing across it."""
    if len(found) < 2:
        return found
    at = {m.token_i for m in found}
    kept = []
    for m in found:
        node, through_clause, reported = doc[m.token_i].head, False, False
        for _ in range(8):
            if speech_lemma(node) and through_clause and "\n" not in text[
                    min(node.idx, m.start):max(node.idx, m.start)] and any(
                    c.dep_ in ("nsubj", "advmod") and c.i in at and c.i != m.token_i for c in node.children):
                reported = True
                break
            through_clause |= node.dep_ == "ccomp"
            if node.head.i == node.i:
                break
            node = node.head
        if not reported:
            kept.append(m)
    return kept


def expand_acronym(name: str, text: str) -> str:
    """"CBP" in an article that writes "Customs and Border Protection": an
    organisation written as an acronym (two to six capitals) is the
    title-case name in the same article whose capitalised words' initials
    spell it (small words such as "and", "of" skipped). The acronym itself
    when the article has no such name, or more than one."""
    if not re.fullmatch(r"[A-Z]{2,6}", name):
        return name
    small = r"(?:\s+(?:and|of|for|the|on|&)\s+|\s+)"
    pattern = r"\b" + small.join(letter + r"[a-z][\w'’-]*" for letter in name) + r"\b"
    found = {m.group(0) for m in re.finditer(pattern, text)}
    return found.pop() if len(found) == 1 else name


def national_body(subj) -> tuple[str, int, int] | None:
    """"Russia's foreign ministry said", "The French foreign ministry said": a
    body noun whose owner is a country, by a possessive or a nationality
    adjective, names that one body: the phrase as written (no leading "the")."""
    if lemma_of(subj) not in ORGANISATION_NOUNS or subj.ent_type_:
        return None
    owners = [c for c in subj.lefts if (c.dep_ == "poss" and c.ent_type_ == "GPE")
              or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))]
    if not owners:
        return None
    first = min(t.i for t in owners)
    span = subj.doc[first:subj.i + 1]
    return span.text, span.start_char, span.end_char
