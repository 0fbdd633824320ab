"""What governs a quote: the speech verb it hangs on, the words right before
or after its marks, a title in quotes, an asked question."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .cue_words import PRONOUNS, QUOTE_CHARS, ROLE_WORDS, SPEECH_FORMS, is_cue, norm, speech_lemma
from .marks import QuotePiece
from .names import POSSESSIVE
from .subjects import Speaker, subject_of


@dataclass
class Attribution:
    speaker: Speaker
    cue: object | None  # the cue token
    final: bool = False  # no speaker, and none to carry over (a title in quotes)


def is_quoted_name(doc, piece: QuotePiece) -> bool:
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


def governing_cue(doc, piece: QuotePiece, para: tuple[int, int] | None = None):
    """A speech verb the quote depends on ("said that X will "use ..."").
    Only a verb in the quote's own paragraph: a parse that runs a sentence on
    over a paragraph break hangs the quote on the next paragraph's verb."""
    tokens = _quote_tokens(doc, piece)
    inside = {t.i for t in tokens}
    for root in (t for t in tokens if t.head.i not in inside and t.head.i != t.i):
        anc = root.head
        for _ in range(8):
            if para is not None and not para[0] <= anc.idx < para[1]:
                break
            if is_cue(anc):
                return anc
            according = [c for c in anc.children if c.lower_ == "according" and c.i not in inside]
            if according:
                return according[0]
            if anc.head.i == anc.i:
                break
            anc = anc.head
    return None


def is_question_asked(cue) -> bool:
    """"Asked if the ministry would consider him a "super spreader", he said
    no" / "he was asked whether ...": the one asked is the subject, the
    question (and any quote in it) is an unnamed asker's."""
    if speech_lemma(cue) != "ask" or cue.tag_ != "VBN":
        return False
    return not any(c.dep_ == "nsubj" for c in cue.children)


def governing_verb(doc, piece: QuotePiece, para: tuple[int, int] | None = None):
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
            if anc.pos_ in ("VERB", "AUX") and subject_of(anc) is not None:
                return anc
            if anc.head.i == anc.i:
                break
            anc = anc.head
    return None


def _tokens_starting_in(doc, token_starts: list[int], lo: int, hi: int):
    """The tokens whose first character lies in [lo, hi), found by binary
    search over ``token_starts`` (every token's offset, in order)."""
    return doc[bisect_left(token_starts, lo):bisect_left(token_starts, hi)]


def window_after(doc, text: str, token_starts: list[int], piece: QuotePiece, next_start: int, para_end: int):
    """Tokens right after the closing mark up to the sentence end: ", he said"."""
    close = piece.end
    if close < len(text) and text[close] in QUOTE_CHARS:
        close += 1
    limit = min(next_start, para_end)
    ended_sentence = text[piece.end - 1:piece.end] in (".",)
    out = []
    for tok in _tokens_starting_in(doc, token_starts, close, limit):
        if ended_sentence and not out and tok.is_alpha and not tok.is_lower:
            return []  # "...end." Next sentence: not an attribution
        if tok.text == "." and out and not out[-1].whitespace_ and out[-1].text.lower() in TITLE_ABBREVIATIONS:
            out.append(tok)  # "Vancouver police Const. Tim Fanning told": a title's full stop ends no sentence
            continue
        if tok.text in (".", "!", "?") or len(out) >= 14:
            break
        out.append(tok)
    return out


# Titles written short before a name, whose full stop the tokenizer may leave as a
# token of its own ("Const.", "Supt."): it ends no sentence.
TITLE_ABBREVIATIONS = frozenset("""
const sgt det insp supt lt cpl capt col gen gov sen rep rev prof dr mr mrs ms cmdr cdr maj adm pte
atty hon fr
""".split())


def window_before(doc, text: str, token_starts: list[int], piece: QuotePiece, prev_end: int, para_start: int):
    """Tokens from the sentence start (or the previous quote) to the opening
    mark, only when they end with ',' or ':' ("He added, "..."")."""
    open_at = piece.start - 1 if piece.start > 0 and text[piece.start - 1] in QUOTE_CHARS else piece.start
    lead = text[max(prev_end, para_start):open_at].rstrip()
    if not lead.endswith((",", ":")):
        return []
    out = [t for t in _tokens_starting_in(doc, token_starts, max(prev_end, para_start), open_at)
           if t.idx + len(t) <= open_at]
    if any(t.text in (".", "!", "?") for t in out):
        cut = max(k for k, t in enumerate(out) if t.text in (".", "!", "?"))
        out = out[cut + 1:]
    return out


def opens_inverted_lead_in(tok) -> bool:
    """"Explained co-founder Janum Trivedi: "..."": a capitalised past-tense
    speech verb that opens its sentence before the speaker (a tagger may read
    it as a proper noun)."""
    low = tok.lower_
    past = low.endswith("ed") or low in ("said", "told", "wrote")
    doc = tok.doc
    opens = tok.i == 0 or doc[tok.i - 1].text in (".", "!", "?", "\n", "\n\n") or doc[tok.i - 1].is_space
    return past and tok.text[:1].isupper() and low in SPEECH_FORMS and opens


# Verbs of asking that report a question (not speech verbs on their own: "questioned the driver")
ASKING_LEMMAS = frozenset({"question", "wonder", "query", "ask"})

_SPEAKER_FILLER = {"he", "she", "they", "the", "a", "an", "of", "also", "later", "then", "again", "once",
                   "previously", "earlier", "separately", "has", "had", "have", "in", "his", "her", "its", "their"}


def speaker_like(tokens) -> bool:
    """Words between a closing quote and its cue that can only be a speaker:
    "Blinken", "the NATO chief", "he also"."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    return len(words) <= 8 and all(
        t.text[:1].isupper() or norm(t.text) in _SPEAKER_FILLER or norm(t.text) in ROLE_WORDS
        or t.text in ("'s", "’s") or (t.is_lower and t.pos_ in ("ADJ", "NOUN") and k > 0)
        or (k > 0 and t.pos_ == "ADV" and t.lower_.endswith("ly"))  # "Brooke tearfully asked"
        or (k == 0 and t.lower_ == "as")  # '"new Gannett," as Reed dubbed the combination
        for k, t in enumerate(words))


CAP_NAME = r"(?:[A-Z][\w'\u2019.-]+(?:\s+(?:of|de|van|von|al)?\s*[A-Z][\w'\u2019.-]+){0,6})"


def surface_name(words: str, people_text: str) -> str | None:
    """The name in a capitalised run, role words dropped: "NATO chief Mark Rutte" -> "Mark Rutte"."""
    tokens = words.split()
    last_role = max((k for k, w in enumerate(tokens) if norm(w) in ROLE_WORDS), default=-1)
    tokens = tokens[last_role + 1:]
    if not tokens or not all(t[:1].isupper() for t in tokens) or tokens[0].lower() in PRONOUNS:
        return None
    return " ".join(POSSESSIVE.sub("", t) for t in tokens)


def fullest_surface(name: str, text: str) -> tuple[str, str | None]:
    """Without NER: expand a lone surname when exactly one "First Surname" is written."""
    if len(name.split()) > 1:
        return name, None
    runs = {m.group(1) for m in re.finditer(r"\b([A-Z][a-z]+ " + re.escape(name) + r")\b", text)}
    runs = {r for r in runs if norm(r.split()[0]) not in ROLE_WORDS}
    return (runs.pop(), "surname") if len(runs) == 1 else (name, None)
