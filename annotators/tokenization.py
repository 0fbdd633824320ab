"""An article's tokens as spaCy's tokenizer cuts them, kept for the exports.

Import runs the pipeline over every article; the token bounds it produced are
the same the exports' tokenizer would produce again (``spacy.blank("en")``'s
rules are the trained English pipelines' rules, byte for byte), so import
hands them on with the identity of the tokenizer that made them, and the store
keeps them only for as long as that identity and the article's text hold.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

# Pipeline components that never change a Doc's tokens (no retokenizer, no
# merging): a doc through these has the tokenizer's own tokens.
KEEPS_TOKENS = frozenset({
    "tok2vec", "transformer", "curated_transformer", "tagger", "morphologizer", "parser", "beam_parser", "senter",
    "sentencizer", "attribute_ruler", "lemmatizer", "trainable_lemmatizer", "ner", "beam_ner", "entity_ruler",
    "span_ruler", "spancat", "spancat_singlelabel", "textcat", "textcat_multilabel", "entity_linker",
})


@dataclass(frozen=True)
class Tokenization:
    """Token start and end offsets (end exclusive), whether a space follows
    each, and ``tokenizer``: :func:`tokenizer_identity` of what cut them."""

    tokenizer: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    spaces: tuple[bool, ...]


def tokenizer_identity(tokenizer) -> str:
    """A digest of the tokenizer's rules (prefixes, suffixes, infixes,
    exceptions, ...) and spaCy's version: two tokenizers with the same
    identity cut every text the same way."""
    import spacy

    digest = hashlib.blake2b(digest_size=16)
    digest.update(spacy.__version__.encode())
    digest.update(tokenizer.to_bytes(exclude=["vocab"]))
    return digest.hexdigest()


def keeps_tokens(nlp) -> bool:
    """Whether every component ``nlp.pipe`` runs leaves the tokenizer's tokens as they are."""
    return all(factory in KEEPS_TOKENS for factory in nlp.pipe_factories.values())


def tokenization_of(doc, tokenizer: str) -> Tokenization:
    from spacy.attrs import IDX, LENGTH, SPACY

    if not len(doc):
        return Tokenization(tokenizer, (), (), ())
    arr = doc.to_array([IDX, LENGTH, SPACY])
    starts = arr[:, 0]
    return Tokenization(tokenizer, tuple(starts.tolist()), tuple((starts + arr[:, 1]).tolist()),
                        tuple(arr[:, 2].astype(bool).tolist()))
