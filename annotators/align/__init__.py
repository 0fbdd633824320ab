"""Side-by-side comparison of several reports of one story.

Pure functions over articles and their spans (no store, no UI):

* ``group_entities``  - one person/organisation/place across spellings;
* ``align_quotes``    - the same (or nearly the same) quote in several articles,
  with a word diff;
* ``compare_figures`` - figures about the same thing, flagged when they differ;
* ``align_passages``  - monotone paragraph alignment of two articles;
* ``cluster_stories`` - which articles report the same event (learned pair model, streaming);
* ``compare``         - all of the above bundled, with ``to_dict()`` for JSON.

One module per comparison (``entities``, ``quotes``, ``figures``, ``passages``,
``stories``; ``comparison`` bundles them; ``text`` holds the article view and
the word helpers they share).

Everything here is a candidate list for an editor: thresholds favour precision.
"""
from __future__ import annotations

from .text import ArticleView
from .entities import EntityGroup, group_entities, fold_name, NAME_LABELS, PLACE_LABELS
from .quotes import (
    QuoteMember, QuoteGroup, align_quotes, word_diff, DiffOp, QUOTE_MIN_WORDS, QUOTE_NEAR_EQUAL,
    QUOTE_CONTAINED, QUOTE_SHINGLE,
)
from .figures import FigureMember, FigureGroup, FigureValue, compare_figures, parse_figure, FIGURE_LABELS
from .comparison import Comparison, compare
from .passages import align_passages, split_paragraphs, PASSAGE_MIN_SCORE
from .stories import cluster_stories, story_similarities, STORY_THRESHOLD

__all__ = [
    "ArticleView", "EntityGroup", "QuoteMember", "QuoteGroup", "FigureMember", "FigureGroup",
    "FigureValue", "Comparison", "group_entities", "align_quotes", "compare_figures", "align_passages",
    "split_paragraphs", "cluster_stories", "story_similarities", "compare", "fold_name", "parse_figure",
    "word_diff", "STORY_THRESHOLD", "NAME_LABELS", "PLACE_LABELS", "FIGURE_LABELS", "DiffOp",
    "QUOTE_MIN_WORDS", "QUOTE_NEAR_EQUAL", "QUOTE_CONTAINED", "QUOTE_SHINGLE", "PASSAGE_MIN_SCORE",
]
