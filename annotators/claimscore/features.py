"""What the check-worthiness scorer sees of a sentence.

Two parts, both cheap once spaCy has parsed the article:
- the sentence's words, as hashed word 1- and 2-grams (digits folded to 0, so
  "7.2%" and "3.1%" are the same n-gram), by scikit-learn's HashingVectorizer;
- a small dense vector read from the Doc: the share of each part-of-speech tag,
  the entity labels present (counts, capped), numbers, first and second person,
  modals, hedges, a question, the length, and the mean of the pipeline's own
  ``tok2vec`` output over the sentence (``doc.tensor``: context the tagger and
  parser already computed).

The token attributes are read once per Doc as arrays (``doc.to_array``), and
each sentence is a slice of them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import numpy as np

HASH_FEATURES = 2 ** 18
TAGS = ("CC CD DT EX FW IN JJ JJR JJS LS MD NN NNS NNP NNPS PDT POS PRP PRP$ RB RBR RBS RP SYM TO UH VB VBD VBG "
        "VBN VBP VBZ WDT WP WP$ WRB $ `` '' , . : -LRB- -RRB- HYPH NFP ADD AFX XX _SP").split()
ENTITY_LABELS = ("PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE DATE TIME PERCENT MONEY "
                 "QUANTITY ORDINAL CARDINAL").split()
FIRST_PERSON = frozenset("i me my mine myself we us our ours ourselves".split())
SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
HEDGES = frozenset("maybe perhaps probably possibly think believe guess feel hope seems seem apparently "
                   "might suppose".split())
LEXICAL = ("first_person", "second_person", "modal", "hedge", "number", "digit", "question", "exclaim",
           "quote_mark", "log_length")
TENSOR_WIDTH = 96  # en_core_web_sm's tok2vec width; another pipeline's tensor is cut or padded to it
DENSE_NAMES = tuple(f"tag={t}" for t in TAGS) + tuple(f"ent={e}" for e in ENTITY_LABELS) + LEXICAL + tuple(
    f"t2v{i}" for i in range(TENSOR_WIDTH))

_DIGIT = re.compile(r"\d")


def fold(text: str) -> str:
    """What the word n-grams are read from: lower case, each digit a 0."""
    return _DIGIT.sub("0", text.lower())


@lru_cache(maxsize=None)
def hasher():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=HASH_FEATURES, ngram_range=(1, 2), alternate_sign=False, norm="l2",
                             lowercase=False, preprocessor=fold, token_pattern=r"(?u)\b\w+\b|[%$€£]")


@lru_cache(maxsize=None)
def _ids() -> tuple:
    """spaCy's 64-bit ids of the tag and entity labels and of the word sets
    (the same in every pipeline's StringStore)."""
    from spacy.strings import get_string_id

    tags = np.array([get_string_id(t) for t in TAGS], dtype=np.uint64)
    ents = np.array([get_string_id(e) for e in ENTITY_LABELS], dtype=np.uint64)
    words = {name: np.array(sorted(get_string_id(w) for w in ws), dtype=np.uint64)
             for name, ws in (("first", FIRST_PERSON), ("second", SECOND_PERSON), ("hedge", HEDGES))}
    return tags, ents, words


class DocArrays:
    """A Doc's token attributes as arrays, sliced per sentence."""

    def __init__(self, doc):
        from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LIKE_NUM, LOWER, TAG

        self.tags_ids, self.ent_ids, self.words = _ids()
        arr = doc.to_array([TAG, ENT_TYPE, ENT_IOB, LIKE_NUM, LOWER, IDX]).astype(np.uint64)
        self.tag, self.ent, self.iob, self.like_num, self.lower = arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], arr[:, 4]
        self.idx = arr[:, 5].astype(np.int64)
        tensor = getattr(doc, "tensor", None)
        if tensor is None or getattr(tensor, "ndim", 0) != 2 or tensor.shape[0] != len(doc):
            tensor = np.zeros((len(doc), TENSOR_WIDTH), dtype=np.float32)
        tensor = np.asarray(tensor, dtype=np.float32)
        if tensor.shape[1] != TENSOR_WIDTH:
            fixed = np.zeros((len(doc), TENSOR_WIDTH), dtype=np.float32)
            width = min(TENSOR_WIDTH, tensor.shape[1])
            fixed[:, :width] = tensor[:, :width]
            tensor = fixed
        self.tensor = tensor

    @staticmethod
    def usable(doc) -> bool:
        """Whether ``doc`` has what the full model reads: tags and a tensor of the tok2vec width."""
        tensor = getattr(doc, "tensor", None)
        return (len(doc) > 0 and doc.has_annotation("TAG") and getattr(tensor, "ndim", 0) == 2
                and tensor.shape == (len(doc), TENSOR_WIDTH))

    def tokens(self, start_char: int, end_char: int) -> tuple[int, int]:
        """The tokens that start inside [start_char, end_char)."""
        return (int(np.searchsorted(self.idx, start_char, "left")), int(np.searchsorted(self.idx, end_char, "left")))

    def dense(self, start: int, end: int, text: str) -> np.ndarray:
        """The dense features of tokens [start, end) whose text is ``text``."""
        return self.dense_rows([(start, end)], [text])[0]

    def dense_rows(self, bounds: Sequence[tuple[int, int]], texts: Sequence[str]) -> np.ndarray:
        """One row of dense features per token range [start, end) (text ``texts[k]``),
        all at once: sums over a range are differences of running sums."""
        starts = np.array([b[0] for b in bounds], dtype=np.int64)
        ends = np.array([b[1] for b in bounds], dtype=np.int64)
        n = np.maximum(ends - starts, 1)[:, None]
        per_token = np.concatenate([
            self.tag[:, None] == self.tags_ids[None, :],
            (self.ent[:, None] == self.ent_ids[None, :]) & (self.iob == 3)[:, None],  # B: each entity once
            np.isin(self.lower, self.words["first"])[:, None],
            np.isin(self.lower, self.words["second"])[:, None],
            (self.tag == self.tags_ids[10])[:, None],  # MD
            np.isin(self.lower, self.words["hedge"])[:, None],
            (self.like_num != 0)[:, None],
        ], axis=1).astype(np.float64)
        counts = _range_sums(per_token, starts, ends)
        n_tags, n_ents = len(TAGS), len(ENTITY_LABELS)
        tag_share = counts[:, :n_tags] / n
        ent_count = np.minimum(counts[:, n_tags:n_tags + n_ents], 3) / 3
        flags = counts[:, n_tags + n_ents:] > 0
        text_flags = np.array([(_DIGIT.search(t) is not None, "?" in t, "!" in t, any(q in t for q in "\"“”"))
                               for t in texts], dtype=bool).reshape(len(texts), 4)
        lexical = np.concatenate([flags[:, :5], text_flags, np.log1p(n) / 4], axis=1)
        t2v = _range_sums(self.tensor.astype(np.float64), starts, ends) / n
        return np.concatenate([tag_share, ent_count, lexical, t2v], axis=1).astype(np.float32)


def _range_sums(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    running = np.zeros((values.shape[0] + 1, values.shape[1]), dtype=np.float64)
    np.cumsum(values, axis=0, out=running[1:])
    return running[ends] - running[starts]
