"""Direct quotes and who said them.

Two layers:

- ``pair_quote_marks(text)``: pairs quotation marks by surface rules only, so
  it works on any text (raw pastes included) and never gives up on an article
  with an odd number of marks.
- ``find_quotes(doc)``: a Span per quote, with the speaker found from the
  dependency parse and named entities when the Doc has them, and from surface
  patterns ("...," Name said / Name said "..." / said Name) when it does not.

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
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from .types import Span

# ---------------------------------------------------------------- marks

_DOUBLE = {"\u201c": "open", "\u201d": "close", "\u201e": "open", '"': "straight",
           "\u00ab": "open", "\u00bb": "close"}
_SINGLE = {"\u2018": "open", "\u2019": "close", "'": "straight", "\u201a": "open"}
_OPENING_CONTEXT = set("([{<\u2014\u2013-/\u201c\u2018\u00ab")
_CLOSING_CONTEXT = set(".,;:!?)]}\u2014\u2013-\u2026\u201d\u2019\u00bb'\"")
# Elisions whose leading apostrophe looks like an opening quote: '90s, 'em, rock 'n' roll.
_ELISION = re.compile(r"[\u2019\u2018'](?:\d\d?s?\b|em\b|tis\b|twas\b|til\b|cause\b|n[\u2019\u2018'](?=\s))", re.I)


@dataclass
class _Mark:
    pos: int
    can_open: bool
    can_close: bool
    weak: bool = False  # a closer that is more likely a plural possessive (allies')


def _is_word_char(ch: str | None) -> bool:
    return ch is not None and ch.isalnum()


def _mark_roles(text: str, pos: int, kind: str) -> tuple[bool, bool]:
    prev = text[pos - 1] if pos > 0 else None
    nxt = text[pos + 1] if pos + 1 < len(text) else None
    open_ctx = (prev is None or prev.isspace() or prev in _OPENING_CONTEXT) and nxt is not None and not nxt.isspace()
    close_ctx = prev is not None and not prev.isspace() and (nxt is None or nxt.isspace() or nxt in _CLOSING_CONTEXT)
    if kind == "open":  # directional marks are trusted unless the context says otherwise
        return True, close_ctx and not open_ctx
    if kind == "close":
        return open_ctx and not close_ctx, True
    if not open_ctx and not close_ctx:  # x"y or a floating mark: either way
        return True, True
    return open_ctx, close_ctx


def _apostrophe_positions(text: str, start: int, end: int) -> set[int]:
    """Single marks that are apostrophes, not quotes."""
    found = set()
    for m in _ELISION.finditer(text, start, end):
        found.add(m.start())
        if m.group(0)[-1] in "\u2019\u2018'":
            found.add(m.end() - 1)
    for i in range(start, end):
        if text[i] in _SINGLE and _is_word_char(text[i - 1] if i else None) and _is_word_char(text[i + 1] if i + 1 < len(text) else None):
            found.add(i)  # don't, Trump's, NATO’s
    return found


def _marks(text: str, start: int, end: int, family: dict[str, str]) -> list[_Mark]:
    skip = _apostrophe_positions(text, start, end) if family is _SINGLE else set()
    marks = []
    for i in range(start, end):
        ch = text[i]
        if ch not in family or i in skip:
            continue
        can_open, can_close = _mark_roles(text, i, family[ch])
        weak = family is _SINGLE and can_close and not can_open and text[i - 1] in "sS"
        marks.append(_Mark(i, can_open, can_close, weak))
    return marks


# ---------------------------------------------------------------- paragraphs

def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Plain-text articles wrapped at a fixed width: only blank lines end paragraphs."""
    full = [l for l in lines if l.strip()]
    if len(full) < 5:
        return False
    lengths = sorted(len(l) for l in full)
    unterminated = sum(1 for l in full if not re.search(r"[.!?:\"'\u201d\u2019]\s*$", l))
    return lengths[-1] <= 100 and lengths[len(lengths) // 2] >= 40 and unterminated >= len(full) / 3


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank lines always separate paragraphs,
    single newlines too unless the text is hard-wrapped prose."""
    # Hard-wrapped text marks paragraphs with a blank line or an indented first line.
    separator = r"\n[ \t\u00a0]*\n\s*|\n(?:[ \t]{2,}|\t)" if _looks_hard_wrapped(text.split("\n")) else r"\n\s*"
    bounds, pos = [], 0
    for m in re.finditer(separator, text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


# ---------------------------------------------------------------- pairing

@dataclass(frozen=True)
class QuotePiece:
    start: int
    end: int
    group: int  # pieces of one quote continued across paragraphs share a group


def _first_mark_opens(text: str, para: tuple[int, int], family: dict[str, str]) -> bool:
    stripped = text[para[0]:para[1]].lstrip()
    return bool(stripped) and stripped[0] in family and family[stripped[0]] in ("open", "straight")


def _later_closer_before_opener(marks: list[_Mark], k: int) -> bool:
    for m in marks[k + 1:]:
        if m.can_close and not m.weak:
            return True
        if m.can_open and not m.can_close:
            return False
    return False


def _pair_family(text: str, paras: list[tuple[int, int]], family: dict[str, str],
                 blocked: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(start, end, continues) for one family of marks; marks inside ``blocked``
    ranges (quotes already found) are ignored. ``continues`` flags a piece whose
    quote goes on in the next paragraph."""
    pairs = []
    for p_index, para in enumerate(paras):
        marks = [m for m in _marks(text, *para, family) if not any(s - 1 <= m.pos <= e for s, e in blocked)]
        opened: _Mark | None = None
        for k, mark in enumerate(marks):
            if opened is None:
                if mark.can_open:
                    opened = mark
            elif mark.can_close and not (mark.weak and _later_closer_before_opener(marks, k)):
                pairs.append((opened.pos + 1, mark.pos, False))
                opened = None
            elif mark.can_open and not mark.can_close:
                opened = mark  # the earlier mark was never closed: start again here
        if opened is None:
            continue
        if p_index + 1 < len(paras) and _first_mark_opens(text, paras[p_index + 1], family):
            pairs.append((opened.pos + 1, para[1], True))
        elif _opens_paragraph_unclosed(text, para, opened, marks):
            # the last paragraph of a quote whose closing mark was left out:
            # "Tonight I could keep it up ... playing well.<no mark>" then prose
            pairs.append((opened.pos + 1, para[1], False))
    return pairs


def _opens_paragraph_unclosed(text: str, para: tuple[int, int], opened: _Mark, marks: list[_Mark]) -> bool:
    """The paragraph's first character opens a quote no later mark closes,
    and the paragraph ends a sentence: a quote paragraph missing its closer."""
    first = para[0] + len(text[para[0]:para[1]]) - len(text[para[0]:para[1]].lstrip())
    return (opened.pos == first and not any(m.pos > opened.pos and m.can_close for m in marks)
            and text[para[0]:para[1]].rstrip()[-1:] in (".", "!", "?", "\u2026"))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    # A trailing comma belongs to the sentence around the quote, not to the speech.
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def quote_pieces(text: str) -> list[QuotePiece]:
    """Quote pieces in text order, with continuation groups."""
    paras = paragraph_bounds(text)
    doubles = _pair_family(text, paras, _DOUBLE, [])
    singles = _pair_family(text, paras, _SINGLE, [(s, e) for s, e, _ in doubles])
    # A single-quoted quote that encloses double-quoted ones is the outer quote (UK style).
    doubles = [d for d in doubles if not any(s <= d[0] and d[1] <= e for s, e, _ in singles)]
    raw = sorted(doubles + singles)
    pieces, group, continuing = [], -1, False
    para_starts = {s + len(text[s:e]) - len(text[s:e].lstrip()) for s, e in paras}
    for start, end, continues in raw:
        start, end = _trim(text, start, end)
        if start >= end or any(start < p.end and p.start < end for p in pieces):
            continue
        # a continued quote goes on only in a piece that opens a paragraph
        if not (continuing and (start - 1 in para_starts or start in para_starts)):
            group += 1
        pieces.append(QuotePiece(start, end, group))
        continuing = continues
    return pieces


def pair_quote_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the quoted words, marks excluded, in text order."""
    return [(p.start, p.end) for p in quote_pieces(text)]


# ---------------------------------------------------------------- lexicons

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


_SPEECH_FORMS = {form: lemma for lemma in _SPEECH_LEMMAS for form in _inflections(lemma)} | _IRREGULAR_FORMS

_ROLE_WORDS = frozenset("""
secretary chief minister president spokesperson spokesman spokeswoman official diplomat advisor
adviser ambassador envoy general commander leader head director chairman chairwoman chair
senator governor mayor premier chancellor prime king queen pope ceo boss representative
congressman congresswoman lawmaker officer prosecutor judge attorney coach captain manager
founder economist analyst professor correspondent host deputy vice mr mrs ms dr sir lord
coo cfo cto cio
prof rev alhaji alhaja sheikh
""".split())
# Verbs of criticising someone's words: "the judge criticised comments he made"
_CRITICISING = frozenset("""
criticise criticize condemn attack slam mock ridicule rebuke denounce lambast blast dismiss reject
deride scorn castigate chastise berate rubbish
""".split())
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "prof", "rev", "alhaji", "alhaja", "sheikh", "lord"})
_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
# How a court report refers to the judge: "his Honour said", "her Ladyship"
_BENCH_ADDRESS = frozenset({"honour", "honor", "lordship", "ladyship", "worship"})
_BENCH_ROLES = frozenset({"judge", "justice", "magistrate", "recorder", "sheriff"})
_QUOTE_CHARS = set(_DOUBLE) | set(_SINGLE)


def _speech_lemma(token) -> str | None:
    lower = token.lower_
    if lower in _SPEECH_FORMS:
        return _SPEECH_FORMS[lower]
    if token.lemma_ and token.lemma_.lower() in _SPEECH_LEMMAS and token.pos_ in ("VERB", "AUX", ""):
        return token.lemma_.lower()
    return None


def _is_cue(token) -> bool:
    if token.lower_ == "according":
        return token.nbor(1).lower_ == "to" if token.i + 1 < len(token.doc) else False
    if token.lower_ == "put" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "it":
        return True  # "as X put it, ..."
    if _speech_lemma(token) is None:
        return False
    # With a tagger, a cue must be a verb ("the call", "the report" are not cues).
    return not token.pos_ or token.pos_ in ("VERB", "AUX")


def _norm(word: str) -> str:
    return word.replace(".", "").replace("\u2019", "'").lower()


# ---------------------------------------------------------------- people

_POSSESSIVE = re.compile(r"(['\u2019]s?)$")


@dataclass
class _Mention:
    start: int
    end: int
    name: str  # the full name this mention refers to
    token_i: int  # the mention's last token
    role: tuple[str, ...] = ()  # role words written left of the name


@dataclass
class _People:
    names: list[str]  # cleaned full-or-partial person names in the article
    mentions: list[_Mention]
    counts: dict[str, int] = field(default_factory=dict)

    def fullest(self, name: str) -> str:
        """The longest article name that contains ``name``'s last word."""
        from rapidfuzz import fuzz

        last = name.split()[-1]
        candidates = [n for n in self.names
                      if any(w == last or (len(w) > 4 and fuzz.ratio(w, last) >= 88) for w in n.split())]
        if not candidates:
            return name
        return max(candidates, key=lambda n: (len(n.split()), self.counts.get(n, 0), n == name))

    def mention_at(self, token_i: int) -> _Mention | None:
        for m in self.mentions:
            if m.token_i == token_i:
                return m
        return None


def _clean_person(text: str) -> str | None:
    text = " ".join(text.split("\n\n")[0].split())  # a name may be wrapped, not split by a paragraph
    words = text.split()
    # "JUBA - Petroleum Minister Stephen Dhieu Dau", "Gauteng Premier Panyaza
    # Lesufi": the name is what follows the last role word; a role word at the
    # end is part of the name ("Stephen King"), one at the start is dropped.
    last_role = max((k for k, w in enumerate(words) if _norm(w) in _ROLE_WORDS), default=-1)
    if 0 <= last_role < len(words) - 1:
        words = words[last_role + 1:]
    while words and _norm(words[0]) in _ROLE_WORDS:
        words = words[1:]
    cleaned = []
    for w in words:
        base = _POSSESSIVE.sub("", w)
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
        low = _norm(tok.text)
        if tok.is_space:
            i -= 1
            continue
        if low in ("of", "for") and words:
            words.append(low)
        elif tok.is_stop and low not in _ROLE_WORDS:
            break
        elif tok.text in ("'s", "\u2019s") or low in _ROLE_WORDS or (tok.is_title or tok.is_upper) and tok.is_alpha | ("." in tok.text):
            words.append(low)
        elif tok.is_lower and tok.is_alpha and tok.pos_ in ("ADJ", "NOUN", "PROPN") and words:
            words.append(low)  # "foreign policy chief"
        else:
            break
        i -= 1
    if not words and i >= 1 and doc[i].text == ",":
        # an apposition: "Minister of Foreign Affairs, Eisenhower Mkaka said"
        role = _role_left_of(doc, i)
        if any(w in _ROLE_WORDS for w in role):
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
    if subj is None or in_quote(subj.idx) or any(c.dep_ in ("det", "poss") for c in subj.children):
        return None
    doc = subj.doc
    parts = [t for t in subj.lefts if t.dep_ in ("compound", "flat") or (t.text == "-" and t.dep_ == "punct")]
    first = min([t.i for t in parts] + [subj.i])
    if any(t.dep_ not in ("compound", "flat", "punct") for t in doc[first:subj.i]):
        return None
    hyphen_tail = subj.i > first and doc[subj.i - 1].text == "-" and not doc[subj.i - 1].whitespace_
    if subj.pos_ != "PROPN" and not hyphen_tail:
        return None  # a common-noun head: "Health officials said"
    tokens = doc[first:subj.i + 1]
    if any(t.ent_type_ in _NOT_PERSON_ENTS or t.ent_type_ == "PERSON" for t in tokens):
        return None  # NER read it as something else, or already as a person
    grouped = _word_tokens(doc, first, subj.i)
    titled = False
    while grouped and _norm(grouped[0][0].text) in _ROLE_WORDS and len(grouped[0]) == 1:
        grouped, titled = grouped[1:], True  # "Health Minister Kwon Deok-cheol said"
    words = ["".join(t.text for t in w) for w in grouped]
    if not 2 <= len(words) <= 4 or _norm(words[-1]) in _BODY_HEADS:
        return None
    if not all(re.fullmatch(r"[A-Z][a-z']+(?:-[A-Za-z][a-z']+)?", w) and _norm(w) not in _ROLE_WORDS for w in words):
        return None
    # it must be written as a person: a title before it or a role in apposition
    # ("Kwon Deok-cheol, the ministry's chief policy official"); "reports Study Finds" is not
    role_appos = any(c.dep_ == "appos" and (_norm(c.text) in _ROLE_WORDS or c.lemma_.lower() in _ROLE_WORDS)
                     for c in subj.children)
    if not (titled or role_appos):
        return None
    return grouped[0][0].i, subj.i, " ".join(words)


class _QuoteCover:
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


def _headline_guess(text: str, ent, persons: list) -> bool:
    """NER reads capitalised words of a title-case headline as names ("Judge
    Apologises To Murder Victim's Family"): a PERSON entity in such a line
    is a person only if its last word is part of a PERSON entity outside
    that line too ("Blinken Wraps Up Europe Trip" / "... Blinken said")."""
    line_start = text.rfind("\n", 0, ent.start_char) + 1
    line_end = text.find("\n", ent.end_char)
    line_end = len(text) if line_end < 0 else line_end
    if not _title_case_line(text[line_start:line_end]):
        return False
    words = [t.text for t in ent if t.is_alpha]
    if not words:
        return True
    return not any(words[-1] in (t.text for t in other) for other in persons
                   if not line_start <= other.start_char < line_end)


def _person_entity_texts(doc, text: str) -> list[str]:
    """The text of each PERSON entity, with a long name NER split or cut short
    made whole again ("Marcia Stephens" Bloom Bernicat, where "Bernicat" is
    tagged elsewhere): a PERSON entity runs on over up to two capitalised
    words outside any entity when they lead to another PERSON entity, or end
    on a word NER tags as part of a name elsewhere in the article."""
    tagged = [e for e in doc.ents if e.label_ == "PERSON"]
    persons = [e for e in tagged if not _headline_guess(text, e, tagged)]
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


def _find_people(doc, quotes: list[QuotePiece], starts: list[int] | None = None, text: str | None = None) -> _People:
    """The people the article names, and every mention of them. ``starts``
    (every token's offset) and ``text`` (doc.text) are passed when the caller
    has them; tokens are only built where a capital letter or a verb makes
    them worth a look."""
    in_quote = _QuoteCover(quotes)
    text = doc.text if text is None else text
    starts = doc.to_array("IDX").tolist() if starts is None else starts
    toks = _LazyTokens(doc)

    names = []
    for name in _person_entity_texts(doc, text):
        cleaned = _clean_person(name)
        if cleaned:
            names.append(cleaned)
    unrecognised: set[int] = set()  # tokens of names NER did not tag (they may sit in another entity)
    if doc.has_annotation("DEP"):
        verb_ids = {doc.vocab.strings["VERB"], doc.vocab.strings["AUX"]}
        for i, pos in enumerate(doc.to_array("POS").tolist()):
            if pos not in verb_ids:
                continue
            tok = toks[i]
            if _speech_lemma(tok) and not in_quote(tok.idx):
                found = _unrecognised_name(tok, in_quote)
                if found:
                    names.append(found[2])
                    unrecognised |= set(range(found[0], found[1] + 1))
    name_words = {w for n in names for w in n.split()}
    people = _People(sorted(set(names)), [])
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
        first_word = k if k > i and _POSSESSIVE.sub("", doc[i:k + 1].text) in name_words else i
        if (first_word == i and _POSSESSIVE.sub("", tok.text) not in name_words) \
                or in_quote(tok.idx) or inside_other_name:
            i += 1
            continue
        j = first_word
        while True:  # further name words, hyphenated ones included
            k = j + 1
            while k + 2 < n and toks[k + 1].text == "-" and not toks[k].whitespace_ and not toks[k + 1].whitespace_:
                k += 2
            if j + 1 < n and toks[j + 1].text[:1].isupper() \
                    and _POSSESSIVE.sub("", doc[j + 1:k + 1].text) in name_words:
                j = k
            elif j + 1 < n and toks[j + 1].text in name_words and toks[j + 1].text[:1].isupper():
                j += 1
            else:
                break
        written = " ".join(_POSSESSIVE.sub("", w) for w in doc[i:j + 1].text.split())
        full = people.fullest(written)
        people.mentions.append(_Mention(toks[i].idx, toks[j].idx + len(_POSSESSIVE.sub("", toks[j].text)),
                                        full, j, _role_left_of(doc, i)))
        people.counts[full] = people.counts.get(full, 0) + 1
        i = j + 1
    return people


# ---------------------------------------------------------------- speakers

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


# ---------------------------------------------------------------- cues

@dataclass
class _Attribution:
    speaker: _Speaker
    cue: object | None  # the cue token
    final: bool = False  # no speaker, and none to carry over (a title in quotes)


def _is_quoted_name(doc, piece: QuotePiece) -> bool:
    """A quote that is only a proper name (“Battlefield V,” “FIFA”): a title,
    not words someone said. Needs a tagger; "I" or a closing ! or ? is speech."""
    if not doc.has_annotation("POS"):
        return False
    words = [t for t in _quote_tokens(doc, piece) if not (t.is_punct or t.is_space)]
    return (0 < len(words) <= 4 and all(t.pos_ == "PROPN" or (t.like_num and k) for k, t in enumerate(words))
            and not any(t.text == "I" for t in words) and doc.text[piece.end - 1:piece.end] not in ("!", "?"))


def _quote_tokens(doc, piece: QuotePiece):
    span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _governing_cue(doc, piece: QuotePiece, para: tuple[int, int] | None = None):
    """A speech verb the quote depends on ("said that X will "use ..."").
    Only a verb in the quote's own paragraph: a parse that runs a sentence on
    over a paragraph break hangs the quote on the next paragraph's verb."""
    tokens = _quote_tokens(doc, piece)
    inside = {t.i for t in tokens}
    for root in (t for t in tokens if t.head.i not in inside and t.head is not t):
        anc = root.head
        for _ in range(8):
            if para is not None and not para[0] <= anc.idx < para[1]:
                break
            if _is_cue(anc):
                return anc
            according = [c for c in anc.children if c.lower_ == "according" and c.i not in inside]
            if according:
                return according[0]
            if anc.head is anc:
                break
            anc = anc.head
    return None


def _is_question_asked(cue) -> bool:
    """"Asked if the ministry would consider him a "super spreader", he said
    no" / "he was asked whether ...": the one asked is the subject, the
    question (and any quote in it) is an unnamed asker's."""
    if _speech_lemma(cue) != "ask" or cue.tag_ != "VBN":
        return False
    return not any(c.dep_ == "nsubj" for c in cue.children)


def _governing_verb(doc, piece: QuotePiece, para: tuple[int, int] | None = None):
    """For a short partial quote: the verb it hangs on (called for "strength").
    Only a verb in the quote's own paragraph, as for ``_governing_cue``: a
    headline run on into the first paragraph is not the quote's clause."""
    tokens = _quote_tokens(doc, piece)
    if not tokens or len([t for t in tokens if t.is_alpha]) > 6:
        return None
    inside = {t.i for t in tokens}
    for root in (t for t in tokens if t.head.i not in inside):
        anc = root.head
        for _ in range(6):
            if para is not None and not para[0] <= anc.idx < para[1]:
                break
            if anc.pos_ in ("VERB", "AUX") and _subject_of(anc) is not None:
                return anc
            if anc.head is anc:
                break
            anc = anc.head
    return None


def _tokens_starting_in(doc, token_starts: list[int], lo: int, hi: int):
    """The tokens whose first character lies in [lo, hi), found by binary
    search over ``token_starts`` (every token's offset, in order)."""
    return doc[bisect_left(token_starts, lo):bisect_left(token_starts, hi)]


def _window_after(doc, text: str, token_starts: list[int], piece: QuotePiece, next_start: int, para_end: int):
    """Tokens right after the closing mark up to the sentence end: ", he said"."""
    close = piece.end
    if close < len(text) and text[close] in _QUOTE_CHARS:
        close += 1
    limit = min(next_start, para_end)
    ended_sentence = text[piece.end - 1:piece.end] in (".",)
    out = []
    for tok in _tokens_starting_in(doc, token_starts, close, limit):
        if ended_sentence and not out and tok.is_alpha and not tok.is_lower:
            return []  # "...end." Next sentence: not an attribution
        if tok.text in (".", "!", "?") or len(out) >= 14:
            break
        out.append(tok)
    return out


def _window_before(doc, text: str, token_starts: list[int], piece: QuotePiece, prev_end: int, para_start: int):
    """Tokens from the sentence start (or the previous quote) to the opening
    mark, only when they end with ',' or ':' ("He added, "..."")."""
    open_at = piece.start - 1 if piece.start > 0 and text[piece.start - 1] in _QUOTE_CHARS else piece.start
    lead = text[max(prev_end, para_start):open_at].rstrip()
    if not lead.endswith((",", ":")):
        return []
    out = [t for t in _tokens_starting_in(doc, token_starts, max(prev_end, para_start), open_at)
           if t.idx + len(t) <= open_at]
    if any(t.text in (".", "!", "?") for t in out):
        cut = max(k for k, t in enumerate(out) if t.text in (".", "!", "?"))
        out = out[cut + 1:]
    return out


def _opens_inverted_lead_in(tok) -> bool:
    """"Explained co-founder Janum Trivedi: "..."": a capitalised past-tense
    speech verb that opens its sentence before the speaker (a tagger may read
    it as a proper noun)."""
    low = tok.lower_
    past = low.endswith("ed") or low in ("said", "told", "wrote")
    doc = tok.doc
    opens = tok.i == 0 or doc[tok.i - 1].text in (".", "!", "?", "\n", "\n\n") or doc[tok.i - 1].is_space
    return past and tok.text[:1].isupper() and low in _SPEECH_FORMS and opens


# Verbs of asking that report a question (not speech verbs on their own: "questioned the driver")
_ASKING_LEMMAS = frozenset({"question", "wonder", "query", "ask"})

_SPEAKER_FILLER = {"he", "she", "they", "the", "a", "an", "of", "also", "later", "then", "again", "once",
                   "previously", "earlier", "separately", "has", "had", "have", "in", "his", "her", "its", "their"}


def _speaker_like(tokens) -> bool:
    """Words between a closing quote and its cue that can only be a speaker:
    "Blinken", "the NATO chief", "he also"."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    return len(words) <= 8 and all(
        t.text[:1].isupper() or _norm(t.text) in _SPEAKER_FILLER or _norm(t.text) in _ROLE_WORDS
        or t.text in ("'s", "’s") or (t.is_lower and t.pos_ in ("ADJ", "NOUN") and k > 0)
        for k, t in enumerate(words))


_CAP_NAME = r"(?:[A-Z][\w'\u2019.-]+(?:\s+(?:of|de|van|von|al)?\s*[A-Z][\w'\u2019.-]+){0,6})"


def _surface_name(words: str, people_text: str) -> str | None:
    """The name in a capitalised run, role words dropped: "NATO chief Mark Rutte" -> "Mark Rutte"."""
    tokens = words.split()
    last_role = max((k for k, w in enumerate(tokens) if _norm(w) in _ROLE_WORDS), default=-1)
    tokens = tokens[last_role + 1:]
    if not tokens or not all(t[:1].isupper() for t in tokens) or tokens[0].lower() in _PRONOUNS:
        return None
    return " ".join(_POSSESSIVE.sub("", t) for t in tokens)


def _fullest_surface(name: str, text: str) -> tuple[str, str | None]:
    """Without NER: expand a lone surname when exactly one "First Surname" is written."""
    if len(name.split()) > 1:
        return name, None
    runs = {m.group(1) for m in re.finditer(r"\b([A-Z][a-z]+ " + re.escape(name) + r")\b", text)}
    runs = {r for r in runs if _norm(r.split()[0]) not in _ROLE_WORDS}
    return (runs.pop(), "surname") if len(runs) == 1 else (name, None)


class _Attributor:
    def __init__(self, doc, pieces: list[QuotePiece], text: str):
        self.doc, self.pieces = doc, pieces
        self.text = text  # doc.text: spaCy joins every token's text on each access, so it is read once
        self.token_starts = doc.to_array("IDX").tolist()
        self.parsed = doc.has_annotation("DEP")
        self.paras = paragraph_bounds(self.text)
        self.people = _find_people(doc, pieces, self.token_starts, text) if doc.has_annotation("ENT_IOB") else _People([], [])
        self.resolver = _Resolver(doc, self.people, pieces, self.text) if self.parsed else None

    def para_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.paras:
            if s <= pos <= e:
                return s, e
        return 0, len(self.text)

    def clause_region(self, para: tuple[int, int]) -> tuple[int, int]:
        """The quote's paragraph, plus the paragraphs before it that stop in
        mid-sentence on a lowercase word ("Hopping said that he had" / "been
        "confused" ..."): a broken line, not a paragraph. A headline (no
        final stop, but capitalised) stays out."""
        start, end = para
        k = next((i for i, b in enumerate(self.paras) if b == para), None)
        while k:
            prev = self.text[self.paras[k - 1][0]:self.paras[k - 1][1]].rstrip()
            last_word = prev.split()[-1] if prev else ""
            if not last_word.isalpha() or not last_word.islower():
                break
            k -= 1
            start = self.paras[k][0]
        return start, end

    def attribute(self, k: int) -> _Attribution:
        piece = self.pieces[k]
        para = self.para_of(piece.start)
        next_start = self.pieces[k + 1].start - 1 if k + 1 < len(self.pieces) else len(self.text)
        prev_end = self.pieces[k - 1].end + 1 if k > 0 else 0
        if _is_quoted_name(self.doc, piece):
            return _Attribution(_NO_SPEAKER, None, final=True)
        headline = self._headline_speaker(piece, para)
        if headline.name:
            return _Attribution(headline, None)
        if self.parsed:
            cue = _governing_cue(self.doc, piece, self.clause_region(para))
            if cue is not None and _is_question_asked(cue):
                return _Attribution(_NO_SPEAKER, cue, final=True)
            if cue is not None:
                return _Attribution(self.resolver.of_verb(cue), cue)
        for window, after in ((_window_after(self.doc, self.text, self.token_starts, piece, next_start, para[1]), True),
                              (_window_before(self.doc, self.text, self.token_starts, piece, prev_end, para[0]), False)):
            found = self._from_window(window, after)
            if found:
                return found
        if re.search(r"so-called\s*.?$", self.text[max(0, piece.start - 14):piece.start]):
            return _Attribution(_NO_SPEAKER, None)  # a scare quote by definition
        if self.parsed:
            verb = _governing_verb(self.doc, piece, self.clause_region(para))
            if verb is not None:
                speaker = self.resolver.of_verb(verb)
                if speaker.name:  # not a speech verb: the speaker, but no cue
                    return _Attribution(speaker, None)
            lead = self._lead_in_speaker(piece, para)
            if lead.name:
                return _Attribution(lead, None)
            lead = self._reported_sentence_before(piece, para)
            if lead.name:
                return _Attribution(lead, None)
        return _Attribution(_NO_SPEAKER, None)

    def _headline_speaker(self, piece: QuotePiece, para: tuple[int, int]) -> _Speaker:
        """A headline that opens with the quote and names its speaker after a
        colon: "'We will not back down': Mayor Lopes vows to fight on". The
        quote must open its line, and a person's name must follow the colon
        at once (role words before it allowed)."""
        open_at = piece.start - 1 if piece.start and self.text[piece.start - 1] in _QUOTE_CHARS else piece.start
        if self.text[para[0]:open_at].strip():
            return _NO_SPEAKER
        close = piece.end + (1 if self.text[piece.end:piece.end + 1] in _QUOTE_CHARS else 0)
        after = re.match(r"\s*:\s*", self.text[close:para[1]])
        if after is None:
            return _NO_SPEAKER
        at = close + after.end()
        mention = next((m for m in self.people.mentions if m.start >= at), None)  # mentions are in text order
        if mention is None or mention.start >= para[1]:
            return _NO_SPEAKER
        lead = self.text[at:mention.start].split()
        if len(lead) > 3 or not all(_norm(w) in _ROLE_WORDS for w in lead):
            return _NO_SPEAKER
        return _Speaker(mention.name, mention.start, mention.end, None)

    def _reported_sentence_before(self, piece: QuotePiece, para: tuple[int, int]) -> _Speaker:
        """A quote with no cue that opens a sentence after reported speech in
        its own paragraph ("Resident Anne Tangey questioned whether the
        actions had been planned. "How many councillors ...?""): the main verb
        of the sentence right before is a speech verb, or a verb of asking or
        wondering, with a clause of its own (what was said or asked), and its
        subject names the speaker. "Police questioned the driver." is not."""
        open_at = piece.start - 1 if piece.start and self.text[piece.start - 1] in _QUOTE_CHARS else piece.start
        lead = self.text[para[0]:open_at].rstrip()
        if not lead.endswith((".", "?", "!")):
            return _NO_SPEAKER
        span = self.doc.char_span(para[0], para[0] + len(lead), alignment_mode="contract")
        if span is None or not len(span):
            return _NO_SPEAKER
        sent = span[-1].sent
        tokens = [t for t in sent if para[0] <= t.idx < open_at]
        if not tokens or any(self.resolver._in_quote(t.idx) for t in tokens if t.is_alpha):
            return _NO_SPEAKER
        root = next((t for t in tokens if t.dep_ == "ROOT"), None)
        if root is None or not (_is_cue(root) or root.lemma_.lower() in _ASKING_LEMMAS and root.pos_ == "VERB"):
            return _NO_SPEAKER
        if not any(c.dep_ == "ccomp" for c in root.children):
            return _NO_SPEAKER
        speaker = self.resolver.of_verb(root)
        return _Speaker(speaker.name, speaker.start, speaker.end, "previous") if speaker.name else _NO_SPEAKER

    def _lead_in_speaker(self, piece: QuotePiece, para: tuple[int, int]) -> _Speaker:
        """The speaker of the paragraph before a quote paragraph that has no cue:
        its last sentence is reported speech with the cue as main verb, or ends
        in a colon. The previous paragraph must hold no quote (else the
        quote-to-quote carry-over decides)."""
        if self.text[para[0]:piece.start].strip() not in ("", *_QUOTE_CHARS):
            return _NO_SPEAKER
        k = next((i for i, b in enumerate(self.paras) if b == para), 0)
        if k == 0:
            return _NO_SPEAKER
        prev_start, prev_end = self.paras[k - 1]
        if any(prev_start <= q.start < prev_end for q in self.pieces):
            return _NO_SPEAKER
        last = self.doc.char_span(prev_start, prev_end, alignment_mode="expand")
        if last is None or not len(last):
            return _NO_SPEAKER
        sent = last[-1].sent
        colon = self.text[prev_start:prev_end].rstrip().endswith(":")
        cues = [t for t in sent if prev_start <= t.idx < prev_end and _is_cue(t) and t.lower_ != "according"]
        if colon:
            # "Plymouth Live reports what Judge Linford said next:": the speech
            # verb inside another's clause, with its own subject, is the quote's
            # cue; the outer one only reports it
            at = {t.i for t in cues}
            cues.sort(key=lambda t: -sum(1 for a in t.ancestors if a.i in at))
        for tok in cues:
            if colon or tok.dep_ == "ROOT":
                speaker = self.resolver.of_verb(tok)
                if speaker.name:
                    return _Speaker(speaker.name, speaker.start, speaker.end, "previous")
        return _NO_SPEAKER

    def _from_window(self, window, after: bool) -> _Attribution | None:
        cues = [t for t in window if _is_cue(t) or (not after and t is window[0] and _opens_inverted_lead_in(t))]
        if not cues:
            return None
        cue = cues[0]
        if after and not _speaker_like(window[:window.index(cue)]):
            return None  # ", and urged allies": the sentence goes on, no attribution
        if self.parsed:
            if _subject_of(cue) is not None:
                return _Attribution(self.resolver.of_verb(cue), cue)
        return _Attribution(self._surface_speaker(window, cue), cue)

    def _surface_speaker(self, window, cue) -> _Speaker:
        """Name said / said Name, read off capitalised words next to the cue."""
        text = self.text
        before = text[window[0].idx:cue.idx] if window[0].i < cue.i else ""
        after_end = window[-1].idx + len(window[-1])
        after = text[cue.idx + len(cue):after_end]
        m = re.search(_CAP_NAME + r"\s*$", before.rstrip(" ,:")) if before.strip() else None
        if m is None:
            m = re.match(r"\s*" + _CAP_NAME, after)
            base = cue.idx + len(cue)
        else:
            base = window[0].idx
        if m is None:
            return _NO_SPEAKER
        written = m.group(0).strip()
        name = _surface_name(written, text)
        if not name:
            return _NO_SPEAKER
        start = base + m.start() + m.group(0).index(written) + written.rindex(name.split()[0]) if name.split()[0] in written else base + m.start()
        full, how = _fullest_surface(name, text)
        return _Speaker(full, start, start + len(name), how)


def _carry_previous(pieces: list[QuotePiece], found: list[_Attribution], text: str, paras) -> None:
    """Speakerless quotes that continue an attributed one: a continued quote's
    other pieces, a later quote in the same paragraph, or a quote paragraph
    right after a paragraph that ends with a colon or with that speaker's quote."""
    def para_index(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(paras) if s <= pos <= e), -1)

    for k, piece in enumerate(pieces):
        if found[k].speaker.name is not None or found[k].cue is not None or found[k].final:
            continue
        group = [j for j, p in enumerate(pieces) if p.group == piece.group and found[j].speaker.name]
        source = group[0] if group else None
        if source is None and k > 0 and found[k - 1].speaker.name:
            pi, prev_pi = para_index(piece.start), para_index(pieces[k - 1].start)
            prev_para_text = text[paras[prev_pi][0]:paras[prev_pi][1]].rstrip() if prev_pi >= 0 else ""
            same_para = pi == prev_pi
            next_para = pi == prev_pi + 1 and text[paras[pi][0]:piece.start].strip() in ("", *_QUOTE_CHARS)
            tail = prev_para_text[pieces[k - 1].end - paras[prev_pi][0]:]
            # the previous paragraph ends with that quote or its attribution sentence
            ends_attributed = not re.search(r"[.!?][\"'\u201d\u2019]?\s+[A-Z\u201c\"]", tail)
            if same_para or (next_para and (prev_para_text.endswith(":") or ends_attributed)):
                source = k - 1
        if source is not None:
            s = found[source].speaker
            found[k] = _Attribution(_Speaker(s.name, None, None, "previous"), None)


def _quote_span(piece: QuotePiece, att: _Attribution) -> Span:
    cue = att.cue
    s = att.speaker
    return Span(piece.start, piece.end, "QUOTE", "quote", {
        "speaker": s.name,
        "speaker_start": s.start,
        "speaker_end": s.end,
        "cue": cue.text if cue is not None else None,
        "cue_start": cue.idx if cue is not None else None,
        "cue_end": cue.idx + len(cue) if cue is not None else None,
        "resolved_from": s.resolved_from,
    })


def find_quotes(doc, text: str | None = None) -> list[Span]:
    """Quote spans with their speakers (see the module docstring for the rules).
    ``text`` is ``doc.text`` when the caller has it: spaCy rebuilds that string
    from the tokens on every access."""
    text = doc.text if text is None else text
    pieces = quote_pieces(text)
    if not pieces:
        return []
    attributor = _Attributor(doc, pieces, text)
    found = [attributor.attribute(k) for k in range(len(pieces))]
    _carry_previous(pieces, found, attributor.text, attributor.paras)
    return [_quote_span(p, a) for p, a in zip(pieces, found)]

