"""Turn text pasted from a news page (with its chrome) into the article.

Pure functions: no SQL, no UI. The rules work on the *shape* of lines
(length, punctuation, repetition, position relative to the body) plus a
small vocabulary of universal web prompts, never on one outlet's strings.

The guiding trade-off: a reader would rather see a stray menu line than
lose a sentence of the article, so a line inside the body is only removed
when it is positively recognised as chrome.

The package, in the order a page goes through it: ``normalise`` (line
breaks, controls), ``shapes`` (features of one line), ``lines`` (each line's
chrome class, then from its neighbours), ``body`` (which lines are the
article), the fields (``title``, ``byline``, ``dates``, ``source``), and the
entry points ``pasted``, ``markdown`` and ``html``.
"""
from __future__ import annotations

from .html import clean_html
from .markdown import clean_markdown
from .normalise import normalise_text
from .pasted import clean_pasted

__all__ = ["clean_html", "clean_markdown", "clean_pasted", "normalise_text"]
