"""Each quote piece's speaker, carried over to continued quotes, as Spans."""
from __future__ import annotations

import re

from ..types import Span
from .cue_words import QUOTE_CHARS, ROLE_WORDS, is_cue, norm
from .cues import (
    ASKING_LEMMAS, Attribution, CAP_NAME, fullest_surface, governing_cue, governing_verb,
    is_question_asked, is_quoted_name, opens_inverted_lead_in, speaker_like, surface_name,
    window_after, window_before,
)
from .learned import second_opinion
from .marks import QuotePiece, paragraph_bounds, quote_pieces
from .names import People, find_people
from .speakers import Resolver
from .subjects import NO_SPEAKER, Speaker, expand_acronym, subject_of


class _Attributor:
    def __init__(self, doc, pieces: list[QuotePiece], text: str):
        self.doc, self.pieces = doc, pieces
        self.text = text  # doc.text: spaCy joins every token's text on each access, so it is read once
        self.token_starts = doc.to_array("IDX").tolist()
        self.parsed = doc.has_annotation("DEP")
        self.paras = paragraph_bounds(self.text)
        self.people = find_people(doc, pieces, self.token_starts, text) if doc.has_annotation("ENT_IOB") else People([], [])
        self.resolver = Resolver(doc, self.people, pieces, self.text) if self.parsed else None

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

    def attribute(self, k: int) -> Attribution:
        piece = self.pieces[k]
        para = self.para_of(piece.start)
        next_start = self.pieces[k + 1].start - 1 if k + 1 < len(self.pieces) else len(self.text)
        prev_end = self.pieces[k - 1].end + 1 if k > 0 else 0
        if is_quoted_name(self.doc, piece):
            return Attribution(NO_SPEAKER, None, final=True)
        headline = self._headline_speaker(piece, para)
        if headline.name:
            return Attribution(headline, None)
        if self.parsed:
            cue = governing_cue(self.doc, piece, self.clause_region(para))
            if self._reads_as_title(piece, para, cue):
                return Attribution(NO_SPEAKER, None, final=True)
            if cue is not None and is_question_asked(cue):
                return Attribution(NO_SPEAKER, cue, final=True)
            if cue is not None:
                speaker = self.resolver.of_verb(cue)
                cue, speaker = self._outer_speaker(cue, speaker)
                if speaker.name or speaker.kind:
                    return Attribution(speaker, cue)
        # a cue whose subject names no one ("That being said, "...," he said"):
        # the words next to the marks may still name the speaker
        governed = Attribution(speaker, cue) if self.parsed and cue is not None else None
        if governed is not None and subject_of(cue) is not None and subject_of(cue).i < cue.i \
                and subject_of(cue).pos_ != "PRON":
            return governed
        before = window_before(self.doc, self.text, self.token_starts, piece, prev_end, para[0])
        for window, after in ((window_after(self.doc, self.text, self.token_starts, piece, next_start, para[1]), True),
                              (before, False)):
            found = self._from_window(window, after)
            if found and (governed is None or found.speaker.name):
                return found
        if governed is not None:  # the cue names nobody, and the words next to the marks do not either
            return governed
        colon = self._colon_lead_speaker(before) if self.parsed else NO_SPEAKER
        if colon.name:
            return Attribution(colon, None)
        if re.search(r"so-called\s*.?$", self.text[max(0, piece.start - 14):piece.start]):
            return Attribution(NO_SPEAKER, None)  # a scare quote by definition
        if self.parsed:
            verb = governing_verb(self.doc, piece, self.clause_region(para))
            if verb is not None:
                speaker = self.resolver.of_verb(verb)
                if speaker.name or speaker.kind == "document":  # not a speech verb: the speaker, but no cue
                    return Attribution(speaker, None)
            lead = self._lead_in_speaker(piece, para)
            if lead.name:
                return Attribution(lead, None)
            lead = self._reported_sentence_before(piece, para)
            if lead.name:
                return Attribution(lead, None)
        return Attribution(NO_SPEAKER, None)

    def _outer_speaker(self, cue, speaker: Speaker) -> tuple[object, Speaker]:
        """"Pompeo said that after legal consultation Washington had concluded
        the settlements were "not, per se, inconsistent ..."": a cue inside the
        clause another speech verb reports, whose subject is no person (a
        country, a body, nobody named), is part of what the outer speaker
        said; the quoted words are the outer speaker's when that is a named person."""
        if speaker.name and speaker.kind in (None, "person"):
            return cue, speaker
        outer = cue.head
        if cue.dep_ != "ccomp" or outer.i == cue.i or not is_cue(outer):
            return cue, speaker
        found = self.resolver.of_verb(outer)
        if found.name and found.kind in (None, "person"):
            return outer, found
        return cue, speaker

    def _headline_speaker(self, piece: QuotePiece, para: tuple[int, int]) -> Speaker:
        """A headline that opens with the quote and names its speaker after a
        colon: "'We will not back down': Mayor Lopes vows to fight on". The
        quote must open its line, and a person's name must follow the colon
        at once (role words before it allowed)."""
        open_at = piece.start - 1 if piece.start and self.text[piece.start - 1] in QUOTE_CHARS else piece.start
        if self.text[para[0]:open_at].strip():
            return NO_SPEAKER
        close = piece.end + (1 if self.text[piece.end:piece.end + 1] in QUOTE_CHARS else 0)
        after = re.match(r"\s*:\s*", self.text[close:para[1]])
        if after is None:
            return NO_SPEAKER
        at = close + after.end()
        mention = next((m for m in self.people.mentions if m.start >= at), None)  # mentions are in text order
        if mention is None or mention.start >= para[1]:
            return NO_SPEAKER
        lead = self.text[at:mention.start].split()
        if len(lead) > 3 or not all(norm(w) in ROLE_WORDS for w in lead):
            return NO_SPEAKER
        return Speaker(mention.name, mention.start, mention.end, None)

    def _reads_as_title(self, piece: QuotePiece, para: tuple[int, int], cue) -> bool:
        """A title in running text ("eliminated from “Dancing with the
        Stars,”", "said on “DWTS.”"): title-case words, not opening the
        paragraph, not a question or an exclamation, and either no speech cue
        governs it or it names something inside the reported clause (the
        object of a preposition, a modifier)."""
        words = re.findall(r"[\w'’@-]+", self.text[piece.start:piece.end])
        if not _title_words(words) or self.text[piece.end - 1:piece.end] in ("?", "!"):
            return False
        if not self.text[para[0]:piece.start].strip(" \t\n" + "".join(QUOTE_CHARS)):
            return False
        shouted = all(w.isupper() for w in words)  # "SIT DOWN WHEN YOU READ THIS." is speech in capitals
        if cue is None or not shouted and any(w[:1].isupper() and w.lower() in _TITLE_CAPITALISED_SMALL
                                              for w in words[1:]):
            return True  # "Takin' It To The Streets": small words written capitalised are a title's
        tokens = [t for t in self.doc.char_span(piece.start, piece.end, alignment_mode="expand") or []]
        inside = {t.i for t in tokens}
        roots = [t for t in tokens if t.head.i not in inside and not t.is_punct]
        return bool(roots) and all(r.dep_ in ("pobj", "pcomp", "conj", "compound", "nmod", "appos", "poss") for r in roots)

    def _colon_lead_speaker(self, window) -> Speaker:
        """A short lead-in ending in a colon with no speech verb: a name and
        where or what they are ("Meghan McCain, Twitter: "..."", "Jeremy
        Lott, author: "...""), or a clause whose subject is a person ("He
        sighed: "...""). The lead is at most eight words, from the sentence
        start to the opening mark."""
        if not window or window[-1].text != ":":
            return NO_SPEAKER
        words = [t for t in window if not (t.is_punct or t.is_space)]
        if not 1 <= len(words) <= 8:
            return NO_SPEAKER
        opening = next((m for m in self.people.mentions if m.start == words[0].idx), None)
        if opening is not None:
            rest = [t for t in words if t.idx >= opening.end]
            if not any(t.pos_ in ("VERB", "AUX") for t in rest) and (not rest or self.text[opening.end:rest[0].idx].strip() == ","):
                return Speaker(opening.name, opening.start, opening.end, None)
            if not any(t.pos_ in ("VERB", "AUX") for t in rest):
                return NO_SPEAKER  # a name then more words, no clause: not a lead-in
        root = next((t for t in words if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
        subj = subject_of(root) if root is not None else None
        # a person: a pronoun, a PERSON entity, or a name the article gives a person elsewhere
        # ("Smith agreed: ...", where NER reads this "Smith" as an organisation)
        if subj is None or not (subj.lower_ in ("he", "she") or subj.ent_type_ == "PERSON"
                                or (subj.pos_ == "PROPN" and self.people.mention_at(subj.i) is not None)):
            return NO_SPEAKER
        speaker = self.resolver.of_token(subj)
        return speaker if speaker.name else NO_SPEAKER

    def _reported_sentence_before(self, piece: QuotePiece, para: tuple[int, int]) -> Speaker:
        """A quote with no cue that opens a sentence after reported speech in
        its own paragraph ("Resident Anne Tangey questioned whether the
        actions had been planned. "How many councillors ...?""): the main verb
        of the sentence right before is a speech verb, or a verb of asking or
        wondering, with a clause of its own (what was said or asked), and its
        subject names the speaker. "Police questioned the driver." is not."""
        open_at = piece.start - 1 if piece.start and self.text[piece.start - 1] in QUOTE_CHARS else piece.start
        lead = self.text[para[0]:open_at].rstrip()
        if not lead.endswith((".", "?", "!")):
            return NO_SPEAKER
        span = self.doc.char_span(para[0], para[0] + len(lead), alignment_mode="contract")
        if span is None or not len(span):
            return NO_SPEAKER
        sent = span[-1].sent
        tokens = [t for t in sent if para[0] <= t.idx < open_at]
        if not tokens or any(self.resolver.in_quote(t.idx) for t in tokens if t.is_alpha):
            return NO_SPEAKER
        root = next((t for t in tokens if t.dep_ == "ROOT"), None)
        if root is None or not (is_cue(root) or root.lemma_.lower() in ASKING_LEMMAS and root.pos_ == "VERB"):
            return NO_SPEAKER
        if not any(c.dep_ == "ccomp" for c in root.children):
            return NO_SPEAKER
        speaker = self.resolver.of_verb(root)
        return Speaker(speaker.name, speaker.start, speaker.end, "previous", speaker.kind) if speaker.name else NO_SPEAKER

    def _lead_in_speaker(self, piece: QuotePiece, para: tuple[int, int]) -> Speaker:
        """The speaker of the paragraph before a quote paragraph that has no cue:
        its last sentence is reported speech with the cue as main verb, or ends
        in a colon. The previous paragraph must hold no quote (else the
        quote-to-quote carry-over decides)."""
        if self.text[para[0]:piece.start].strip() not in ("", *QUOTE_CHARS):
            return NO_SPEAKER
        k = next((i for i, b in enumerate(self.paras) if b == para), 0)
        if k == 0:
            return NO_SPEAKER
        prev_start, prev_end = self.paras[k - 1]
        if any(prev_start <= q.start < prev_end for q in self.pieces):
            return NO_SPEAKER
        last = self.doc.char_span(prev_start, prev_end, alignment_mode="expand")
        if last is None or not len(last):
            return NO_SPEAKER
        sent = last[-1].sent
        colon = self.text[prev_start:prev_end].rstrip().endswith(":")
        cues = [t for t in sent if prev_start <= t.idx < prev_end and is_cue(t) and t.lower_ != "according"]
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
                    return Speaker(speaker.name, speaker.start, speaker.end, "previous", speaker.kind)
        return NO_SPEAKER

    def _from_window(self, window, after: bool) -> Attribution | None:
        # '"...," he continued.' / 'she agreed.': a verb that is no speech verb elsewhere is one when it
        # ends the attribution right after the quote
        cues = [t for t in window if is_cue(t) or (not after and t.i == window[0].i and opens_inverted_lead_in(t))
                or (after and t.i == window[-1].i and t.lower_ in _CLOSING_CUES and t.pos_ == "VERB")]
        if not cues:
            return None
        cue = cues[0]
        if after and not speaker_like(window[:window.index(cue)]):
            return None  # ", and urged allies": the sentence goes on, no attribution
        if self.parsed:
            if subject_of(cue) is not None:
                return Attribution(self.resolver.of_verb(cue), cue)
        return Attribution(self._surface_speaker(window, cue), cue)

    def _surface_speaker(self, window, cue) -> Speaker:
        """Name said / said Name, read off capitalised words next to the cue."""
        text = self.text
        before = text[window[0].idx:cue.idx] if window[0].i < cue.i else ""
        after_end = window[-1].idx + len(window[-1])
        after = text[cue.idx + len(cue):after_end]
        m = re.search(CAP_NAME + r"\s*$", before.rstrip(" ,:")) if before.strip() else None
        if m is None:
            m = re.match(r"\s*" + CAP_NAME, after)
            base = cue.idx + len(cue)
        else:
            base = window[0].idx
        if m is None:
            return NO_SPEAKER
        written = m.group(0).strip()
        name = surface_name(written, text)
        if not name:
            return NO_SPEAKER
        start = base + m.start() + m.group(0).index(written) + written.rindex(name.split()[0]) if name.split()[0] in written else base + m.start()
        full, how = fullest_surface(name, text)
        return Speaker(full, start, start + len(name), how)


def _carry_previous(pieces: list[QuotePiece], found: list[Attribution], text: str, paras) -> None:
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
            next_para = pi == prev_pi + 1 and text[paras[pi][0]:piece.start].strip() in ("", *QUOTE_CHARS)
            tail = prev_para_text[pieces[k - 1].end - paras[prev_pi][0]:]
            # the previous paragraph ends with that quote or its attribution sentence
            ends_attributed = not re.search(r"[.!?][\"'\u201d\u2019]?\s+[A-Z\u201c\"]", tail)
            if same_para or (next_para and (prev_para_text.endswith(":") or ends_attributed)):
                source = k - 1
        if source is not None:
            s = found[source].speaker
            found[k] = Attribution(Speaker(s.name, None, None, "previous", s.kind), None)


def _quote_span(piece: QuotePiece, att: Attribution, text: str) -> Span:
    cue = att.cue
    s = att.speaker
    return Span(piece.start, piece.end, "QUOTE", "quote", {
        "speaker": expand_acronym(s.name, text) if s.name and s.kind == "organisation" else s.name,
        "speaker_start": s.start,
        "speaker_end": s.end,
        "cue": cue.text if cue is not None else None,
        "cue_start": cue.idx if cue is not None else None,
        "cue_end": cue.idx + len(cue) if cue is not None else None,
        "resolved_from": s.resolved_from,
        "speaker_kind": s.kind or ("person" if s.name else "unknown"),
    })


def _is_unspoken(doc, text: str, piece: QuotePiece, att: Attribution, para_start: int) -> bool:
    """A title no one is said to say, quoted in running text ("Dancing with
    the Stars", "Battlefield V"): no speaker, no kind of source, no speech
    cue, a proper name or a title-case run of up to eight words, and not
    opening its paragraph (a quote opening a headline or a paragraph is speech)."""
    if att.speaker.name or att.speaker.kind or (att.cue is not None and not att.final):
        return False
    if not text[para_start:piece.start].strip(" \t\n" + "".join(QUOTE_CHARS)):
        return False
    words = re.findall(r"[\w'’@-]+", text[piece.start:piece.end])
    return _title_words(words) or (0 < len(words) <= 8 and is_quoted_name(doc, piece))


def _title_words(words: list[str]) -> bool:
    """One to eight words, each capitalised but for small words: "Dancing with the Stars"."""
    return 0 < len(words) <= 8 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words)


_CLOSING_CUES = frozenset({"continued", "continues", "agreed", "agrees"})
_TITLE_CAPITALISED_SMALL = frozenset({"a", "an", "the", "of", "to", "in", "on", "and", "with", "for", "at", "by",
                                      "it", "you", "me", "my", "your", "is", "are", "from", "up", "out"})
_TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "and", "with", "for", "at", "by", "is"})


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
    kept = [(p, a) for p, a in zip(pieces, found)
            if not (attributor.parsed and _is_unspoken(doc, text, p, a, attributor.para_of(p.start)[0])
                    and sum(q.group == p.group for q in pieces) == 1)]
    spans = [_quote_span(p, a, text) for p, a in kept]
    second_opinion(attributor, kept, spans)  # the learned attributor: speaker_score, and its speaker past a margin
    return spans
