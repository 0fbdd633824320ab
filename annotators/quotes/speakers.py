"""From a subject token to a speaker: a named person, a pronoun, an epithet,
a role noun, an organisation."""
from __future__ import annotations

from dataclasses import dataclass

from .cue_words import (
    _BENCH_ADDRESS, _BENCH_ROLES, _CRITICISING, _HONORIFICS, _PRONOUNS, _ROLE_WORDS, _is_cue, _norm,
    _speech_lemma,
)
from .marks import QuotePiece, paragraph_bounds
from .names import _Mention, _People, _QuoteCover


@dataclass
class _Speaker:
    name: str | None
    start: int | None
    end: int | None
    resolved_from: str | None


_NO_SPEAKER = _Speaker(None, None, None, None)


def _subject_candidates(verb, in_quote=lambda pos: False):
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
        own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not in_quote(c.idx)]
        if not own and _speech_lemma(verb):
            own = [t for t in [_adjacent_subject(verb)] if t is not None and not in_quote(t.idx)]
        if own:
            yield own[0]
            if verb is original:
                return
        elif verb.dep_ == "relcl":
            yield verb.head
            return
        if verb.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "acl", "ccomp", "prep") or verb.head is verb:
            return
        if verb.dep_ == "ccomp" and _speech_lemma(verb.head) is None:
            return
        if in_quote(verb.head.idx):  # a misparse into the quote: ", X said, adding ..."
            verb = _previous_cue(verb, in_quote)
            if verb is None:
                return
        else:
            verb = verb.head


def _previous_cue(token, in_quote):
    """The nearest speech verb left of ``token`` in its sentence, outside quotes."""
    for tok in reversed(token.doc[token.sent.start:token.i]):
        if not in_quote(tok.idx) and _is_cue(tok):
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
    if cue.lower_ in ("told", "tells", "tell", "asked") or not any(t.pos_ == "PROPN" or _norm(t.text) in _ROLE_WORDS for t in nouns):
        return None
    return nouns[-1]


def _is_epithet(tok) -> bool:
    """"the Argentine", "the 21-year-old": a definite singular description
    that news style uses for the person just written about, like "he"."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    if tok.ent_type_ == "NORP" and tok.tag_ == "NNP":
        return True
    return tok.lower_ == "old" and any(c.lower_ == "year" for c in tok.children) \
        and any(c.like_num for y in tok.children if y.lower_ == "year" for c in y.children)


# People named by a common noun that is no title ("an aide", "a doctor"):
# unnamed speakers, whatever organisation or person modifies them.
_PERSON_NOUNS = frozenset("""
aide doctor nurse expert source witness resident neighbour neighbor analyst researcher scientist
student teacher worker employee staffer insider fan supporter critic activist lawyer victim
survivor relative parent mother father son daughter friend colleague voter passenger driver
""".split())


def _is_person_noun(token) -> bool:
    return token.lemma_.lower() in _PERSON_NOUNS or _norm(token.text) in _PERSON_NOUNS


def _subject_of(verb):
    return next(_subject_candidates(verb), None)


def _is_coordinated(token) -> bool:
    return any(c.dep_ == "conj" for c in token.children) or any(c.lower_ == "both" for c in token.children)


class _Resolver:
    """Turns a subject token into a speaker: a named person, a pronoun, a role noun."""

    def __init__(self, doc, people: _People, quotes: list[QuotePiece], text: str):
        self.doc, self.people, self.quotes, self.text = doc, people, quotes, text
        self.sents = list(doc.sents)
        self._in_quote = _QuoteCover(quotes)

    def of_verb(self, verb) -> _Speaker:
        """The first subject candidate of ``verb`` that names someone; a
        subject inside a quote is a parse error, never the speaker."""
        for subj in _subject_candidates(verb, self._in_quote):
            speaker = self.of_token(subj)
            if speaker.name:
                return speaker
        if _speech_lemma(verb) and _subject_of(verb) is None:
            return self._person_before(verb)
        return _NO_SPEAKER

    def _person_before(self, verb) -> _Speaker:
        """A cue the parser left without a subject ("John Tower, a longtime ...,
        told a press conference"): the first person named before it in the sentence."""
        for m in self.people.mentions:
            tok = self.doc[m.token_i]
            if verb.sent.start <= m.token_i < verb.i and tok.dep_ not in ("pobj", "poss", "dobj"):
                written = self.text[m.start:m.end]
                return _Speaker(m.name, m.start, m.end, None if written == m.name else "surname")
        return _NO_SPEAKER

    def of_token(self, subj) -> _Speaker:
        if subj is None:
            return _NO_SPEAKER
        if _is_coordinated(subj):  # "Blinken and the NATO chief": two people, no one speaker
            return self._roles_joined_before_a_name(subj) or _NO_SPEAKER
        if subj.lower_ in _BENCH_ADDRESS and any(c.dep_ == "poss" and c.lower_ in ("his", "her", "your")
                                                 for c in subj.children):
            return self._bench(subj)  # never the organisation or person NER may read "Honour" as
        named = self._named(subj)
        if named:
            return named
        if subj.lower_ in _PRONOUNS:
            return self._pronoun(subj)
        if _is_epithet(subj):
            found = self._pronoun(subj)
            return _Speaker(found.name, found.start, found.end, "epithet") if found.name else found
        if _norm(subj.text) in _ROLE_WORDS or subj.lemma_.lower() in _ROLE_WORDS:
            return self._role(subj)  # "the NATO chief" is a person, not NATO
        return self._organisation(subj) or _NO_SPEAKER

    def _bench(self, subj) -> _Speaker:
        """"his Honour said": the judge, the person named with a bench title
        ("Mr Justice Wilson", "Judge Rhona Campbell"), the latest before the
        address, else the first after it; nobody if the article names none."""
        bench = [m for m in self.people.mentions if _BENCH_ROLES & set(m.role)]
        before = [m for m in bench if m.end <= subj.idx]
        best = before[-1] if before else (bench[0] if bench else None)
        if best is None:
            return _NO_SPEAKER
        return _Speaker(best.name, subj.idx, subj.idx + len(subj), "role")

    def _roles_joined_before_a_name(self, subj) -> _Speaker | None:
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
            if _norm(t.text) not in _ROLE_WORDS or any(c.dep_ in ("det", "poss") for c in t.children):
                return None
        named = self._named(last)
        if named or last.pos_ != "PROPN":
            return named
        # NER may have read "CFO Blake Jorgensen" as an organisation: after the
        # titles, two or three capitalised proper nouns are a person's name
        parts = [t for t in last.subtree if t.i <= last.i and t.dep_ in ("compound", "flat") or t is last]
        parts = [t for t in parts if _norm(t.text) not in _ROLE_WORDS]
        if 2 <= len(parts) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in parts) \
                and parts[-1].i - parts[0].i == len(parts) - 1:
            start, end = parts[0].idx, last.idx + len(last)
            return _Speaker(self.text[start:end], start, end, None)
        return None

    def _named(self, subj) -> _Speaker | None:
        # the subject and its name parts, not its possessor ("Trump's tweet" is no speaker)
        # a role noun's compounds name its institution, not the person ("the Spurs manager")
        # and so do a common noun's ("a Pence aide", "an Emirati doctor": someone else)
        common = _norm(subj.text) in _ROLE_WORDS or _is_person_noun(subj)
        parts = ("appos",) if common else ("compound", "flat", "appos")
        phrase = [subj] + [t for t in subj.children if t.dep_ in parts]
        for tok in sorted(phrase, key=lambda t: -t.i):
            mention = self.people.mention_at(tok.i)
            if mention:
                written = self.text[mention.start:mention.end]
                return _Speaker(mention.name, mention.start, mention.end, None if written == mention.name else "surname")
        return None

    def _organisation(self, subj) -> _Speaker | None:
        """"The New York Times said", "a CNN statement called it": the organisation.
        A person noun's modifier is where they work or come from ("an Emirati
        doctor", "a NATO aide"), not who spoke."""
        modifiers = [] if _is_person_noun(subj) else [t for t in subj.lefts if t.dep_ in ("compound", "nmod")]
        for tok in [subj] + modifiers:
            if tok.ent_type_ == "ORG":
                ent = next(e for e in self.doc.ents if e.start <= tok.i < e.end)
                return _Speaker(ent.text, ent.start_char, ent.end_char, None)
        return None

    def _inside_quotes(self, sent) -> bool:
        words = [t for t in sent if t.is_alpha]
        return bool(words) and all(self._in_quote(t.idx) for t in words)

    def _sentence_index(self, token_i: int) -> int:
        for k, s in enumerate(self.sents):
            if s.start <= token_i < s.end:
                return k
        return len(self.sents) - 1

    def _subject_mentions(self, sent, before: int) -> list[_Mention]:
        found = []
        for tok in sent:
            if tok.i >= before or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if any(q.start <= tok.idx < q.end for q in self.quotes):
                continue
            # a pronoun may refer to the subject's possessor too ("Trump's tweet came after he ...")
            named = self._named(tok) or next(
                (n for n in (self._named(c) for c in tok.children if c.dep_ == "poss") if n), None)
            if not named and _is_coordinated(tok):
                named = self._roles_joined_before_a_name(tok)
            if not named and tok.head.lemma_ == "be" and tok.pos_ != "PRON":
                # "The double was Windass' first goals": the sentence is about the attribute's possessor
                named = next((n for n in (self._named(p) for a in tok.head.children if a.dep_ == "attr"
                                          for p in a.children if p.dep_ == "poss") if n), None)
            if named:
                found.append(_Mention(named.start, named.end, named.name, tok.i))
            elif _norm(tok.text) in _ROLE_WORDS and not _is_coordinated(tok):
                # "The Minister, however, could not ..." then "he said"
                role = self._role(tok)
                if role.name:
                    found.append(_Mention(tok.idx, tok.idx + len(tok), role.name, tok.i))
            elif tok.lower_ in ("he", "she") and tok.i < before:
                earlier = self._pronoun(tok, depth=1) if before > tok.i else None
                if earlier and earlier.name:
                    found.append(_Mention(tok.idx, tok.idx + len(tok), earlier.name, tok.i))
        return found

    def _criticised_other(self, pron) -> _Speaker | None:
        """"the judge criticised comments he made ... where he discussed "...":
        a pronoun inside the object of a verb of criticism is not the critic
        (one criticises someone else's words). It is the one other person the
        sentence names, else nobody. None when the rule does not apply."""
        node = pron.head
        verb = None
        for _ in range(6):
            if node.dep_ == "dobj" and node.head.lemma_.lower() in _CRITICISING:
                verb = node.head
                break
            if node.dep_ not in ("relcl", "acl", "prep", "pobj", "ccomp", "conj", "xcomp") or node.head is node:
                break
            node = node.head
        if verb is None:
            return None
        critic = self.of_token(_subject_of(verb))
        if not critic.name:
            return None
        para = next(((s, e) for s, e in paragraph_bounds(self.text) if s <= verb.idx < e), (0, len(self.text)))
        others = {m.name for m in self.people.mentions
                  if verb.sent.start <= m.token_i < verb.sent.end and para[0] <= m.start < para[1]
                  and m.name != critic.name and not self._in_quote(m.start)}
        if len(others) != 1:
            return _NO_SPEAKER
        return _Speaker(others.pop(), pron.idx, pron.idx + len(pron), "pronoun")

    def _pronoun(self, pron, depth: int = 0) -> _Speaker:
        """The most recent person who was a subject: same sentence first, then
        up to four sentences back (mentions inside quotes do not count)."""
        if depth > 2:
            return _NO_SPEAKER
        if depth == 0 and pron.lower_ in _PRONOUNS:
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
                return _Speaker(subjects[-1].name, pron.idx, pron.idx + len(pron), "pronoun")
        earlier = [m for m in self.people.mentions if m.end <= pron.idx and self._sentence_index(m.token_i) >= k - 1]
        if earlier:
            return _Speaker(earlier[-1].name, pron.idx, pron.idx + len(pron), "pronoun")
        return _NO_SPEAKER

    def _role(self, subj) -> _Speaker:
        """"the Secretary", "the NATO chief": the person written with that role
        in the article; else the article's dominant person for a bare role."""
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in subj.children):
            return _NO_SPEAKER  # "A police spokesperson said": someone new and unnamed, not a person named before
        np = [t for t in subj.subtree if t.i <= subj.i and t.dep_ not in ("det", "punct", "poss", "case")]
        words = [_norm(t.text) for t in np]
        roles = {w for w in words if w in _ROLE_WORDS}
        institutions = {w for w, t in zip(words, np) if w not in _ROLE_WORDS and (t.is_title or t.is_upper)}
        start, end = np[0].idx, subj.idx + len(subj)
        best, best_score = None, 0
        for m in self.people.mentions:
            if not m.role:
                continue
            their_inst = {w for w in m.role if w not in _ROLE_WORDS}
            if institutions and their_inst and not institutions & their_inst:
                continue
            score = 2 * len(institutions & their_inst) + len(roles & set(m.role))
            before_bonus = 0.5 if m.end <= subj.idx else 0
            if score and score + before_bonus > best_score:
                best, best_score = m, score + before_bonus
        if best:
            return _Speaker(best.name, start, end, "role")
        if any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children) \
                and not any(roles & set(m.role) for m in self.people.mentions):
            # "the Union Minister said" where no one is written with that role:
            # news style for the person just written about, like "he" -- but
            # never someone written with another role ("Mayor John Smith")
            found = self._pronoun(subj)
            titles = {w for m in self.people.mentions if m.name == found.name
                      for w in m.role if w in _ROLE_WORDS and w not in _HONORIFICS}
            if found.name and not titles:
                return _Speaker(found.name, start, end, "role")
        counts = sorted(self.people.counts.items(), key=lambda kv: -kv[1])
        bare = not institutions and subj.lower_ not in ("official", "spokesperson", "spokesman", "spokeswoman")
        if bare and counts and counts[0][1] >= 3 and (len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]):
            return _Speaker(counts[0][0], start, end, "role")
        return _NO_SPEAKER
