"""CoNLL-2003-style NER: IOB2 entity tags, one token a line, four columns::

    -DOCSTART- -X- O O

    Antony -X- _ B-PERSON
    Blinken -X- _ I-PERSON
    met -X- _ O

The columns are ``token -X- _ TAG`` (the part-of-speech and chunk columns are
placeholders, as spaCy's ``convert -c ner`` expects).  A blank line ends each
sentence (spaCy's rule ``sentencizer``, never splitting inside an entity), and
``-DOCSTART- -X- O O`` opens every article.  Tokens are spaCy's English rules
(``spacy.blank("en")``); whitespace tokens (line breaks) are left out.
Entities go through the same Doc as the ``spacy`` format, so they are snapped
to tokens and overlaps are resolved the same way (see ``spacy_docbin``).
Quotes and claims are not part of CoNLL NER.

CoNLL has no "missing" tag: every token without an entity reads as ``O``
(known not to be an entity).  So only articles marked done are written (their
unmarked text is known to be negative); an article not done is left out and
counted ("not done"), and the summary says so.  In a done article the tokens
of an entity overlapped by a longer one are written ``O`` (counted).  There is no reader: the format
drops the text's spacing, so an article cannot be rebuilt from it.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .base import Item, Summary
from .spacy_docbin import make_doc

SUFFIX = ".conll"
DOCSTART = "-DOCSTART- -X- O O"
NOT_DONE = ("article not marked done, left out (CoNLL has no missing tag: its unreviewed tokens would "
            "read as O); mark articles done or use the spacy format")


@lru_cache(maxsize=1)
def _sentencizer():
    import spacy

    nlp = spacy.blank("en")
    return nlp.add_pipe("sentencizer")


def sentences(doc) -> Iterator[list[tuple[str, str]]]:
    for token in doc:
        if token.ent_iob_ == "I":
            token.is_sent_start = False  # the sentencizer keeps what is already set
    doc = _sentencizer()(doc)
    for sent in doc.sents:
        rows = []
        for token in sent:
            if token.text.isspace() or not token.text:
                continue
            tag = f"{token.ent_iob_}-{token.ent_type_}" if token.ent_iob_ in ("B", "I") else "O"
            rows.append((token.text, tag))
        if rows:
            yield rows


def lines_for(article, spans, summary: Summary) -> Iterator[str]:
    kept = [s for s in spans if s.kind == "entity"]
    doc = make_doc(article, kept, summary)
    yield DOCSTART
    yield ""
    for rows in sentences(doc):
        for token, tag in rows:
            yield f"{token} -X- _ {tag}"
        yield ""


def export(items: Iterable[Item], out: Path, summary: Summary) -> list[Path]:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for article, spans, _links in items:
            if not article.done:
                summary.skip(NOT_DONE)
                continue
            for line in lines_for(article, spans, summary):
                fh.write(line + "\n")
            summary.articles += 1
            n_other = sum(1 for s in spans if s.kind != "entity")
            if n_other:
                summary.skip("quote/claim (CoNLL holds entities only)", n_other)
    summary.files.append(out)
    return [out]


write = export
