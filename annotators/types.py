"""Small frozen records passed between annotators, store and tui.

Offsets are always Python string indices into the cleaned article text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

SpanKind = Literal["entity", "quote", "claim"]
KINDS: tuple[str, ...] = ("entity", "quote", "claim")


@dataclass(frozen=True)
class Span:
    """A labelled character range of an article's cleaned text.

    ``attrs`` carries kind-specific data: for a quote ``speaker``,
    ``speaker_start``, ``speaker_end``, ``cue``; for a claim ``tags``,
    ``verdict``, ``note``, ``normalized``.
    """

    start: int
    end: int
    label: str
    kind: str
    attrs: Mapping[str, Any] = field(default_factory=dict)

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class CleanedText:
    """Pasted page text split into the article and what was around it."""

    text: str
    title: str | None = None
    byline: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """The model's spans for one article, in text order."""

    spans: tuple[Span, ...]
    # The article's tokens as the pipeline cut them (annotators.tokenization), when
    # its components leave them as the tokenizer made them; None otherwise.
    tokens: Any = None
    # Suggestion steps stopped by the article's time budget (annotators.budget), in order.
    skipped: tuple[str, ...] = ()

    def of_kind(self, kind: str) -> list[Span]:
        return [s for s in self.spans if s.kind == kind]
