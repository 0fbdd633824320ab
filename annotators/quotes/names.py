"""The people an article names, and every mention of them (NER entities made
whole, names NER misses, title-case headline guesses left out)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .cue_words import ROLE_WORDS, norm, speech_lemma
from .marks import QuotePiece


POSSESSIVE = re.compile(r"(['\u2019]s?)$")


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass
class Mention:
    start: int
    end: int
    name: str  # the full name this mention refers to
    token_i: int  # the mention's last token
    role: tuple[str, ...] = ()  # role words written left of the name


@dataclass
class People:
    names: list[str]  # cleaned full-or-partial person names in the article
    mentions: list[Mention]
    counts: dict[str, int] = field(default_factory=dict)

    def fullest(self, name: str) -> str:
        """The longest article name that contains ``name``'s last word."""
        from rapidfuzz import fuzz

        words = name.split()
        while len(words) > 1 and norm(words[-1]) in _NAME_SUFFIXES:
            words.pop()  # "James Kennedy Jr." is not found by his "Jr."
        last = words[-1]
        candidates = [n for n in self.names
                      if any(w == last or (len(w) > 4 and fuzz.ratio(w, last) >= 88) for w in n.split())]
        if not candidates:
            return name
        return max(candidates, key=lambda n: (len(n.split()), self.counts.get(n, 0), n == name))

    def mention_at(self, token_i: int) -> Mention | None:
        for m in self.mentions:
            if m.token_i == token_i:
                return m
        return None


def clean_person(text: str) -> str | None:
    text = " ".join(text.split("\n\n")[0].split())  # a name may be wrapped, not split by a paragraph
    words = text.split()
    # "JUBA - Petroleum Minister Stephen Dhieu Dau", "Gauteng Premier Panyaza
    # Lesufi": the name is what follows the last role word; a role word at the
    # end is part of the name ("Stephen King"), one at the start is dropped.
    last_role = max((k for k, w in enumerate(words) if norm(w) in ROLE_WORDS), default=-1)
    if 0 <= last_role < len(words) - 1:
        words = words[last_role + 1:]
    while words and norm(words[0]) in ROLE_WORDS:
        words = words[1:]
    cleaned = []
    for w in words:
        base = POSSESSIVE.sub("", w)
        cleaned.append(base)
        if base != w:
            break
    if not 1 <= len(cleaned) <= 4:
        return None
    if not all(re.fullmatch(r"[A-Z][\w'\u2019.-]*|de|da|van|von|der|al|bin|di|du|el|la|le", w) for w in cleaned):
        return None
    return " ".join(cleaned)


def _role_left_of(doc, start_i: int) -> tuple[str, ...]:
    """Role words written just before a name: "NATO Secretary General", "U.S. Secretary of State"."""
    words = []
    i = start_i - 1
    while i >= 0 and len(words) < 8:
        tok = doc[i]
        low = norm(tok.text)
        if tok.is_space:
            i -= 1
            continue
        if low == "to" and words:
            words = []  # "ambassador to Britain": where the role is posted names no employer
        elif low in ("of", "for") and words:  # "Secretary of State"
            words.append(low)
        elif tok.is_stop and low not in ROLE_WORDS:
            break
        elif tok.text in ("'s", "\u2019s") or low in ROLE_WORDS or (tok.is_title or tok.is_upper) and tok.is_alpha | ("." in tok.text):
            words.append(low)
        elif tok.is_lower and tok.is_alpha and tok.pos_ in ("ADJ", "NOUN", "PROPN") and words:
            words.append(low)  # "foreign policy chief"
        else:
            break
        i -= 1
    if not words and i >= 1 and doc[i].text == ",":
        # an apposition: "Minister of Foreign Affairs, Eisenhower Mkaka said"
        role = _role_left_of(doc, i)
        if any(w in ROLE_WORDS for w in role):
            return role
    words = [w for w in words if w not in ("'s", "of", "for")]
    return tuple(reversed(words))


# Entities that are never a person, and heads that name a place or a body, not a person:
# a proper-noun subject NER leaves untagged is a name only without them.
_NOT_PERSON_ENTS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW", "LANGUAGE",
                              "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"})
_BODY_HEADS = frozenset("""
street road avenue square house hall office council ministry department court party group university
college school hospital police agency company corporation bank board committee commission government
army navy club team news times post journal herald press media network institute centre center
foundation association union federation league authority service airport station city county state
""".split())


def _word_tokens(doc, first: int, last: int) -> list[list]:
    """Tokens first..last grouped into written words (a hyphen with no space
    around it joins: "Deok-cheol" is one word)."""
    words: list[list] = []
    for tok in doc[first:last + 1]:
        joined = words and tok.i > first and not doc[tok.i - 1].whitespace_ and (
            tok.text == "-" or doc[tok.i - 1].text == "-")
        if joined:
            words[-1].append(tok)
        else:
            words.append([tok])
    return words


def _unrecognised_name(cue, in_quote) -> tuple[int, int, str] | None:
    """"Kwon Deok-cheol, the ministry's official, told a briefing": NER often
    misses a non-Western name. The subject of a speech verb that is a chain of
    two to four capitalised proper nouns (a hyphenated part may be lowercase
    after the hyphen), with no determiner, no role word, no entity that is
    never a person and no head naming a place or a body, is a person's name."""
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subj is None and cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp"):
        # "Samoan skipper Junior Paulo defended Crichton, saying: ...": the participle's subject is its clause's
        subj = next((c for c in cue.head.children if c.dep_ == "nsubj"), None)
    if subj is None or in_quote(subj.idx) or any(c.dep_ in ("det", "poss") for c in subj.children):
        return None
    doc = subj.doc
    parts = [t for t in subj.lefts if t.dep_ in ("compound", "flat") or (t.text == "-" and t.dep_ == "punct")]
    first = min([t.i for t in parts] + [subj.i])
    if any(t.dep_ not in ("compound", "flat", "punct") for t in doc[first:subj.i]):
        return None
    # a common noun written before the name describes the person ("skipper Junior Paulo",
    # "Samoan skipper ..."): the name is what follows it, and it stands as a title
    described = [t.i for t in doc[first:subj.i] if t.pos_ == "NOUN" and t.is_lower and t.is_alpha]
    if described:
        first = described[-1] + 1
    hyphen_tail = subj.i > first and doc[subj.i - 1].text == "-" and not doc[subj.i - 1].whitespace_
    if subj.pos_ != "PROPN" and not hyphen_tail:
        return None  # a common-noun head: "Health officials said"
    tokens = doc[first:subj.i + 1]
    if any(t.ent_type_ in _NOT_PERSON_ENTS or t.ent_type_ == "PERSON" for t in tokens):
        return None  # NER read it as something else, or already as a person
    grouped = _word_tokens(doc, first, subj.i)
    titled = bool(described)
    while grouped and norm(grouped[0][0].text) in ROLE_WORDS and len(grouped[0]) == 1:
        grouped, titled = grouped[1:], True  # "Health Minister Kwon Deok-cheol said"
    words = ["".join(t.text for t in w) for w in grouped]
    if not 2 <= len(words) <= 4 or norm(words[-1]) in _BODY_HEADS:
        return None
    if not all(re.fullmatch(r"[A-Z][a-z']+(?:-[A-Za-z][a-z']+)?", w) and norm(w) not in ROLE_WORDS for w in words):
        return None
    # it must be written as a person: a title before it or a role in apposition
    # ("Kwon Deok-cheol, the ministry's chief policy official"); "reports Study Finds" is not
    role_appos = any(c.dep_ == "appos" and (norm(c.text) in ROLE_WORDS or c.lemma_.lower() in ROLE_WORDS)
                     for c in subj.children)
    if not (titled or role_appos):
        return None
    return grouped[0][0].i, subj.i, " ".join(words)


_NOT_PERSON_SUBJECT = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "LANGUAGE"})


def surname_speaker(cue, in_quote, text: str) -> str | None:
    """"the 14th-ranked Schwartzman said", where NER tags no "Schwartzman" a
    person but the article writes "Diego Schwartzman": a lone title-case
    proper noun subject of a speech verb (no name parts of its own, not read
    as a place, body or nationality) is the one "First Surname" the article
    writes with it, the first word a capitalised word that is no role, title
    or function word. None when there is no such run or more than one."""
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "PROPN" or not subj.is_title or in_quote(subj.idx) \
            or subj.ent_type_ in _NOT_PERSON_SUBJECT or subj.ent_type_ == "PERSON" \
            or any(c.dep_ in ("compound", "flat") for c in subj.children):
        return None
    runs = {m.group(0) for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(subj.text) + r"\b", text)
            if norm(m.group(1)) not in ROLE_WORDS and m.group(1).lower() not in _FUNCTION_WORDS
            and m.group(1).lower() not in ("a", "an", "this", "that", "its", "his", "her", "their", "our")}
    return runs.pop() if len(runs) == 1 else None


class QuoteCover:
    """Whether a character offset lies inside a quote piece: called for
    nearly every token, so a binary search over the pieces' starts, not a
    scan of them all."""

    def __init__(self, quotes: list[QuotePiece]):
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]
        # the widest end among pieces starting at or before each one: correct
        # even if pieces were ever to nest or overlap
        self.reach = []
        for q in self.quotes:
            self.reach.append(max(q.end, self.reach[-1]) if self.reach else q.end)

    def __call__(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos)
        if k == 0 or self.reach[k - 1] <= pos:
            return False
        # every piece before k starts at or before pos; the nearest is the likeliest to cover it
        return any(self.quotes[i].end > pos for i in range(k - 1, -1, -1))


# Capitalised words NER may leave out between two parts of one long name
# ("Marcia Stephens" Bloom "Bernicat", "Andrés Manuel" López "Obrador").
_NAME_GAP_WORDS = 2


def _title_case_line(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text)]
    return (len(words) >= 4 and not _SENTENCE_END_MARK.search(text.rstrip())
            and sum(w[:1].isupper() for w in words) >= 0.7 * len(words))


_SENTENCE_END_MARK = re.compile(r"[.!?][\"'”’)]*$")


def _headline_trim(text: str, ent, persons: list):
    """NER reads capitalised words of a title-case headline as names ("Judge
    Apologises To Murder Victim's Family", "President Nominates Regina
    Benjamin, MD ..."): a PERSON entity in such a line keeps only the words
    from the first to the last one that is part of a PERSON entity outside
    that line too ("Blinken Wraps Up Europe Trip" / "... Blinken said"); the
    headline's verbs on either side are not the name. None when no word is."""
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line_end = len(text) if line_end < 0 else line_end
    if not _title_case_line(text[line_start:line_end]):
        return ent
    known = {t.text for other in persons if not line_start <= other.start_char < line_end for t in other}
    kept = [t.i for t in ent if t.is_alpha and t.text in known]
    if not kept:
        return None
    return ent.doc[kept[0]:kept[-1] + 1]


CORPORATE_WORDS = frozenset("""
productions records group inc corp corporation ltd llc plc company co entertainment media holdings
partners studios pictures films labs systems technologies industries
""".split())
_FUNCTION_WORDS = frozenset({"of", "the", "and", "in", "to", "for", "at", "on", "by", "with"})


def _person_entity_texts(doc, text: str) -> list[str]:
    """The text of each PERSON entity, with a long name NER split or cut short
    made whole again ("Marcia Stephens" Bloom Bernicat, where "Bernicat" is
    tagged elsewhere): a PERSON entity runs on over up to two capitalised
    words outside any entity when they lead to another PERSON entity, or end
    on a word NER tags as part of a name elsewhere in the article."""
    tagged = [e for e in doc.ents if e.label_ == "PERSON"]
    # an entity ending on a lowercase function word is a misread ("The official Twitter of the Embassy")
    trimmed = [_headline_trim(text, e, tagged) for e in tagged]
    persons = [e for e in trimmed if e is not None and e[-1].lower_ not in _FUNCTION_WORDS
               and norm(e[-1].text) not in CORPORATE_WORDS]  # "Dick Clark Productions" is a company
    name_words = {t.text for e in persons for t in e}
    texts, k = [], 0
    while k < len(persons):
        start, end = persons[k].start, persons[k].end
        k += 1
        while True:
            j = end
            while (j < len(doc) and j - end < _NAME_GAP_WORDS and doc[j].ent_iob_ == "O"
                   and doc[j].is_alpha and doc[j].text[:1].isupper() and not doc[j].is_stop):
                j += 1  # "To", "Of" in a title-case headline join no name
            if k < len(persons) and persons[k].start == j:
                end = persons[k].end  # two entities, one name
                k += 1
                continue
            known = [m for m in range(end, j) if doc[m].text in name_words]
            if known:
                end = known[-1] + 1
            break
        texts.append(doc[start:end].text)
    return texts


class _LazyTokens:
    """``doc[i]`` built once per index, and only for the indices asked for:
    spaCy makes a new Token object on every access, and most tokens are never
    looked at closely."""

    def __init__(self, doc):
        self.doc, self._cache = doc, {}

    def __len__(self) -> int:
        return len(self.doc)

    def __getitem__(self, i: int):
        tok = self._cache.get(i)
        if tok is None:
            tok = self._cache[i] = self.doc[i]
        return tok


def find_people(doc, quotes: list[QuotePiece], starts: list[int] | None = None, text: str | None = None) -> People:
    """The people the article names, and every mention of them. ``starts``
    (every token's offset) and ``text`` (doc.text) are passed when the caller
    has them; tokens are only built where a capital letter or a verb makes
    them worth a look."""
    in_quote = QuoteCover(quotes)
    text = doc.text if text is None else text
    starts = doc.to_array("IDX").tolist() if starts is None else starts
    toks = _LazyTokens(doc)

    names = []
    for name in _person_entity_texts(doc, text):
        cleaned = clean_person(name)
        if cleaned:
            names.append(cleaned)
    unrecognised: set[int] = set()  # tokens of names NER did not tag (they may sit in another entity)
    if doc.has_annotation("DEP"):
        verb_ids = {doc.vocab.strings["VERB"], doc.vocab.strings["AUX"]}
        for i, pos in enumerate(doc.to_array("POS").tolist()):
            if pos not in verb_ids:
                continue
            tok = toks[i]
            if speech_lemma(tok) and not in_quote(tok.idx):
                found = _unrecognised_name(tok, in_quote)
                if found:
                    names.append(found[2])
                    unrecognised |= set(range(found[0], found[1] + 1))
                elif surname_speaker(tok, in_quote, text):
                    names.append(surname_speaker(tok, in_quote, text))
    name_words = {w for n in names for w in n.split()}
    people = People(sorted(set(names)), [])
    n = len(toks)
    i = 0
    while i < n:  # names written in the text, whatever NER labelled them there
        if not text[starts[i]].isupper():  # the cheap test first: most words are no name
            i += 1
            continue
        tok = toks[i]
        inside_other_name = tok.ent_type_ in ("ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT") and not (
            tok.ent_iob_ == "B" and (tok.i + 1 == n or toks[tok.i + 1].ent_iob_ != "I")) \
            and tok.i not in unrecognised  # "The Tower Commission"
        # a hyphenated name word ("Deok-cheol") is written as several tokens
        k = i
        while k + 2 < n and toks[k + 1].text == "-" and not toks[k].whitespace_ and not toks[k + 1].whitespace_:
            k += 2
        first_word = k if k > i and POSSESSIVE.sub("", doc[i:k + 1].text) in name_words else i
        if (first_word == i and POSSESSIVE.sub("", tok.text) not in name_words) \
                or in_quote(tok.idx) or inside_other_name:
            i += 1
            continue
        j = first_word
        while True:  # further name words, hyphenated ones included
            k = j + 1
            while k + 2 < n and toks[k + 1].text == "-" and not toks[k].whitespace_ and not toks[k + 1].whitespace_:
                k += 2
            if j + 1 < n and toks[j + 1].text[:1].isupper() \
                    and POSSESSIVE.sub("", doc[j + 1:k + 1].text) in name_words:
                j = k
            elif j + 1 < n and toks[j + 1].text in name_words and toks[j + 1].text[:1].isupper():
                j += 1
            else:
                break
        written = " ".join(POSSESSIVE.sub("", w) for w in doc[i:j + 1].text.split())
        full = people.fullest(written)
        people.mentions.append(Mention(toks[i].idx, toks[j].idx + len(POSSESSIVE.sub("", toks[j].text)),
                                        full, j, _role_left_of(doc, i)))
        people.counts[full] = people.counts.get(full, 0) + 1
        i = j + 1
    return people
