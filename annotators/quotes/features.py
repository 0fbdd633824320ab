"""Candidate speakers of a quote and their features, for the learned attributor.

For each quote the rules found, the candidates are: the people named near it
(mentions in its paragraph, the two paragraphs before and the one after), the
organisations named there, the rules' own speaker, the previous quote's
speaker, and "nobody". Each candidate gets a sparse feature dict (name ->
value) that a linear model scores (``annotators.quotes.learned``).

Features are cheap: offsets, the dependency labels spaCy already gave, the
rules' answer; no second parse. A name's features are those of its mention
nearest to the quote.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field

from .cue_words import ROLE_WORDS, norm, speech_lemma
from .subjects import subject_of

NOBODY = None  # the "nobody" candidate's name

# paragraphs before / after the quote's own whose mentions are candidates
PARAS_BEFORE, PARAS_AFTER = 2, 1
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# speech verbs whose lemma is a feature of their subject (the rest share one)
_COMMON_CUES = frozenset({"say", "tell", "add", "write", "explain", "ask", "note", "state", "according",
                          "claim", "argue", "insist", "describe", "call", "warn", "recall", "tweet", "continue"})


def surname(name: str) -> str:
    """The last word of a name that is not a suffix: "Kennedy" of "James Kennedy Jr."."""
    words = name.replace("\u2019", "'").split()
    while len(words) > 1 and words[-1].lower() in _NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else ""


def same_person(name: str | None, other: str | None) -> bool:
    """The lenient match of the quote gold: ``name``'s last word is a word of ``other``."""
    if name is None or other is None:
        return name is None and other is None
    words = other.replace("\u2019", "'").split()
    return surname(name) in words


@dataclass
class Candidate:
    name: str | None  # None: nobody
    start: int | None = None  # the mention given as the speaker's offsets
    end: int | None = None
    kind: str = "person"  # "person", "organisation", "document", "unknown"
    feats: dict[str, float] = field(default_factory=dict)
    rules: bool = False  # the rules' own answer
    coordinated: bool = False  # one of a coordinated subject of the cue: never chosen over the rules (not a feature)


class _Geometry:
    """Where things are: sentence and paragraph of a character offset or token."""

    def __init__(self, attributor):
        self.doc, self.text = attributor.doc, attributor.text
        self.token_starts = attributor.token_starts
        self.paras = attributor.paras
        self.para_starts = [s for s, _ in self.paras]
        sents = attributor.resolver.sents if attributor.resolver is not None else []
        self.sent_starts = [s.start for s in sents]

    def para(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def token(self, pos: int) -> int:
        return max(0, bisect_right(self.token_starts, pos) - 1)

    def sent(self, token_i: int) -> int:
        return max(0, bisect_right(self.sent_starts, token_i) - 1) if self.sent_starts else 0


def _dep_path(tok, cue, limit: int = 4) -> str | None:
    """The dependency labels from ``tok`` up to ``cue`` ("nsubj", "appos>nsubj"), if ``cue`` is an ancestor."""
    labels = []
    for _ in range(limit):
        labels.append(tok.dep_)
        head = tok.head
        if head.i == tok.i:
            return None
        if head.i == cue.i:
            return ">".join(labels)
        tok = head
    return None


_PERSONAL = frozenset({"he", "she", "they", "i", "we"})


def _pronoun_speaks(doc, geo, first_sent: int, last_sent: int, piece) -> bool:
    """A personal pronoun is the subject of a verb in the quote's sentences,
    outside the quote ("Finding water on Europa, he said, is "..."")."""
    lo = geo.sent_starts[first_sent] if geo.sent_starts else 0
    hi = geo.sent_starts[last_sent + 1] if last_sent + 1 < len(geo.sent_starts) else len(doc)
    for tok in doc[lo:min(hi, lo + 120)]:
        if tok.dep_ == "nsubj" and tok.lower_ in _PERSONAL and not piece.start <= tok.idx < piece.end \
                and tok.head.pos_ in ("VERB", "AUX"):
            return True
    return False


def _two_people(subj) -> bool:
    """"Mark Rutte and the NATO chief said": a subject coordinating people
    (names, role words) only; "Paganini and his team" is a person and a group."""
    conjuncts = [subj] + [c for c in subj.children if c.dep_ == "conj"]
    return len(conjuncts) > 1 and all(c.pos_ == "PROPN" or norm(c.text) in ROLE_WORDS for c in conjuncts)


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6+"


@dataclass
class _Unlisted:
    """A proper-noun subject of a speech verb that is no person the article
    names (NER missed it: "Kazim told ..."), as a mention."""
    start: int
    end: int
    name: str
    token_i: int


def _unlisted_speech_subjects(doc, text: str, mentions) -> list[_Unlisted]:
    covered = {m.token_i for m in mentions}
    starts = [(m.start, m.end) for m in mentions]
    verbs = {doc.vocab.strings["VERB"], doc.vocab.strings["AUX"]}
    out = []
    for i, pos in enumerate(doc.to_array("POS").tolist()):
        if pos not in verbs:
            continue
        verb = doc[i]
        if not speech_lemma(verb):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ != "PROPN" or subj.i in covered or not subj.is_title:
            continue
        if any(s <= subj.idx < e for s, e in starts) or subj.ent_type_ in ("ORG", "GPE", "NORP"):
            continue
        first = min([c.i for c in subj.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"] + [subj.i])
        start, end = doc[first].idx, subj.idx + len(subj)
        out.append(_Unlisted(start, end, text[start:end], subj.i))
    return out


def quote_candidates(attributor, kept) -> list[list[Candidate]]:
    """Candidates with features for every (piece, attribution) in ``kept`` (text order)."""
    geo = _Geometry(attributor)
    doc, text = attributor.doc, attributor.text
    parsed = attributor.parsed
    mentions = list(attributor.people.mentions)
    counts = attributor.people.counts
    orgs = [e for e in doc.ents if e.label_ in ("ORG", "GPE")] if doc.has_annotation("ENT_IOB") else []
    if parsed:
        mentions += _unlisted_speech_subjects(doc, text, mentions)
        mentions.sort(key=lambda m: m.start)
    out: list[list[Candidate]] = []
    previous: str | None = None
    for q, (piece, att) in enumerate(kept):
        out.append(_one_quote(geo, doc, text, parsed, mentions, counts, orgs, piece, att, previous, q, kept))
        previous = att.speaker.name or previous
    return out


def _one_quote(geo, doc, text, parsed, mentions, counts, orgs, piece, att, previous, q, kept) -> list[Candidate]:
    p = geo.para(piece.start)
    lo_para, hi_para = max(0, p - PARAS_BEFORE), min(len(geo.paras) - 1, p + PARAS_AFTER)
    lo, hi = geo.paras[lo_para][0] if geo.paras else 0, geo.paras[hi_para][1] if geo.paras else len(text)
    q_tok_start, q_tok_end = geo.token(piece.start), geo.token(max(piece.start, piece.end - 1))
    q_sent = geo.sent(q_tok_start)
    q_sent_end = geo.sent(q_tok_end)
    opens_para = not text[geo.paras[p][0]:piece.start].strip(" \t\n\"'\u201c\u2018") if geo.paras else True
    cue = att.cue
    subj = None
    if parsed and cue is not None:
        subj = subject_of(cue)
    cue_lemma = (speech_lemma(cue) or cue.lower_) if cue is not None else None
    rules_name = att.speaker.name
    prev_end = kept[q - 1][0].end if q > 0 else 0
    next_start = kept[q + 1][0].start if q + 1 < len(kept) else len(text)

    by_name: dict[str, Candidate] = {}
    best_dist: dict[str, int] = {}

    def consider(name, start, end, kind, tok_i, ent_label):
        inside = piece.start <= start < piece.end
        if inside:
            return
        after = start >= piece.end
        dist = (geo.token(start) - q_tok_end) if after else (q_tok_start - tok_i)
        dist = max(0, dist)
        if name in best_dist and best_dist[name] <= dist:
            by_name[name].feats["mentions_near"] = by_name[name].feats.get("mentions_near", 1) + 1
            return
        near = by_name[name].feats.get("mentions_near", 0) + 1 if name in by_name else 1
        best_dist[name] = dist
        m_sent = geo.sent(tok_i)
        m_para = geo.para(start)
        coordinated = False
        f = {"kind=" + kind: 1.0, "ner=" + (ent_label or "none"): 1.0, "mentions_near": near,
             "after" if after else "before": 1.0,
             "log_tokens_" + ("after" if after else "before"): math.log1p(dist),
             "sents_" + ("after" if after else "before") + "=" + _bucket(
                 (m_sent - q_sent_end) if after else (q_sent - m_sent)): 1.0,
             "paras=" + _bucket(abs(m_para - p)) + ("a" if after else "b"): 1.0,
             "log_count": math.log1p(counts.get(name, 0))}
        if (m_sent == q_sent or m_sent == q_sent_end) and (not after or start < next_start) and (after or start >= prev_end):
            f["same_sentence"] = 1.0
        if after and start < next_start or not after and start >= prev_end:
            f["between_neighbours"] = 1.0
        if m_para == 0:
            f["in_first_para"] = 1.0
        if parsed:
            tok = doc[tok_i]
            f["dep=" + tok.dep_] = 1.0
            head = tok.head
            if tok.dep_ == "nsubj" and m_sent in (q_sent, q_sent_end) and head.pos_ in ("VERB", "AUX"):
                f["verb_subject_same_sent"] = 1.0  # "Bridenstine expects ... "..."": any verb's
            if tok.dep_ in ("nsubj", "nsubjpass") and speech_lemma(head) and head.pos_ in ("VERB", "AUX"):
                f["speech_subject"] = 1.0
                if m_sent in (q_sent, q_sent_end):
                    f["speech_subject_same_sent"] = 1.0
                if m_para == p:
                    f["speech_subject_same_para"] = 1.0
            if cue is not None:
                if subj is not None and _two_people(subj) and (
                        subj.i == tok_i or (tok.dep_ == "conj" and tok.head.i == subj.i) or start <= subj.idx < end):
                    coordinated = True  # "Mark Rutte and the NATO chief said": one of two, not the speaker
                if subj is not None and (subj.i == tok_i or start <= subj.idx < end):
                    f["cue_subject"] = 1.0
                    f["cue_subject&" + (cue_lemma if cue_lemma in _COMMON_CUES else "other")] = 1.0
                path = _dep_path(tok, cue) if cue.sent.start <= tok_i < cue.sent.end else None
                if path is not None:
                    f["path=" + path] = 1.0
        by_name[name] = Candidate(name, start, end, kind, f, coordinated=coordinated)

    for m in mentions:
        if lo <= m.start < hi:
            tok = doc[m.token_i]
            consider(m.name, m.start, m.end, "person", m.token_i,
                     "unlisted" if isinstance(m, _Unlisted) else tok.ent_type_ or None)
    for e in orgs:
        if lo <= e.start_char < hi and e.text not in by_name:
            consider(e.text, e.start_char, e.end_char, "organisation", e.end - 1, e.label_)

    cands = list(by_name.values())
    pronoun_cue = subj is not None and subj.lower_ in _PERSONAL
    pronoun_speech = parsed and _pronoun_speaks(doc, geo, q_sent, q_sent_end, piece)
    for side in ("before", "after"):
        near = sorted((c for c in cands if c.kind == "person" and side in c.feats), key=lambda c: best_dist[c.name])
        for rank, c in enumerate(near[:3]):
            c.feats[f"rank_{side}={rank}"] = 1.0
            if pronoun_cue:
                c.feats[f"pronoun_cue&rank_{side}={rank}"] = 1.0
            if pronoun_speech:
                c.feats[f"pronoun_speaks&rank_{side}={rank}"] = 1.0
    in_sentence = any("speech_subject_same_sent" in c.feats for c in cands if c.kind == "person")
    if rules_name is not None:
        match = by_name.get(rules_name) or next((c for c in cands if same_person(rules_name, c.name)), None)
        if match is None:
            match = Candidate(rules_name, att.speaker.start, att.speaker.end, att.speaker.kind or "person",
                              {"out_of_window": 1.0})
            cands.append(match)
        match.rules = True
    if previous is not None:
        prev = next((c for c in cands if same_person(previous, c.name)), None)
        if prev is None:
            prev = Candidate(previous, None, None, "person", {"out_of_window": 1.0})
            cands.append(prev)
        prev.feats["last_speaker"] = 1.0
    how = att.speaker.resolved_from or "direct"
    for c in cands:
        c.feats["bias_candidate"] = 1.0
        if c.rules:
            c.feats["rules_vote"] = 1.0
            c.feats["rules_vote&kind=" + c.kind] = 1.0
            if in_sentence and "speech_subject_same_sent" not in c.feats:
                c.feats["rules_vote&another_speaks_in_sentence"] = 1.0
            c.feats["rules_vote&" + how] = 1.0
            c.feats["rules_vote&" + ("cue" if cue is not None else "nocue")] = 1.0
        if opens_para:
            c.feats["quote_opens_para&" + ("after" if "after" in c.feats else "before")] = 1.0
        if p == 0:
            c.feats["quote_in_first_para"] = 1.0
    words = len(text[piece.start:piece.end].split())
    nobody = {"nobody": 1.0, "nobody&log_candidates": math.log1p(len(cands)),
              "nobody&rules_" + ("none" if rules_name is None else "named"): 1.0,
              "nobody&" + ("cue" if cue is not None else "nocue"): 1.0,
              "nobody&short" if words <= 4 else "nobody&long": 1.0,
              "nobody&kind=" + (att.speaker.kind or "none"): 1.0}
    if att.final:
        nobody["nobody&final"] = 1.0
    if pronoun_speech:
        nobody["nobody&pronoun_speaks"] = 1.0
    if any("speech_subject_same_para" in c.feats and c.kind == "person" for c in cands):
        nobody["nobody&speaker_in_para"] = 1.0
    if any("same_sentence" in c.feats and c.kind == "person" for c in cands):
        nobody["nobody&person_in_sentence"] = 1.0
    if previous is None:
        nobody["nobody&no_previous"] = 1.0
    if opens_para:
        nobody["nobody&opens_para"] = 1.0
    cands.append(Candidate(NOBODY, None, None, att.speaker.kind or "unknown", nobody, rules=rules_name is None))
    if rules_name is None:
        cands[-1].feats["rules_vote"] = 1.0
    return cands
