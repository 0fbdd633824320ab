"""Attribution for the kinds of misses issue 21 lists (words of a title-case
headline run into a name, groups as sources, a named lead-in sentence before
the quote, ...). Each text is real news: excerpts of articles of the ECB+
corpus (Cybulska and Vossen, LREC 2014; CC BY 3.0), as shipped in
/work/shared/data/stories/ecbplus_dev.jsonl (the file named in each test)."""
from __future__ import annotations

from annotators.quotes.marks import quote_pieces
from annotators.quotes.names import find_people

from .quote_helpers import speaker_of


def test_a_headline_verb_before_a_name_is_not_part_of_the_name(nlp):
    # ecb_34_6ecbplus.txt: NER reads "President Nominates Regina Benjamin" as one person
    text = ("President Nominates Regina Benjamin, MD to Serve as Surgeon General\n\n"
            "President Obama has nominated Alabama physician Dr. Regina Benjamin to be US Surgeon General.\n\n"
            "Dr. Benjamin, who has held leadership positions statewide and nationally, has long provided medical "
            "care on the Gulf Coast.\n")
    people = find_people(nlp(text), quote_pieces(text))
    assert "Regina Benjamin" in people.names
    assert not any("Nominates" in name for name in people.names)
    assert {m.name for m in people.mentions} == {"Regina Benjamin", "Obama"}
