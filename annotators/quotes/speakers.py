"""From a subject token to a speaker: a named person, a pronoun, an epithet,
a role noun, an organisation, a document's issuer."""
from __future__ import annotations

from .cue_words import (
    BENCH_ADDRESS, BENCH_ROLES, CRITICISING, DOCUMENT_NOUNS, HONORIFICS, PRONOUNS, ROLE_WORDS, norm,
    speech_lemma,
)
from .marks import QuotePiece, paragraph_bounds
from .names import CORPORATE_WORDS, Mention, People, QuoteCover
from .subjects import (
    EPITHET_NOUNS, NO_SPEAKER, ORGANISATION_NOUNS, Speaker, is_coordinated, is_epithet, is_group_source,
    is_person_noun, lemma_of, named_group, national_body, subject_candidates, subject_kind, subject_of, unnamed_speaker,
    without_reported_subjects,
)

class Resolver:
    """Turns a subject token into a speaker: a named person, a pronoun, a role noun."""

    def __init__(self, doc, people: People, quotes: list[QuotePiece], text: str):
        self.doc, self.people, self.quotes, self.text = doc, people, quotes, text
        self.sents = list(doc.sents)
        self.in_quote = QuoteCover(quotes)

    def of_verb(self, verb) -> Speaker:
        """The first subject candidate of ``verb`` that names someone; a
        subject inside a quote is a parse error, never the speaker."""
        unnamed = NO_SPEAKER
        misread = self._misread_name_subject(verb)
        if misread is not None:
            return misread
        for subj in subject_candidates(verb, self.in_quote):
            speaker = self.of_token(subj)
            if speaker.name:
                return speaker
            if unnamed.kind is None:
                unnamed = speaker  # "an insider told": no name, but a person
        subj = subject_of(verb)
        if speech_lemma(verb) and (subj is None or subj.pos_ in ("VERB", "AUX")):
            # no subject, or a participle read as one ("Writing from Brooklyn, N.Y., Viena K. Neaville told")
            return self._person_before(verb)
        return self._country(verb) or unnamed

    def _misread_name_subject(self, verb) -> Speaker | None:
        """"Early says there is ...": a name the tagger reads as another word
        (an adverb, an adjective) right before a speech verb with no subject
        of its own, not opening the sentence, is that verb's subject when the
        article names a person so."""
        if not speech_lemma(verb) or verb.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None
        prev = self.doc[verb.i - 1]
        m = self.people.mention_at(prev.i)
        if m is None or prev.pos_ in ("PROPN", "NOUN", "PRON") or prev.i == prev.sent.start or self.in_quote(prev.idx):
            return None
        return Speaker(m.name, m.start, m.end, None if self.text[m.start:m.end] == m.name else "surname")

    def _country(self, verb) -> Speaker | None:
        """"China said", "The UK has urged": a country speaking through its
        government is an organisation source. Only the subject of a speech verb."""
        subj = subject_of(verb)
        if subj is None or not speech_lemma(verb) or subj.ent_type_ != "GPE" or is_coordinated(subj) \
                or self.in_quote(subj.idx):
            return None
        ent = next((e for e in self.doc.ents if e.start <= subj.i < e.end), None)
        if ent is None:
            return None
        return Speaker(ent.text, ent.start_char, ent.end_char, None, "organisation")

    def _person_before(self, verb) -> Speaker:
        """A cue the parser left without a subject ("John Tower, a longtime ...,
        told a press conference"): the first person named before it in the sentence."""
        for m in self.people.mentions:
            tok = self.doc[m.token_i]
            if verb.sent.start <= m.token_i < verb.i and tok.dep_ not in ("pobj", "poss", "dobj"):
                written = self.text[m.start:m.end]
                return Speaker(m.name, m.start, m.end, None if written == m.name else "surname")
        return NO_SPEAKER

    def of_token(self, subj) -> Speaker:
        if subj is None:
            return NO_SPEAKER
        if is_coordinated(subj) and _joined_epithets(subj):
            return self._epithet(subj)  # "the singer and guitarist told": one person, two descriptions
        if is_coordinated(subj):  # "Blinken and the NATO chief": two people, no one speaker
            return self._roles_joined_before_a_name(subj) or NO_SPEAKER
        if subj.lower_ in BENCH_ADDRESS and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "your")
                                                 for c in subj.children):
            return self._bench(subj)  # never the organisation or person NER may read "Honour" as
        named = self._named(subj)
        if named:
            return named
        if is_group_source(subj):  # "officials said", "PG&E officials said": a body speaks, no one person
            return self._organisation(subj) or unnamed_speaker("organisation")
        if subj.lower_ in PRONOUNS:
            return self._pronoun(subj)
        if is_epithet(subj):
            return self._epithet(subj)
        if norm(subj.text) in ROLE_WORDS or subj.lemma_.lower() in ROLE_WORDS:
            return self._role(subj)  # "the NATO chief" is a person, not NATO
        if lemma_of(subj) in DOCUMENT_NOUNS:
            return self._document(subj)
        group = named_group(subj, self.text) or national_body(subj)  # "the doctors stated", "Russia's foreign ministry"
        if group:
            return Speaker(group[0], group[1], group[2], "epithet" if group[0][:1].isupper() else None, "organisation")
        return self._organisation(subj) or self._organisation_epithet(subj) or unnamed_speaker(subject_kind(subj))

    def _epithet(self, subj) -> Speaker:
        found = self._pronoun(subj, main_clause=True)
        return Speaker(found.name, found.start, found.end, "epithet") if found.name else unnamed_speaker("person")

    def _organisation_epithet(self, subj) -> Speaker | None:
        """"the production company said": the organisation that was the
        subject of this sentence or the one before (an ORG entity outside
        quotes), else an unnamed organisation."""
        if lemma_of(subj) not in ORGANISATION_NOUNS or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
            return None
        k = self._sentence_index(subj.i)
        for sent in (self.sents[k], self.sents[k - 1] if k else None):
            if sent is None:
                continue
            subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < subj.i
                        and (t.ent_type_ == "ORG" or norm(t.text) in CORPORATE_WORDS) and not self.in_quote(t.idx)]
            if subjects:
                head = subjects[-1]
                ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
                name = ent.text if ent is not None else self.doc[min([c.i for c in head.lefts if c.dep_ == "compound"]
                                                                     + [head.i]):head.i + 1].text
                return Speaker(name, subj.idx, subj.idx + len(subj), "epithet", "organisation")
        return unnamed_speaker("organisation")

    def _document(self, subj, depth: int = 0) -> Speaker:
        """"the statement read", "reports that depicted": a document's words.
        Its issuer is the speaker when the text ties them: a possessor or a
        named modifier ("Omar's letter", "a CNN statement"), the subject of
        the verb it is the object of ("the office released reports that ..."),
        or, for "the statement", the subject of the latest sentence before
        that wrote of such a document ("Big Machine Records issued a statement")."""
        def issued_by(tok) -> Speaker | None:
            if tok is None or lemma_of(tok) in DOCUMENT_NOUNS or self.in_quote(tok.idx):
                return None
            found = self.of_token(tok)
            if not found.name:
                return None
            return Speaker(found.name, found.start, found.end, "document", "document")

        for c in subj.children:
            if c.dep_ in ("poss", "compound", "nmod"):
                found = issued_by(c) if (c.ent_type_ in ("PERSON", "ORG") or c.lower_ in ("his", "her")) else None
                if found:
                    return found
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):  # "a report from Kotak Institutional Equities"
                for p in (p for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("PERSON", "ORG")):
                    found = issued_by(p)
                    if found and found.start is not None and found.start <= p.idx < found.end:
                        return found  # the named word itself, not a body it is "of"
        if subj.dep_ == "dobj":
            found = issued_by(subject_of(subj.head))
            if found:
                return found
        if depth == 0 and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
            k = self._sentence_index(subj.i)
            for sent in self.sents[max(0, k - 4):k][::-1]:
                earlier = [t for t in sent if lemma_of(t) == lemma_of(subj) and not self.in_quote(t.idx) and t.i != subj.i]
                for tok in reversed(earlier):
                    verb = tok.head
                    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                        verb = verb.head
                    if verb.pos_ not in ("VERB", "AUX"):
                        continue  # a verbless line ("Full statement."): no one issues it there, look further back
                    issuer = subject_of(verb)
                    if issuer is not None and lemma_of(issuer) == lemma_of(subj):
                        continue  # "The statement ... claimed": the same document again, look further back
                    return issued_by(issuer) or unnamed_speaker("document")
        return unnamed_speaker("document")

    def _bench(self, subj) -> Speaker:
        """"his Honour said": the judge, the person named with a bench title
        ("Mr Justice Wilson", "Judge Rhona Campbell"), the latest before the
        address, else the first after it; nobody if the article names none."""
        bench = [m for m in self.people.mentions if BENCH_ROLES & set(m.role)]
        before = [m for m in bench if m.end <= subj.idx]
        best = before[-1] if before else (bench[0] if bench else None)
        if best is None:
            return NO_SPEAKER
        return Speaker(best.name, subj.idx, subj.idx + len(subj), "role")

    def _roles_joined_before_a_name(self, subj) -> Speaker | None:
        """"COO and CFO Blake Jorgensen said": the parser coordinates the first
        role with the name, but it is one person with two titles. Only bare
        titles (no determiner) joined before the one named conjunct count."""
        conjuncts = [subj]
        while any(c.dep_ == "conj" for c in conjuncts[-1].children):
            conjuncts.append(next(c for c in conjuncts[-1].children if c.dep_ == "conj"))
        *titles, last = conjuncts
        if any(c.lower_ == "both" for c in subj.children) or not titles:
            return None
        for t in titles:
            if norm(t.text) not in ROLE_WORDS or any(c.dep_ in ("det", "poss") for c in t.children):
                return None
        named = self._named(last)
        if named or last.pos_ != "PROPN":
            return named
        # NER may have read "CFO Blake Jorgensen" as an organisation: after the
        # titles, two or three capitalised proper nouns are a person's name
        parts = [t for t in last.subtree if t.i <= last.i and t.dep_ in ("compound", "flat") or t.i == last.i]
        parts = [t for t in parts if norm(t.text) not in ROLE_WORDS]
        if 2 <= len(parts) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in parts) \
                and parts[-1].i - parts[0].i == len(parts) - 1:
            start, end = parts[0].idx, last.idx + len(last)
            return Speaker(self.text[start:end], start, end, None)
        return None

    def _named(self, subj) -> Speaker | None:
        # the subject and its name parts, not its possessor ("Trump's tweet" is no speaker)
        # a role noun's compounds name its institution, not the person ("the Spurs manager")
        # and so do a common noun's ("a Pence aide", "an Emirati doctor": someone else)
        common = norm(subj.text) in ROLE_WORDS or is_person_noun(subj)
        parts = ("appos",) if common else ("compound", "flat", "appos")
        phrase = [subj] + [t for t in subj.children if t.dep_ in parts]
        if len(phrase) == 1 and any(c.dep_ == "det" for c in subj.children) and any(c.dep_ == "amod" for c in subj.children) \
                and len(getattr(self.people.mention_at(subj.i), "name", "").split()) < 2:
            # "The official Twitter of ...": a lone word under "the" and an adjective is no one's name,
            # but "the 14th-ranked Schwartzman" (of "Diego Schwartzman") is
            return None
        for tok in sorted(phrase, key=lambda t: -t.i):
            mention = self.people.mention_at(tok.i)
            if mention:
                written = self.text[mention.start:mention.end]
                return Speaker(mention.name, mention.start, mention.end, None if written == mention.name else "surname")
        return None

    def _organisation(self, subj) -> Speaker | None:
        """"The New York Times said", "a CNN statement called it": the organisation.
        A person noun's modifier is where they work or come from ("an Emirati
        doctor", "a NATO aide"), not who spoke."""
        modifiers = [] if is_person_noun(subj) else [t for t in subj.lefts if t.dep_ in ("compound", "nmod")]
        # "The official Twitter of the Embassy of Sweden": an account or office of an organisation is its voice
        owners = [p for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                  if p.dep_ == "pobj" and p.ent_type_ == "ORG"]
        for tok in owners + [subj] + modifiers:
            if tok.ent_type_ == "ORG":
                ent = next(e for e in self.doc.ents if e.start <= tok.i < e.end)
                return Speaker(ent.text, ent.start_char, ent.end_char, None, "organisation")
        return None

    def _inside_quotes(self, sent) -> bool:
        words = [t for t in sent if t.is_alpha]
        return bool(words) and all(self.in_quote(t.idx) for t in words)

    def _sentence_index(self, token_i: int) -> int:
        for k, s in enumerate(self.sents):
            if s.start <= token_i < s.end:
                return k
        return len(self.sents) - 1

    def _subject_mentions(self, sent, before: int) -> list[Mention]:
        found = []
        for tok in sent:
            if tok.i >= before or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if any(q.start <= tok.idx < q.end for q in self.quotes):
                continue
            # a pronoun may refer to the subject's possessor too ("Trump's tweet came after he ...")
            named = self._named(tok) or next(
                (n for n in (self._named(c) for c in tok.children if c.dep_ == "poss") if n), None)
            if not named and is_coordinated(tok):
                named = self._roles_joined_before_a_name(tok)
            if not named and tok.head.lemma_ == "be" and tok.pos_ != "PRON":
                # "The double was Windass' first goals": the sentence is about the attribute's possessor
                named = next((n for n in (self._named(p) for a in tok.head.children if a.dep_ == "attr"
                                          for p in a.children if p.dep_ == "poss") if n), None)
            if named:
                found.append(Mention(named.start, named.end, named.name, tok.i))
            elif norm(tok.text) in ROLE_WORDS and not is_coordinated(tok):
                # "The Minister, however, could not ..." then "he said"
                role = self._role(tok)
                if role.name:
                    found.append(Mention(tok.idx, tok.idx + len(tok), role.name, tok.i))
            elif tok.lower_ in ("he", "she") and tok.i < before:
                earlier = self._pronoun(tok, depth=1) if before > tok.i else None
                if earlier and earlier.name:
                    found.append(Mention(tok.idx, tok.idx + len(tok), earlier.name, tok.i))
        for tok in sent:  # "Early says ...": a name misread as an adverb is the speech verb's subject
            misread = self._misread_name_subject(tok) if tok.i < before and tok.pos_ == "VERB" else None
            if misread is not None:
                found.append(Mention(misread.start, misread.end, misread.name, tok.i - 1))
        found.sort(key=lambda m: m.token_i)
        return without_reported_subjects(self.doc, self.text, found)

    def _criticised_other(self, pron) -> Speaker | None:
        """"the judge criticised comments he made ... where he discussed "...":
        a pronoun inside the object of a verb of criticism is not the critic
        (one criticises someone else's words). It is the one other person the
        sentence names, else nobody. None when the rule does not apply."""
        node = pron.head
        verb = None
        for _ in range(6):
            if node.dep_ == "dobj" and node.head.lemma_.lower() in CRITICISING:
                verb = node.head
                break
            if node.dep_ not in ("relcl", "acl", "prep", "pobj", "ccomp", "conj", "xcomp") or node.head.i == node.i:
                break
            node = node.head
        if verb is None:
            return None
        critic = self.of_token(subject_of(verb))
        if not critic.name:
            return None
        para = next(((s, e) for s, e in paragraph_bounds(self.text) if s <= verb.idx < e), (0, len(self.text)))
        others = {m.name for m in self.people.mentions
                  if verb.sent.start <= m.token_i < verb.sent.end and para[0] <= m.start < para[1]
                  and m.name != critic.name and not self.in_quote(m.start)}
        if len(others) != 1:
            return NO_SPEAKER
        return Speaker(others.pop(), pron.idx, pron.idx + len(pron), "pronoun")

    def _pronoun(self, pron, depth: int = 0, main_clause: bool = False) -> Speaker:
        """The most recent person who was a subject: same sentence first, then
        up to four sentences back (mentions inside quotes do not count)."""
        if depth > 2:
            return NO_SPEAKER
        if depth == 0 and pron.lower_ in PRONOUNS:
            other = self._criticised_other(pron)
            if other is not None:
                return other
        k = self._sentence_index(pron.i)
        narrative = 0  # sentences wholly inside a quote are not counted: they name no subject of the story
        for back in range(0, 16):
            if k - back < 0 or narrative >= 5:
                break
            sent = self.sents[k - back]
            if back == 0 or not self._inside_quotes(sent):
                narrative += 1
            limit = pron.i if back == 0 else sent.end
            subjects = [m for m in self._subject_mentions(sent, limit) if m.token_i != pron.i] if depth < 2 else []
            if subjects:
                if main_clause:  # an epithet has no gender: the sentence's own subject, not one it reports
                    subjects = sorted(subjects, key=lambda m: -sum(1 for _ in self.doc[m.token_i].ancestors))
                return Speaker(subjects[-1].name, pron.idx, pron.idx + len(pron), "pronoun")
        earlier = [m for m in self.people.mentions if m.end <= pron.idx and self._sentence_index(m.token_i) >= k - 1]
        if earlier:
            return Speaker(earlier[-1].name, pron.idx, pron.idx + len(pron), "pronoun")
        return NO_SPEAKER

    def _role(self, subj) -> Speaker:
        """"the Secretary", "the NATO chief": the person written with that role
        in the article; else the article's dominant person for a bare role."""
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in subj.children):
            return NO_SPEAKER  # "A police spokesperson said": someone new and unnamed, not a person named before
        np = [t for t in subj.subtree if t.i <= subj.i and t.dep_ not in ("det", "punct", "poss", "case")]
        words = [norm(t.text) for t in np]
        roles = {w for w in words if w in ROLE_WORDS}
        institutions = {w for w, t in zip(words, np) if w not in ROLE_WORDS and (t.is_title or t.is_upper)}
        institutions |= {norm(c.text) for c in subj.children if c.dep_ == "poss" and c.pos_ == "PROPN"}  # "China's ambassador"
        start, end = np[0].idx, subj.idx + len(subj)
        best, best_score = None, 0
        for m in self.people.mentions:
            if not m.role:
                continue
            their_inst = {w for w in m.role if w not in ROLE_WORDS}
            if institutions and their_inst and not institutions & their_inst:
                continue
            score = 2 * len(institutions & their_inst) + len(roles & set(m.role))
            before_bonus = 0.5 if m.end <= subj.idx else 0
            if score and score + before_bonus > best_score:
                best, best_score = m, score + before_bonus
        if best:
            return Speaker(best.name, start, end, "role")
        if any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children) \
                and not any(roles & set(m.role) for m in self.people.mentions):
            # "the Union Minister said" where no one is written with that role:
            # news style for the person just written about, like "he" -- but
            # never someone written with another role ("Mayor John Smith")
            found = self._pronoun(subj)
            titles = {w for m in self.people.mentions if m.name == found.name
                      for w in m.role if w in ROLE_WORDS and w not in HONORIFICS}
            if found.name and not titles:
                return Speaker(found.name, start, end, "role")
        counts = sorted(self.people.counts.items(), key=lambda kv: -kv[1])
        bare = not institutions and subj.lower_ not in ("official", "spokesperson", "spokesman", "spokeswoman")
        if bare and counts and counts[0][1] >= 3 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
            return Speaker(counts[0][0], start, end, "role")
        return NO_SPEAKER


def _joined_epithets(subj) -> bool:
    """"the singer and guitarist": descriptions of one person joined under
    one "the" (a second determiner makes two people: "the singer and the
    guitarist")."""
    conjuncts = [subj] + [c for c in subj.children if c.dep_ == "conj"]
    return (len(conjuncts) == 2 and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
            and not any(c.dep_ == "det" for c in conjuncts[1].children)
            and all(lemma_of(c) in EPITHET_NOUNS for c in conjuncts))
