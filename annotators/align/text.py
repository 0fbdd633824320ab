"""The article as the comparison sees it, and the word helpers every comparison uses."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..types import Span


@dataclass(frozen=True)
class ArticleView:
    id: int
    title: str | None
    source: str | None
    text: str
    spans: tuple[Span, ...] = ()

    def spans_of(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]


# --------------------------------------------------------------------------- text helpers

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    """Lower-cased word tokens; curly apostrophes straightened so we're == we’re."""
    return _WORD.findall(_strip_accents(text.translate(_APOSTROPHES)).lower())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    # spaCy lists "n't"-style tokens with curly apostrophes too; our tokens are straight.
    return frozenset(w.translate(_APOSTROPHES).lower() for w in STOP_WORDS)


def _stem(word: str) -> str:
    # Truncation stemming: cheap and good enough to make ukraine/ukrainian,
    # inaugurated/inauguration, military/militarily meet.
    return word[:5]
