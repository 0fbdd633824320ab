"""Direct quotes and who said them.

Two layers:

- ``pair_quote_marks(text)``: pairs quotation marks by surface rules only, so
  it works on any text (raw pastes included) and never gives up on an article
  with an odd number of marks.
- ``find_quotes(doc)``: a Span per quote, with the speaker found from the
  dependency parse and named entities when the Doc has them, and from surface
  patterns ("...," Name said / Name said "..." / said Name) when it does not.

Modules: ``marks`` (pairing marks, paragraphs), ``cue_words`` (speech verbs,
role words), ``names`` (the people an article names), ``speakers`` (a subject
token to a speaker), ``cues`` (what governs a quote), ``attribution`` (each
quote's speaker, ``find_quotes``).

Decisions (documented because they are choices, not facts):

- A quote split by its attribution ("A," said X, "B.") gives two spans, both
  attributed to X.
- A quote continued across paragraphs (news style: each paragraph opens the
  quote, only the last one closes it) gives one span per paragraph; no span
  crosses a paragraph break. All pieces share one speaker.
- Quotes nested inside another quote are not returned: the outer quote
  covers them (spans never overlap).
- A short partial quote governed by a verb that is not a speech verb (a
  "scare quote", e.g. made a case that ... "two separate theaters") is
  attributed to the subject of that verb only when that subject is a single
  person; a coordinated subject ("Both Blinken and the NATO chief") gives None.
- Without parse/NER only explicit surface patterns give a speaker; pronouns
  and role nouns are then left unresolved (speaker None).
- A quote that opens a paragraph with no cue of its own, right after a
  paragraph without quotes whose last sentence is reported speech ("Police
  spokesman X said officers were ...") or a lead-in ending in a colon ("Here is
  what X told the media:"), is attributed to that speech verb's speaker.
- A paragraph that opens with a quote mark nothing closes, and ends a
  sentence, is a quote paragraph whose closing mark was left out: the quote
  runs to the paragraph end (any other unclosed mark still pairs nothing).
- A quote that is only a proper name (“Battlefield V,” “FIFA”) is a title:
  no speaker, and none carried over from a neighbouring quote.
- An indefinite role subject ("A police spokesperson said") is someone new
  and unnamed: never resolved to a person the article named before.
- Bare titles coordinated before a name ("COO and CFO Blake Jorgensen said")
  are one speaker; two coordinated people ("Blinken and the NATO chief") none.
- "he said" looks back over narrative sentences only (sentences wholly
  inside quotes do not count), and a copular sentence ("The double was
  Windass' first goals") makes its attribute's possessor the subject.
- A speech verb (or, for a short partial quote, any verb) only governs a
  quote in the quote's own paragraph, or in a paragraph before it that stops
  in mid-sentence on a lowercase word (a broken line, as in OCR text); a
  headline run on into the first paragraph never does.
- "his Honour said" (her Ladyship, his Worship) is the judge: the person
  named with a bench title (Judge, Justice, Magistrate), else nobody.
- A quote inside the question of "Asked if ..." / "he was asked whether ..."
  is an unnamed asker's: no speaker, none carried over.
- A capitalised past-tense speech verb that opens its sentence ("Explained
  co-founder Janum Trivedi: ...") is a cue even when tagged a proper noun.
- A definite epithet subject ("the Argentine said", "the 70-year-old") is
  resolved like "he"; a role noun's compounds ("the Spurs manager") name its
  institution, never the speaker.
- A name NER does not tag ("Kwon Deok-cheol") is a person when it is the
  subject of a speech verb, a chain of two to four capitalised proper nouns
  (hyphenated parts included) with a title before it or a role in apposition
  ("..., the ministry's chief policy official"), and no entity that is never a
  person, no determiner, no head naming a place or a body ("Council").
- A colon lead-in whose inner clause has its own speech verb and subject
  ("Plymouth Live reports what Judge Linford said next:") gives the inner
  speaker; the outer verb only reports it.
- A quote with no cue that opens a sentence after reported speech or a
  reported question in its own paragraph ("Name questioned whether ...")
  is that subject's; the verb must have a clause of its own ("questioned
  the driver" is not reported speech).
- "the Union Minister said" where no one in the article is written with that
  role is the person just written about (like "he"), unless that person is
  written with another title ("Mayor John Smith").
- A pronoun inside the object of a verb of criticism ("the judge criticised
  comments he made ...") is not the critic: it is the one other person named
  in that sentence and paragraph, else nobody. "discuss" is a speech verb.
- Every quote span has ``speaker_kind``: "person" (named or not: "an
  insider told"), "organisation" ("the production company said", a country
  as the subject of a speech verb), "document" ("the statement read",
  "reports that depicted": a document speaks through any verb; its issuer is
  the speaker when the text ties them), else "unknown".
- An epithet noun under "the" ("said the actor", "the singer and guitarist
  told") is the person just written about, the main-clause subject first.
- A colon lead-in with no speech verb gives a speaker when it opens with a
  name ("Name, role: "..."") or is a short clause with a person subject
  ("He sighed: "..."").
- A title-case title quoted in running text ("Dancing with the Stars") is
  no quote when no speech cue governs it, or when it names something inside
  the reported clause (on "DWTS."); a quote opening its paragraph is kept.
- The subject of a clause a speech verb reports is never its speaker
  ("said SpaceX would fly ...") nor, when that verb's own subject is a named
  person, the antecedent of a later "he"/"she"; a cue with no person subject
  inside what a named person said ("Pompeo said ... Washington had
  concluded "..."") gives the outer speaker.
- "the doctors stated" is the group the article named with that noun first
  ("Doctors for Camp Closure"); "Russia's foreign ministry" is named as
  written; an organisation written as an acronym is named by the one
  title-case name in the article its initials spell.
- The model never picks one of a subject coordinating only people ("Mark
  Rutte and the NATO chief said") over the rules' empty answer.
"""
from __future__ import annotations

from .attribution import find_quotes
from .marks import pair_quote_marks, paragraph_bounds, quote_pieces, QuotePiece
from .names import QuoteCover, clean_person

__all__ = ['find_quotes', 'pair_quote_marks', 'paragraph_bounds', 'quote_pieces', 'QuotePiece', 'QuoteCover', 'clean_person']
